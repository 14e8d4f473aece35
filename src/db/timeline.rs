//! The order's timeline: the payment log (`payment_events`) with who did what (the fulfilment moves themselves
//! are in `orders/updates.rs`), each line read back as a typed event (`domain::timeline`).

use std::{
    collections::BTreeSet,
    sync::{Mutex, PoisonError},
};

use sqlx::{Any, Executor};

use super::{Db, DbError, now_ms};
use crate::domain::timeline::TimelineEvent;

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

/// One entry of the order's timeline, its line decoded once as it is read.
#[derive(Debug, Clone)]
pub struct TimelineRow {
    /// The kind as stored: the page's hook for tests and styles, never shown as words.
    pub kind: String,
    pub event: TimelineEvent,
    /// The account that did it; `None` for the shop itself.
    pub actor: Option<String>,
    pub created_at: i64,
}

/// Everything that happened to the order, oldest first.
pub async fn events_of(db: &Db, order_id: i64) -> Result<Vec<TimelineRow>, DbError> {
    let rows: Vec<(String, String, Option<String>, i64)> =
        sqlx::query_as("SELECT kind, detail, actor, created_at FROM payment_events WHERE order_id = $1 ORDER BY id")
            .bind(order_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, detail, actor, created_at)| TimelineRow {
            event: decode(order_id, &kind, &detail),
            kind,
            actor,
            created_at,
        })
        .collect())
}

/// The line's event. Unlike a stored amount or state (`stored.rs`), a line that cannot be read is no error: the
/// timeline is history, old lines stay, and the order's page must still open. It is shown as stored, and logged
/// the first time its kind is met in this process rather than on every page view.
fn decode(order_id: i64, kind: &str, detail: &str) -> TimelineEvent {
    let event = TimelineEvent::read(kind, detail);
    if matches!(event, TimelineEvent::Other { .. }) && first_unreadable(kind) {
        tracing::warn!(
            order_id,
            kind,
            "a timeline line the shop cannot read: shown as it is stored"
        );
    }
    event
}

/// Whether no unreadable line of `kind` was met before (of the first few kinds: the log need not name them all).
fn first_unreadable(kind: &str) -> bool {
    static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let mut seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    seen.len() < 50 && seen.insert(kind.to_owned())
}
