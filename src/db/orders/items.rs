//! An order's items as read back (decoded in `decode.rs`): one order's for its page and its invoice, or those of a
//! page of orders in one query for their packing slips, instead of one query per order.

use std::collections::HashMap;

use super::decode::{ItemRecord, OrderItemRecord};
use crate::{
    db::{Db, DbError, IDS_PER_QUERY, placeholders},
    domain::Mnt,
};

/// The columns an [`ItemRow`] is read from (`decode::ItemRecord`), for a `SELECT … FROM order_items`.
const COLUMNS: &str = "product_name, variant_name, unit_price_mnt, quantity, line_total_mnt, discount_mnt";

#[derive(Debug)]
pub struct ItemRow {
    pub product_name: String,
    pub variant_name: String,
    pub unit_price: Mnt,
    pub quantity: i64,
    pub line_total: Mnt,
    /// The line's share of the order's discount.
    pub discount: Mnt,
}

pub async fn items_of(db: &Db, order_id: i64) -> Result<Vec<ItemRow>, DbError> {
    let rows: Vec<ItemRecord> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM order_items WHERE order_id = $1 ORDER BY id"
    ))
    .bind(order_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(ItemRow::try_from).collect()
}

/// The items of each of `order_ids` by order id, each order's in the order [`items_of`] gives them; an order without
/// items has no entry.
pub async fn items_of_orders(db: &Db, order_ids: &[i64]) -> Result<HashMap<i64, Vec<ItemRow>>, DbError> {
    let mut items: HashMap<i64, Vec<ItemRow>> = HashMap::with_capacity(order_ids.len());
    for chunk in order_ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT order_id, {COLUMNS} FROM order_items WHERE order_id IN ({}) ORDER BY order_id, id",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query_as::<sqlx::Any, OrderItemRecord>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for record in query.fetch_all(db.pool()).await? {
            let item = ItemRow::try_from(record.item)?;
            items.entry(record.order_id).or_default().push(item);
        }
    }
    Ok(items)
}
