//! Fixed-window counters in the database, so a limit holds across every app instance.

use super::{Db, DbError};

/// Counts one hit on `key` in the window of `window_ms` that holds `now`; true while the window has had at most
/// `limit` hits, this one included.
pub async fn hit(db: &Db, key: &str, now: i64, window_ms: i64, limit: i64) -> Result<bool, DbError> {
    let window_start = now - now.rem_euclid(window_ms);
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
         RETURNING hits",
    )
    .bind(key)
    .bind(window_start)
    .fetch_one(db.pool())
    .await?;
    Ok(hits <= limit)
}

/// Forgets every window's hits on `key` (a good sign-in resets its pair's attempts).
pub async fn forget(db: &Db, key: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1")
        .bind(key)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets windows that ended before `before`.
pub async fn delete_older_than(db: &Db, before: i64) -> Result<u64, DbError> {
    let deleted = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(deleted.rows_affected())
}
