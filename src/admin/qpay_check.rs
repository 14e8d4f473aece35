//! The owner's report of the day's check with QPay (issue #22) at `/admin/payments/check`: the latest run of a
//! day (yesterday unless another is asked for) with what it found, and a form that runs the check for a chosen
//! day now. The check itself is the payment service's (`payment/day_check.rs`); the owner's alone, as it is money.

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{
    Account,
    catalog::notice_line,
    pages::{AdminNav, owner_page},
};
use crate::{
    domain::{
        Mnt,
        qpay_day::{Finding, FindingKind},
    },
    error::AppError,
    i18n::{Lang, use_lang},
};

/// Where the report is; the form comes back here with the day it ran.
pub const PATH: &str = "/admin/payments/check";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QpayCheckData {
    pub who: Account,
    /// The day shown, `YYYY-MM-DD`.
    pub day: String,
    pub run: Option<QpayRunView>,
    pub notice: Option<String>,
}

/// A run of the check as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QpayRunView {
    /// `daily`, or the owner who ran it.
    pub run_by: String,
    /// When it started, Ulaanbaatar time.
    pub started: String,
    pub finished: bool,
    pub pages: i64,
    pub listed: i64,
    pub matched: i64,
    pub error: Option<String>,
    pub findings: Vec<Finding>,
}

/// The latest run of `day` (`YYYY-MM-DD`; yesterday when empty or not a day) with its findings.
#[server]
pub async fn get_admin_qpay_check(#[server(default)] day: String) -> Result<QpayCheckData, AppError> {
    let who = super::signed_in(crate::domain::staff::Duty::Money).await?;
    let session = crate::web::VisitorSession::current().await?;
    let notice = session.take(&super::ACTION_NOTICE).await?;
    let day = match day_or_none(&day) {
        Some(day) => day,
        None => crate::ub_time::yesterday(crate::db::now_ms()).unwrap_or_default(),
    };
    let admin = expect_context::<super::service::AdminService>();
    let run = admin
        .payments
        .qpay_day_report(&day)
        .await?
        .map(|(check, findings)| QpayRunView {
            run_by: check.run_by,
            started: crate::ub_time::clock(check.started_at),
            finished: check.finished_at.is_some(),
            pages: check.pages,
            listed: check.listed,
            matched: check.matched,
            error: check.error,
            findings,
        });
    Ok(QpayCheckData { who, day, run, notice })
}

/// Runs the check of `day` now, for the owner; back to the report of that day with what came of it.
#[server]
pub async fn admin_check_qpay_day(#[server(default)] day: String) -> Result<(), AppError> {
    use crate::payment::day_check::DayCheckError;
    let account = super::signed_in(crate::domain::staff::Duty::Money).await?;
    let texts = use_lang().qpay_check();
    let admin = expect_context::<super::service::AdminService>();
    let notice = match admin.payments.check_qpay_day(&day, &account.email).await {
        Ok(_) => texts.done.to_owned(),
        Err(DayCheckError::BadDay(_)) => texts.bad_day.to_owned(),
        Err(DayCheckError::Qpay(error)) => texts.failed.replace("{why}", &error.to_string()),
        Err(DayCheckError::Db(error)) => return Err(error.into()),
    };
    crate::web::VisitorSession::current()
        .await?
        .keep(&super::ACTION_NOTICE, &notice)
        .await?;
    let back = match day_or_none(&day) {
        Some(day) => format!("{PATH}?day={day}"),
        None => PATH.to_owned(),
    };
    leptos_axum::redirect(&back);
    Ok(())
}

/// `day` as the one form the report knows, `YYYY-MM-DD`; `None` when it is not a day.
#[cfg(feature = "ssr")]
fn day_or_none(day: &str) -> Option<String> {
    crate::ub_time::day_start_ms(day).and_then(crate::ub_time::day_of)
}

