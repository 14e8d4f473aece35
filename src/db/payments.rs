//! QPay invoices, confirmed payments and the payment event log of orders.

use sqlx::{Any, Executor};

use super::{Db, DbError, now_ms};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvoiceRow {
    pub state: String,
    pub invoice_id: Option<String>,
    pub qr_text: Option<String>,
    pub qr_image: Option<String>,
    pub short_url: Option<String>,
    pub urls_json: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn invoice_of(db: &Db, order_id: i64) -> Result<Option<InvoiceRow>, DbError> {
    let row = sqlx::query_as(
        "SELECT state, invoice_id, qr_text, qr_image, short_url, urls_json, created_at, expires_at \
         FROM qpay_invoices WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row)
}

/// Whether the order has an invoice at QPay, or a claim on making one: something a cancel must reach.
pub async fn has_invoice<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    order_id: i64,
) -> Result<bool, DbError> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM qpay_invoices WHERE order_id = $1")
        .bind(order_id)
        .fetch_one(executor)
        .await?;
    Ok(count > 0)
}

/// A claim on making an order's invoice. Its stamp (the claim's `created_at`) identifies the holder: storing and
/// releasing only touch the row while it still carries that stamp, so a claim taken over is not disturbed by the
/// request that lost it.
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    pub stamp: i64,
}

/// Claims the right to create the order's invoice; `None` when another request holds it or the invoice exists.
pub async fn claim_invoice(db: &Db, order_id: i64) -> Result<Option<Claim>, DbError> {
    let stamp = now_ms();
    // Only while the order can still be paid: an order expired meanwhile gets no invoice.
    let claimed = sqlx::query(
        "INSERT INTO qpay_invoices (order_id, state, created_at, expires_at) \
         SELECT $1, 'creating', $2, $2 FROM orders \
         WHERE id = $1 AND payment_state IN ('awaiting', 'partially-paid') \
         ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(stamp)
    .execute(db.pool())
    .await?;
    Ok((claimed.rows_affected() == 1).then_some(Claim { stamp }))
}

pub struct NewInvoice<'a> {
    pub invoice_id: &'a str,
    pub qr_text: &'a str,
    pub qr_image: &'a str,
    pub short_url: Option<&'a str>,
    pub urls_json: &'a str,
}

/// The state of the order's invoice (`creating`, `open`, `cancelled`), read in the caller's transaction; `None`
/// when it has none.
pub async fn invoice_state<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
) -> Result<Option<String>, DbError> {
    let state = sqlx::query_scalar("SELECT state FROM qpay_invoices WHERE order_id = $1")
        .bind(order_id)
        .fetch_optional(executor)
        .await?;
    Ok(state)
}

