//! The shop owner's side: sign-in (`/admin/login`) and the orders (`/admin`). Every admin server function checks
//! the signed-in owner itself, through [`signed_in_owner`]; pages only show what those functions return.

pub mod catalog;
mod catalog_pages;
mod live;
mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod media;
#[cfg(feature = "ssr")]
mod service;

pub use catalog_pages::{CatalogPage, ProductEditPage};
pub use pages::{AdminOrderPage, AdminOrdersPage, SignInPage};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{domain::Mnt, error::AppError};

#[cfg(feature = "ssr")]
const OWNER_KEY: &str = "admin_id";
#[cfg(feature = "ssr")]
const SIGN_IN_NOTICE: &str = "admin_notice";
/// What came of the last action on an order, shown once on the order page.
#[cfg(feature = "ssr")]
const ACTION_NOTICE: &str = "admin_action_notice";

/// The owner `session` signed in as, for the admin routes that are not server functions (CSV export, uploads).
#[cfg(feature = "ssr")]
pub async fn owner_of_session(
    db: &crate::db::Db,
    session: &tower_sessions::Session,
) -> Option<crate::db::admins::AdminRow> {
    let id = session.get::<i64>(OWNER_KEY).await.ok().flatten()?;
    crate::db::admins::find_by_id(db, id).await.ok().flatten()
}

