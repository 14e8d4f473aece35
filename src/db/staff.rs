//! Invitations to become staff: a one-time link sent by the outbox. The token is kept as sent while the
//! invitation is open, so the outbox can send it again; using, revoking or outliving it erases the token, so an old
//! link (or a copy of the database) opens nothing.

use sqlx::{Any, Transaction};

use super::{Db, DbError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InviteRow {
    pub id: i64,
    pub token: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub lang: String,
    pub invited_by: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, token, email, phone, lang, invited_by, expires_at, used_at, created_at";

/// What an invitation is made of.
pub struct NewInvite<'a> {
    pub token: &'a str,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub lang: &'a str,
    pub invited_by: &'a str,
    pub expires_at: i64,
}

/// Adds an invitation (in the transaction that also writes its messages); its id.
pub async fn insert(tx: &mut Transaction<'_, Any>, invite: &NewInvite<'_>, now: i64) -> Result<i64, DbError> {
    let id = sqlx::query_scalar(
        "INSERT INTO staff_invites (token, email, phone, lang, invited_by, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(invite.token)
    .bind(invite.email)
    .bind(invite.phone)
    .bind(invite.lang)
    .bind(invite.invited_by)
    .bind(invite.expires_at)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The open invitation with this token: not used, revoked or expired.
pub async fn open_by_token(db: &Db, token: &str, now: i64) -> Result<Option<InviteRow>, DbError> {
    let row = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM staff_invites WHERE token = $1 AND used_at IS NULL AND expires_at > $2"
    ))
    .bind(token)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row)
}

/// The invitation with this id while it is open (for sending it).
pub async fn open_by_id(db: &Db, id: i64, now: i64) -> Result<Option<InviteRow>, DbError> {
    let row = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM staff_invites \
         WHERE id = $1 AND token IS NOT NULL AND used_at IS NULL AND expires_at > $2"
    ))
    .bind(id)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row)
}

/// Uses the open invitation with this token, once: one conditional UPDATE, so two tabs sending the form at once
/// make one account. The token is erased.
pub async fn take(tx: &mut Transaction<'_, Any>, token: &str, now: i64) -> Result<Option<InviteRow>, DbError> {
    let row = sqlx::query_as(&format!(
        "UPDATE staff_invites SET used_at = $2, token = NULL \
         WHERE token = $1 AND used_at IS NULL AND expires_at > $2 RETURNING {COLUMNS}"
    ))
    .bind(token)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row)
}

/// Revokes an open invitation (its link stops working at once); true when there was one.
pub async fn revoke(db: &Db, id: i64, now: i64) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE staff_invites SET token = NULL, expires_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Invitations not yet used or revoked, newest first (expired ones included, for the owner to see).
pub async fn unused(db: &Db) -> Result<Vec<InviteRow>, DbError> {
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM staff_invites WHERE used_at IS NULL ORDER BY id DESC LIMIT 50"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// Erases the tokens of invitations that ran out (housekeeping).
pub async fn erase_expired_tokens(db: &Db, now: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE staff_invites SET token = NULL WHERE token IS NOT NULL AND expires_at <= $1")
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(())
}
