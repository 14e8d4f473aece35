//! E-barimt receipts of an order's payments, and whom the order's receipts are for (see `payment::ebarimt`).

use super::{Db, DbError, now_ms};

/// A payment's receipt as QPay answered it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReceiptRow {
    pub payment_id: String,
    pub order_id: i64,
    /// `issued`, `failed` or `cancelled`.
    pub state: String,
    /// `CITIZEN` or `COMPANY`.
    pub receiver_type: String,
    pub receiver: Option<String>,
    pub receipt_id: Option<String>,
    pub lottery: Option<String>,
    pub qr_data: Option<String>,
    pub vat_amount: Option<String>,
    pub city_tax_amount: Option<String>,
    pub error: Option<String>,
}

/// The order's receipts, in the order its payments came.
pub async fn receipts_of(db: &Db, order_id: i64) -> Result<Vec<ReceiptRow>, DbError> {
    Ok(sqlx::query_as(
        "SELECT r.payment_id, r.order_id, r.state, r.receiver_type, r.receiver, r.receipt_id, r.lottery, r.qr_data, \
                r.vat_amount, r.city_tax_amount, r.error \
         FROM ebarimt_receipts r JOIN payments p ON p.qpay_payment_id = r.payment_id \
         WHERE r.order_id = $1 ORDER BY p.id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?)
}

/// Writes what QPay answered for a payment's receipt, over what an earlier attempt wrote.
pub async fn save(db: &Db, receipt: &ReceiptRow) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO ebarimt_receipts (payment_id, order_id, state, receiver_type, receiver, receipt_id, lottery, \
                qr_data, vat_amount, city_tax_amount, error, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (payment_id) DO UPDATE SET state = excluded.state, receiver_type = excluded.receiver_type, \
                receiver = excluded.receiver, receipt_id = excluded.receipt_id, lottery = excluded.lottery, \
                qr_data = excluded.qr_data, vat_amount = excluded.vat_amount, \
                city_tax_amount = excluded.city_tax_amount, error = excluded.error, updated_at = excluded.updated_at",
    )
    .bind(&receipt.payment_id)
    .bind(receipt.order_id)
    .bind(&receipt.state)
    .bind(&receipt.receiver_type)
    .bind(&receipt.receiver)
    .bind(&receipt.receipt_id)
    .bind(&receipt.lottery)
    .bind(&receipt.qr_data)
    .bind(&receipt.vat_amount)
    .bind(&receipt.city_tax_amount)
    .bind(&receipt.error)
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

/// Whom an order's receipts are for, as chosen at checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receiver {
    /// `CITIZEN` or `COMPANY`. An order placed while e-barimt was off made no choice: its receipts are a person's.
    pub kind: String,
    /// A company's register number.
    pub register_no: Option<String>,
    /// The shopper's phone, which Ebarimt 3.0 takes as a citizen's receiver.
    pub phone: String,
}

pub async fn receiver_of(db: &Db, order_id: i64) -> Result<Option<Receiver>, DbError> {
    let row: Option<(Option<String>, Option<String>, String)> =
        sqlx::query_as("SELECT ebarimt_receiver_type, ebarimt_receiver, phone FROM orders WHERE id = $1")
            .bind(order_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(kind, register_no, phone)| Receiver {
        kind: kind.unwrap_or_else(|| "CITIZEN".into()),
        register_no,
        phone,
    }))
}
