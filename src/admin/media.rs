//! `POST /admin/products/{id}/image`: a product picture uploaded by the owner. The bytes must be a JPEG, PNG, WebP
//! or GIF by their own signature (the file name and the browser's content type are the uploader's to choose, and an
//! SVG can carry script), no larger than `MEDIA_MAX_KB`. Stored under a random name in `MEDIA_DIR`, served at
//! `/media/{name}`; the picture it replaces is removed.

use axum::{
    extract::{Multipart, Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{ACTION_NOTICE, catalog::service::AdminCatalogService, service::AdminService, signed_in_session};
use crate::domain::staff::Duty;
use crate::i18n::Lang;

/// Where uploaded pictures are served from.
pub const MEDIA_PREFIX: &str = "/media/";

/// The file extension of a picture whose bytes start with a known image signature; `None` for anything else.
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("webp"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("gif"),
        _ => None,
    }
}

enum Outcome {
    Saved,
    NotAnImage,
    TooLarge,
    Missing,
}

pub async fn upload_image(
    State(admin): State<AdminService>,
    State(catalog): State<AdminCatalogService>,
    session: Session,
    headers: HeaderMap,
    Path(product_id): Path<i64>,
    multipart: Multipart,
) -> Response {
    // Not a page and not a server function: the account is checked here.
    let visitor = crate::web::VisitorSession::from_session(session.clone());
    let account = match signed_in_session(&admin, &visitor, Duty::Catalog).await {
        Ok(account) => account,
        Err(crate::error::AppError::Forbidden) => {
            return (axum::http::StatusCode::FORBIDDEN, "not for this account").into_response();
        }
        Err(_) => return (axum::http::StatusCode::UNAUTHORIZED, "sign in at /admin/login first").into_response(),
    };
    let Ok(true) = catalog.has_product(product_id).await else {
        return (axum::http::StatusCode::NOT_FOUND, "no such product").into_response();
    };
    let max_bytes = catalog.max_picture_bytes();
    let outcome = match receive(multipart, max_bytes).await {
        Err(outcome) => outcome,
        Ok(bytes) => match image_kind(&bytes) {
            None => Outcome::NotAnImage,
            Some(extension) => match catalog
                .save_picture(&account.email, product_id, extension, &bytes)
                .await
            {
                Ok(()) => Outcome::Saved,
                Err(error) => {
                    tracing::error!(%error, "cannot store an uploaded picture");
                    return (
                        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                        "cannot store the picture",
                    )
                        .into_response();
                }
            },
        },
    };
    let lang = Lang::of_request(&headers);
    let notice = match outcome {
        Outcome::Saved => lang.settings().image_saved.to_owned(),
        Outcome::NotAnImage | Outcome::Missing => lang.settings().image_not_an_image.to_owned(),
        Outcome::TooLarge => lang
            .settings()
            .image_too_large
            .replace("{kb}", &(max_bytes / 1024).to_string()),
    };
    let _ = crate::web::VisitorSession::from_session(session)
        .keep(&ACTION_NOTICE, &notice)
        .await;
    Redirect::to(&format!("/admin/products/{product_id}")).into_response()
}

/// The `image` field's bytes, read a chunk at a time and given up on past `max_bytes`.
async fn receive(mut multipart: Multipart, max_bytes: usize) -> Result<Vec<u8>, Outcome> {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("image") {
            continue;
        }
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > max_bytes {
                        return Err(Outcome::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) if bytes.is_empty() => return Err(Outcome::Missing),
                Ok(None) => return Ok(bytes),
                // The body limit in front of this route cut a huge upload short.
                Err(_) => return Err(Outcome::TooLarge),
            }
        }
    }
    Err(Outcome::Missing)
}

#[cfg(test)]
mod tests {
    use super::image_kind;

    #[test]
    fn pictures_are_known_by_their_bytes() {
        assert_eq!(image_kind(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), Some("jpg"));
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("png"));
        assert_eq!(image_kind(b"RIFF\x24\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(image_kind(b"GIF89a\x01\0"), Some("gif"));
        for not in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
            b"<html>",
            b"\x89PNG",
            b"RIFF\x24\0\0\0WAVEfmt ",
            b"",
        ] {
            assert_eq!(image_kind(not), None, "{:?}", String::from_utf8_lossy(not));
        }
    }
}
