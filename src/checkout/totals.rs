//! The checkout's running total: an island around the price summary that, when the shopper changes where the order
//! goes or the code, asks the server for the fee, the promised time and the total and shows them at once. Without
//! JavaScript the form's "update the total" button does the same with a page load.
//!
//! What is shown here is a courtesy; placing the order prices it again on the server from the database.

use leptos::prelude::*;

use crate::{
    i18n::Lang,
    ui::{PriceSummary, PriceView},
};

/// The fields whose change can change the price.
#[cfg(feature = "hydrate")]
const PRICED_FIELDS: [&str; 7] = [
    "delivery",
    "district",
    "khoroo",
    "aimag",
    "pickup_point",
    "discount_code",
    "phone",
];

#[island]
pub fn LiveTotals(price: PriceView, lang: Lang) -> impl IntoView {
    let price = RwSignal::new(price);
    let hydrated = RwSignal::new(false);
    Effect::new(move || {
        hydrated.set(true);
        #[cfg(feature = "hydrate")]
        {
            let asked = StoredValue::new(0_u32);
            let handle = window_event_listener(leptos::ev::change, move |event| {
                use wasm_bindgen::JsCast;
                let changed = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .and_then(|element| element.get_attribute("name"));
                if !changed.is_some_and(|name| PRICED_FIELDS.contains(&name.as_str())) {
                    return;
                }
                let Some(fields) = form_fields() else {
                    return;
                };
                // Only the answer to the latest question is shown.
                asked.update_value(|n| *n += 1);
                let this = asked.get_value();
                leptos::task::spawn_local(async move {
                    if let Ok(fresh) = super::checkout_quote(fields).await
                        && asked.get_value() == this
                    {
                        price.set(fresh);
                    }
                });
            });
            on_cleanup(move || handle.remove());
        }
    });
    view! {
        <div class="live-totals" data-test="live-totals" data-live=move || hydrated.get().to_string()>
            {move || view! { <PriceSummary price=price.get() lang/> }}
        </div>
    }
}

/// The checkout form's priced fields as they are now.
#[cfg(feature = "hydrate")]
fn form_fields() -> Option<super::QuoteFields> {
    use wasm_bindgen::JsCast;
    let form: web_sys::HtmlFormElement = document().get_element_by_id("checkout-form")?.dyn_into().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let field = |name: &str| data.get(name).as_string().unwrap_or_default();
    Some(super::QuoteFields {
        delivery: field("delivery"),
        district: field("district"),
        khoroo: field("khoroo"),
        aimag: field("aimag"),
        pickup_point: field("pickup_point"),
        discount_code: field("discount_code"),
        phone: field("phone"),
    })
}
