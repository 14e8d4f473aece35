//! Every change to an order row after it was placed: its payment state and paid amount, stock held or given back,
//! the owner's attention flag, refunded totals, fulfilment, and the "check now" slot. Each is one conditional
//! UPDATE, so concurrent callers move an order once.

use sqlx::{Any, Executor, Transaction};

use crate::{
    db::{Db, DbError, now_ms, refunds::RefundedOrder, stored},
    domain::{attention, notice::Event},
};

/// Moves the order's payment state from one of `from` to `to`; false when the order was not in one of those states
/// (someone else moved it first), which makes each transition happen once.
pub async fn move_payment_state<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    from: &[&str],
    to: &str,
) -> Result<bool, DbError> {
    let sql = format!(
        "UPDATE orders SET payment_state = $2, updated_at = $3, \
                paid_at = CASE WHEN $2 = 'paid' THEN $3 ELSE paid_at END \
         WHERE id = $1 AND payment_state IN ({})",
        crate::db::placeholders(4, from.len())
    );
    let mut query = sqlx::query(&sql).bind(order_id).bind(to).bind(now_ms());
    for state in from {
        query = query.bind(*state);
    }
    Ok(query.execute(executor).await?.rows_affected() == 1)
}

/// Records how much QPay says was paid, when that is more than known before (a second partial payment, say).
pub async fn record_paid_amount<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    paid_mnt: i64,
) -> Result<(), DbError> {
    // `updated_at` too: the report keeps its sums until an order's money moves (`reports::sales_mark`).
    sqlx::query("UPDATE orders SET paid_mnt = $2, updated_at = $3 WHERE id = $1 AND paid_mnt < $2")
        .bind(order_id)
        .bind(paid_mnt)
        .bind(now_ms())
        .execute(executor)
        .await?;
    Ok(())
}

