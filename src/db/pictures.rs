//! A product's pictures (`domain::picture`) and their files, kept in the database so every instance serves them
//! and a backup carries them. The product's `image` column keeps its first picture's address, for the places that
//! show one small picture (the cart, the owner's list, a shared link): written in the same transaction as the
//! pictures, never on its own.

use std::collections::HashMap;

use super::{Db, DbError, now_ms};
use crate::{
    domain::picture::{PLACEHOLDER, Picture, file_path, width_for, widths},
    pictures::PictureFiles,
};

/// The width of the first picture kept in `products.image`: a card's, sharp on a phone.
const COVER_WIDTH: u32 = 640;

#[derive(sqlx::FromRow)]
struct Row {
    product_id: i64,
    id: i64,
    variant_id: Option<i64>,
    hash: String,
    width: i64,
    height: i64,
    alt_mn: String,
    alt_en: String,
}

const COLUMNS: &str = "pp.product_id, pp.id, pp.variant_id, pp.hash, pp.width, pp.height, pp.alt_mn, pp.alt_en";

fn decode(row: Row) -> Result<(i64, Picture), DbError> {
    let side = |column: &'static str, value: i64| {
        u32::try_from(value)
            .ok()
            .filter(|side| *side > 0)
            .ok_or_else(|| super::stored::corrupt("product_pictures", column, value))
    };
    let picture = Picture {
        id: row.id,
        variant_id: row.variant_id,
        width: side("width", row.width)?,
        height: side("height", row.height)?,
        hash: row.hash,
        alt_mn: row.alt_mn,
        alt_en: row.alt_en,
    };
    Ok((row.product_id, picture))
}

/// The product's pictures in the owner's order.
pub async fn of_product(db: &Db, product_id: i64) -> Result<Vec<Picture>, DbError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM product_pictures pp WHERE pp.product_id = $1 ORDER BY pp.position, pp.id"
    ))
    .bind(product_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| decode(row).map(|(_, picture)| picture))
        .collect()
}

/// Every product's first picture, by product id: the grid's cards.
pub async fn covers(db: &Db) -> Result<HashMap<i64, Picture>, DbError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM product_pictures pp \
         WHERE pp.id = (SELECT q.id FROM product_pictures q WHERE q.product_id = pp.product_id \
                        ORDER BY q.position, q.id LIMIT 1)"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(decode).collect()
}

