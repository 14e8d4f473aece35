//! The catalog spreadsheet's routes that are not pages: `GET /admin/products/sheet/{file}` (the catalog or the
//! template, as .xlsx or .csv) and `POST /admin/products/import/upload` (a sheet, and a .zip of new pictures beside it, then its preview). The owner's alone,
//! checked here as every admin server function checks it.

use axum::{
    extract::{Multipart, Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{
    files::Format,
    service::{CatalogSheetService, Refused},
};
use crate::{
    admin::{
        ACTION_NOTICE,
        media::{Outcome, account_for, receive_files},
        service::AdminService,
    },
    domain::staff::Duty,
    i18n::Lang,
};

/// `products.xlsx`, `products.csv` (the whole catalog), `template.xlsx`, `template.csv`.
pub async fn download(
    State(admin): State<AdminService>,
    State(sheets): State<CatalogSheetService>,
    session: Session,
    Path(file): Path<String>,
) -> Response {
    if let Err(refusal) = account_for(&admin, &session, Duty::Catalog).await {
        return refusal;
    }
    let Some((name, extension)) = file.rsplit_once('.') else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(format) = Format::of_file_name(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let made = match name {
        "products" => sheets.export(format).await,
        "template" => sheets.template(format).await,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Ok(bytes) = made else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let day = crate::ub_time::day_of(crate::db::now_ms()).unwrap_or_default();
    let saved_as = match name {
        "products" => format!("products-{day}.{extension}"),
        _ => format!("products-template.{extension}"),
    };
    let disposition = format!("attachment; filename=\"{saved_as}\"");
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(format.content_type())),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response()
}

/// The form's `sheet` file and its optional `pictures` .zip, kept for the preview: then to the preview, or back
/// with why they were refused.
pub async fn upload(
    State(admin): State<AdminService>,
    State(sheets): State<CatalogSheetService>,
    session: Session,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let account = match account_for(&admin, &session, Duty::Catalog).await {
        Ok(account) => account,
        Err(refusal) => return refusal,
    };
    let lang = Lang::of_request(&headers);
    let max_bytes = sheets.max_bytes();
    let wanted = [("sheet", max_bytes), ("pictures", sheets.max_zip_bytes())];
    let refused = match receive_files(multipart, &wanted)
        .await
        .map(|mut files| (files.remove(0), files.remove(0)))
    {
        Err(Outcome::TooLarge) => Refused::TooLarge,
        Err(Outcome::Missing) | Ok((None, _)) => Refused::NoFile,
        Ok((Some((file_name, bytes)), pictures)) => {
            let pictures = pictures.map(|(_, bytes)| bytes);
            match sheets.receive(account.id, &file_name, bytes, pictures).await {
                Ok(Ok(id)) => return Redirect::to(&format!("/admin/products/import?upload={id}")).into_response(),
                Ok(Err(refused)) => refused,
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
    };
    let _ = crate::web::VisitorSession::from_session(session)
        .keep(&ACTION_NOTICE, &refused.text(lang, max_bytes))
        .await;
    Redirect::to("/admin/products/import").into_response()
}
