//! The visitor's session, typed: what the shop keeps between one request and the next (the cart's lines, the
//! shopper's id, the checkout form's key, the signed-in account), and one-time values a feature leaves for the page it
//! redirects to. Session errors become [`AppError`] once, with a log line (`error.rs`).

use std::marker::PhantomData;

use serde::{Serialize, de::DeserializeOwned};
use tower_sessions::Session;

use crate::{
    domain::{CartLine, Quantity},
    error::AppError,
};

const CART_LINES: &str = "cart";
const SHOPPER: &str = "shopper";
const CHECKOUT_KEY: &str = "checkout_key";
const ACCOUNT: &str = "admin_id";
/// Beside the account's id, under a key of its own so sessions from before it was kept still read.
const ACCOUNT_SESSIONS_ENDED: &str = "admin_sessions_ended";

/// A cart line as stored, before its quantity is checked ([`CartLine`] stores the same shape).
#[derive(serde::Deserialize)]
struct StoredLine {
    variant_id: i64,
    quantity: i64,
}

/// A value kept for the next page only (a notice, a form sent back with its mistakes): [`VisitorSession::take`]
/// removes it as it reads it. The feature that owns the value names its key, so this module knows no feature.
pub struct OneTime<T> {
    key: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> OneTime<T> {
    pub const fn new(key: &'static str) -> Self {
        OneTime {
            key,
            value: PhantomData,
        }
    }
}

/// A value kept in the session until changed (the shopper's discount code, the last delivery choice); the feature
/// that owns it names its key.
pub struct Kept<T> {
    key: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> Kept<T> {
    pub const fn new(key: &'static str) -> Self {
        Kept {
            key,
            value: PhantomData,
        }
    }
}

/// The request's session, read and written through named, typed methods.
#[derive(Debug, Clone)]
pub struct VisitorSession(Session);

impl VisitorSession {
    /// The session of the request being served (the session layer puts it there).
    pub async fn current() -> Result<VisitorSession, AppError> {
        let session = leptos_axum::extract::<Session>().await.map_err(|error| {
            tracing::error!(%error, "no session on the request");
            AppError::Internal
        })?;
        Ok(VisitorSession(session))
    }

    /// For the routes that are plain axum handlers (CSV export, uploads), which extract the session themselves.
    pub fn from_session(session: Session) -> VisitorSession {
        VisitorSession(session)
    }

    /// The cart's lines. A stored line with a quantity no cart may hold (the shop never writes one) is left out
    /// with a warning, so the visitor's cart still works.
    pub async fn cart_lines(&self) -> Result<Vec<CartLine>, AppError> {
        let stored: Vec<StoredLine> = self.0.get(CART_LINES).await?.unwrap_or_default();
        let lines = stored
            .into_iter()
            .filter_map(|line| match Quantity::new(line.quantity) {
                Ok(quantity) => Some(CartLine {
                    variant_id: line.variant_id,
                    quantity,
                }),
                Err(error) => {
                    tracing::warn!(%error, variant_id = line.variant_id, "a stored cart line was left out");
                    None
                }
            })
            .collect();
        Ok(lines)
    }

    pub async fn save_cart_lines(&self, lines: &[CartLine]) -> Result<(), AppError> {
        Ok(self.0.insert(CART_LINES, lines).await?)
    }

    /// A random id for this shopper, made on first use; orders store it instead of the session id, which changes.
    pub async fn shopper_id(&self) -> Result<String, AppError> {
        self.token(SHOPPER, 24).await
    }

    /// The checkout form's one-time key: the same for every tab of this session until an order is placed, so two
    /// tabs or a double click place one order.
    pub async fn checkout_key(&self) -> Result<String, AppError> {
        self.token(CHECKOUT_KEY, 32).await
    }

    /// After an order: an empty cart and a fresh checkout key for the next one.
    pub async fn clear_after_order(&self) -> Result<(), AppError> {
        self.0.remove::<Vec<CartLine>>(CART_LINES).await?;
        self.0.remove::<String>(CHECKOUT_KEY).await?;
        Ok(())
    }

    /// The account (the owner's or a staff member's) this session signed in as, by id.
    pub async fn account_id(&self) -> Result<Option<i64>, AppError> {
        Ok(self.0.get(ACCOUNT).await?)
    }

    /// The account's count of ended sessions when this session signed in (`db::admins::AdminRow::sessions_ended`);
    /// 0 for a session from before the count was kept: the count every account started with.
    pub async fn account_sessions_ended(&self) -> Result<i64, AppError> {
        Ok(self.0.get::<i64>(ACCOUNT_SESSIONS_ENDED).await?.unwrap_or(0))
    }

    /// Signs the account in under a new session id, so a session fixed before sign-in is worthless; with the
    /// account's count of ended sessions, so the owner ending them later (disabling the account) ends this one.
    pub async fn sign_in_account(&self, account_id: i64, sessions_ended: i64) -> Result<(), AppError> {
        self.0.cycle_id().await?;
        self.0.insert(ACCOUNT_SESSIONS_ENDED, sessions_ended).await?;
        Ok(self.0.insert(ACCOUNT, account_id).await?)
    }

    pub async fn sign_out_account(&self) -> Result<(), AppError> {
        self.0.remove::<i64>(ACCOUNT).await?;
        self.0.remove::<i64>(ACCOUNT_SESSIONS_ENDED).await?;
        Ok(self.0.cycle_id().await?)
    }

    /// Keeps `value` for the next page.
    pub async fn keep<T: Serialize>(&self, slot: &OneTime<T>, value: &T) -> Result<(), AppError> {
        Ok(self.0.insert(slot.key, value).await?)
    }

    /// What was kept for this page, removed as it is read.
    pub async fn take<T: DeserializeOwned>(&self, slot: &OneTime<T>) -> Result<Option<T>, AppError> {
        Ok(self.0.remove(slot.key).await?)
    }

    pub async fn remember<T: Serialize>(&self, slot: &Kept<T>, value: &T) -> Result<(), AppError> {
        Ok(self.0.insert(slot.key, value).await?)
    }

    pub async fn recall<T: DeserializeOwned>(&self, slot: &Kept<T>) -> Result<Option<T>, AppError> {
        Ok(self.0.get(slot.key).await?)
    }

    pub async fn forget<T: DeserializeOwned>(&self, slot: &Kept<T>) -> Result<(), AppError> {
        self.0.remove::<T>(slot.key).await?;
        Ok(())
    }

    async fn token(&self, key: &str, length: usize) -> Result<String, AppError> {
        if let Some(token) = self.0.get::<String>(key).await? {
            return Ok(token);
        }
        let token = crate::random::token(length);
        self.0.insert(key, &token).await?;
        Ok(token)
    }
}
