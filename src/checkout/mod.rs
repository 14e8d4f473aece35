//! Checkout: turning a cart and the shopper's details into an order with its stock reserved.

pub mod form;
#[cfg(feature = "ssr")]
mod holds;
mod pages;
#[cfg(feature = "ssr")]
mod place;
#[cfg(feature = "ssr")]
pub mod service;
mod totals;

pub use pages::{CheckoutPage, DeliveryFields, field_row};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{cart::CartView, domain::Phone, error::AppError, i18n::Lang, ui::PriceView};
use form::{CheckoutForm, FieldErrors};

/// What the checkout page shows: the cart, the form as last sent with its problems, and the form's one-time key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutPageData {
    pub cart: CartView,
    /// What the order costs with the form's delivery choice and code.
    pub price: PriceView,
    pub pickup_points: Vec<PickupChoice>,
    pub form: CheckoutForm,
    pub errors: FieldErrors,
    /// A problem with the whole order (stock ran out meanwhile), in the shopper's language.
    pub notice: Option<String>,
    pub key: String,
    /// The shop issues e-barimt receipts: the form asks whom for.
    pub ebarimt: bool,
    /// The ways to pay the shop offers (QPay first), each `(name, label)`; whether one fits where the order goes
    /// is checked when it is placed.
    pub pay_methods: Vec<(String, String)>,
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
            pay_method: or(&attempt.form.pay_method, "qpay"),
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

/// A pickup point as checkout offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupChoice {
    pub id: i64,
    /// Name, address and opening hours.
    pub label: String,
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
    use crate::cart::{DELIVERY_CHOICE, DISCOUNT_CODE};
    let session = crate::web::VisitorSession::current().await?;
    let lines = session.cart_lines().await?;
    let key = session.checkout_key().await?;
    let attempt = match session.take(&CHECKOUT_ATTEMPT).await? {
        Some(attempt) => attempt,
        // A first visit starts from the cart's code and the delivery last asked about.
        None => {
            let delivery = session.recall(&DELIVERY_CHOICE).await?.unwrap_or_default();
            CheckoutAttempt {
                form: form::CheckoutForm {
                    discount_code: session.recall(&DISCOUNT_CODE).await?.unwrap_or_default(),
                    delivery: delivery.delivery,
                    district: delivery.district,
                    khoroo: delivery.khoroo,
                    aimag: delivery.aimag,
                    pickup_point: delivery.pickup_point,
                    ..Default::default()
                },
                ..Default::default()
            }
        }
    };
    // A code refused for too many tries stays in its field as typed, but is neither priced nor explained: the
    // discount, or why the code does not apply, would tell a guesser what the limit is there to hide.
    let mut priced = attempt.form.clone();
    if attempt
        .errors
        .iter()
        .any(|(_, error)| *error == form::FieldError::TooManyCodes)
    {
        priced.discount_code.clear();
    }
    let checkout = expect_context::<service::CheckoutService>();
    match checkout.page(&lines, key, &priced, lang).await {
        Ok(page) => Ok(page.with_attempt(attempt)),
        Err(error) => {
            // Kept again, so a failed read does not lose what the shopper typed.
            session.keep(&CHECKOUT_ATTEMPT, &attempt).await?;
            Err(error.into())
        }
    }
}

/// The form's "update the total" button: keeps what was typed, remembers the delivery choice and the code, and
/// comes back to checkout, which shows the fee, the promised time and the total. Works without JavaScript.
#[server]
pub async fn update_checkout(
    #[server(flatten)] form: CheckoutForm,
    #[server(default)] key: String,
) -> Result<(), AppError> {
    let _ = key;
    let session = crate::web::VisitorSession::current().await?;
    let errors = if remember_choices(&session, &form).await? {
        Vec::new()
    } else {
        vec![(form::Field::DiscountCode, form::FieldError::TooManyCodes)]
    };
    let attempt = CheckoutAttempt {
        form,
        errors,
        notice: None,
    };
    session.keep(&CHECKOUT_ATTEMPT, &attempt).await?;
    leptos_axum::redirect("/checkout");
    Ok(())
}

