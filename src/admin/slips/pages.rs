//! The slips' and the courier sheet's pages. On screen they wear the admin's bar and a line on how to print; on paper
//! (`@media print` in style/main.css) only the slips, one order a page, or the sheet, A4 landscape.

use leptos::prelude::*;

use super::{Slip, Slips, get_admin_slip, get_admin_slips};
use crate::{
    admin::{
        Account,
        pages::{AdminNav, owner_page, query_from_url},
    },
    domain::Mnt,
    i18n::{Lang, use_lang},
};

/// `/admin/orders/{order_no}/slip`: one order's slip; an order that does not exist is 404 (`owner_page`'s).
#[component]
pub fn SlipPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let order_no = params.with_untracked(|p| p.get("order_no").unwrap_or_default());
    let data = Resource::new(move || order_no.clone(), get_admin_slip);
    owner_page(use_lang().slips().slips, data, |data, lang| {
        view! { <SlipSheets data lang/> }
    })
}

/// `/admin/slips?…`: the slips of the order list's filter, one order a printed page.
#[component]
pub fn SlipsPage() -> impl IntoView {
    let query = query_from_url();
    let data = Resource::new(move || query.clone(), get_admin_slips);
    owner_page(use_lang().slips().slips, data, |data, lang| {
        view! { <SlipSheets data lang/> }
    })
}

/// `/admin/courier?…`: the courier sheet of the order list's filter.
#[component]
pub fn CourierPage() -> impl IntoView {
    let query = query_from_url();
    let data = Resource::new(move || query.clone(), get_admin_slips);
    owner_page(use_lang().slips().courier, data, |data, lang| {
        view! { <CourierSheet data lang/> }
    })
}

/// What only the screen shows: the admin's bar, the page's heading, how to print, and how many orders were left
/// out when more than the most match.
#[component]
fn OnScreen(title: &'static str, who: Account, matched: i64, shown: usize, lang: Lang) -> impl IntoView {
    let capped = (matched > i64::try_from(shown).unwrap_or(i64::MAX)).then(|| {
        let text = lang
            .slips()
            .capped
            .replace("{matched}", &matched.to_string())
            .replace("{shown}", &shown.to_string());
        view! { <p class="notice-line" role="status" data-test="slips-capped">{text}</p> }
    });
    view! {
        <div class="no-print">
            <AdminNav title who lang/>
            <p class="hint">{lang.slips().print_hint}</p>
            {capped}
            {(shown == 0).then(|| view! { <p class="notice-line" data-test="no-orders">{lang.admin().no_orders}</p> })}
        </div>
    }
}

/// The slips, each its own card on screen and its own page on paper.
#[component]
fn SlipSheets(data: Slips, lang: Lang) -> impl IntoView {
    let Slips {
        who, slips, matched, ..
    } = data;
    let shown = slips.len();
    view! {
        <OnScreen title=lang.slips().slips who matched shown lang/>
        <div class="slips" data-test="slips">
            {slips.into_iter().map(|slip| view! { <SlipCard slip lang/> }).collect_view()}
        </div>
    }
}

/// The cash to collect, or that it is paid: on a slip and in the sheet's row.
fn cash_text(slip: &Slip, lang: Lang) -> String {
    let texts = lang.slips();
    if slip.to_collect > Mnt::ZERO || !slip.paid {
        slip.to_collect.to_string()
    } else {
        format!("{} · {}", Mnt::ZERO, texts.paid)
    }
}

/// `tel:` for a Mongolian mobile number as the shop stores it (8 digits).
fn tel(phone: &str) -> String {
    format!("tel:+976{phone}")
}

