//! The owner's sales report (`/admin/reports`, issue #22): for a chosen period in Ulaanbaatar days and the period
//! just before it, revenue (paid less refunded), orders and the average order, revenue by day as a bar chart, the
//! top products and variants by ₮ and by units, sales by delivery zone, district and way to pay, and what discount
//! codes did. The period comes from a GET form, so the page works, and can be bookmarked, without JavaScript.
//! QPay's fees are the ones QPay told with each payment (`payments.fee_cents`); what the day checks of QPay's own
//! payment list found in the period is summed with a link to their page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    admin::{Account, form::FieldError},
    domain::{Cents, Mnt},
    error::AppError,
};

pub mod chart;
mod pages;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
mod sums;

pub use pages::ReportsPage;
#[cfg(feature = "ssr")]
pub use sums::SumsCache;

/// The period's form as the address bar carries it (`?period=custom&from=…&to=…`); anything missing is the
/// default (the last 7 days, this month).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportQuery {
    /// A `domain::report::Choice` by its name.
    #[serde(default)]
    pub period: Option<String>,
    /// `YYYY-MM`, for a month.
    #[serde(default)]
    pub month: Option<String>,
    /// `YYYY-MM-DD`, both included, for a custom period.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// One period's headline figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Paid, less refunded.
    pub revenue: Mnt,
    pub orders: i64,
    pub average: Mnt,
    pub fees: Fees,
}

/// QPay's fees on a period's orders, as QPay told them with each payment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Fees {
    /// The orders' QPay payments, and of how many QPay told the fee.
    pub payments: i64,
    pub known: i64,
    pub total: Cents,
}

/// What the day checks of QPay's payment list found for the period's days (`/admin/payments/check`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct QpayChecks {
    pub days: i64,
    pub days_checked: i64,
    pub recovered: i64,
    pub flagged: i64,
}

/// One day of the period: its `YYYY-MM-DD`, revenue and orders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayFigures {
    pub day: String,
    pub revenue: Mnt,
    pub orders: i64,
}

/// A line of a breakdown: its name in the owner's language, a count (units of a product, orders of a zone or a way
/// to pay) and the ₮ it brought in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub name: String,
    pub count: i64,
    pub revenue: Mnt,
}

/// What discount codes did: orders with one, what they were given off, what those orders brought in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CodesEffect {
    pub orders: i64,
    pub discounted: Mnt,
    pub revenue: Mnt,
}

/// The report of one period beside the period before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The period's first and last day, `YYYY-MM-DD`.
    pub first: String,
    pub last: String,
    pub previous_first: String,
    pub previous_last: String,
    pub now: Figures,
    pub before: Figures,
    /// Every day of the period, a day without sales included.
    pub days: Vec<DayFigures>,
    pub products_by_revenue: Vec<Line>,
    pub products_by_units: Vec<Line>,
    pub variants_by_revenue: Vec<Line>,
    pub variants_by_units: Vec<Line>,
    pub zones: Vec<Line>,
    pub districts: Vec<Line>,
    pub methods: Vec<Line>,
    pub codes: CodesEffect,
    pub qpay_checks: QpayChecks,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub who: Account,
    /// The form as asked, to show it filled in.
    pub query: ReportQuery,
    /// What is wrong with the form's fields; then there is no report.
    pub errors: Vec<FieldError>,
    pub report: Option<Report>,
}

/// The report for the period `query` asks for, to the owner only; a period that is not one (a day that does not
/// exist, an end before the start) comes back as its fields' mistakes, not as an error.
#[server]
pub async fn get_admin_report(query: ReportQuery) -> Result<ReportData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::SeeReports).await?;
    let admin = expect_context::<super::service::AdminService>();
    let lang = crate::i18n::use_lang();
    let (report, errors) = match admin.report(&query, crate::db::now_ms(), lang).await? {
        Ok(report) => (Some(report), Vec::new()),
        Err(errors) => (None, errors),
    };
    Ok(ReportData {
        who: account,
        query,
        errors,
        report,
    })
}
