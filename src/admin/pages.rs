//! The owner's pages: sign-in and the order list (the order's own page is `order_page.rs`). Plain forms and links, so they work on any phone.

use leptos::{
    either::{Either, EitherOf5},
    prelude::*,
};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

pub(super) use super::layout::AdminNav;
use super::{
    ATTENTION_ONLY, AdminOrderRow, AdminOrdersData, AdminSignIn, OrderQuery, get_admin_orders, get_sign_in,
    glance::GlanceTiles,
    going_live::{LaunchChecklist, LaunchView, get_admin_launch},
    layout::AdminPlainBar,
    live::OrdersWatch,
};
use crate::{
    domain::{Fulfilment, Mnt, PaymentState, staff::Duty},
    error::AppError,
    i18n::{Lang, use_lang},
    payment::state_text,
    ui::{ErrorNotice, IslandScripts, NotFound},
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_sign_in());
    let action = <AdminSignIn as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text=format!("{} — {}", lang.admin().sign_in, crate::shop_identity::use_identity().name(lang))/>
        <Meta name="robots" content="noindex"/>
        <AdminPlainBar lang/>
        <section class="admin-sign-in">
            <h1>{lang.admin().sign_in}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    data.await.ok().and_then(|d| d.notice).map(|notice| view! {
                        <p class="notice-line error" role="alert" data-test="sign-in-notice">{notice}</p>
                    })
                })}
            </Suspense>
            <form method="post" action=action class="checkout-form" data-test="sign-in-form">
                <div class="field">
                    <label for="email">{lang.admin().email}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required/>
                </div>
                <div class="field">
                    <label for="password">{lang.admin().password}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button type="submit" class="button primary" data-test="sign-in">{lang.admin().sign_in}</button>
            </form>
        </section>
    }
}

/// An owner's page that loads one thing: its title, then `data` drawn by `show`; a visitor who is not signed in
/// goes to the sign-in page, one whose role may not see it is told so (403), a thing that does not exist (an
/// order's slip, a page's slug) is the 404 page, and a load that failed shows the error notice.
pub(super) fn owner_page<T, V>(
    title: &'static str,
    data: Resource<Result<T, AppError>>,
    show: impl Fn(T, Lang) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    view! {
        <Title text=format!("{title} — {}", crate::shop_identity::use_identity().name(lang))/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => EitherOf5::A(show(data, lang)),
                    Err(AppError::Unauthorized) => EitherOf5::B(to_sign_in(lang)),
                    Err(AppError::Forbidden) => EitherOf5::C(not_allowed(lang)),
                    Err(AppError::NotFound) => EitherOf5::D(view! { <NotFound/> }),
                    Err(_) => EitherOf5::E(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

/// Sends a visitor who is not signed in to the sign-in page. The page is rendered whole before it is sent
/// (SsrMode::Async), so a redirect still fits; the link is for the rare browser that does not follow it.
pub(super) fn to_sign_in(lang: Lang) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        leptos_axum::redirect("/admin/login");
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::SEE_OTHER);
        }
    }
    view! { <p><a href="/admin/login">{lang.admin().sign_in}</a></p> }
}

/// A page this account's role may not see: 403, and the way back to the orders.
pub(super) fn not_allowed(lang: Lang) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::FORBIDDEN);
    }
    view! {
        <p class="notice-line" role="alert" data-test="not-allowed">
            {lang.admin().not_owner}
            " " <a href="/admin">{lang.admin().orders}</a>
        </p>
    }
}

/// The query string as the list's filter (the slips and the courier sheet read the same).
pub(super) fn query_from_url() -> OrderQuery {
    let params = use_query_map();
    let get = |name: &str| params.with_untracked(|p| p.get(name)).filter(|v| !v.is_empty());
    OrderQuery {
        payment: get("payment"),
        fulfilment: get("fulfilment"),
        from: get("from"),
        to: get("to"),
        q: get("q"),
        page: get("page").and_then(|p| p.parse().ok()),
        attention: get("attention"),
    }
}

#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let lang = use_lang();
    let query = query_from_url();
    let data = Resource::new(move || query.clone(), orders_and_checklist);
    view! {
        <Title text=format!("{} — {}", lang.admin().orders, crate::shop_identity::use_identity().name(lang))/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((data, launch)) => Either::Left(view! { <OrderList data launch lang/> }),
                    Err(AppError::Unauthorized) => Either::Right(Either::Left(to_sign_in(lang))),
                    Err(_) => Either::Right(Either::Right(view! { <ErrorNotice/> })),
                }
            })}
        </Suspense>
    }
}

