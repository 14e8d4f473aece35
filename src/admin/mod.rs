//! The shop owner's side: sign-in (`/admin/login`) and the orders (`/admin`). Every admin server function checks
//! the signed-in account and its role itself, through [`signed_in`]; pages only show what those functions return.

mod cash;
pub mod catalog;
pub mod catalog_sheet;
pub mod codes;
pub mod delivery;
pub mod draft;
pub mod form;
mod glance;
pub mod going_live;
mod layout;
mod live;
pub mod message_settings;
mod order_page;
mod pages;
pub mod pay_settings;
pub mod qpay_check;
pub mod reports;
pub mod shop_settings;
pub mod slips;
pub mod staff;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod media;
mod messages;
#[cfg(feature = "ssr")]
mod refunds;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod timeline;

pub use catalog::{CatalogPage, ProductEditPage};
pub use catalog_sheet::pages::SheetImportPage;
pub use codes::CodesPage;
pub use delivery::DeliveryPage;
pub use draft::DraftPage;
pub use message_settings::MessageSettingsPage;
pub use order_page::AdminOrderPage;
pub use pages::{AdminOrdersPage, SignInPage};
pub use pay_settings::PaySettingsPage;
pub use qpay_check::QpayCheckPage;
pub use reports::ReportsPage;
pub use shop_settings::{ShopPageEditPage, ShopSettingsPage};
pub use slips::{CourierPage, SlipPage, SlipsPage};
pub use staff::{InvitePage, StaffPage};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{
        Mnt, OwnerAction,
        staff::{Duty, Role},
    },
    error::AppError,
};

/// Why the last sign-in failed, shown once on the sign-in page.
#[cfg(feature = "ssr")]
const SIGN_IN_NOTICE: crate::web::OneTime<String> = crate::web::OneTime::new("admin_notice");
/// What came of the owner's last action (on an order, a product, a picture), shown once on the page it returns to.
#[cfg(feature = "ssr")]
pub(crate) const ACTION_NOTICE: crate::web::OneTime<String> = crate::web::OneTime::new("admin_action_notice");

/// A signed-in account, the owner's or a staff member's: its e-mail and its role, for the pages to show and hide
/// by (the server checks the role itself, in [`signed_in`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

impl Account {
    pub fn may(&self, duty: Duty) -> bool {
        self.role.may(duty)
    }
}

/// The account `session` signed in as, when it may do `duty`: `Unauthorized` without one (or when it was
/// disabled), `Forbidden` when its role may not. For the admin routes that are not server functions (CSV export,
/// uploads).
#[cfg(feature = "ssr")]
pub async fn signed_in_session(
    admin: &service::AdminService,
    session: &crate::web::VisitorSession,
    duty: Duty,
) -> Result<Account, AppError> {
    let id = session.account_id().await?;
    let account = match id {
        Some(id) => {
            admin
                .signed_in_account(id, session.account_sessions_ended().await?)
                .await?
        }
        None => None,
    };
    let account = account.ok_or(AppError::Unauthorized)?;
    if !account.may(duty) {
        tracing::warn!(account = %account.email, role = account.role.as_str(), ?duty, "refused: not for this role");
        return Err(AppError::Forbidden);
    }
    Ok(account)
}

/// The account this session signed in as, when it may do `duty` (see [`signed_in_session`]). Every admin server
/// function starts with it.
#[cfg(feature = "ssr")]
pub async fn signed_in(duty: Duty) -> Result<Account, AppError> {
    let session = crate::web::VisitorSession::current().await?;
    signed_in_session(&expect_context::<service::AdminService>(), &session, duty).await
}

/// Back to the order's page, with `notice` (what came of the action on it) shown there once.
#[cfg(feature = "ssr")]
async fn back_to_order(order_no: &str, notice: Option<String>) -> Result<(), AppError> {
    if let Some(notice) = notice {
        crate::web::VisitorSession::current()
            .await?
            .keep(&ACTION_NOTICE, &notice)
            .await?;
    }
    leptos_axum::redirect(&format!("/admin/orders/{order_no}"));
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInData {
    /// Why the last attempt failed, in the owner's language.
    pub notice: Option<String>,
}

#[server]
pub async fn get_sign_in() -> Result<SignInData, AppError> {
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&SIGN_IN_NOTICE).await?;
    Ok(SignInData { notice })
}

