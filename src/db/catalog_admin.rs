//! The owner's side of the catalog: every product and variant, on sale or archived, and their changes. Nothing is
//! deleted: old orders point at variants, so taking one off sale is archiving it.

use super::{Db, DbError, now_ms};
use crate::domain::catalog::{ValidCategory, ValidProduct, ValidVariant};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductSummaryRow {
    pub id: i64,
    pub slug: String,
    pub name_mn: String,
    pub name_en: String,
    pub category: String,
    pub image: String,
    pub archived: i64,
    pub variants: i64,
    pub stock: i64,
}

/// Every product, on sale first, newest first.
pub async fn products(db: &Db) -> Result<Vec<ProductSummaryRow>, DbError> {
    let rows = sqlx::query_as(
        "SELECT p.id, p.slug, p.name_mn, p.name_en, c.slug AS category, p.image, p.archived, \
                CAST(COUNT(v.id) AS BIGINT) AS variants, CAST(COALESCE(SUM(v.stock), 0) AS BIGINT) AS stock \
         FROM products p JOIN categories c ON c.id = p.category_id \
         LEFT JOIN variants v ON v.product_id = p.id AND v.archived = 0 \
         GROUP BY p.id, p.slug, p.name_mn, p.name_en, c.slug, p.image, p.archived, p.created_at \
         ORDER BY p.archived, p.created_at DESC, p.id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductEditRow {
    pub id: i64,
    pub slug: String,
    pub category: String,
    pub name_mn: String,
    pub name_en: String,
    pub description_mn: String,
    pub description_en: String,
    pub image: String,
    pub archived: i64,
    pub classification_code: Option<String>,
}

pub async fn product(db: &Db, id: i64) -> Result<Option<ProductEditRow>, DbError> {
    let row = sqlx::query_as(
        "SELECT p.id, p.slug, c.slug AS category, p.name_mn, p.name_en, p.description_mn, p.description_en, \
                p.image, p.archived, p.classification_code \
         FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VariantEditRow {
    pub id: i64,
    pub sku: String,
    pub name_mn: String,
    pub name_en: String,
    pub price_mnt: i64,
    pub stock: i64,
    pub archived: i64,
    /// Its own low-stock level; `None`: the shop's default.
    pub low_stock: Option<i64>,
}

/// All of the product's variants, archived ones last.
pub async fn variants(db: &Db, product_id: i64) -> Result<Vec<VariantEditRow>, DbError> {
    let rows = sqlx::query_as(
        "SELECT id, sku, name_mn, name_en, price_mnt, stock, archived, low_stock FROM variants \
         WHERE product_id = $1 ORDER BY archived, position, id",
    )
    .bind(product_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// Why a save did not happen, beyond the form's own checks.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Another row has this slug or SKU.
    #[error("taken")]
    Taken,
    #[error("no such category")]
    UnknownCategory,
    #[error("no such row")]
    NotFound,
    /// Sold meanwhile: the owner's change would take the stock below zero.
    #[error("the stock changed meanwhile")]
    StockChanged,
    #[error(transparent)]
    Db(DbError),
}

impl From<DbError> for SaveError {
    fn from(error: DbError) -> Self {
        if error.is_unique_violation() {
            SaveError::Taken
        } else {
            SaveError::Db(error)
        }
    }
}

impl From<sqlx::Error> for SaveError {
    fn from(error: sqlx::Error) -> Self {
        DbError::from(error).into()
    }
}

async fn category_id(db: &Db, slug: &str) -> Result<i64, SaveError> {
    sqlx::query_scalar("SELECT id FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await?
        .ok_or(SaveError::UnknownCategory)
}

/// A new product; returns its id. The shop lists it once it has a variant on sale (the list joins variants).
pub async fn create_product(db: &Db, product: &ValidProduct, image: &str) -> Result<i64, SaveError> {
    let category = category_id(db, &product.category).await?;
    let mut tx = db.begin_write().await?;
    let id = sqlx::query_scalar(
        "INSERT INTO products (slug, category_id, name_mn, name_en, description_mn, description_en, image, \
                               archived, created_at, classification_code) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(&product.slug)
    .bind(category)
    .bind(&product.name_mn)
    .bind(&product.name_en)
    .bind(&product.description_mn)
    .bind(&product.description_en)
    .bind(image)
    .bind(i64::from(product.archived))
    .bind(now_ms())
    .bind(Some(&product.classification_code).filter(|code| !code.is_empty()))
    .fetch_one(&mut *tx)
    .await?;
    super::search_keys::write(&mut tx, id).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_product(db: &Db, id: i64, product: &ValidProduct) -> Result<(), SaveError> {
    let category = category_id(db, &product.category).await?;
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE products SET slug = $2, category_id = $3, name_mn = $4, name_en = $5, description_mn = $6, \
                description_en = $7, archived = $8, classification_code = $9 WHERE id = $1",
    )
    .bind(id)
    .bind(&product.slug)
    .bind(category)
    .bind(&product.name_mn)
    .bind(&product.name_en)
    .bind(&product.description_mn)
    .bind(&product.description_en)
    .bind(i64::from(product.archived))
    .bind(Some(&product.classification_code).filter(|code| !code.is_empty()))
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(SaveError::NotFound);
    }
    super::search_keys::write(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Points the product at a new picture; returns the old one's path (for removing the file), `None` without product.
pub async fn set_image(db: &Db, id: i64, image: &str) -> Result<Option<String>, DbError> {
    let mut tx = db.begin_write().await?;
    let old: Option<String> = sqlx::query_scalar(&format!("SELECT image FROM products WHERE id = $1{}", db.row_lock()))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if old.is_some() {
        sqlx::query("UPDATE products SET image = $2 WHERE id = $1")
            .bind(id)
            .bind(image)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(old)
}

pub async fn create_variant(db: &Db, product_id: i64, variant: &ValidVariant) -> Result<i64, SaveError> {
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO variants (product_id, sku, name_mn, name_en, price_mnt, stock, archived, position, low_stock) \
         SELECT id, $2, $3, $4, $5, $6, $7, \
                (SELECT COALESCE(MAX(position), 0) + 1 FROM variants WHERE product_id = $1), $8 \
         FROM products WHERE id = $1 RETURNING id",
    )
    .bind(product_id)
    .bind(&variant.sku)
    .bind(&variant.name_mn)
    .bind(&variant.name_en)
    .bind(variant.price_mnt)
    .bind(variant.stock)
    .bind(i64::from(variant.archived))
    .bind(variant.low_stock)
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(SaveError::NotFound)?;
    // Its SKU finds the product.
    super::search_keys::write(&mut tx, product_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a variant of the product. Orders already placed keep their prices (they copied them). The stock moves
/// by what the owner changed (`stock - stock_shown`), so units sold while the form was open stay sold; a change
/// that would take it below zero is refused (`StockChanged`). A change that takes the stock across its low level
/// tells the owner, as a sale would (`stock::moved`, in the change's transaction).
pub async fn update_variant(db: &Db, product_id: i64, id: i64, variant: &ValidVariant) -> Result<(), SaveError> {
    let change = variant.stock - variant.stock_shown.unwrap_or(variant.stock);
    let stock = if variant.stock_shown.is_some() {
        "stock + $7"
    } else {
        "$7"
    };
    let mut tx = db.begin_write().await?;
    let before: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT stock FROM variants WHERE id = $1 AND product_id = $2{}",
        db.row_lock()
    ))
    .bind(id)
    .bind(product_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        return Err(SaveError::NotFound);
    };
    let after: Option<(i64, Option<i64>)> = sqlx::query_as(&format!(
        "UPDATE variants SET sku = $3, name_mn = $4, name_en = $5, price_mnt = $6, stock = {stock}, archived = $8, \
                low_stock = $9 \
         WHERE id = $1 AND product_id = $2 AND {stock} >= 0 RETURNING stock, low_stock"
    ))
    .bind(id)
    .bind(product_id)
    .bind(&variant.sku)
    .bind(&variant.name_mn)
    .bind(&variant.name_en)
    .bind(variant.price_mnt)
    .bind(if variant.stock_shown.is_some() {
        change
    } else {
        variant.stock
    })
    .bind(i64::from(variant.archived))
    .bind(variant.low_stock)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((after, own)) = after else {
        return Err(SaveError::StockChanged);
    };
    // One move: the shop's default, when this variant has no level of its own, is read for it alone.
    let mut shop = super::stock::ShopLevel::default();
    super::stock::moved(&mut tx, id, (before, after), own, &mut shop).await?;
    // Its SKU (changed, or archived with the variant) finds the product, or no longer.
    super::search_keys::write(&mut tx, product_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn create_category(db: &Db, category: &ValidCategory) -> Result<(), SaveError> {
    sqlx::query(
        "INSERT INTO categories (slug, name_mn, name_en, position) \
         SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1 FROM categories",
    )
    .bind(&category.slug)
    .bind(&category.name_mn)
    .bind(&category.name_en)
    .execute(db.pool())
    .await?;
    Ok(())
}
