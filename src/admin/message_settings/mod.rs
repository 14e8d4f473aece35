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
#[cfg(feature = "ssr")]
mod service;

pub use pages::MessageSettingsPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageSettingsData {
    pub who: crate::admin::Account,
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
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
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
        who: account,
        form,
        default_phone,
        notice,
    })
}

/// Saves the settings, or sends the form back with each field's mistake; nothing is saved then.
#[server]
pub async fn admin_save_message_settings(#[server(flatten)] form: MessageSettingsForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<super::service::AdminService>();
    match admin.save_message_settings(&account.email, &form).await? {
        Ok(()) => {
            let saved = crate::i18n::use_lang().settings().saved.to_owned();
            session.keep(&super::ACTION_NOTICE, &saved).await?;
        }
        Err(errors) => session.keep(&RETURNED_FORM, &Returned { input: form, errors }).await?,
    }
    leptos_axum::redirect("/admin/messages");
    Ok(())
}
