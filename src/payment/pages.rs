//! The order page: what was ordered, where it goes, and whether it is paid.

use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{OrderView, get_order};
use crate::{
    app::{ErrorNotice, NotFound},
    domain::PaymentState,
    error::AppError,
    i18n::{Lang, use_lang},
};

#[component]
pub fn OrderPage() -> impl IntoView {
    let lang = use_lang();
    let strings = lang.strings();
    let params = use_params_map();
    let query = use_query_map();
    let order = Resource::new(
        move || {
            (
                params.read().get("order_no").unwrap_or_default(),
                query.read().get("key"),
                lang,
            )
        },
        |(order_no, key, lang)| get_order(order_no, key, lang),
    );
    view! {
        // The order page is private to its shopper: keep it out of search engines and referrers.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{strings.loading}</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(order) => EitherOf3::A(view! { <OrderDetails order lang/> }),
                    Err(AppError::NotFound) => EitherOf3::B(view! { <NotFound/> }),
                    Err(_) => EitherOf3::C(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

fn state_text(state: PaymentState, lang: Lang) -> &'static str {
    let strings = lang.strings();
    match state {
        PaymentState::AwaitingPayment => strings.awaiting_payment,
        PaymentState::PartiallyPaid => strings.partially_paid,
        PaymentState::Paid => strings.paid,
        PaymentState::Expired => strings.expired,
        PaymentState::Cancelled => strings.cancelled,
    }
}

#[component]
fn OrderDetails(order: OrderView, lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    view! {
        <Title text=format!("{} {} — {}", strings.order_title, order.order_no, strings.shop_name)/>
        <h1>{strings.order_title} " " <span data-test="order-no">{order.order_no.clone()}</span></h1>
        <p class="pay-status" data-test="pay-status" data-status=order.state.as_str() role="status" aria-live="polite">
            {state_text(order.state, lang)}
        </p>
        <p class="order-total">{strings.total} ": " <strong data-test="order-total">{order.total.to_string()}</strong></p>
        <ul class="order-items">
            {order.items.into_iter().map(|item| view! {
                <li>
                    <span>{item.product_name} " (" {item.variant_name} ") × " {item.quantity}</span>
                    <strong>{item.line_total.to_string()}</strong>
                </li>
            }).collect_view()}
        </ul>
        <p>{order.customer_name} " · " {order.phone}</p>
        <p>{order.delivery}</p>
        {order.note.map(|note| view! { <p class="order-note">{note}</p> })}
        <p class="order-link">{strings.order_link} ": " <a href=order.view_link.clone()>{order.view_link.clone()}</a></p>
    }
}
