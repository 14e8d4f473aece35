//! Where the shop delivers and what it charges (the rules in `domain::delivery` and `domain::pricing`).

use super::{Db, DbError, stored};
use crate::domain::{
    Mnt,
    delivery::{self, ValidCountryside, ValidPickup, ValidZone, ZoneArea},
    pricing::DeliveryRate,
};

/// An Ulaanbaatar delivery zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneRow {
    pub id: i64,
    pub name_mn: String,
    pub name_en: String,
    /// Its fee and free-delivery threshold, decoded when read: a corrupt fee is an error, never free delivery.
    pub rate: DeliveryRate,
    pub promise_mn: String,
    pub promise_en: String,
}

stored::record! {
    /// [`ZoneRow`] as stored. Both engines' CHECKs refuse a negative fee, so the decoding is tested here, not in SQL.
    struct ZoneRecord => ZoneRow { id: i64, name_mn: String, name_en: String, promise_mn: String, promise_en: String }
    stored { fee_mnt: i64, free_from_mnt: Option<i64> }
    decoded |row| { rate: rate("delivery_zones", row.fee_mnt, row.free_from_mnt)? }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PickupRow {
    pub id: i64,
    pub name_mn: String,
    pub name_en: String,
    pub address_mn: String,
    pub address_en: String,
    pub hours_mn: String,
    pub hours_en: String,
}

/// Countryside delivery as the shop offers it, with the fee for one aimag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountrysideRow {
    pub rate: DeliveryRate,
    pub method_mn: String,
    pub method_en: String,
    pub promise_mn: String,
    pub promise_en: String,
}

stored::record! {
    /// [`CountrysideRow`] as stored; its fee is the aimag's own (`countryside_fees`) or the countryside's.
    struct CountrysideRecord => CountrysideRow {
        method_mn: String,
        method_en: String,
        promise_mn: String,
        promise_en: String,
    }
    stored { fee_mnt: i64, free_from_mnt: Option<i64> }
    decoded |row| { rate: rate("countryside_delivery", row.fee_mnt, row.free_from_mnt)? }
}

/// A fee and free-delivery threshold as `table` stores them, in `fee_mnt` and `free_from_mnt`.
fn rate(table: &'static str, fee_mnt: i64, free_from_mnt: Option<i64>) -> Result<DeliveryRate, DbError> {
    Ok(DeliveryRate {
        fee: stored::amount(table, "fee_mnt", fee_mnt)?,
        free_from: stored::optional_amount(table, "free_from_mnt", free_from_mnt)?,
    })
}

const SELECT_ZONES: &str =
    "SELECT id, name_mn, name_en, fee_mnt, free_from_mnt, promise_mn, promise_en FROM delivery_zones WHERE active = 1";

/// The active zones, in the order the shop lists them.
pub async fn zones(db: &Db) -> Result<Vec<ZoneRow>, DbError> {
    let rows: Vec<ZoneRecord> = sqlx::query_as(&format!("{SELECT_ZONES} ORDER BY position, id"))
        .fetch_all(db.pool())
        .await?;
    rows.into_iter().map(ZoneRow::try_from).collect()
}

/// The zone delivering to `khoroo` of `district` (`domain::delivery::zone_for`); `None` when none does. One
/// statement reads the areas with their zones, so an owner's save in between cannot pair old areas with a new zone.
pub async fn zone_for(db: &Db, district: &str, khoroo: i64) -> Result<Option<ZoneRow>, DbError> {
    let rows: Vec<AreaOfZone> = sqlx::query_as(
        "SELECT a.district, a.khoroo, z.id, z.name_mn, z.name_en, z.fee_mnt, z.free_from_mnt, z.promise_mn, \
                z.promise_en \
         FROM delivery_zone_areas a JOIN delivery_zones z ON z.id = a.zone_id \
         WHERE z.active = 1 AND a.district = $1",
    )
    .bind(district)
    .fetch_all(db.pool())
    .await?;
    let areas: Vec<ZoneArea> = rows
        .iter()
        .map(|row| ZoneArea {
            zone_id: row.zone.id,
            district: row.district.clone(),
            khoroo: row.khoroo,
        })
        .collect();
    let zone_id = delivery::zone_for(&areas, district, khoroo);
    rows.into_iter()
        .map(|row| row.zone)
        .find(|zone| Some(zone.id) == zone_id)
        .map(ZoneRow::try_from)
        .transpose()
}

#[derive(sqlx::FromRow)]
struct AreaOfZone {
    district: String,
    khoroo: i64,
    #[sqlx(flatten)]
    zone: ZoneRecord,
}

