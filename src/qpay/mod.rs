//! The QPay v2 merchant API client (server only).
//!
//! [`types`] holds the request and response bodies, [`QpayAmount`] the exact amounts QPay writes as numbers or
//! strings, and [`QpayError`] what can go wrong, with QPay's error codes explained in Mongolian and English
//! ([`ErrorCode`]). The behaviour it follows — including QPay's many quirks — is described in `SPEC.md` (QPay's
//! behaviour as real integrations see it); comments cite its sections as `SPEC.md §n`.

pub mod amount;
pub mod error;
pub mod types;

pub use amount::QpayAmount;
pub use error::{ErrorCode, QpayError};
pub use types::*;
