//! The shop's accounts (the owner and staff) and their failed sign-ins.

use super::{Db, DbError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    /// `owner` or `staff` (`domain::staff::Role`).
    pub role: String,
    pub phone: Option<String>,
    /// When the owner disabled the account: it cannot sign in, and its sessions are refused.
    pub disabled_at: Option<i64>,
    /// How many times the owner has ended the account's sessions (by disabling it): a session keeps the count of
    /// its sign-in and is refused once it differs, so enabling the account again brings no old session back (see
    /// the migration `20261207000002_staff_sessions.sql` for why a count).
    pub sessions_ended: i64,
    pub created_at: i64,
}

const COLUMNS: &str = "id, email, password_hash, role, phone, disabled_at, sessions_ended, created_at";

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<AdminRow>, DbError> {
    let row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM admins WHERE email = $1"))
        .bind(email)
        .fetch_optional(db.pool())
        .await?;
    Ok(row)
}

pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<AdminRow>, DbError> {
    let row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM admins WHERE id = $1"))
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

/// Adds a staff account from an accepted invitation (in its transaction): its id and its `sessions_ended` (to sign
/// it in with); `None` when the e-mail address is taken.
pub async fn insert_staff<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    email: &str,
    phone: Option<&str>,
    password_hash: &str,
    invited_by: &str,
    now: i64,
) -> Result<Option<(i64, i64)>, DbError> {
    let made = sqlx::query_as(
        "INSERT INTO admins (email, password_hash, role, phone, invited_by, created_at) \
         VALUES ($1, $2, 'staff', $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id, sessions_ended",
    )
    .bind(email)
    .bind(password_hash)
    .bind(phone)
    .bind(invited_by)
    .bind(now)
    .fetch_optional(executor)
    .await?;
    Ok(made)
}

/// Every account, owners first, then by e-mail.
pub async fn all(db: &Db) -> Result<Vec<AdminRow>, DbError> {
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM admins ORDER BY CASE WHEN role = 'owner' THEN 0 ELSE 1 END, email"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// Disables (`Some(now)`) or enables (`None`) a staff account; an owner's account is never changed here. True when
/// the account is a staff account. Disabling also ends every session of the account, in the same statement: they
/// stay ended when it is enabled again (a lost phone stays signed out).
pub async fn set_staff_disabled(db: &Db, id: i64, disabled_at: Option<i64>) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE admins SET disabled_at = $2, sessions_ended = sessions_ended + $3 WHERE id = $1 AND role = 'staff'",
    )
    .bind(id)
    .bind(disabled_at)
    .bind(i64::from(disabled_at.is_some()))
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
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
