//! After checkout: the order's page (`/orders/{order_no}`), where the shopper pays and sees the order paid.

mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::OrderPage;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{Mnt, PaymentState},
    error::AppError,
    i18n::Lang,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderView {
    pub order_no: String,
    pub state: PaymentState,
    pub total: Mnt,
    pub paid: Mnt,
    pub items: Vec<OrderItemView>,
    pub customer_name: String,
    pub phone: String,
    /// Where it goes, in the shopper's language.
    pub delivery: String,
    pub note: Option<String>,
    /// The link anyone may use to open this order (shown so the shopper can keep or share it).
    pub view_link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItemView {
    pub product_name: String,
    pub variant_name: String,
    pub unit_price: Mnt,
    pub quantity: i64,
    pub line_total: Mnt,
}

/// The order, for the session that placed it or whoever holds its view key; `NotFound` for everyone else.
#[server]
pub async fn get_order(order_no: String, key: Option<String>, lang: Lang) -> Result<OrderView, AppError> {
    let session = crate::cart::session::current().await?;
    let shopper = crate::cart::session::shopper_id(&session).await?;
    let orders = expect_context::<crate::server::Services>().orders;
    orders
        .view(&order_no, Some(&shopper), key.as_deref(), lang)
        .await?
        .ok_or(AppError::NotFound)
}
