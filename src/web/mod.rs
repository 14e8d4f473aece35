//! The request edge, below every feature: the visitor's typed session and the client's network address. Features
//! import this module; it imports no feature.

pub mod client;
pub mod session;

pub use client::client_address;
pub use session::{Kept, OneTime, VisitorSession};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "delguur.sid";
