//! The discount codes page: each code with its terms and figures and an on/off switch, then the form for a new one.

use leptos::prelude::*;

use super::{
    super::{
        catalog::{field, notice_line},
        pages::{AdminNav, owner_page},
    },
    AdminCreateCode, AdminSwitchCode, CodeSummary, CodesData, get_admin_codes,
};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn CodesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_codes());
    owner_page(
        use_lang().settings().codes,
        data,
        |data, lang| view! { <Codes data lang/> },
    )
}

#[component]
fn Codes(data: CodesData, lang: Lang) -> impl IntoView {
    let create = <AdminCreateCode as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.form.input, data.form.errors);
    let kind = if input.kind.is_empty() {
        "percent".to_owned()
    } else {
        input.kind.clone()
    };
    let text = |name: &'static str, label: &'static str, value: &str| {
        field("code", name, label, value.to_owned(), &errors, lang, false)
    };
    view! {
        <AdminNav title=lang.settings().codes who=data.who lang/>
        {notice_line(data.notice)}
        {if data.codes.is_empty() {
            leptos::either::Either::Left(view! { <p class="notice-line" data-test="no-codes">{lang.settings().no_codes}</p> })
        } else {
            leptos::either::Either::Right(view! {
                <table class="admin-codes">
                    <thead><tr>
                        <th>{lang.checkout().discount_code}</th><th>{lang.settings().code_uses}</th>
                        <th>{lang.settings().code_discounted}</th><th>{lang.settings().code_sold_net}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {data.codes.into_iter().map(|code| view! { <CodeRow code lang/> }).collect_view()}
                    </tbody>
                </table>
            })
        }}
        <form method="post" action=create class="admin-form" data-test="code-form">
            <h2>{lang.settings().new_code}</h2>
            {text("code", lang.checkout().discount_code, &input.code)}
            <fieldset class="field">
                <legend>{lang.settings().code_kind}</legend>
                {[
                    ("percent", lang.settings().code_percent),
                    ("fixed", lang.settings().code_fixed),
                    ("free-delivery", lang.settings().code_free_delivery),
                ].into_iter().map(|(value, label)| view! {
                    <label><input type="radio" name="kind" value=value checked=kind == value/> " " {label}</label>
                }).collect_view()}
            </fieldset>
            {text("value", lang.settings().code_value, &input.value)}
            {text("min_order", lang.settings().code_min_order, &input.min_order)}
            {text("starts", lang.settings().code_starts, &input.starts)}
            {text("ends", lang.settings().code_ends, &input.ends)}
            {text("max_uses", lang.settings().code_max_uses, &input.max_uses)}
            {text("max_uses_per_phone", lang.settings().code_max_per_phone, &input.max_uses_per_phone)}
            {text("categories", lang.settings().code_categories, &input.categories)}
            {text("products", lang.settings().code_products, &input.products)}
            <button type="submit" class="button primary" data-test="create-code">{lang.settings().save}</button>
        </form>
    }
}

#[component]
fn CodeRow(code: CodeSummary, lang: Lang) -> impl IntoView {
    let switch = <AdminSwitchCode as leptos::server_fn::ServerFn>::PATH;
    let uses = match code.max_uses {
        Some(max) => format!("{} / {max}", code.uses),
        None => code.uses.to_string(),
    };
    let over = (code.over_limit > 0).then(|| format!("+{} {}", code.over_limit, lang.settings().code_over_limit));
    let (state, action) = if code.active {
        (lang.settings().code_on, lang.settings().code_switch_off)
    } else {
        (lang.settings().code_off, lang.settings().code_switch_on)
    };
    let name = code.code.clone();
    view! {
        <tr data-test="code-row" data-code=name class:archived=!code.active>
            <td><strong>{code.code}</strong> <br/> <span class="muted">{code.terms}</span> <br/> {state}</td>
            <td data-label=lang.settings().code_uses><span data-test="code-uses">{uses}</span>
                {over.map(|over| view! { <br/><span class="attention-flag" data-test="code-over-limit">{over}</span> })}
            </td>
            <td data-label=lang.settings().code_discounted data-test="code-discounted" data-value=code.discounted.amount()>{code.discounted.to_string()}</td>
            <td data-label=lang.settings().code_sold_net data-test="code-sold" data-value=code.sold.amount()>{code.sold.to_string()}</td>
            <td>
                <form method="post" action=switch>
                    <input type="hidden" name="id" value=code.id/>
                    {(!code.active).then(|| view! { <input type="hidden" name="active" value="true"/> })}
                    <button type="submit" class="button" data-test="switch-code">{action}</button>
                </form>
            </td>
        </tr>
    }
}
