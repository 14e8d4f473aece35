//! Delguur: a storefront with QPay checkout, server-rendered with Leptos islands.
//!
//! Modules compiled for both halves (server and browser) hold pages, components and pure domain types; everything
//! that touches the database, the network or secrets is behind the `ssr` feature and never reaches the WASM.

pub mod admin;
pub mod app;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod domain;
pub mod error;
pub mod find_order;
pub mod i18n;
pub mod live;
pub mod payment;
pub mod shop_identity;
pub mod shop_pages;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod baseline;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod messaging;
#[cfg(feature = "ssr")]
pub mod picture_store;
#[cfg(feature = "ssr")]
pub mod pictures;
#[cfg(feature = "ssr")]
pub mod qpay;
#[cfg(feature = "ssr")]
pub mod qpay_sandbox;
#[cfg(feature = "ssr")]
pub mod random;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod site_files;
#[cfg(feature = "ssr")]
pub mod sms_sandbox;
#[cfg(feature = "ssr")]
pub mod ub_time;
#[cfg(feature = "ssr")]
pub mod web;

/// The browser entry: wakes up the islands on the page (and nothing else).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
