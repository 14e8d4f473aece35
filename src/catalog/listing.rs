//! The product list's rules, pure: which products a query shows, in which order, on which page.
//!
//! Filtering and ranking happen in Rust over the cached catalog, not in SQL: the search reads what a shopper types
//! as Mongolians type it (Cyrillic, Latin, a typo: domain/search.rs), which neither engine's own index does, and
//! the results are then the same on SQLite and PostgreSQL. Each product's folded keys are kept in the database
//! (db/search_keys.rs), so a search only compares; docs/PERFORMANCE.md ("Search at 10,000 products") has its cost.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::domain::{
    money::whole_number,
    search::{self, Found, Score, Typos},
};

/// Products per page.
pub const PAGE_SIZE: usize = 12;
/// The search box keeps this many characters of a query (domain/search.rs reads fewer words still).
pub const QUERY_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Best match first: a search's own order, and its default (`rank`).
    Relevance,
    #[default]
    Newest,
    PriceUp,
    PriceDown,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::PriceUp, Sort::PriceDown];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::PriceUp => "price-asc",
            Sort::PriceDown => "price-desc",
        }
    }

    /// The order asked for; without one (or a best match without a search), a search's is best match first and
    /// the list's newest first.
    fn parse(code: &str, searching: bool) -> Sort {
        match Sort::ALL.into_iter().find(|s| s.code() == code) {
            Some(Sort::Relevance) | None if searching => Sort::Relevance,
            Some(Sort::Relevance) | None => Sort::Newest,
            Some(sort) => sort,
        }
    }

    /// The orders a shopper can choose: best match only while searching.
    pub fn offered(searching: bool) -> &'static [Sort] {
        if searching { &Sort::ALL } else { &Sort::ALL[1..] }
    }
}

/// The URL's parameters the list is made from, every one ([`ListQuery::from_params`] reads them): the page cache
/// (`page_cache.rs`) keys a page by them, so a parameter added here and not there would serve one shopper's
/// filtered page to another.
pub const PARAMETERS: [&str; 7] = ["category", "q", "min", "max", "stock", "sort", "page"];

/// What the shopper asked the list for, read from the URL
/// (`?category=&q=&min=&max=&stock=1&sort=&page=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub category: Option<String>,
    pub search: String,
    /// Whole tögrög, inclusive, against a product's lowest price; typed as the owner's prices are (`12,500₮`).
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    /// Only products with a variant in stock.
    pub in_stock: bool,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            category: None,
            search: String::new(),
            price_min: None,
            price_max: None,
            in_stock: false,
            sort: Sort::Newest,
            page: 1,
        }
    }
}

impl ListQuery {
    /// Reads the URL's parameters (`param("q")`). What cannot be read (a price that is not a whole amount, a page
    /// that is not a number) is left out: the list is shown as if it had not been asked for.
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> Self {
        let search: String = param("q")
            .unwrap_or_default()
            .trim()
            .chars()
            .take(QUERY_CHARS)
            .collect();
        let searching = is_search(&search);
        ListQuery {
            category: param("category").filter(|c| !c.is_empty()),
            price_min: param("min").as_deref().and_then(whole_number),
            price_max: param("max").as_deref().and_then(whole_number),
            in_stock: param("stock").is_some_and(|s| s == "1"),
            sort: Sort::parse(param("sort").as_deref().unwrap_or(""), searching),
            page: param("page")
                .and_then(|p| p.parse().ok())
                .filter(|&p| p >= 1)
                .unwrap_or(1),
            search,
        }
    }

    /// Whether the query looks for words (not only a category or a price).
    pub fn searching(&self) -> bool {
        is_search(&self.search)
    }

    /// The order a query has when none is asked for.
    fn default_sort(&self) -> Sort {
        if self.searching() {
            Sort::Relevance
        } else {
            Sort::Newest
        }
    }

    /// The URL of this query with another page (or sort, category...), for links.
    pub fn href(&self) -> String {
        let mut params = Vec::new();
        if let Some(category) = &self.category {
            params.push(format!("category={}", encode(category)));
        }
        if !self.search.is_empty() {
            params.push(format!("q={}", encode(&self.search)));
        }
        if let Some(min) = self.price_min {
            params.push(format!("min={min}"));
        }
        if let Some(max) = self.price_max {
            params.push(format!("max={max}"));
        }
        if self.in_stock {
            params.push("stock=1".into());
        }
        if self.sort != self.default_sort() {
            params.push(format!("sort={}", self.sort.code()));
        }
        if self.page > 1 {
            params.push(format!("page={}", self.page));
        }
        if params.is_empty() {
            "/".into()
        } else {
            format!("/?{}", params.join("&"))
        }
    }

    /// Whether the category, price and stock filters keep this product.
    fn keeps(&self, item: &impl Listed) -> bool {
        self.category.as_deref().is_none_or(|c| item.category() == c)
            && self.price_min.is_none_or(|min| item.price() >= min)
            && self.price_max.is_none_or(|max| item.price() <= max)
            && (!self.in_stock || item.in_stock())
    }
}

