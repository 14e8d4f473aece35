//! The owner's message settings read and saved: the admin service's part for `/admin/messages` (see
//! `admin/service.rs` for why it extends `AdminService`).

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
        actor: &str,
        input: &MessageSettingsForm,
    ) -> Result<Result<(), Vec<FieldError>>, DbError> {
        let settings = match input.parse() {
            Ok(settings) => settings,
            Err(errors) => return Ok(Err(errors)),
        };
        notice_settings::save(&self.db, &settings).await?;
        tracing::info!(by = actor, "message settings saved");
        Ok(Ok(()))
    }
}
