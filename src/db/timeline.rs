//! The order's timeline: the payment log (`payment_events`) with who did what (the fulfilment moves themselves
//! are in `orders/updates.rs`).

use sqlx::{Any, Executor};

use super::{Db, DbError, now_ms};

/// Appends an entry caused by an owner (`actor` is their e-mail address).
pub async fn record_by<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    kind: &str,
    detail: &str,
    actor: &str,
) -> Result<(), DbError> {
    sqlx::query("INSERT INTO payment_events (order_id, kind, detail, created_at, actor) VALUES ($1, $2, $3, $4, $5)")
        .bind(order_id)
        .bind(kind)
        .bind(detail)
        .bind(now_ms())
        .bind(actor)
        .execute(executor)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub kind: String,
    pub detail: String,
    pub actor: Option<String>,
    pub created_at: i64,
}

/// Everything that happened to the order, oldest first.
pub async fn events_of(db: &Db, order_id: i64) -> Result<Vec<EventRow>, DbError> {
    let rows =
        sqlx::query_as("SELECT kind, detail, actor, created_at FROM payment_events WHERE order_id = $1 ORDER BY id")
            .bind(order_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows)
}
