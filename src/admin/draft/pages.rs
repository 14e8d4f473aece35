//! The owner's new-order page (plain forms, no JavaScript needed): a search by name or SKU with an "add" form per
//! variant found, the draft's lines with their quantities, and the customer's form; and the pay link box on an
//! unpaid order's page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AdminDraftAdd, AdminDraftSet, AdminPlaceDraft, AdminSendPayLink, DraftPageData, PayLink, get_admin_draft};
use crate::{
    admin::{
        catalog::{field, notice_line},
        pages::{AdminNav, owner_page},
    },
    checkout::{DeliveryFields, field_row, form::Field},
    i18n::{Lang, use_lang},
};

#[component]
pub fn DraftPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.with(|q| q.get("q").unwrap_or_default()), get_admin_draft);
    owner_page(use_lang().admin().new_order, data, |data, lang| {
        view! { <Draft data lang/> }
    })
}

#[component]
fn Draft(data: DraftPageData, lang: Lang) -> impl IntoView {
    let texts = lang.admin();
    let add = <AdminDraftAdd as leptos::server_fn::ServerFn>::PATH;
    let set = <AdminDraftSet as leptos::server_fn::ServerFn>::PATH;
    let query = data.query.clone();
    let searched = !query.is_empty();
    view! {
        <AdminNav title=texts.new_order who=data.who lang/>
        {notice_line(data.notice)}
        <section class="draft-search">
            <form method="get" action="/admin/orders/new" class="admin-form" data-test="draft-search">
                <label for="draft-q">{texts.draft_find}</label>
                <input id="draft-q" name="q" type="search" value=query.clone() data-test="draft-q"/>
                <button type="submit" class="button">{texts.draft_search}</button>
            </form>
            {(searched && data.found.is_empty()).then(|| view! {
                <p class="hint" data-test="draft-nothing-found">{texts.draft_nothing_found}</p>
            })}
            <ul class="draft-found">
                {data.found.into_iter().map(|variant| {
                    let out = variant.stock <= 0;
                    view! {
                        <li data-test="draft-found" data-sku=variant.sku.clone()>
                            <form method="post" action=add>
                                <span>{variant.name.clone()} " · " <code>{variant.sku.clone()}</code> " · " {variant.price.to_string()}
                                    " · " {texts.draft_in_stock} " " {variant.stock}</span>
                                <input type="hidden" name="variant_id" value=variant.variant_id/>
                                <input type="hidden" name="q" value=query.clone()/>
                                <input name="quantity" value="1" inputmode="numeric" size="3" aria-label=texts.draft_quantity/>
                                <button type="submit" class="button" disabled=out data-test="draft-add">{texts.draft_add}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="draft-lines">
            <h2>{texts.draft_items}</h2>
            {data.lines.is_empty().then(|| view! { <p class="hint">{texts.draft_none_yet}</p> })}
            <ul class="order-items">
                {data.lines.into_iter().map(|line| view! {
                    <li data-test="draft-line" data-variant=line.variant_id>
                        <form method="post" action=set>
                            <span>{line.name}</span>
                            <input type="hidden" name="variant_id" value=line.variant_id/>
                            <input name="quantity" value=line.quantity inputmode="numeric" size="3" aria-label=texts.draft_quantity data-test="draft-quantity"/>
                            <button type="submit" class="button">{texts.draft_change}</button>
                            <strong>{line.line_total.to_string()}</strong>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <p>{texts.draft_items_total} <strong data-test="draft-items">{data.items.to_string()}</strong></p>
        </section>
        <CustomerForm data=DraftForm {
            attempt: data.attempt,
            key: data.key,
            pickup_points: data.pickup_points,
            pay_methods: data.pay_methods,
        } lang/>
    }
}

/// What the customer's form needs of the page's data.
struct DraftForm {
    attempt: super::DraftAttempt,
    key: String,
    pickup_points: Vec<crate::checkout::PickupChoice>,
    pay_methods: Vec<(String, String)>,
}

#[component]
fn CustomerForm(data: DraftForm, lang: Lang) -> impl IntoView {
    let texts = lang.admin();
    let place = <AdminPlaceDraft as leptos::server_fn::ServerFn>::PATH;
    let super::DraftAttempt {
        form,
        terms,
        errors,
        term_errors,
        notice,
    } = data.attempt;
    let row = |field_name: Field, id: &'static str, label: &'static str, input: AnyView| {
        field_row(&errors, lang, field_name, id, label, input)
    };
    let chosen = form.pay_method.clone();
    view! {
        {notice.map(|notice| view! { <p class="notice-line error" role="alert" data-test="draft-notice">{notice}</p> })}
        <form method="post" action=place class="checkout-form" data-test="draft-form" novalidate>
            <h2>{texts.draft_customer}</h2>
            <input type="hidden" name="key" value=data.key/>
            {row(Field::Phone, "phone", lang.checkout().field_phone, view! {
                <input id="phone" name="phone" type="tel" inputmode="tel" placeholder="9911 2233" value=form.phone.clone()/>
            }.into_any())}
            {row(Field::Name, "name", lang.checkout().field_name, view! {
                <input id="name" name="name" value=form.name.clone()/>
            }.into_any())}
            {row(Field::Email, "email", lang.checkout().field_email, view! {
                <input id="email" name="email" type="email" value=form.email.clone()/>
            }.into_any())}
            <DeliveryFields form=form.clone() errors=errors.clone() pickup_points=data.pickup_points lang/>
            {field("draft", "fee", texts.draft_fee, terms.fee, &term_errors, lang, false)}
            {field("draft", "discount", texts.draft_discount, terms.discount, &term_errors, lang, false)}
            {field("draft", "reason", texts.draft_reason, terms.reason, &term_errors, lang, false)}
            <fieldset class="field pay-choice" data-test="pay-choice">
                <legend>{lang.checkout().field_pay_method}</legend>
                {data.pay_methods.into_iter().map(|(value, label)| {
                    let checked = chosen == value;
                    view! { <label><input type="radio" name="pay_method" value=value checked=checked/> " " {label}</label> }
                }).collect_view()}
                {errors.iter().any(|(f, _)| *f == Field::PayMethod).then(|| view! {
                    <p class="field-error" role="alert" data-test="pay-method-error">
                        {crate::checkout::form::FieldError::PayMethodUnavailable.message(lang)}
                    </p>
                })}
            </fieldset>
            {row(Field::Note, "note", lang.checkout().field_note, view! {
                <textarea id="note" name="note" rows="2">{form.note.clone()}</textarea>
            }.into_any())}
            <button type="submit" class="button primary" data-test="draft-place">{texts.draft_place}</button>
        </form>
    }
}

/// An unpaid order's pay link: the text to paste in a chat, the link to open, and "send by SMS".
#[component]
pub fn PayLinkBox(order_no: String, pay_link: PayLink, lang: Lang) -> impl IntoView {
    let texts = lang.admin();
    let send = <AdminSendPayLink as leptos::server_fn::ServerFn>::PATH;
    view! {
        <section class="pay-link" data-test="pay-link">
            <h2>{texts.pay_link}</h2>
            <label for="pay-text">{texts.pay_link_text}</label>
            <textarea id="pay-text" readonly rows="3" data-test="pay-text">{pay_link.text}</textarea>
            <p><a href=pay_link.link.clone() data-test="pay-link-url">{pay_link.link.clone()}</a></p>
            {pay_link.sms.then(|| view! {
                <form method="post" action=send>
                    <input type="hidden" name="order_no" value=order_no/>
                    <button type="submit" class="button" data-test="send-pay-link">{texts.pay_link_send}</button>
                </form>
            })}
        </section>
    }
}
