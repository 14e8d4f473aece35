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

const TITLE: (&str, &str) = ("Төлбөрийн арга", "Ways to pay");

#[component]
pub fn PaySettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_pay_settings());
    owner_page(use_lang().pick(TITLE.0, TITLE.1), data, |data, lang| {
        view! { <PaySettings data lang/> }
    })
}

#[component]
fn PaySettings(data: PaySettingsData, lang: Lang) -> impl IntoView {
    let save = <AdminSavePaySettings as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.form.input, data.form.errors);
    let pick = move |mn: &'static str, en: &'static str| lang.pick(mn, en);
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
        <AdminNav title=pick(TITLE.0, TITLE.1) who=data.who lang/>
        {notice_line(data.notice)}
        <form method="post" action=save class="admin-form" data-test="pay-settings-form">
            <p class="hint">{pick(
                "QPay үргэлж нээлттэй. Доорх аргаар төлсөн захиалгын мөнгийг та өөрөө хүлээн авч, захиалгын хуудсанд тэмдэглэнэ.",
                "QPay is always on. For the ways below you take the money yourself and record it on the order's page.",
            )}</p>
            <h2>{pick("Бэлэн мөнгө", "Cash")}</h2>
            {tick("cash_on_delivery", pick("Хүргэлтээр бэлнээр (Улаанбаатарт)", "Cash on delivery (in Ulaanbaatar)"), &input.cash_on_delivery)}
            {tick("pay_at_pickup", pick("Авах цэг дээр төлөх", "Pay at the pickup point"), &input.pay_at_pickup)}
            {field("payments", "cash_hours", pick("Савлахгүй бол хэдэн цагийн дараа цуцлах", "Hours until an unpacked cash order expires"), input.cash_hours, &errors, lang, false)}
            <h2>{pick("Дансаар шилжүүлэх", "Bank transfer")}</h2>
            {tick("bank_transfer", pick("Дансаар шилжүүлэхийг зөвшөөрөх", "Take bank transfers"), &input.bank_transfer)}
            {field("payments", "bank", pick("Банк", "Bank"), input.bank, &errors, lang, false)}
            {field("payments", "account_number", pick("Дансны дугаар", "Account number"), input.account_number, &errors, lang, false)}
            {field("payments", "account_holder", pick("Данс эзэмшигч", "Account holder"), input.account_holder, &errors, lang, false)}
            {field("payments", "transfer_hours", pick("Шилжүүлэг хүлээх цаг", "Hours to wait for a transfer"), input.transfer_hours, &errors, lang, false)}
            <button type="submit" class="button primary" data-test="save-pay-settings">{pick("Хадгалах", "Save")}</button>
        </form>
    }
}