/// The active pickup points, in the order the shop lists them.
pub async fn pickup_points(db: &Db) -> Result<Vec<PickupRow>, DbError> {
    Ok(sqlx::query_as(
        "SELECT id, name_mn, name_en, address_mn, address_en, hours_mn, hours_en FROM pickup_points \
         WHERE active = 1 ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Countryside delivery to `aimag` (`domain::aimag` code) with its own fee when it has one; `None` when the shop
/// does not deliver to the countryside.
pub async fn countryside(db: &Db, aimag: &str) -> Result<Option<CountrysideRow>, DbError> {
    let row: Option<CountrysideRecord> = sqlx::query_as(
        "SELECT COALESCE(f.fee_mnt, c.fee_mnt) AS fee_mnt, c.free_from_mnt, c.method_mn, c.method_en, c.promise_mn, \
                c.promise_en \
         FROM countryside_delivery c LEFT JOIN countryside_fees f ON f.aimag = $1 WHERE c.id = 1 AND c.active = 1",
    )
    .bind(aimag)
    .fetch_optional(db.pool())
    .await?;
    row.map(CountrysideRow::try_from).transpose()
}

/// A zone as the owner edits it, with its areas and whether it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneSettings {
    pub zone: ZoneRow,
    pub active: bool,
    pub areas: Vec<(String, i64)>,
}

/// Every zone, on or off, in the shop's order, with its areas.
pub async fn all_zones(db: &Db) -> Result<Vec<ZoneSettings>, DbError> {
    let zones: Vec<WithActive<ZoneRecord>> = sqlx::query_as(
        "SELECT id, name_mn, name_en, fee_mnt, free_from_mnt, promise_mn, promise_en, active FROM delivery_zones \
         ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?;
    let areas: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT zone_id, district, khoroo FROM delivery_zone_areas ORDER BY district, khoroo")
            .fetch_all(db.pool())
            .await?;
    zones
        .into_iter()
        .map(|row| -> Result<ZoneSettings, DbError> {
            Ok(ZoneSettings {
                areas: areas
                    .iter()
                    .filter(|(zone_id, _, _)| *zone_id == row.item.id)
                    .map(|(_, district, khoroo)| (district.clone(), *khoroo))
                    .collect(),
                active: row.active == 1,
                zone: ZoneRow::try_from(row.item)?,
            })
        })
        .collect()
}

/// A row with its on/off column.
#[derive(sqlx::FromRow)]
struct WithActive<T> {
    #[sqlx(flatten)]
    item: T,
    active: i64,
}

/// Why a zone could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum ZoneSaveError {
    /// Another zone covers one of the areas.
    #[error("an area belongs to another zone")]
    AreaTaken,
    #[error("no such zone")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Creates the zone (`id` `None`) or changes it, its areas replaced, in one transaction: an order placed meanwhile
/// sees the zone before or after, never half of it (and keeps what it was charged either way).
pub async fn save_zone(db: &Db, id: Option<i64>, zone: &ValidZone) -> Result<i64, ZoneSaveError> {
    let mut tx = db.begin_write().await?;
    let query = match id {
        // The id is bound first: $1.
        Some(id) => sqlx::query_scalar(
            "UPDATE delivery_zones SET name_mn = $2, name_en = $3, fee_mnt = $4, free_from_mnt = $5, \
             promise_mn = $6, promise_en = $7, active = $8 WHERE id = $1 RETURNING id",
        )
        .bind(id),
        None => sqlx::query_scalar(
            "INSERT INTO delivery_zones (position, name_mn, name_en, fee_mnt, free_from_mnt, promise_mn, promise_en, \
                                         active) \
             VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM delivery_zones), $1, $2, $3, $4, $5, $6, $7) \
             RETURNING id",
        ),
    };
    let saved: Option<i64> = query
        .bind(&zone.name_mn)
        .bind(&zone.name_en)
        .bind(zone.fee.amount())
        .bind(zone.free_from.map(Mnt::amount))
        .bind(&zone.promise_mn)
        .bind(&zone.promise_en)
        .bind(i64::from(zone.active))
        .fetch_optional(&mut *tx)
        .await
        .map_err(DbError::from)?;
    let id = saved.ok_or(ZoneSaveError::NotFound)?;
    sqlx::query("DELETE FROM delivery_zone_areas WHERE zone_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(DbError::from)?;
    for (district, khoroo) in &zone.areas {
        let added = sqlx::query(
            "INSERT INTO delivery_zone_areas (zone_id, district, khoroo) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(district)
        .bind(*khoroo)
        .execute(&mut *tx)
        .await
        .map_err(DbError::from)?;
        if added.rows_affected() == 0 {
            return Err(ZoneSaveError::AreaTaken);
        }
    }
    tx.commit().await.map_err(DbError::from)?;
    Ok(id)
}

/// Every pickup point, on or off, with whether it is on.
pub async fn all_pickup_points(db: &Db) -> Result<Vec<(PickupRow, bool)>, DbError> {
    let rows: Vec<WithActive<PickupRow>> = sqlx::query_as(
        "SELECT id, name_mn, name_en, address_mn, address_en, hours_mn, hours_en, active FROM pickup_points \
         ORDER BY position, id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|row| (row.item, row.active == 1)).collect())
}

/// Creates the pickup point (`id` `None`) or changes it; false when there is no such point.
pub async fn save_pickup_point(db: &Db, id: Option<i64>, point: &ValidPickup) -> Result<bool, DbError> {
    let query = match id {
        Some(id) => sqlx::query(
            // The id is bound first: $1.
            "UPDATE pickup_points SET name_mn = $2, name_en = $3, address_mn = $4, address_en = $5, hours_mn = $6, \
             hours_en = $7, active = $8 WHERE id = $1",
        )
        .bind(id),
        None => sqlx::query(
            "INSERT INTO pickup_points (position, name_mn, name_en, address_mn, address_en, hours_mn, hours_en, active) \
             VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM pickup_points), $1, $2, $3, $4, $5, $6, $7)",
        ),
    };
    let saved = query
        .bind(&point.name_mn)
        .bind(&point.name_en)
        .bind(&point.address_mn)
        .bind(&point.address_en)
        .bind(&point.hours_mn)
        .bind(&point.hours_en)
        .bind(i64::from(point.active))
        .execute(db.pool())
        .await?;
    Ok(saved.rows_affected() == 1)
}

/// Countryside delivery as the owner edits it: the one row (absent until the owner first saves it), on or off,
/// and the aimags with a fee of their own.
pub async fn countryside_settings(db: &Db) -> Result<Option<(CountrysideRow, bool, Vec<(String, Mnt)>)>, DbError> {
    let row: Option<WithActive<CountrysideRecord>> = sqlx::query_as(
        "SELECT fee_mnt, free_from_mnt, method_mn, method_en, promise_mn, promise_en, active \
         FROM countryside_delivery WHERE id = 1",
    )
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let fees: Vec<(String, i64)> = sqlx::query_as("SELECT aimag, fee_mnt FROM countryside_fees ORDER BY aimag")
        .fetch_all(db.pool())
        .await?;
    let fees = fees
        .into_iter()
        .map(|(aimag, fee_mnt)| -> Result<(String, Mnt), DbError> {
            Ok((aimag, stored::amount("countryside_fees", "fee_mnt", fee_mnt)?))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Some((CountrysideRow::try_from(row.item)?, row.active == 1, fees)))
}

/// Saves countryside delivery and replaces the per-aimag fees, in one transaction.
pub async fn save_countryside(db: &Db, settings: &ValidCountryside) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO countryside_delivery (id, active, fee_mnt, free_from_mnt, method_mn, method_en, promise_mn, \
                                           promise_en) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET active = excluded.active, fee_mnt = excluded.fee_mnt, \
             free_from_mnt = excluded.free_from_mnt, method_mn = excluded.method_mn, method_en = excluded.method_en, \
             promise_mn = excluded.promise_mn, promise_en = excluded.promise_en",
    )
    .bind(i64::from(settings.active))
    .bind(settings.fee.amount())
    .bind(settings.free_from.map(Mnt::amount))
    .bind(&settings.method_mn)
    .bind(&settings.method_en)
    .bind(&settings.promise_mn)
    .bind(&settings.promise_en)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM countryside_fees").execute(&mut *tx).await?;
    for (aimag, fee) in &settings.fees {
        sqlx::query("INSERT INTO countryside_fees (aimag, fee_mnt) VALUES ($1, $2)")
            .bind(aimag)
            .bind(fee.amount())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_fee_or_threshold_is_an_error_never_free_delivery() {
        let zone = |fee_mnt, free_from_mnt| ZoneRecord {
            id: 1,
            name_mn: "Төв".into(),
            name_en: "Centre".into(),
            fee_mnt,
            free_from_mnt,
            promise_mn: String::new(),
            promise_en: String::new(),
        };
        assert_eq!(ZoneRow::try_from(zone(0, None)).unwrap().rate, DeliveryRate::FREE);
        for (row, column) in [(zone(-1, None), "fee_mnt"), (zone(5_000, Some(-1)), "free_from_mnt")] {
            let error = ZoneRow::try_from(row).unwrap_err();
            let named = matches!(error, DbError::Corrupt { table: "delivery_zones", column: c, .. } if c == column);
            assert!(named, "{column}: {error}");
        }
    }
}
