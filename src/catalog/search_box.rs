//! The header's search: a GET form to the product list that works without JavaScript, and, with it, the few best
//! matches shown under the box as the shopper types.
//!
//! The suggestions are drawn by a small plain script (`public/search.js`, under 2 KB) that asks
//! `GET /search/suggestions?q=&lang=` ([`suggestions`]), not by an island: an island in the header would make every
//! catalog page load the shop's WASM, and catalog pages load none (docs/PERFORMANCE.md, README "Choices"). The
//! server ranks them as the list's search does and sends the price already written as `12,500₮`; the script only
//! places text (never HTML) and shows only the answer to the latest question.

use leptos::prelude::*;

use crate::i18n::Lang;

/// How many products the header's search suggests.
pub const SUGGESTIONS: usize = 6;

#[component]
pub fn HeaderSearch(lang: Lang) -> impl IntoView {
    let t = lang.shop();
    // On the list, the box shows what was searched for, to be changed there.
    let typed = leptos_router::hooks::use_query_map()
        .with_untracked(|params| params.get("q"))
        .filter(|_| leptos_router::hooks::use_location().pathname.get_untracked() == "/")
        .map(|q| q.chars().take(super::listing::QUERY_CHARS).collect::<String>());
    view! {
        <form method="get" action="/" class="header-search" role="search" data-test="header-search">
            <div class="search-box">
                <input
                    type="search"
                    name="q"
                    value=typed
                    maxlength=super::listing::QUERY_CHARS
                    placeholder=t.search_placeholder
                    aria-label=t.search_placeholder
                    autocomplete="off"
                    aria-describedby="search-suggestions"
                    data-test="header-q"
                />
                <ul id="search-suggestions" class="suggestions" aria-label=t.suggestions hidden data-test="suggestions"></ul>
            </div>
            <button type="submit" class="button">{t.search}</button>
            // The page's nonce too: the policy allows the shop's own files, and every script carrying the nonce
            // keeps one rule for all (tests/api/security.rs).
            <script src="/search.js" defer nonce=leptos::nonce::use_nonce()></script>
        </form>
    }
}

/// One suggestion as the script shows it.
#[cfg(feature = "ssr")]
#[derive(Debug, serde::Serialize)]
pub struct Suggestion {
    pub name: String,
    pub href: String,
    /// Written for the shopper: `12,500₮`.
    pub price: String,
    pub in_stock: bool,
}

#[cfg(feature = "ssr")]
#[derive(Debug, serde::Deserialize)]
pub struct SuggestionQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    lang: String,
}

/// `GET /search/suggestions?q=&lang=`: the best few products for what is typed, as JSON. Any query, however odd,
/// gets a list (empty when nothing matches or nothing is typed); a query string that cannot be read at all (`q`
/// twice, bytes that are not UTF-8) is axum's 400; only the database failing is an error (503).
#[cfg(feature = "ssr")]
pub async fn suggestions(
    axum::extract::State(catalog): axum::extract::State<super::service::CatalogService>,
    axum::extract::Query(query): axum::extract::Query<SuggestionQuery>,
) -> axum::response::Response {
    use axum::{http::StatusCode, response::IntoResponse};
    let lang = Lang::from_code(&query.lang).unwrap_or_default();
    match catalog.suggestions(&query.q, lang).await {
        Ok(cards) => {
            let found: Vec<Suggestion> = cards
                .into_iter()
                .map(|card| Suggestion {
                    href: format!("/products/{}", card.slug),
                    name: card.name,
                    price: card.price_from.to_string(),
                    in_stock: card.in_stock,
                })
                .collect();
            (
                // Briefly: a product the owner takes off sale soon stops being suggested.
                [(axum::http::header::CACHE_CONTROL, "private, max-age=10")],
                axum::Json(found),
            )
                .into_response()
        }
        Err(error) => {
            tracing::error!(%error, "cannot read the catalog for suggestions");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
