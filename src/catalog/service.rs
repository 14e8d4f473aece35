//! Reads the catalog for pages, in the shopper's language.

use crate::{
    db::{Db, DbError, products},
    domain::Mnt,
    i18n::Lang,
};

use super::{
    ProductCard, ProductDetail, ProductListPage, VariantView,
    listing::{self, ListQuery, Listed},
};

#[derive(Debug, Clone)]
pub struct CatalogService {
    db: Db,
}

impl CatalogService {
    pub fn new(db: Db) -> Self {
        CatalogService { db }
    }

    /// The page of products the query asks for.
    pub async fn product_list(&self, query: &ListQuery, lang: Lang) -> Result<ProductListPage, DbError> {
        let rows = products::list_active(&self.db).await?;
        let (rows, total, pages) = listing::select(rows, query);
        let categories = products::categories(&self.db).await?;
        Ok(ProductListPage {
            cards: rows
                .into_iter()
                .map(|row| ProductCard {
                    name: lang.pick(&row.name_mn, &row.name_en).to_owned(),
                    slug: row.slug,
                    image: row.image,
                    price_from: Mnt::new(row.price_from).unwrap_or_default(),
                    in_stock: row.total_stock > 0,
                })
                .collect(),
            categories: categories
                .into_iter()
                .map(|c| (c.slug, lang.pick(&c.name_mn, &c.name_en).to_owned()))
                .collect(),
            total,
            page: query.page.clamp(1, pages),
            pages,
        })
    }

    pub async fn product(&self, slug: &str, lang: Lang) -> Result<Option<ProductDetail>, DbError> {
        // Slugs are lowercase letters, digits and hyphens; anything else names no product and is not looked up.
        let plain = !slug.is_empty()
            && slug.len() <= 200
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !plain {
            return Ok(None);
        }
        let Some(product) = products::find_by_slug(&self.db, slug).await? else {
            return Ok(None);
        };
        let variants = products::variants_of(&self.db, product.id).await?;
        Ok(Some(ProductDetail {
            name: lang.pick(&product.name_mn, &product.name_en).to_owned(),
            description: lang.pick(&product.description_mn, &product.description_en).to_owned(),
            slug: product.slug,
            image: product.image,
            variants: variants
                .into_iter()
                .map(|v| VariantView {
                    id: v.id,
                    name: lang.pick(&v.name_mn, &v.name_en).to_owned(),
                    price: Mnt::new(v.price_mnt).unwrap_or_default(),
                    stock: v.stock,
                })
                .collect(),
        }))
    }
}

impl Listed for products::ProductListRow {
    fn category(&self) -> &str {
        &self.category
    }
    fn names(&self) -> [&str; 2] {
        [&self.name_mn, &self.name_en]
    }
    fn price(&self) -> i64 {
        self.price_from
    }
    fn created_at(&self) -> i64 {
        self.created_at
    }
}
