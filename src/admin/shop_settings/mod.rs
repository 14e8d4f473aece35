//! The shop's own identity (`/admin/settings`), the owner's alone: its name in both languages and a short one for
//! texts, a tagline, an accent colour, and how shoppers reach it (phones, e-mail, address, opening hours, social
//! pages). Every page, the QPay invoice and every message read it (`shop_identity.rs`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::error::AppError;
use form::IdentityForm;

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
mod service;
pub mod writing;

pub use pages::ShopSettingsPage;
pub use writing::ShopPageEditPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopSettingsData {
    pub who: crate::admin::Account,
    /// Where the logo is served, when there is one.
    pub logo: Option<String>,
    /// The largest upload, in KB.
    pub max_kb: usize,
    pub form: Returned<IdentityForm>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Returned<IdentityForm>> = crate::web::OneTime::new("admin_identity_form");

#[server]
pub async fn get_admin_shop_settings() -> Result<ShopSettingsData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let returned = session.take(&RETURNED_FORM).await?;
    let admin = expect_context::<super::service::AdminService>();
    let form = returned.unwrap_or_else(|| Returned {
        input: IdentityForm::from_identity(&admin.shop_identity()),
        errors: Vec::new(),
    });
    let catalog = expect_context::<super::catalog::service::AdminCatalogService>();
    Ok(ShopSettingsData {
        who: account,
        logo: admin.shop_identity().logo_path(),
        max_kb: catalog.max_picture_bytes() / 1024,
        form,
        notice,
    })
}

/// Saves the shop's identity, or sends the form back with each field's mistake; nothing is saved then.
#[server]
pub async fn admin_save_shop_settings(#[server(flatten)] form: IdentityForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    match admin.save_shop_identity(&account.email, &form).await? {
        Ok(()) => {
            let saved = crate::i18n::use_lang().identity().saved.to_owned();
            session.keep(&super::ACTION_NOTICE, &saved).await?;
        }
        Err(errors) => session.keep(&RETURNED_FORM, &Returned { input: form, errors }).await?,
    }
    leptos_axum::redirect("/admin/settings");
    Ok(())
}

/// Removes the shop's logo.
#[server]
pub async fn admin_remove_logo() -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    admin.remove_logo(&account.email).await?;
    let removed = crate::i18n::use_lang().identity().logo_removed.to_owned();
    session.keep(&super::ACTION_NOTICE, &removed).await?;
    leptos_axum::redirect("/admin/settings");
    Ok(())
}
