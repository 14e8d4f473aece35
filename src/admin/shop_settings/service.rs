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
    db::{DbError, shop_logo, shop_pages},
    domain::{
        shop_identity::ShopIdentity,
        shop_page::{BODY_MAX, PageKind},
    },
    pictures::{PictureError, logo_files},
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

    /// Makes the logo and its icons from the uploaded bytes and puts them in place of the shop's logo, or says why
    /// the picture is refused; nothing changes then.
    pub async fn save_logo(&self, actor: &str, bytes: Vec<u8>) -> Result<Result<(), PictureError>, DbError> {
        // Decoding and resizing is seconds of work for a big photo: off the threads that serve pages.
        let files = match tokio::task::spawn_blocking(move || logo_files(&bytes)).await {
            Ok(Ok(files)) => files,
            Ok(Err(refused)) => return Ok(Err(refused)),
            Err(error) => {
                tracing::warn!(%error, "decoding an uploaded logo failed");
                return Ok(Err(PictureError::Broken));
            }
        };
        shop_logo::save(&self.db, Some(&files)).await?;
        self.identity.reload().await?;
        tracing::info!(by = actor, hash = %files.hash, "the shop's logo saved");
        Ok(Ok(()))
    }

    /// The shop goes back to showing its name alone, and the built-in icon.
    pub async fn remove_logo(&self, actor: &str) -> Result<(), DbError> {
        shop_logo::save(&self.db, None).await?;
        self.identity.reload().await?;
        tracing::info!(by = actor, "the shop's logo removed");
        Ok(())
    }
}