/// Signs the account in (a new session id, so a session fixed before sign-in is worthless) and opens the orders; or
/// back to the sign-in page with why not.
#[server]
pub async fn admin_sign_in(email: String, password: String) -> Result<(), AppError> {
    let session = crate::web::VisitorSession::current().await?;
    let admin = expect_context::<service::AdminService>();
    let address = crate::web::client_address().await;
    match admin
        .sign_in(address, &email, &password, crate::i18n::use_lang())
        .await?
    {
        service::SignIn::Account(account) => {
            session.sign_in_account(account.id, account.sessions_ended).await?;
            leptos_axum::redirect("/admin");
        }
        service::SignIn::Refused(notice) => {
            session.keep(&SIGN_IN_NOTICE, &notice).await?;
            leptos_axum::redirect("/admin/login");
        }
    }
    Ok(())
}

#[server]
pub async fn admin_sign_out() -> Result<(), AppError> {
    crate::web::VisitorSession::current().await?.sign_out_account().await?;
    leptos_axum::redirect("/admin/login");
    Ok(())
}

/// Which orders the list shows, from the page's query string; see [`OrderQuery::from_params`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderQuery {
    /// A payment state, or `all`. Default: `paid`.
    pub payment: Option<String>,
    /// A fulfilment state, or `all`. Default: `new` (paid, not yet packed).
    pub fulfilment: Option<String>,
    /// `YYYY-MM-DD`, Ulaanbaatar days.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Order number or phone.
    pub q: Option<String>,
    pub page: Option<u32>,
    /// [`ATTENTION_ONLY`]: only the orders that need the owner; anything else, any.
    pub attention: Option<String>,
}

