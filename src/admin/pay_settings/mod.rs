//! The owner's ways to pay beside QPay (`/admin/payments`, issue #20): cash on delivery, paying at the pickup
//! point, a bank transfer to the shop's account, and how long each kind of order waits for its money. Saved in the
//! database, so a change applies to the next order; an order keeps the way and the time it was placed with.

// The server function takes one argument per field of a plain HTML form.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::{domain::pay_settings::PaySettingsInput, error::AppError};

mod pages;

pub use pages::PaySettingsPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaySettingsData {
    pub who: crate::admin::Signed,
    pub form: Returned<PaySettingsInput>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Returned<PaySettingsInput>> =
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
            input: PaySettingsInput::of(&admin.pay_settings().await?),
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
pub async fn admin_save_pay_settings(
    #[server(default)] cash_on_delivery: String,
    #[server(default)] pay_at_pickup: String,
    #[server(default)] bank_transfer: String,
    #[server(default)] bank: String,
    #[server(default)] account_number: String,
    #[server(default)] account_holder: String,
    #[server(default)] cash_hours: String,
    #[server(default)] transfer_hours: String,
) -> Result<(), AppError> {
    let owner = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    let input = PaySettingsInput {
        cash_on_delivery,
        pay_at_pickup,
        bank_transfer,
        bank,
        account_number,
        account_holder,
        cash_hours,
        transfer_hours,
    };
    match admin.save_pay_settings(&owner.email, &input).await? {
        Ok(()) => {
            let saved = crate::i18n::use_lang().pick("Хадгаллаа.", "Saved.");
            session.keep(&super::ACTION_NOTICE, &saved.to_owned()).await?;
        }
        Err(errors) => session.keep(&RETURNED_FORM, &Returned { input, errors }).await?,
    }
    leptos_axum::redirect("/admin/payments");
    Ok(())
}

#[cfg(feature = "ssr")]
mod service {
    use crate::{
        admin::service::AdminService,
        db::{DbError, pay_settings},
        domain::{
            catalog::FieldError,
            pay_settings::{PaySettings, PaySettingsInput},
        },
    };

    impl AdminService {
        pub async fn pay_settings(&self) -> Result<PaySettings, DbError> {
            pay_settings::get(&self.db).await
        }

        pub async fn save_pay_settings(
            &self,
            owner_email: &str,
            input: &PaySettingsInput,
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
