//! The guest cart, kept in the shopper's session (in the database, so it works on every app instance). Every price
//! and total is computed on the server from the database; the browser only ever sends variant ids and quantities.

mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;

pub use pages::{CartBadge, CartPage, add_to_cart_action};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::Mnt, error::AppError, i18n::Lang};

/// The most of one variant a cart may hold.
pub const MAX_QUANTITY: i64 = 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLineView>,
    pub total: Mnt,
    /// Items in the cart, for the header badge.
    pub count: i64,
    /// What the last cart action left to say, shown once.
    pub notice: Option<CartNotice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLineView {
    pub variant_id: i64,
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
}

impl CartNotice {
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            CartNotice::NotEnoughStock { .. } | CartNotice::Unavailable | CartNotice::InvalidQuantity
        )
    }

    pub fn text(&self, lang: Lang) -> String {
        let strings = lang.strings();
        match self {
            CartNotice::Added => strings.cart_added.to_owned(),
            CartNotice::Updated => strings.cart_updated.to_owned(),
            CartNotice::Removed => strings.cart_removed.to_owned(),
            CartNotice::NotEnoughStock { name, available } => strings
                .cart_not_enough_stock
                .replace("{name}", name)
                .replace("{available}", &available.to_string()),
            CartNotice::Unavailable => strings.cart_unavailable.to_owned(),
            CartNotice::InvalidQuantity => strings.cart_invalid_quantity.to_owned(),
        }
    }
}

#[server]
pub async fn get_cart(lang: Lang) -> Result<CartView, AppError> {
    let session = session::current().await?;
    let lines = session::lines(&session).await?;
    let notice = session::take_notice(&session).await?;
    let cart = expect_context::<crate::server::Services>().cart;
    Ok(CartView {
        notice,
        ..cart.view(&lines, lang).await?
    })
}

#[server]
pub async fn cart_count() -> Result<i64, AppError> {
    let session = session::current().await?;
    Ok(session::lines(&session).await?.iter().map(|line| line.quantity).sum())
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
    F: FnOnce(service::CartService, Vec<crate::checkout::CartLine>, Lang) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<crate::checkout::CartLine>, CartNotice), service::CartError>>,
{
    let session = session::current().await?;
    let lines = session::lines(&session).await?;
    let cart = expect_context::<crate::server::Services>().cart;
    let notice = match change(cart, lines, crate::i18n::use_lang()).await {
        Ok((lines, notice)) => {
            session::save_lines(&session, &lines).await?;
            notice
        }
        Err(service::CartError::Refused(notice)) => notice,
        Err(service::CartError::Db(error)) => return Err(error.into()),
    };
    session::set_notice(&session, &notice).await?;
    leptos_axum::redirect("/cart");
    Ok(())
}
