//! The admin catalog service: reading and saving the catalog for the owner. A save says what came of it
//! ([`Saved`]); the server functions keep that for the page they go back to.

use super::{
    CatalogData, CategoryOption, Flash, ProductEditData, ProductSummary, Returned, VariantEdit,
    form::{CategoryForm, ProductForm, VariantForm},
};
use crate::{
    admin::form::{FieldError, Problem, ticked},
    catalog::service::CatalogCache,
    config::MediaSettings,
    db::{
        Db, DbError,
        catalog_admin::{self, SaveError},
        products,
    },
    error::AppError,
    i18n::Lang,
};

/// What came of a save: the notice for the owner, the form sent back when it had mistakes, and the page to go to.
#[derive(Debug)]
pub struct Saved {
    pub notice: &'static str,
    pub returned: Option<Flash>,
    pub page: String,
}

/// The picture of a product that has none of its own yet (in `public/`).
pub const PLACEHOLDER_IMAGE: &str = crate::domain::picture::PLACEHOLDER;

#[derive(Debug, Clone)]
pub struct AdminCatalogService {
    pub(super) db: Db,
    /// The shop's pages show the owner's change at once instead of when what they cached runs out.
    cache: CatalogCache,
    /// Where uploaded pictures go, and how large one may be.
    media: MediaSettings,
    /// One picture decoded at a time: a phone's photo takes tens of megabytes while it is redrawn.
    pub(super) redrawing: std::sync::Arc<tokio::sync::Semaphore>,
    /// Where pictures' files are kept (`PICTURE_STORE`).
    pub(super) store: crate::picture_store::PictureStore,
}

impl AdminCatalogService {
    pub fn new(db: Db, cache: CatalogCache, media: MediaSettings) -> Self {
        AdminCatalogService {
            store: crate::picture_store::PictureStore::new(db.clone(), &media),
            db,
            cache,
            media,
            redrawing: std::sync::Arc::new(tokio::sync::Semaphore::new(1)),
        }
    }

    /// The shop's pages read the catalog again.
    pub(super) fn catalog_changed(&self) {
        self.cache.invalidate();
    }

    pub async fn has_product(&self, id: i64) -> Result<bool, DbError> {
        Ok(catalog_admin::product(&self.db, id).await?.is_some())
    }

    /// The largest picture the owner may upload (`MEDIA_MAX_KB`).
    pub fn max_picture_bytes(&self) -> usize {
        self.media.max_bytes
    }

    /// Where pictures' files are kept, for the route that serves them.
    pub fn picture_store(&self) -> &crate::picture_store::PictureStore {
        &self.store
    }

    async fn category_options(db: &Db, lang: Lang) -> Result<Vec<CategoryOption>, AppError> {
        Ok(products::categories(db)
            .await?
            .into_iter()
            .map(|c| CategoryOption {
                name: lang.pick(&c.name_mn, &c.name_en).to_owned(),
                slug: c.slug,
            })
            .collect())
    }

    pub async fn catalog(
        &self,
        who: crate::admin::Account,
        notice: Option<String>,
        flash: Option<Flash>,
        lang: Lang,
    ) -> Result<CatalogData, AppError> {
        let db = &self.db;
        let running_low = crate::db::stock::running_low(db).await?;
        let products = catalog_admin::products(db)
            .await?
            .into_iter()
            .map(|p| ProductSummary {
                low: running_low
                    .iter()
                    .filter(|v| v.product_id == p.id)
                    .map(|v| (lang.pick(&v.variant_name_mn, &v.variant_name_en).to_owned(), v.stock))
                    .collect(),
                id: p.id,
                name: lang.pick(&p.name_mn, &p.name_en).to_owned(),
                slug: p.slug,
                category: p.category,
                image: p.image,
                archived: p.archived != 0,
                variants: p.variants,
                stock: p.stock,
            })
            .collect();
        let stock_settings = Returned {
            input: super::stock::StockSettingsForm::of(&self.stock_settings().await?),
            errors: Vec::new(),
        };
        let (category_form, stock_settings) = match flash {
            Some(Flash::Category(returned)) => (returned, stock_settings),
            Some(Flash::StockSettings(returned)) => (Returned::default(), returned),
            _ => (Returned::default(), stock_settings),
        };
        Ok(CatalogData {
            who,
            products,
            categories: Self::category_options(db, lang).await?,
            notice,
            category_form,
            stock_settings,
        })
    }