/// Marks the order's invoice cancelled at QPay.
pub async fn mark_invoice_cancelled(db: &Db, order_id: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE qpay_invoices SET state = 'cancelled', next_check_at = NULL WHERE order_id = $1")
        .bind(order_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Stores the invoice under the claim, with its expiry counted from now; false when the claim was taken over.
pub async fn store_invoice(
    db: &Db,
    order_id: i64,
    claim: Claim,
    invoice: &NewInvoice<'_>,
    expires_at: i64,
    first_check_at: i64,
) -> Result<bool, DbError> {
    let stored = sqlx::query(
        "UPDATE qpay_invoices SET state = 'open', invoice_id = $2, qr_text = $3, qr_image = $4, short_url = $5, \
                urls_json = $6, created_at = $8, expires_at = $9, next_check_at = $10 \
         WHERE order_id = $1 AND state = 'creating' AND created_at = $7",
    )
    .bind(order_id)
    .bind(invoice.invoice_id)
    .bind(invoice.qr_text)
    .bind(invoice.qr_image)
    .bind(invoice.short_url)
    .bind(invoice.urls_json)
    .bind(claim.stamp)
    .bind(now_ms())
    .bind(expires_at)
    .bind(first_check_at)
    .execute(db.pool())
    .await?;
    Ok(stored.rows_affected() == 1)
}

/// Takes over a claim left in 'creating' for longer than `stale_after_ms` (its process died between claiming and
/// storing the invoice); `None` when there is no such claim.
pub async fn take_over_stale_claim(db: &Db, order_id: i64, stale_after_ms: i64) -> Result<Option<Claim>, DbError> {
    let stamp = now_ms();
    let taken = sqlx::query(
        "UPDATE qpay_invoices SET created_at = $2 WHERE order_id = $1 AND state = 'creating' AND created_at <= $3",
    )
    .bind(order_id)
    .bind(stamp)
    .bind(stamp - stale_after_ms)
    .execute(db.pool())
    .await?;
    Ok((taken.rows_affected() == 1).then_some(Claim { stamp }))
}

/// Gives up a claim after QPay failed, so the next attempt may create the invoice.
pub async fn release_claim(db: &Db, order_id: i64, claim: Claim) -> Result<(), DbError> {
    sqlx::query("DELETE FROM qpay_invoices WHERE order_id = $1 AND state = 'creating' AND created_at = $2")
        .bind(order_id)
        .bind(claim.stamp)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Appends to the order's payment log.
pub async fn record_event<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    kind: &str,
    detail: &str,
) -> Result<(), DbError> {
    sqlx::query("INSERT INTO payment_events (order_id, kind, detail, created_at) VALUES ($1, $2, $3, $4)")
        .bind(order_id)
        .bind(kind)
        .bind(detail)
        .bind(now_ms())
        .execute(executor)
        .await?;
    Ok(())
}

pub struct ConfirmedPayment<'a> {
    pub qpay_payment_id: &'a str,
    pub status: &'a str,
    pub amount_mnt: i64,
    pub method: &'a str,
    pub wallet: Option<&'a str>,
    /// QPay's fee in hundredths of a tögrög, when QPay told it; none for the shop's own payments.
    pub fee_cents: Option<i64>,
}

/// Records a payment QPay confirmed; false when it was recorded before (the unique payment id).
pub async fn insert_payment<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    payment: &ConfirmedPayment<'_>,
) -> Result<bool, DbError> {
    let inserted = sqlx::query(
        "INSERT INTO payments (order_id, qpay_payment_id, status, amount_mnt, method, wallet, confirmed_at, fee_cents) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (qpay_payment_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(payment.qpay_payment_id)
    .bind(payment.status)
    .bind(payment.amount_mnt)
    .bind(payment.method)
    .bind(payment.wallet)
    .bind(now_ms())
    .bind(payment.fee_cents)
    .execute(executor)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// How many payments the order has (QPay's and the shop's own).
pub async fn count_of<'e>(executor: impl Executor<'e, Database = Any>, order_id: i64) -> Result<i64, DbError> {
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE order_id = $1")
        .bind(order_id)
        .fetch_one(executor)
        .await?;
    Ok(count)
}

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub qpay_payment_id: String,
    pub amount: crate::domain::Mnt,
    pub method: String,
    pub wallet: Option<String>,
    pub confirmed_at: i64,
}

pub async fn payments_of(db: &Db, order_id: i64) -> Result<Vec<PaymentRow>, DbError> {
    let rows: Vec<(String, i64, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT qpay_payment_id, amount_mnt, method, wallet, confirmed_at FROM payments WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(
            |(qpay_payment_id, amount_mnt, method, wallet, confirmed_at)| -> Result<PaymentRow, DbError> {
                Ok(PaymentRow {
                    amount: super::stored::amount("payments", "amount_mnt", amount_mnt)?,
                    qpay_payment_id,
                    method,
                    wallet,
                    confirmed_at,
                })
            },
        )
        .collect()
}

/// Whether the order's latest check with QPay failed (no successful check since).
pub async fn last_check_failed(db: &Db, order_id: i64) -> Result<bool, DbError> {
    let kind: Option<String> = sqlx::query_scalar(
        "SELECT kind FROM payment_events WHERE order_id = $1 AND kind IN ('checked', 'check_failed') \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(kind.as_deref() == Some("check_failed"))
}
