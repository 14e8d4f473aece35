//! The shop's identity (`domain::shop_identity`): one row, absent until the owner saves it; its pages and logo
//! are stored beside it (`shop_pages.rs`, `shop_logo.rs`). Read through the cache in `shop_identity.rs`;
//! `updated_at` tells another instance's cache that it changed.

use super::{Db, DbError, now_ms, stored::corrupt};
use crate::domain::shop_identity::{Contacts, Rgb, ShopIdentity, WeekHours, parse_contact_phone};

#[derive(sqlx::FromRow)]
struct Row {
    name_mn: String,
    name_en: String,
    short_name: String,
    tagline_mn: String,
    tagline_en: String,
    accent: Option<String>,
    phones: String,
    email: String,
    district: String,
    khoroo: Option<i64>,
    street_mn: String,
    street_en: String,
    map_url: String,
    hours: String,
    facebook: String,
    instagram: String,
    messenger: String,
}

/// When the identity, one of the shop's pages or the logo was last saved; `None` before either ever was.
pub async fn version(db: &Db) -> Result<Option<i64>, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(v) FROM (SELECT updated_at AS v FROM shop_identity UNION ALL SELECT updated_at FROM shop_pages \
         UNION ALL SELECT updated_at FROM shop_logo) t",
    )
    .fetch_one(db.pool())
    .await?)
}

/// The version a save writes: now, or one past the last when the clock has not moved on since (or went back), so
/// every cache sees the change.
pub(super) async fn next_version(db: &Db) -> Result<i64, DbError> {
    Ok(now_ms().max(version(db).await?.map_or(0, |v| v + 1)))
}

/// The identity; unnamed (the product's own name) until the owner saves one.
pub async fn get(db: &Db) -> Result<ShopIdentity, DbError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT name_mn, name_en, short_name, tagline_mn, tagline_en, accent, phones, email, district, khoroo, \
                street_mn, street_en, map_url, hours, facebook, instagram, messenger \
         FROM shop_identity WHERE id = 1",
    )
    .fetch_optional(db.pool())
    .await?;
    let mut identity = row.map(decode).unwrap_or_else(|| Ok(ShopIdentity::default()))?;
    identity.pages = super::shop_pages::written(db).await?;
    identity.logo = super::shop_logo::hash(db).await?;
    Ok(identity)
}

fn decode(row: Row) -> Result<ShopIdentity, DbError> {
    const TABLE: &str = "shop_identity";
    let accent = match row.accent {
        Some(hex) => Some(Rgb::parse(&hex).ok_or_else(|| corrupt(TABLE, "accent", &hex))?),
        None => None,
    };
    let phones = row
        .phones
        .split(',')
        .filter(|phone| !phone.is_empty())
        .map(|phone| parse_contact_phone(phone).ok_or_else(|| corrupt(TABLE, "phones", &row.phones)))
        .collect::<Result<Vec<_>, _>>()?;
    let hours = WeekHours::decode(&row.hours).ok_or_else(|| corrupt(TABLE, "hours", &row.hours))?;
    Ok(ShopIdentity {
        named: true,
        pages: Vec::new(),
        logo: None,
        name_mn: row.name_mn,
        name_en: row.name_en,
        short_name: row.short_name,
        tagline_mn: row.tagline_mn,
        tagline_en: row.tagline_en,
        accent,
        contacts: Contacts {
            phones,
            email: row.email,
            district: row.district,
            khoroo: row.khoroo,
            street_mn: row.street_mn,
            street_en: row.street_en,
            map_url: row.map_url,
            hours,
            facebook: row.facebook,
            instagram: row.instagram,
            messenger: row.messenger,
        },
    })
}

/// Saves `identity` as the shop's (checked by the caller) and returns its new version.
pub async fn save(db: &Db, identity: &ShopIdentity) -> Result<i64, DbError> {
    let contacts = &identity.contacts;
    let version = next_version(db).await?;
    sqlx::query(
        "INSERT INTO shop_identity (id, name_mn, name_en, short_name, tagline_mn, tagline_en, accent, phones, email, \
                                    district, khoroo, street_mn, street_en, map_url, hours, facebook, instagram, \
                                    messenger, updated_at) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
         ON CONFLICT (id) DO UPDATE SET name_mn = excluded.name_mn, name_en = excluded.name_en, \
         short_name = excluded.short_name, tagline_mn = excluded.tagline_mn, tagline_en = excluded.tagline_en, \
         accent = excluded.accent, phones = excluded.phones, email = excluded.email, district = excluded.district, \
         khoroo = excluded.khoroo, street_mn = excluded.street_mn, street_en = excluded.street_en, \
         map_url = excluded.map_url, hours = excluded.hours, facebook = excluded.facebook, \
         instagram = excluded.instagram, messenger = excluded.messenger, updated_at = excluded.updated_at",
    )
    .bind(&identity.name_mn)
    .bind(&identity.name_en)
    .bind(&identity.short_name)
    .bind(&identity.tagline_mn)
    .bind(&identity.tagline_en)
    .bind(identity.accent.map(Rgb::hex))
    .bind(contacts.phones.join(","))
    .bind(&contacts.email)
    .bind(&contacts.district)
    .bind(contacts.khoroo)
    .bind(&contacts.street_mn)
    .bind(&contacts.street_en)
    .bind(&contacts.map_url)
    .bind(contacts.hours.encode())
    .bind(&contacts.facebook)
    .bind(&contacts.instagram)
    .bind(&contacts.messenger)
    .bind(version)
    .execute(db.pool())
    .await?;
    Ok(version)
}
