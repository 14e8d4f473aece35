//! The message settings page: one plain form, its mistakes beside their fields.

use leptos::prelude::*;

use super::{
    super::{
        catalog::{field, notice_line},
        pages::{AdminNav, owner_page},
    },
    AdminSaveMessageSettings, MessageSettingsData, get_admin_message_settings,
};
use crate::{
    domain::sms_budget::SmsBudget,
    i18n::{Lang, use_lang},
};

const TITLE: (&str, &str) = ("Мэдэгдэл", "Messages");

#[component]
pub fn MessageSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_message_settings());
    owner_page(use_lang().pick(TITLE.0, TITLE.1), data, |data, lang| {
        view! { <MessageSettings data lang/> }
    })
}

#[component]
fn MessageSettings(data: MessageSettingsData, lang: Lang) -> impl IntoView {
    let save = <AdminSaveMessageSettings as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.form.input, data.form.errors);
    let pick = move |mn: &'static str, en: &'static str| lang.pick(mn, en);
    let strings = lang.strings();
    let default_phone = data.default_phone.map(|phone| {
        view! {
            <p class="hint" data-test="default-owner-phone">
                {pick("Хоосон бол OWNER_PHONE-ийн дугаар: ", "When empty, OWNER_PHONE's number: ")}{phone}
            </p>
        }
    });
    view! {
        <AdminNav title=pick(TITLE.0, TITLE.1) who=data.who lang/>
        {notice_line(data.notice)}
        <form method="post" action=save class="admin-form" data-test="message-settings-form">
            <h2>{pick("Эзэнд", "To the owner")}</h2>
            <p class="hint">
                {pick(
                    "Шинэ төлөгдсөн захиалга, анхаарах захиалга, гараагүй и-баримт, амжилтгүй буцаалтын тухай SMS болон имэйл.",
                    "An SMS and an e-mail for each new paid order, an order that needs you, a receipt not issued and a failed refund.",
                )}
            </p>
            {field("messages", "owner_phone", pick("Утас", "Phone"), input.owner_phone, &errors, lang, false)}
            {default_phone}
            {field("messages", "owner_email", pick("Имэйл", "E-mail"), input.owner_email, &errors, lang, false)}
            <h2>{pick("Худалдан авагчид", "To the shopper")}</h2>
            <p class="hint">
                {pick(
                    "Төлөгдөөгүй захиалгын нэхэмжлэл дуусахаас хэдэн минутын өмнө сануулах вэ. Хоосон бол сануулахгүй.",
                    "How many minutes before an unpaid order's invoice runs out its shopper is reminded. Empty: no reminder.",
                )}
            </p>
            {field(
                "messages",
                "reminder_minutes",
                pick("Сануулга (минут)", "Reminder (minutes)"),
                input.reminder_minutes,
                &errors,
                lang,
                false,
            )}
            <h2>{strings.admin_sms_budget}</h2>
            <p class="hint">{strings.admin_sms_budget_hint}</p>
            {field(
                "messages",
                "sms_per_phone_day",
                pick("Нэг дугаарт 24 цагт", "To one phone in 24 hours"),
                input.sms_per_phone_day,
                &errors,
                lang,
                false,
            )}
            <p class="hint">{format!("{}: {}", strings.admin_sms_budget_default, SmsBudget::DEFAULT_PER_PHONE_PER_DAY)}</p>
            {field(
                "messages",
                "sms_per_hour",
                pick("Дэлгүүрээс нэг цагт", "From the shop in an hour"),
                input.sms_per_hour,
                &errors,
                lang,
                false,
            )}
            <p class="hint">{format!("{}: {}", strings.admin_sms_budget_default, SmsBudget::DEFAULT_PER_HOUR)}</p>
            <button type="submit" class="button primary" data-test="save-message-settings">
                {pick("Хадгалах", "Save")}
            </button>
        </form>
    }
}
