//! The owner's delivery settings (`/admin/delivery`): Ulaanbaatar zones with their districts or khoroos, fee,
//! "free from" and promised time; pickup points; countryside delivery with fees per aimag. A change applies to
//! orders placed after it: an order keeps what it was charged. A form with mistakes comes back filled in.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::error::AppError;
use form::{CountrysideForm, PickupForm, ZoneForm};

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::DeliveryPage;

/// One form of the page: the thing's id (`None` for the "new" form) and its fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit<T> {
    pub id: Option<i64>,
    pub form: Returned<T>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryData {
    pub who: crate::admin::Account,
    /// Each zone, then the empty "new zone" form.
    pub zones: Vec<Edit<ZoneForm>>,
    pub pickup_points: Vec<Edit<PickupForm>>,
    pub countryside: Returned<CountrysideForm>,
    pub notice: Option<String>,
}

/// A form sent back with its mistakes, for the page that shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub enum Sent {
    Zone(Edit<ZoneForm>),
    Pickup(Edit<PickupForm>),
    Countryside(Returned<CountrysideForm>),
}

#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Sent> = crate::web::OneTime::new("admin_delivery_form");

/// What came of a save, kept for the page it goes back to.
#[cfg(feature = "ssr")]
async fn back_with(outcome: Result<&'static str, Sent>) -> Result<(), AppError> {
    let session = crate::web::VisitorSession::current().await?;
    match outcome {
        Ok(notice) => session.keep(&super::ACTION_NOTICE, &notice.to_owned()).await?,
        Err(sent) => session.keep(&RETURNED_FORM, &sent).await?,
    }
    leptos_axum::redirect("/admin/delivery");
    Ok(())
}

#[server]
pub async fn get_admin_delivery() -> Result<DeliveryData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let sent = session.take(&RETURNED_FORM).await?;
    let delivery = expect_context::<service::DeliverySettingsService>();
    Ok(delivery.page(account, notice, sent).await?)
}

#[server]
pub async fn admin_save_zone(
    #[server(default)] id: Option<i64>,
    #[server(flatten)] form: ZoneForm,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let delivery = expect_context::<service::DeliverySettingsService>();
    back_with(
        delivery
            .save_zone(&account.email, id, form, crate::i18n::use_lang())
            .await?,
    )
    .await
}

#[server]
pub async fn admin_save_pickup_point(
    #[server(default)] id: Option<i64>,
    #[server(flatten)] form: PickupForm,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let delivery = expect_context::<service::DeliverySettingsService>();
    back_with(
        delivery
            .save_pickup(&account.email, id, form, crate::i18n::use_lang())
            .await?,
    )
    .await
}

#[server]
pub async fn admin_save_countryside(#[server(flatten)] form: CountrysideForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let delivery = expect_context::<service::DeliverySettingsService>();
    back_with(
        delivery
            .save_countryside(&account.email, form, crate::i18n::use_lang())
            .await?,
    )
    .await
}
