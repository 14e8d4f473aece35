//! The checkout's running total: an island around the price summary that, when the shopper changes where the order
//! goes or the code, asks the server for the fee, the promised time and the total and shows them at once. Without
//! JavaScript the form's "update the total" button does the same with a page load.
//!
//! The page is shown before its scripts have loaded, so a shopper on a slow connection may choose the district
//! and khoroo before the island wakes: those change events were heard by no one. On waking, the island therefore
//! prices the form as it stands if it is not the form the page was rendered (and priced) with.
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
            // Only the answer to the latest question is shown.
            let asked = StoredValue::new(0_u32);
            let ask = move |fields: super::QuoteFields| {
                asked.update_value(|n| *n += 1);
                let this = asked.get_value();
                leptos::task::spawn_local(async move {
                    if let Ok(fresh) = super::checkout_quote(fields).await
                        && asked.get_value() == this
                    {
                        price.set(fresh);
                    }
                });
            };
            let handle = window_event_listener(leptos::ev::change, move |event| {
                use wasm_bindgen::JsCast;
                let changed = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .and_then(|element| element.get_attribute("name"));
                if !changed.is_some_and(|name| PRICED_FIELDS.contains(&name.as_str())) {
                    return;
                }
                if let Some(fields) = checkout_form().and_then(|form| fields_of(&form)) {
                    ask(fields);
                }
            });
            on_cleanup(move || handle.remove());
            // What was chosen while the scripts loaded: priced now, unless the form is still as the page came.
            if let Some(form) = checkout_form()
                && let Some(now) = fields_of(&form)
                && rendered_fields(&form).as_ref() != Some(&now)
            {
                ask(now);
            }
        }
    });
    view! {
        <div class="live-totals" data-test="live-totals" data-live=move || hydrated.get().to_string()>
            {move || view! { <PriceSummary price=price.get() lang/> }}
        </div>
    }
}

/// The checkout form on this page.
#[cfg(feature = "hydrate")]
fn checkout_form() -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    document().get_element_by_id("checkout-form")?.dyn_into().ok()
}

/// The form's priced fields as they are now.
#[cfg(feature = "hydrate")]
fn fields_of(form: &web_sys::HtmlFormElement) -> Option<super::QuoteFields> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
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

/// The form's priced fields as the page came with them: a detached copy of the form reset to its HTML's values
/// (each input's `value`, the `checked` radio, the `selected` option or else the first), the choices the price the
/// server rendered beside them was for. Nothing on the page is touched.
#[cfg(feature = "hydrate")]
fn rendered_fields(form: &web_sys::HtmlFormElement) -> Option<super::QuoteFields> {
    use wasm_bindgen::JsCast;
    let copy: web_sys::HtmlFormElement = form.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    copy.reset();
    fields_of(&copy)
}
