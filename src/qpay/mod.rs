//! The QPay v2 merchant API client (server only).
//!
//! [`QpayClient`] has one method per endpoint the shop uses; [`types`] holds the bodies, [`QpayAmount`] the exact
//! amounts QPay writes as numbers or strings, and [`QpayError`] what can go wrong, with QPay's error codes explained
//! in Mongolian and English ([`ErrorCode`]). The behaviour it follows — including QPay's many quirks — is described
//! in `SPEC.md` (a copy of QPay's behaviour as real integrations see it); comments cite its sections as `SPEC.md §n`.
//!
//! ```no_run
//! # async fn demo(config: &delguur::config::QpayConfig) -> Result<(), delguur::qpay::QpayError> {
//! use delguur::qpay::{ClientOptions, InvoiceRequest, PaymentCheckRequest, QpayClient};
//!
//! let qpay = QpayClient::new(config, ClientOptions::default())?;
//! let request = InvoiceRequest::simple(qpay.invoice_code(), "ORDER-42", "Order 42", 12_500, "https://shop.mn/cb?o=42");
//! let invoice = qpay.create_invoice(&request).await?;
//! let paid = qpay.check_payment(&PaymentCheckRequest::invoice(&invoice.invoice_id)).await?;
//! assert!(paid.paid_amount.is_zero());
//! # Ok(())
//! # }
//! ```

pub mod amount;
mod auth;
mod client;
pub mod error;
pub mod types;

pub use amount::QpayAmount;
pub use auth::AccessToken;
pub use client::{ClientOptions, QpayClient};
pub use error::{ErrorCode, QpayError};
pub use types::*;

#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod quirk_tests;
