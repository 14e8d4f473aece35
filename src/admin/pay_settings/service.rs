//! The owner's ways to pay read and saved: the admin service's part for `/admin/payments` (see `admin/service.rs`
//! for why it extends `AdminService`).

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
        actor: &str,
        input: &PaySettingsForm,
    ) -> Result<Result<(), Vec<FieldError>>, DbError> {
        let settings = match input.parse() {
            Ok(settings) => settings,
            Err(errors) => return Ok(Err(errors)),
        };
        pay_settings::save(&self.db, &settings).await?;
        tracing::info!(by = actor, "ways to pay saved");
        Ok(Ok(()))
    }
}
