//! An uploaded sheet (`admin/catalog_sheet`) kept between its preview and its apply: in the database, not in one
//! server's memory, so any instance may serve either step.

use super::{Db, DbError, now_ms};

/// An upload is kept this long for its apply: a day, for an owner who previews in the evening.
const UPLOAD_KEPT_MS: i64 = 24 * 60 * 60 * 1000;

/// An uploaded sheet waiting for its apply.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    /// `xlsx` or `csv`, as the upload was read.
    pub format: String,
    pub bytes: Vec<u8>,
    /// The .zip of new pictures sent with it.
    pub pictures: Option<Vec<u8>>,
}

/// Keeps an upload under `id` (a random token) for `account_id`, in place of the account's earlier one (a preview
/// at a time), and forgets any older than a day: at most one file per account is kept.
pub async fn keep_upload(db: &Db, id: &str, account_id: i64, upload: &Upload) -> Result<(), DbError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sheet_uploads WHERE created_at < $1 OR account_id = $2")
        .bind(now - UPLOAD_KEPT_MS)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sheet_uploads (id, account_id, file_name, format, bytes, pictures, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(account_id)
    .bind(&upload.file_name)
    .bind(&upload.format)
    .bind(&upload.bytes)
    .bind(&upload.pictures)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A kept upload's row: its file's name, format and bytes, and its pictures' .zip.
type UploadRow = (String, String, Vec<u8>, Option<Vec<u8>>);

/// The upload `id`, when `account_id` made it within the last day.
pub async fn upload(db: &Db, id: &str, account_id: i64) -> Result<Option<Upload>, DbError> {
    let row: Option<UploadRow> = sqlx::query_as(
        "SELECT file_name, format, bytes, pictures FROM sheet_uploads WHERE id = $1 AND account_id = $2 AND created_at >= $3",
    )
    .bind(id)
    .bind(account_id)
    .bind(now_ms() - UPLOAD_KEPT_MS)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(file_name, format, bytes, pictures)| Upload {
        file_name,
        format,
        bytes,
        pictures,
    }))
}

/// Forgets the upload `id` (applied, or replaced by another).
pub async fn forget_upload(db: &Db, id: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sheet_uploads WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}