/// The orders, and for an account that may change settings (the owner) the going-live checklist: staff are not
/// asked to set the shop up, and their role may not read it.
async fn orders_and_checklist(query: OrderQuery) -> Result<(AdminOrdersData, Option<LaunchView>), AppError> {
    let orders = get_admin_orders(query).await?;
    let launch = if orders.who.may(Duty::Settings) {
        Some(get_admin_launch().await?)
    } else {
        None
    };
    Ok((orders, launch))
}

#[component]
fn OrderList(data: AdminOrdersData, launch: Option<LaunchView>, lang: Lang) -> impl IntoView {
    let query = data.query.clone();
    let page_link = {
        let query = query.clone();
        move |page: u32| list_link("/admin", &query, Some(page))
    };
    // The CSV, the slips and the courier sheet of the orders the list shows now.
    let (csv_link, slips_link, courier_link) = (
        list_link("/admin/orders.csv", &query, None),
        list_link("/admin/slips", &query, None),
        list_link("/admin/courier", &query, None),
    );
    let filtered = is_filtered(&query);
    view! {
        <AdminNav title=lang.admin().orders who=data.who.clone() lang>
            <OrdersWatch stamp=data.stamp/>
        </AdminNav>
        <GlanceTiles glance=data.glance lang/>
        {launch.map(|launch| view! { <LaunchChecklist launch lang/> })}
        <div class="admin-toolbar">
            // On a phone the filters fold behind one control (a checkbox and its label: no JavaScript); open when
            // the list is filtered, so what filters it is in sight.
            <input type="checkbox" id="show-filters" class="menu-toggle" checked=filtered aria-controls="order-filters"/>
            <label for="show-filters" class="button filters-button" data-test="filters-button">{lang.admin().filters}</label>
            <a href=csv_link class="button" download data-test="export-csv">{lang.admin().export_csv}</a>
            <a href=slips_link class="button" data-test="slips-link">{lang.slips().slips}</a>
            <a href=courier_link class="button" data-test="courier-link">{lang.slips().courier}</a>
            <OrderFilters query lang/>
        </div>
        <div id="admin-orders">
        <p class="admin-summary" data-test="order-summary">
            <strong data-test="order-count">{data.count}</strong> " " {lang.admin().orders_counted} " · "
            <strong data-test="order-sum">{data.total.to_string()}</strong>
        </p>
        <OrderTable rows=data.rows lang/>
        <nav class="pagination">
            {(data.page > 1).then(|| view! { <a href=page_link(data.page - 1) rel="prev">"←"</a> })}
            <span>{data.page} " / " {data.pages}</span>
            {(data.page < data.pages).then(|| view! { <a href=page_link(data.page + 1) rel="next">"→"</a> })}
        </nav>
        </div>
        // The list's watcher (live.rs) is an island.
        <IslandScripts/>
    }
}

/// The list's filter form, showing what the query chose.
#[component]
fn OrderFilters(query: OrderQuery, lang: Lang) -> impl IntoView {
    let selected = |value: &Option<String>, default: &str| value.clone().unwrap_or_else(|| default.to_owned());
    let payment = selected(&query.payment, "to-handle");
    let fulfilment = selected(&query.fulfilment, "new");
    // Kept when the owner filters again from the glance's "need attention" list.
    let flagged = query.attention.as_deref() == Some(ATTENTION_ONLY);
    let option = |value: &'static str, label: &'static str, current: &str| {
        let chosen = value == current;
        view! { <option value=value selected=chosen>{label}</option> }
    };
    view! {
        <form method="get" action="/admin" class="admin-filters" id="order-filters" data-test="order-filters">
            <label>{lang.admin().payment}
                <select name="payment">
                    {option("to-handle", lang.admin().to_handle, &payment)}
                    {option("paid", lang.payment().paid, &payment)}
                    {option("awaiting", lang.payment().awaiting_payment, &payment)}
                    {option("partially-paid", lang.payment().partially_paid, &payment)}
                    {option("expired", lang.payment().expired, &payment)}
                    {option("cancelled", lang.payment().cancelled, &payment)}
                    {option("refunded", lang.admin().refunded, &payment)}
                    {option("all", lang.admin().all, &payment)}
                </select>
            </label>
            <label>{lang.admin().fulfilment}
                <select name="fulfilment">
                    {option("new", lang.admin().fulfilment_new, &fulfilment)}
                    {option("packed", lang.admin().fulfilment_packed, &fulfilment)}
                    {option("shipped", lang.admin().fulfilment_shipped, &fulfilment)}
                    {option("delivered", lang.admin().fulfilment_delivered, &fulfilment)}
                    {option("picked-up", lang.admin().fulfilment_picked_up, &fulfilment)}
                    {option("all", lang.admin().all, &fulfilment)}
                </select>
            </label>
            <label>{lang.admin().from}<input type="date" name="from" value=query.from.clone().unwrap_or_default()/></label>
            <label>{lang.admin().to}<input type="date" name="to" value=query.to.clone().unwrap_or_default()/></label>
            <label>{lang.admin().search}<input type="search" name="q" value=query.q.clone().unwrap_or_default()/></label>
            <label class="admin-check">
                <input type="checkbox" name="attention" value=ATTENTION_ONLY checked=flagged/>
                {lang.admin().needs_attention}
            </label>
            <button type="submit" class="button">{lang.admin().apply}</button>
        </form>
    }
}

