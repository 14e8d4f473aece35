//! The orders repository: placing an order with its items (in the caller's transaction, so checkout decides what
//! happens atomically), reading orders (decoded in `decode.rs`: a stored value the shop never writes is an error)
//! and, in `items.rs`, their items, and, in `updates.rs`, every later change to an order row.

use sqlx::{Any, Transaction};

use super::DbError;
use crate::domain::{Fulfilment, Mnt, PaymentState, pay_method::PayMethod};

mod decode;
mod items;
mod updates;
pub(crate) use decode::OrderRecord;
pub use items::{ItemRow, items_of, items_of_orders};
pub use updates::{
    add_reason, add_refunded, clear_flag, move_fulfilment, move_payment_state, record_paid_amount, reflag,
    release_stock, reserve_again, set_courier_note, take_check_slot,
};

/// A variant as checkout needs it: what it is called, what it costs now, how many are left.
#[derive(Debug, sqlx::FromRow)]
pub struct VariantForSale {
    pub id: i64,
    pub product_id: i64,
    pub category_id: i64,
    pub product_name_mn: String,
    pub product_name_en: String,
    pub variant_name_mn: String,
    pub variant_name_en: String,
    pub price_mnt: i64,
    pub stock: i64,
}

pub async fn variant_for_sale(
    tx: &mut Transaction<'_, Any>,
    variant_id: i64,
) -> Result<Option<VariantForSale>, DbError> {
    let row = sqlx::query_as(
        "SELECT v.id, p.id AS product_id, p.category_id, p.name_mn AS product_name_mn, p.name_en AS product_name_en, \
                v.name_mn AS variant_name_mn, v.name_en AS variant_name_en, v.price_mnt, v.stock \
         FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE v.id = $1 AND p.archived = 0 AND v.archived = 0",
    )
    .bind(variant_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row)
}

/// Takes `quantity` from the stock if that many are left; false (and nothing changed) otherwise. The condition in
/// the UPDATE makes this safe against a concurrent checkout of the same variant. A take that crosses the variant's
/// low-stock level tells the owner, in this transaction (`stock::moved`); `shop` is the order's one read of the
/// shop's default level, shared by its lines.
pub async fn reserve_stock(
    tx: &mut Transaction<'_, Any>,
    variant_id: i64,
    quantity: i64,
    shop: &mut super::stock::ShopLevel,
) -> Result<bool, DbError> {
    let left: Option<(i64, Option<i64>)> = sqlx::query_as(
        "UPDATE variants SET stock = stock - $1 WHERE id = $2 AND stock >= $1 RETURNING stock, low_stock",
    )
    .bind(quantity)
    .bind(variant_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((left, own)) = left else {
        return Ok(false);
    };
    super::stock::moved(tx, variant_id, (left + quantity, left), own, shop).await?;
    Ok(true)
}

/// What the shopper needs to reach an order placed before.
#[derive(Debug)]
pub struct PlacedRow {
    pub order_no: String,
    pub view_key: String,
    pub total: Mnt,
}

pub async fn placed_with_key<'e>(
    executor: impl sqlx::Executor<'e, Database = Any>,
    idempotency_key: &str,
) -> Result<Option<PlacedRow>, DbError> {
    let found: Option<(String, String, i64)> =
        sqlx::query_as("SELECT order_no, view_key, total_mnt FROM orders WHERE idempotency_key = $1")
            .bind(idempotency_key)
            .fetch_optional(executor)
            .await?;
    let Some((order_no, view_key, total_mnt)) = found else {
        return Ok(None);
    };
    Ok(Some(PlacedRow {
        order_no,
        view_key,
        total: super::stored::amount("orders", "total_mnt", total_mnt)?,
    }))
}

/// The order row as placed.
pub struct NewOrder<'a> {
    pub order_no: &'a str,
    pub view_key: &'a str,
    pub callback_token: &'a str,
    pub session_id: Option<&'a str>,
    pub idempotency_key: &'a str,
    pub customer_name: &'a str,
    pub phone: &'a str,
    pub email: Option<&'a str>,
    /// `delivery` (to a district and khoroo, or an aimag and soum) or `pickup`.
    pub delivery: &'a str,
    pub district: Option<&'a str>,
    pub khoroo: Option<&'a str>,
    pub aimag: Option<&'a str>,
    pub soum: Option<&'a str>,
    pub address: Option<&'a str>,
    /// The pickup point's name and address, as the shopper saw them.
    pub pickup_point: Option<&'a str>,
    /// The zone's name (or the countryside's way of sending) and promised time, as the shopper saw them.
    pub delivery_zone: Option<&'a str>,
    pub delivery_promise: Option<&'a str>,
    pub note: Option<&'a str>,
    pub lang: &'a str,
    pub items_mnt: i64,
    pub discount_mnt: i64,
    pub discount_code: Option<&'a str>,
    pub discount_code_id: Option<i64>,
    pub delivery_mnt: i64,
    pub delivery_waived_mnt: i64,
    /// items − discount + delivery − delivery waived.
    pub total_mnt: i64,
    pub now_ms: i64,
    /// `CITIZEN` or `COMPANY` when the shop issues e-barimt receipts.
    pub ebarimt_receiver_type: Option<&'a str>,
    /// A company's register number.
    pub ebarimt_receiver: Option<&'a str>,
    /// The network address it was placed from, when known.
    pub placed_from: Option<&'a str>,
    /// `domain::pay_method::PayMethod`'s name.
    pub payment_method: &'a str,
    /// When an order paid to the shop itself expires unpaid; `None` for QPay (its invoice's lifetime rules).
    pub pay_by: Option<i64>,
    /// The account that made it for a customer; `None` for a shopper's checkout.
    pub made_by: Option<&'a str>,
    /// Why the owner took `discount_mnt` off by hand.
    pub discount_reason: Option<&'a str>,
}

