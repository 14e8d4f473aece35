//! The owner's catalog pages: the product list with categories (`/admin/products`) and one product with its
//! variants and picture (`/admin/products/{id}`, `/admin/products/new`). Plain forms, so they work on any phone.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{
    super::pages::{AdminNav, not_allowed, owner_page, to_sign_in},
    AdminSaveCategory, AdminSaveProduct, AdminSaveVariant, CatalogData, CategoryOption, ProductEditData, Returned,
    VariantEdit,
    form::{ProductForm, VariantForm},
    get_admin_catalog, get_admin_product,
};
use crate::{
    admin::form::{FieldError, Problem},
    error::AppError,
    i18n::{Lang, use_lang},
    ui::{ErrorNotice, NotFound},
};

pub fn problem_text(problem: Problem, lang: Lang) -> &'static str {
    let texts = lang.settings();
    match problem {
        Problem::Required => texts.problem_required,
        Problem::TooLong => texts.problem_too_long,
        Problem::NotASlug => texts.problem_not_a_slug,
        Problem::NotASku => texts.problem_not_a_sku,
        Problem::NotAPrice => texts.problem_not_a_price,
        Problem::NotAStock => texts.problem_not_a_stock,
        Problem::NotAClassificationCode => texts.problem_not_a_classification_code,
        Problem::Taken => texts.problem_taken,
        Problem::UnknownCategory => texts.problem_unknown_category,
        Problem::NotACode => texts.problem_not_a_code,
        Problem::NotAPercent => texts.problem_not_a_percent,
        Problem::NotACount => texts.problem_not_a_count,
        Problem::NotADate => texts.problem_not_a_date,
        Problem::EndsBeforeStart => texts.problem_ends_before_start,
        Problem::UnknownProduct => texts.problem_unknown_product,
        Problem::UnknownVariant => texts.problem_unknown_variant,
        Problem::UnknownDistrict => texts.problem_unknown_district,
        Problem::AreaTaken => texts.problem_area_taken,
        Problem::UnknownAimag => texts.problem_unknown_aimag,
        Problem::NotAPhone => texts.problem_not_a_phone,
        Problem::NotAnEmail => texts.problem_not_an_email,
        Problem::NotMinutes => texts.problem_not_minutes,
        Problem::NotAnAccount => texts.problem_not_an_account,
        Problem::NotHours => texts.problem_not_hours,
        Problem::NotAColour => lang.identity().problem_not_a_colour,
        Problem::LowContrast => lang.identity().problem_low_contrast,
        Problem::NotALink => lang.identity().problem_not_a_link,
        Problem::NotTimes => lang.identity().problem_not_times,
        Problem::NotContactPhones => lang.identity().problem_not_contact_phones,
    }
}

/// A labelled input (or textarea), with its mistake beneath it when the form came back.
pub(in crate::admin) fn field(
    form_id: &str,
    name: &'static str,
    label: &'static str,
    value: String,
    errors: &[FieldError],
    lang: Lang,
    long: bool,
) -> impl IntoView + use<> {
    let id = format!("{form_id}-{name}");
    let error_id = format!("{id}-error");
    let problem = errors
        .iter()
        .find(|e| e.field == name)
        .map(|e| problem_text(e.problem, lang));
    let invalid = problem.map(|_| "true");
    let input = if long {
        leptos::either::Either::Left(view! {
            <textarea id=id.clone() name=name rows="4" aria-invalid=invalid aria-describedby=error_id.clone()>{value}</textarea>
        })
    } else {
        leptos::either::Either::Right(view! {
            <input id=id.clone() name=name value=value aria-invalid=invalid aria-describedby=error_id.clone()/>
        })
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            {problem.map(|text| view! {
                <p class="field-error" id=error_id role="alert" data-test=format!("error-{name}")>{text}</p>
            })}
        </div>
    }
}

fn archived_box(form_id: &str, checked: bool, lang: Lang) -> impl IntoView + use<> {
    let id = format!("{form_id}-archived");
    view! {
        <div class="field checkbox">
            <input id=id.clone() type="checkbox" name="archived" checked=checked/>
            <label for=id>{lang.settings().archived}</label>
        </div>
    }
}

pub(in crate::admin) fn notice_line(notice: Option<String>) -> impl IntoView {
    notice.map(|notice| view! { <p class="notice-line" role="status" data-test="action-notice">{notice}</p> })
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_catalog());
    owner_page(
        use_lang().settings().products,
        data,
        |data, lang| view! { <Catalog data lang/> },
    )
}

