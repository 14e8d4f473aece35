//! The order page's live status: an island that asks our server (never QPay) every two seconds and, when the state
//! changes, shows the page's new content in place, so the shopper sees "paid" without touching anything.

use leptos::prelude::*;

use crate::{domain::PaymentState, i18n::Lang};

pub fn state_text(state: PaymentState, lang: Lang) -> &'static str {
    let strings = lang.strings();
    match state {
        PaymentState::AwaitingPayment => strings.awaiting_payment,
        PaymentState::PartiallyPaid => strings.partially_paid,
        PaymentState::Paid => strings.paid,
        PaymentState::Expired => strings.expired,
        PaymentState::Cancelled => strings.cancelled,
    }
}

#[island]
pub fn PayStatus(order_no: String, key: Option<String>, state: PaymentState, lang: Lang) -> impl IntoView {
    let current = RwSignal::new(state);
    let hydrated = RwSignal::new(false);
    Effect::new(move || {
        hydrated.set(true);
        if !state.is_payable() {
            return;
        }
        let (order_no, key) = (order_no.clone(), key.clone());
        let asking = StoredValue::new(false);
        let _ = set_interval_with_handle(
            move || {
                // One question at a time, and none once the order can no longer change by paying.
                if asking.get_value() || !current.get_untracked().is_payable() {
                    return;
                }
                asking.set_value(true);
                let (order_no, key) = (order_no.clone(), key.clone());
                leptos::task::spawn_local(async move {
                    if let Ok(now) = super::order_status(order_no, key).await
                        && now != current.get_untracked()
                    {
                        #[cfg(feature = "hydrate")]
                        show_in_place().await;
                        current.set(now);
                    }
                    asking.set_value(false);
                });
            },
            std::time::Duration::from_secs(2),
        );
    });
    view! {
        <p
            class="pay-status"
            data-test="pay-status"
            data-status=move || current.get().as_str()
            data-live=move || hydrated.get().to_string()
            role="status"
            aria-live="polite"
        >
            {move || state_text(current.get(), lang)}
        </p>
    }
}

/// Fetches this page again and puts its new `<main>` in place of the old one, so the shopper sees the confirmation
/// without the page reloading; reloads only if that fails.
#[cfg(feature = "hydrate")]
async fn show_in_place() {
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
        let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        let start = html.find("<main")?;
        let inner_start = start + html[start..].find('>')? + 1;
        let inner_end = html.rfind("</main>")?;
        let main = window.document()?.query_selector("main").ok()??;
        main.set_inner_html(html.get(inner_start..inner_end)?);
        Some(())
    }
    .await;
    if swapped.is_none() {
        let _ = window().location().reload();
    }
}
