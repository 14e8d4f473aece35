//! After checkout: the order's page (`/orders/{order_no}`), where the shopper pays with QPay and watches the order
//! turn to paid; and, on the server, making the invoice, QPay's callback and settling.

mod bank_logo;
mod pages;
mod status;

#[cfg(feature = "ssr")]
pub mod callback;
#[cfg(feature = "ssr")]
pub mod day_check;
#[cfg(feature = "ssr")]
pub mod ebarimt;
#[cfg(feature = "ssr")]
pub mod invoice;
#[cfg(feature = "ssr")]
pub mod moves;
#[cfg(feature = "ssr")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod orders;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
mod paid;
#[cfg(feature = "ssr")]
pub mod reconcile;
#[cfg(feature = "ssr")]
pub mod refund;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod settle;

pub use pages::{OrderPage, Receipts};
pub use status::state_text;

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
    /// The view key the page was opened with, passed on to the page's own requests.
    pub key: Option<String>,
    pub state: PaymentState,
    pub total: Mnt,
    /// Items, discount, delivery and total, as the order was placed.
    pub price: crate::ui::PriceView,
    pub paid: Mnt,
    pub items: Vec<OrderItemView>,
    pub payments: Vec<PaymentView>,
    pub invoice: Option<InvoiceView>,
    /// No invoice could be made yet: the page offers "try again".
    pub invoice_failed: bool,
    /// The invoice is being made right now.
    pub invoice_pending: bool,
    /// The last check with QPay failed (a timeout, QPay busy): the page says so, and that it will be checked again.
    pub last_check_failed: bool,
    pub customer_name: String,
    pub phone: String,
    /// Where it goes, in the shopper's language.
    pub delivery: String,
    pub note: Option<String>,
    /// The link anyone may use to open this order (shown so the shopper can keep or share it).
    pub view_link: String,
    /// The order's e-barimt receipts, one per payment.
    pub receipts: Vec<ReceiptView>,
    /// Paid, and its e-barimt receipt is being asked for.
    pub receipt_coming: bool,
    /// How to pay an order paid to the shop itself (cash, a transfer); `None` for QPay.
    pub offline: Option<OfflinePay>,
}

/// How the shopper pays an order whose money the shop takes itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfflinePay {
    /// `domain::pay_method::PayMethod`'s name, and its label in the shopper's language.
    pub method: String,
    pub label: String,
    /// The shop's account, for a transfer (the order number is its reference).
    pub bank: Option<crate::domain::pay_settings::BankAccount>,
    /// Ulaanbaatar time the order expires unpaid (while not packed).
    pub pay_by: Option<String>,
    /// What is left to pay.
    pub left: Mnt,
}

/// An e-barimt receipt as the order page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptView {
    /// `issued`, `failed` or `cancelled`.
    pub state: String,
    /// For a company's receipt: its register number.
    pub company: Option<String>,
    pub lottery: Option<String>,
    /// The receipt's QR data (what the tax office's app reads), and the QR made from it.
    pub qr_data: Option<String>,
    pub qr_svg: String,
    pub vat: Option<String>,
    pub city_tax: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItemView {
    pub product_name: String,
    pub variant_name: String,
    pub unit_price: Mnt,
    pub quantity: i64,
    pub line_total: Mnt,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub qr_svg: String,
    /// QPay's PNG of the same QR, base64.
    pub qr_image: String,
    pub short_url: Option<String>,
    pub banks: Vec<BankLinkView>,
    /// Ulaanbaatar time.
    pub expires_at: String,
    /// Whole minutes left to pay, when the page was made.
    pub minutes_left: i64,
    pub expired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankLinkView {
    /// The Mongolian name QPay gives (`description`).
    pub name: String,
    pub logo: Option<String>,
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentView {
    pub payment_id: String,
    pub method: String,
    pub wallet: Option<String>,
    pub amount: Mnt,
    /// Ulaanbaatar time.
    pub time: String,
}

#[cfg(feature = "ssr")]
async fn shopper() -> Result<String, AppError> {
    crate::web::VisitorSession::current().await?.shopper_id().await
}

/// The order, when this session placed it or `key` is its view key; `NotFound` otherwise.
#[cfg(feature = "ssr")]
async fn accessible_order(order_no: &str, key: Option<&str>) -> Result<crate::db::orders::OrderRow, AppError> {
    let orders = expect_context::<orders::OrderService>();
    let order = orders.find_accessible(order_no, Some(&shopper().await?), key).await?;
    order.ok_or(AppError::NotFound)
}

/// The order, for the session that placed it or whoever holds its view key; `NotFound` for everyone else.
#[server]
pub async fn get_order(order_no: String, key: Option<String>, lang: Lang) -> Result<OrderView, AppError> {
    let orders = expect_context::<orders::OrderService>();
    orders
        .view(&order_no, Some(&shopper().await?), key.as_deref(), lang)
        .await?
        .ok_or(AppError::NotFound)
}

/// The order's payment state, asked every two seconds by the open order page. Reads our database only, never QPay.
/// A fixed address (`POST /api/order_status`), so a proxy's rules and `make bench` can name it.
#[server(endpoint = "order_status")]
pub async fn order_status(order_no: String, key: Option<String>) -> Result<PaymentState, AppError> {
    let orders = expect_context::<orders::OrderService>();
    orders
        .state(&order_no, Some(&shopper().await?), key.as_deref())
        .await?
        .ok_or(AppError::NotFound)
}

/// "I have paid — check now": asks QPay at most once per 10 seconds per order, then back to the order page.
#[server]
pub async fn check_payment_now(order_no: String, #[server(default)] key: Option<String>) -> Result<(), AppError> {
    let order = accessible_order(&order_no, key.as_deref()).await?;
    let payments = expect_context::<service::PaymentService>();
    payments.check_now(order.id, &order.order_no).await?;
    leptos_axum::redirect(&order_link(&order.order_no, key.as_deref()));
    Ok(())
}

/// Makes the order's invoice again after QPay failed, then back to the order page.
#[server]
pub async fn retry_invoice(order_no: String, #[server(default)] key: Option<String>) -> Result<(), AppError> {
    let order = accessible_order(&order_no, key.as_deref()).await?;
    let payments = expect_context::<service::PaymentService>();
    payments.ensure_invoice(&order.order_no).await?;
    leptos_axum::redirect(&order_link(&order.order_no, key.as_deref()));
    Ok(())
}

/// The order page's address, with the view key when the page was opened with one.
pub fn order_link(order_no: &str, key: Option<&str>) -> String {
    // View keys are letters and digits; anything else is not carried into a Location header.
    match key {
        Some(key) if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!("/orders/{order_no}?key={key}")
        }
        _ => format!("/orders/{order_no}"),
    }
}
