//! Shop owners and their failed sign-ins.

use super::{Db, DbError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<AdminRow>, DbError> {
    let row = sqlx::query_as("SELECT id, email, password_hash FROM admins WHERE email = $1")
        .bind(email)
        .fetch_optional(db.pool())
        .await?;
    Ok(row)
}

pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<AdminRow>, DbError> {
    let row = sqlx::query_as("SELECT id, email, password_hash FROM admins WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row)
}

/// Adds an owner; false when the e-mail address is taken.
pub async fn insert(db: &Db, email: &str, password_hash: &str, now: i64) -> Result<bool, DbError> {
    let added = sqlx::query(
        "INSERT INTO admins (email, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING",
    )
    .bind(email)
    .bind(password_hash)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(added.rows_affected() == 1)
}

pub async fn count(db: &Db) -> Result<i64, DbError> {
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM admins")
        .fetch_one(db.pool())
        .await?;
    Ok(count)
}

/// Records a failed sign-in from `address` at `email`.
pub async fn record_failure(db: &Db, email: &str, address: &str, now: i64) -> Result<(), DbError> {
    sqlx::query("INSERT INTO sign_in_failures (email, address, at) VALUES ($1, $2, $3)")
        .bind(email)
        .bind(address)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Failed sign-ins at `email` from anywhere since `since`.
pub async fn failures_since(db: &Db, email: &str, since: i64) -> Result<i64, DbError> {
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND at >= $2")
        .bind(email)
        .bind(since)
        .fetch_one(db.pool())
        .await?;
    Ok(count)
}

/// Forgets every failure older than `before` (housekeeping).
pub async fn delete_failures_before(db: &Db, before: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets the failures from `address` at `email` (after a good sign-in) and everyone's failures older than
/// `before`; a stranger's failures at the same e-mail from elsewhere stay.
pub async fn clear_failures_of_pair(db: &Db, email: &str, address: &str, before: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE (email = $1 AND address = $2) OR at < $3")
        .bind(email)
        .bind(address)
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(())
}
