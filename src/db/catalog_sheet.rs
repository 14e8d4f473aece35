//! The catalog as a spreadsheet (`domain::catalog_sheet`, `admin/catalog_sheet`): the catalog read as a sheet shows
//! it, and a sheet applied in one transaction (planned again inside it, against the catalog as it is then).

use std::collections::HashMap;

use sqlx::{Any, Transaction};

use super::{Db, DbError, now_ms};
use crate::domain::catalog_sheet::{CurrentProduct, CurrentVariant, Plan, Problem, Sheet, Target, plan};
use crate::pictures::PictureFiles;
use writes::{insert_product, insert_variant, update_product, update_variant};

mod writes;

/// The units of each variant promised to orders and still in the shop: reserved by an order not yet paid, or paid
/// for and not yet sent (new or packed). On the shelf, they are counted in; for sale, they are not.
const HELD: &str = "SELECT i.variant_id, SUM(i.quantity) AS held FROM order_items i \
     JOIN orders o ON o.id = i.order_id \
     WHERE o.stock_reserved = 1 AND o.payment_state IN ('awaiting', 'partially-paid', 'paid') \
       AND o.fulfilment IN ('new', 'packed') \
     GROUP BY i.variant_id";

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    slug: String,
    category: String,
    name_mn: String,
    name_en: String,
    description_mn: String,
    description_en: String,
    archived: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: i64,
    product_id: i64,
    sku: String,
    name_mn: String,
    name_en: String,
    price_mnt: i64,
    stock: i64,
    low_stock: Option<i64>,
    position: i64,
    /// Units promised to orders not yet sent (`HELD`).
    held: i64,
}

/// Every product with all its variants (archived ones too: their SKUs are taken), oldest first, stock as on the
/// shelf. Its pictures are named as they came in an import's .zip, else by their stored content (`{hash}.webp`),
/// which a later change of the product's handle or of their order leaves alone.
pub async fn current(db: &Db) -> Result<Vec<CurrentProduct>, DbError> {
    let mut conn = db.pool().acquire().await?;
    read_current(&mut conn, false).await
}

/// The shop's category slugs, the only ones a sheet may name.
pub async fn categories(db: &Db) -> Result<Vec<String>, DbError> {
    let slugs = sqlx::query_scalar("SELECT slug FROM categories ORDER BY position, id")
        .fetch_all(db.pool())
        .await?;
    Ok(slugs)
}

