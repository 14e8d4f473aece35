//! The owner's sales report's sums (`/admin/reports`), each one aggregate query written once for both engines.
//!
//! What is counted: orders placed in `[from_ms, until_ms)` that are paid and still the shop's money, by the order
//! list's own "paid" clause (`admin_orders::paid`: an order refunded in full is no sale), and their money as paid
//! less refunded. The day an order belongs to is computed in SQL from `created_at` (Unix ms, BIGINT) by integer
//! arithmetic, which SQLite and PostgreSQL do alike for positive integers, so both group by the same day number as
//! `domain::ub_day::of`.

use super::{Db, DbError, admin_orders, stored};
use crate::domain::{Cents, Mnt, pay_method::PayMethod, report::top::Sold};

/// Paid orders, not refunded in full, placed in the period (`$1` from, `$2` until); `o` is the orders table.
fn sold() -> String {
    format!(
        "{} AND o.created_at >= $1 AND o.created_at < $2",
        admin_orders::paid("o")
    )
}

/// The Ulaanbaatar day (UTC+8: 28,800,000 ms) an order was placed on, as days since 1970-01-01.
const UB_DAY: &str = "(o.created_at + 28800000) / 86400000";
/// What the orders brought in: paid, less refunded. PostgreSQL's `SUM(bigint)` is `NUMERIC`, hence the cast.
const REVENUE: &str = "CAST(COALESCE(SUM(o.paid_mnt - o.refunded_mnt), 0) AS BIGINT)";
/// What the items brought in after each one's share of the discount (refunds are the order's, not an item's).
const ITEM_REVENUE: &str = "CAST(COALESCE(SUM(i.line_total_mnt - i.discount_mnt), 0) AS BIGINT)";
const UNITS: &str = "CAST(COALESCE(SUM(i.quantity), 0) AS BIGINT)";

/// A sum of money the report reads; a negative one is a stored value no version of the shop writes.
fn money(table: &'static str, column: &'static str, value: i64) -> Result<Mnt, DbError> {
    stored::amount(table, column, value)
}

/// The period's paid orders: how many, and what they brought in. The report's own period sums its [`by_day`] rows
/// instead; this is for the period before, whose days are not drawn.
pub async fn totals(db: &Db, from_ms: i64, until_ms: i64) -> Result<(i64, Mnt), DbError> {
    let sql = format!("SELECT COUNT(*), {REVENUE} FROM orders o WHERE {sold}", sold = sold());
    let (count, revenue): (i64, i64) = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_one(db.pool())
        .await?;
    Ok((count, money("orders", "paid_mnt", revenue)?))
}

/// Each day of the period with sales: (day number, orders, revenue), by day.
pub async fn by_day(db: &Db, from_ms: i64, until_ms: i64) -> Result<Vec<(i64, i64, Mnt)>, DbError> {
    let sql = format!(
        "SELECT {UB_DAY} AS ub_day, COUNT(*), {REVENUE} FROM orders o WHERE {sold} GROUP BY {UB_DAY} ORDER BY ub_day",
        sold = sold()
    );
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|(day, count, revenue)| Ok((day, count, money("orders", "paid_mnt", revenue)?)))
        .collect()
}

/// What each variant sold in the period: its id, its product's, units and what they brought in. Summed per variant
/// before the join to `variants`, so the join reads a row per variant, not per order line; the top lists are
/// ranked from this (`domain::report::top`).
pub async fn by_variant(db: &Db, from_ms: i64, until_ms: i64) -> Result<Vec<Sold>, DbError> {
    let sql = format!(
        "SELECT s.variant_id, v.product_id, s.units, s.revenue FROM \
           (SELECT i.variant_id, {UNITS} AS units, {ITEM_REVENUE} AS revenue \
            FROM order_items i JOIN orders o ON o.id = i.order_id WHERE {sold} GROUP BY i.variant_id) s \
         JOIN variants v ON v.id = s.variant_id",
        sold = sold()
    );
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|(variant, product, units, revenue)| {
            Ok(Sold {
                variant,
                product,
                units,
                revenue: money("order_items", "line_total_mnt", revenue)?,
            })
        })
        .collect()
}

/// A variant's names and its product's, in both languages, as the catalog has them now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub variant: i64,
    pub product_mn: String,
    pub product_en: String,
    pub variant_mn: String,
    pub variant_en: String,
}

/// The names of `variants` (a top list's few), with their products'.
pub async fn names(db: &Db, variants: &[i64]) -> Result<Vec<Named>, DbError> {
    if variants.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT v.id, p.name_mn, p.name_en, v.name_mn, v.name_en FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE v.id IN ({})",
        super::placeholders(1, variants.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String, String, String, String)>(&sql);
    for id in variants {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.pool()).await?;
    Ok(rows
        .into_iter()
        .map(|(variant, product_mn, product_en, variant_mn, variant_en)| Named {
            variant,
            product_mn,
            product_en,
            variant_mn,
            variant_en,
        })
        .collect())
}

