//! The home page (all products) and the product page. Both render on the server only; the product page's buy box
//! is an island.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    GalleryPicture, ProductCard, ProductDetail, ProductListPage, get_product, list_products,
    listing::{ListQuery, Sort},
    stepper::BuyBox,
};
use crate::{
    cart::add_to_cart_action,
    error::AppError,
    i18n::{Lang, use_lang},
    ui::{ErrorNotice, IslandScripts, NotFound, SiteUrl},
};

/// The product list: categories, search, sort and pages, all plain links and a GET form, so it needs no JavaScript.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_query_map();
    let query = move || params.with(|p| ListQuery::from_params(|key| p.get(key)));
    let products = Resource::new(move || (query(), lang), |(query, lang)| list_products(query, lang));
    view! {
        <Title text=home_title(lang)/>
        <Meta name="description" content=lang.shop().home_description/>
        <ShopOpenGraph lang/>
        <h1>{lang.shop().all_products}</h1>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                let query = query();
                match products.await {
                    Ok(list) => Either::Left(view! { <ProductList list query lang/> }),
                    Err(_) => Either::Right(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductList(list: ProductListPage, query: ListQuery, lang: Lang) -> impl IntoView {
    let category_link = |category: Option<String>| {
        ListQuery {
            category,
            page: 1,
            ..query.clone()
        }
        .href()
    };
    let sort_name = |sort| match sort {
        Sort::Relevance => lang.shop().sort_relevance,
        Sort::Newest => lang.shop().sort_newest,
        Sort::PriceUp => lang.shop().sort_price_up,
        Sort::PriceDown => lang.shop().sort_price_down,
    };
    let t = lang.shop();
    let amount = |amount: Option<i64>| amount.map(|a| a.to_string()).unwrap_or_default();
    let page_link = |page: usize| ListQuery { page, ..query.clone() }.href();
    view! {
        <nav class="categories" aria-label=lang.shop().all_products>
            <a href=category_link(None) aria-current=query.category.is_none().then_some("page")>{lang.shop().all_categories}</a>
            {list.categories.into_iter().map(|(slug, name)| {
                let current = query.category.as_deref() == Some(slug.as_str());
                view! { <a href=category_link(Some(slug)) aria-current=current.then_some("page")>{name}</a> }
            }).collect_view()}
        </nav>
        // The words are typed in the header's search (search_box.rs), which shows them; this form narrows them down.
        <form method="get" action="/" class="list-controls" aria-label=t.filters>
            {query.category.clone().map(|category| view! { <input type="hidden" name="category" value=category/> })}
            {(!query.search.is_empty()).then(|| view! { <input type="hidden" name="q" value=query.search.clone()/> })}
            <label class="price-filter">
                {t.price_min}
                <input type="number" name="min" min="0" step="1" inputmode="numeric" value=amount(query.price_min) data-test="price-min"/>
            </label>
            <label class="price-filter">
                {t.price_max}
                <input type="number" name="max" min="0" step="1" inputmode="numeric" value=amount(query.price_max) data-test="price-max"/>
            </label>
            <label class="stock-filter">
                <input type="checkbox" name="stock" value="1" checked=query.in_stock data-test="in-stock"/>
                {t.in_stock_only}
            </label>
            <label>
                <span class="visually-hidden">{t.sort_label}</span>
                <select name="sort" aria-label=t.sort_label>
                    {Sort::offered(query.searching()).iter().map(|&sort| view! {
                        <option value=sort.code() selected=query.sort == sort>{sort_name(sort)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button">{t.filter}</button>
        </form>
        {query.searching().then(|| view! {
            <p class="found-count" data-test="found-count">
                {t.found_count.replace("{query}", &query.search).replace("{count}", &list.total.to_string())}
            </p>
        })}
        {if list.cards.is_empty() {
            Either::Left(view! { <p class="notice" data-test="no-products">{lang.shop().no_products}</p> })
        } else {
            Either::Right(view! {
                <ul class="product-grid">
                    {list
                        .cards
                        .into_iter()
                        .enumerate()
                        .map(|(index, card)| view! { <ProductCardView card lang eager=index < FIRST_ROW/> })
                        .collect_view()}
                </ul>
            })
        }}
        {(list.pages > 1).then(|| view! {
            <nav class="pagination" aria-label=lang.shop().page_of.replace("{page}", &list.page.to_string()).replace("{pages}", &list.pages.to_string())>
                {(list.page > 1).then(|| view! { <a href=page_link(list.page - 1) rel="prev">{lang.shop().previous_page}</a> })}
                <span>{lang.shop().page_of.replace("{page}", &list.page.to_string()).replace("{pages}", &list.pages.to_string())}</span>
                {(list.page < list.pages).then(|| view! { <a href=page_link(list.page + 1) rel="next">{lang.shop().next_page}</a> })}
            </nav>
        })}
    }
}

/// How wide a card is drawn (style/main.css: columns of at least 10rem, two on a phone, the page at most 72rem),
/// for the browser to choose from a card's `srcset`.
const CARD_SIZES: &str = "(max-width: 34rem) 50vw, 16rem";
/// How wide the product page's pictures are drawn: the page's width on a phone, half of it from 48rem.
const PAGE_SIZES: &str = "(min-width: 48rem) 35rem, 100vw";

/// The cards in a phone's first row (two columns of at least 10rem): their pictures load at once, the rest as the
/// shopper scrolls to them.
const FIRST_ROW: usize = 2;

#[component]
fn ProductCardView(card: ProductCard, lang: Lang, eager: bool) -> impl IntoView {
    let href = format!("/products/{}", card.slug);
    view! {
        <li class="product-card" class:sold-out=!card.in_stock data-test="product-card">
            <a href=href>
                <img
                    src=card.picture.src
                    srcset=(!card.picture.srcset.is_empty()).then_some(card.picture.srcset)
                    sizes=CARD_SIZES
                    alt=""
                    width=card.picture.width
                    height=card.picture.height
                    loading=if eager { "eager" } else { "lazy" }
                    fetchpriority=eager.then_some("high")
                />
                <span class="product-name">{card.name}</span>
                <span class="product-price">{card.price_from.to_string()}</span>
                {(!card.in_stock).then(|| view! { <span class="badge">{lang.shop().sold_out}</span> })}
            </a>
        </li>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let product = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), lang),
        |(slug, lang)| get_product(slug, lang),
    );
    view! {
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
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
    let site = use_context::<SiteUrl>().map(|site| site.0).unwrap_or_default();
    let canonical = format!("{site}/products/{}", product.slug);
    let title = format!("{} — {}", product.name, crate::shop_identity::use_identity().name(lang));
    let sold_out = product.variants.iter().all(|v| v.stock <= 0);
    view! {
        <Title text=title/>
        <Meta name="description" content=product.description.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:site_name" content=crate::shop_identity::use_identity().name(lang).to_owned()/>
        <Meta property="og:title" content=product.name.clone()/>
        <Meta property="og:description" content=product.description.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:image" content=format!("{site}{}", product.image)/>
        <article class="product">
            <Gallery pictures=product.pictures lang/>
            <div class="product-info">
                <h1>{product.name}</h1>
                <p class="product-description">{product.description}</p>
                <form method="post" action=add_to_cart_action() data-test="add-to-cart-form">
                    <BuyBox variants=product.variants lang/>
                    <button type="submit" class="button primary" data-test="add-to-cart" disabled=sold_out>
                        {lang.shop().add_to_cart}
                    </button>
                </form>
                <a class="back" href="/">{lang.shop().back_to_shop}</a>
            </div>
        </article>
        <IslandScripts/>
    }
}

/// The home page's title: the shop's name and tagline once the owner named it, the product's own before.
/// How a link to the shop shows when shared: its name, and its logo when it has one.
#[component]
fn ShopOpenGraph(lang: Lang) -> impl IntoView {
    let site = use_context::<SiteUrl>().map(|site| site.0).unwrap_or_default();
    let identity = crate::shop_identity::use_identity();
    view! {
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content=identity.name(lang).to_owned()/>
        <Meta property="og:title" content=home_title(lang)/>
        <Meta property="og:url" content=format!("{site}/")/>
        {identity.logo_path().map(|logo| view! { <Meta property="og:image" content=format!("{site}{logo}")/> })}
    }
}

fn home_title(lang: Lang) -> String {
    let identity = crate::shop_identity::use_identity();
    if !identity.named {
        return lang.shop().home_title.to_owned();
    }
    match identity.tagline(lang) {
        "" => identity.name(lang).to_owned(),
        tagline => format!("{} — {tagline}", identity.name(lang)),
    }
}

/// The product's pictures side by side, one screen wide each: swiped on a phone, scrolled with a mouse; below
/// them a link to each, which needs no JavaScript. The first loads at once, the rest as they come into view. The
/// buy box shows a variant's own picture when it is chosen (`stepper.rs`).
#[component]
fn Gallery(pictures: Vec<GalleryPicture>, lang: Lang) -> impl IntoView {
    let count = pictures.len();
    let links = (count > 1).then(|| {
        view! {
            <nav class="gallery-links" aria-label=lang.shop().pictures>
                {(1..=count)
                    .map(|n| view! { <a href=format!("#picture-{n}") data-test="gallery-link">{n}</a> })
                    .collect_view()}
            </nav>
        }
    });
    view! {
        <div class="gallery-box">
            <ul class="gallery" class:many={count > 1} data-test="gallery">
                {pictures
                    .into_iter()
                    .enumerate()
                    .map(|(at, picture)| view! {
                        <li id=format!("picture-{}", at + 1)>
                            <img
                                class="product-image"
                                src=picture.shown.src
                                srcset=(!picture.shown.srcset.is_empty()).then_some(picture.shown.srcset)
                                sizes=PAGE_SIZES
                                alt=picture.alt
                                width=picture.shown.width
                                height=picture.shown.height
                                loading=if at == 0 { "eager" } else { "lazy" }
                            />
                        </li>
                    })
                    .collect_view()}
            </ul>
            {links}
        </div>
    }
}
