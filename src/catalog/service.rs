//! Reads the catalog for pages, in the shopper's language.
//!
//! What pages read is kept for [`FRESH_FOR`]: a busy shop then reads its catalog from the database about once a
//! second instead of twice a page, which was most of a catalog page's cost (docs/PERFORMANCE.md). Pages show prices
//! and stock at most that old, which is harmless: checkout takes both from the database in its own transaction.
//! The owner's changes made through this process are shown at once ([`CatalogCache::invalidate`]). Whole pages are
//! cached the same way for visitors without a session (`page_cache.rs`).

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use crate::{
    db::{Db, DbError, products},
    domain::picture::Shown,
    i18n::Lang,
};

use super::{
    GalleryPicture, ProductCard, ProductDetail, ProductListPage, VariantView,
    listing::{self, ListQuery, Listed},
    page_cache::PageCache,
};

/// The width a card's picture is first asked at (the `srcset` offers the rest): a phone's card at twice its pixels.
const CARD_WIDTH: u32 = 640;
/// The width the product page's pictures are first asked at.
const PAGE_WIDTH: u32 = 1280;

/// How long a read of the catalog is used again before the database is asked anew.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// Searches that may forgive a wrong letter at once, in one shop (see `listing::Turns`); a search past them answers
/// as typed. One: a forgiving pass holds the async worker it runs on for its whole length, and with two at once
/// both workers of a 2-core machine were held (docs/PERFORMANCE.md, "Search at 10,000 products").
const FORGIVING_AT_ONCE: usize = 1;

#[derive(Debug, Clone)]
pub struct CatalogService {
    db: Db,
    cache: CatalogCache,
    /// Searches forgiving a wrong letter at once (`listing::Turns`).
    forgiving: Arc<listing::Turns>,
}

/// What catalog pages read, and whole pages for visitors without a session: one handle shared by the shop's pages
/// and the owner's catalog service, which invalidates it on every change.
#[derive(Debug, Clone, Default)]
pub struct CatalogCache(Arc<CachedReads>);

/// The products on sale with the categories, and each product asked for by its address, with when each was read.
/// No lock is held while the database is read: a slow read of one product holds up no other page.
#[derive(Debug, Default)]
struct CachedReads {
    list: Mutex<Option<(Instant, Arc<Listing>)>>,
    products: Mutex<HashMap<String, (Instant, Arc<Product>)>>,
    pages: Arc<PageCache>,
    /// Moves on every [`CatalogCache::invalidate`], so a read made before the owner's change is not kept after it.
    generation: AtomicU64,
    /// Held by the one request reading the list again (`listing`), so that a list gone stale is read once, not by
    /// every request that finds it stale at the same moment.
    list_reading: tokio::sync::Mutex<()>,
}

impl CatalogCache {
    /// Drops what was cached, so the next page reads the database: after the owner changed the catalog.
    pub fn invalidate(&self) {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        *lock(&self.0.list) = None;
        lock(&self.0.products).clear();
        self.0.pages.clear();
    }

    /// Whole pages as visitors without a session see them (`page_cache.rs`).
    pub fn pages(&self) -> Arc<PageCache> {
        self.0.pages.clone()
    }
}

#[derive(Debug)]
struct Listing {
    products: Vec<products::ProductListRow>,
    categories: Vec<products::CategoryRow>,
}

#[derive(Debug)]
struct Product {
    product: products::ProductRow,
    variants: Vec<products::VariantRow>,
    pictures: Vec<crate::domain::picture::Picture>,
    /// The owner's "only N left" threshold (`stock_settings.few_left`), read with the product so that a page view
    /// does not ask the database for it: saving the stock settings invalidates this cache, so the next page follows.
    few_left: Option<i64>,
}

fn fresh<T>(kept: Option<&(Instant, Arc<T>)>) -> Option<Arc<T>> {
    kept.filter(|(read_at, _)| read_at.elapsed() < FRESH_FOR)
        .map(|(_, value)| value.clone())
}

impl CatalogService {
    pub fn new(db: Db) -> Self {
        CatalogService {
            db,
            cache: CatalogCache::default(),
            forgiving: Arc::new(listing::Turns::new(FORGIVING_AT_ONCE)),
        }
    }

    /// The cache this service reads through, for whoever changes the catalog or serves cached pages.
    pub fn cache(&self) -> CatalogCache {
        self.cache.clone()
    }

    /// The products on sale and the categories, read at most [`FRESH_FOR`] ago, or, while one request reads them
    /// again, the copy read just before. At 10,000 products every request that found the list stale used to read it
    /// again at once, each of them, and shopper pages waited 1.7 s at p99 (docs/PERFORMANCE.md, the shop at scale);
    /// now one reads and the others go on with the copy they have. With no copy (at start, or after the owner's
    /// change dropped it) they wait for that one read.
    async fn listing(&self) -> Result<Arc<Listing>, DbError> {
        let kept = lock(&self.cache.0.list).clone();
        if let Some(listing) = fresh(kept.as_ref()) {
            return Ok(listing);
        }
        let _reading = match (self.cache.0.list_reading.try_lock(), kept) {
            (Ok(reading), _) => reading,
            (Err(_), Some((_, stale))) => return Ok(stale),
            (Err(_), None) => self.cache.0.list_reading.lock().await,
        };
        // Read meanwhile by the request that held the lock.
        if let Some(listing) = fresh(lock(&self.cache.0.list).as_ref()) {
            return Ok(listing);
        }
        let generation = self.cache.0.generation.load(Ordering::SeqCst);
        let listing = Arc::new(Listing {
            products: products::list_active(&self.db).await?,
            categories: products::categories(&self.db).await?,
        });
        let mut cached = lock(&self.cache.0.list);
        if self.cache.0.generation.load(Ordering::SeqCst) == generation {
            *cached = Some((Instant::now(), listing.clone()));
        }
        Ok(listing)
    }