/// Inserts the order; `None` when its order number or idempotency key is already taken (the caller decides which).
pub async fn insert_order(tx: &mut Transaction<'_, Any>, order: &NewOrder<'_>) -> Result<Option<i64>, DbError> {
    let id = sqlx::query_scalar(
        "INSERT INTO orders (order_no, view_key, callback_token, session_id, idempotency_key, customer_name, phone, \
                             email, delivery, district, khoroo, address, note, lang, total_mnt, created_at, updated_at, \
                             ebarimt_receiver_type, ebarimt_receiver, placed_from, aimag, soum, pickup_point, \
                             delivery_zone, delivery_promise, items_mnt, discount_mnt, discount_code, \
                             discount_code_id, delivery_mnt, delivery_waived_mnt, payment_method, pay_by, made_by, \
                             discount_reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20, $21, \
                 $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(order.order_no)
    .bind(order.view_key)
    .bind(order.callback_token)
    .bind(order.session_id)
    .bind(order.idempotency_key)
    .bind(order.customer_name)
    .bind(order.phone)
    .bind(order.email)
    .bind(order.delivery)
    .bind(order.district)
    .bind(order.khoroo)
    .bind(order.address)
    .bind(order.note)
    .bind(order.lang)
    .bind(order.total_mnt)
    .bind(order.now_ms)
    .bind(order.ebarimt_receiver_type)
    .bind(order.ebarimt_receiver)
    .bind(order.placed_from)
    .bind(order.aimag)
    .bind(order.soum)
    .bind(order.pickup_point)
    .bind(order.delivery_zone)
    .bind(order.delivery_promise)
    .bind(order.items_mnt)
    .bind(order.discount_mnt)
    .bind(order.discount_code)
    .bind(order.discount_code_id)
    .bind(order.delivery_mnt)
    .bind(order.delivery_waived_mnt)
    .bind(order.payment_method)
    .bind(order.pay_by)
    .bind(order.made_by)
    .bind(order.discount_reason)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id)
}

/// The units that unpaid orders placed with `phone` hold (reserved while their invoice can be paid).
pub async fn units_held_by_phone(tx: &mut Transaction<'_, Any>, phone: &str) -> Result<i64, DbError> {
    units_held(tx, "phone", phone).await
}

/// The units that unpaid orders placed from the network address `from` hold.
pub async fn units_held_from(tx: &mut Transaction<'_, Any>, from: &str) -> Result<i64, DbError> {
    units_held(tx, "placed_from", from).await
}

async fn units_held(tx: &mut Transaction<'_, Any>, column: &'static str, value: &str) -> Result<i64, DbError> {
    let held = sqlx::query_scalar(&format!(
        "SELECT CAST(COALESCE(SUM(i.quantity), 0) AS BIGINT) FROM orders o JOIN order_items i ON i.order_id = o.id \
         WHERE o.{column} = $1 AND o.payment_state IN ('awaiting', 'partially-paid') AND o.stock_reserved = 1"
    ))
    .bind(value)
    .fetch_one(&mut **tx)
    .await?;
    Ok(held)
}

/// How many unpaid orders to be paid in cash or by transfer (anything but QPay) holding stock have `value` in
/// `column` (`phone` or `placed_from`).
pub async fn unpaid_offline_orders(
    tx: &mut Transaction<'_, Any>,
    column: &'static str,
    value: &str,
) -> Result<i64, DbError> {
    let count = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM orders WHERE {column} = $1 AND payment_method <> 'qpay' \
         AND payment_state IN ('awaiting', 'partially-paid') AND stock_reserved = 1"
    ))
    .bind(value)
    .fetch_one(&mut **tx)
    .await?;
    Ok(count)
}

pub struct NewItem<'a> {
    pub variant_id: i64,
    pub product_name: &'a str,
    pub variant_name: &'a str,
    pub unit_price_mnt: i64,
    pub quantity: i64,
    pub line_total_mnt: i64,
    /// The line's share of the order's discount.
    pub discount_mnt: i64,
}

