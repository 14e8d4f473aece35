//! The ways-to-pay page: one plain form, its mistakes beside their fields.

use leptos::prelude::*;

use super::{
    super::{
        catalog::{field, notice_line},
        pages::{AdminNav, owner_page},
    },
    AdminSavePaySettings, PaySettingsData, get_admin_pay_settings,
};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn PaySettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_pay_settings());
    owner_page(use_lang().settings().pay_title, data, |data, lang| {
        view! { <PaySettings data lang/> }
    })
}

#[component]
fn PaySettings(data: PaySettingsData, lang: Lang) -> impl IntoView {
    let save = <AdminSavePaySettings as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.form.input, data.form.errors);
    let texts = lang.settings();
    let tick = move |name: &'static str, label: &'static str, value: &str| {
        let id = format!("payments-{name}");
        view! {
            <div class="field checkbox">
                <input id=id.clone() type="checkbox" name=name checked=!value.is_empty() data-test=name/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <AdminNav title=texts.pay_title who=data.who lang/>
        {notice_line(data.notice)}
        <form method="post" action=save class="admin-form" data-test="pay-settings-form">
            <p class="hint">{texts.pay_hint}</p>
            <h2>{texts.pay_cash}</h2>
            {tick("cash_on_delivery", texts.pay_cash_on_delivery, &input.cash_on_delivery)}
            {tick("pay_at_pickup", texts.pay_at_pickup, &input.pay_at_pickup)}
            {field("payments", "cash_hours", texts.pay_cash_hours, input.cash_hours, &errors, lang, false)}
            <h2>{texts.pay_transfer}</h2>
            {tick("bank_transfer", texts.pay_take_transfers, &input.bank_transfer)}
            {field("payments", "bank", texts.pay_bank, input.bank, &errors, lang, false)}
            {field("payments", "account_number", texts.pay_account_number, input.account_number, &errors, lang, false)}
            {field("payments", "account_holder", texts.pay_account_holder, input.account_holder, &errors, lang, false)}
            {field("payments", "transfer_hours", texts.pay_transfer_hours, input.transfer_hours, &errors, lang, false)}
            <button type="submit" class="button primary" data-test="save-pay-settings">{texts.save}</button>
        </form>
    }
}
