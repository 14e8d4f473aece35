//! Page pieces every part of the shop uses: the 404 page, the error notice, the island scripts, and the values the
//! server provides to every render (the site's address, the stylesheet), and what an order costs as the cart,
//! checkout and the order's page show it. Features import these; this module imports
//! no feature.

use leptos::{either::Either, prelude::*};
use serde::{Deserialize, Serialize};

use crate::{
    domain::Mnt,
    i18n::{Lang, use_lang},
};

/// The shop's public address (`PUBLIC_URL`), for canonical links; provided to every request by the server.
#[derive(Debug, Clone)]
pub struct SiteUrl(pub String);

/// The stylesheet's address, hashed in a release build; provided to every request by the server.
#[derive(Debug, Clone)]
pub struct StylesheetHref(pub String);

/// The scripts that wake up islands. Only pages that have an island render it, so a catalog page loads no WASM.
#[component]
pub fn IslandScripts() -> impl IntoView {
    let options = expect_context::<LeptosOptions>();
    view! { <HydrationScripts options islands=true/> }
}

/// The languages the shop speaks, each a link that remembers the choice and comes back to this page; the current
/// one marked. In the shopper's header and in the owner's bar.
#[component]
pub fn LanguageLinks(lang: Lang) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let here = move || location.pathname.get();
    view! {
        <nav class="languages" aria-label=lang.shop().language_nav>
            {Lang::ALL
                .into_iter()
                .map(|other| {
                    let href = move || format!("/lang/{}?next={}", other.code(), here());
                    view! {
                        <a href=href hreflang=other.code() lang=other.code() aria-current=(other == lang).then_some("true")>
                            {other.shop().language_name}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The page for an address the shop does not have; answers 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <leptos_meta::Title text=lang.shop().not_found_title/>
        <section class="notice">
            <h1>{lang.shop().not_found_title}</h1>
            <p>{lang.shop().not_found_text}</p>
            <a href="/">{lang.shop().back_to_shop}</a>
        </section>
    }
}

/// Shown when a page could not load its data; the cause is in the server log.
#[component]
pub fn ErrorNotice() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    let lang = use_lang();
    view! {
        <section class="notice">
            <h1>{lang.shop().error_title}</h1>
            <p>{lang.shop().error_text}</p>
        </section>
    }
}

/// What the order would cost, computed on the server: items, the code's discount, delivery, total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceView {
    pub items: Mnt,
    /// The code applied, upper-case.
    pub code: Option<String>,
    /// Why the code typed was not applied, in the shopper's language.
    pub code_problem: Option<String>,
    pub discount: Mnt,
    /// `None` until the shopper says where it goes.
    pub delivery: Option<DeliveryView>,
    pub total: Mnt,
    /// How far the goods are from free delivery.
    pub free_delivery: Vec<FreeDeliveryHint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    /// The zone's name, the countryside's way of sending, or the pickup point.
    pub label: String,
    pub promise: String,
    pub fee: Mnt,
    /// Of `fee`, what a free-delivery code waived.
    pub waived: Mnt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeDeliveryHint {
    pub zone: String,
    pub more: Mnt,
    pub from: Mnt,
}

/// Items, discount, delivery and the total, as computed on the server; the totals carry `data-value` in whole ₮
/// for checks from outside.
#[component]
pub fn PriceSummary(price: PriceView, lang: Lang) -> impl IntoView {
    let code = price.code.clone().map(|code| format!(" ({code})")).unwrap_or_default();
    view! {
        {price.code_problem.clone().map(|problem| view! {
            <p class="field-error" role="alert" data-test="code-problem">{problem}</p>
        })}
        <dl class="price-summary" data-test="price-summary">
            <dt>{lang.shop().items_total}</dt>
            <dd data-test="items-total" data-value=price.items.amount()>{price.items.to_string()}</dd>
            {(price.discount > Mnt::ZERO).then(|| view! {
                <dt>{lang.shop().discount} {code.clone()}</dt>
                <dd data-test="discount" data-value=price.discount.amount()>"−" {price.discount.to_string()}</dd>
            })}
            <DeliveryLine delivery=price.delivery lang/>
            <dt class="price-total">{lang.shop().total}</dt>
            <dd class="price-total" data-test="order-total" data-value=price.total.amount()><strong>{price.total.to_string()}</strong></dd>
        </dl>
        {price.free_delivery.into_iter().map(|hint| view! {
            <p class="free-delivery-hint" data-test="free-delivery-hint">{
                lang.shop().free_delivery_more
                    .replace("{zone}", &hint.zone)
                    .replace("{more}", &hint.more.to_string())
                    .replace("{from}", &hint.from.to_string())
            }</p>
        }).collect_view()}
    }
}

/// The delivery row: its fee (what the shopper pays for it, after a free-delivery code) and promise, or a note
/// that it is added once the shopper says where the order goes.
#[component]
pub fn DeliveryLine(delivery: Option<DeliveryView>, lang: Lang) -> impl IntoView {
    match delivery {
        Some(delivery) => {
            let paid = delivery.fee.saturating_sub(delivery.waived);
            let shown = if paid == Mnt::ZERO {
                lang.shop().delivery_free.to_owned()
            } else {
                paid.to_string()
            };
            Either::Left(view! {
                <dt>{lang.shop().delivery_fee} " · " {delivery.label}
                    <small class="delivery-promise" data-test="delivery-promise">{delivery.promise}</small>
                </dt>
                <dd data-test="delivery-fee" data-value=paid.amount()>{shown}</dd>
            })
        }
        None => Either::Right(view! {
            <dt>{lang.shop().delivery_fee}</dt>
            <dd data-test="delivery-fee">{lang.shop().delivery_at_checkout}</dd>
        }),
    }
}
