//! The owner's catalog: products, their variants and categories (`/admin/products`). Forms post to the server
//! functions below; a form with mistakes comes back filled in as it was sent, each mistake beside its field.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{admin::form::FieldError, error::AppError};
use form::{CategoryForm, PictureForm, ProductForm, VariantForm};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductSummary {
    pub id: i64,
    pub slug: String,
    /// In the owner's language.
    pub name: String,
    pub category: String,
    pub image: String,
    pub archived: bool,
    /// Variants on sale, and their stock.
    pub variants: i64,
    pub stock: i64,
    /// Its variants on sale at or below their low-stock level: name in the owner's language, and stock.
    pub low: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub slug: String,
    /// In the owner's language.
    pub name: String,
}

/// A form sent back because of mistakes: which form, what was in it, and what is wrong.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Returned<T> {
    pub input: T,
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogData {
    pub who: crate::admin::Account,
    pub products: Vec<ProductSummary>,
    pub categories: Vec<CategoryOption>,
    pub notice: Option<String>,
    pub category_form: Returned<CategoryForm>,
    pub stock_settings: Returned<stock::StockSettingsForm>,
}

/// A variant's form on the product's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantEdit {
    /// `None` for the "add a variant" form.
    pub id: Option<i64>,
    pub form: Returned<VariantForm>,
}

/// A picture's place on the product's page: the picture, and its form (the owner's words, its variant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PictureEdit {
    pub id: i64,
    /// The narrowest stored width: the page draws it small.
    pub src: String,
    pub form: Returned<PictureForm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductEditData {
    pub who: crate::admin::Account,
    /// `None` while the product is being created.
    pub id: Option<i64>,
    pub form: Returned<ProductForm>,
    /// The owner's pictures of it, in their order.
    pub pictures: Vec<PictureEdit>,
    pub categories: Vec<CategoryOption>,
    /// The product's variants, then the empty "add a variant" form.
    pub variants: Vec<VariantEdit>,
    pub notice: Option<String>,
    /// The largest picture accepted, in KB.
    pub max_image_kb: usize,
    /// Its last stock moves made by a sheet, worded (newest first).
    pub stock_moves: Vec<String>,
}

/// A form sent back, kept in the session until the page that shows it is rendered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub enum Flash {
    Product(Returned<ProductForm>),
    /// The product's id and the variant's, `None` for a new one.
    Variant(i64, Option<i64>, Returned<VariantForm>),
    Category(Returned<CategoryForm>),
    /// The product's id and the picture's.
    Picture(i64, i64, Returned<PictureForm>),
    StockSettings(Returned<stock::StockSettingsForm>),
}

/// A form sent back with its mistakes, kept for the page that shows it.
#[cfg(feature = "ssr")]
const RETURNED_FORM: crate::web::OneTime<Flash> = crate::web::OneTime::new("admin_catalog_flash");

/// The notice and the returned form the last save left, taken out of the session so each shows once.
#[cfg(feature = "ssr")]
async fn take_flash() -> Result<(Option<String>, Option<Flash>), AppError> {
    let session = crate::web::VisitorSession::current().await?;
    Ok((
        session.take(&super::ACTION_NOTICE).await?,
        session.take(&RETURNED_FORM).await?,
    ))
}

/// Keeps what came of a save for the page it goes back to, and goes there.
#[cfg(feature = "ssr")]
async fn back_from(saved: service::Saved) -> Result<(), AppError> {
    let session = crate::web::VisitorSession::current().await?;
    session.keep(&super::ACTION_NOTICE, &saved.notice.to_owned()).await?;
    if let Some(returned) = &saved.returned {
        session.keep(&RETURNED_FORM, returned).await?;
    }
    leptos_axum::redirect(&saved.page);
    Ok(())
}

#[server]
pub async fn get_admin_catalog() -> Result<CatalogData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let (notice, flash) = take_flash().await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    catalog.catalog(account, notice, flash, crate::i18n::use_lang()).await
}

/// One product to edit; `id` is `None` for a new one.
#[server]
pub async fn get_admin_product(id: Option<i64>) -> Result<ProductEditData, AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let (notice, flash) = take_flash().await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    catalog
        .product(account, id, notice, flash, crate::i18n::use_lang())
        .await?
        .ok_or(AppError::NotFound)
}

/// Creates the product (no `id`) or changes it, then back to its page.
#[server]
pub async fn admin_save_product(
    #[server(default)] id: Option<i64>,
    #[server(flatten)] form: ProductForm,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    back_from(
        catalog
            .save_product(&account.email, id, form, crate::i18n::use_lang())
            .await?,
    )
    .await
}

/// Adds a variant to the product (no `variant_id`) or changes one, then back to the product.
#[server]
pub async fn admin_save_variant(
    product_id: i64,
    #[server(default)] variant_id: Option<i64>,
    #[server(flatten)] form: VariantForm,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    let lang = crate::i18n::use_lang();
    back_from(
        catalog
            .save_variant(&account.email, product_id, variant_id, form, lang)
            .await?,
    )
    .await
}

#[server]
pub async fn admin_save_category(#[server(flatten)] form: CategoryForm) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    back_from(
        catalog
            .save_category(&account.email, form, crate::i18n::use_lang())
            .await?,
    )
    .await
}

/// Moves a picture one place `earlier` or `later` among the product's, then back to the product.
#[server]
pub async fn admin_shift_picture(product_id: i64, picture_id: i64, direction: String) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    let earlier = direction == "earlier";
    let lang = crate::i18n::use_lang();
    back_from(
        catalog
            .shift_picture(&account.email, product_id, picture_id, earlier, lang)
            .await?,
    )
    .await
}

/// Removes a picture, then back to the product.
#[server]
pub async fn admin_remove_picture(product_id: i64, picture_id: i64) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    let lang = crate::i18n::use_lang();
    back_from(
        catalog
            .remove_picture(&account.email, product_id, picture_id, lang)
            .await?,
    )
    .await
}

/// Saves a picture's words and the variant it shows, or sends its form back with the mistakes.
#[server]
pub async fn admin_describe_picture(
    product_id: i64,
    picture_id: i64,
    #[server(flatten)] form: PictureForm,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Catalog).await?;
    let catalog = expect_context::<service::AdminCatalogService>();
    let lang = crate::i18n::use_lang();
    back_from(
        catalog
            .describe_picture(&account.email, product_id, picture_id, form, lang)
            .await?,
    )
    .await
}

pub mod form;
mod gallery;
mod pages;
#[cfg(feature = "ssr")]
pub mod pictures;
#[cfg(feature = "ssr")]
pub mod service;
mod stock;

pub use pages::{CatalogPage, ProductEditPage, problem_text};
pub(super) use pages::{field, notice_line};
