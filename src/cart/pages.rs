//! The cart page and the header's cart badge. Plain forms: every change is a POST that redirects back here.

use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

use super::{AddToCart, ApplyCode, CartLineView, CartView, RemoveCartLine, UpdateCartLine, cart_count, get_cart};
use crate::{
    domain::Mnt,
    i18n::{Lang, use_lang},
    ui::{ErrorNotice, PriceSummary, PriceView},
};

/// The URL a plain `<form method="post">` posts to for a server function.
fn action_url<T: leptos::server_fn::ServerFn>() -> &'static str {
    T::PATH
}

/// The form that puts the product page's choice (the buy box's `variant_id` and `quantity`) into the cart.
pub fn add_to_cart_action() -> &'static str {
    action_url::<AddToCart>()
}

#[component]
pub fn CartPage() -> impl IntoView {
    let lang = use_lang();
    let cart = Resource::new(move || lang, get_cart);
    view! {
        <Title text=format!("{} — {}", lang.shop().cart_title, crate::shop_identity::use_identity().name(lang))/>
        <h1>{lang.shop().cart_title}</h1>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(cart) => Either::Left(view! { <CartContents cart lang/> }),
                    Err(_) => Either::Right(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CartContents(cart: CartView, lang: Lang) -> impl IntoView {
    let notice = cart.notice.map(|notice| {
        let class = if notice.is_error() {
            "notice-line error"
        } else {
            "notice-line"
        };
        view! { <p class=class role="status" aria-live="polite" data-test="cart-notice">{notice.text(lang)}</p> }
    });
    if cart.lines.is_empty() {
        return Either::Left(view! {
            {notice}
            <section class="notice" data-test="cart-empty">
                <p>{lang.shop().cart_empty}</p>
                <a href="/">{lang.shop().back_to_shop}</a>
            </section>
        });
    }
    let price = cart.price.unwrap_or(PriceView {
        items: cart.total,
        code: None,
        code_problem: None,
        discount: Mnt::ZERO,
        delivery: None,
        total: cart.total,
        free_delivery: Vec::new(),
    });
    Either::Right(view! {
        {notice}
        <ul class="cart-lines">
            {cart.lines.into_iter().map(|line| view! { <CartLineRow line lang/> }).collect_view()}
        </ul>
        <CodeForm code=price.code.clone() lang/>
        <PriceSummary price lang/>
        <a class="button primary" href="/checkout" data-test="go-to-checkout">{lang.shop().checkout}</a>
    })
}

/// The discount code's field: applies a code, or removes it when emptied.
#[component]
fn CodeForm(code: Option<String>, lang: Lang) -> impl IntoView {
    let applied = code.is_some();
    let apply = action_url::<ApplyCode>();
    view! {
        <form method="post" action=apply class="code-form" data-test="code-form">
            <label for="discount_code">{lang.checkout().discount_code}</label>
            <input id="discount_code" name="discount_code" autocomplete="off" value=code.clone().unwrap_or_default() aria-describedby="discount_code-note"/>
            <button type="submit" class="button" data-test="apply-code">{lang.checkout().apply_code}</button>
            {applied.then(|| view! { <p class="notice-line" id="discount_code-note" data-test="code-applied">{lang.checkout().code_applied}</p> })}
        </form>
    }
}

#[component]
fn CartLineRow(line: CartLineView, lang: Lang) -> impl IntoView {
    let label = format!("{} {}, {}", lang.shop().quantity, line.product_name, line.variant_name);
    let (update_url, remove_url) = (action_url::<UpdateCartLine>(), action_url::<RemoveCartLine>());
    let product_url = format!("/products/{}", line.slug);
    view! {
        <li class="cart-line" data-test="cart-line">
            <img src=line.image alt="" width="72" height="72"/>
            <div class="cart-line-info">
                <a href=product_url>{line.product_name.clone()}</a>
                <span class="cart-line-variant">{line.variant_name}</span>
                <span class="cart-line-price">{line.unit_price.to_string()}</span>
            </div>
            <form method="post" action=update_url class="cart-line-quantity">
                <input type="hidden" name="variant_id" value=line.variant_id/>
                <input type="number" name="quantity" min="0" max=line.stock value=line.quantity aria-label=label inputmode="numeric"/>
                <button type="submit">{lang.shop().update}</button>
            </form>
            <strong class="cart-line-total">{line.line_total.to_string()}</strong>
            <form method="post" action=remove_url>
                <input type="hidden" name="variant_id" value=line.variant_id/>
                <button type="submit" class="link-button">{lang.shop().remove}</button>
            </form>
        </li>
    }
}

/// The header's link to the cart with the number of items in it.
#[component]
pub fn CartBadge(lang: Lang) -> impl IntoView {
    let count = Resource::new(|| (), |_| cart_count());
    view! {
        <a class="cart-link" href="/cart">
            {lang.shop().cart_title}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let count = count.await.unwrap_or(0);
                    (count > 0).then(|| view! { <span class="cart-count" data-test="cart-count">{count}</span> })
                })}
            </Suspense>
        </a>
    }
}
