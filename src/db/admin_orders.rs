//! The owner's order list: filtered, newest first, a page at a time, with the count and sum of the whole filtered set.

use sqlx::{Any, any::AnyArguments, query::QueryAs};

use super::{
    Db, DbError,
    orders::{self, OrderRecord, OrderRow},
    stored,
};
use crate::domain::Mnt;

/// The payment filter for orders with money refunded (part or all), beside the payment states.
pub const REFUNDED: &str = "refunded";
/// The payment filter for the orders the shop has to act on (the owner's list by default): paid and still the
/// shop's money, or to be paid to the shop itself (cash, pickup, transfer) and not yet paid in full.
pub const TO_HANDLE: &str = "to-handle";

/// The orders of `table` (the table's name, or its alias in a join) paid and still the shop's money: an order
/// refunded in full is no longer one to pack, nor a sale. One clause for the list's `paid` and `to-handle` filters
/// and the sales report (`reports.rs`), so the report counts the very orders the list's "paid" filter shows.
pub fn paid(table: &str) -> String {
    format!("{table}.payment_state = 'paid' AND {table}.refunded_mnt < {table}.paid_mnt")
}

/// Which orders; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub payment_state: Option<String>,
    pub fulfilment: Option<String>,
    /// Placed at or after (Unix ms).
    pub from_ms: Option<i64>,
    /// Placed before (Unix ms).
    pub until_ms: Option<i64>,
    /// An order number (or its start) or phone digits.
    pub search: Option<String>,
    /// Only the orders that need the owner: those with a reason in `attention` (`domain::attention`), which is
    /// `NULL` once no reason is left.
    pub attention: bool,
}

/// The WHERE clause for `filter` and its values, bound in order as `$1…`.
fn conditions(filter: &OrderFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values = Vec::new();
    // Each `?` in `clause` takes the next of `given`.
    let mut add = |clause: &str, given: Vec<Value>| {
        let mut numbered = String::new();
        for (i, part) in clause.split('?').enumerate() {
            if i > 0 {
                numbered.push_str(&format!("${}", values.len() + i));
            }
            numbered.push_str(part);
        }
        values.extend(given);
        clauses.push(numbered);
    };
    match filter.payment_state.as_deref() {
        Some("paid") => add(&paid("orders"), Vec::new()),
        Some(REFUNDED) => add("refunded_mnt > 0", Vec::new()),
        Some(TO_HANDLE) => add(
            &format!(
                "(({}) OR (payment_method <> 'qpay' AND payment_state IN ('awaiting', 'partially-paid')))",
                paid("orders")
            ),
            Vec::new(),
        ),
        Some(state) => add("payment_state = ?", vec![Value::Text(state.to_owned())]),
        None => {}
    }
    if let Some(fulfilment) = &filter.fulfilment {
        add("fulfilment = ?", vec![Value::Text(fulfilment.clone())]);
    }
    if let Some(from) = filter.from_ms {
        add("created_at >= ?", vec![Value::Int(from)]);
    }
    if let Some(until) = filter.until_ms {
        add("created_at < ?", vec![Value::Int(until)]);
    }
    if filter.attention {
        add("attention IS NOT NULL", Vec::new());
    }
    if let Some(search) = &filter.search {
        let values = vec![Value::Text(format!("{search}%")), Value::Text(format!("%{search}%"))];
        add("(order_no LIKE ? OR phone LIKE ?)", values);
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Int(i64),
}

fn bind_all<'q, O>(
    mut query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    values: &[Value],
) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
    for value in values {
        query = match value {
            Value::Text(text) => query.bind(text.clone()),
            Value::Int(number) => query.bind(*number),
        };
    }
    query
}