    /// A product on sale with its variants, read at most [`FRESH_FOR`] ago; only products that exist are kept.
    async fn find_product(&self, slug: &str) -> Result<Option<Arc<Product>>, DbError> {
        if let Some(product) = fresh(lock(&self.cache.0.products).get(slug)) {
            return Ok(Some(product));
        }
        let generation = self.cache.0.generation.load(Ordering::SeqCst);
        let Some(product) = products::find_by_slug(&self.db, slug).await? else {
            lock(&self.cache.0.products).remove(slug);
            return Ok(None);
        };
        let variants = products::variants_of(&self.db, product.id).await?;
        let pictures = crate::db::pictures::of_product(&self.db, product.id).await?;
        let few_left = crate::db::stock::settings(self.db.pool()).await?.few_left;
        let product = Arc::new(Product {
            product,
            variants,
            pictures,
            few_left,
        });
        let mut cached = lock(&self.cache.0.products);
        if self.cache.0.generation.load(Ordering::SeqCst) == generation {
            cached.retain(|_, (read_at, _)| read_at.elapsed() < FRESH_FOR);
            cached.insert(slug.to_owned(), (Instant::now(), product.clone()));
        }
        Ok(Some(product))
    }

    /// The page of products the query asks for.
    pub async fn product_list(&self, query: &ListQuery, lang: Lang) -> Result<ProductListPage, DbError> {
        let listing = self.listing().await?;
        let (rows, total, pages) = listing::select(listing.products.iter().collect(), query, &self.forgiving);
        Ok(ProductListPage {
            cards: rows.into_iter().map(|row| card(row, lang)).collect(),
            categories: listing
                .categories
                .iter()
                .map(|c| (c.slug.clone(), lang.pick(&c.name_mn, &c.name_en).to_owned()))
                .collect(),
            total,
            page: query.page.clamp(1, pages),
            pages,
        })
    }

    /// The few products that best match what the shopper is typing, for the header's search.
    pub async fn suggestions(&self, query: &str, lang: Lang) -> Result<Vec<ProductCard>, DbError> {
        let listing = self.listing().await?;
        Ok(listing::suggest(
            listing.products.iter().collect(),
            query,
            super::search_box::SUGGESTIONS,
            &self.forgiving,
        )
        .into_iter()
        .map(|row| card(row, lang))
        .collect())
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
        let Some(kept) = self.find_product(slug).await? else {
            return Ok(None);
        };
        let Product {
            product,
            variants,
            pictures,
            few_left: few,
        } = kept.as_ref();
        let name = lang.pick(&product.name_mn, &product.name_en);
        let gallery = match pictures.as_slice() {
            [] => vec![GalleryPicture {
                shown: Shown::single(&product.image),
                alt: name.to_owned(),
            }],
            pictures => pictures
                .iter()
                .map(|p| GalleryPicture {
                    shown: p.shown(PAGE_WIDTH),
                    alt: p.alt(lang, name).to_owned(),
                })
                .collect(),
        };
        // The gallery numbers its pictures from 1 (`picture-1`): a variant's is its first one.
        let picture_of = |variant: i64| {
            let at = pictures.iter().position(|p| p.variant_id == Some(variant))?;
            Some(format!("picture-{}", at + 1))
        };
        Ok(Some(ProductDetail {
            name: lang.pick(&product.name_mn, &product.name_en).to_owned(),
            description: lang.pick(&product.description_mn, &product.description_en).to_owned(),
            slug: product.slug.clone(),
            image: product.image.clone(),
            pictures: gallery,
            variants: variants
                .iter()
                .map(|v| VariantView {
                    id: v.id,
                    name: lang.pick(&v.name_mn, &v.name_en).to_owned(),
                    price: v.price,
                    stock: v.stock,
                    few_left: crate::domain::stock::few_left(v.stock, *few),
                    picture: picture_of(v.id),
                })
                .collect(),
        }))
    }
}

fn card(row: &products::ProductListRow, lang: Lang) -> ProductCard {
    ProductCard {
        name: lang.pick(&row.name_mn, &row.name_en).to_owned(),
        slug: row.slug.clone(),
        picture: row
            .cover
            .as_ref()
            .map_or_else(|| Shown::single(&row.image), |cover| cover.shown(CARD_WIDTH)),
        price_from: row.price_from,
        in_stock: row.total_stock > 0,
    }
}

impl Listed for &products::ProductListRow {
    fn category(&self) -> &str {
        &self.category
    }
    fn search_keys(&self) -> (&str, &str) {
        (&self.search_name, &self.search_text)
    }
    fn price(&self) -> i64 {
        self.price_from.amount()
    }
    fn in_stock(&self) -> bool {
        self.total_stock > 0
    }
    fn created_at(&self) -> i64 {
        self.created_at
    }
}

/// What is kept is only ever replaced whole, so a lock poisoned by a panic still guards good data.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
