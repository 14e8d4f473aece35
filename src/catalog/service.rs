//! Reads the catalog for pages, in the shopper's language.

use crate::{
    db::{Db, DbError, products},
    domain::Mnt,
    i18n::Lang,
};

use super::{ProductCard, ProductDetail, VariantView};

#[derive(Debug, Clone)]
pub struct CatalogService {
    db: Db,
}

impl CatalogService {
    pub fn new(db: Db) -> Self {
        CatalogService { db }
    }

    pub async fn product_cards(&self, lang: Lang) -> Result<Vec<ProductCard>, DbError> {
        let rows = products::list_active(&self.db).await?;
        Ok(rows
            .into_iter()
            .map(|row| ProductCard {
                name: lang.pick(&row.name_mn, &row.name_en).to_owned(),
                slug: row.slug,
                image: row.image,
                price_from: Mnt::new(row.price_from).unwrap_or_default(),
                in_stock: row.total_stock > 0,
            })
            .collect())
    }

    pub async fn product(&self, slug: &str, lang: Lang) -> Result<Option<ProductDetail>, DbError> {
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
