//! The product's pictures on its page in the admin: each with its words for a shopper who cannot see it and the
//! variant it shows, moved earlier or later and removed by plain forms (no JavaScript needed), then the upload of
//! another (a multipart form to the upload route, not a server function: it streams the file).

use leptos::prelude::*;

use super::{
    AdminDescribePicture, AdminRemovePicture, AdminShiftPicture, PictureEdit,
    pages::{field, problem_text},
};
use crate::i18n::Lang;

#[component]
pub(super) fn Pictures(
    product_id: i64,
    pictures: Vec<PictureEdit>,
    /// The product's variants, for the "which variant" choice.
    variants: Vec<(i64, String)>,
    max_kb: usize,
    lang: Lang,
) -> impl IntoView {
    let texts = lang.settings();
    let count = pictures.len();
    let action = format!("/admin/products/{product_id}/image");
    view! {
        <h2>{texts.pictures_title}</h2>
        <p class="hint">{texts.pictures_hint}</p>
        {(count == 0).then(|| view! { <p class="hint" data-test="no-pictures">{texts.no_pictures}</p> })}
        <ol class="admin-pictures">
            {pictures
                .into_iter()
                .enumerate()
                .map(|(at, picture)| {
                    let place = Place { first: at == 0, last: at + 1 == count };
                    view! { <PictureItem product_id picture variants=variants.clone() place lang/> }
                })
                .collect_view()}
        </ol>
        <form method="post" action=action enctype="multipart/form-data" class="checkout-form" data-test="image-form">
            <div class="field">
                <label for="image">{texts.upload_image} " ≤ " {max_kb} " KB"</label>
                <input id="image" type="file" name="image" accept="image/jpeg,image/png,image/webp" required/>
            </div>
            <button type="submit" class="button">{texts.save}</button>
        </form>
    }
}

/// Where a picture stands among the product's: the first cannot move earlier, the last later.
#[derive(Clone, Copy)]
struct Place {
    first: bool,
    last: bool,
}

#[component]
fn PictureItem(
    product_id: i64,
    picture: PictureEdit,
    variants: Vec<(i64, String)>,
    place: Place,
    lang: Lang,
) -> impl IntoView {
    let texts = lang.settings();
    let describe = <AdminDescribePicture as leptos::server_fn::ServerFn>::PATH;
    let shift = <AdminShiftPicture as leptos::server_fn::ServerFn>::PATH;
    let remove = <AdminRemovePicture as leptos::server_fn::ServerFn>::PATH;
    let form_id = format!("picture-{}", picture.id);
    let (input, errors) = (picture.form.input, picture.form.errors);
    let variant_problem = errors
        .iter()
        .find(|e| e.field == "variant")
        .map(|e| problem_text(e.problem, lang));
    let ids = move || {
        view! {
            <input type="hidden" name="product_id" value=product_id/>
            <input type="hidden" name="picture_id" value=picture.id/>
        }
    };
    let shift_button = move |direction: &'static str, label: &'static str, test: &'static str| {
        view! {
            <form method="post" action=shift>
                {ids()}
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class="button" data-test=test>{label}</button>
            </form>
        }
    };
    view! {
        <li class="admin-picture-item" data-test="admin-picture" data-picture=picture.id>
            <img class="admin-picture" src=picture.src alt="" width="160" height="160" data-test="product-image"/>
            <form method="post" action=describe class="checkout-form">
                {ids()}
                {field(&form_id, "alt_mn", texts.picture_alt_mn, input.alt_mn, &errors, lang, false)}
                {field(&form_id, "alt_en", texts.picture_alt_en, input.alt_en, &errors, lang, false)}
                <div class="field">
                    <label for=format!("{form_id}-variant")>{texts.picture_variant}</label>
                    <select id=format!("{form_id}-variant") name="variant">
                        <option value="" selected=input.variant.is_empty()>{texts.picture_whole_product}</option>
                        {variants
                            .into_iter()
                            .map(|(id, name)| {
                                let chosen = input.variant == id.to_string();
                                view! { <option value=id selected=chosen>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                    {variant_problem.map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                </div>
                <button type="submit" class="button" data-test="save-picture">{texts.save}</button>
            </form>
            <div class="admin-picture-actions">
                {(!place.first).then(|| shift_button("earlier", texts.move_earlier, "picture-earlier"))}
                {(!place.last).then(|| shift_button("later", texts.move_later, "picture-later"))}
                <form method="post" action=remove>
                    {ids()}
                    <button type="submit" class="button" data-test="remove-picture">{texts.remove_picture}</button>
                </form>
            </div>
        </li>
    }
}