/// The owner this session signed in as; `Unauthorized` otherwise. Every admin server function starts with it.
#[cfg(feature = "ssr")]
pub async fn signed_in_owner() -> Result<crate::db::admins::AdminRow, AppError> {
    let session = crate::cart::session::current().await?;
    let id: Option<i64> = session.get(OWNER_KEY).await.map_err(|_| AppError::Internal)?;
    let Some(id) = id else {
        return Err(AppError::Unauthorized);
    };
    let db = expect_context::<crate::server::Services>().payments.db().clone();
    crate::db::admins::find_by_id(&db, id)
        .await?
        .ok_or(AppError::Unauthorized)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInData {
    /// Why the last attempt failed, in the owner's language.
    pub notice: Option<String>,
}

#[server]
pub async fn get_sign_in() -> Result<SignInData, AppError> {
    let session = crate::cart::session::current().await?;
    let notice: Option<String> = session.remove(SIGN_IN_NOTICE).await.map_err(|_| AppError::Internal)?;
    Ok(SignInData { notice })
}

/// Signs the owner in (a new session id, so a session fixed before sign-in is worthless) and opens the orders; or
/// back to the sign-in page with why not.
#[server]
pub async fn admin_sign_in(email: String, password: String) -> Result<(), AppError> {
    use auth::{AdminAuth, AdminError};
    let session = crate::cart::session::current().await?;
    let lang = crate::i18n::use_lang();
    let db = expect_context::<crate::server::Services>().payments.db().clone();
    // Bounded before hashing: argon2 over a megabyte of "password" is a cheap way to load the server.
    let password: String = password.chars().take(200).collect();
    match AdminAuth::new(db).sign_in(&email, &password).await {
        Ok(owner) => {
            session.cycle_id().await.map_err(|_| AppError::Internal)?;
            session
                .insert(OWNER_KEY, owner.id)
                .await
                .map_err(|_| AppError::Internal)?;
            leptos_axum::redirect("/admin");
        }
        Err(AdminError::Db(error)) => return Err(error.into()),
        Err(refused) => {
            let notice = match refused {
                AdminError::LockedOut { minutes } => lang
                    .strings()
                    .admin_locked_out
                    .replace("{minutes}", &minutes.to_string()),
                _ => lang.strings().admin_sign_in_refused.to_owned(),
            };
            session
                .insert(SIGN_IN_NOTICE, notice)
                .await
                .map_err(|_| AppError::Internal)?;
            leptos_axum::redirect("/admin/login");
        }
    }
    Ok(())
}

#[server]
pub async fn admin_sign_out() -> Result<(), AppError> {
    let session = crate::cart::session::current().await?;
    session.remove::<i64>(OWNER_KEY).await.map_err(|_| AppError::Internal)?;
    session.cycle_id().await.map_err(|_| AppError::Internal)?;
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrderRow {
    pub order_no: String,
    /// Ulaanbaatar time.
    pub placed: String,
    pub customer_name: String,
    pub phone: String,
    pub total: Mnt,
    pub refunded: Mnt,
    pub payment_state: String,
    pub fulfilment: String,
    pub attention: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrdersData {
    pub owner_email: String,
    pub query: OrderQuery,
    pub rows: Vec<AdminOrderRow>,
    /// Of the whole filtered set, not only this page.
    pub count: i64,
    pub total: Mnt,
    pub page: u32,
    pub pages: u32,
    /// [`orders_stamp`] when the list was made.
    pub stamp: i64,
}

/// The orders the query asks for, newest first, for the signed-in owner only.
#[server]
pub async fn get_admin_orders(query: OrderQuery) -> Result<AdminOrdersData, AppError> {
    let owner = signed_in_owner().await?;
    let db = expect_context::<crate::server::Services>().payments.db().clone();
    service::orders_page(&db, owner.email, query).await
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Ulaanbaatar time.
    pub time: String,
    pub kind: String,
    pub detail: String,
    /// The owner who did it; `None` for the shop itself (callbacks, checks, the reconciler).
    pub actor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrderView {
    pub owner_email: String,
    pub order: crate::payment::OrderView,
    pub fulfilment: crate::domain::Fulfilment,
    pub attention: Option<String>,
    pub placed: String,
    pub email: Option<String>,
    pub timeline: Vec<TimelineEntry>,
    /// What the owner can do now, as `admin_order_action` names them.
    pub actions: Vec<String>,
    pub refunded: Mnt,
    pub refunds: Vec<RefundView>,
    /// The payments with money left to refund.
    pub refundable: Vec<RefundableView>,
    /// What came of the owner's last action, in their language.
    pub notice: Option<String>,
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

/// One order with its payments and timeline, for the signed-in owner only.
#[server]
pub async fn get_admin_order(order_no: String) -> Result<AdminOrderView, AppError> {
    let owner = signed_in_owner().await?;
    let services = expect_context::<crate::server::Services>();
    let session = crate::cart::session::current().await?;
    let notice: Option<String> = session.remove(ACTION_NOTICE).await.map_err(|_| AppError::Internal)?;
    service::order_detail(&services, owner.email, &order_no, crate::i18n::use_lang(), notice)
        .await?
        .ok_or(AppError::NotFound)
}

/// Does `action` to the order (`recheck`, `cancel`, or a fulfilment step such as `shipped`) and goes back to it.
#[server]
pub async fn admin_order_action(order_no: String, action: String) -> Result<(), AppError> {
    let owner = signed_in_owner().await?;
    let services = expect_context::<crate::server::Services>();
    service::act(&services, &owner.email, &order_no, &action).await?;
    leptos_axum::redirect(&format!("/admin/orders/{order_no}"));
    Ok(())
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
    let owner = signed_in_owner().await?;
    let services = expect_context::<crate::server::Services>();
    let lang = crate::i18n::use_lang();
    let notice = service::refund(&services, &owner.email, &order_no, &payment_id, &amount, &note, lang).await?;
    let session = crate::cart::session::current().await?;
    session
        .insert(ACTION_NOTICE, notice)
        .await
        .map_err(|_| AppError::Internal)?;
    leptos_axum::redirect(&format!("/admin/orders/{order_no}"));
    Ok(())
}

/// When the latest order was paid (Unix ms, 0 before the first): the open order list asks, and shows itself again
/// when this moves.
#[server]
pub async fn orders_stamp() -> Result<i64, AppError> {
    signed_in_owner().await?;
    let db = expect_context::<crate::server::Services>().payments.db().clone();
    Ok(crate::db::admin_orders::last_paid_at(&db).await?)
}
