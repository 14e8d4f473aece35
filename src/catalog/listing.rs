//! The product list's rules, pure: which products a query shows, in which order, on which page.
//!
//! Filtering happens in Rust, not SQL: SQLite's `lower()` only folds ASCII, and a Mongolian shopper types
//! "ааруул" for "Ааруул". A shop's catalog (hundreds, a few thousand products) is read in one query.

use serde::{Deserialize, Serialize};

/// Products per page.
pub const PAGE_SIZE: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    PriceUp,
    PriceDown,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::PriceUp, Sort::PriceDown];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::PriceUp => "price-asc",
            Sort::PriceDown => "price-desc",
        }
    }

    pub fn parse(code: &str) -> Sort {
        Sort::ALL.into_iter().find(|s| s.code() == code).unwrap_or_default()
    }
}

/// What the shopper asked the list for, read from the URL (`?category=&q=&sort=&page=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub category: Option<String>,
    pub search: String,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            category: None,
            search: String::new(),
            sort: Sort::Newest,
            page: 1,
        }
    }
}

impl ListQuery {
    pub fn from_params(
        category: Option<String>,
        search: Option<String>,
        sort: Option<String>,
        page: Option<String>,
    ) -> Self {
        ListQuery {
            category: category.filter(|c| !c.is_empty()),
            search: search.unwrap_or_default().trim().chars().take(100).collect(),
            sort: Sort::parse(sort.as_deref().unwrap_or("")),
            page: page.and_then(|p| p.parse().ok()).filter(|&p| p >= 1).unwrap_or(1),
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
        if self.sort != Sort::Newest {
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
}

/// What a listed product needs for the rules.
pub trait Listed {
    fn category(&self) -> &str;
    /// Every name the product answers to (both languages).
    fn names(&self) -> [&str; 2];
    fn price(&self) -> i64;
    fn created_at(&self) -> i64;
}

/// The products of one page, and how many pages the query has.
pub fn select<T: Listed>(mut items: Vec<T>, query: &ListQuery) -> (Vec<T>, usize, usize) {
    let needle = query.search.to_lowercase();
    items.retain(|item| {
        query.category.as_deref().is_none_or(|c| item.category() == c)
            && (needle.is_empty() || item.names().iter().any(|name| name.to_lowercase().contains(&needle)))
    });
    match query.sort {
        Sort::Newest => items.sort_by_key(|item| std::cmp::Reverse(item.created_at())),
        Sort::PriceUp => items.sort_by_key(|item| (item.price(), std::cmp::Reverse(item.created_at()))),
        Sort::PriceDown => {
            items.sort_by_key(|item| (std::cmp::Reverse(item.price()), std::cmp::Reverse(item.created_at())))
        }
    }
    let total = items.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let shown = items.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
    (shown, total, pages)
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
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item(&'static str, &'static str, i64, i64);

    impl Listed for Item {
        fn category(&self) -> &str {
            self.0
        }
        fn names(&self) -> [&str; 2] {
            [self.1, self.1]
        }
        fn price(&self) -> i64 {
            self.2
        }
        fn created_at(&self) -> i64 {
            self.3
        }
    }

    fn catalog() -> Vec<Item> {
        vec![
            Item("food", "Ааруул", 12_500, 1),
            Item("food", "Зөгийн бал", 14_000, 2),
            Item("gifts", "Шагай", 15_000, 3),
        ]
    }

    fn names(items: &[Item]) -> Vec<&'static str> {
        items.iter().map(|i| i.1).collect()
    }

    #[test]
    fn filters_by_category_and_by_a_name_in_any_case() {
        let query = ListQuery {
            category: Some("food".into()),
            ..ListQuery::default()
        };
        assert_eq!(names(&select(catalog(), &query).0), ["Зөгийн бал", "Ааруул"]);
        let query = ListQuery {
            search: "ааруул".into(),
            ..ListQuery::default()
        };
        assert_eq!(
            names(&select(catalog(), &query).0),
            ["Ааруул"],
            "Cyrillic case is folded"
        );
        let query = ListQuery {
            search: "nothing".into(),
            ..ListQuery::default()
        };
        assert_eq!(select(catalog(), &query), (vec![], 0, 1));
    }

    #[test]
    fn sorts_by_newest_or_price() {
        let by = |sort| {
            names(
                &select(
                    catalog(),
                    &ListQuery {
                        sort,
                        ..ListQuery::default()
                    },
                )
                .0,
            )
        };
        assert_eq!(by(Sort::Newest), ["Шагай", "Зөгийн бал", "Ааруул"]);
        assert_eq!(by(Sort::PriceUp), ["Ааруул", "Зөгийн бал", "Шагай"]);
        assert_eq!(by(Sort::PriceDown), ["Шагай", "Зөгийн бал", "Ааруул"]);
    }

    #[test]
    fn pages_hold_twelve_and_a_page_past_the_end_shows_the_last() {
        let page = |page| {
            let many: Vec<Item> = (0..30).map(|i| Item("food", "x", 100, i)).collect();
            let (shown, total, pages) = select(
                many,
                &ListQuery {
                    page,
                    ..ListQuery::default()
                },
            );
            (shown.len(), total, pages)
        };
        assert_eq!(page(1), (12, 30, 3));
        assert_eq!(page(3), (6, 30, 3));
        assert_eq!(page(9), (6, 30, 3), "past the end: the last page");
    }

    #[test]
    fn links_keep_the_query() {
        let query = ListQuery::from_params(
            Some("food".into()),
            Some(" бал ".into()),
            Some("price-asc".into()),
            Some("2".into()),
        );
        assert_eq!(
            query.href(),
            "/?category=food&q=%D0%B1%D0%B0%D0%BB&sort=price-asc&page=2"
        );
        assert_eq!(
            ListQuery::from_params(None, None, Some("bogus".into()), Some("0".into())),
            ListQuery {
                page: 1,
                ..ListQuery::default()
            }
        );
        assert_eq!(ListQuery::default().href(), "/");
    }
}
