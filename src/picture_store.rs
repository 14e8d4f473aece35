//! Where a product picture's files are kept (`PICTURE_STORE`). In the database by default: every instance serves
//! a picture the moment any of them stored it, and a backup carries it. In a folder (`MEDIA_DIR/pictures/`) when
//! the owner would rather keep the database small: the folder must then be shared by every instance and backed up
//! beside the database. Either way the pictures' rows are in the database (`db::pictures`), and a file the folder
//! does not have is looked for in the database, so pictures stored before a switch (and the demo's, which seeding
//! keeps there) are still served.

use std::path::{Path, PathBuf};

use crate::{
    config::{MediaSettings, PictureStoreKind},
    db::{Db, DbError, pictures},
    domain::picture::file_path,
    pictures::PictureFiles,
};

/// Why the store could not keep or read a picture.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("the pictures' folder: {0}")]
    Folder(#[from] std::io::Error),
}

#[derive(Debug, Clone)]
pub struct PictureStore {
    db: Db,
    /// `MEDIA_DIR/pictures` with the folder store; `None` with the database's.
    folder: Option<PathBuf>,
}

impl PictureStore {
    pub fn new(db: Db, media: &MediaSettings) -> PictureStore {
        let folder = (media.store == PictureStoreKind::Folder).then(|| media.dir.join("pictures"));
        PictureStore { db, folder }
    }

    /// Adds `files` as the product's last picture; `None` when there is no such product. In a folder the files are
    /// written first, each under a temporary name then renamed, so no row ever names a file that is not whole.
    pub async fn add(&self, product_id: i64, files: &PictureFiles) -> Result<Option<i64>, StoreError> {
        let with_bytes = self.keep_files(files).await?;
        Ok(pictures::add(&self.db, product_id, files, with_bytes).await?)
    }

    /// Writes the files into the folder when the store is one; whether the database must keep their bytes instead
    /// (for the caller that writes the picture's row itself: an import, in its own transaction). A file written for
    /// a row that is then not written is left, as an upload cut short leaves one: never served, and harmless.
    pub async fn keep_files(&self, files: &PictureFiles) -> Result<bool, StoreError> {
        let Some(folder) = &self.folder else {
            return Ok(true);
        };
        tokio::fs::create_dir_all(folder).await?;
        for (width, bytes) in &files.files {
            let path = file_in(folder, &files.hash, *width);
            let partial = path.with_extension("partial");
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await?;
        }
        Ok(false)
    }

    /// Removes the picture, and its files when no other picture shows them; false when it is not the product's.
    pub async fn remove(&self, product_id: i64, picture_id: i64) -> Result<bool, StoreError> {
        let Some(removed) = pictures::remove(&self.db, product_id, picture_id).await? else {
            return Ok(false);
        };
        if let Some(folder) = self.folder.as_ref().filter(|_| removed.last) {
            forget(folder, &removed.hash, &removed.widths).await;
        }
        Ok(true)
    }

    /// The bytes of the file of `hash` at `width`, if the shop has it.
    pub async fn file(&self, hash: &str, width: u32) -> Result<Option<Vec<u8>>, StoreError> {
        if let Some(folder) = &self.folder {
            match tokio::fs::read(file_in(folder, hash, width)).await {
                Ok(bytes) => return Ok(Some(bytes)),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(pictures::file(&self.db, hash, width).await?)
    }
}

/// The file of `hash` at `width` in `folder`: the name its address ends with.
fn file_in(folder: &Path, hash: &str, width: u32) -> PathBuf {
    let path = file_path(hash, width);
    folder.join(path.rsplit('/').next().unwrap_or(&path))
}

/// Removes the files of `hash` at `widths` from `folder`, each named as [`PictureStore::add`] wrote it: no listing
/// of a folder that holds every picture of the shop. A file that is not there (a picture the database keeps, as the
/// demo's) is nothing to remove; one that cannot be removed is logged and left (it is served to no one: no row
/// names it).
async fn forget(folder: &Path, hash: &str, widths: &[u32]) {
    for &width in widths {
        let path = file_in(folder, hash, width);
        match tokio::fs::remove_file(&path).await {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(%error, file = %path.display(), "a removed picture's file was left"),
        }
    }
}
