//! E-barimt receipts of an order's payments, and whom the order's receipts are for (see `payment::ebarimt`).

use super::{Db, DbError, now_ms, stored};
use crate::domain::Mnt;

/// A payment's receipt as far as QPay answered it.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ReceiptRow {
    pub payment_id: String,
    pub order_id: i64,
    /// `requesting`, `issued`, `failed`, `unknown` or `cancelled` (see the migration).
    pub state: String,
    /// `v3` or `v2`.
    pub api: String,
    /// `CITIZEN` or `COMPANY`.
    pub receiver_type: String,
    pub receiver: Option<String>,
    pub qpay_id: Option<String>,
    pub receipt_no: Option<String>,
    pub lottery: Option<String>,
    pub qr_data: Option<String>,
    pub vat_amount: Option<String>,
    pub city_tax_amount: Option<String>,
    pub error: Option<String>,
}

/// The order's receipts, in the order its payments came.
pub async fn receipts_of(db: &Db, order_id: i64) -> Result<Vec<ReceiptRow>, DbError> {
    Ok(sqlx::query_as(
        "SELECT r.payment_id, r.order_id, r.state, r.api, r.receiver_type, r.receiver, r.qpay_id, r.receipt_no, \
                r.lottery, r.qr_data, r.vat_amount, r.city_tax_amount, r.error \
         FROM ebarimt_receipts r JOIN payments p ON p.qpay_payment_id = r.payment_id \
         WHERE r.order_id = $1 ORDER BY p.id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?)
}

/// Claims the payment's receipt before QPay is asked for it: true when this caller may ask. Only a payment with no
/// receipt yet, or one QPay refused, can be claimed; one being asked for, issued, or of unknown outcome cannot.
pub async fn claim(db: &Db, receipt: &ReceiptRow) -> Result<bool, DbError> {
    let now = now_ms();
    let claimed = sqlx::query(
        "INSERT INTO ebarimt_receipts (payment_id, order_id, state, api, receiver_type, receiver, claimed_at, \
                updated_at) \
         VALUES ($1, $2, 'requesting', $3, $4, $5, $6, $6) \
         ON CONFLICT (payment_id) DO UPDATE SET state = 'requesting', api = excluded.api, \
                receiver_type = excluded.receiver_type, receiver = excluded.receiver, claimed_at = excluded.claimed_at, \
                updated_at = excluded.updated_at \
         WHERE ebarimt_receipts.state = 'failed'",
    )
    .bind(&receipt.payment_id)
    .bind(receipt.order_id)
    .bind(&receipt.api)
    .bind(&receipt.receiver_type)
    .bind(&receipt.receiver)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Whether the payment's receipt is claimed by someone asking QPay for it now.
pub async fn is_requesting(db: &Db, payment_id: &str) -> Result<bool, DbError> {
    let state: Option<String> = sqlx::query_scalar("SELECT state FROM ebarimt_receipts WHERE payment_id = $1")
        .bind(payment_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(state.as_deref() == Some("requesting"))
}

/// Writes QPay's answer over the claim (or over an issued receipt, when it is cancelled); false when the receipt
/// was not in state `from` any more.
pub async fn finish(db: &Db, receipt: &ReceiptRow, from: &str) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE ebarimt_receipts SET state = $3, receiver_type = $4, receiver = $5, qpay_id = $6, receipt_no = $7, \
                lottery = $8, qr_data = $9, vat_amount = $10, city_tax_amount = $11, error = $12, updated_at = $13 \
         WHERE payment_id = $1 AND state = $2",
    )
    .bind(&receipt.payment_id)
    .bind(from)
    .bind(&receipt.state)
    .bind(&receipt.receiver_type)
    .bind(&receipt.receiver)
    .bind(&receipt.qpay_id)
    .bind(&receipt.receipt_no)
    .bind(&receipt.lottery)
    .bind(&receipt.qr_data)
    .bind(&receipt.vat_amount)
    .bind(&receipt.city_tax_amount)
    .bind(&receipt.error)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims older than `claimed_before` whose answer never came (the process died while QPay was asked): nobody
/// knows whether QPay issued them. Returns how many became `unknown`.
pub async fn give_up_stale_claims(db: &Db, order_id: i64, claimed_before: i64) -> Result<u64, DbError> {
    let stale = sqlx::query(
        "UPDATE ebarimt_receipts SET state = 'unknown', error = 'no answer from QPay', updated_at = $3 \
         WHERE order_id = $1 AND state = 'requesting' AND claimed_at < $2",
    )
    .bind(order_id)
    .bind(claimed_before)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(stale.rows_affected())
}

/// The owner's "issue again" after checking with QPay that an unknown one was not issued: those become claimable.
pub async fn allow_asking_again(db: &Db, order_id: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE ebarimt_receipts SET state = 'failed', updated_at = $2 WHERE order_id = $1 AND state = 'unknown'",
    )
    .bind(order_id)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Each of the order's items' classification code (the product's own, when it has one), in the order of the items.
pub async fn classification_codes_of(db: &Db, order_id: i64) -> Result<Vec<Option<String>>, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT p.classification_code FROM order_items i \
         JOIN variants v ON v.id = i.variant_id JOIN products p ON p.id = v.product_id \
         WHERE i.order_id = $1 ORDER BY i.id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?)
}

/// Whom an order's receipts are for, as chosen at checkout, and what the order's money did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptOrder {
    /// `CITIZEN` or `COMPANY`; an order placed while e-barimt was off made no choice: its receipts are a person's.
    pub receiver_type: Option<String>,
    /// A company's register number.
    pub receiver: Option<String>,
    /// The shopper's phone, which Ebarimt 3.0 takes as a citizen's receiver.
    pub phone: String,
    pub paid: Mnt,
    pub refunded: Mnt,
    /// The delivery fee charged, less a free-delivery code's waiver: when above 0 it is an invoice line of its own,
    /// with a classification code of its own.
    pub delivery: Mnt,
}

impl ReceiptOrder {
    pub fn refunded_in_full(&self) -> bool {
        self.paid > Mnt::ZERO && self.refunded >= self.paid
    }
}

pub async fn order_for_receipts(db: &Db, order_id: i64) -> Result<Option<ReceiptOrder>, DbError> {
    type Row = (Option<String>, Option<String>, String, i64, i64, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT ebarimt_receiver_type, ebarimt_receiver, phone, paid_mnt, refunded_mnt, \
                delivery_mnt - delivery_waived_mnt \
         FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((receiver_type, receiver, phone, paid_mnt, refunded_mnt, delivery_mnt)) = row else {
        return Ok(None);
    };
    Ok(Some(ReceiptOrder {
        receiver_type,
        receiver,
        phone,
        paid: stored::amount("orders", "paid_mnt", paid_mnt)?,
        refunded: stored::amount("orders", "refunded_mnt", refunded_mnt)?,
        delivery: stored::amount("orders", "delivery_mnt - delivery_waived_mnt", delivery_mnt)?,
    }))
}
