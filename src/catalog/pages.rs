//! The home page (all products) and the product page. Both render on the server only; the product page's buy box
//! is an island.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use super::{ProductCard, ProductDetail, get_product, list_products, stepper::BuyBox};
use crate::{
    app::{ErrorNotice, IslandScripts, NotFound, SiteUrl},
    cart::add_to_cart_action,
    error::AppError,
    i18n::{Lang, use_lang},
};

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let strings = lang.strings();
    let products = Resource::new(move || lang, list_products);
    view! {
        <Title text=strings.home_title/>
        <Meta name="description" content=strings.home_description/>
        <h1>{strings.all_products}</h1>
        <Suspense fallback=move || view! { <p>{strings.loading}</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(cards) => Either::Left(view! {
                        <ul class="product-grid">
                            {cards.into_iter().map(|card| view! { <ProductCardView card lang/> }).collect_view()}
                        </ul>
                    }),
                    Err(_) => Either::Right(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductCardView(card: ProductCard, lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    let href = format!("/products/{}", card.slug);
    view! {
        <li class="product-card" class:sold-out=!card.in_stock data-test="product-card">
            <a href=href>
                <img src=card.image alt="" width="320" height="320" loading="lazy"/>
                <span class="product-name">{card.name}</span>
                <span class="product-price">{card.price_from.to_string()}</span>
                {(!card.in_stock).then(|| view! { <span class="badge">{strings.sold_out}</span> })}
            </a>
        </li>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let lang = use_lang();
    let strings = lang.strings();
    let params = use_params_map();
    let product = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), lang),
        |(slug, lang)| get_product(slug, lang),
    );
    view! {
        <Suspense fallback=move || view! { <p>{strings.loading}</p> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(product) => EitherOf3::A(view! { <ProductView product lang/> }),
                    Err(AppError::NotFound) => EitherOf3::B(view! { <NotFound/> }),
                    Err(_) => EitherOf3::C(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductView(product: ProductDetail, lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    let site = use_context::<SiteUrl>().map(|site| site.0).unwrap_or_default();
    let canonical = format!("{site}/products/{}", product.slug);
    let title = format!("{} — {}", product.name, strings.shop_name);
    let sold_out = product.variants.iter().all(|v| v.stock <= 0);
    view! {
        <Title text=title/>
        <Meta name="description" content=product.description.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=product.name.clone()/>
        <Meta property="og:description" content=product.description.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:image" content=format!("{site}{}", product.image)/>
        <article class="product">
            <img class="product-image" src=product.image alt=product.name.clone() width="480" height="480"/>
            <div class="product-info">
                <h1>{product.name}</h1>
                <p class="product-description">{product.description}</p>
                <form method="post" action=add_to_cart_action() data-test="add-to-cart-form">
                    <BuyBox variants=product.variants lang/>
                    <button type="submit" class="button primary" data-test="add-to-cart" disabled=sold_out>
                        {strings.add_to_cart}
                    </button>
                </form>
                <a class="back" href="/">{strings.back_to_shop}</a>
            </div>
        </article>
        <IslandScripts/>
    }
}
