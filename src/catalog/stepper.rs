//! The product page's buy box: choose a variant and a quantity, see the line total. An island: it is the only
//! part of the product page that runs in the browser.
//!
//! The total shown here is a courtesy to the shopper; the server computes every price it charges from the database.

use leptos::prelude::*;

use super::VariantView;
use crate::{domain::Mnt, i18n::Lang};

#[island]
pub fn BuyBox(variants: Vec<VariantView>, lang: Lang) -> impl IntoView {
    let first_available = variants.iter().position(|v| v.stock > 0).unwrap_or(0);
    let selected = RwSignal::new(first_available);
    let quantity = RwSignal::new(1_i64);
    // Set once the island runs in the browser; end-to-end tests wait for it before clicking.
    let hydrated = RwSignal::new(false);
    Effect::new(move || hydrated.set(true));

    let stock = StoredValue::new(variants.iter().map(|v| v.stock).collect::<Vec<_>>());
    let prices = StoredValue::new(variants.iter().map(|v| v.price).collect::<Vec<_>>());
    let max = move || stock.with_value(|s| s.get(selected.get()).copied().unwrap_or(0));
    let total = move || {
        let price = prices.with_value(|p| p.get(selected.get()).copied().unwrap_or(Mnt::ZERO));
        price
            .checked_mul(quantity.get())
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    let set_quantity = move |wanted: i64| quantity.set(wanted.clamp(1, max().max(1)));

    view! {
        <div class="buy-box" data-hydrated=move || hydrated.get().to_string()>
            <fieldset class="variants">
                <legend>{lang.shop().choose_variant}</legend>
                {variants
                    .into_iter()
                    .enumerate()
                    .map(|(index, variant)| {
                        let sold_out = variant.stock <= 0;
                        view! {
                            <label class="variant" class:sold-out=sold_out>
                                <input
                                    type="radio"
                                    name="variant_id"
                                    value=variant.id
                                    checked=index == first_available && !sold_out
                                    disabled=sold_out
                                    on:change={
                                        let picture = variant.picture.clone();
                                        move |_| {
                                            selected.set(index);
                                            set_quantity(quantity.get_untracked());
                                            if let Some(picture) = &picture {
                                                show_picture(picture);
                                            }
                                        }
                                    }
                                />
                                <span class="variant-name">{variant.name}</span>
                                <span class="variant-price">{variant.price.to_string()}</span>
                                <span class="variant-stock">
                                    {stock_line(variant.few_left, sold_out, lang)}
                                </span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="stepper" role="group" aria-label=lang.shop().quantity>
                <button
                    type="button"
                    class="step"
                    aria-label=lang.shop().decrease
                    disabled=move || { quantity.get() <= 1 }
                    on:click=move |_| set_quantity(quantity.get_untracked() - 1)
                >
                    "−"
                </button>
                <input
                    type="number"
                    name="quantity"
                    inputmode="numeric"
                    min="1"
                    max=move || max().max(1)
                    value="1"
                    prop:value=move || quantity.get().to_string()
                    aria-label=lang.shop().quantity
                    on:change=move |ev| set_quantity(event_target_value(&ev).trim().parse().unwrap_or(1))
                />
                <button
                    type="button"
                    class="step"
                    aria-label=lang.shop().increase
                    disabled=move || { quantity.get() >= max() }
                    on:click=move |_| set_quantity(quantity.get_untracked() + 1)
                >
                    "+"
                </button>
            </div>
            <p class="line-total">
                {lang.shop().total} ": " <output>{total}</output>
            </p>
        </div>
    }
}

/// Brings the gallery's picture `id` into view beside the buy box: the gallery scrolls sideways to it, the page
/// only as far as needed to see it.
#[cfg(feature = "hydrate")]
fn show_picture(id: &str) {
    let picture = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id));
    if let Some(picture) = picture {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Start);
        picture.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// On the server the island only renders: nothing to scroll.
#[cfg(not(feature = "hydrate"))]
fn show_picture(_id: &str) {}

/// A variant's stock as the shopper reads it: sold out, "only N left" when the owner shows few (`few_left`), or in
/// stock.
fn stock_line(few_left: Option<i64>, sold_out: bool, lang: Lang) -> impl IntoView + use<> {
    match few_left {
        Some(n) if !sold_out => leptos::either::Either::Left(view! {
            <span data-test="only-left">{lang.stock().only_left.replace("{n}", &n.to_string())}</span>
        }),
        _ => leptos::either::Either::Right(if sold_out {
            lang.shop().sold_out
        } else {
            lang.shop().in_stock
        }),
    }
}