/// The page's orders, one row each, or a line saying there are none.
#[component]
fn OrderTable(rows: Vec<AdminOrderRow>, lang: Lang) -> impl IntoView {
    if rows.is_empty() {
        Either::Left(view! { <p class="notice-line" data-test="no-orders">{lang.admin().no_orders}</p> })
    } else {
        Either::Right(view! {
            <table class="admin-orders">
                <thead><tr>
                    <th>{lang.admin().order}</th><th>{lang.admin().placed}</th><th>{lang.admin().customer}</th>
                    <th>{lang.shop().total}</th><th>{lang.admin().status}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let flagged = row.attention.is_some();
                        let order_no = row.order_no.clone();
                        let href = format!("/admin/orders/{}", row.order_no);
                        view! {
                            <tr class:attention=flagged data-test="order-row" data-order=order_no>
                                <td class="order-no"><a href=href><strong>{row.order_no}</strong></a>
                                    {row.attention.map(|why| {
                                        let title = why.clone();
                                        view! {
                                            <span class="attention-flag" title=title data-test="attention">
                                                {lang.admin().needs_attention} ": " {why}
                                            </span>
                                        }
                                    })}
                                </td>
                                <td class="order-placed"><time>{row.placed}</time></td>
                                <td class="order-customer">{row.customer_name} <br/> {row.phone}</td>
                                <td class="order-total" data-test="row-total">{row.total.to_string()}
                                    {row.discount.map(|(code, off)| view! {
                                        <br/><span class="discount" data-test="order-code">
                                            {format!("{code} −{off}")}
                                        </span>
                                    })}
                                </td>
                                <td class="order-status">
                                    {status_text(&row.payment_state, &row.fulfilment, lang)}
                                    <br/><span class="pay-method" data-test="pay-method" data-method=row.pay_method.as_str()>
                                        {row.pay_method.label(lang)}
                                    </span>
                                    {(row.refunded > Mnt::ZERO).then(|| view! {
                                        <br/><span class="refunded" data-test="refunded">
                                            {lang.admin().refunded} " " {row.refunded.to_string()}
                                        </span>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })
    }
}

/// Whether the query narrows the list beyond its default (orders to handle, not yet packed).
fn is_filtered(query: &OrderQuery) -> bool {
    let chosen = |value: &Option<String>, default: &str| value.as_deref().is_some_and(|v| v != default);
    chosen(&query.payment, "to-handle")
        || chosen(&query.fulfilment, "new")
        || query.from.is_some()
        || query.to.is_some()
        || query.q.is_some()
        || query.attention.is_some()
}

/// `path` with the list's filters of `query` as its query string, and `page` when given: one writing for the list's
/// page links, its CSV, slips and courier sheet, and the glance's tiles, so each opens the very orders it names.
pub(super) fn list_link(path: &str, query: &OrderQuery, page: Option<u32>) -> String {
    let mut pairs = url_pairs(query);
    if let Some(page) = page {
        pairs.push(("page", page.to_string()));
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    format!("{path}?{}", encoded.join("&"))
}

/// The filter part of the query string (the page is a link's own).
fn url_pairs(query: &OrderQuery) -> Vec<(&'static str, String)> {
    [
        ("payment", &query.payment),
        ("fulfilment", &query.fulfilment),
        ("from", &query.from),
        ("to", &query.to),
        ("q", &query.q),
        ("attention", &query.attention),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
    .collect()
}

pub(in crate::admin) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A fulfilment step in the owner's language.
pub(super) fn fulfilment_text(step: Fulfilment, lang: Lang) -> &'static str {
    match step {
        Fulfilment::New => lang.admin().fulfilment_new,
        Fulfilment::Packed => lang.admin().fulfilment_packed,
        Fulfilment::Shipped => lang.admin().fulfilment_shipped,
        Fulfilment::Delivered => lang.admin().fulfilment_delivered,
        Fulfilment::PickedUp => lang.admin().fulfilment_picked_up,
    }
}

/// "Paid · Shipped" in the owner's language, from the stored names.
fn status_text(payment: &str, fulfilment: &str, lang: Lang) -> String {
    let payment = PaymentState::parse(payment)
        .map(|state| state_text(state, lang))
        .unwrap_or(payment);
    let fulfilment = Fulfilment::parse(fulfilment)
        .map(|step| fulfilment_text(step, lang))
        .unwrap_or(fulfilment);
    format!("{payment} · {fulfilment}")
}
