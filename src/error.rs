//! The error a page or server function shows: what went wrong for the shopper, never internals.
//!
//! Lower layers have their own error enums (`DbError`, later the QPay client's); each is mapped into [`AppError`]
//! once, by a `From` impl that logs the internal cause before it is dropped.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// This needs a signed-in shop owner.
    #[error("sign in first")]
    Unauthorized,
    /// Signed in, but this account's role may not do this (staff asking for a refund).
    #[error("not allowed for this account")]
    Forbidden,
    /// Too many requests of this kind from this shopper or address; try again later.
    #[error("too many requests")]
    TooManyRequests,
    /// Something failed on our side; the details are in the server log.
    #[error("internal error")]
    Internal,
    #[error(transparent)]
    ServerFn(ServerFnErrorErr),
}

impl AppError {
    /// The HTTP status a server function answers with this error: 4xx for what the caller sent, 5xx for our faults.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::TooManyRequests => 429,
            AppError::Internal => 500,
            AppError::ServerFn(
                ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_),
            ) => 400,
            AppError::ServerFn(ServerFnErrorErr::UnsupportedRequestMethod(_)) => 405,
            AppError::ServerFn(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AppError {
    fn from(error: crate::db::DbError) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<crate::picture_store::StoreError> for AppError {
    fn from(error: crate::picture_store::StoreError) -> Self {
        tracing::error!(%error, "picture store error");
        AppError::Internal
    }
}

/// The session store failed (or the request has no session layer): logged here, once, and shown as our fault.
#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        tracing::error!(%error, "session store failed");
        AppError::Internal
    }
}
