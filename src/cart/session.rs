//! What the shopper's session holds for the cart: its lines, a one-time notice, and a shopper id that orders
//! remember so the session that placed an order can open it.

use tower_sessions::Session;

use super::CartNotice;
use crate::{
    checkout::{CartLine, CheckoutAttempt},
    error::AppError,
};

const LINES: &str = "cart";
const NOTICE: &str = "cart_notice";
const SHOPPER: &str = "shopper";
const CHECKOUT_KEY: &str = "checkout_key";
const CHECKOUT_ATTEMPT: &str = "checkout_attempt";

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}

/// The request's session (the session layer puts it there).
pub async fn current() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "no session on the request");
        AppError::Internal
    })
}

pub async fn lines(session: &Session) -> Result<Vec<CartLine>, AppError> {
    Ok(session.get(LINES).await.map_err(session_error)?.unwrap_or_default())
}

pub async fn save_lines(session: &Session, lines: &[CartLine]) -> Result<(), AppError> {
    session.insert(LINES, lines).await.map_err(session_error)
}

pub async fn set_notice(session: &Session, notice: &CartNotice) -> Result<(), AppError> {
    session.insert(NOTICE, notice).await.map_err(session_error)
}

pub async fn take_notice(session: &Session) -> Result<Option<CartNotice>, AppError> {
    session.remove(NOTICE).await.map_err(session_error)
}

/// A random id for this shopper, made on first use; orders store it instead of the session id, which changes.
pub async fn shopper_id(session: &Session) -> Result<String, AppError> {
    if let Some(id) = session.get::<String>(SHOPPER).await.map_err(session_error)? {
        return Ok(id);
    }
    let id = crate::random::token(24);
    session.insert(SHOPPER, &id).await.map_err(session_error)?;
    Ok(id)
}

/// The checkout form's one-time key: the same for every tab of this session until an order is placed, so two
/// tabs or a double click place one order.
pub async fn checkout_key(session: &Session) -> Result<String, AppError> {
    if let Some(key) = session.get::<String>(CHECKOUT_KEY).await.map_err(session_error)? {
        return Ok(key);
    }
    let key = crate::random::token(32);
    session.insert(CHECKOUT_KEY, &key).await.map_err(session_error)?;
    Ok(key)
}

pub async fn keep_attempt(session: &Session, attempt: &CheckoutAttempt) -> Result<(), AppError> {
    session.insert(CHECKOUT_ATTEMPT, attempt).await.map_err(session_error)
}

pub async fn take_attempt(session: &Session) -> Result<Option<CheckoutAttempt>, AppError> {
    session.remove(CHECKOUT_ATTEMPT).await.map_err(session_error)
}

/// After an order: an empty cart and a fresh checkout key for the next one.
pub async fn clear_after_order(session: &Session) -> Result<(), AppError> {
    session.remove::<Vec<CartLine>>(LINES).await.map_err(session_error)?;
    session.remove::<String>(CHECKOUT_KEY).await.map_err(session_error)?;
    Ok(())
}
