//! The shop's identity read and saved: the admin service's part for `/admin/settings` (see `admin/service.rs` for
//! why it extends `AdminService`). Saved through the identity cache, so this instance shows it at once and the
//! others within seconds (`shop_identity.rs`).

use std::sync::Arc;

use super::form::IdentityForm;
use crate::{
    admin::{form::FieldError, service::AdminService},
    db::DbError,
    domain::shop_identity::ShopIdentity,
};

impl AdminService {
    /// The identity as every page shows it now.
    pub fn shop_identity(&self) -> Arc<ShopIdentity> {
        self.identity.current()
    }

    pub async fn save_shop_identity(
        &self,
        actor: &str,
        input: &IdentityForm,
    ) -> Result<Result<(), Vec<FieldError>>, DbError> {
        let identity = match input.parse() {
            Ok(identity) => identity,
            Err(errors) => return Ok(Err(errors)),
        };
        self.identity.save(identity).await?;
        tracing::info!(by = actor, "the shop's identity saved");
        Ok(Ok(()))
    }
}