/// The checkout form's fields that decide its price, as the running total sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteFields {
    pub delivery: String,
    pub district: String,
    pub khoroo: String,
    pub aimag: String,
    pub pickup_point: String,
    pub discount_code: String,
    pub phone: String,
}

/// What the cart costs with these fields (the running total on the checkout page); remembers the delivery choice
/// for the cart. Nothing is placed or reserved.
#[server]
pub async fn checkout_quote(fields: QuoteFields) -> Result<PriceView, AppError> {
    let session = crate::web::VisitorSession::current().await?;
    let mut form = CheckoutForm {
        delivery: fields.delivery,
        district: fields.district,
        khoroo: fields.khoroo,
        aimag: fields.aimag,
        pickup_point: fields.pickup_point,
        discount_code: fields.discount_code,
        phone: fields.phone,
        ..Default::default()
    };
    let allowed = remember_choices(&session, &form).await?;
    if !allowed {
        form.discount_code.clear();
    }
    let lines = session.cart_lines().await?;
    let checkout = expect_context::<service::CheckoutService>();
    let lang = crate::i18n::use_lang();
    let price = checkout.quote(&lines, &form, lang).await?;
    Ok(match allowed {
        true => price,
        false => PriceView {
            code_problem: Some(lang.checkout().code_too_many_tries.to_owned()),
            ..price
        },
    })
}

/// The delivery choice and code the form carries, kept for the cart and the next checkout; false (and the code not
/// kept) when it is a new code and the shopper has tried too many (`cart::may_try_code`).
#[cfg(feature = "ssr")]
async fn remember_choices(session: &crate::web::VisitorSession, form: &CheckoutForm) -> Result<bool, AppError> {
    use crate::cart::{DELIVERY_CHOICE, DISCOUNT_CODE, may_try_code};
    session.remember(&DELIVERY_CHOICE, &form.delivery_form()).await?;
    let code = crate::domain::discount::normalize(&form.discount_code);
    if code.is_empty() {
        session.forget(&DISCOUNT_CODE).await?;
    } else if may_try_code(session, &code).await? {
        session.remember(&DISCOUNT_CODE, &code).await?;
    } else {
        return Ok(false);
    }
    Ok(true)
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
    // The same form posted again (a double click, a refresh, a second tab) goes to its order before anything else:
    // its code is not a new try, and is not kept for the next cart.
    if let Some(order_no) = checkout.placed_with(&submission.key).await? {
        leptos_axum::redirect(&format!("/orders/{order_no}"));
        return Ok(());
    }
    // A new code counts as a try before anything prices or checks it, so placing cannot be used to guess codes
    // beyond the limit the cart and the running total keep.
    if !remember_choices(&session, &submission.form).await? {
        let attempt = CheckoutAttempt {
            form: submission.form,
            errors: vec![(form::Field::DiscountCode, form::FieldError::TooManyCodes)],
            notice: None,
        };
        session.keep(&CHECKOUT_ATTEMPT, &attempt).await?;
        leptos_axum::redirect("/checkout");
        return Ok(());
    }
    match checkout.submit(submission).await? {
        Submitted::Placed { order_no, created } => {
            // An old tab re-posting a used key finds its order; only a new order empties the cart.
            if created {
                session.clear_after_order().await?;
                session.forget(&crate::cart::DISCOUNT_CODE).await?;
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
    /// The shopper collects it at the pickup point with this id.
    Pickup { point_id: i64 },
    /// Delivered in Ulaanbaatar.
    Ulaanbaatar {
        district: String,
        khoroo: String,
        address: String,
    },
    /// Sent to a soum (or the centre) of an aimag, by bus or post.
    Countryside {
        aimag: String,
        soum: String,
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