/// One order's packing slip: the shop, the number and its QR, who and where, the items, and the cash to collect.
#[component]
fn SlipCard(slip: Slip, lang: Lang) -> impl IntoView {
    let texts = lang.slips();
    let shop = crate::shop_identity::use_identity().name(lang).to_owned();
    let cash = cash_text(&slip, lang);
    let order_href = format!("/admin/orders/{}", slip.order_no);
    view! {
        <article class="slip" data-test="slip" data-order=slip.order_no.clone()>
            <header class="slip-head">
                <div>
                    <p class="slip-shop">{shop}</p>
                    <h2>{texts.order} " " <a href=order_href data-test="slip-order-no">{slip.order_no.clone()}</a></h2>
                    <p class="slip-placed"><time>{slip.placed}</time> " · " {slip.pay_method}</p>
                </div>
                <div class="slip-qr" role="img" aria-label=texts.qr_label data-test="slip-qr" inner_html=slip.qr_svg></div>
            </header>
            <dl class="slip-facts">
                <dt>{texts.customer}</dt><dd data-test="slip-customer">{slip.customer_name}</dd>
                <dt>{texts.phone}</dt>
                <dd><a href=tel(&slip.phone) data-test="slip-phone">{slip.phone.clone()}</a></dd>
                <dt>{texts.address}</dt><dd data-test="slip-address">{slip.destination}</dd>
                {slip.note.map(|note| view! { <dt>{texts.note}</dt><dd data-test="slip-note">{note}</dd> })}
            </dl>
            <table class="slip-items">
                <thead><tr><th>{texts.item}</th><th>{texts.variant}</th><th class="amount">{texts.quantity}</th></tr></thead>
                <tbody>
                    {slip.items.into_iter().map(|item| view! {
                        <tr data-test="slip-item" data-quantity=item.quantity>
                            <td>{item.product_name}</td><td>{item.variant_name}</td>
                            <td class="amount">"× " {item.quantity}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="slip-cash" data-test="slip-cash" data-value=slip.to_collect.amount()>
                {texts.to_collect} ": " <strong>{cash}</strong>
            </p>
            <p class="slip-sign">{texts.received_by}</p>
        </article>
    }
}

/// The courier sheet: one row per order (a card on a phone), the total cash to collect beneath.
#[component]
fn CourierSheet(data: Slips, lang: Lang) -> impl IntoView {
    let texts = lang.slips();
    let Slips {
        who,
        slips,
        matched,
        to_collect: total,
    } = data;
    let shown = slips.len();
    let rows = slips
        .into_iter()
        .map(|slip| view! { <CourierRow slip lang/> })
        .collect_view();
    view! {
        <OnScreen title=texts.courier who matched shown lang/>
        <table class="courier-sheet" data-test="courier-sheet">
            <thead><tr>
                <th>{texts.order}</th><th>{texts.customer}</th><th>{texts.phone}</th><th>{texts.address}</th>
                <th>{texts.items}</th><th class="amount">{texts.to_collect}</th><th>{texts.signature}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr>
                <th colspan="5" scope="row">{texts.total_to_collect}</th>
                <td class="amount" data-test="courier-total" data-value=total.amount()><strong>{total.to_string()}</strong></td>
                <td></td>
            </tr></tfoot>
        </table>
    }
}

/// One order's row of the courier sheet; each cell names its column, shown as its label on a phone's card.
#[component]
fn CourierRow(slip: Slip, lang: Lang) -> impl IntoView {
    let texts = lang.slips();
    let cash = cash_text(&slip, lang);
    let items = slip
        .items
        .iter()
        .map(|item| format!("{} ({}) × {}", item.product_name, item.variant_name, item.quantity))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <tr data-test="courier-row" data-order=slip.order_no.clone()>
            <td class="courier-no" data-label=texts.order>
                <strong>{slip.order_no.clone()}</strong>
                <div class="courier-qr" role="img" aria-label=texts.qr_label inner_html=slip.qr_svg></div>
            </td>
            <td data-label=texts.customer>{slip.customer_name}</td>
            <td data-label=texts.phone><a href=tel(&slip.phone) data-test="courier-phone">{slip.phone.clone()}</a></td>
            <td data-label=texts.address>{slip.destination}</td>
            <td data-label=texts.items data-test="courier-items">{items}</td>
            <td class="amount" data-label=texts.to_collect data-test="courier-cash" data-value=slip.to_collect.amount()>
                <strong>{cash}</strong>
            </td>
            <td class="courier-sign" data-label=texts.signature></td>
        </tr>
    }
}
