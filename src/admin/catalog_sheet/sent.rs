//! The pictures a sheet brings in the .zip beside it: checked by their first bytes and declared size for the
//! preview, drawn through the picture pipeline (as an upload on the product's page is) for the apply, one at a
//! time off the serving threads, each file's bytes dropped once drawn. Only the files the sheet names are read.

use std::collections::HashMap;

use super::pictures_zip::{PicturesZip, ZipError};
use crate::{
    db::catalog_sheet::SentPictures,
    domain::catalog_sheet::{ProblemKind, Sheet},
    error::AppError,
    picture_store::PictureStore,
    pictures::{PictureFiles, image_kind, product_picture},
};

/// What is wrong with each of the sent pictures that cannot be used, by name.
pub type Refused = Vec<(String, ProblemKind)>;

/// Each picture name the sheet gives, once.
fn named(sheet: &Sheet) -> Vec<String> {
    let mut names: Vec<String> = match sheet {
        Sheet::Catalog(products) => products.iter().flat_map(|product| product.pictures.clone()).collect(),
        Sheet::Stocktake(_) => Vec::new(),
    };
    names.sort_unstable();
    names.dedup();
    names
}

fn too_large(name: &str, max_bytes: usize) -> (String, ProblemKind) {
    let kb = i64::try_from(max_bytes / 1024).unwrap_or(i64::MAX);
    (
        name.to_owned(),
        ProblemKind::PictureTooLarge {
            name: name.to_owned(),
            kb,
        },
    )
}

fn not_a_picture(name: &str) -> (String, ProblemKind) {
    (name.to_owned(), ProblemKind::PictureRefused(name.to_owned()))
}

/// For the preview: the names the zip sends that look like a JPEG, PNG or WebP by their first bytes and are no
/// larger than `max_bytes` as the zip declares them, and what is wrong with the others (a full drawing waits for
/// the apply, which reports what only it finds).
pub async fn checked(
    sheet: &Sheet,
    zip: Option<Vec<u8>>,
    max_bytes: usize,
) -> Result<(Vec<String>, Refused), AppError> {
    let names = named(sheet);
    let Some(zip) = zip.filter(|_| !names.is_empty()) else {
        return Ok((Vec::new(), Vec::new()));
    };
    off_the_serving_threads("checking the pictures sent with a sheet", move || {
        let (mut sent, mut refused) = (Vec::new(), Vec::new());
        // The zip was opened when it was received: one that no longer opens sends nothing.
        let Ok(mut zip) = PicturesZip::open(&zip) else {
            return (sent, refused);
        };
        for name in &names {
            match zip.head(name, 16) {
                Ok(None) => {}
                Ok(Some((_, size))) if size > max_bytes as u64 => refused.push(too_large(name, max_bytes)),
                Ok(Some((head, _))) if image_kind(&head).is_some() => sent.push(name.clone()),
                Ok(Some(_)) | Err(_) => refused.push(not_a_picture(name)),
            }
        }
        (sent, refused)
    })
    .await
}

/// For the apply: the named pictures drawn, their files kept by `store` (a folder writes them now; the database,
/// in the apply's transaction), and what is wrong with those that could not be.
pub async fn drawn(
    sheet: &Sheet,
    zip: Option<Vec<u8>>,
    max_bytes: usize,
    store: &PictureStore,
) -> Result<(SentPictures, Refused), AppError> {
    let names = named(sheet);
    let Some(zip) = zip.filter(|_| !names.is_empty()) else {
        return Ok((SentPictures::default(), Vec::new()));
    };
    let (files, refused) = off_the_serving_threads("drawing the pictures sent with a sheet", move || {
        let (mut files, mut refused): (Vec<(String, PictureFiles)>, Refused) = (Vec::new(), Vec::new());
        let Ok(mut zip) = PicturesZip::open(&zip) else {
            return (files, refused);
        };
        for name in &names {
            match zip.read(name, max_bytes) {
                Ok(None) => {}
                Ok(Some(bytes)) => match product_picture(&bytes) {
                    Ok(drawn) => files.push((name.clone(), drawn)),
                    Err(_) => refused.push(not_a_picture(name)),
                },
                Err(ZipError::TooLarge(_)) => refused.push(too_large(name, max_bytes)),
                Err(_) => refused.push(not_a_picture(name)),
            }
        }
        (files, refused)
    })
    .await?;
    let mut drawn = HashMap::new();
    let mut with_bytes = true;
    for (name, files) in files {
        with_bytes = store.keep_files(&files).await?;
        drawn.insert(name, files);
    }
    Ok((SentPictures { drawn, with_bytes }, refused))
}

/// `work` (reading a file, drawing pictures) on a blocking thread, so the async workers keep serving; `what` names
/// it in the log if it panics.
pub(super) async fn off_the_serving_threads<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        tracing::error!(%error, "{what} failed");
        AppError::Internal
    })
}
