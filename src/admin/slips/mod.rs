//! Packing and courier (issue #22): a printable packing slip per order (`/admin/orders/{order_no}/slip`), the slips of
//! the order list's current filter, one order a printed page (`/admin/slips?…`), and the courier sheet of the same
//! orders, one row each with the cash to collect and its total (`/admin/courier?…`). Staff pack and ship, so they
//! are staff's too (`Duty::SeeOrders`). Plain HTML with a print stylesheet: the owner prints with the browser's own
//! menu, as the page's CSP allows no inline script for a button.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    admin::{Account, OrderQuery},
    domain::Mnt,
    error::AppError,
};

mod pages;
#[cfg(feature = "ssr")]
mod service;

pub use pages::{CourierPage, SlipPage, SlipsPage};

/// The most orders one sheet (or one run of slips) shows: a day's packing, not the whole history. The page says so
/// when more match.
pub const MOST_ORDERS: i64 = 200;

/// One line of a slip: what to put in the parcel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlipItem {
    pub product_name: String,
    pub variant_name: String,
    pub quantity: i64,
}

/// One order as the packer and the courier need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slip {
    pub order_no: String,
    /// Ulaanbaatar time.
    pub placed: String,
    pub customer_name: String,
    pub phone: String,
    /// Where it goes, in the owner's language: a district and khoroo, an aimag and soum, or the pickup point.
    pub destination: String,
    pub items: Vec<SlipItem>,
    /// The shopper's note at checkout.
    pub note: Option<String>,
    /// How it is paid, in the owner's language.
    pub pay_method: String,
    pub total: Mnt,
    /// The cash the courier or the pickup point takes (`pay_method::cash_to_collect`); zero when none.
    pub to_collect: Mnt,
    /// Paid in full: nothing to collect.
    pub paid: bool,
    /// The order number as a QR code, an inline SVG, for scanning at the door.
    pub qr_svg: String,
}

/// The slips of one order or of a filter's orders (at most [`MOST_ORDERS`]), newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slips {
    pub who: Account,
    pub slips: Vec<Slip>,
    /// How many orders the filter matches, shown or not.
    pub matched: i64,
    /// The cash to collect of the slips shown.
    pub to_collect: Mnt,
}

/// One order's packing slip, for a signed-in account that sees orders.
#[server]
pub async fn get_admin_slip(order_no: String) -> Result<Slips, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::SeeOrders).await?;
    let admin = expect_context::<super::service::AdminService>();
    admin
        .slip(account, &order_no, crate::i18n::use_lang())
        .await?
        .ok_or(AppError::NotFound)
}

/// The slips of the orders the list's `query` filters, for a signed-in account that sees orders.
#[server]
pub async fn get_admin_slips(query: OrderQuery) -> Result<Slips, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::SeeOrders).await?;
    let admin = expect_context::<super::service::AdminService>();
    Ok(admin.slips(account, &query, crate::i18n::use_lang()).await?)
}
