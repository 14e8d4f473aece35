//! The checkout page: the cart's summary and the shopper's details. A plain form: it posts to `place_order`,
//! which redirects to the new order, or back here with the problems next to their fields.

use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

use super::{
    CheckoutPageData, PickupChoice, PlaceOrder, UpdateCheckout,
    form::{CheckoutForm, Field, FieldErrors},
    get_checkout,
    totals::LiveTotals,
};
use crate::{
    domain::{aimag::AIMAGS, district::DISTRICTS},
    i18n::{Lang, use_lang},
    ui::{ErrorNotice, IslandScripts},
};

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(move || lang, get_checkout);
    view! {
        <Title text=format!("{} — {}", lang.shop().checkout, crate::shop_identity::use_identity().name(lang))/>
        <h1>{lang.shop().checkout}</h1>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) if data.cart.lines.is_empty() => Either::Left(Either::Left(view! {
                        <section class="notice" data-test="cart-empty">
                            <p>{lang.shop().cart_empty}</p>
                            <a href="/">{lang.shop().back_to_shop}</a>
                        </section>
                    })),
                    Ok(data) => Either::Left(Either::Right(view! { <CheckoutForm data lang/> })),
                    Err(_) => Either::Right(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CheckoutForm(data: CheckoutPageData, lang: Lang) -> impl IntoView {
    let form = data.form;
    let errors = StoredValue::new(data.errors);
    let error_for = move |field: Field| errors.with_value(|errors| error_text(errors, field, lang));
    let field = move |field: Field, id: &'static str, label: &'static str, input: AnyView| {
        errors.with_value(|errors| field_row(errors, lang, field, id, label, input))
    };
    let invalid = move |f: Field| error_for(f).is_some().then_some("true");
    let action = <PlaceOrder as leptos::server_fn::ServerFn>::PATH;
    let update = <UpdateCheckout as leptos::server_fn::ServerFn>::PATH;
    view! {
        {data.notice.map(|notice| view! { <p class="notice-line error" role="alert">{notice}</p> })}
        <div class="checkout">
            <form method="post" action=action id="checkout-form" class="checkout-form" data-test="checkout-form" novalidate>
                <input type="hidden" name="key" value=data.key/>
                {field(Field::Name, "name", lang.checkout().field_name, view! {
                    <input id="name" name="name" autocomplete="name" required value=form.name.clone() aria-invalid=invalid(Field::Name) aria-describedby="name-error"/>
                }.into_any())}
                {field(Field::Phone, "phone", lang.checkout().field_phone, view! {
                    <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" placeholder="9911 2233" required value=form.phone.clone() aria-invalid=invalid(Field::Phone) aria-describedby="phone-error"/>
                }.into_any())}
                {field(Field::Email, "email", lang.checkout().field_email, view! {
                    <input id="email" name="email" type="email" autocomplete="email" value=form.email.clone() aria-invalid=invalid(Field::Email) aria-describedby="email-error"/>
                }.into_any())}
                <DeliveryFields form=form.clone() errors=errors.get_value() pickup_points=data.pickup_points lang/>
                {field(Field::DiscountCode, "discount_code", lang.checkout().field_discount_code, view! {
                    <input id="discount_code" name="discount_code" autocomplete="off" value=form.discount_code.clone() aria-invalid=invalid(Field::DiscountCode) aria-describedby="discount_code-error"/>
                }.into_any())}
                <button type="submit" class="button" formaction=update data-test="apply-code">{lang.checkout().update_total}</button>
                {(data.pay_methods.len() > 1).then(|| {
                    let chosen = if form.pay_method.is_empty() { "qpay".to_owned() } else { form.pay_method.clone() };
                    let error = error_for(Field::PayMethod);
                    let has_error = error.is_some();
                    view! {
                        <fieldset class="field pay-choice" class:has-error=has_error data-test="pay-choice">
                            <legend>{lang.checkout().field_pay_method}</legend>
                            {data.pay_methods.into_iter().map(|(value, label)| {
                                let checked = chosen == value;
                                view! { <label><input type="radio" name="pay_method" value=value checked=checked/> " " {label}</label> }
                            }).collect_view()}
                            {error.map(|message| view! { <p class="field-error" role="alert" data-test="pay-method-error">{message}</p> })}
                        </fieldset>
                    }
                })}
                {data.ebarimt.then(|| {
                    let company = form.receipt == "company";
                    view! {
                        <fieldset class="field receipt-choice" data-test="receipt-choice">
                            <legend>{lang.checkout().field_receipt}</legend>
                            <label><input type="radio" name="receipt" value="citizen" checked=!company/> {lang.checkout().receipt_citizen}</label>
                            <label><input type="radio" name="receipt" value="company" checked=company/> {lang.checkout().receipt_company}</label>
                        </fieldset>
                        {field(Field::RegisterNo, "register_no", lang.checkout().field_register_no, view! {
                            <input id="register_no" name="register_no" inputmode="numeric" maxlength="9" value=form.register_no.clone() aria-invalid=invalid(Field::RegisterNo) aria-describedby="register_no-error"/>
                        }.into_any())}
                    }
                })}
                {field(Field::Note, "note", lang.checkout().field_note, view! {
                    <textarea id="note" name="note" rows="2" aria-invalid=invalid(Field::Note) aria-describedby="note-error">{form.note.clone()}</textarea>
                }.into_any())}
                // No amount on the button: the running total beside it is the one kept up to date.
                {accept(lang)}
                <button type="submit" class="button primary" data-test="place-order">{lang.checkout().place_order}</button>
            </form>
            <aside class="checkout-summary">
                <h2>{lang.shop().cart_title}</h2>
                <ul>
                    {data.cart.lines.into_iter().map(|line| view! {
                        <li>
                            <span>{line.product_name} " (" {line.variant_name} ") × " {line.quantity}</span>
                            <strong>{line.line_total.to_string()}</strong>
                        </li>
                    }).collect_view()}
                </ul>
                <LiveTotals price=data.price lang/>
            </aside>
            <IslandScripts/>
        </div>
    }
}

/// A field's error in `lang`, if the form has one.
fn error_text(errors: &FieldErrors, field: Field, lang: Lang) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, error)| error.message(lang))
}

