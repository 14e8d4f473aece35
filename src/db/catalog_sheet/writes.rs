//! An apply's writes of products and variants as a sheet gives them (`super::apply`).

use sqlx::{Any, Transaction};

use super::ApplyError;
use crate::domain::catalog_sheet::{SheetProduct, SheetVariant};

/// A new product as the sheet gives it: a neutral picture until one is added, as a product made by the form.
pub(super) async fn insert_product(
    tx: &mut Transaction<'_, Any>,
    product: &SheetProduct,
    category_id: i64,
    at: i64,
) -> Result<i64, ApplyError> {
    let id = sqlx::query_scalar(
        "INSERT INTO products (slug, category_id, name_mn, name_en, description_mn, description_en, image, \
                               archived, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&product.handle)
    .bind(category_id)
    .bind(&product.name_mn)
    .bind(&product.name_en)
    .bind(&product.description_mn)
    .bind(&product.description_en)
    .bind(crate::domain::picture::PLACEHOLDER)
    .bind(i64::from(!product.active))
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A new variant, last of its product's; nothing is held of it yet, so its count is all for sale.
pub(super) async fn insert_variant(
    tx: &mut Transaction<'_, Any>,
    product_id: i64,
    variant: &SheetVariant,
) -> Result<(), ApplyError> {
    sqlx::query(
        "INSERT INTO variants (product_id, sku, name_mn, name_en, price_mnt, stock, archived, position, low_stock) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, \
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM variants WHERE product_id = $1), $7)",
    )
    .bind(product_id)
    .bind(&variant.sku)
    .bind(&variant.option_mn)
    .bind(&variant.option_en)
    .bind(variant.price)
    .bind(variant.stock)
    .bind(variant.low_stock)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stored product's own fields as the sheet gives them (its pictures and tax code are not the sheet's).
pub(super) async fn update_product(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    product: &SheetProduct,
    category_id: i64,
) -> Result<(), ApplyError> {
    sqlx::query(
        "UPDATE products SET slug = $2, category_id = $3, name_mn = $4, name_en = $5, description_mn = $6, \
                description_en = $7, archived = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(&product.handle)
    .bind(category_id)
    .bind(&product.name_mn)
    .bind(&product.name_en)
    .bind(&product.description_mn)
    .bind(&product.description_en)
    .bind(i64::from(!product.active))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stored variant as its row gives it, its count on the shelf less what orders hold (`held`) for sale; returns
/// its product's id.
pub(super) async fn update_variant(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    variant: &SheetVariant,
    held: i64,
) -> Result<i64, ApplyError> {
    let product_id = sqlx::query_scalar(
        "UPDATE variants SET sku = $2, name_mn = $3, name_en = $4, price_mnt = $5, stock = $6, low_stock = $7 \
         WHERE id = $1 RETURNING product_id",
    )
    .bind(id)
    .bind(&variant.sku)
    .bind(&variant.option_mn)
    .bind(&variant.option_en)
    .bind(variant.price)
    .bind(variant.stock - held)
    .bind(variant.low_stock)
    .fetch_one(&mut **tx)
    .await?;
    Ok(product_id)
}
