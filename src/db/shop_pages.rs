//! The pages the owner writes (`domain::shop_page`): one row per page, its Markdown in both languages. Saving one
//! moves the shop identity's version on (`shop_identity::version`), so every instance's footer learns of it.

use super::{Db, DbError, stored::corrupt};
use crate::domain::shop_page::PageKind;

/// The page's Markdown as (Mongolian, English); `None` before it is written.
pub async fn get(db: &Db, kind: PageKind) -> Result<Option<(String, String)>, DbError> {
    Ok(
        sqlx::query_as("SELECT body_mn, body_en FROM shop_pages WHERE slug = $1")
            .bind(kind.slug())
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The pages written (their Mongolian not empty), in the order of [`PageKind::ALL`].
pub async fn written(db: &Db) -> Result<Vec<PageKind>, DbError> {
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM shop_pages WHERE body_mn <> ''")
        .fetch_all(db.pool())
        .await?;
    let mut kinds = slugs
        .iter()
        .map(|slug| PageKind::parse(slug).ok_or_else(|| corrupt("shop_pages", "slug", slug)))
        .collect::<Result<Vec<_>, _>>()?;
    kinds.sort_by_key(|kind| PageKind::ALL.iter().position(|k| k == kind));
    Ok(kinds)
}

/// Saves the page (checked by the caller); an empty Mongolian text takes it off the shop.
pub async fn save(db: &Db, kind: PageKind, body_mn: &str, body_en: &str) -> Result<(), DbError> {
    let version = super::shop_identity::next_version(db).await?;
    sqlx::query(
        "INSERT INTO shop_pages (slug, body_mn, body_en, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (slug) DO UPDATE SET body_mn = excluded.body_mn, body_en = excluded.body_en, \
         updated_at = excluded.updated_at",
    )
    .bind(kind.slug())
    .bind(body_mn)
    .bind(body_en)
    .bind(version)
    .execute(db.pool())
    .await?;
    Ok(())
}
