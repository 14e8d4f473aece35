//! The report's page: the period's GET form, the headline figures beside the period before, revenue by day as an SVG
//! bar chart with its table, and the breakdowns as tables. Every figure carries its number in `data-value` (whole
//! tögrög or a count), so tests read numbers, not formatted text.

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use super::{
    CodesEffect, DayFigures, Fees, Line, QpayChecks, Report, ReportData, ReportQuery,
    chart::{Bar, bar_chart},
    get_admin_report,
};
use crate::{
    admin::{
        catalog::problem_text,
        form::FieldError,
        pages::{AdminNav, owner_page},
    },
    domain::{
        Mnt,
        report::{Choice, change_percent},
        staff::Duty,
    },
    i18n::{Lang, use_lang},
};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = query_from_url();
    let data = Resource::new(move || query.clone(), get_admin_report);
    owner_page(use_lang().reports().title, data, |data, lang| {
        view! { <Reports data lang/> }
    })
}

/// The query string as the report's period.
fn query_from_url() -> ReportQuery {
    let params = use_query_map();
    let get = |name: &str| params.with_untracked(|p| p.get(name)).filter(|v| !v.is_empty());
    ReportQuery {
        period: get("period"),
        month: get("month"),
        from: get("from"),
        to: get("to"),
    }
}

#[component]
fn Reports(data: ReportData, lang: Lang) -> impl IntoView {
    // The QPay check's page is the money duty's; the report says what it found either way.
    let may_check = data.who.may(Duty::Money);
    view! {
        <AdminNav title=lang.reports().title who=data.who lang/>
        {period_form(data.query, &data.errors, lang)}
        {data.report.map(|report| view! { <ReportBody report may_check lang/> })}
    }
}

/// The period's form: a GET to this page, so the report's address is the report.
fn period_form(query: ReportQuery, errors: &[FieldError], lang: Lang) -> impl IntoView + use<> {
    let texts = lang.reports();
    let chosen = query
        .period
        .clone()
        .unwrap_or_else(|| Choice::Days7.as_str().to_owned());
    let options = [
        (Choice::Today, texts.today),
        (Choice::Days7, texts.last_7_days),
        (Choice::Days30, texts.last_30_days),
        (Choice::Month, texts.month),
        (Choice::Custom, texts.custom),
    ]
    .into_iter()
    .map(|(choice, label)| {
        let value = choice.as_str();
        view! { <option value=value selected=chosen == value>{label}</option> }
    })
    .collect_view();
    view! {
        <form method="get" action="/admin/reports" class="report-form" data-test="report-form">
            <label>{texts.period}<select name="period" data-test="report-period">{options}</select></label>
            {period_field("month", "month", texts.month, query.month, errors, lang)}
            {period_field("from", "date", texts.from, query.from, errors, lang)}
            {period_field("to", "date", texts.to, query.to, errors, lang)}
            <button type="submit" class="button primary" data-test="report-show">{texts.show}</button>
        </form>
    }
}

/// A month or day input of the period's form, with its mistake beneath it.
fn period_field(
    name: &'static str,
    kind: &'static str,
    label: &'static str,
    value: Option<String>,
    errors: &[FieldError],
    lang: Lang,
) -> impl IntoView + use<> {
    let id = format!("report-{name}");
    let error_id = format!("{id}-error");
    let problem = errors
        .iter()
        .find(|e| e.field == name)
        .map(|e| problem_text(e.problem, lang));
    let invalid = problem.map(|_| "true");
    let input_id = id.clone();
    view! {
        <label for=id>
            {label}
            <input id=input_id type=kind name=name value=value.unwrap_or_default() aria-invalid=invalid
                aria-describedby=error_id.clone()/>
            {problem.map(|text| view! {
                <span class="field-error" id=error_id role="alert" data-test=format!("error-{name}")>{text}</span>
            })}
        </label>
    }
}

