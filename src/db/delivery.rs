//! Where the shop delivers and what it charges (issue #18; the rules in `domain::delivery` and `domain::pricing`).

use super::{Db, DbError};
use crate::domain::{
    Mnt,
    delivery::{self, ZoneArea},
    pricing::DeliveryRate,
};

/// An Ulaanbaatar delivery zone.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ZoneRow {
    pub id: i64,
    pub name_mn: String,
    pub name_en: String,
    pub fee_mnt: i64,
    pub free_from_mnt: Option<i64>,
    pub promise_mn: String,
    pub promise_en: String,
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
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CountrysideRow {
    pub fee_mnt: i64,
    pub free_from_mnt: Option<i64>,
    pub method_mn: String,
    pub method_en: String,
    pub promise_mn: String,
    pub promise_en: String,
}

fn rate(fee_mnt: i64, free_from_mnt: Option<i64>) -> DeliveryRate {
    DeliveryRate {
        fee: Mnt::new(fee_mnt).unwrap_or_default(),
        free_from: free_from_mnt.and_then(|amount| Mnt::new(amount).ok()),
    }
}

impl ZoneRow {
    pub fn rate(&self) -> DeliveryRate {
        rate(self.fee_mnt, self.free_from_mnt)
    }
}

impl CountrysideRow {
    pub fn rate(&self) -> DeliveryRate {
        rate(self.fee_mnt, self.free_from_mnt)
    }
}

const SELECT_ZONES: &str =
    "SELECT id, name_mn, name_en, fee_mnt, free_from_mnt, promise_mn, promise_en FROM delivery_zones WHERE active = 1";

/// The active zones, in the order the shop lists them.
pub async fn zones(db: &Db) -> Result<Vec<ZoneRow>, DbError> {
    Ok(sqlx::query_as(&format!("{SELECT_ZONES} ORDER BY position, id"))
        .fetch_all(db.pool())
        .await?)
}

/// The zone delivering to `khoroo` of `district` (`domain::delivery::zone_for`); `None` when none does.
pub async fn zone_for(db: &Db, district: &str, khoroo: i64) -> Result<Option<ZoneRow>, DbError> {
    let areas: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT a.zone_id, a.district, a.khoroo FROM delivery_zone_areas a \
         JOIN delivery_zones z ON z.id = a.zone_id WHERE z.active = 1 AND a.district = $1",
    )
    .bind(district)
    .fetch_all(db.pool())
    .await?;
    let areas: Vec<ZoneArea> = areas
        .into_iter()
        .map(|(zone_id, district, khoroo)| ZoneArea {
            zone_id,
            district,
            khoroo,
        })
        .collect();
    let Some(zone_id) = delivery::zone_for(&areas, district, khoroo) else {
        return Ok(None);
    };
    Ok(sqlx::query_as(&format!("{SELECT_ZONES} AND id = $1"))
        .bind(zone_id)
        .fetch_optional(db.pool())
        .await?)
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
    Ok(sqlx::query_as(
        "SELECT COALESCE(f.fee_mnt, c.fee_mnt) AS fee_mnt, c.free_from_mnt, c.method_mn, c.method_en, c.promise_mn, \
                c.promise_en \
         FROM countryside_delivery c LEFT JOIN countryside_fees f ON f.aimag = $1 WHERE c.id = 1 AND c.active = 1",
    )
    .bind(aimag)
    .fetch_optional(db.pool())
    .await?)
}
