//! The order page's live status: an island that asks our server (never QPay) every two seconds and reloads the page
//! when the state changes, so the shopper sees "paid" without touching anything.

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
    let hydrated = RwSignal::new(false);
    Effect::new(move || {
        hydrated.set(true);
        if !state.is_payable() {
            return;
        }
        let (order_no, key) = (order_no.clone(), key.clone());
        let _ = set_interval_with_handle(
            move || {
                let (order_no, key) = (order_no.clone(), key.clone());
                leptos::task::spawn_local(async move {
                    if let Ok(now) = super::order_status(order_no, key).await
                        && now != state
                    {
                        let _ = window().location().reload();
                    }
                });
            },
            std::time::Duration::from_secs(2),
        );
    });
    view! {
        <p
            class="pay-status"
            data-test="pay-status"
            data-status=state.as_str()
            data-live=move || hydrated.get().to_string()
            role="status"
            aria-live="polite"
        >
            {state_text(state, lang)}
        </p>
    }
}
