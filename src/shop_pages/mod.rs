//! The pages the owner writes about the shop (`/pages/about`, `/pages/delivery-returns`, `/pages/terms`,
//! `/pages/privacy`): their Markdown in the shopper's language, rendered and sanitized on the server
//! (`markdown.rs`), linked from every page's footer and from checkout.

#[cfg(feature = "ssr")]
pub mod service;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::{
    error::AppError,
    i18n::{Lang, use_lang},
    ui::{ErrorNotice, NotFound},
};

/// A page as shown: its title and its body, already safe HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopPageView {
    pub title: String,
    pub html: String,
}

/// The page at `slug` in `lang`; `None` for an address the shop has no page at, or one not written.
#[server]
pub async fn get_shop_page(slug: String, lang: Lang) -> Result<Option<ShopPageView>, AppError> {
    let Some(kind) = crate::domain::shop_page::PageKind::parse(&slug) else {
        return Ok(None);
    };
    let pages = expect_context::<service::ShopPagesService>();
    Ok(pages.shown(kind, lang).await?)
}

#[component]
pub fn ShopPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let page = Resource::new(move || (slug(), lang), |(slug, lang)| get_shop_page(slug, lang));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => view! { <Written page lang/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <ErrorNotice/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Written(page: ShopPageView, lang: Lang) -> impl IntoView {
    let shop = crate::shop_identity::use_identity().name(lang).to_owned();
    view! {
        <leptos_meta::Title text=format!("{} — {shop}", page.title)/>
        <article class="shop-page" data-test="shop-page">
            <h1>{page.title}</h1>
            // Sanitized on the server by `markdown::to_safe_html`: no script, handler or `javascript:` link.
            <div class="shop-page-body" inner_html=page.html></div>
        </article>
    }
}

/// The links to the written pages, for the footer.
#[component]
pub fn ShopPageLinks(lang: Lang) -> impl IntoView {
    let identity = crate::shop_identity::use_identity();
    identity
        .pages
        .iter()
        .map(|kind| {
            let slug = kind.slug();
            view! { <a href=kind.path() data-test=format!("page-link-{slug}")>{lang.identity().page_title(*kind)}</a> " " }
        })
        .collect_view()
}
