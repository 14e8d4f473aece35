//! Pages that change while they are open (the shopper's order page, the owner's order list): islands ask our server
//! whether anything changed, and on a change the new server-rendered content is put in place of the old.

/// Fetches this page again, once, and puts the inner HTML of each of `selectors`' first elements in place of the one
/// shown, so the page changes without reloading (no flash, the scroll position stays); reloads only if that fails.
/// The server renders the page, so what is shown is exactly what a reload would show.
#[cfg(feature = "hydrate")]
pub async fn show_in_place(selectors: &[&str]) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let swapped = async {
        let window = web_sys::window()?;
        let href = window.location().href().ok()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&href))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        let fresh = web_sys::DomParser::new()
            .ok()?
            .parse_from_string(&html, web_sys::SupportedType::TextHtml)
            .ok()?;
        let document = window.document()?;
        for selector in selectors {
            let part = fresh.query_selector(selector).ok()??;
            let shown = document.query_selector(selector).ok()??;
            shown.set_inner_html(&part.inner_html());
        }
        Some(())
    }
    .await;
    if swapped.is_none() {
        let _ = leptos::prelude::window().location().reload();
    }
}