#[component]
fn Catalog(data: CatalogData, lang: Lang) -> impl IntoView {
    let save_category = <AdminSaveCategory as leptos::server_fn::ServerFn>::PATH;
    let Returned {
        input: category,
        errors,
    } = data.category_form;
    view! {
        <AdminNav title=lang.settings().products who=data.who lang/>
        {notice_line(data.notice)}
        <p>
            <a class="button primary" href="/admin/products/new" data-test="new-product">{lang.settings().new_product}</a>
            " " <a class="button" href="/admin/products/import" data-test="sheet-import">{lang.sheet().title}</a>
        </p>
        <ul class="admin-products" data-test="products">
            {data.products.into_iter().map(|product| {
                let href = format!("/admin/products/{}", product.id);
                view! {
                    <li class:archived=product.archived data-test="product-row" data-slug=product.slug.clone()>
                        <img src=product.image alt="" width="56" height="56" loading="lazy"/>
                        <a href=href><strong>{product.name}</strong></a>
                        <span class="muted">{product.category} " · " {product.variants} " "
                            {lang.settings().variant_count} " · " {lang.settings().stock} ": " {product.stock}</span>
                        {product.archived.then(|| view! { <span class="badge">{lang.settings().archived}</span> })}
                        {low_marks(product.low, lang)}
                    </li>
                }
            }).collect_view()}
        </ul>
        <h2>{lang.settings().categories}</h2>
        <ul class="admin-categories" data-test="categories">
            {data.categories.into_iter().map(|c| view! { <li><code>{c.slug}</code> " " {c.name}</li> }).collect_view()}
        </ul>
        <form method="post" action=save_category class="checkout-form" data-test="category-form">
            <h3>{lang.settings().new_category}</h3>
            {field("category", "slug", lang.settings().slug, category.slug, &errors, lang, false)}
            {field("category", "name_mn", lang.settings().name_mn, category.name_mn, &errors, lang, false)}
            {field("category", "name_en", lang.settings().name_en, category.name_en, &errors, lang, false)}
            <button type="submit" class="button">{lang.settings().save}</button>
        </form>
        {super::stock::stock_settings_section(data.stock_settings, lang)}
    }
}

/// A product's variants at or below their low-stock level, each marked with how many are left.
fn low_marks(low: Vec<(String, i64)>, lang: Lang) -> impl IntoView {
    low.into_iter()
        .map(|(name, stock)| {
            let left = lang.stock().left.replace("{n}", &stock.to_string());
            view! {
                <span class="badge low-stock" data-test="low-stock" title=lang.stock().low_mark>
                    {name} ": " {left}
                </span>
            }
        })
        .collect_view()
}

