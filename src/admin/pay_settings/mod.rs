//! The owner's ways to pay beside QPay (`/admin/payments`): cash on delivery, paying at the pickup point, a bank
//! transfer to the shop's account, and how long each kind of order waits for its money. Saved in the database, so
//! a change applies to the next order; an order keeps the way and the time it was placed with.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::error::AppError;
use form::PaySettingsForm;

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
mod service;

pub use pages::PaySettingsPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaySettingsData {
    pub who: crate::admin::Account,
    pub form: Returned<PaySettingsForm>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Returned<PaySettingsForm>> =
    crate::web::OneTime::new("admin_pay_settings_form");

#[server]
pub async fn get_admin_pay_settings() -> Result<PaySettingsData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let returned = session.take(&RETURNED_FORM).await?;
    let admin = expect_context::<super::service::AdminService>();
    let form = match returned {
        Some(returned) => returned,
        None => Returned {
            input: PaySettingsForm::of(&admin.pay_settings().await?),
            errors: Vec::new(),
        },
    };
    Ok(PaySettingsData {
        who: account,
        form,
        notice,
    })
}

/// Saves the settings, or sends the form back with each field's mistake; nothing is saved then.
#[server]
pub async fn admin_save_pay_settings(#[server(flatten)] form: PaySettingsForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    match admin.save_pay_settings(&account.email, &form).await? {
        Ok(()) => {
            let saved = crate::i18n::use_lang().settings().saved.to_owned();
            session.keep(&super::ACTION_NOTICE, &saved).await?;
        }
        Err(errors) => session.keep(&RETURNED_FORM, &Returned { input: form, errors }).await?,
    }
    leptos_axum::redirect("/admin/payments");
    Ok(())
}