    /// The product's edit page; `None` when there is no product with that id.
    pub async fn product(
        &self,
        who: crate::admin::Account,
        id: Option<i64>,
        notice: Option<String>,
        flash: Option<Flash>,
        lang: Lang,
    ) -> Result<Option<ProductEditData>, AppError> {
        let db = &self.db;
        let (mut form, variants) = match id {
            None => (Returned::default(), Vec::new()),
            Some(id) => {
                let Some(row) = catalog_admin::product(db, id).await? else {
                    return Ok(None);
                };
                let input = ProductForm {
                    slug: row.slug,
                    category: row.category,
                    name_mn: row.name_mn,
                    name_en: row.name_en,
                    description_mn: row.description_mn,
                    description_en: row.description_en,
                    archived: ticked(row.archived != 0),
                    classification_code: row.classification_code.unwrap_or_default(),
                };
                let variants = catalog_admin::variants(db, id)
                    .await?
                    .into_iter()
                    .map(|v| VariantEdit {
                        id: Some(v.id),
                        form: Returned {
                            input: VariantForm {
                                sku: v.sku,
                                name_mn: v.name_mn,
                                name_en: v.name_en,
                                price: v.price_mnt.to_string(),
                                stock: v.stock.to_string(),
                                stock_shown: v.stock.to_string(),
                                low_stock: v.low_stock.map(|level| level.to_string()).unwrap_or_default(),
                                archived: ticked(v.archived != 0),
                            },
                            errors: Vec::new(),
                        },
                    })
                    .collect();
                (
                    Returned {
                        input,
                        errors: Vec::new(),
                    },
                    variants,
                )
            }
        };
        let mut variants: Vec<VariantEdit> = variants;
        variants.push(VariantEdit {
            id: None,
            form: Returned::default(),
        });
        // What the owner sent last time, with its mistakes, in place of what is stored.
        let mut returned_picture = None;
        match flash {
            Some(Flash::Product(returned)) => form = returned,
            Some(Flash::Variant(product_id, variant_id, returned)) if Some(product_id) == id => {
                if let Some(slot) = variants.iter_mut().find(|v| v.id == variant_id) {
                    slot.form = returned;
                }
            }
            Some(Flash::Picture(product_id, picture_id, returned)) if Some(product_id) == id => {
                returned_picture = Some((picture_id, returned));
            }
            _ => {}
        }
        let pictures = match id {
            Some(id) => self.picture_edits(id, returned_picture).await?,
            None => Vec::new(),
        };
        Ok(Some(ProductEditData {
            who,
            id,
            form,
            pictures,
            categories: Self::category_options(db, lang).await?,
            variants,
            notice,
            max_image_kb: self.media.max_bytes / 1024,
            stock_moves: match id {
                Some(id) => super::stock::move_lines(db, id, lang).await?,
                None => Vec::new(),
            },
        }))
    }
}

/// A save the database refused for a reason the owner can fix, as a mistake beside the field.
fn refused(error: SaveError, unique_field: &str) -> Result<Vec<FieldError>, AppError> {
    let (field, problem) = match error {
        SaveError::Taken => (unique_field, Problem::Taken),
        SaveError::UnknownCategory => ("category", Problem::UnknownCategory),
        SaveError::NotFound => return Err(AppError::NotFound),
        // Only updates of a variant's stock meet this, and they go back with fresh figures instead.
        SaveError::StockChanged => ("stock", Problem::NotAStock),
        SaveError::Db(error) => return Err(error.into()),
    };
    Ok(vec![FieldError::new(field, problem)])
}

impl AdminCatalogService {
    /// Saves the product (a new one without `id`).
    pub async fn save_product(
        &self,
        actor: &str,
        id: Option<i64>,
        input: ProductForm,
        lang: Lang,
    ) -> Result<Saved, AppError> {
        let db = &self.db;
        let saved = match input.parse() {
            Err(errors) => Err(errors),
            Ok(valid) => {
                let result = match id {
                    Some(id) => catalog_admin::update_product(db, id, &valid).await.map(|()| id),
                    // A new product shows a neutral picture until one is uploaded.
                    None => catalog_admin::create_product(db, &valid, PLACEHOLDER_IMAGE).await,
                };
                match result {
                    Ok(id) => Ok(id),
                    Err(error) => Err(refused(error, "slug")?),
                }
            }
        };
        match saved {
            Ok(saved_id) => {
                tracing::info!(%actor, product_id = saved_id, "product saved");
                self.catalog_changed();
                Ok(Saved {
                    notice: lang.settings().saved,
                    returned: None,
                    page: format!("/admin/products/{saved_id}"),
                })
            }
            Err(errors) => Ok(Saved {
                notice: lang.settings().fix_fields,
                returned: Some(Flash::Product(Returned { input, errors })),
                page: id.map_or("/admin/products/new".to_owned(), |id| format!("/admin/products/{id}")),
            }),
        }
    }

    pub async fn save_variant(
        &self,
        actor: &str,
        product_id: i64,
        variant_id: Option<i64>,
        input: VariantForm,
        lang: Lang,
    ) -> Result<Saved, AppError> {
        let db = &self.db;
        let page = format!("/admin/products/{product_id}");
        let saved = |notice, returned| {
            Ok(Saved {
                notice,
                returned,
                page: page.clone(),
            })
        };
        let errors = match input.parse() {
            Err(errors) => errors,
            Ok(valid) => {
                let result = match variant_id {
                    Some(id) => catalog_admin::update_variant(db, product_id, id, &valid).await,
                    None => catalog_admin::create_variant(db, product_id, &valid).await.map(|_| ()),
                };
                match result {
                    Ok(()) => {
                        tracing::info!(%actor, product_id, sku = %valid.sku, "variant saved");
                        self.catalog_changed();
                        return saved(lang.settings().saved, None);
                    }
                    // The stock shown was out of date: the page shows the fresh figures, and says so.
                    Err(SaveError::StockChanged) => {
                        self.catalog_changed();
                        return saved(lang.settings().stock_changed, None);
                    }
                    Err(error) => refused(error, "sku")?,
                }
            }
        };
        let flash = Flash::Variant(product_id, variant_id, Returned { input, errors });
        saved(lang.settings().fix_fields, Some(flash))
    }

    pub async fn save_category(&self, actor: &str, input: CategoryForm, lang: Lang) -> Result<Saved, AppError> {
        let errors = match input.parse() {
            Err(errors) => errors,
            Ok(valid) => match catalog_admin::create_category(&self.db, &valid).await {
                Ok(()) => {
                    tracing::info!(%actor, slug = %valid.slug, "category added");
                    self.catalog_changed();
                    return Ok(Saved {
                        notice: lang.settings().saved,
                        returned: None,
                        page: "/admin/products".to_owned(),
                    });
                }
                Err(error) => refused(error, "slug")?,
            },
        };
        Ok(Saved {
            notice: lang.settings().fix_fields,
            returned: Some(Flash::Category(Returned { input, errors })),
            page: "/admin/products".to_owned(),
        })
    }
}
