//! The owner's discount codes (`/admin/codes`): the list with what each code did (paid orders, ₮ given off, ₮ sold),
//! a form for a new code, and switching one on or off. A form with mistakes comes back filled in, each mistake
//! beside its field.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::catalog::Returned;
use crate::{domain::Mnt, error::AppError};
use form::CodeForm;

pub mod form;
mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::CodesPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeSummary {
    pub id: i64,
    pub code: String,
    /// What it gives and on what conditions, in the owner's language.
    pub terms: String,
    pub active: bool,
    /// Paid orders that used it, of the limit when it has one.
    pub uses: i64,
    pub max_uses: Option<i64>,
    /// Paid orders that carried it after its last use was taken (each flagged for the owner).
    pub over_limit: i64,
    /// Given off by its paid orders: discounts and waived delivery.
    pub discounted: Mnt,
    /// What its paid orders paid, less refunds.
    pub sold: Mnt,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodesData {
    pub who: crate::admin::Account,
    pub codes: Vec<CodeSummary>,
    pub form: Returned<CodeForm>,
    pub notice: Option<String>,
}

/// A form sent back with its mistakes, kept for the page that shows it.
#[cfg(feature = "ssr")]
const RETURNED_CODE: crate::web::OneTime<Returned<CodeForm>> = crate::web::OneTime::new("admin_code_form");

#[server]
pub async fn get_admin_codes() -> Result<CodesData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let form = session.take(&RETURNED_CODE).await?.unwrap_or_default();
    let codes = expect_context::<service::CodesService>();
    let lang = crate::i18n::use_lang();
    Ok(CodesData {
        who: account,
        codes: codes.list(lang).await?,
        form,
        notice,
    })
}

/// Creates the code, then back to the list (with the form and its mistakes when it has any).
#[server]
pub async fn admin_create_code(#[server(flatten)] form: CodeForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let codes = expect_context::<service::CodesService>();
    let lang = crate::i18n::use_lang();
    let session = crate::web::VisitorSession::current().await?;
    match codes.create(&account.email, form, lang).await? {
        Ok(notice) => session.keep(&super::ACTION_NOTICE, &notice.to_owned()).await?,
        Err(returned) => session.keep(&RETURNED_CODE, &returned).await?,
    }
    leptos_axum::redirect("/admin/codes");
    Ok(())
}

/// Switches a code on or off, then back to the list.
#[server]
pub async fn admin_switch_code(#[server(default)] id: i64, #[server(default)] active: bool) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Settings).await?;
    let codes = expect_context::<service::CodesService>();
    let lang = crate::i18n::use_lang();
    let notice = codes.switch(&account.email, id, active, lang).await?;
    let session = crate::web::VisitorSession::current().await?;
    session.keep(&super::ACTION_NOTICE, &notice.to_owned()).await?;
    leptos_axum::redirect("/admin/codes");
    Ok(())
}