/// Whether a query looks for anything: one of signs alone ("%%") does not, and lists as if nothing were typed.
fn is_search(query: &str) -> bool {
    !search::words(query).is_empty()
}

/// What a listed product needs for the rules.
pub trait Listed {
    fn category(&self) -> &str;
    /// Its folded search keys (db/search_keys.rs): its names, and every field searched (names included).
    fn search_keys(&self) -> (&str, &str);
    /// Its lowest price.
    fn price(&self) -> i64;
    fn in_stock(&self) -> bool;
    fn created_at(&self) -> i64;
}

/// How a product answered a search, compared whole: one whose every word was found as typed above one that needs
/// a typo forgiven (when a search forgives, as one word may be found as typed and another not); then one
/// in stock above a sold-out one; then one whose name holds every word above one that needs its description (or
/// category, or SKU); then by how well the words were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    as_typed: bool,
    in_stock: bool,
    in_name: bool,
    score: Option<Score>,
}

/// How a product answers the query's words; `None` when it does not. Without words (no query, or one of only
/// signs such as "%%"), every product answers alike.
fn rank(words: &[String], item: &impl Listed, typos: Typos) -> Option<Rank> {
    let in_stock = item.in_stock();
    if words.is_empty() {
        return Some(Rank {
            as_typed: true,
            in_stock,
            in_name: false,
            score: None,
        });
    }
    let (name, text) = item.search_keys();
    let (in_name, score) = match search::matches_with(words, name, typos) {
        Some(score) => (true, score),
        None => (false, search::matches_with(words, text, typos)?),
    };
    Some(Rank {
        as_typed: score.weakest > Found::Typo,
        in_stock,
        in_name,
        score: Some(score),
    })
}

/// The products of one page, and how many products and pages the query has.
pub fn select<T: Listed>(items: Vec<T>, query: &ListQuery, forgiving: &Turns) -> (Vec<T>, usize, usize) {
    let words = search::words(&query.search);
    let kept: Vec<T> = items.into_iter().filter(|item| query.keeps(item)).collect();
    // As typed first; a wrong letter is forgiven only when nothing is found so (see `Typos`): at 10,000 products
    // forgiving on every search cost a shopper 1.5 s (docs/PERFORMANCE.md). And only while a turn is free: past
    // `forgiving`'s few at once, a search finds what is typed alone.
    let as_typed = kept.iter().any(|item| rank(&words, item, Typos::NotForgiven).is_some());
    let turn = (!as_typed).then(|| forgiving.take()).flatten();
    let typos = if turn.is_some() {
        Typos::Forgiven
    } else {
        Typos::NotForgiven
    };
    let mut found: Vec<(Rank, T)> = kept
        .into_iter()
        .filter_map(|item| Some((rank(&words, &item, typos)?, item)))
        .collect();
    use std::cmp::Reverse;
    match query.sort {
        Sort::Relevance => found.sort_by_key(|(rank, item)| (Reverse(*rank), Reverse(item.created_at()))),
        Sort::Newest => found.sort_by_key(|(_, item)| Reverse(item.created_at())),
        Sort::PriceUp => found.sort_by_key(|(_, item)| (item.price(), Reverse(item.created_at()))),
        Sort::PriceDown => found.sort_by_key(|(_, item)| (Reverse(item.price()), Reverse(item.created_at()))),
    }
    let total = found.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let shown = found
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(_, item)| item)
        .collect();
    (shown, total, pages)
}

/// The best matches for the header's suggestions: at most `limit`, ranked as a search is.
pub fn suggest<T: Listed>(items: Vec<T>, query: &str, limit: usize, forgiving: &Turns) -> Vec<T> {
    let query = ListQuery {
        search: query.trim().chars().take(QUERY_CHARS).collect(),
        sort: Sort::Relevance,
        ..ListQuery::default()
    };
    if !is_search(&query.search) {
        return Vec::new();
    }
    let (mut shown, _, _) = select(items, &query, forgiving);
    shown.truncate(limit);
    shown
}

/// How many searches may forgive a wrong letter at once. Forgiving spells every product's words out (about 140 ms
/// of a core at 10,000 products), and the list and the header's suggestions are anyone's to ask: past this many at
/// once, a search finds what is typed alone, so a burst of odd queries cannot take every core.
#[derive(Debug)]
pub struct Turns {
    taken: AtomicUsize,
    most: usize,
}

/// A turn taken, given back when dropped.
pub struct Turn<'a>(&'a Turns);

impl Turns {
    pub const fn new(most: usize) -> Turns {
        Turns {
            taken: AtomicUsize::new(0),
            most,
        }
    }

    pub fn take(&self) -> Option<Turn<'_>> {
        self.taken
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |taken| {
                (taken < self.most).then_some(taken + 1)
            })
            .ok()
            .map(|_| Turn(self))
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.0.taken.fetch_sub(1, Ordering::AcqRel);
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests;