/// The next `limit` filtered orders after `after` (`created_at`, `id` of the last one read), newest first: the
/// export reads the whole set this way, a batch at a time, at the same cost for the last batch as the first.
pub async fn batch_after(
    db: &Db,
    filter: &OrderFilter,
    after: Option<(i64, i64)>,
    limit: i64,
) -> Result<Vec<OrderRow>, DbError> {
    let (conditions, mut values) = conditions(filter);
    let mut sql = format!("SELECT {} FROM orders{conditions}", orders::COLUMNS);
    if let Some((created_at, id)) = after {
        let joiner = if conditions.is_empty() { " WHERE" } else { " AND" };
        let (a, b) = (values.len() + 1, values.len() + 2);
        sql.push_str(&format!(
            "{joiner} (created_at < ${a} OR (created_at = ${a} AND id < ${b}))"
        ));
        values.push(Value::Int(created_at));
        values.push(Value::Int(id));
    }
    sql.push_str(&format!(
        " ORDER BY created_at DESC, id DESC LIMIT {}",
        limit.clamp(1, 10_000)
    ));
    let rows: Vec<OrderRecord> = bind_all(sqlx::query_as(&sql), &values).fetch_all(db.pool()).await?;
    rows.into_iter().map(OrderRow::try_from).collect()
}

/// A page of the filtered orders, newest first.
pub async fn list(db: &Db, filter: &OrderFilter, offset: i64, limit: i64) -> Result<Vec<OrderRow>, DbError> {
    let (conditions, values) = conditions(filter);
    let sql = format!(
        "SELECT {columns} FROM orders{conditions} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}",
        columns = orders::COLUMNS,
        limit = limit.clamp(1, 500),
        offset = offset.max(0)
    );
    let rows: Vec<OrderRecord> = bind_all(sqlx::query_as(&sql), &values).fetch_all(db.pool()).await?;
    rows.into_iter().map(OrderRow::try_from).collect()
}

/// How many orders the filter matches and their total.
pub async fn count_and_total(db: &Db, filter: &OrderFilter) -> Result<(i64, Mnt), DbError> {
    let (conditions, values) = conditions(filter);
    let sql = format!("SELECT COUNT(*), CAST(COALESCE(SUM(total_mnt), 0) AS BIGINT) FROM orders{conditions}");
    let (count, total): (i64, i64) = bind_all(sqlx::query_as(&sql), &values).fetch_one(db.pool()).await?;
    Ok((count, stored::amount("orders", "total_mnt", total)?))
}

/// When the owner's list last had news (Unix ms), 0 before the first: the latest payment, or the latest order to be
/// paid to the shop itself (cash, pickup, transfer), which the owner must see as it comes. Read from the
/// `orders_paid_at` and `orders_offline_created` indexes.
pub async fn latest_news_at(db: &Db) -> Result<i64, DbError> {
    let (paid, placed): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT MAX(paid_at) FROM orders), \
                (SELECT MAX(created_at) FROM orders WHERE payment_method <> 'qpay')",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(paid.unwrap_or(0).max(placed.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_adds_its_numbered_condition() {
        let (sql, values) = conditions(&OrderFilter::default());
        assert_eq!((sql.as_str(), values.len()), ("", 0));
        let filter = OrderFilter {
            payment_state: Some("paid".into()),
            fulfilment: None,
            from_ms: Some(1),
            until_ms: None,
            search: Some("9911".into()),
            attention: true,
        };
        let (sql, values) = conditions(&filter);
        assert_eq!(
            sql,
            " WHERE orders.payment_state = 'paid' AND orders.refunded_mnt < orders.paid_mnt AND created_at >= $1 \
             AND attention IS NOT NULL AND (order_no LIKE $2 OR phone LIKE $3)",
            "paid means paid and not refunded in full; attention adds a clause and no value"
        );
        assert_eq!(values.len(), 3);
        let refunded = OrderFilter {
            payment_state: Some(REFUNDED.into()),
            fulfilment: Some("new".into()),
            ..OrderFilter::default()
        };
        let (sql, values) = conditions(&refunded);
        assert_eq!(sql, " WHERE refunded_mnt > 0 AND fulfilment = $1");
        assert_eq!(values.len(), 1);
    }
}
