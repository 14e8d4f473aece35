//! Orders the owner makes for a customer (`/admin/orders/new`), for a sale that starts in a chat or on the phone:
//! variants found by name or SKU go into a draft kept in the owner's session; the customer's details, delivery, a
//! fee by hand, a discount with its reason (`form.rs`) and the way to pay go with it; placing goes through the
//! shopper's checkout (`CheckoutService::place_order`: one transaction, stock reserved) and then the invoice. The
//! order's page then offers its pay link to copy, and "send by SMS" through the outbox.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    admin::form::FieldError,
    checkout::{
        PickupChoice,
        form::{CheckoutForm, FieldErrors},
    },
    domain::Mnt,
    error::AppError,
};
use form::DraftTermsForm;

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::{DraftPage, PayLinkBox};

/// A variant the owner's search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundVariant {
    pub variant_id: i64,
    pub sku: String,
    /// "Product (variant)" in the owner's language.
    pub name: String,
    pub price: Mnt,
    pub stock: i64,
}

/// A line of the draft, at today's price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    pub variant_id: i64,
    pub name: String,
    pub quantity: i64,
    pub line_total: Mnt,
    pub stock: i64,
}

/// What the owner typed when placing, kept for the page when it is sent back with its problems.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftAttempt {
    pub form: CheckoutForm,
    pub terms: DraftTermsForm,
    pub errors: FieldErrors,
    pub term_errors: Vec<FieldError>,
    /// A problem with the whole order (stock ran out, the discount is more than the items).
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftPageData {
    pub who: super::Account,
    /// The search as typed, and what it found (nothing without a query).
    pub query: String,
    pub found: Vec<FoundVariant>,
    pub lines: Vec<DraftLine>,
    /// The items' sum at today's prices; the fee and the discount are added when the order is placed.
    pub items: Mnt,
    /// The form as last sent, with its problems.
    pub attempt: DraftAttempt,
    /// The draft's one-time key: posting it twice makes one order.
    pub key: String,
    pub pickup_points: Vec<PickupChoice>,
    /// The ways to pay that are on, `(name, label)`.
    pub pay_methods: Vec<(String, String)>,
    /// What came of the last change to the draft.
    pub notice: Option<String>,
}

/// An unpaid order's pay link, for its owner's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayLink {
    /// The short link with the order's view key: opens its pay page in any browser, without the shop's session.
    pub link: String,
    /// The order number, total and link, ready to paste in a chat.
    pub text: String,
    /// Whether this shop sends SMS, so "send by SMS" can.
    pub sms: bool,
}

#[cfg(feature = "ssr")]
const DRAFT_ATTEMPT: crate::web::OneTime<DraftAttempt> = crate::web::OneTime::new("admin_draft_attempt");

#[server]
pub async fn get_admin_draft(#[server(default)] q: String) -> Result<DraftPageData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::MakeOrders).await?;
    let session = crate::web::VisitorSession::current().await?;
    let drafts = expect_context::<service::DraftService>();
    let attempt = session.take(&DRAFT_ATTEMPT).await?.unwrap_or_default();
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let draft = service::Draft::of(&session).await?;
    drafts
        .page(account, &draft, &q, attempt, notice, crate::i18n::use_lang())
        .await
}

/// Adds a variant to the draft (or more of it), then back to the page with the search as it was.
#[server]
pub async fn admin_draft_add(
    #[server(default)] variant_id: String,
    #[server(default)] quantity: String,
    #[server(default)] q: String,
) -> Result<(), AppError> {
    change_draft(&variant_id, &quantity, true, &service::back_to(&q)).await
}

/// Sets a line's quantity (0 takes it out), then back to the page.
#[server]
pub async fn admin_draft_set(
    #[server(default)] variant_id: String,
    #[server(default)] quantity: String,
) -> Result<(), AppError> {
    change_draft(&variant_id, &quantity, false, "/admin/orders/new").await
}

/// Adds to (`add`) or sets a draft line, keeps the notice and goes back to `back`.
#[cfg(feature = "ssr")]
async fn change_draft(variant_id: &str, quantity: &str, add: bool, back: &str) -> Result<(), AppError> {
    super::signed_in(crate::domain::staff::Duty::MakeOrders).await?;
    let session = crate::web::VisitorSession::current().await?;
    let drafts = expect_context::<service::DraftService>();
    let draft = service::Draft::of(&session).await?;
    let notice = drafts
        .change(&draft, variant_id, quantity, add, crate::i18n::use_lang())
        .await?;
    session.keep(&super::ACTION_NOTICE, &notice).await?;
    leptos_axum::redirect(back);
    Ok(())
}

/// Places the draft as an order and opens its page (with the pay link); or back to the draft with what to fix.
/// Posting the same draft again opens the same order.
#[server]
pub async fn admin_place_draft(
    #[server(flatten)] form: CheckoutForm,
    #[server(flatten)] terms: DraftTermsForm,
    #[server(default)] key: String,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::MakeOrders).await?;
    let session = crate::web::VisitorSession::current().await?;
    let drafts = expect_context::<service::DraftService>();
    let draft = service::Draft::of(&session).await?;
    let lang = crate::i18n::use_lang();
    match drafts.place(&account, &draft, &key, form, terms, lang).await? {
        service::Placed::Order { order_no, created } => {
            if created {
                draft.clear().await?;
                let made = lang.admin().draft_made.to_owned();
                session.keep(&super::ACTION_NOTICE, &made).await?;
            }
            leptos_axum::redirect(&format!("/admin/orders/{order_no}"));
        }
        service::Placed::SentBack(attempt) => {
            session.keep(&DRAFT_ATTEMPT, &attempt).await?;
            leptos_axum::redirect("/admin/orders/new");
        }
    }
    Ok(())
}

/// Sends the order's pay link to its customer by SMS through the outbox (again, when it was sent before), then back
/// to the order.
#[server]
pub async fn admin_send_pay_link(#[server(default)] order_no: String) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::MakeOrders).await?;
    let drafts = expect_context::<service::DraftService>();
    let lang = crate::i18n::use_lang();
    let notice = drafts.send_pay_link(&account.email, &order_no, lang).await?;
    super::back_to_order(&order_no, Some(notice)).await
}
