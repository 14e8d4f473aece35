//! Checkout: turning a cart and the shopper's details into an order with its stock reserved.

#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::domain::Phone;

/// One line of a cart: a variant and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub variant_id: i64,
    pub quantity: i64,
}

/// Where the order goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// The shopper collects it.
    Pickup,
    /// Delivered in Ulaanbaatar.
    Ulaanbaatar {
        district: String,
        khoroo: String,
        address: String,
    },
}

/// The shopper's details, already checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDetails {
    pub name: String,
    pub phone: Phone,
    pub email: Option<String>,
    pub delivery: Delivery,
    pub note: Option<String>,
}
