//! A product's pictures as the owner adds them: the upload redrawn off the serving threads, one at a time
//! (`pictures::product_picture`), then stored with the product's (`db::pictures`). Extends the admin catalog service.

use super::service::AdminCatalogService;
use crate::{
    db::{DbError, pictures},
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
    pub async fn add_picture(&self, actor: &str, product_id: i64, bytes: Vec<u8>) -> Result<Added, DbError> {
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
        let Some(id) = pictures::add(&self.db, product_id, &files).await? else {
            return Ok(Added::NoSuchProduct);
        };
        let stored: usize = files.files.iter().map(|(_, bytes)| bytes.len()).sum();
        tracing::info!(%actor, product_id, picture = id, uploaded, stored, "product picture added");
        self.catalog_changed();
        Ok(Added::Added(id))
    }
}