/// `lock`: whether to lock the variants' rows (an apply, on PostgreSQL: a checkout then waits, so the units it
/// holds cannot change between this read and the apply's writes). The variants are read first, with what is held
/// of each in the same statement (so a checkout between two reads cannot count its units twice), then the
/// products: every variant's product is among them.
async fn read_current(conn: &mut sqlx::AnyConnection, lock: bool) -> Result<Vec<CurrentProduct>, DbError> {
    let lock = if lock { " FOR UPDATE OF v" } else { "" };
    let variants: Vec<VariantRow> = sqlx::query_as(&format!(
        "SELECT v.id, v.product_id, v.sku, v.name_mn, v.name_en, v.price_mnt, v.stock, v.low_stock, v.position, \
                CAST(COALESCE(h.held, 0) AS BIGINT) AS held \
         FROM variants v LEFT JOIN ({HELD}) h ON h.variant_id = v.id \
         ORDER BY v.id{lock}"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let products: Vec<ProductRow> = sqlx::query_as(
        "SELECT p.id, p.slug, c.slug AS category, p.name_mn, p.name_en, p.description_mn, p.description_en, \
                p.archived \
         FROM products p JOIN categories c ON c.id = p.category_id ORDER BY p.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let pictures: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT product_id, hash, file_name FROM product_pictures ORDER BY product_id, position, id")
            .fetch_all(&mut *conn)
            .await?;

    let at: HashMap<i64, usize> = products.iter().enumerate().map(|(at, row)| (row.id, at)).collect();
    let mut current: Vec<CurrentProduct> = products.into_iter().map(decode_product).collect::<Result<_, _>>()?;
    let mut variants = variants;
    // Locked in id order (as a checkout locks them), listed in the owner's order on the product's page.
    variants.sort_by_key(|row| (row.product_id, row.position, row.id));
    for row in variants {
        let Some(&product) = at.get(&row.product_id) else {
            return Err(super::stored::corrupt("variants", "product_id", row.product_id));
        };
        let held = row.held;
        current[product].variants.push(CurrentVariant {
            id: row.id,
            sku: row.sku,
            option_mn: row.name_mn,
            option_en: row.name_en,
            price: row.price_mnt,
            stock: row.stock + held,
            held,
            low_stock: row.low_stock,
        });
    }
    for (product_id, hash, file_name) in pictures {
        if let Some(&product) = at.get(&product_id) {
            let name = if file_name.is_empty() {
                format!("{hash}.webp")
            } else {
                file_name
            };
            current[product].pictures.push(name);
        }
    }
    Ok(current)
}

fn decode_product(row: ProductRow) -> Result<CurrentProduct, DbError> {
    let active = match row.archived {
        0 => true,
        1 => false,
        other => return Err(super::stored::corrupt("products", "archived", other)),
    };
    Ok(CurrentProduct {
        id: row.id,
        handle: row.slug,
        name_mn: row.name_mn,
        name_en: row.name_en,
        description_mn: row.description_mn,
        description_en: row.description_en,
        category: row.category,
        active,
        pictures: Vec::new(),
        variants: Vec::new(),
    })
}

/// Why nothing was applied.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The sheet, planned against the catalog as it is now, has problems (it changed since the preview).
    #[error("the sheet has problems against the catalog as it is now")]
    Problems(Vec<Problem>),
    /// A slug or SKU the plan did not know of was taken meanwhile by another writer.
    #[error("a handle or SKU is taken")]
    Taken,
    #[error(transparent)]
    Db(DbError),
}

impl From<DbError> for ApplyError {
    fn from(error: DbError) -> Self {
        if error.is_unique_violation() {
            ApplyError::Taken
        } else {
            ApplyError::Db(error)
        }
    }
}

impl From<sqlx::Error> for ApplyError {
    fn from(error: sqlx::Error) -> Self {
        DbError::from(error).into()
    }
}

/// Plans `sheet` against the catalog as it is inside one write transaction and writes the whole plan there, or
/// nothing: products and variants created and changed, each with its search keys; a stock set as a count on the
/// shelf, the units orders hold kept held (for sale: the count less what is held), each such change a stock move
/// with `actor` (and the owner's low-stock message when it crosses the level, as any move); new pictures from
/// `sent`, after the ones a product has. `check` adds the caller's own problems with the plan (its pictures)
/// before anything is written.
pub async fn apply(
    db: &Db,
    sheet: &Sheet,
    actor: &str,
    sent: &SentPictures,
    check: impl FnOnce(&Plan, &[CurrentProduct]) -> Vec<Problem>,
) -> Result<Plan, ApplyError> {
    let mut tx = db.begin_write().await?;
    let current = read_current(&mut tx, !db.row_lock().is_empty()).await?;
    let plan = plan(sheet, &current).map_err(ApplyError::Problems)?;
    let problems = check(&plan, &current);
    if !problems.is_empty() {
        return Err(ApplyError::Problems(problems));
    }
    // Each stored variant's count on the shelf, the units held of it and its own low level, as the plan saw them.
    let shelf: HashMap<i64, (i64, i64, Option<i64>)> = current
        .iter()
        .flat_map(|product| &product.variants)
        .map(|variant| (variant.id, (variant.stock, variant.held, variant.low_stock)))
        .collect();
    let categories: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>("SELECT slug, id FROM categories")
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    let category = |slug: &str| {
        categories
            .get(slug)
            .copied()
            .ok_or_else(|| ApplyError::Db(DbError::Unsupported("a planned category is not stored")))
    };
    let reason = match sheet {
        Sheet::Catalog(_) => "import",
        Sheet::Stocktake(_) => "stocktake",
    };
    let pictures: HashMap<i64, &[String]> = current
        .iter()
        .map(|product| (product.id, product.pictures.as_slice()))
        .collect();
    // The products whose search keys are made again, once each, at the end: those created or given a variant, and
    // those whose searched text changed (a bulk price change writes none).
    let mut refold = std::collections::BTreeSet::new();
    let mut shop = super::stock::ShopLevel::default();
    let moves = Moves {
        actor,
        reason,
        at: now_ms(),
    };
    for product in &plan.creates {
        let id = insert_product(&mut tx, product, category(&product.category)?, moves.at).await?;
        for variant in &product.variants {
            insert_variant(&mut tx, id, variant).await?;
        }
        sent.attach(&mut tx, id, &product.pictures, &[]).await?;
        refold.insert(id);
    }
    for new in &plan.new_variants {
        insert_variant(&mut tx, new.product_id, &new.variant).await?;
        refold.insert(new.product_id);
    }
    for change in &plan.changes {
        match &change.target {
            Target::Product { id, new } => {
                update_product(&mut tx, *id, new, category(&new.category)?).await?;
                let stored = pictures.get(id).copied().unwrap_or_default();
                sent.attach(&mut tx, *id, &new.pictures, stored).await?;
                if searched(change) {
                    refold.insert(*id);
                }
            }
            Target::Variant { id, new } => {
                let (before, held, _) = shelf.get(id).copied().unwrap_or_default();
                let product_id = update_variant(&mut tx, *id, new, held).await?;
                let moved = (before, new.stock);
                moves.stock(&mut tx, *id, moved, held, new.low_stock, &mut shop).await?;
                if searched(change) {
                    refold.insert(product_id);
                }
            }
            Target::Count { id, new } => {
                let (before, held, own) = shelf.get(id).copied().unwrap_or_default();
                sqlx::query("UPDATE variants SET stock = $2 WHERE id = $1")
                    .bind(id)
                    .bind(new.stock - held)
                    .execute(&mut *tx)
                    .await?;
                moves
                    .stock(&mut tx, *id, (before, new.stock), held, own, &mut shop)
                    .await?;
            }
        }
    }
    for product_id in refold {
        super::search_keys::write(&mut tx, product_id).await?;
    }
    tx.commit().await?;
    Ok(plan)
}

/// New pictures sent with a sheet, drawn by the picture pipeline before the apply's transaction: by the name the
/// sheet gives them.
#[derive(Debug, Default)]
pub struct SentPictures {
    pub drawn: HashMap<String, PictureFiles>,
    /// Whether the database keeps their files (`PICTURE_STORE=database`); else the folder has them already.
    pub with_bytes: bool,
}

impl SentPictures {
    /// Adds to `product_id`, in `names`' order, each picture `names` gives that is not among `stored` (the
    /// product's own: the plan's rules keep those first and in their order, `domain::catalog_sheet::pictures`).
    async fn attach(
        &self,
        tx: &mut Transaction<'static, Any>,
        product_id: i64,
        names: &[String],
        stored: &[String],
    ) -> Result<(), ApplyError> {
        for name in names.iter().filter(|name| !stored.contains(name)) {
            let Some(files) = self.drawn.get(name) else {
                return Err(ApplyError::Db(DbError::Unsupported("a planned picture was not sent")));
            };
            if self.with_bytes {
                super::pictures::put_files(tx, files).await?;
            }
            super::pictures::insert(tx, product_id, files, name).await?;
        }
        Ok(())
    }
}

/// Whether a change touches what a product's search keys are made of (`db/search_keys.rs`): its names,
/// descriptions, category, or a variant's SKU.
fn searched(change: &crate::domain::catalog_sheet::Change) -> bool {
    use crate::domain::catalog_sheet::Column;
    change.fields.iter().any(|field| {
        matches!(
            field.field,
            Column::NameMn
                | Column::NameEn
                | Column::DescriptionMn
                | Column::DescriptionEn
                | Column::Category
                | Column::Sku
        )
    })
}

/// The stock moves of one apply: who, why, when.
struct Moves<'a> {
    actor: &'a str,
    reason: &'static str,
    at: i64,
}

impl Moves<'_> {
    /// Records a change of `variant_id`'s count on the shelf (none when it did not change) and, as any move does,
    /// tells the owner when what is for sale crossed its low level (`own`, the variant's level after the change).
    async fn stock(
        &self,
        tx: &mut Transaction<'_, Any>,
        variant_id: i64,
        (before, after): (i64, i64),
        held: i64,
        own: Option<i64>,
        shop: &mut super::stock::ShopLevel,
    ) -> Result<(), DbError> {
        if before == after {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO stock_moves (variant_id, shelf_before, shelf_after, reason, actor, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(variant_id)
        .bind(before)
        .bind(after)
        .bind(self.reason)
        .bind(self.actor)
        .bind(self.at)
        .execute(&mut **tx)
        .await?;
        super::stock::moved(tx, variant_id, (before - held, after - held), own, shop).await
    }
}