#[component]
fn ReportBody(report: Report, may_check: bool, lang: Lang) -> impl IntoView {
    let texts = lang.reports();
    let range = texts
        .range
        .replace("{from}", &report.first)
        .replace("{to}", &report.last);
    let previous = texts
        .previous
        .replace("{from}", &report.previous_first)
        .replace("{to}", &report.previous_last);
    let (now, before) = (report.now, report.before);
    let money = |amount: Mnt| (amount.amount(), amount.to_string());
    // In hundredths of a tögrög: QPay's fees have two decimals.
    let fee = |fees: Fees| (fees.total.0, fees.total.to_string());
    let count = |count: i64| (count, count.to_string());
    view! {
        <p class="report-range" data-test="report-range" data-first=report.first.clone() data-last=report.last.clone()>
            <strong>{range}</strong>
            " "
            <span class="muted">{previous}</span>
        </p>
        <section class="report-figures" aria-label=texts.title>
            {figure("report-revenue", texts.revenue, money(now.revenue), money(before.revenue), lang)}
            {figure("report-orders", texts.orders, count(now.orders), count(before.orders), lang)}
            {figure("report-average", texts.average, money(now.average), money(before.average), lang)}
            {figure("report-fees", texts.fees, fee(now.fees), fee(before.fees), lang)}
        </section>
        <p class="hint">{texts.revenue_hint} " " {fees_hint(now.fees, lang)}</p>
        {qpay_checks(report.qpay_checks, may_check, lang)}
        <DaysChart days=report.days lang/>
        <div class="report-grid">
            {lines_table("report-products-revenue", texts.products_by_revenue, texts.product, texts.units, report.products_by_revenue, lang)}
            {lines_table("report-products-units", texts.products_by_units, texts.product, texts.units, report.products_by_units, lang)}
            {lines_table("report-variants-revenue", texts.variants_by_revenue, texts.product, texts.units, report.variants_by_revenue, lang)}
            {lines_table("report-variants-units", texts.variants_by_units, texts.product, texts.units, report.variants_by_units, lang)}
        </div>
        <p class="hint">{texts.items_hint}</p>
        <div class="report-grid">
            {lines_table("report-zones", texts.by_zone, texts.place, texts.orders, report.zones, lang)}
            {lines_table("report-districts", texts.by_district, texts.place, texts.orders, report.districts, lang)}
            {lines_table("report-methods", texts.by_method, texts.way, texts.orders, report.methods, lang)}
            {codes_effect(report.codes, lang)}
        </div>
    }
}

/// A headline figure, `now` and `before` each as (number, as shown), with its change in percent.
fn figure(
    test: &'static str,
    label: &'static str,
    now: (i64, String),
    before: (i64, String),
    lang: Lang,
) -> impl IntoView + use<> {
    let texts = lang.reports();
    let change = match change_percent(now.0, before.0) {
        Some(percent) => texts.change.replace("{percent}", &format!("{percent:+}")),
        None => texts.no_change_base.to_owned(),
    };
    view! {
        <div class="report-figure" data-test=test data-value=now.0>
            <span class="report-label">{label}</span>
            <strong>{now.1}</strong>
            <span class="muted" data-test=format!("{test}-before") data-value=before.0>
                {texts.before.replace("{value}", &before.1)}
            </span>
            <span class="report-change" data-test=format!("{test}-change")>{change}</span>
        </div>
    }
}

/// What the fee figure stands on: every QPay payment's fee, or how many of them QPay told.
fn fees_hint(fees: Fees, lang: Lang) -> String {
    let texts = lang.reports();
    if fees.known == fees.payments {
        return texts.fees_note.to_owned();
    }
    texts
        .fees_partly
        .replace("{known}", &fees.known.to_string())
        .replace("{payments}", &fees.payments.to_string())
}

