//! Codes that open an order again (`/orders/find`): one row per well-formed request, tried only with the
//! token the requesting session keeps. A try is counted by one conditional UPDATE before the code is compared, so
//! parallel guesses get no more than the row's tries.

use sqlx::{Any, Transaction};

use super::{Db, DbError};

/// What a new lookup is made of.
pub struct NewLookup<'a> {
    pub token: &'a str,
    /// `None` when the number and phone match no order: the row still counts tries and runs out like any other.
    pub order_id: Option<i64>,
    pub code: &'a str,
    pub lang: &'a str,
    pub tries: i64,
    pub expires_at: i64,
    pub now: i64,
}

pub async fn create(tx: &mut Transaction<'_, Any>, lookup: &NewLookup<'_>) -> Result<i64, DbError> {
    let id = sqlx::query_scalar(
        "INSERT INTO order_lookups (token, order_id, code, lang, tries_left, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(lookup.token)
    .bind(lookup.order_id)
    .bind(lookup.code)
    .bind(lookup.lang)
    .bind(lookup.tries)
    .bind(lookup.expires_at)
    .bind(lookup.now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A lookup as one try sees it, after the try was counted.
#[derive(Debug, sqlx::FromRow)]
pub struct Tried {
    pub id: i64,
    pub order_id: Option<i64>,
    pub code: String,
    /// Tries left after this one.
    pub tries_left: i64,
}

/// Counts one try of the lookup `token`; `None` when it has no try left, has run out of time or was used.
pub async fn count_try(db: &Db, token: &str, now: i64) -> Result<Option<Tried>, DbError> {
    let tried = sqlx::query_as(
        "UPDATE order_lookups SET tries_left = tries_left - 1 \
         WHERE token = $1 AND tries_left > 0 AND expires_at > $2 AND used_at IS NULL \
         RETURNING id, order_id, code, tries_left",
    )
    .bind(token)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(tried)
}

/// Marks the lookup used; true for the one try that did (a code opens its order once).
pub async fn use_up(db: &Db, id: i64, now: i64) -> Result<bool, DbError> {
    let done = sqlx::query("UPDATE order_lookups SET used_at = $2, code = '' WHERE id = $1 AND used_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The code to send for lookup `id`, in the language it was asked in, while it can still be used.
pub async fn code_to_send(db: &Db, id: i64, now: i64) -> Result<Option<(String, String)>, DbError> {
    let code = sqlx::query_as(
        "SELECT code, lang FROM order_lookups \
         WHERE id = $1 AND order_id IS NOT NULL AND used_at IS NULL AND tries_left > 0 AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(code)
}

/// Forgets lookups that ran out before `before`, with their codes.
pub async fn delete_expired_before(db: &Db, before: i64) -> Result<u64, DbError> {
    let deleted = sqlx::query("DELETE FROM order_lookups WHERE expires_at < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(deleted.rows_affected())
}
