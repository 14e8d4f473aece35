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

#[component]
pub fn MessageSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_message_settings());
    owner_page(use_lang().settings().messages_title, data, |data, lang| {
        view! { <MessageSettings data lang/> }
    })
}

#[component]
fn MessageSettings(data: MessageSettingsData, lang: Lang) -> impl IntoView {
    let save = <AdminSaveMessageSettings as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.form.input, data.form.errors);
    let texts = lang.settings();
    let default_phone = data.default_phone.map(|phone| {
        view! {
            <p class="hint" data-test="default-owner-phone">
                {texts.messages_default_phone}{phone}
            </p>
        }
    });
    view! {
        <AdminNav title=texts.messages_title who=data.who lang/>
        {notice_line(data.notice)}
        <form method="post" action=save class="admin-form" data-test="message-settings-form">
            <h2>{texts.messages_to_owner}</h2>
            <p class="hint">
                {texts.messages_to_owner_hint}
            </p>
            {field("messages", "owner_phone", texts.messages_owner_phone, input.owner_phone, &errors, lang, false)}
            {default_phone}
            {field("messages", "owner_email", texts.email, input.owner_email, &errors, lang, false)}
            <h2>{texts.messages_to_shopper}</h2>
            <p class="hint">
                {texts.messages_reminder_hint}
            </p>
            {field(
                "messages",
                "reminder_minutes",
                texts.messages_reminder,
                input.reminder_minutes,
                &errors,
                lang,
                false,
            )}
            <h2>{texts.sms_budget}</h2>
            <p class="hint">{texts.sms_budget_hint}</p>
            {field(
                "messages",
                "sms_per_phone_day",
                texts.messages_per_phone_day,
                input.sms_per_phone_day,
                &errors,
                lang,
                false,
            )}
            <p class="hint">{format!("{}: {}", texts.sms_budget_default, SmsBudget::DEFAULT_PER_PHONE_PER_DAY)}</p>
            {field(
                "messages",
                "sms_per_hour",
                texts.messages_per_hour,
                input.sms_per_hour,
                &errors,
                lang,
                false,
            )}
            <p class="hint">{format!("{}: {}", texts.sms_budget_default, SmsBudget::DEFAULT_PER_HOUR)}</p>
            <button type="submit" class="button primary" data-test="save-message-settings">
                {texts.save}
            </button>
        </form>
    }
}
