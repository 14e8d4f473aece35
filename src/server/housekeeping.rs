//! Background clean-up in every instance: expired sessions, old rate-limit counters, expired order lookups and
//! staff invitations' tokens, and failed sign-ins.

use std::time::Duration;

use tower_sessions::session_store::ExpiredDeletion;

use crate::db::{Db, sessions::DbSessionStore};

const SESSION_CLEANUP_EVERY: Duration = Duration::from_secs(600);

/// Deletes expired sessions, and rate-limit windows and failed sign-ins older than a day.
pub async fn housekeeping(store: DbSessionStore, db: Db) {
    let mut every = tokio::time::interval(SESSION_CLEANUP_EVERY);
    loop {
        every.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(%error, "could not delete expired sessions");
        }
        let day_ago = crate::db::now_ms() - 86_400_000;
        if let Err(error) = crate::db::rate_limits::delete_older_than(&db, day_ago).await {
            tracing::warn!(%error, "could not delete old rate-limit counters");
        }
        if let Err(error) = crate::db::order_lookups::delete_expired_before(&db, crate::db::now_ms()).await {
            tracing::warn!(%error, "could not delete expired order lookups");
        }
        if let Err(error) = crate::db::staff::erase_expired_tokens(&db, crate::db::now_ms()).await {
            tracing::warn!(%error, "could not erase the tokens of expired staff invitations");
        }
        if let Err(error) = crate::db::admins::delete_failures_before(&db, day_ago).await {
            tracing::warn!(%error, "could not delete old sign-in failures");
        }
    }
}