/// The moment the last order was placed or moved (paid, refunded, packed...): a report's sums kept since then
/// are still true. Every write to an order's money sets `updated_at` (`orders/updates.rs`); an index answers it.
pub async fn sales_mark(db: &Db) -> Result<i64, DbError> {
    let mark: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(updated_at), 0) FROM orders")
        .fetch_one(db.pool())
        .await?;
    Ok(mark)
}

/// One group of the period's orders: its key as stored, how many orders and their revenue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSales<K> {
    pub key: K,
    pub orders: i64,
    pub revenue: Mnt,
}

/// The period's orders by where they went: `("pickup", point)`, or `("delivery", zone)` with the zone's (or the
/// countryside delivery's) name as the shopper saw it; `None` when the order kept no name.
pub async fn by_zone(
    db: &Db,
    from_ms: i64,
    until_ms: i64,
) -> Result<Vec<GroupSales<(String, Option<String>)>>, DbError> {
    let sql = format!(
        "SELECT o.delivery, COALESCE(o.pickup_point, o.delivery_zone), COUNT(*), {REVENUE} FROM orders o \
         WHERE {sold} GROUP BY o.delivery, COALESCE(o.pickup_point, o.delivery_zone)",
        sold = sold()
    );
    let rows: Vec<(String, Option<String>, i64, i64)> = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|(kind, name, orders, revenue)| group((kind, name), orders, revenue))
        .collect()
}

/// The period's delivered orders by Ulaanbaatar district or aimag, by its code.
pub async fn by_district(db: &Db, from_ms: i64, until_ms: i64) -> Result<Vec<GroupSales<String>>, DbError> {
    let sql = format!(
        "SELECT COALESCE(o.district, o.aimag, ''), COUNT(*), {REVENUE} FROM orders o \
         WHERE {sold} AND o.delivery = 'delivery' GROUP BY COALESCE(o.district, o.aimag, '')",
        sold = sold()
    );
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|(code, orders, revenue)| group(code, orders, revenue))
        .collect()
}

/// The period's orders by the way they were paid.
pub async fn by_method(db: &Db, from_ms: i64, until_ms: i64) -> Result<Vec<GroupSales<PayMethod>>, DbError> {
    let sql = format!(
        "SELECT o.payment_method, COUNT(*), {REVENUE} FROM orders o WHERE {sold} GROUP BY o.payment_method",
        sold = sold()
    );
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|(method, orders, revenue)| {
            let method = stored::pay_method("orders", "payment_method", &method)?;
            group(method, orders, revenue)
        })
        .collect()
}

fn group<K>(key: K, orders: i64, revenue: i64) -> Result<GroupSales<K>, DbError> {
    Ok(GroupSales {
        key,
        orders,
        revenue: money("orders", "paid_mnt", revenue)?,
    })
}

/// What discount codes did in the period: orders that carried one, what they were given off (discounts and
/// waived delivery, as the codes page counts it) and what those orders brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeSales {
    pub orders: i64,
    pub discounted: Mnt,
    pub revenue: Mnt,
}

pub async fn with_codes(db: &Db, from_ms: i64, until_ms: i64) -> Result<CodeSales, DbError> {
    let sql = format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(o.discount_mnt + o.delivery_waived_mnt), 0) AS BIGINT), {REVENUE} \
         FROM orders o WHERE {sold} AND o.discount_code IS NOT NULL",
        sold = sold()
    );
    let (orders, discounted, revenue): (i64, i64, i64) = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_one(db.pool())
        .await?;
    Ok(CodeSales {
        orders,
        discounted: money("orders", "discount_mnt", discounted)?,
        revenue: money("orders", "paid_mnt", revenue)?,
    })
}

/// QPay's fees on the period's orders: how many QPay payments they had, of how many QPay told the fee, and the
/// fees told, in hundredths of a tögrög.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeeSums {
    pub payments: i64,
    pub known: i64,
    pub fees: Cents,
}

pub async fn qpay_fees(db: &Db, from_ms: i64, until_ms: i64) -> Result<FeeSums, DbError> {
    // The shop's own payments (cash, transfer: `PayMethod::recorded_as`) have no QPay fee.
    let sql = format!(
        "SELECT COUNT(*), COUNT(p.fee_cents), CAST(COALESCE(SUM(p.fee_cents), 0) AS BIGINT) \
         FROM payments p JOIN orders o ON o.id = p.order_id WHERE {sold} AND p.method NOT IN ('CASH', 'TRANSFER')",
        sold = sold()
    );
    let (payments, known, fees): (i64, i64, i64) = sqlx::query_as(&sql)
        .bind(from_ms)
        .bind(until_ms)
        .fetch_one(db.pool())
        .await?;
    // A negative sum is a stored fee no version of the shop writes.
    let fees = stored::amount("payments", "fee_cents", fees)?.amount();
    Ok(FeeSums {
        payments,
        known,
        fees: Cents(fees),
    })
}
