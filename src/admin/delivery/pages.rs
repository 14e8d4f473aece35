//! The delivery settings page: one plain form per zone, per pickup point and for the countryside, each with an
//! empty "new" form after the list, so it works on any phone without JavaScript.

use leptos::prelude::*;

use super::{
    super::{
        catalog::{field, notice_line},
        pages::{AdminNav, owner_page},
    },
    AdminSaveCountryside, AdminSavePickupPoint, AdminSaveZone, DeliveryData, Edit,
    form::{PickupForm, ZoneForm},
    get_admin_delivery,
};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn DeliveryPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_delivery());
    owner_page(
        use_lang().settings().delivery,
        data,
        |data, lang| view! { <Delivery data lang/> },
    )
}

fn active_box(form_id: &str, checked: bool, lang: Lang) -> impl IntoView + use<> {
    let id = format!("{form_id}-active");
    view! {
        <div class="field checkbox">
            <input id=id.clone() type="checkbox" name="active" checked=checked/>
            <label for=id>{lang.settings().active}</label>
        </div>
    }
}

fn id_field(id: Option<i64>) -> impl IntoView {
    id.map(|id| view! { <input type="hidden" name="id" value=id/> })
}

#[component]
fn Delivery(data: DeliveryData, lang: Lang) -> impl IntoView {
    let countryside = <AdminSaveCountryside as leptos::server_fn::ServerFn>::PATH;
    let (input, errors) = (data.countryside.input, data.countryside.errors);
    let text = |name: &'static str, label: &'static str, value: &str| {
        field("countryside", name, label, value.to_owned(), &errors, lang, false)
    };
    view! {
        <AdminNav title=lang.settings().delivery who=data.who lang/>
        {notice_line(data.notice)}
        <h2>{lang.settings().zones}</h2>
        {data.zones.into_iter().map(|edit| view! { <ZoneEditor edit lang/> }).collect_view()}
        <h2>{lang.settings().pickup_points}</h2>
        {data.pickup_points.into_iter().map(|edit| view! { <PickupEditor edit lang/> }).collect_view()}
        <h2>{lang.settings().countryside}</h2>
        <form method="post" action=countryside class="admin-form" data-test="countryside-form">
            {text("fee", lang.settings().zone_fee, &input.fee)}
            {text("free_from", lang.settings().zone_free_from, &input.free_from)}
            {text("method_mn", lang.settings().countryside_method_mn, &input.method_mn)}
            {text("method_en", lang.settings().countryside_method_en, &input.method_en)}
            {text("promise_mn", lang.settings().zone_promise_mn, &input.promise_mn)}
            {text("promise_en", lang.settings().zone_promise_en, &input.promise_en)}
            {text("fees", lang.settings().countryside_fees, &input.fees)}
            {active_box("countryside", input.active.is_some(), lang)}
            <button type="submit" class="button primary">{lang.settings().save}</button>
        </form>
    }
}

#[component]
fn ZoneEditor(edit: Edit<ZoneForm>, lang: Lang) -> impl IntoView {
    let save = <AdminSaveZone as leptos::server_fn::ServerFn>::PATH;
    let form_id = edit.id.map_or("zone-new".to_owned(), |id| format!("zone-{id}"));
    let (input, errors) = (edit.form.input, edit.form.errors);
    let text = |name: &'static str, label: &'static str, value: &str| {
        field(&form_id, name, label, value.to_owned(), &errors, lang, false)
    };
    view! {
        <form method="post" action=save class="admin-form" data-test="zone-form" data-zone=form_id.clone()>
            {edit.id.is_none().then(|| view! { <h3>{lang.settings().new_zone}</h3> })}
            {id_field(edit.id)}
            {text("name_mn", lang.settings().zone_name_mn, &input.name_mn)}
            {text("name_en", lang.settings().zone_name_en, &input.name_en)}
            {text("fee", lang.settings().zone_fee, &input.fee)}
            {text("free_from", lang.settings().zone_free_from, &input.free_from)}
            {text("promise_mn", lang.settings().zone_promise_mn, &input.promise_mn)}
            {text("promise_en", lang.settings().zone_promise_en, &input.promise_en)}
            {text("areas", lang.settings().zone_areas, &input.areas)}
            {active_box(&form_id, input.active.is_some(), lang)}
            <button type="submit" class="button primary">{lang.settings().save}</button>
        </form>
    }
}

#[component]
fn PickupEditor(edit: Edit<PickupForm>, lang: Lang) -> impl IntoView {
    let save = <AdminSavePickupPoint as leptos::server_fn::ServerFn>::PATH;
    let form_id = edit.id.map_or("pickup-new".to_owned(), |id| format!("pickup-{id}"));
    let (input, errors) = (edit.form.input, edit.form.errors);
    let text = |name: &'static str, label: &'static str, value: &str| {
        field(&form_id, name, label, value.to_owned(), &errors, lang, false)
    };
    view! {
        <form method="post" action=save class="admin-form" data-test="pickup-form">
            {edit.id.is_none().then(|| view! { <h3>{lang.settings().new_pickup}</h3> })}
            {id_field(edit.id)}
            {text("name_mn", lang.settings().zone_name_mn, &input.name_mn)}
            {text("name_en", lang.settings().zone_name_en, &input.name_en)}
            {text("address_mn", lang.settings().pickup_address_mn, &input.address_mn)}
            {text("address_en", lang.settings().pickup_address_en, &input.address_en)}
            {text("hours_mn", lang.settings().pickup_hours_mn, &input.hours_mn)}
            {text("hours_en", lang.settings().pickup_hours_en, &input.hours_en)}
            {active_box(&form_id, input.active.is_some(), lang)}
            <button type="submit" class="button primary">{lang.settings().save}</button>
        </form>
    }
}
