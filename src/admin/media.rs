//! The owner's uploads: `POST /admin/products/{id}/image` adds a product picture, `POST /admin/settings/logo`
//! replaces the shop's logo. Either must be a JPEG, PNG or WebP by its own bytes (the file name and the browser's
//! content type are the uploader's to choose, and an SVG can carry script), no larger than `MEDIA_MAX_KB`, and is
//! redrawn on the server (`pictures.rs`) before anything is stored. `/media/` serves pictures uploaded before
//! pictures were kept in the database.

use axum::{
    extract::{Multipart, Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::catalog::pictures::Added;
use super::{ACTION_NOTICE, catalog::service::AdminCatalogService, service::AdminService, signed_in_session};
use crate::domain::staff::Duty;
use crate::i18n::Lang;
use crate::pictures::PictureError;

/// Where uploaded pictures are served from.
pub const MEDIA_PREFIX: &str = "/media/";

/// Why an upload was not read.
pub(super) enum Outcome {
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
    let account = match account_for(&admin, &session, Duty::Catalog).await {
        Ok(account) => account,
        Err(refusal) => return refusal,
    };
    let Ok(true) = catalog.has_product(product_id).await else {
        return (axum::http::StatusCode::NOT_FOUND, "no such product").into_response();
    };
    let max_bytes = catalog.max_picture_bytes();
    let lang = Lang::of_request(&headers);
    let notice = match receive(multipart, "image", max_bytes).await {
        Err(outcome) => refusal_text(lang, outcome, max_bytes),
        Ok(bytes) => match catalog.add_picture(&account.email, product_id, bytes).await {
            Ok(Added::Added(_)) => lang.settings().image_saved.to_owned(),
            Ok(Added::Refused(refused)) => picture_refused(lang, refused).to_owned(),
            Ok(Added::NoSuchProduct) => {
                return (axum::http::StatusCode::NOT_FOUND, "no such product").into_response();
            }
            Err(error) => {
                tracing::error!(%error, "cannot store an uploaded picture");
                return (
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "cannot store the picture",
                )
                    .into_response();
            }
        },
    };
    let _ = crate::web::VisitorSession::from_session(session)
        .keep(&ACTION_NOTICE, &notice)
        .await;
    Redirect::to(&format!("/admin/products/{product_id}")).into_response()
}

/// Why an upload was not even read, in the owner's words.
fn refusal_text(lang: Lang, outcome: Outcome, max_bytes: usize) -> String {
    match outcome {
        Outcome::TooLarge => lang
            .settings()
            .image_too_large
            .replace("{kb}", &(max_bytes / 1024).to_string()),
        Outcome::Missing => lang.settings().image_not_an_image.to_owned(),
    }
}

/// Why a picture that was read is refused, in the owner's words.
fn picture_refused(lang: Lang, refused: PictureError) -> &'static str {
    let texts = lang.settings();
    match refused {
        PictureError::NotAPicture => texts.image_not_an_image,
        PictureError::TooManyPixels => texts.image_too_many_pixels,
        PictureError::Broken => texts.image_broken,
    }
}

/// `POST /admin/settings/logo`: the shop's logo, made into the logo and its icons (`pictures::logo_files`) and
/// kept in the database; the owner's alone.
pub async fn upload_logo(
    State(admin): State<AdminService>,
    State(catalog): State<AdminCatalogService>,
    session: Session,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let account = match account_for(&admin, &session, Duty::Settings).await {
        Ok(account) => account,
        Err(refusal) => return refusal,
    };
    let max_bytes = catalog.max_picture_bytes();
    let lang = Lang::of_request(&headers);
    let notice = match receive(multipart, "logo", max_bytes).await {
        Err(outcome) => refusal_text(lang, outcome, max_bytes),
        Ok(bytes) => match admin.save_logo(&account.email, bytes).await {
            Ok(Ok(())) => lang.identity().logo_saved.to_owned(),
            Ok(Err(refused)) => picture_refused(lang, refused).to_owned(),
            Err(error) => {
                tracing::error!(%error, "cannot store the shop's logo");
                return (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "cannot store the logo").into_response();
            }
        },
    };
    let _ = crate::web::VisitorSession::from_session(session)
        .keep(&ACTION_NOTICE, &notice)
        .await;
    Redirect::to("/admin/settings").into_response()
}

/// The signed-in account allowed `duty`, or the answer to give: these routes are neither pages nor server
/// functions, so the account is checked here.
pub(super) async fn account_for(
    admin: &AdminService,
    session: &Session,
    duty: Duty,
) -> Result<crate::admin::Account, Response> {
    let visitor = crate::web::VisitorSession::from_session(session.clone());
    match signed_in_session(admin, &visitor, duty).await {
        Ok(account) => Ok(account),
        Err(crate::error::AppError::Forbidden) => {
            Err((axum::http::StatusCode::FORBIDDEN, "not for this account").into_response())
        }
        Err(_) => Err((axum::http::StatusCode::UNAUTHORIZED, "sign in at /admin/login first").into_response()),
    }
}

/// The `name` field's bytes, read a chunk at a time and given up on past `max_bytes`.
async fn receive(multipart: Multipart, name: &str, max_bytes: usize) -> Result<Vec<u8>, Outcome> {
    let mut files = receive_files(multipart, &[(name, max_bytes)]).await?;
    files.pop().flatten().map(|(_, bytes)| bytes).ok_or(Outcome::Missing)
}

/// Each of the `wanted` fields (name, its largest size) as its file name and bytes, `None` for one not sent or sent
/// empty (a form's file input left empty), in `wanted`'s order; each read a chunk at a time and given up on past its
/// size.
pub(super) async fn receive_files(
    mut multipart: Multipart,
    wanted: &[(&str, usize)],
) -> Result<Vec<Option<(String, Vec<u8>)>>, Outcome> {
    let mut files = vec![None; wanted.len()];
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let Some(at) = wanted.iter().position(|(name, _)| field.name() == Some(name)) else {
            continue;
        };
        let max_bytes = wanted[at].1;
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > max_bytes {
                        return Err(Outcome::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                // The body limit in front of this route cut a huge upload short.
                Err(_) => return Err(Outcome::TooLarge),
            }
        }
        if !bytes.is_empty() {
            files[at] = Some((file_name, bytes));
        }
    }
    Ok(files)
}
