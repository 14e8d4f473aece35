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
    /// Something failed on our side; the details are in the server log.
    #[error("internal error")]
    Internal,
    #[error(transparent)]
    ServerFn(ServerFnErrorErr),
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