/// The `attention` a query has for the orders that need the owner (`?attention=yes`).
pub const ATTENTION_ONLY: &str = "yes";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrderRow {
    pub order_no: String,
    /// Ulaanbaatar time.
    pub placed: String,
    pub customer_name: String,
    pub phone: String,
    pub total: Mnt,
    /// The discount code and what it took off (with a waived delivery fee).
    pub discount: Option<(String, Mnt)>,
    pub refunded: Mnt,
    pub payment_state: String,
    pub fulfilment: String,
    pub attention: Option<String>,
    /// Every row says how it is paid.
    pub pay_method: crate::domain::pay_method::PayMethod,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrdersData {
    pub who: Account,
    pub query: OrderQuery,
    pub rows: Vec<AdminOrderRow>,
    /// Of the whole filtered set, not only this page.
    pub count: i64,
    pub total: Mnt,
    pub page: u32,
    pub pages: u32,
    /// [`orders_stamp`] when the list was made.
    pub stamp: i64,
    /// "Today at a glance" above the list, each figure with the list it counts.
    pub glance: glance::Glance,
}

/// The orders the query asks for, newest first, for a signed-in account only.
#[server]
pub async fn get_admin_orders(query: OrderQuery) -> Result<AdminOrdersData, AppError> {
    let account = signed_in(Duty::SeeOrders).await?;
    let admin = expect_context::<service::AdminService>();
    Ok(admin.orders_page(account, query).await?)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Ulaanbaatar time.
    pub time: String,
    /// The kind as stored, for the page's `data-kind`.
    pub kind: String,
    /// What happened, in the owner's language (`timeline.rs`).
    pub text: String,
    /// Its technical part (an id, QPay's own words or figure), shown beneath the sentence.
    pub detail: Option<String>,
    /// The account that did it; `None` for the shop itself (callbacks, checks, the reconciler).
    pub actor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrderView {
    pub who: Account,
    pub order: crate::payment::OrderView,
    pub fulfilment: crate::domain::Fulfilment,
    pub attention: Option<String>,
    pub placed: String,
    pub email: Option<String>,
    pub timeline: Vec<TimelineEntry>,
    /// The order's messages to the shopper and the owner, with what became of each.
    pub messages: Vec<messages::MessageView>,
    /// What the owner can do now; `admin_order_action` takes their names.
    pub actions: Vec<OwnerAction>,
    pub refunded: Mnt,
    pub refunds: Vec<RefundView>,
    /// The payments with money left to refund.
    pub refundable: Vec<RefundableView>,
    /// What came of the owner's last action, in their language.
    pub notice: Option<String>,
    /// How the order is paid, in the owner's language.
    pub pay_method: String,
    /// The pay link to copy (and send by SMS) while the order takes payment.
    pub pay_link: Option<draft::PayLink>,
    /// What is left to pay when this account may record money the shop took itself for it (an offline order
    /// still awaiting all or part of its money).
    pub to_collect: Option<Mnt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundView {
    pub payment_id: String,
    pub amount: Mnt,
    /// `qpay` or `manual`.
    pub way: String,
    /// `pending`, `done` or `failed`.
    pub state: String,
    pub note: String,
    pub actor: String,
    /// Ulaanbaatar time.
    pub time: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundableView {
    pub payment_id: String,
    pub left: Mnt,
    /// All that is left can go back through QPay (a card payment not refunded before).
    pub through_qpay: bool,
}

/// One order with its payments and timeline, for a signed-in account only.
#[server]
pub async fn get_admin_order(order_no: String) -> Result<AdminOrderView, AppError> {
    let account = signed_in(Duty::SeeOrders).await?;
    let notice = crate::web::VisitorSession::current()
        .await?
        .take(&ACTION_NOTICE)
        .await?;
    let admin = expect_context::<service::AdminService>();
    admin
        .order_detail(account, &order_no, crate::i18n::use_lang(), notice)
        .await?
        .ok_or(AppError::NotFound)
}

/// Does `action` to the order (an [`OwnerAction`]'s name: `recheck`, `cancel`, a fulfilment step such as
/// `shipped`, ...) and goes back to it.
#[server]
pub async fn admin_order_action(
    order_no: String,
    action: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let account = signed_in(Duty::SeeOrders).await?;
    let action = OwnerAction::parse(&action).ok_or(AppError::NotFound)?;
    if !account.may(action.duty()) {
        tracing::warn!(account = %account.email, action = action.as_str(), "refused: not for this role");
        return Err(AppError::Forbidden);
    }
    if let Err(max) = crate::domain::fulfilment::courier_note(&note) {
        // Too long: nothing is done, and the owner is told why.
        let lang = crate::i18n::use_lang();
        let why = lang.admin().courier_note_long.replace("{max}", &max.to_string());
        return back_to_order(&order_no, Some(why)).await;
    }
    let admin = expect_context::<service::AdminService>();
    // A refusal the owner should read (a cancel once the goods have left), shown on the order's page.
    let lang = crate::i18n::use_lang();
    let notice = admin.act(&account, &order_no, action, &note, lang).await?;
    back_to_order(&order_no, notice).await
}

/// Refunds `amount` tögrög of one of the order's payments (through QPay, or recorded as returned by hand with
/// `note`), then back to the order with what came of it.
#[server]
pub async fn admin_refund(
    order_no: String,
    payment_id: String,
    amount: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let account = signed_in(Duty::Money).await?;
    let admin = expect_context::<service::AdminService>();
    let lang = crate::i18n::use_lang();
    let notice = admin
        .refund(&account.email, &order_no, &payment_id, &amount, &note, lang)
        .await?;
    back_to_order(&order_no, Some(notice)).await
}

/// When the owner's list last had news (a payment, or an order to be paid in cash or by transfer; Unix ms, 0
/// before the first): the open order list asks, and shows itself again when this moves.
#[server]
pub async fn orders_stamp() -> Result<i64, AppError> {
    signed_in(Duty::SeeOrders).await?;
    let admin = expect_context::<service::AdminService>();
    Ok(admin.orders_stamp().await?)
}
