//! Page pieces every part of the shop uses: the 404 page, the error notice, the island scripts, and the values the
//! server provides to every render (the site's address, the stylesheet). Features import these; this module imports
//! no feature.

use leptos::prelude::*;

use crate::i18n::use_lang;

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

/// The page for an address the shop does not have; answers 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let strings = use_lang().strings();
    view! {
        <leptos_meta::Title text=strings.not_found_title/>
        <section class="notice">
            <h1>{strings.not_found_title}</h1>
            <p>{strings.not_found_text}</p>
            <a href="/">{strings.back_to_shop}</a>
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
    let strings = use_lang().strings();
    view! {
        <section class="notice">
            <h1>{strings.error_title}</h1>
            <p>{strings.error_text}</p>
        </section>
    }
}
