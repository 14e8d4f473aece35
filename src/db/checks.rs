//! The reconciler's work list (`qpay_invoices.next_check_at`) and the invoice claims it drops; what expiry changes
//! in the order row itself (its state, the stock it held) is in `orders/updates.rs`.

use sqlx::{Any, Executor, Transaction};

use super::{Db, DbError};

/// An invoice whose check is due, taken by one reconciler.
#[derive(Debug, sqlx::FromRow)]
pub struct DueCheck {
    pub order_id: i64,
}

/// Takes up to `limit` invoices whose check is due at `now`, moving their next check to `lease_until` so that no
/// other reconciler (in this or another instance) takes them meanwhile; a reconciler that dies leaves them due again
/// when the lease runs out.
pub async fn claim_due(db: &Db, now: i64, lease_until: i64, limit: i64) -> Result<Vec<DueCheck>, DbError> {
    let sql = format!(
        // MATERIALIZED: PostgreSQL may otherwise run a `LIMIT … SKIP LOCKED` subquery more than once and take
        // more rows than asked for.
        "WITH due AS MATERIALIZED ( \
             SELECT order_id FROM qpay_invoices WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT $3{}) \
         UPDATE qpay_invoices SET next_check_at = $2 \
         WHERE next_check_at <= $1 AND order_id IN (SELECT order_id FROM due) \
         RETURNING order_id",
        db.skip_locked()
    );
    let due = sqlx::query_as(&sql)
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    Ok(due)
}

/// Sets when the order's invoice is checked next (`None`: no more checks).
pub async fn schedule<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    next_check_at: Option<i64>,
) -> Result<(), DbError> {
    sqlx::query("UPDATE qpay_invoices SET next_check_at = $2 WHERE order_id = $1 AND state = 'open'")
        .bind(order_id)
        .bind(next_check_at)
        .execute(executor)
        .await?;
    Ok(())
}

/// Makes the order's check due by `at` unless it is due sooner (a callback arrived: if this process dies before
/// settling it, the reconciler does).
pub async fn due_by(db: &Db, order_id: i64, at: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE qpay_invoices SET next_check_at = $2 \
         WHERE order_id = $1 AND state = 'open' AND (next_check_at IS NULL OR next_check_at > $2)",
    )
    .bind(order_id)
    .bind(at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// QPay orders still awaiting payment at `cutoff` that never got an invoice (QPay failed and the shopper left),
/// apart from those whose invoice is being made right now (a claim newer than `claim_cutoff`). Orders paid to the
/// shop itself have no invoice and their own time ([`offline_overdue`]).
pub async fn awaiting_without_invoice(
    db: &Db,
    cutoff: i64,
    claim_cutoff: i64,
    limit: i64,
) -> Result<Vec<String>, DbError> {
    let rows = sqlx::query_scalar(
        "SELECT o.order_no FROM orders o \
         WHERE o.payment_state = 'awaiting' AND o.payment_method = 'qpay' AND o.created_at <= $1 AND NOT EXISTS ( \
             SELECT 1 FROM qpay_invoices i WHERE i.order_id = o.id AND (i.state <> 'creating' OR i.created_at > $2)) \
         ORDER BY o.created_at LIMIT $3",
    )
    .bind(cutoff)
    .bind(claim_cutoff)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// Orders paid to the shop itself (id and number) whose time to pay is over at `now`, not paid in full and not
/// packed.
pub async fn offline_overdue(db: &Db, now: i64, limit: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = sqlx::query_as(
        "SELECT id, order_no FROM orders \
         WHERE payment_state IN ('awaiting', 'partially-paid') AND pay_by IS NOT NULL AND pay_by <= $1 \
           AND fulfilment = 'new' \
         ORDER BY pay_by LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// Drops a claim on making the invoice that its holder left behind (made before `claim_cutoff`).
pub async fn drop_stale_claim(tx: &mut Transaction<'_, Any>, order_id: i64, claim_cutoff: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM qpay_invoices WHERE order_id = $1 AND state = 'creating' AND created_at <= $2")
        .bind(order_id)
        .bind(claim_cutoff)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
