//! Each product's search keys (domain/search.rs), kept in `products.search_name` (its names) and
//! `products.search_text` (names, descriptions, category names and SKUs, both languages), folded once when what
//! they are made of changes rather than on every search.
//!
//! [`write`] is called in the transaction of every change to a product's text, its variants' SKUs or a new
//! product (db/catalog_admin.rs, the demo seed). [`refold_stale`] makes the keys of products whose keys are older
//! than the folding rules ([`FOLD_VERSION`]) or were never made, at start.

use sqlx::AnyConnection;

use super::{Db, DbError};
use crate::domain::search::{FOLD_VERSION, fold};

/// Products whose keys are made again in one transaction at start.
const REFOLD_BATCH: i64 = 500;

/// Makes the product's keys from what is stored now: call it after the change, in its transaction.
pub async fn write(conn: &mut AnyConnection, product_id: i64) -> Result<(), DbError> {
    let texts: Option<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT p.name_mn, p.name_en, p.description_mn, p.description_en, c.name_mn, c.name_en \
         FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = $1",
    )
    .bind(product_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((name_mn, name_en, description_mn, description_en, category_mn, category_en)) = texts else {
        return Ok(());
    };
    let skus: Vec<String> =
        sqlx::query_scalar("SELECT sku FROM variants WHERE product_id = $1 AND archived = 0 ORDER BY position, id")
            .bind(product_id)
            .fetch_all(&mut *conn)
            .await?;
    let names = [name_mn.as_str(), name_en.as_str()].join(" ");
    let text = [
        names.as_str(),
        &description_mn,
        &description_en,
        &category_mn,
        &category_en,
        &skus.join(" "),
    ]
    .join(" ");
    sqlx::query("UPDATE products SET search_name = $2, search_text = $3, search_version = $4 WHERE id = $1")
        .bind(product_id)
        .bind(fold(&names))
        .bind(fold(&text))
        .bind(FOLD_VERSION)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Makes the keys of every product whose keys were made with other rules, or never; returns how many. Runs at
/// start, in transactions of [`REFOLD_BATCH`] products, so a shop of 10,000 products does not hold the database
/// in one long write.
pub async fn refold_stale(db: &Db) -> Result<usize, DbError> {
    let mut made = 0;
    // Paged by id, so a product `write` could not fold (none can be, today) is passed, not asked for forever.
    let mut after = i64::MIN;
    loop {
        let mut tx = db.begin_write().await?;
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM products WHERE search_version <> $1 AND id > $2 ORDER BY id LIMIT $3")
                .bind(FOLD_VERSION)
                .bind(after)
                .bind(REFOLD_BATCH)
                .fetch_all(&mut *tx)
                .await?;
        for id in &ids {
            write(&mut tx, *id).await?;
        }
        tx.commit().await?;
        made += ids.len();
        match ids.last() {
            Some(&last) if (ids.len() as i64) == REFOLD_BATCH => after = last,
            _ => return Ok(made),
        }
    }
}
