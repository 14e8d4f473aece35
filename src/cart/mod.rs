//! The guest cart, kept in the shopper's session (in the database, so it works on every app instance). Every price
//! and total is computed on the server from the database; the browser only ever sends variant ids and quantities.

mod pages;
#[cfg(feature = "ssr")]
pub mod pricing;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::{CartBadge, CartPage, add_to_cart_action};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::CartLine;
use crate::{
    domain::{Mnt, discount::CodeRefusal},
    error::AppError,
    i18n::Lang,
};

/// The last cart action's notice, shown once on the cart page.
#[cfg(feature = "ssr")]
const CART_NOTICE: crate::web::OneTime<CartNotice> = crate::web::OneTime::new("cart_notice");

/// The shopper's discount code, kept from the cart to checkout.
#[cfg(feature = "ssr")]
pub const DISCOUNT_CODE: crate::web::Kept<String> = crate::web::Kept::new("discount_code");
/// Where the shopper last asked for delivery, so the cart can show its fee.
#[cfg(feature = "ssr")]
pub const DELIVERY_CHOICE: crate::web::Kept<DeliveryForm> = crate::web::Kept::new("delivery_choice");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLineView>,
    /// The lines' sum at today's prices.
    pub total: Mnt,
    /// Items in the cart, for the header badge.
    pub count: i64,
    /// What the last cart action left to say, shown once.
    pub notice: Option<CartNotice>,
    /// With the discount code and delivery, when the page asked for them.
    pub price: Option<crate::ui::PriceView>,
}

/// The delivery fields of the checkout form, as posted: `delivery` is `delivery` (Ulaanbaatar), `countryside` or
/// `pickup`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryForm {
    pub delivery: String,
    pub district: String,
    pub khoroo: String,
    pub aimag: String,
    pub pickup_point: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLineView {
    pub variant_id: i64,
    pub product_id: i64,
    pub category_id: i64,
    pub slug: String,
    pub product_name: String,
    pub variant_name: String,
    pub image: String,
    pub unit_price: Mnt,
    pub quantity: i64,
    pub line_total: Mnt,
    pub stock: i64,
}

/// The outcome of a cart action, carried to the next page through the session (the forms work without JavaScript,
/// so every action ends in a redirect).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CartNotice {
    Added,
    Updated,
    Removed,
    /// Only `available` are left of `name`.
    NotEnoughStock {
        name: String,
        available: i64,
    },
    Unavailable,
    InvalidQuantity,
    CodeRemoved,
    /// Too many new codes tried: the code was not kept.
    TooManyCodes,
}

impl CartNotice {
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            CartNotice::NotEnoughStock { .. }
                | CartNotice::Unavailable
                | CartNotice::InvalidQuantity
                | CartNotice::TooManyCodes
        )
    }

    pub fn text(&self, lang: Lang) -> String {
        match self {
            CartNotice::Added => lang.shop().cart_added.to_owned(),
            CartNotice::Updated => lang.shop().cart_updated.to_owned(),
            CartNotice::Removed => lang.shop().cart_removed.to_owned(),
            CartNotice::NotEnoughStock { name, available } => lang
                .shop()
                .cart_not_enough_stock
                .replace("{name}", name)
                .replace("{available}", &available.to_string()),
            CartNotice::Unavailable => lang.shop().cart_unavailable.to_owned(),
            CartNotice::InvalidQuantity => lang.shop().cart_invalid_quantity.to_owned(),
            CartNotice::CodeRemoved => lang.checkout().code_removed.to_owned(),
            CartNotice::TooManyCodes => lang.checkout().code_too_many_tries.to_owned(),
        }
    }
}

#[server]
pub async fn get_cart(lang: Lang) -> Result<CartView, AppError> {
    let session = crate::web::VisitorSession::current().await?;
    let lines = session.cart_lines().await?;
    let notice = session.take(&CART_NOTICE).await?;
    let code = session.recall(&DISCOUNT_CODE).await?;
    let choice = session.recall(&DELIVERY_CHOICE).await?.and_then(|form| form.choice());
    let cart = expect_context::<service::CartService>();
    let view = cart.view(&lines, lang).await?;
    let price = cart
        .price_view(&view.priced_lines(), code.as_deref(), None, choice.as_ref(), lang)
        .await?;
    Ok(CartView {
        notice,
        price: Some(price),
        ..view
    })
}