/// Adds `files` as the product's last picture, their bytes with it when `with_bytes` (the database keeps the
/// files; `picture_store.rs`); `None` when there is no such product.
pub async fn add(db: &Db, product_id: i64, files: &PictureFiles, with_bytes: bool) -> Result<Option<i64>, DbError> {
    let mut tx = db.begin_write().await?;
    let exists: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM products WHERE id = $1{}", db.row_lock()))
        .bind(product_id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    if with_bytes {
        put_files(&mut tx, files).await?;
    }
    let id = insert(&mut tx, product_id, files, "").await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Keeps the files' bytes. The same photo uploaded again (or for another product) shares its files.
pub(super) async fn put_files(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    files: &PictureFiles,
) -> Result<(), DbError> {
    for (width, bytes) in &files.files {
        sqlx::query(
            "INSERT INTO picture_files (hash, width, bytes) VALUES ($1, $2, $3) ON CONFLICT (hash, width) DO NOTHING",
        )
        .bind(&files.hash)
        .bind(i64::from(*width))
        .bind(bytes.as_slice())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Adds `files` as the last picture of the product `product_id`, which `tx` has written or locked: [`add`]'s work,
/// the demo catalog's pictures in the seed's own transaction (`db/seed.rs`, with [`put_files`]), and an import's
/// in its (`db/catalog_sheet.rs`). `file_name` is the name it came with in an import's .zip, empty otherwise.
pub(super) async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    product_id: i64,
    files: &PictureFiles,
    file_name: &str,
) -> Result<i64, DbError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO product_pictures (product_id, position, hash, width, height, created_at, file_name) \
         SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6 FROM product_pictures WHERE product_id = $1 \
         RETURNING id",
    )
    .bind(product_id)
    .bind(&files.hash)
    .bind(i64::from(files.width))
    .bind(i64::from(files.height))
    .bind(now_ms())
    .bind(file_name)
    .fetch_one(&mut **tx)
    .await?;
    keep_cover(tx, product_id).await?;
    Ok(id)
}

/// Writes the product's first picture's address into `products.image` (the placeholder when it has none left).
async fn keep_cover(tx: &mut sqlx::Transaction<'static, sqlx::Any>, product_id: i64) -> Result<(), DbError> {
    let first: Option<(String, i64)> =
        sqlx::query_as("SELECT hash, width FROM product_pictures WHERE product_id = $1 ORDER BY position, id LIMIT 1")
            .bind(product_id)
            .fetch_optional(&mut **tx)
            .await?;
    let image = match first {
        Some((hash, width)) => {
            let width = u32::try_from(width).map_err(|_| super::stored::corrupt("product_pictures", "width", width))?;
            file_path(&hash, width_for(width, COVER_WIDTH))
        }
        None => PLACEHOLDER.to_owned(),
    };
    sqlx::query("UPDATE products SET image = $2 WHERE id = $1")
        .bind(product_id)
        .bind(image)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The bytes of the file of `hash` at `width`, if the shop has it.
pub async fn file(db: &Db, hash: &str, width: u32) -> Result<Option<Vec<u8>>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT bytes FROM picture_files WHERE hash = $1 AND width = $2")
            .bind(hash)
            .bind(i64::from(width))
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The product's pictures' ids in the owner's order, read under the product's lock.
async fn ordered_ids(tx: &mut sqlx::Transaction<'static, sqlx::Any>, product_id: i64) -> Result<Vec<i64>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM product_pictures WHERE product_id = $1 ORDER BY position, id")
            .bind(product_id)
            .fetch_all(&mut **tx)
            .await?,
    )
}

/// Moves the picture one place earlier (`earlier`) or later among the product's; false when it is not the
/// product's. The first and last stay where they are when moved past the end.
pub async fn shift(db: &Db, product_id: i64, picture_id: i64, earlier: bool) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    let mut ids = ordered_ids(&mut tx, product_id).await?;
    let Some(at) = ids.iter().position(|&id| id == picture_id) else {
        return Ok(false);
    };
    let to = if earlier {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&to| to < ids.len())
    };
    if let Some(to) = to {
        ids.swap(at, to);
        for (position, id) in (1_i64..).zip(&ids) {
            sqlx::query("UPDATE product_pictures SET position = $2 WHERE id = $1")
                .bind(*id)
                .bind(position)
                .execute(&mut *tx)
                .await?;
        }
        keep_cover(&mut tx, product_id).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A picture removed: its files' hash and the widths they are stored at (`domain::picture::widths`), so a folder's
/// files are named without listing the folder, and whether it was the last picture to show them (so they can go
/// too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub hash: String,
    pub widths: Vec<u32>,
    pub last: bool,
}

/// Removes the picture, and its files kept here when no other picture shows them; `None` when it is not the
/// product's.
pub async fn remove(db: &Db, product_id: i64, picture_id: i64) -> Result<Option<Removed>, DbError> {
    let mut tx = db.begin_write().await?;
    let removed: Option<(String, i64)> =
        sqlx::query_as("DELETE FROM product_pictures WHERE id = $1 AND product_id = $2 RETURNING hash, width")
            .bind(picture_id)
            .bind(product_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((hash, width)) = removed else {
        return Ok(None);
    };
    let width = u32::try_from(width).map_err(|_| super::stored::corrupt("product_pictures", "width", width))?;
    let others: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM product_pictures WHERE hash = $1")
        .bind(&hash)
        .fetch_one(&mut *tx)
        .await?;
    if others == 0 {
        sqlx::query("DELETE FROM picture_files WHERE hash = $1")
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
    }
    keep_cover(&mut tx, product_id).await?;
    tx.commit().await?;
    Ok(Some(Removed {
        hash,
        widths: widths(width),
        last: others == 0,
    }))
}

/// The owner's words for the picture and the variant it shows (checked by the caller to be the product's); false
/// when the picture is not the product's.
pub async fn describe(
    db: &Db,
    product_id: i64,
    picture_id: i64,
    alt: (&str, &str),
    variant_id: Option<i64>,
) -> Result<bool, DbError> {
    let updated = sqlx::query(
        "UPDATE product_pictures SET alt_mn = $3, alt_en = $4, variant_id = $5 WHERE id = $1 AND product_id = $2",
    )
    .bind(picture_id)
    .bind(product_id)
    .bind(alt.0)
    .bind(alt.1)
    .bind(variant_id)
    .execute(db.pool())
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Whether the variant is one of the product's.
pub async fn is_variant_of(db: &Db, product_id: i64, variant_id: i64) -> Result<bool, DbError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM variants WHERE id = $1 AND product_id = $2")
        .bind(variant_id)
        .bind(product_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(found.is_some())
}
