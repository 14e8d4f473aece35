//! The owner's message settings (`/admin/messages`): the owner's phone and e-mail for new paid orders and trouble,
//! and the reminder to an unpaid order's shopper. Saved in the database, so a change applies to the next message
//! without a restart; `OWNER_PHONE` in the environment is only the default phone.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::error::AppError;
use form::MessageSettingsForm;

pub mod form;
mod pages;

pub use pages::MessageSettingsPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageSettingsData {
    pub who: crate::admin::Signed,
    pub form: Returned<MessageSettingsForm>,
    /// The phone `OWNER_PHONE` sets, used while the form's is empty.
    pub default_phone: Option<String>,
    pub notice: Option<String>,
}

#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Returned<MessageSettingsForm>> =
    crate::web::OneTime::new("admin_message_settings_form");

#[server]
pub async fn get_admin_message_settings() -> Result<MessageSettingsData, AppError> {
    let owner = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let returned = session.take(&RETURNED_FORM).await?;
    let admin = expect_context::<super::service::AdminService>();
    let (saved, default_phone) = admin.message_settings().await?;
    let form = returned.unwrap_or(Returned {
        input: MessageSettingsForm::from_settings(&saved),
        errors: Vec::new(),
    });
    Ok(MessageSettingsData {
        who: owner,
        form,
        default_phone,
        notice,
    })
}

/// Saves the settings, or sends the form back with each field's mistake; nothing is saved then.
#[server]
pub async fn admin_save_message_settings(#[server(flatten)] form: MessageSettingsForm) -> Result<(), AppError> {
    let owner = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    match admin.save_message_settings(&owner.email, &form).await? {
        Ok(()) => {
            let saved = crate::i18n::use_lang().settings().saved.to_owned();
            session.keep(&super::ACTION_NOTICE, &saved).await?;
        }
        Err(errors) => session.keep(&RETURNED_FORM, &Returned { input: form, errors }).await?,
    }
    leptos_axum::redirect("/admin/messages");
    Ok(())
}

#[cfg(feature = "ssr")]
mod service {
    use super::form::MessageSettingsForm;
    use crate::{
        admin::{form::FieldError, service::AdminService},
        db::{DbError, notice_settings},
        domain::notice_settings::NoticeSettings,
    };

    impl AdminService {
        /// The saved settings, and the phone the environment gives.
        pub async fn message_settings(&self) -> Result<(NoticeSettings, Option<String>), DbError> {
            let saved = notice_settings::get(&self.db).await?;
            let default_phone = self
                .payments
                .settings()
                .sms
                .owner_phone
                .as_ref()
                .map(|p| p.as_str().to_owned());
            Ok((saved, default_phone))
        }

        pub async fn save_message_settings(
            &self,
            owner_email: &str,
            input: &MessageSettingsForm,
        ) -> Result<Result<(), Vec<FieldError>>, DbError> {
            let settings = match input.parse() {
                Ok(settings) => settings,
                Err(errors) => return Ok(Err(errors)),
            };
            notice_settings::save(&self.db, &settings).await?;
            tracing::info!(by = owner_email, "message settings saved");
            Ok(Ok(()))
        }
    }
}