#[component]
pub fn ProductEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = leptos_router::hooks::use_params_map();
    // `/admin/products/new` has no id; any other text that is not a number is no product at all.
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(
        move || id.clone(),
        |id| async move {
            match id.as_str() {
                "" | "new" => get_admin_product(None).await,
                number => match number.parse::<i64>() {
                    Ok(id) => get_admin_product(Some(id)).await,
                    Err(_) => Err(AppError::NotFound),
                },
            }
        },
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p>{lang.shop().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => leptos::either::EitherOf5::A(view! { <ProductEdit data lang/> }),
                    Err(AppError::Unauthorized) => leptos::either::EitherOf5::B(to_sign_in(lang)),
                    Err(AppError::Forbidden) => leptos::either::EitherOf5::C(not_allowed(lang)),
                    Err(AppError::NotFound) => leptos::either::EitherOf5::D(view! { <NotFound/> }),
                    Err(_) => leptos::either::EitherOf5::E(view! { <ErrorNotice/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductEdit(data: ProductEditData, lang: Lang) -> impl IntoView {
    let save = <AdminSaveProduct as leptos::server_fn::ServerFn>::PATH;
    let Returned { input, errors } = data.form;
    let title = if data.id.is_some() {
        input.name_mn.clone()
    } else {
        lang.settings().new_product.to_owned()
    };
    let shop_link = (data.id.is_some() && input.archived.is_none()).then(|| format!("/products/{}", input.slug));
    view! {
        <Title text=format!("{title} — {}", crate::shop_identity::use_identity().name(lang))/>
        <AdminNav who=data.who.clone() lang/>
        <p><a href="/admin/products">"← " {lang.settings().products}</a></p>
        <h1>{title}</h1>
        {notice_line(data.notice)}
        {shop_link.map(|href| view! { <p><a href=href>{lang.settings().view_in_shop}</a></p> })}
        <form method="post" action=save class="checkout-form" data-test="product-form">
            {data.id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <ProductFields input errors categories=data.categories lang/>
            <button type="submit" class="button primary" data-test="save-product">{lang.settings().save}</button>
        </form>
        {data.id.map(|id| view! {
            <super::gallery::Pictures
                product_id=id
                pictures=data.pictures
                variants=variant_names(&data.variants, lang)
                max_kb=data.max_image_kb
                lang
            />
            <h2>{lang.settings().variants}</h2>
            {data.variants.into_iter().map(|variant| view! { <VariantEditForm product_id=id variant lang/> }).collect_view()}
        })}
        {super::stock::moves_section(data.stock_moves, lang)}
    }
}

#[component]
fn ProductFields(
    input: ProductForm,
    errors: Vec<FieldError>,
    categories: Vec<CategoryOption>,
    lang: Lang,
) -> impl IntoView {
    let category_problem = errors
        .iter()
        .find(|e| e.field == "category")
        .map(|e| problem_text(e.problem, lang));
    view! {
        {field("product", "slug", lang.settings().slug, input.slug, &errors, lang, false)}
        <div class="field">
            <label for="product-category">{lang.settings().category}</label>
            <select id="product-category" name="category" required>
                {categories.into_iter().map(|c| {
                    let chosen = c.slug == input.category;
                    view! { <option value=c.slug selected=chosen>{c.name}</option> }
                }).collect_view()}
            </select>
            {category_problem.map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        </div>
        {field("product", "name_mn", lang.settings().name_mn, input.name_mn, &errors, lang, false)}
        {field("product", "name_en", lang.settings().name_en, input.name_en, &errors, lang, false)}
        {field("product", "description_mn", lang.settings().description_mn, input.description_mn, &errors, lang, true)}
        {field("product", "description_en", lang.settings().description_en, input.description_en, &errors, lang, true)}
        {field("product", "classification_code", lang.settings().classification_code, input.classification_code, &errors, lang, false)}
        {archived_box("product", input.archived.is_some(), lang)}
    }
}

/// The product's variants by id and name in the owner's language, for choosing the one a picture shows.
fn variant_names(variants: &[VariantEdit], lang: Lang) -> Vec<(i64, String)> {
    variants
        .iter()
        .filter_map(|v| {
            let name = lang.pick(&v.form.input.name_mn, &v.form.input.name_en).to_owned();
            v.id.map(|id| (id, name))
        })
        .collect()
}

#[component]
fn VariantEditForm(product_id: i64, variant: VariantEdit, lang: Lang) -> impl IntoView {
    let save = <AdminSaveVariant as leptos::server_fn::ServerFn>::PATH;
    let form_id = variant
        .id
        .map_or("variant-new".to_owned(), |id| format!("variant-{id}"));
    let Returned { input, errors } = variant.form;
    let VariantForm {
        sku,
        name_mn,
        name_en,
        price,
        stock,
        stock_shown,
        low_stock,
        archived,
    } = input;
    let heading = variant
        .id
        .is_none()
        .then(|| view! { <h3>{lang.settings().add_variant}</h3> });
    let test = if variant.id.is_some() {
        "variant-form"
    } else {
        "new-variant-form"
    };
    let shown_sku = sku.clone();
    view! {
        <form method="post" action=save class="checkout-form variant-form" data-test=test data-sku=shown_sku>
            {heading}
            <input type="hidden" name="product_id" value=product_id/>
            {variant.id.map(|id| view! {
                <input type="hidden" name="variant_id" value=id/>
                <input type="hidden" name="stock_shown" value=stock_shown/>
            })}
            {field(&form_id, "sku", lang.settings().sku, sku, &errors, lang, false)}
            {field(&form_id, "name_mn", lang.settings().name_mn, name_mn, &errors, lang, false)}
            {field(&form_id, "name_en", lang.settings().name_en, name_en, &errors, lang, false)}
            {field(&form_id, "price", lang.settings().price, price, &errors, lang, false)}
            {field(&form_id, "stock", lang.settings().stock, stock, &errors, lang, false)}
            {field(&form_id, "low_stock", lang.stock().low_stock, low_stock, &errors, lang, false)}
            {variant.id.map(|_| archived_box(&form_id, archived.is_some(), lang))}
            <button type="submit" class="button" data-test="save-variant">{lang.settings().save}</button>
        </form>
    }
}
