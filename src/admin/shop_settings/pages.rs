//! The shop's settings page: one plain form in sections (name, colour, contacts, hours, social pages), each
//! mistake beside its field.

use leptos::prelude::*;

use super::{
    super::{
        catalog::{field, notice_line},
        form::FieldError,
        pages::{AdminNav, owner_page},
    },
    AdminRemoveLogo, AdminSaveShopSettings, ShopSettingsData,
    form::{DAYS, IdentityForm},
    get_admin_shop_settings,
};
use crate::{
    domain::district::DISTRICTS,
    i18n::{Lang, use_lang},
};

#[component]
pub fn ShopSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_shop_settings());
    owner_page(use_lang().identity().title, data, |data, lang| {
        view! { <ShopSettings data lang/> }
    })
}

#[component]
fn ShopSettings(data: ShopSettingsData, lang: Lang) -> impl IntoView {
    let save = <AdminSaveShopSettings as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.form.input, data.form.errors);
    let texts = lang.identity();
    let f = |name: &'static str, label: &'static str, value: &str| {
        field("shop", name, label, value.to_owned(), &errors, lang, false)
    };
    view! {
        <AdminNav title=texts.title who=data.who lang/>
        {notice_line(data.notice)}
        <LogoForms logo=data.logo max_kb=data.max_kb lang/>
        <form method="post" action=save class="admin-form" data-test="shop-settings-form">
            <h2>{texts.name_section}</h2>
            <p class="hint">{texts.name_hint}</p>
            {f("name_mn", texts.name_mn, &input.name_mn)}
            {f("name_en", texts.name_en, &input.name_en)}
            {f("short_name", texts.short_name, &input.short_name)}
            {f("tagline_mn", texts.tagline_mn, &input.tagline_mn)}
            {f("tagline_en", texts.tagline_en, &input.tagline_en)}
            {f("accent", texts.accent, &input.accent)}
            <p class="hint">{texts.accent_hint}</p>
            <h2>{texts.contacts}</h2>
            {f("phones", texts.phones, &input.phones)}
            {f("email", texts.email, &input.email)}
            <DistrictSelect chosen=input.district.clone() errors=errors.clone() lang/>
            {f("khoroo", texts.khoroo, &input.khoroo)}
            {f("street_mn", texts.street_mn, &input.street_mn)}
            {f("street_en", texts.street_en, &input.street_en)}
            {f("map_url", texts.map_url, &input.map_url)}
            <h2>{texts.hours}</h2>
            <p class="hint">{texts.hours_hint}</p>
            {hours_fields(&input, &errors, lang)}
            <h2>{texts.social}</h2>
            {f("facebook", texts.facebook, &input.facebook)}
            {f("instagram", texts.instagram, &input.instagram)}
            {f("messenger", texts.messenger, &input.messenger)}
            <button type="submit" class="button primary" data-test="save-shop-settings">
                {lang.settings().save}
            </button>
        </form>
        {super::writing::page_links(lang)}
    }
}

/// The logo: the one there is, a multipart form to the upload route (not a server function: it streams the
/// file), and a button to remove it.
#[component]
fn LogoForms(logo: Option<String>, max_kb: usize, lang: Lang) -> impl IntoView {
    let t = lang.identity();
    let remove = <AdminRemoveLogo as leptos::server_fn::ServerFn>::PATH;
    let shown = match logo.clone() {
        Some(src) => view! { <img class="admin-logo" src=src alt=t.logo data-test="settings-logo"/> }.into_any(),
        None => view! { <p class="hint">{t.no_logo}</p> }.into_any(),
    };
    view! {
        <section class="admin-form logo-forms">
            <h2>{t.logo}</h2>
            {shown}
            <p class="hint">{t.logo_hint}</p>
            <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" data-test="logo-form">
                <div class="field">
                    <label for="logo">{t.upload_logo} " ≤ " {max_kb} " KB"</label>
                    <input id="logo" type="file" name="logo" accept="image/jpeg,image/png,image/webp" required/>
                </div>
                <button type="submit" class="button">{lang.settings().save}</button>
            </form>
            {logo.map(|_| view! {
                <form method="post" action=remove data-test="remove-logo-form">
                    <button type="submit" class="button">{t.remove_logo}</button>
                </form>
            })}
        </section>
    }
}

/// The seven days' hours, Monday first.
fn hours_fields(input: &IdentityForm, errors: &[FieldError], lang: Lang) -> impl IntoView + use<> {
    let t = lang.identity();
    let names = t.days();
    let typed = input.days();
    DAYS.into_iter()
        .zip(names)
        .zip(typed)
        .map(|((name, day), value)| field("shop", name, day, value.to_owned(), errors, lang, false))
        .collect_view()
}

#[component]
fn DistrictSelect(chosen: String, errors: Vec<FieldError>, lang: Lang) -> impl IntoView {
    let wrong = errors.iter().any(|e| e.field == "district");
    let texts = lang.identity();
    view! {
        <div class="field">
            <label for="shop-district">{texts.district}</label>
            <select id="shop-district" name="district" aria-invalid=wrong.then_some("true")>
                <option value="" selected=chosen.is_empty()>{texts.no_district}</option>
                {DISTRICTS
                    .into_iter()
                    .map(|d| {
                        view! {
                            <option value=d.code selected=chosen == d.code>
                                {lang.pick(d.name_mn, d.name_en)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {wrong.then(|| view! {
                <p class="field-error" role="alert" data-test="error-district">
                    {lang.settings().problem_unknown_district}
                </p>
            })}
        </div>
    }
}
