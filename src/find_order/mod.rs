//! `/orders/find`: a shopper who closed the pay page finds the order again with its number and the
//! phone given at checkout; a six-digit code sent by SMS to that phone opens the order's page in this browser.
//! Plain forms, each a POST that redirects back with a notice; the page says the same whether or not the order
//! exists (see `service`).

pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    domain::{OrderNo, Phone, order_lookup::parse_code},
    web::{Kept, OneTime, VisitorSession},
};
use crate::{error::AppError, i18n::Lang};

/// The lookup this browser asked for, whose code it may try.
#[cfg(feature = "ssr")]
const PENDING: Kept<String> = Kept::new("find_order.pending");
#[cfg(feature = "ssr")]
const NOTICE: OneTime<FindNotice> = OneTime::new("find_order.notice");

/// What the last step came to, for the page after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindNotice {
    /// Said whether or not the number and phone match an order.
    CodeSent,
    BadOrderNo,
    BadPhone,
    BadCode,
    WrongCode {
        tries_left: i64,
    },
    /// Tried out, run out or never asked for.
    AskAgain,
    TooMany,
}

impl FindNotice {
    pub fn is_error(self) -> bool {
        self != FindNotice::CodeSent
    }

    pub fn text(self, lang: Lang) -> String {
        let texts = lang.payment();
        match self {
            FindNotice::CodeSent => texts.find_code_sent.into(),
            FindNotice::BadOrderNo => texts.find_bad_order_no.into(),
            FindNotice::BadPhone => texts.find_bad_phone.into(),
            FindNotice::BadCode => texts.find_bad_code.into(),
            FindNotice::WrongCode { tries_left } => {
                texts.find_wrong_code.replace("{tries_left}", &tries_left.to_string())
            }
            FindNotice::AskAgain => texts.find_ask_again.into(),
            FindNotice::TooMany => texts.find_too_many.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindOrderData {
    /// A code was asked for in this browser and may be tried.
    pub pending: bool,
    pub notice: Option<FindNotice>,
}

#[server]
pub async fn get_find_order() -> Result<FindOrderData, AppError> {
    let session = VisitorSession::current().await?;
    Ok(FindOrderData {
        pending: session.recall(&PENDING).await?.is_some(),
        notice: session.take(&NOTICE).await?,
    })
}

/// Asks for a code for the order `order_no` placed with `phone`, then back to the page.
#[server]
pub async fn find_order_ask(
    #[server(default)] order_no: String,
    #[server(default)] phone: String,
) -> Result<(), AppError> {
    let session = VisitorSession::current().await?;
    let notice = match (OrderNo::parse(&order_no), Phone::parse(&phone)) {
        (Err(_), _) => FindNotice::BadOrderNo,
        (_, Err(_)) => FindNotice::BadPhone,
        (Ok(order_no), Ok(phone)) => {
            let finder = expect_context::<service::FindOrderService>();
            let address = crate::web::client_address().await;
            match finder.ask(&order_no, &phone, address, crate::i18n::use_lang()).await? {
                service::Asked::Lookup(token) => {
                    session.remember(&PENDING, &token).await?;
                    FindNotice::CodeSent
                }
                service::Asked::Limited => FindNotice::TooMany,
            }
        }
    };
    session.keep(&NOTICE, &notice).await?;
    leptos_axum::redirect("/orders/find");
    Ok(())
}

/// Tries `code` on this browser's lookup: the order's page when right, else back with how many tries are left.
#[server]
pub async fn find_order_open(#[server(default)] code: String) -> Result<(), AppError> {
    let session = VisitorSession::current().await?;
    let pending = session.recall(&PENDING).await?;
    let notice = match (pending, parse_code(&code)) {
        (None, _) => FindNotice::AskAgain,
        (Some(_), None) => FindNotice::BadCode,
        (Some(token), Some(code)) => {
            let finder = expect_context::<service::FindOrderService>();
            match finder.open(&token, &code).await? {
                service::Opened::Order { order_no, view_key } => {
                    session.forget(&PENDING).await?;
                    leptos_axum::redirect(&format!("/orders/{order_no}?key={view_key}"));
                    return Ok(());
                }
                service::Opened::Wrong { tries_left } => FindNotice::WrongCode { tries_left },
                service::Opened::Spent => {
                    session.forget(&PENDING).await?;
                    FindNotice::AskAgain
                }
            }
        }
    };
    session.keep(&NOTICE, &notice).await?;
    leptos_axum::redirect("/orders/find");
    Ok(())
}
