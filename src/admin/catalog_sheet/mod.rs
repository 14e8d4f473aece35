//! The catalog as a spreadsheet (`/admin/products/import`), the owner's alone: the whole catalog exported as .xlsx
//! or .csv, a template, and an import that first shows what it would change (a preview, or every problem by row
//! and column), then applies it in one transaction. The rules are `domain::catalog_sheet`'s; the file's bytes are
//! read and written in `files.rs`; an upload waits for its apply in the database (`db::sheet_uploads`), so any
//! instance serves either step.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod files;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pictures_zip;
#[cfg(feature = "ssr")]
mod preview;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
mod sent;
#[cfg(feature = "ssr")]
pub mod service;
pub mod words;

/// The import page: its links and upload form, and the preview of an upload when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportData {
    pub who: crate::admin::Account,
    /// What came of the last upload or apply, once.
    pub notice: Option<String>,
    /// The largest file accepted, in MB.
    pub max_mb: usize,
    pub preview: Option<Preview>,
}

/// What an uploaded sheet would do, in the owner's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// The upload's id, for the apply.
    pub upload: String,
    pub file_name: String,
    /// Every problem, by row and column: when there is one, nothing can be applied.
    pub problems: Vec<String>,
    /// The numbers: created, changed, left alone.
    pub counts: Vec<String>,
    /// New products: "row · handle · name".
    pub creates: Vec<String>,
    /// Each stored product or variant that changes, with its fields old → new.
    pub changes: Vec<ChangeLine>,
    /// Changes and new products not listed, past the first [`LISTED`] of each.
    pub more: usize,
    /// Whether applying would change anything.
    pub anything: bool,
}

/// How many new products and changes the preview lists; the counts cover them all.
pub const LISTED: usize = 300;

/// A stored product or variant that the sheet changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeLine {
    /// "Row 4 · cup-blue"
    pub what: String,
    /// "price: 12500 → 13000"
    pub fields: Vec<String>,
}

/// The import page, with the preview of `upload` (one of this account's, within a day) when given.
#[server]
pub async fn get_sheet_import(#[server(default)] upload: Option<String>) -> Result<ImportData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let sheets = expect_context::<service::CatalogSheetService>();
    sheets
        .import_page(account, notice, upload, crate::i18n::use_lang())
        .await
}

/// Applies the upload previewed: everything in one transaction, or nothing (then back to its preview, which shows
/// why). A catalog changed since the preview is planned again: what is applied is what the catalog is then.
#[server]
pub async fn admin_apply_sheet(upload: String) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let sheets = expect_context::<service::CatalogSheetService>();
    let lang = crate::i18n::use_lang();
    let (notice, page) = sheets.apply(&account, &upload, lang).await?;
    crate::web::VisitorSession::current()
        .await?
        .keep(&super::ACTION_NOTICE, &notice)
        .await?;
    leptos_axum::redirect(&page);
    Ok(())
}
