//! A product's pictures as the owner keeps them: an upload redrawn off the serving threads, one at a time
//! (`pictures::product_picture`), then stored with the product's (`db::pictures`); their order, their words for a
//! shopper who cannot see them, the variant each shows, and their removal. Extends the admin catalog service.

use super::{
    Flash, PictureEdit, Returned,
    form::PictureForm,
    service::{AdminCatalogService, Saved},
};
use crate::{
    admin::form::{FieldError, Problem},
    db::{DbError, pictures},
    domain,
    error::AppError,
    i18n::Lang,
    picture_store::StoreError,
    pictures::{PictureError, product_picture},
};

/// What came of an upload.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    Added(i64),
    Refused(PictureError),
    NoSuchProduct,
}

impl AdminCatalogService {
    /// Redraws the uploaded bytes at each width and adds them as the product's last picture; the shop's pages show
    /// it at once. A refused picture changes nothing.
    pub async fn add_picture(&self, actor: &str, product_id: i64, bytes: Vec<u8>) -> Result<Added, StoreError> {
        let uploaded = bytes.len();
        let files = {
            // Closed only when the shop stops: then nothing more is redrawn.
            let Ok(_turn) = self.redrawing.acquire().await else {
                return Ok(Added::Refused(PictureError::Broken));
            };
            match tokio::task::spawn_blocking(move || product_picture(&bytes)).await {
                Ok(Ok(files)) => files,
                Ok(Err(refused)) => return Ok(Added::Refused(refused)),
                Err(error) => {
                    tracing::warn!(%error, product_id, "redrawing an uploaded picture failed");
                    return Ok(Added::Refused(PictureError::Broken));
                }
            }
        };
        let Some(id) = self.store.add(product_id, &files).await? else {
            return Ok(Added::NoSuchProduct);
        };
        let stored: usize = files.files.iter().map(|(_, bytes)| bytes.len()).sum();
        tracing::info!(%actor, product_id, picture = id, uploaded, stored, "product picture added");
        self.catalog_changed();
        Ok(Added::Added(id))
    }
}

impl AdminCatalogService {
    /// The product's pictures as its page shows them, each with its form (or the one the owner sent back).
    pub(super) async fn picture_edits(
        &self,
        product_id: i64,
        returned: Option<(i64, Returned<PictureForm>)>,
    ) -> Result<Vec<PictureEdit>, DbError> {
        let mut returned = returned;
        Ok(pictures::of_product(&self.db, product_id)
            .await?
            .into_iter()
            .map(|picture| {
                let stored = Returned {
                    input: PictureForm {
                        alt_mn: picture.alt_mn.clone(),
                        alt_en: picture.alt_en.clone(),
                        variant: picture.variant_id.map(|id| id.to_string()).unwrap_or_default(),
                    },
                    errors: Vec::new(),
                };
                let form = match returned.take() {
                    Some((id, sent)) if id == picture.id => sent,
                    other => {
                        returned = other;
                        stored
                    }
                };
                PictureEdit {
                    id: picture.id,
                    src: picture.shown(domain::picture::WIDTHS[0]).src,
                    form,
                }
            })
            .collect())
    }

    pub async fn shift_picture(
        &self,
        actor: &str,
        product_id: i64,
        picture_id: i64,
        earlier: bool,
        lang: Lang,
    ) -> Result<Saved, AppError> {
        if !pictures::shift(&self.db, product_id, picture_id, earlier).await? {
            return Err(AppError::NotFound);
        }
        tracing::info!(%actor, product_id, picture_id, earlier, "product picture moved");
        self.catalog_changed();
        Ok(back_to_product(product_id, lang.settings().picture_moved, None))
    }

    pub async fn remove_picture(
        &self,
        actor: &str,
        product_id: i64,
        picture_id: i64,
        lang: Lang,
    ) -> Result<Saved, AppError> {
        if !self.store.remove(product_id, picture_id).await? {
            return Err(AppError::NotFound);
        }
        tracing::info!(%actor, product_id, picture_id, "product picture removed");
        self.catalog_changed();
        Ok(back_to_product(product_id, lang.settings().picture_removed, None))
    }

    /// Saves the picture's words and its variant, or sends the form back with its mistakes; nothing changes then.
    pub async fn describe_picture(
        &self,
        actor: &str,
        product_id: i64,
        picture_id: i64,
        input: PictureForm,
        lang: Lang,
    ) -> Result<Saved, AppError> {
        let mut errors = match input.parse() {
            Ok(valid) => {
                let theirs = match valid.variant_id {
                    Some(variant) => pictures::is_variant_of(&self.db, product_id, variant).await?,
                    None => true,
                };
                if theirs {
                    let alt = (valid.alt_mn.as_str(), valid.alt_en.as_str());
                    if !pictures::describe(&self.db, product_id, picture_id, alt, valid.variant_id).await? {
                        return Err(AppError::NotFound);
                    }
                    tracing::info!(%actor, product_id, picture_id, "product picture described");
                    self.catalog_changed();
                    return Ok(back_to_product(product_id, lang.settings().saved, None));
                }
                Vec::new()
            }
            Err(errors) => errors,
        };
        if errors.is_empty() {
            errors.push(FieldError::new("variant", Problem::UnknownVariant));
        }
        let flash = Flash::Picture(product_id, picture_id, Returned { input, errors });
        Ok(back_to_product(product_id, lang.settings().fix_fields, Some(flash)))
    }
}

/// Back to the product's page with `notice`, and the form sent back when there is one.
fn back_to_product(product_id: i64, notice: &'static str, returned: Option<Flash>) -> Saved {
    Saved {
        notice,
        returned,
        page: format!("/admin/products/{product_id}"),
    }
}