#[component]
pub fn QpayCheckPage() -> impl IntoView {
    let params = use_query_map();
    let day = params.with_untracked(|p| p.get("day")).unwrap_or_default();
    let data = Resource::new(move || day.clone(), get_admin_qpay_check);
    owner_page(use_lang().qpay_check().title, data, |data, lang| {
        view! { <QpayCheck data lang/> }
    })
}

#[component]
fn QpayCheck(data: QpayCheckData, lang: Lang) -> impl IntoView {
    let run_now = <AdminCheckQpayDay as leptos::server_fn::ServerFn>::PATH;
    let texts = lang.qpay_check();
    let report = match data.run {
        None => Either::Left(view! { <p data-test="qpay-check-none">{texts.none_yet}</p> }),
        Some(run) => Either::Right(run_report(data.day.clone(), run, lang)),
    };
    view! {
        <AdminNav title=texts.title who=data.who lang/>
        {notice_line(data.notice)}
        <p class="hint">{texts.intro}</p>
        <form method="post" action=run_now class="admin-form" data-test="qpay-check-form">
            <div class="field">
                <label for="qpay-check-day">{texts.day}</label>
                <input id="qpay-check-day" type="date" name="day" value=data.day.clone() required/>
            </div>
            <button type="submit" class="button primary" data-test="qpay-check-run">{texts.run}</button>
        </form>
        <section data-test="qpay-check" data-day=data.day>{report}</section>
    }
}

/// The run's summary, then each finding as a sentence.
fn run_report(day: String, run: QpayRunView, lang: Lang) -> impl IntoView {
    let texts = lang.qpay_check();
    let summary = texts
        .summary
        .replace("{day}", &day)
        .replace("{listed}", &run.listed.to_string())
        .replace("{matched}", &run.matched.to_string())
        .replace("{pages}", &run.pages.to_string())
        .replace("{at}", &run.started)
        .replace("{by}", &run.run_by);
    let state = match (&run.error, run.finished) {
        (Some(why), _) => Some(texts.failed_run.replace("{why}", why)),
        (None, false) => Some(texts.unfinished.to_owned()),
        (None, true) if run.findings.is_empty() => Some(texts.all_agree.to_owned()),
        (None, true) => None,
    };
    let findings = run
        .findings
        .into_iter()
        .map(|finding| {
            let test = finding_test(finding.kind);
            view! { <li data-test=test data-payment=finding.payment_id.clone()>{sentence(&finding, lang)}</li> }
        })
        .collect_view();
    view! {
        <p data-test="qpay-check-summary">{summary}</p>
        {state.map(|state| view! { <p class="notice-line" data-test="qpay-check-state">{state}</p> })}
        <ul class="qpay-findings">{findings}</ul>
    }
}

/// The `data-test` of a finding of `kind`.
fn finding_test(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Recovered => "qpay-recovered",
        FindingKind::Unknown => "qpay-unknown-payment",
        FindingKind::Missing => "qpay-missing",
        FindingKind::Mismatch => "qpay-mismatch",
    }
}

/// A finding in the owner's words, amounts as the shop shows money (`12,500₮`).
fn sentence(finding: &Finding, lang: Lang) -> String {
    let texts = lang.qpay_check();
    let money = |amount: Option<Mnt>| amount.map(|a| a.to_string()).unwrap_or_default();
    let text = match finding.kind {
        FindingKind::Recovered => texts.recovered,
        FindingKind::Unknown => texts.unknown,
        FindingKind::Missing => texts.missing,
        FindingKind::Mismatch => texts.mismatch,
    };
    let amount = finding.qpay_amount().or(finding.shop_amount);
    text.replace("{payment}", &finding.payment_id)
        .replace("{order}", finding.order_no.as_deref().unwrap_or(""))
        .replace("{outcome}", &finding.outcome)
        .replace("{amount}", &money(amount))
        .replace("{qpay}", &money(finding.qpay_amount()))
        .replace("{shop}", &money(finding.shop_amount))
}
