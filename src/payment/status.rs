//! The order page's live status: an island that asks our server (never QPay) every two seconds and, when the state
//! changes, shows the page's new content in place, so the shopper sees "paid" without touching anything. Once paid,
//! while the e-barimt receipt is on its way, it redraws the page in place every few seconds until the receipt is
//! there: no reload with JavaScript on (a timed reload is an accessibility fault, WCAG 2.2.1); the page's
//! `<noscript>` refresh does it without.

use leptos::prelude::*;

use crate::{domain::PaymentState, i18n::Lang};

pub fn state_text(state: PaymentState, lang: Lang) -> &'static str {
    match state {
        PaymentState::AwaitingPayment => lang.payment().awaiting_payment,
        PaymentState::PartiallyPaid => lang.payment().partially_paid,
        PaymentState::Paid => lang.payment().paid,
        PaymentState::Expired => lang.payment().expired,
        PaymentState::Cancelled => lang.payment().cancelled,
    }
}

#[island]
pub fn PayStatus(order_no: String, key: Option<String>, state: PaymentState, lang: Lang) -> impl IntoView {
    let current = RwSignal::new(state);
    let hydrated = RwSignal::new(false);
    Effect::new(move || {
        hydrated.set(true);
        if !state.is_payable() && !receipt_coming() {
            return;
        }
        let (order_no, key) = (order_no.clone(), key.clone());
        let asking = StoredValue::new(false);
        let ticks = StoredValue::new(0u32);
        let _ = set_interval_with_handle(
            move || {
                if asking.get_value() {
                    return;
                }
                // Paid, the receipt not yet there: the page again, every other tick.
                if !current.get_untracked().is_payable() {
                    ticks.update_value(|t| *t += 1);
                    if receipt_coming() && ticks.get_value().is_multiple_of(2) {
                        asking.set_value(true);
                        leptos::task::spawn_local(async move {
                            #[cfg(feature = "hydrate")]
                            crate::live::show_in_place(&["main"]).await;
                            asking.set_value(false);
                        });
                    }
                    return;
                }
                asking.set_value(true);
                let (order_no, key) = (order_no.clone(), key.clone());
                leptos::task::spawn_local(async move {
                    if let Ok(now) = super::order_status(order_no, key).await
                        && now != current.get_untracked()
                    {
                        #[cfg(feature = "hydrate")]
                        crate::live::show_in_place(&["main"]).await;
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

/// Whether the page shows a receipt on its way (`Receipts` in pages.rs); never on the server, where nothing polls.
fn receipt_coming() -> bool {
    #[cfg(feature = "hydrate")]
    {
        document()
            .query_selector("[data-test=\"ebarimt-waiting\"]")
            .ok()
            .flatten()
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    false
}
