//! The catalog: the home page's product grid and the product page.

pub mod listing;
mod pages;
pub mod search_box;
mod stepper;

#[cfg(feature = "ssr")]
pub mod page_cache;
#[cfg(feature = "ssr")]
pub mod service;

pub use pages::{HomePage, ProductPage};
pub use search_box::HeaderSearch;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{Mnt, picture::Shown},
    error::AppError,
    i18n::Lang,
};

/// A product as the grid shows it, in the shopper's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    pub picture: Shown,
    /// The lowest price among the product's variants.
    pub price_from: Mnt,
    pub in_stock: bool,
}

/// A product with its variants, in the shopper's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// The first picture's address, for a shared link.
    pub image: String,
    /// Every picture in the owner's order; the product's `image` alone (the placeholder, a picture from before)
    /// when none is stored.
    pub pictures: Vec<GalleryPicture>,
    pub variants: Vec<VariantView>,
}

/// A picture on the product page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GalleryPicture {
    pub shown: Shown,
    /// Words for a shopper who cannot see it: the owner's, else the product's name.
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantView {
    pub id: i64,
    pub name: String,
    pub price: Mnt,
    pub stock: i64,
    /// "Only N left": how many, while the stock is within the owner's threshold (`domain::stock::few_left`).
    pub few_left: Option<i64>,
    /// The gallery's place of the variant's own picture (`picture-3`), shown when it is chosen.
    pub picture: Option<String>,
}

/// One page of the product list, with what the page needs around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductListPage {
    pub cards: Vec<ProductCard>,
    /// (slug, name in the shopper's language)
    pub categories: Vec<(String, String)>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

#[server]
pub async fn list_products(query: listing::ListQuery, lang: Lang) -> Result<ProductListPage, AppError> {
    let catalog = expect_context::<service::CatalogService>();
    Ok(catalog.product_list(&query, lang).await?)
}

#[server]
pub async fn get_product(slug: String, lang: Lang) -> Result<ProductDetail, AppError> {
    let catalog = expect_context::<service::CatalogService>();
    catalog.product(&slug, lang).await?.ok_or(AppError::NotFound)
}
