//! Reading and saving the catalog for the owner; forms with mistakes go back through the session.

use super::{CatalogData, CategoryOption, Flash, ProductEditData, ProductSummary, Returned, VariantForm};
use crate::{
    admin::ACTION_NOTICE,
    db::{
        Db,
        catalog_admin::{self, SaveError},
        products,
    },
    domain::catalog::{CategoryInput, FieldError, Problem, ProductInput, VariantInput},
    error::AppError,
    i18n::Lang,
    server::Services,
};
use leptos::prelude::expect_context;

const FLASH: &str = "admin_catalog_flash";

fn db() -> Db {
    expect_context::<Services>().payments.db().clone()
}

/// The shop's pages show the owner's change at once instead of when what they keep runs out.
fn shop_pages_read_again() {
    expect_context::<Services>().catalog.forget();
}

/// The notice and the returned form the last save left, taken out of the session so each shows once.
pub async fn take_flash() -> Result<(Option<String>, Option<Flash>), AppError> {
    let session = crate::cart::session::current().await?;
    let notice = session.remove(ACTION_NOTICE).await.map_err(|_| AppError::Internal)?;
    let flash = session.remove(FLASH).await.map_err(|_| AppError::Internal)?;
    Ok((notice, flash))
}

async fn put_flash(notice: &str, flash: Option<Flash>) -> Result<(), AppError> {
    let session = crate::cart::session::current().await?;
    session
        .insert(ACTION_NOTICE, notice)
        .await
        .map_err(|_| AppError::Internal)?;
    if let Some(flash) = flash {
        session.insert(FLASH, flash).await.map_err(|_| AppError::Internal)?;
    }
    Ok(())
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
    owner_email: String,
    notice: Option<String>,
    flash: Option<Flash>,
    lang: Lang,
) -> Result<CatalogData, AppError> {
    let db = db();
    let products = catalog_admin::products(&db)
        .await?
        .into_iter()
        .map(|p| ProductSummary {
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
    let category_form = match flash {
        Some(Flash::Category(returned)) => returned,
        _ => Returned::default(),
    };
    Ok(CatalogData {
        owner_email,
        products,
        categories: category_options(&db, lang).await?,
        notice,
        category_form,
    })
}

/// The product's edit page; `None` when there is no product with that id.
pub async fn product(
    owner_email: String,
    id: Option<i64>,
    notice: Option<String>,
    flash: Option<Flash>,
    lang: Lang,
) -> Result<Option<ProductEditData>, AppError> {
    let db = db();
    let (mut form, image, variants) = match id {
        None => (Returned::default(), None, Vec::new()),
        Some(id) => {
            let Some(row) = catalog_admin::product(&db, id).await? else {
                return Ok(None);
            };
            let input = ProductInput {
                slug: row.slug,
                category: row.category,
                name_mn: row.name_mn,
                name_en: row.name_en,
                description_mn: row.description_mn,
                description_en: row.description_en,
                archived: row.archived != 0,
                classification_code: row.classification_code.unwrap_or_default(),
            };
            let variants = catalog_admin::variants(&db, id)
                .await?
                .into_iter()
                .map(|v| VariantForm {
                    id: Some(v.id),
                    form: Returned {
                        input: VariantInput {
                            sku: v.sku,
                            name_mn: v.name_mn,
                            name_en: v.name_en,
                            price: v.price_mnt.to_string(),
                            stock: v.stock.to_string(),
                            stock_shown: v.stock.to_string(),
                            archived: v.archived != 0,
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
                Some(row.image),
                variants,
            )
        }
    };
    let mut variants: Vec<VariantForm> = variants;
    variants.push(VariantForm {
        id: None,
        form: Returned::default(),
    });
    // What the owner sent last time, with its mistakes, in place of what is stored.
    match flash {
        Some(Flash::Product(returned)) => form = returned,
        Some(Flash::Variant(product_id, variant_id, returned)) if Some(product_id) == id => {
            if let Some(slot) = variants.iter_mut().find(|v| v.id == variant_id) {
                slot.form = returned;
            }
        }
        _ => {}
    }
    Ok(Some(ProductEditData {
        owner_email,
        id,
        form,
        image,
        categories: category_options(&db, lang).await?,
        variants,
        notice,
        max_image_kb: expect_context::<crate::config::MediaSettings>().max_bytes / 1024,
    }))
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
    Ok(vec![FieldError {
        field: field.to_owned(),
        problem,
    }])
}

/// Saves the product and returns the page to go back to.
pub async fn save_product(owner: &str, id: Option<i64>, input: ProductInput, lang: Lang) -> Result<String, AppError> {
    let strings = lang.strings();
    let db = db();
    let saved = match input.clone().validate() {
        Err(errors) => Err(errors),
        Ok(valid) => {
            let result = match id {
                Some(id) => catalog_admin::update_product(&db, id, &valid).await.map(|()| id),
                // A new product shows a neutral picture until one is uploaded.
                None => catalog_admin::create_product(&db, &valid, PLACEHOLDER_IMAGE).await,
            };
            match result {
                Ok(id) => Ok(id),
                Err(error) => Err(refused(error, "slug")?),
            }
        }
    };
    match saved {
        Ok(saved_id) => {
            tracing::info!(%owner, product_id = saved_id, "product saved");
            shop_pages_read_again();
            put_flash(strings.admin_saved, None).await?;
            Ok(format!("/admin/products/{saved_id}"))
        }
        Err(errors) => {
            put_flash(
                strings.admin_fix_fields,
                Some(Flash::Product(Returned { input, errors })),
            )
            .await?;
            Ok(id.map_or("/admin/products/new".to_owned(), |id| format!("/admin/products/{id}")))
        }
    }
}

/// The picture of a product that has none of its own yet (in `public/`).
pub const PLACEHOLDER_IMAGE: &str = "/images/products/placeholder.svg";

pub async fn save_variant(
    owner: &str,
    product_id: i64,
    variant_id: Option<i64>,
    input: VariantInput,
    lang: Lang,
) -> Result<(), AppError> {
    let strings = lang.strings();
    let db = db();
    let errors = match input.clone().validate() {
        Err(errors) => errors,
        Ok(valid) => {
            let result = match variant_id {
                Some(id) => catalog_admin::update_variant(&db, product_id, id, &valid).await,
                None => catalog_admin::create_variant(&db, product_id, &valid).await.map(|_| ()),
            };
            match result {
                Ok(()) => {
                    tracing::info!(%owner, product_id, sku = %valid.sku, "variant saved");
                    shop_pages_read_again();
                    return put_flash(strings.admin_saved, None).await;
                }
                // The stock shown was out of date: the page shows the fresh figures, and says so.
                Err(SaveError::StockChanged) => {
                    shop_pages_read_again();
                    return put_flash(strings.admin_stock_changed, None).await;
                }
                Err(error) => refused(error, "sku")?,
            }
        }
    };
    let flash = Flash::Variant(product_id, variant_id, Returned { input, errors });
    put_flash(strings.admin_fix_fields, Some(flash)).await
}

pub async fn save_category(owner: &str, input: CategoryInput, lang: Lang) -> Result<(), AppError> {
    let strings = lang.strings();
    let errors = match input.clone().validate() {
        Err(errors) => errors,
        Ok(valid) => match catalog_admin::create_category(&db(), &valid).await {
            Ok(()) => {
                tracing::info!(%owner, slug = %valid.slug, "category added");
                shop_pages_read_again();
                return put_flash(strings.admin_saved, None).await;
            }
            Err(error) => refused(error, "slug")?,
        },
    };
    put_flash(
        strings.admin_fix_fields,
        Some(Flash::Category(Returned { input, errors })),
    )
    .await
}
