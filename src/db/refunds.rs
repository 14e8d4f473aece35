//! Refunds of an order's QPay payments (see `payment::refund` for how one is made).

use sqlx::{Any, Transaction};

use super::{Db, DbError, now_ms, stored};
use crate::domain::{Fulfilment, Mnt, PaymentState, refund::RefundablePayment};

/// A payment of the order with what was refunded of it so far (pending refunds count: their money may be gone).
#[derive(Debug, Clone)]
pub struct PaymentToRefund {
    pub id: i64,
    pub qpay_payment_id: String,
    pub method: String,
    pub amount: Mnt,
    pub refunded: Mnt,
    /// QPay refused a refund of it before.
    pub qpay_refused: i64,
}

impl PaymentToRefund {
    /// What the refund rule (`domain::refund`) decides from.
    pub fn refundable(&self, order_payable: bool, invoice_open: bool) -> RefundablePayment {
        RefundablePayment {
            card: self.method == "CARD",
            amount: self.amount.amount(),
            refunded: self.refunded.amount(),
            qpay_refused: self.qpay_refused > 0,
            order_payable,
            invoice_open,
        }
    }
}

stored::record! {
    /// [`PaymentToRefund`] as stored.
    struct PaymentToRefundRecord => PaymentToRefund {
        id: i64,
        qpay_payment_id: String,
        method: String,
        qpay_refused: i64,
    }
    stored { amount_mnt: i64, refunded_mnt: i64 }
    decoded |row| {
        amount: stored::amount("payments", "amount_mnt", row.amount_mnt)?,
        // The sum of the payment's refunds (`refunds.amount_mnt`), none of which is negative.
        refunded: stored::amount("refunds", "amount_mnt", row.refunded_mnt)?,
    }
}

const SELECT_PAYMENTS_TO_REFUND: &str = "SELECT p.id, p.qpay_payment_id, p.method, p.amount_mnt, \
        CAST(COALESCE((SELECT SUM(r.amount_mnt) FROM refunds r \
                       WHERE r.payment_id = p.id AND r.state <> 'failed'), 0) AS BIGINT) AS refunded_mnt, \
        (SELECT COUNT(*) FROM refunds r \
         WHERE r.payment_id = p.id AND r.way = 'qpay' AND r.state = 'failed') AS qpay_refused \
        FROM payments p WHERE p.order_id = $1";

/// One of the order's payments, read inside the write transaction that records the refund, after the order row
/// is locked.
pub async fn payment_to_refund(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    qpay_payment_id: &str,
) -> Result<Option<PaymentToRefund>, DbError> {
    let row: Option<PaymentToRefundRecord> =
        sqlx::query_as(&format!("{SELECT_PAYMENTS_TO_REFUND} AND p.qpay_payment_id = $2"))
            .bind(order_id)
            .bind(qpay_payment_id)
            .fetch_optional(&mut **tx)
            .await?;
    row.map(PaymentToRefund::try_from).transpose()
}

/// Every payment of the order with what was refunded of it, for the owner's refund forms.
pub async fn payments_to_refund(db: &Db, order_id: i64) -> Result<Vec<PaymentToRefund>, DbError> {
    let rows: Vec<PaymentToRefundRecord> = sqlx::query_as(&format!("{SELECT_PAYMENTS_TO_REFUND} ORDER BY p.id"))
        .bind(order_id)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter().map(PaymentToRefund::try_from).collect()
}

pub struct NewRefund<'a> {
    pub order_id: i64,
    pub payment_id: i64,
    pub amount_mnt: i64,
    pub way: &'a str,
    pub state: &'a str,
    pub note: &'a str,
    pub actor: &'a str,
}

pub async fn insert(tx: &mut Transaction<'_, Any>, refund: &NewRefund<'_>) -> Result<i64, DbError> {
    let id = sqlx::query_scalar(
        "INSERT INTO refunds (order_id, payment_id, amount_mnt, way, state, note, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(refund.order_id)
    .bind(refund.payment_id)
    .bind(refund.amount_mnt)
    .bind(refund.way)
    .bind(refund.state)
    .bind(refund.note)
    .bind(refund.actor)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

#[derive(Debug, sqlx::FromRow)]
pub struct RefundFacts {
    pub state: String,
    pub payment_id: i64,
    pub amount_mnt: i64,
}

/// The refund as it is now, read under the order's lock.
pub async fn refund_of(tx: &mut Transaction<'_, Any>, refund_id: i64) -> Result<RefundFacts, DbError> {
    let facts = sqlx::query_as("SELECT state, payment_id, amount_mnt FROM refunds WHERE id = $1")
        .bind(refund_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(facts)
}

pub async fn set_state(tx: &mut Transaction<'_, Any>, refund_id: i64, state: &str) -> Result<(), DbError> {
    sqlx::query("UPDATE refunds SET state = $2 WHERE id = $1")
        .bind(refund_id)
        .bind(state)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The order after a refund was counted.
#[derive(Debug)]
pub struct RefundedOrder {
    pub paid: Mnt,
    pub refunded: Mnt,
    pub payment_state: PaymentState,
    pub fulfilment: Fulfilment,
}

/// Marks the payment as QPay now reports it (`REFUNDED` after a QPay refund).
pub async fn set_payment_status(tx: &mut Transaction<'_, Any>, payment_id: i64, status: &str) -> Result<(), DbError> {
    sqlx::query("UPDATE payments SET status = $2 WHERE id = $1")
        .bind(payment_id)
        .bind(status)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct RefundRow {
    pub id: i64,
    pub qpay_payment_id: String,
    pub amount: Mnt,
    pub way: String,
    pub state: String,
    pub note: String,
    pub actor: String,
    pub created_at: i64,
}

stored::record! {
    /// [`RefundRow`] as stored.
    struct RefundRecord => RefundRow {
        id: i64,
        qpay_payment_id: String,
        way: String,
        state: String,
        note: String,
        actor: String,
        created_at: i64,
    }
    stored { amount_mnt: i64 }
    decoded |row| { amount: stored::amount("refunds", "amount_mnt", row.amount_mnt)? }
}

const SELECT_REFUNDS: &str = "SELECT r.id, p.qpay_payment_id, r.amount_mnt, r.way, r.state, r.note, r.actor, \
                              r.created_at FROM refunds r JOIN payments p ON p.id = r.payment_id";

pub async fn refunds_of(db: &Db, order_id: i64) -> Result<Vec<RefundRow>, DbError> {
    let rows: Vec<RefundRecord> = sqlx::query_as(&format!("{SELECT_REFUNDS} WHERE r.order_id = $1 ORDER BY r.id"))
        .bind(order_id)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter().map(RefundRow::try_from).collect()
}

/// QPay refunds whose answer never came (timeout, crash): a re-check asks QPay how they ended.
pub async fn pending_of(db: &Db, order_id: i64) -> Result<Vec<RefundRow>, DbError> {
    let rows: Vec<RefundRecord> = sqlx::query_as(&format!(
        "{SELECT_REFUNDS} WHERE r.order_id = $1 AND r.state = 'pending' ORDER BY r.id"
    ))
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(RefundRow::try_from).collect()
}
