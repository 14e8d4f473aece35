//! The shop's identity read and saved: the admin service's part for `/admin/settings` (see `admin/service.rs` for
//! why it extends `AdminService`). Saved through the identity cache, so this instance shows it at once and the
//! others within seconds (`shop_identity.rs`).

use std::sync::Arc;

use super::{form::IdentityForm, writing::PageForm};
use crate::{
    admin::{
        form::{Check, FieldError},
        service::AdminService,
    },
    db::{DbError, shop_pages},
    domain::{
        shop_identity::ShopIdentity,
        shop_page::{BODY_MAX, PageKind},
    },
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

    /// The page's Markdown as the form shows it; empty before it is written.
    pub async fn shop_page(&self, kind: PageKind) -> Result<PageForm, DbError> {
        let (body_mn, body_en) = shop_pages::get(&self.db, kind).await?.unwrap_or_default();
        Ok(PageForm { body_mn, body_en })
    }

    /// Saves the page unless a language's text is longer than [`BODY_MAX`]; every instance's footer learns of it.
    pub async fn save_shop_page(
        &self,
        actor: &str,
        kind: PageKind,
        input: &PageForm,
    ) -> Result<Result<(), Vec<FieldError>>, DbError> {
        let mut check = Check::default();
        let body_mn = check.text("body_mn", &input.body_mn, BODY_MAX, false);
        let body_en = check.text("body_en", &input.body_en, BODY_MAX, false);
        if let Err(errors) = check.done(()) {
            return Ok(Err(errors));
        }
        shop_pages::save(&self.db, kind, &body_mn, &body_en).await?;
        self.identity.reload().await?;
        tracing::info!(by = actor, page = kind.slug(), "a shop page saved");
        Ok(Ok(()))
    }
}
