//! Owners' passwords and sign-in: argon2id hashes, a slowdown after each failure and a lockout after several.
//!
//! The lockout is for the pair of the network address a guess comes from and the e-mail address it tries: a
//! stranger who knows the owner's address locks out only their own guesses, and the owner signs in from anywhere
//! else with the right password. Each attempt is counted before its password is checked (one atomic increment of
//! the pair's counter in the window), so parallel guesses get no more than [`LOCK_AFTER`] password checks per
//! window. Guesses from many
//! addresses at one e-mail address make every attempt at it slower (up to [`MAX_DELAY`]), the owner's too, but
//! never refuse it.

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};
use std::time::Duration;

use crate::{
    db::{
        Db, DbError,
        admins::{self, AdminRow},
        now_ms, rate_limits,
    },
    domain::{Email, email::EMAIL_MAX},
};

/// Failures within this window count towards the lockout.
const WINDOW_MS: i64 = 15 * 60_000;
/// Attempts of one address and e-mail pair in a window (counted before the password is checked, reset by a good
/// one) after which that pair is refused, even with the right password, until the window has passed.
pub const LOCK_AFTER: i64 = 5;
/// Each failure at an e-mail address in the window, from anywhere, makes the next attempt at it wait this much
/// longer, up to `MAX_DELAY`.
const DELAY_PER_FAILURE: Duration = Duration::from_millis(250);
const MAX_DELAY: Duration = Duration::from_secs(2);
pub const MIN_PASSWORD_CHARS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("not an e-mail address")]
    BadEmail,
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    #[error("an owner with this e-mail address exists already")]
    Exists,
    #[error("wrong e-mail address or password")]
    Refused,
    #[error("too many failed sign-ins; try again in {minutes} minutes")]
    LockedOut { minutes: i64 },
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(Debug, Clone)]
pub struct AdminAuth {
    db: Db,
}

/// E-mail addresses are compared trimmed and in lower case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl AdminAuth {
    pub fn new(db: Db) -> Self {
        AdminAuth { db }
    }

    /// Adds an owner who signs in with `email` and `password`.
    pub async fn create_owner(&self, email: &str, password: &str) -> Result<(), AdminError> {
        let email = match Email::parse(email) {
            Ok(email) => email.lowercased().into_string(),
            Err(_) => return Err(AdminError::BadEmail),
        };
        if email.len() > EMAIL_MAX {
            return Err(AdminError::BadEmail);
        }
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(AdminError::WeakPassword);
        }
        let hash = hash_password(password.to_owned()).await?;
        if !admins::insert(&self.db, &email, &hash, now_ms()).await? {
            return Err(AdminError::Exists);
        }
        tracing::info!(%email, "shop owner added");
        Ok(())
    }

    /// Whether no owner exists yet.
    pub async fn has_no_owner(&self) -> Result<bool, DbError> {
        Ok(admins::count(&self.db).await? == 0)
    }

    /// The owner, when `email` and `password` match and this pair of `address` (where the attempt comes from)
    /// and e-mail is not locked out.
    pub async fn sign_in(&self, address: &str, email: &str, password: &str) -> Result<AdminRow, AdminError> {
        let email = normalize_email(email);
        let now = now_ms();
        let since = now - WINDOW_MS;
        // Every attempt is counted before its password is checked, by one atomic increment that returns its
        // place: of guesses sent at once exactly the first five are checked. A good password resets the count.
        let attempts_key = format!("sign-in:{email}|{address}");
        if !rate_limits::hit(&self.db, &attempts_key, now, WINDOW_MS, LOCK_AFTER).await? {
            tracing::warn!(%email, address, "sign-in refused: locked out");
            return Err(AdminError::LockedOut {
                minutes: WINDOW_MS / 60_000,
            });
        }
        // Guessing at an e-mail address gets slower with every failure at it, from wherever they came.
        let failures = admins::failures_since(&self.db, &email, since).await?;
        let delay = DELAY_PER_FAILURE * u32::try_from(failures).unwrap_or(u32::MAX);
        tokio::time::sleep(delay.min(MAX_DELAY)).await;
        let admin = admins::find_by_email(&self.db, &email).await?;
        // An unknown address costs as much time as a wrong password, so the answer time does not tell them apart.
        let hash = admin
            .as_ref()
            .map(|a| a.password_hash.clone())
            .unwrap_or_else(|| UNKNOWN_OWNER_HASH.to_owned());
        let matches = verify_password(password.to_owned(), hash).await;
        match admin {
            // A disabled account is refused like a wrong password, after the same work.
            Some(admin) if matches && admin.disabled_at.is_none() => {
                rate_limits::forget(&self.db, &attempts_key).await?;
                admins::clear_failures_of_pair(&self.db, &email, address, since).await?;
                tracing::info!(%email, "owner signed in");
                Ok(admin)
            }
            _ => {
                admins::record_failure(&self.db, &email, address, now).await?;
                tracing::warn!(%email, address, failures = failures + 1, "sign-in refused");
                Err(AdminError::Refused)
            }
        }
    }
}

/// The argon2id hash of a password nobody has, verified against when the address is unknown.
const UNKNOWN_OWNER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Tn3XN7Ug8vJ0AR4DykBkGvkz2Oq9oUR6uGcXLHuXuM";

/// Hashes on a blocking thread: argon2 is slow on purpose.
pub async fn hash_password(password: String) -> Result<String, AdminError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| AdminError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| AdminError::Hash(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse".into(), hash.clone()).await);
        assert!(!verify_password("correct horsE".into(), hash).await);
    }

    #[tokio::test]
    async fn the_stand_in_hash_parses_and_matches_nothing_typed() {
        assert!(PasswordHash::new(UNKNOWN_OWNER_HASH).is_ok());
        assert!(!verify_password("".into(), UNKNOWN_OWNER_HASH.into()).await);
        assert!(!verify_password("password".into(), UNKNOWN_OWNER_HASH.into()).await);
    }

    #[test]
    fn addresses_compare_without_case_or_spaces() {
        assert_eq!(normalize_email("  Owner@Shop.MN "), "owner@shop.mn");
    }
}