/// Keeps the discount code for this cart (an empty one removes it) and goes back to the cart, which says whether
/// it applies. The code is checked again, on the server, when the order is placed.
#[server]
pub async fn apply_code(#[server(default)] discount_code: String) -> Result<(), AppError> {
    let session = crate::web::VisitorSession::current().await?;
    let code = crate::domain::discount::normalize(&discount_code);
    if code.is_empty() {
        session.forget(&DISCOUNT_CODE).await?;
        session.keep(&CART_NOTICE, &CartNotice::CodeRemoved).await?;
    } else if may_try_code(&session, &code).await? {
        session.remember(&DISCOUNT_CODE, &code).await?;
    } else {
        session.keep(&CART_NOTICE, &CartNotice::TooManyCodes).await?;
    }
    leptos_axum::redirect("/cart");
    Ok(())
}

/// Whether the shopper may try `code` (upper-case): the one already kept always; a new one within the limits on
/// codes tried per session and per address, so codes cannot be guessed by the thousand.
#[cfg(feature = "ssr")]
pub async fn may_try_code(session: &crate::web::VisitorSession, code: &str) -> Result<bool, AppError> {
    if code.is_empty() || session.recall(&DISCOUNT_CODE).await?.as_deref() == Some(code) {
        return Ok(true);
    }
    let cart = expect_context::<service::CartService>();
    let shopper = session.shopper_id().await?;
    Ok(cart.may_try_code(&shopper, crate::web::client_address().await).await?)
}

#[server]
pub async fn cart_count() -> Result<i64, AppError> {
    let session = crate::web::VisitorSession::current().await?;
    Ok(session.cart_lines().await?.iter().map(|line| line.quantity.get()).sum())
}

/// Adds to the cart and goes to it. Works as a plain form post.
#[server]
pub async fn add_to_cart(variant_id: i64, quantity: i64) -> Result<(), AppError> {
    change_cart(|cart, lines, lang| async move { cart.add(lines, variant_id, quantity, lang).await }).await
}

/// Sets a line's quantity (0 removes it) and goes back to the cart.
#[server]
pub async fn update_cart_line(variant_id: i64, quantity: i64) -> Result<(), AppError> {
    change_cart(|cart, lines, lang| async move { cart.set(lines, variant_id, quantity, lang).await }).await
}

#[server]
pub async fn remove_cart_line(variant_id: i64) -> Result<(), AppError> {
    change_cart(|cart, lines, lang| async move { cart.set(lines, variant_id, 0, lang).await }).await
}

/// Loads the cart, applies `change`, saves the cart when it succeeded, keeps its notice for the cart page, and
/// redirects there.
#[cfg(feature = "ssr")]
async fn change_cart<F, Fut>(change: F) -> Result<(), AppError>
where
    F: FnOnce(service::CartService, Vec<CartLine>, Lang) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<CartLine>, CartNotice), service::CartError>>,
{
    let session = crate::web::VisitorSession::current().await?;
    let lines = session.cart_lines().await?;
    let cart = expect_context::<service::CartService>();
    let notice = match change(cart, lines, crate::i18n::use_lang()).await {
        Ok((lines, notice)) => {
            session.save_cart_lines(&lines).await?;
            notice
        }
        Err(service::CartError::Refused(notice)) => notice,
        Err(service::CartError::Db(error)) => return Err(error.into()),
    };
    session.keep(&CART_NOTICE, &notice).await?;
    leptos_axum::redirect("/cart");
    Ok(())
}

/// Why a code was not applied, in the shopper's language.
pub fn code_message(refusal: CodeRefusal, lang: Lang) -> String {
    match refusal {
        CodeRefusal::Unknown | CodeRefusal::Inactive => lang.checkout().code_unknown.to_owned(),
        CodeRefusal::NotYet => lang.checkout().code_not_yet.to_owned(),
        CodeRefusal::Expired => lang.checkout().code_expired.to_owned(),
        CodeRefusal::UsedUp => lang.checkout().code_used_up.to_owned(),
        CodeRefusal::UsedUpByPhone => lang.checkout().code_used_by_phone.to_owned(),
        CodeRefusal::DeliveryFreeAlready => lang.checkout().code_delivery_free_already.to_owned(),
        CodeRefusal::BelowMinimum(min) => lang.checkout().code_below_minimum.replace("{min}", &min.to_string()),
        CodeRefusal::NotApplicable => lang.checkout().code_not_applicable.to_owned(),
    }
}
