//! Products, their variants and categories. Prices are decoded here (`stored.rs`): a price below nothing is
//! `DbError::Corrupt`, never shown or sold at 0₮.

use super::{Db, DbError, stored};
use crate::domain::Mnt;

/// A product of the grid with the figures its variants add up to.
#[derive(Debug)]
pub struct ProductListRow {
    pub slug: String,
    pub category: String,
    pub created_at: i64,
    pub name_mn: String,
    pub name_en: String,
    pub image: String,
    /// Its first stored picture, if any (else `image`: the placeholder or a picture from before, of one size).
    pub cover: Option<crate::domain::picture::Picture>,
    /// Its cheapest variant's price.
    pub price_from: Mnt,
    pub total_stock: i64,
    /// Its folded names, and all its searched text folded (db/search_keys.rs).
    pub search_name: String,
    pub search_text: String,
}

stored::record! {
    struct ProductListRecord => ProductListRow {
        slug: String,
        category: String,
        created_at: i64,
        name_mn: String,
        name_en: String,
        image: String,
        total_stock: i64,
        search_name: String,
        search_text: String,
    }
    stored { id: i64, price_from: i64 }
    decoded |row| { cover: None, price_from: stored::amount("variants", "price_mnt", row.price_from)? }
}

#[derive(Debug, sqlx::FromRow)]
pub struct ProductRow {
    pub id: i64,
    pub slug: String,
    pub name_mn: String,
    pub name_en: String,
    pub description_mn: String,
    pub description_en: String,
    pub image: String,
}

#[derive(Debug)]
pub struct VariantRow {
    pub id: i64,
    pub name_mn: String,
    pub name_en: String,
    pub price: Mnt,
    pub stock: i64,
}

/// Products on sale, newest first.
pub async fn list_active(db: &Db) -> Result<Vec<ProductListRow>, DbError> {
    // CAST: PostgreSQL's SUM over BIGINT is NUMERIC, which sqlx::Any cannot decode. Grouped by the product's key
    // alone (its other columns follow from it), not by its long search text.
    let rows: Vec<ProductListRecord> = sqlx::query_as(
        "SELECT p.id, p.slug, c.slug AS category, p.created_at, p.name_mn, p.name_en, p.image, \
                CAST(MIN(v.price_mnt) AS BIGINT) AS price_from, CAST(SUM(v.stock) AS BIGINT) AS total_stock, \
                p.search_name, p.search_text \
         FROM products p JOIN variants v ON v.product_id = p.id AND v.archived = 0 JOIN categories c ON c.id = p.category_id \
         WHERE p.archived = 0 \
         GROUP BY p.id, c.slug \
         ORDER BY p.created_at DESC, p.id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    let mut covers = super::pictures::covers(db).await?;
    rows.into_iter()
        .map(|record| {
            let id = record.id;
            let mut row = ProductListRow::try_from(record)?;
            row.cover = covers.remove(&id);
            Ok(row)
        })
        .collect()
}

pub async fn find_by_slug(db: &Db, slug: &str) -> Result<Option<ProductRow>, DbError> {
    let row = sqlx::query_as(
        "SELECT id, slug, name_mn, name_en, description_mn, description_en, image \
         FROM products WHERE slug = $1 AND archived = 0",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row)
}

pub async fn variants_of(db: &Db, product_id: i64) -> Result<Vec<VariantRow>, DbError> {
    let rows: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, name_mn, name_en, price_mnt, stock FROM variants \
         WHERE product_id = $1 AND archived = 0 ORDER BY position, id",
    )
    .bind(product_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(
            |(id, name_mn, name_en, price_mnt, stock)| -> Result<VariantRow, DbError> {
                Ok(VariantRow {
                    price: stored::amount("variants", "price_mnt", price_mnt)?,
                    id,
                    name_mn,
                    name_en,
                    stock,
                })
            },
        )
        .collect()
}

pub async fn count(db: &Db) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM products")
        .fetch_one(db.pool())
        .await?)
}

#[derive(Debug, sqlx::FromRow)]
pub struct CategoryRow {
    pub slug: String,
    pub name_mn: String,
    pub name_en: String,
}

pub async fn categories(db: &Db) -> Result<Vec<CategoryRow>, DbError> {
    let rows = sqlx::query_as("SELECT slug, name_mn, name_en FROM categories ORDER BY position, id")
        .fetch_all(db.pool())
        .await?;
    Ok(rows)
}

/// A variant with its product, as the cart shows it.
#[derive(Debug)]
pub struct CartVariantRow {
    pub variant_id: i64,
    pub product_id: i64,
    pub category_id: i64,
    pub slug: String,
    pub product_name_mn: String,
    pub product_name_en: String,
    pub variant_name_mn: String,
    pub variant_name_en: String,
    pub image: String,
    pub price: Mnt,
    pub stock: i64,
}

stored::record! {
    struct CartVariantRecord => CartVariantRow {
        variant_id: i64,
        product_id: i64,
        category_id: i64,
        slug: String,
        product_name_mn: String,
        product_name_en: String,
        variant_name_mn: String,
        variant_name_en: String,
        image: String,
        stock: i64,
    }
    stored { price_mnt: i64 }
    decoded |row| { price: stored::amount("variants", "price_mnt", row.price_mnt)? }
}

/// The variants with these ids that are on sale, in no particular order.
pub async fn cart_variants(db: &Db, ids: &[i64]) -> Result<Vec<CartVariantRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT v.id AS variant_id, p.id AS product_id, p.category_id, p.slug, p.name_mn AS product_name_mn, p.name_en AS product_name_en, \
                v.name_mn AS variant_name_mn, v.name_en AS variant_name_en, p.image, v.price_mnt, v.stock \
         FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE p.archived = 0 AND v.archived = 0 AND v.id IN ({})",
        super::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let rows: Vec<CartVariantRecord> = query.fetch_all(db.pool()).await?;
    rows.into_iter().map(CartVariantRow::try_from).collect()
}

/// A variant on sale as the owner's order search lists it.
#[derive(Debug)]
pub struct SearchVariantRow {
    pub variant_id: i64,
    pub sku: String,
    pub product_name_mn: String,
    pub product_name_en: String,
    pub variant_name_mn: String,
    pub variant_name_en: String,
    pub price: Mnt,
    pub stock: i64,
}

stored::record! {
    struct SearchVariantRecord => SearchVariantRow {
        variant_id: i64,
        sku: String,
        product_name_mn: String,
        product_name_en: String,
        variant_name_mn: String,
        variant_name_en: String,
        stock: i64,
    }
    stored { price_mnt: i64 }
    decoded |row| { price: stored::amount("variants", "price_mnt", row.price_mnt)? }
}

/// Every variant on sale, by product name and then the variant's place: the owner's search filters them by name or
/// SKU in Rust (`domain::draft::matches`), as SQLite lowers only ASCII.
pub async fn variants_on_sale(db: &Db) -> Result<Vec<SearchVariantRow>, DbError> {
    let rows: Vec<SearchVariantRecord> = sqlx::query_as(
        "SELECT v.id AS variant_id, v.sku, p.name_mn AS product_name_mn, p.name_en AS product_name_en, \
                v.name_mn AS variant_name_mn, v.name_en AS variant_name_en, v.price_mnt, v.stock \
         FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE p.archived = 0 AND v.archived = 0 \
         ORDER BY p.name_mn, v.position, v.id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(SearchVariantRow::try_from).collect()
}
