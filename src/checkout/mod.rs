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

impl CheckoutPageData {
    /// The page with the form as last sent and its problems; fields left empty get their defaults (delivery, and
    /// a person's receipt when the shop issues e-barimt).
    pub fn with_attempt(self, attempt: CheckoutAttempt) -> CheckoutPageData {
        let or = |value: &str, default: &str| {
            if value.is_empty() {
                default.to_owned()
            } else {
                value.to_owned()
            }
        };
        let form = CheckoutForm {
            delivery: or(&attempt.form.delivery, "delivery"),
            receipt: if self.ebarimt {
                or(&attempt.form.receipt, "citizen")
            } else {
                String::new()
            },
            ..attempt.form
        };
        CheckoutPageData {
            form,
            errors: attempt.errors,
            notice: attempt.notice,
            ..self
        }
    }
}

/// The form and its problems, kept in the session between the post and the page it redirects to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckoutAttempt {
    pub form: CheckoutForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
}

/// The form and its problems, kept for the checkout page after a post that could not place the order.
#[cfg(feature = "ssr")]
const CHECKOUT_ATTEMPT: crate::web::OneTime<CheckoutAttempt> = crate::web::OneTime::new("checkout_attempt");

#[server]
pub async fn get_checkout(lang: Lang) -> Result<CheckoutPageData, AppError> {
    let session = crate::web::VisitorSession::current().await?;
    let lines = session.cart_lines().await?;
    let key = session.checkout_key().await?;
    let checkout = expect_context::<service::CheckoutService>();
    let page = checkout.page(&lines, key, lang).await?;
    // Taken only once the page could be made, so a failed read does not lose what the shopper typed.
    let attempt = session.take(&CHECKOUT_ATTEMPT).await?.unwrap_or_default();
    Ok(page.with_attempt(attempt))
}

/// Places the order and goes to its page; or back to checkout with what to fix. Posting the same form again
/// (a double click, a refresh, a second tab) goes to the same order.
#[server]
pub async fn place_order(
    #[server(flatten)] form: CheckoutForm,
    #[server(default)] key: String,
) -> Result<(), AppError> {
    use service::{Submission, Submitted};
    let session = crate::web::VisitorSession::current().await?;
    // Only a key of the shape this site hands out; anything else means "this session's key".
    let well_formed = key.len() == 32 && key.chars().all(|c| c.is_ascii_alphanumeric());
    let key = if well_formed {
        key
    } else {
        session.checkout_key().await?
    };
    let submission = Submission {
        form,
        key,
        lines: session.cart_lines().await?,
        shopper: session.shopper_id().await?,
        address: crate::web::client_address().await,
        lang: crate::i18n::use_lang(),
    };
    let checkout = expect_context::<service::CheckoutService>();
    match checkout.submit(submission).await? {
        Submitted::Placed { order_no, created } => {
            // An old tab re-posting a used key finds its order; only a new order empties the cart.
            if created {
                session.clear_after_order().await?;
            }
            leptos_axum::redirect(&format!("/orders/{order_no}"));
        }
        Submitted::EmptyCart => leptos_axum::redirect("/cart"),
        Submitted::SentBack(attempt) => {
            session.keep(&CHECKOUT_ATTEMPT, &attempt).await?;
            leptos_axum::redirect("/checkout");
        }
    }
    Ok(())
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