/// What the day checks of QPay's own payment list found in the period, with the way to their page.
fn qpay_checks(checks: QpayChecks, may_check: bool, lang: Lang) -> impl IntoView + use<> {
    let texts = lang.reports();
    let checked = texts
        .checks_days
        .replace("{checked}", &checks.days_checked.to_string())
        .replace("{days}", &checks.days.to_string());
    let found = if checks.flagged > 0 {
        texts.checks_flagged.replace("{count}", &checks.flagged.to_string())
    } else if checks.days_checked > 0 {
        texts.checks_clear.to_owned()
    } else {
        String::new()
    };
    let recovered =
        (checks.recovered > 0).then(|| texts.checks_recovered.replace("{count}", &checks.recovered.to_string()));
    let class = if checks.flagged > 0 {
        "notice-line error"
    } else {
        "notice-line"
    };
    view! {
        <section class="report-section" data-test="report-qpay-checks" data-checked=checks.days_checked
            data-flagged=checks.flagged data-recovered=checks.recovered>
            <h2>{texts.checks_title}</h2>
            <p class=class>{checked} " " {found} " " {recovered}</p>
            {may_check.then(|| view! {
                <p><a class="button" href="/admin/payments/check" data-test="report-qpay-check-link">{texts.checks_open}</a></p>
            })}
        </section>
    }
}

/// Revenue by day: the chart, and the same numbers as a table to unfold.
#[component]
fn DaysChart(days: Vec<DayFigures>, lang: Lang) -> impl IntoView {
    let texts = lang.reports();
    let bars: Vec<Bar> = days
        .iter()
        .map(|day| Bar {
            label: day.day.clone(),
            tick: day.day.get(5..).unwrap_or(&day.day).to_owned(),
            value: day.revenue,
        })
        .collect();
    let most = days.iter().map(|day| day.revenue).max().unwrap_or_default();
    let desc = texts
        .chart_desc
        .replace("{days}", &days.len().to_string())
        .replace("{max}", &most.to_string());
    let svg = bar_chart("report-days-chart", texts.by_day, &desc, &bars);
    let rows = days
        .into_iter()
        .map(|day| {
            let shown = day.day.clone();
            view! {
                <tr data-test="report-day" data-day=day.day data-value=day.revenue.amount() data-orders=day.orders>
                    <th scope="row">{shown}</th>
                    <td>{day.orders}</td>
                    <td class="amount">{day.revenue.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="report-section">
            <h2>{texts.by_day}</h2>
            <div class="report-chart" inner_html=svg></div>
            <details class="report-details">
                <summary>{texts.as_table}</summary>
                <table class="report-table" data-test="report-days">
                    <thead><tr>
                        <th scope="col">{texts.day}</th>
                        <th scope="col">{texts.orders}</th>
                        <th scope="col">{texts.revenue}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}

/// A breakdown as a table: each line's name, count and ₮; a line's row carries its numbers in data attributes.
fn lines_table(
    test: &'static str,
    title: &'static str,
    name_header: &'static str,
    count_header: &'static str,
    lines: Vec<Line>,
    lang: Lang,
) -> impl IntoView + use<> {
    let texts = lang.reports();
    let body = if lines.is_empty() {
        Either::Left(view! { <tr><td colspan="3">{texts.no_sales}</td></tr> })
    } else {
        Either::Right(
            lines
                .into_iter()
                .map(|line| {
                    let shown = line.name.clone();
                    view! {
                        <tr data-test=format!("{test}-row") data-name=line.name data-count=line.count
                            data-value=line.revenue.amount()>
                            <th scope="row">{shown}</th>
                            <td>{line.count}</td>
                            <td class="amount">{line.revenue.to_string()}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <section class="report-section">
            <h2>{title}</h2>
            <table class="report-table" data-test=test>
                <thead><tr>
                    <th scope="col">{name_header}</th>
                    <th scope="col">{count_header}</th>
                    <th scope="col">{texts.revenue}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
}

/// What discount codes did in the period.
fn codes_effect(codes: CodesEffect, lang: Lang) -> impl IntoView + use<> {
    let texts = lang.reports();
    view! {
        <section class="report-section">
            <h2>{texts.codes}</h2>
            <dl class="price-summary" data-test="report-codes" data-orders=codes.orders
                data-discounted=codes.discounted.amount() data-value=codes.revenue.amount()>
                <dt>{texts.code_orders}</dt>
                <dd>{codes.orders}</dd>
                <dt>{texts.code_discounted}</dt>
                <dd>{codes.discounted.to_string()}</dd>
                <dt>{texts.code_revenue}</dt>
                <dd>{codes.revenue.to_string()}</dd>
            </dl>
        </section>
    }
}