pub async fn insert_item(tx: &mut Transaction<'_, Any>, order_id: i64, item: &NewItem<'_>) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO order_items (order_id, variant_id, product_name, variant_name, unit_price_mnt, quantity, \
                                  line_total_mnt, discount_mnt) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(order_id)
    .bind(item.variant_id)
    .bind(item.product_name)
    .bind(item.variant_name)
    .bind(item.unit_price_mnt)
    .bind(item.quantity)
    .bind(item.line_total_mnt)
    .bind(item.discount_mnt)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An order as read, its stored values decoded (`decode.rs`): a value the shop never writes is `DbError::Corrupt`.
#[derive(Debug)]
pub struct OrderRow {
    pub id: i64,
    pub order_no: String,
    pub view_key: String,
    pub callback_token: String,
    pub session_id: Option<String>,
    pub payment_state: PaymentState,
    pub customer_name: String,
    pub phone: String,
    pub email: Option<String>,
    pub delivery: String,
    pub district: Option<String>,
    pub khoroo: Option<String>,
    pub aimag: Option<String>,
    pub soum: Option<String>,
    pub address: Option<String>,
    pub pickup_point: Option<String>,
    pub delivery_zone: Option<String>,
    pub delivery_promise: Option<String>,
    pub note: Option<String>,
    /// The items at their prices (`items_mnt`).
    pub items: Mnt,
    /// What the code or the owner took off the items (`discount_mnt`).
    pub discount: Mnt,
    pub discount_code: Option<String>,
    pub discount_code_id: Option<i64>,
    /// The delivery fee charged (`delivery_mnt`), and what a free-delivery code waived of it.
    pub delivery_fee: Mnt,
    pub delivery_waived: Mnt,
    /// items − discount + delivery fee − delivery waived (`total_mnt`).
    pub total: Mnt,
    pub paid: Mnt,
    pub lang: String,
    pub created_at: i64,
    pub stock_reserved: i64,
    pub attention: Option<String>,
    pub fulfilment: Fulfilment,
    pub refunded: Mnt,
    /// What the owner told the shopper of the courier when it was shipped.
    pub courier_note: Option<String>,
    /// How it is paid (`payment_method`).
    pub pay_method: PayMethod,
    /// When an order paid to the shop itself expires unpaid (while nobody has packed it).
    pub pay_by: Option<i64>,
}

/// The columns an [`OrderRow`] is read from (`decode::OrderRecord`), for a `SELECT … FROM orders`.
pub(crate) const COLUMNS: &str = "id, order_no, view_key, callback_token, session_id, payment_state, customer_name, \
    phone, email, delivery, district, khoroo, aimag, soum, address, pickup_point, delivery_zone, delivery_promise, note, \
    items_mnt, discount_mnt, discount_code, discount_code_id, delivery_mnt, delivery_waived_mnt, total_mnt, paid_mnt, \
    lang, created_at, stock_reserved, attention, fulfilment, refunded_mnt, courier_note, payment_method, pay_by";

pub async fn find_by_no(db: &super::Db, order_no: &str) -> Result<Option<OrderRow>, DbError> {
    let row: Option<OrderRecord> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM orders WHERE order_no = $1"))
        .bind(order_no)
        .fetch_optional(db.pool())
        .await?;
    row.map(OrderRow::try_from).transpose()
}

/// What settling decides from, read under the write transaction (and locked on PostgreSQL) so that no other
/// settlement can change it before this one commits.
#[derive(Debug)]
pub struct PaymentFacts {
    pub payment_state: PaymentState,
    pub paid: Mnt,
    pub refunded: Mnt,
    pub stock_reserved: i64,
    /// Where packing and delivery are: a cancel asks whether the goods are still in the shop.
    pub fulfilment: Fulfilment,
}

pub async fn payment_facts(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    row_lock: &'static str,
) -> Result<PaymentFacts, DbError> {
    let (payment_state, paid_mnt, refunded_mnt, stock_reserved, fulfilment): (String, i64, i64, i64, String) =
        sqlx::query_as(&format!(
            "SELECT payment_state, paid_mnt, refunded_mnt, stock_reserved, fulfilment FROM orders \
             WHERE id = $1{row_lock}"
        ))
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(PaymentFacts {
        payment_state: super::stored::payment_state("orders", "payment_state", &payment_state)?,
        paid: super::stored::amount("orders", "paid_mnt", paid_mnt)?,
        refunded: super::stored::amount("orders", "refunded_mnt", refunded_mnt)?,
        stock_reserved,
        fulfilment: super::stored::fulfilment("orders", "fulfilment", &fulfilment)?,
    })
}

/// The order number of the order with this id.
pub async fn number_of(db: &super::Db, order_id: i64) -> Result<Option<String>, DbError> {
    let order_no = sqlx::query_scalar("SELECT order_no FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(order_no)
}
