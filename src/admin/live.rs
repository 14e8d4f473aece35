//! New paid orders, and new orders to be paid in cash or by transfer, on the owner's list without a reload: an
//! island asks every five seconds when the list last had news (indexed reads of our database, never QPay), and
//! when that moves the list, and the glance above it, are shown again in place.

use leptos::prelude::*;

use super::orders_stamp;

/// How often the open list asks.
const EVERY: std::time::Duration = std::time::Duration::from_secs(5);

#[island]
pub fn OrdersWatch(stamp: i64) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move || {
        hydrated.set(true);
        let known = StoredValue::new(stamp);
        let asking = StoredValue::new(false);
        let _ = set_interval_with_handle(
            move || {
                if asking.get_value() {
                    return;
                }
                asking.set_value(true);
                leptos::task::spawn_local(async move {
                    if let Ok(now) = orders_stamp().await
                        && now != known.get_value()
                    {
                        // The glance above the list too (glance.rs), so its figures agree with the list: both from
                        // one fetch of the page.
                        #[cfg(feature = "hydrate")]
                        crate::live::show_in_place(&["#admin-orders", "#admin-glance"]).await;
                        known.set_value(now);
                    }
                    asking.set_value(false);
                });
            },
            EVERY,
        );
    });
    view! { <span class="live-dot" data-test="orders-live" data-live=move || hydrated.get().to_string()></span> }
}