/// Marks a "check now" for the order unless one happened within `min_gap_ms`; false when it is too soon.
pub async fn take_check_slot(db: &Db, order_id: i64, min_gap_ms: i64) -> Result<bool, DbError> {
    let now = now_ms();
    let taken = sqlx::query(
        "UPDATE orders SET last_checked_at = $2 WHERE id = $1 AND (last_checked_at IS NULL OR last_checked_at <= $3)",
    )
    .bind(order_id)
    .bind(now)
    .bind(now - min_gap_ms)
    .execute(db.pool())
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// Gives the order's items back to stock, once: false when the order held none (given back before). `row_lock` is
/// [`Db::row_lock`]: the variants are locked in id order first, the order checkout locks them in, so a release and
/// a checkout of the same variants cannot deadlock on PostgreSQL (an `UPDATE ... WHERE id IN` takes its rows in
/// whatever order the table is read).
pub async fn release_stock(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    row_lock: &'static str,
) -> Result<bool, DbError> {
    let held = sqlx::query("UPDATE orders SET stock_reserved = 0 WHERE id = $1 AND stock_reserved = 1")
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    if held.rows_affected() == 0 {
        return Ok(false);
    }
    lock_variants_of(tx, order_id, row_lock).await?;
    sqlx::query(
        "UPDATE variants SET stock = stock + ( \
             SELECT CAST(SUM(quantity) AS BIGINT) FROM order_items WHERE order_id = $1 AND variant_id = variants.id) \
         WHERE id IN (SELECT variant_id FROM order_items WHERE order_id = $1)",
    )
    .bind(order_id)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Takes the order's items from stock again (money came after expiry); false, with nothing changed, when any item
/// no longer has enough. `row_lock` is [`Db::row_lock`]: the variants are locked before they are counted.
pub async fn reserve_again(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    row_lock: &'static str,
) -> Result<bool, DbError> {
    lock_variants_of(tx, order_id, row_lock).await?;
    let short: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ( \
             SELECT v.id FROM variants v JOIN order_items i ON i.variant_id = v.id \
             WHERE i.order_id = $1 GROUP BY v.id, v.stock HAVING v.stock < SUM(i.quantity)) short",
    )
    .bind(order_id)
    .fetch_one(&mut **tx)
    .await?;
    if short > 0 {
        return Ok(false);
    }
    // Each variant's stock before the take, to tell the owner of one that crosses its low level.
    let before: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, stock FROM variants WHERE id IN (SELECT variant_id FROM order_items WHERE order_id = $1) ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?;
    // Each variant's stock after, with its own level, returned by the take itself rather than read again per variant.
    let after: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
        "UPDATE variants SET stock = stock - ( \
             SELECT CAST(SUM(quantity) AS BIGINT) FROM order_items WHERE order_id = $1 AND variant_id = variants.id) \
         WHERE id IN (SELECT variant_id FROM order_items WHERE order_id = $1) RETURNING id, stock, low_stock",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?;
    super::super::stock::moved_from(tx, &before, &after).await?;
    sqlx::query("UPDATE orders SET stock_reserved = 1 WHERE id = $1")
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// Locks the variants of the order's items in id order (PostgreSQL; `row_lock` is empty on SQLite).
async fn lock_variants_of(tx: &mut Transaction<'_, Any>, order_id: i64, row_lock: &'static str) -> Result<(), DbError> {
    sqlx::query(&format!(
        "SELECT id FROM variants WHERE id IN (SELECT variant_id FROM order_items WHERE order_id = $1) \
         ORDER BY id{row_lock}"
    ))
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(())
}

/// Changes the order's flag after a move, in the move's transaction, whose caller holds the order's row: the
/// reasons beginning with one of `resolves` go, `add` joins the rest (`domain::attention`), so a move never clears
/// what it did not settle. A new reason that is trouble tells the owner "needs attention" (once per order).
pub async fn reflag(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    resolves: &[&str],
    add: Option<&str>,
) -> Result<(), DbError> {
    reflag_telling(tx, order_id, resolves, add, Event::NeedsAttention).await
}

/// [`reflag`], telling the owner of a new reason as `event`.
async fn reflag_telling(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    resolves: &[&str],
    add: Option<&str>,
    event: Event,
) -> Result<(), DbError> {
    let current: Option<String> = sqlx::query_scalar("SELECT attention FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await?;
    let after = attention::after(current.as_deref(), resolves, add);
    if add.is_some_and(|add| attention::tells_owner(current.as_deref(), add)) {
        // In the move's transaction; once per order and kind (`outbox::enqueue_notice`).
        super::super::outbox::enqueue_notice(tx, order_id, event, now_ms()).await?;
    }
    if after != current {
        sqlx::query("UPDATE orders SET attention = $2 WHERE id = $1")
            .bind(order_id)
            .bind(after)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Keeps the courier's note of a shipped order, in the move's transaction.
pub async fn set_courier_note(tx: &mut Transaction<'_, Any>, order_id: i64, note: &str) -> Result<(), DbError> {
    sqlx::query("UPDATE orders SET courier_note = $2 WHERE id = $1")
        .bind(order_id)
        .bind(note)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Adds `reason` to the order's flag (once), outside any move: in a transaction of its own that locks the row; the
/// owner is told of it as `event`.
pub async fn add_reason(db: &Db, order_id: i64, reason: &str, event: Event) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(&format!("SELECT id FROM orders WHERE id = $1{}", db.row_lock()))
        .bind(order_id)
        .fetch_optional(&mut *tx)
        .await?;
    reflag_telling(&mut tx, order_id, &[], Some(reason), event).await?;
    tx.commit().await?;
    Ok(())
}

/// Counts a finished refund in the order's refunded total.
pub async fn add_refunded(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    amount_mnt: i64,
) -> Result<RefundedOrder, DbError> {
    let (paid_mnt, refunded_mnt, payment_state, fulfilment): (i64, i64, String, String) = sqlx::query_as(
        "UPDATE orders SET refunded_mnt = refunded_mnt + $2, updated_at = $3 WHERE id = $1 \
         RETURNING paid_mnt, refunded_mnt, payment_state, fulfilment",
    )
    .bind(order_id)
    .bind(amount_mnt)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    Ok(RefundedOrder {
        paid: stored::amount("orders", "paid_mnt", paid_mnt)?,
        refunded: stored::amount("orders", "refunded_mnt", refunded_mnt)?,
        payment_state: stored::payment_state("orders", "payment_state", &payment_state)?,
        fulfilment: stored::fulfilment("orders", "fulfilment", &fulfilment)?,
    })
}

/// Removes the reasons beginning with `reason` from the order's flag once no refund of the order is pending any
/// more (other reasons stay).
pub async fn clear_flag(tx: &mut Transaction<'_, Any>, order_id: i64, reason: &str) -> Result<(), DbError> {
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM refunds WHERE order_id = $1 AND state = 'pending'")
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await?;
    if pending == 0 {
        reflag(tx, order_id, &[reason], None).await?;
    }
    Ok(())
}

/// Moves a paid order's fulfilment from `from` to `to`; false when it was not paid (or was refunded in full, or a
/// refund of it waits for QPay's answer) or not at `from`. An unpaid order whose money the courier or the pickup
/// point takes moves too (`PayMethod::hands_over_before_paid`; the same rule as `domain::pay_method::may_fulfil`).
pub async fn move_fulfilment<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    from: &str,
    to: &str,
) -> Result<bool, DbError> {
    let moved = sqlx::query(
        "UPDATE orders SET fulfilment = $3, updated_at = $4 \
         WHERE id = $1 AND fulfilment = $2 AND ( \
             (payment_state = 'paid' AND refunded_mnt < paid_mnt \
              AND NOT EXISTS (SELECT 1 FROM refunds WHERE order_id = $1 AND state = 'pending')) \
             OR (payment_state IN ('awaiting', 'partially-paid') \
                 AND payment_method IN ('cash-on-delivery', 'pay-at-pickup')))",
    )
    .bind(order_id)
    .bind(from)
    .bind(to)
    .bind(now_ms())
    .execute(executor)
    .await?;
    Ok(moved.rows_affected() == 1)
}
