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

pub use pages::PaySettingsPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaySettingsData {
    pub who: crate::admin::Signed,
    pub form: Returned<PaySettingsForm>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Returned<PaySettingsForm>> =
    crate::web::OneTime::new("admin_pay_settings_form");

#[server]
pub async fn get_admin_pay_settings() -> Result<PaySettingsData, AppError> {
    let owner = super::signed_in(crate::domain::staff::Duty::Settings).await?;
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
        who: owner,
        form,
        notice,
    })
}

/// Saves the settings, or sends the form back with each field's mistake; nothing is saved then.
#[server]
pub async fn admin_save_pay_settings(#[server(flatten)] form: PaySettingsForm) -> Result<(), AppError> {
    let owner = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    match admin.save_pay_settings(&owner.email, &form).await? {
        Ok(()) => {
            let saved = crate::i18n::use_lang().settings().saved.to_owned();
            session.keep(&super::ACTION_NOTICE, &saved).await?;
        }
        Err(errors) => session.keep(&RETURNED_FORM, &Returned { input: form, errors }).await?,
    }
    leptos_axum::redirect("/admin/payments");
    Ok(())
}

#[cfg(feature = "ssr")]
mod service {
    use super::form::PaySettingsForm;
    use crate::{
        admin::{form::FieldError, service::AdminService},
        db::{DbError, pay_settings},
        domain::pay_settings::PaySettings,
    };

    impl AdminService {
        pub async fn pay_settings(&self) -> Result<PaySettings, DbError> {
            pay_settings::get(&self.db).await
        }

        pub async fn save_pay_settings(
            &self,
            owner_email: &str,
            input: &PaySettingsForm,
        ) -> Result<Result<(), Vec<FieldError>>, DbError> {
            let settings = match input.parse() {
                Ok(settings) => settings,
                Err(errors) => return Ok(Err(errors)),
            };
            pay_settings::save(&self.db, &settings).await?;
            tracing::info!(by = owner_email, "ways to pay saved");
            Ok(Ok(()))
        }
    }
}