/// One field of the customer's form: its label, its input, and its error beside it (checkout, and the order the
/// owner makes).
pub fn field_row(
    errors: &FieldErrors,
    lang: Lang,
    field: Field,
    id: &'static str,
    label: &'static str,
    input: AnyView,
) -> impl IntoView + use<> {
    let error = error_text(errors, field, lang);
    let has_error = error.is_some();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id>{label}</label>
            {input}
            {error.map(|message| view! { <p class="field-error" id=error_id role="alert">{message}</p> })}
        </div>
    }
}

/// A list of places to choose one from (`(code, name)`: the districts, the aimags), after a "choose" option, with
/// the `chosen` one selected.
fn place_select(
    id: &'static str,
    invalid: Option<&'static str>,
    places: Vec<(&'static str, String)>,
    chosen: &str,
    lang: Lang,
) -> AnyView {
    view! {
        <select id=id name=id aria-invalid=invalid aria-describedby=format!("{id}-error")>
            <option value="">{lang.checkout().choose}</option>
            {places.into_iter().map(|(code, name)| view! { <option value=code selected=chosen == code>{name}</option> }).collect_view()}
        </select>
    }
    .into_any()
}

/// Where the order goes: in Ulaanbaatar (district, khoroo), to the countryside (aimag, soum), or a pickup point;
/// the address; each with its error.
#[component]
pub fn DeliveryFields(
    form: CheckoutForm,
    errors: FieldErrors,
    pickup_points: Vec<PickupChoice>,
    lang: Lang,
) -> impl IntoView {
    let errors = StoredValue::new(errors);
    let field = move |field: Field, id: &'static str, label: &'static str, input: AnyView| {
        errors.with_value(|errors| field_row(errors, lang, field, id, label, input))
    };
    let invalid = move |f: Field| errors.with_value(|errors| error_text(errors, f, lang)).map(|_| "true");
    let (is_pickup, is_countryside) = (form.delivery == "pickup", form.delivery == "countryside");
    view! {
                <fieldset class="field delivery-choice">
                    <legend>{lang.checkout().field_delivery}</legend>
                    <label><input type="radio" name="delivery" value="delivery" checked=!is_pickup && !is_countryside/> {lang.checkout().delivery_ub}</label>
                    <label><input type="radio" name="delivery" value="countryside" checked=is_countryside/> {lang.checkout().delivery_countryside}</label>
                    <label><input type="radio" name="delivery" value="pickup" checked=is_pickup/> {lang.checkout().pickup}</label>
                </fieldset>
                <fieldset class="delivery-place" data-test="city-fields">
                    <legend>{lang.checkout().delivery_ub}</legend>
                    {field(Field::District, "district", lang.checkout().field_district, place_select(
                        "district",
                        invalid(Field::District),
                        DISTRICTS.iter().map(|d| (d.code, lang.pick(d.name_mn, d.name_en).to_owned())).collect(),
                        &form.district,
                        lang,
                    ))}
                    {field(Field::Khoroo, "khoroo", lang.checkout().field_khoroo, view! {
                        <input id="khoroo" name="khoroo" inputmode="numeric" value=form.khoroo.clone() aria-invalid=invalid(Field::Khoroo) aria-describedby="khoroo-error"/>
                    }.into_any())}
                </fieldset>
                <fieldset class="delivery-place" data-test="countryside-fields">
                    <legend>{lang.checkout().delivery_countryside}</legend>
                    {field(Field::Aimag, "aimag", lang.checkout().field_aimag, place_select(
                        "aimag",
                        invalid(Field::Aimag),
                        AIMAGS.iter().map(|a| {
                            (a.code, format!("{} ({})", lang.pick(a.name_mn, a.name_en), lang.pick(a.centre_mn, a.centre_en)))
                        }).collect(),
                        &form.aimag,
                        lang,
                    ))}
                    {field(Field::Soum, "soum", lang.checkout().field_soum, view! {
                        <input id="soum" name="soum" value=form.soum.clone() aria-invalid=invalid(Field::Soum) aria-describedby="soum-error"/>
                    }.into_any())}
                </fieldset>
                {field(Field::Address, "address", lang.checkout().field_address, view! {
                    <textarea id="address" name="address" rows="2" autocomplete="street-address" aria-invalid=invalid(Field::Address) aria-describedby="address-error">{form.address.clone()}</textarea>
                }.into_any())}
                {field(Field::PickupPoint, "pickup_point", lang.checkout().field_pickup_point, view! {
                    <select id="pickup_point" name="pickup_point" aria-invalid=invalid(Field::PickupPoint) aria-describedby="pickup_point-error">
                        {pickup_points.iter().map(|point| {
                            let value = point.id.to_string();
                            let selected = form.pickup_point == value;
                            view! { <option value=value selected=selected>{point.label.clone()}</option> }
                        }).collect_view()}
                    </select>
                }.into_any())}
    }
}

/// "By paying you accept the terms and the returns policy", with links to those of the two the owner has written.
fn accept(lang: Lang) -> Option<impl IntoView + use<>> {
    use crate::domain::shop_page::PageKind;
    let identity = crate::shop_identity::use_identity();
    let t = lang.identity();
    let links: Vec<_> = [PageKind::Terms, PageKind::Delivery]
        .into_iter()
        .filter(|kind| identity.pages.contains(kind))
        .map(|kind| view! { <a href=kind.path() target="_blank">{t.page_title(kind)}</a> })
        .collect();
    let mut links = links.into_iter();
    let first = links.next()?;
    let second = links.next().map(|link| view! { {t.accept_and} {link} });
    Some(view! { <p class="hint" data-test="accept-terms">{t.accept_before} {first} {second} {t.accept_after}</p> })
}
