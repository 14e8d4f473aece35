//! The order page's live status: an island that asks our server (never QPay) every two seconds and, when the state
//! changes, shows the page's new content in place, so the shopper sees "paid" without touching anything.

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
                        crate::live::show_in_place("main").await;
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
