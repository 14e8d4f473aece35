//! Checkout: turning a cart and the shopper's details into an order with its stock reserved.

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::CheckoutPage;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{cart::CartView, domain::Phone, error::AppError, i18n::Lang};
use form::{CheckoutForm, FieldErrors};

/// What the checkout page shows: the cart, the form as last sent with its problems, and the form's one-time key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutPageData {
    pub cart: CartView,
    pub form: CheckoutForm,
    pub errors: FieldErrors,
    /// A problem with the whole order (stock ran out meanwhile), in the shopper's language.
    pub notice: Option<String>,
    pub key: String,
    /// The shop issues e-barimt receipts: the form asks whom for.
    pub ebarimt: bool,
}

/// The form and its problems, kept in the session between the post and the page it redirects to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckoutAttempt {
    pub form: CheckoutForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
}

#[server]
pub async fn get_checkout(lang: Lang) -> Result<CheckoutPageData, AppError> {
    use crate::cart::session;
    let session = session::current().await?;
    let lines = session::lines(&session).await?;
    let cart = expect_context::<crate::server::Services>()
        .cart
        .view(&lines, lang)
        .await?;
    let attempt = session::take_attempt(&session).await?.unwrap_or_default();
    let ebarimt = expect_context::<crate::server::Services>()
        .payments
        .settings()
        .ebarimt
        .is_some();
    let or = |value: &str, default: &str| {
        if value.is_empty() {
            default.to_owned()
        } else {
            value.to_owned()
        }
    };
    let form = CheckoutForm {
        delivery: or(&attempt.form.delivery, "delivery"),
        receipt: if ebarimt {
            or(&attempt.form.receipt, "citizen")
        } else {
            String::new()
        },
        ..attempt.form
    };
    Ok(CheckoutPageData {
        cart,
        form,
        errors: attempt.errors,
        notice: attempt.notice,
        key: session::checkout_key(&session).await?,
        ebarimt,
    })
}

/// Places the order and goes to its page; or back to checkout with what to fix. Posting the same form again
/// (a double click, a refresh, a second tab) goes to the same order.
#[server]
pub async fn place_order(
    #[server(flatten)] form: CheckoutForm,
    #[server(default)] key: String,
) -> Result<(), AppError> {
    use crate::cart::session;
    use service::{CheckoutError, PlaceOrder as Request};
    let services = expect_context::<crate::server::Services>();
    let mut form = form;
    if services.payments.settings().ebarimt.is_none() {
        // Without e-barimt the form has no receipt choice; a stray one is not an error the shopper can fix.
        form.receipt.clear();
        form.register_no.clear();
    }
    let session = session::current().await?;
    let lang = crate::i18n::use_lang();
    let lines = session::lines(&session).await?;
    // Only a key of the shape this site hands out; anything else means "this session's key".
    let well_formed = key.len() == 32 && key.chars().all(|c| c.is_ascii_alphanumeric());
    let key = if well_formed {
        key
    } else {
        session::checkout_key(&session).await?
    };
    let customer = match form.validate() {
        Ok(customer) => customer,
        Err(errors) => return back_to_checkout(&session, form, errors, None).await,
    };
    let shopper = session::shopper_id(&session).await?;
    if !within_order_limits(services.payments.db(), &shopper).await? {
        let notice = lang.strings().checkout_too_many.to_owned();
        return back_to_checkout(&session, form, FieldErrors::new(), Some(notice)).await;
    }
    let checkout = services.checkout;
    let request = Request {
        idempotency_key: &key,
        session_id: Some(&shopper),
        customer: &customer,
        lines: &lines,
        lang,
    };
    match checkout.place_order(&request).await {
        Ok(placed) => {
            // An old tab re-posting a used key finds its order; only a new order empties the cart.
            if placed.created {
                session::clear_after_order(&session).await?;
            }
            // The order is saved; if QPay fails now, its page says so and offers "try again".
            let payments = expect_context::<crate::server::Services>().payments;
            if let Err(error) = payments.ensure_invoice(placed.order_no.as_str()).await {
                tracing::error!(%error, "could not record the invoice attempt");
            }
            leptos_axum::redirect(&format!("/orders/{}", placed.order_no));
        }
        Err(CheckoutError::Db(error)) => return Err(error.into()),
        Err(CheckoutError::EmptyCart) => leptos_axum::redirect("/cart"),
        Err(refused) => {
            let notice = refused_message(&refused, lang);
            return back_to_checkout(&session, form, FieldErrors::new(), Some(notice)).await;
        }
    }
    Ok(())
}

/// Back to the checkout page, which shows the form as typed with its field errors and the notice.
#[cfg(feature = "ssr")]
async fn back_to_checkout(
    session: &tower_sessions::Session,
    form: CheckoutForm,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<(), AppError> {
    let attempt = CheckoutAttempt { form, errors, notice };
    crate::cart::session::keep_attempt(session, &attempt).await?;
    leptos_axum::redirect("/checkout");
    Ok(())
}

/// Whether this shopper, and the address they come from, may place another order now.
#[cfg(feature = "ssr")]
async fn within_order_limits(db: &crate::db::Db, shopper: &str) -> Result<bool, AppError> {
    use crate::limits::{PLACE_ORDER_PER_ADDRESS, PLACE_ORDER_PER_SHOPPER, client_address};
    let by_shopper = PLACE_ORDER_PER_SHOPPER.allow(db, shopper).await?;
    let by_address = match client_address().await {
        Some(address) => PLACE_ORDER_PER_ADDRESS.allow(db, &address.to_string()).await?,
        None => true,
    };
    Ok(by_shopper && by_address)
}

#[cfg(feature = "ssr")]
fn refused_message(error: &service::CheckoutError, lang: Lang) -> String {
    let strings = lang.strings();
    match error {
        service::CheckoutError::NotEnoughStock { available, .. } => strings
            .checkout_stock_changed
            .replace("{available}", &available.to_string()),
        _ => strings.checkout_cart_changed.to_owned(),
    }
}

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
    /// Whom the e-barimt receipt is for, when the shop issues them.
    pub receipt: Option<crate::domain::ebarimt::Receiver>,
}
