//! Stock running low (`domain::stock`): the owner's stock settings (one row), the variants at or below their level,
//! and the owner's message when a stock move crosses one, written in the move's own transaction.

use sqlx::{Any, Executor, Transaction};

use super::{
    Db, DbError, now_ms,
    outbox::{self, MessageKind},
};
use crate::domain::{
    notice::Channel,
    stock::{self, StockSettings},
};

/// The settings; the defaults until the owner saves them.
pub async fn settings<'e>(executor: impl Executor<'e, Database = Any>) -> Result<StockSettings, DbError> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT low_stock_default, few_left FROM stock_settings WHERE id = 1")
            .fetch_optional(executor)
            .await?;
    Ok(
        row.map_or_else(StockSettings::default, |(low_stock_default, few_left)| StockSettings {
            low_stock_default,
            few_left,
        }),
    )
}

pub async fn save_settings(db: &Db, settings: &StockSettings) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO stock_settings (id, low_stock_default, few_left, updated_at) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET low_stock_default = excluded.low_stock_default, \
         few_left = excluded.few_left, updated_at = excluded.updated_at",
    )
    .bind(settings.low_stock_default)
    .bind(settings.few_left)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The shop's default low-stock level as the moves of one order (or one owner's edit) need it: read from the
/// settings the first time a variant without its own level moves down, then kept for the rest of the moves, so an
/// order of many such lines reads it once, and one whose variants all have their own level never. Made fresh for
/// each transaction ([`Default`]), so a change of the settings applies to the next order.
#[derive(Debug, Default)]
pub struct ShopLevel(Option<i64>);

impl ShopLevel {
    /// `own`, else the shop's default, read in `tx` only the first time it is needed.
    async fn of(&mut self, tx: &mut Transaction<'_, Any>, own: Option<i64>) -> Result<i64, DbError> {
        if let Some(level) = own.or(self.0) {
            return Ok(level);
        }
        let level = settings(&mut **tx).await?.level_of(None);
        self.0 = Some(level);
        Ok(level)
    }
}

/// After the caller moved `variant_id`'s stock from `before` to `after` in `tx`: when the move crossed the
/// variant's level, the owner's message (an SMS and an e-mail, each a message of no order) is written in the same
/// transaction, named by the crossing's number so that each crossing writes one and only one. `own` is the variant's
/// own level (`variants.low_stock`), which the caller's move returns with the stock; the shop's default comes from
/// `shop`, shared by the moves of one order so that it is read at most once.
pub async fn moved(
    tx: &mut Transaction<'_, Any>,
    variant_id: i64,
    (before, after): (i64, i64),
    own: Option<i64>,
    shop: &mut ShopLevel,
) -> Result<(), DbError> {
    if after >= before {
        // Only a move down can cross; a restock above the level re-arms the next crossing by itself.
        return Ok(());
    }
    let level = shop.of(tx, own).await?;
    if !stock::crosses(before, after, level) {
        return Ok(());
    }
    let crossing: i64 = sqlx::query_scalar(
        "UPDATE variants SET low_stock_crossings = low_stock_crossings + 1 WHERE id = $1 RETURNING low_stock_crossings",
    )
    .bind(variant_id)
    .fetch_one(&mut **tx)
    .await?;
    for channel in [Channel::Sms, Channel::Email] {
        outbox::enqueue_alone(
            &mut **tx,
            MessageKind::LowStock(variant_id, crossing, channel),
            now_ms(),
        )
        .await?;
    }
    tracing::info!(
        variant_id,
        before,
        after,
        level,
        "stock crossed its low level: the owner is told"
    );
    Ok(())
}

/// [`moved`] for each of `before` ((variant id, its stock before)), in its order, with `after` ((variant id, its
/// stock after, its own level)) as the caller's one `UPDATE … RETURNING` gave them: no read per variant. A variant
/// `after` does not name did not move.
pub async fn moved_from(
    tx: &mut Transaction<'_, Any>,
    before: &[(i64, i64)],
    after: &[(i64, i64, Option<i64>)],
) -> Result<(), DbError> {
    let mut shop = ShopLevel::default();
    for &(variant_id, was) in before {
        let Some(&(_, now, own)) = after.iter().find(|(id, _, _)| *id == variant_id) else {
            continue;
        };
        moved(tx, variant_id, (was, now), own, &mut shop).await?;
    }
    Ok(())
}

/// A variant as the owner's stock views and message show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StockRow {
    pub variant_id: i64,
    pub product_id: i64,
    pub product_name_mn: String,
    pub product_name_en: String,
    pub variant_name_mn: String,
    pub variant_name_en: String,
    pub stock: i64,
}

const STOCK_ROW: &str = "SELECT v.id AS variant_id, p.id AS product_id, p.name_mn AS product_name_mn, \
        p.name_en AS product_name_en, v.name_mn AS variant_name_mn, v.name_en AS variant_name_en, v.stock \
     FROM variants v JOIN products p ON p.id = v.product_id";

/// The variants on sale at or below their level (their own, else the shop's default), fewest left first.
pub async fn running_low(db: &Db) -> Result<Vec<StockRow>, DbError> {
    let default = settings(db.pool()).await?.low_stock_default;
    let rows = sqlx::query_as(&format!(
        "{STOCK_ROW} WHERE v.archived = 0 AND p.archived = 0 AND v.stock <= COALESCE(v.low_stock, $1) \
         ORDER BY v.stock, p.id, v.position, v.id"
    ))
    .bind(default)
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// One variant, for the owner's message about it.
pub async fn variant(db: &Db, variant_id: i64) -> Result<Option<StockRow>, DbError> {
    let row = sqlx::query_as(&format!("{STOCK_ROW} WHERE v.id = $1"))
        .bind(variant_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row)
}

/// Why a stock move was made (`stock_moves.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveReason {
    /// A catalog sheet imported (`admin/catalog_sheet`).
    Import,
    /// A stocktake: a sheet of counts only.
    Stocktake,
}

/// A stock move as the product's page lists it: the count on the shelf before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMove {
    pub sku: String,
    pub before: i64,
    pub after: i64,
    pub reason: MoveReason,
    pub actor: String,
    pub at_ms: i64,
}

/// The product's last `limit` stock moves, newest first.
pub async fn moves_of_product(db: &Db, product_id: i64, limit: i64) -> Result<Vec<StockMove>, DbError> {
    let rows: Vec<(String, i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT v.sku, m.shelf_before, m.shelf_after, m.reason, m.actor, m.created_at \
         FROM stock_moves m JOIN variants v ON v.id = m.variant_id \
         WHERE v.product_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT $2",
    )
    .bind(product_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(sku, before, after, reason, actor, at_ms)| {
            let reason = match reason.as_str() {
                "import" => MoveReason::Import,
                "stocktake" => MoveReason::Stocktake,
                _ => return Err(super::stored::corrupt("stock_moves", "reason", reason)),
            };
            Ok(StockMove {
                sku,
                before,
                after,
                reason,
                actor,
                at_ms,
            })
        })
        .collect()
}
