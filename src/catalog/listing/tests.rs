use super::*;
use crate::domain::search::fold;

#[derive(Debug, PartialEq)]
struct Item {
    category: &'static str,
    name: &'static str,
    /// What else is searched: a description, an SKU.
    more: &'static str,
    price: i64,
    stock: i64,
    created_at: i64,
    keys: (String, String),
}

fn item(
    category: &'static str,
    name: &'static str,
    more: &'static str,
    price: i64,
    stock: i64,
    created_at: i64,
) -> Item {
    Item {
        category,
        name,
        more,
        price,
        stock,
        created_at,
        keys: (fold(name), fold(&format!("{name} {more}"))),
    }
}

impl Listed for Item {
    fn category(&self) -> &str {
        self.category
    }
    fn search_keys(&self) -> (&str, &str) {
        (&self.keys.0, &self.keys.1)
    }
    fn price(&self) -> i64 {
        self.price
    }
    fn in_stock(&self) -> bool {
        self.stock > 0
    }
    fn created_at(&self) -> i64 {
        self.created_at
    }
}

fn catalog() -> Vec<Item> {
    vec![
        item("food", "Ааруул", "Хатаасан ааруул", 12_500, 5, 1),
        item("food", "Зөгийн бал", "Хангайн зөгийн бал. SKU HONEY-1", 14_000, 5, 2),
        item("gifts", "Шагай", "Шагайн наадам", 15_000, 5, 3),
        item("clothes", "Цамц", "Хөвөн цамц", 45_000, 5, 4),
        item("clothes", "Гутал", "Арьсан гутал", 120_000, 0, 5),
        item("home", "Угаалга", "Угаалгын нунтаг", 9_000, 5, 6),
    ]
}

fn names(items: &[Item]) -> Vec<&'static str> {
    items.iter().map(|i| i.name).collect()
}

fn shown(query: ListQuery) -> Vec<&'static str> {
    names(&select(catalog(), &query, &Turns::new(1)).0)
}

fn searched(text: &str) -> Vec<&'static str> {
    shown(ListQuery::from_params(|key| (key == "q").then(|| text.to_owned())))
}

#[test]
fn finds_what_mongolians_type_in_either_script_or_with_a_typo() {
    for (typed, found) in [
        ("ааруул", "Ааруул"),
        ("tsamts", "Цамц"),
        ("tsamc", "Цамц"),
        ("camc", "Цамц"),
        ("gutal", "Гутал"),
        ("ugaalga", "Угаалга"),
        ("ugalga", "Угаалга"),
        ("zogiin bal", "Зөгийн бал"),
        ("honey-1", "Зөгийн бал"),
        ("HONEY1", "Зөгийн бал"),
    ] {
        assert_eq!(searched(typed), [found], "{typed}");
    }
}

#[test]
fn a_name_match_ranks_above_a_description_match_and_in_stock_above_sold_out() {
    let catalog = || {
        vec![
            item("food", "Бал", "", 10_000, 0, 1),
            item("food", "Цай", "бал нэмсэн", 10_000, 5, 2),
            item("food", "Балтай цай", "", 10_000, 5, 3),
            item("food", "Бал", "", 10_000, 5, 4),
            item("food", "Борц", "", 10_000, 5, 5),
            item("food", "Boots", "", 10_000, 0, 6),
        ]
    };
    let query = ListQuery::from_params(|key| (key == "q").then(|| "бал".to_owned()));
    assert_eq!(query.sort, Sort::Relevance, "a search is ranked by default");
    let (rows, total, _) = select(catalog(), &query, &Turns::new(1));
    let order: Vec<_> = rows.iter().map(|i| (i.name, i.stock)).collect();
    assert_eq!(total, 4);
    assert_eq!(
        order,
        [("Бал", 5), ("Балтай цай", 5), ("Цай", 5), ("Бал", 0)],
        "in stock first; the whole word in the name, then its start, then the description"
    );
    let query = ListQuery::from_params(|key| (key == "q").then(|| "boots".to_owned()));
    let order: Vec<_> = select(catalog(), &query, &Turns::new(1))
        .0
        .iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(
        order,
        ["Boots"],
        "found as typed: no letter is forgiven, so «Борц» is not a match"
    );
    let query = ListQuery::from_params(|key| (key == "q").then(|| "bootz".to_owned()));
    let order: Vec<_> = select(catalog(), &query, &Turns::new(1))
        .0
        .iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(order, ["Boots"], "nothing as typed: a wrong letter is forgiven");
}

#[test]
fn filters_by_category_price_and_stock_and_sorts_as_asked() {
    let query = |params: &[(&str, &str)]| {
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ListQuery::from_params(|key| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    };
    assert_eq!(shown(query(&[("category", "food")])), ["Зөгийн бал", "Ааруул"]);
    assert_eq!(
        shown(query(&[("min", "12,500"), ("max", "45000₮"), ("sort", "price-asc")])),
        ["Ааруул", "Зөгийн бал", "Шагай", "Цамц"],
        "the bounds are kept"
    );
    assert_eq!(shown(query(&[("min", "100000")])), ["Гутал"]);
    assert_eq!(shown(query(&[("min", "100000"), ("stock", "1")])), Vec::<&str>::new());
    assert_eq!(
        shown(query(&[("sort", "price-desc"), ("min", "abc"), ("max", "-5")])).len(),
        6,
        "a price that is not a whole amount is not a filter"
    );
    assert_eq!(
        shown(query(&[("sort", "price-up")]))[0],
        "Угаалга",
        "an unknown sort is the default"
    );
    assert_eq!(
        shown(query(&[("q", "tsamts"), ("category", "food")])),
        Vec::<&str>::new(),
        "search and category together"
    );
}

#[test]
fn hostile_or_empty_queries_answer_like_any_other() {
    for typed in ["%", "_", "'\"", "\" OR 1=1 --", "NEAR(a b)", "*", "a*", "   ", ""] {
        let (rows, total, pages) = select(
            catalog(),
            &ListQuery::from_params(|key| (key == "q").then(|| typed.to_owned())),
            &Turns::new(1),
        );
        assert!(pages >= 1, "{typed}");
        assert_eq!(rows.len(), total.min(PAGE_SIZE), "{typed}");
    }
    assert_eq!(searched("%%"), searched(""), "a query of signs alone is no search");
    let long = "цамц ".repeat(400);
    assert_eq!(
        searched(&long),
        ["Цамц"],
        "2,000 characters are read as their first ones"
    );
    assert_eq!(
        ListQuery::from_params(|key| (key == "q").then(|| long.clone()))
            .search
            .chars()
            .count(),
        QUERY_CHARS
    );
}

#[test]
fn pages_hold_twelve_and_a_page_past_the_end_shows_the_last() {
    let page = |page| {
        let many: Vec<Item> = (0..30).map(|i| item("food", "x", "", 100, 1, i)).collect();
        let (shown, total, pages) = select(
            many,
            &ListQuery {
                page,
                ..ListQuery::default()
            },
            &Turns::new(1),
        );
        (shown.len(), total, pages)
    };
    assert_eq!(page(1), (12, 30, 3));
    assert_eq!(page(3), (6, 30, 3));
    assert_eq!(page(9), (6, 30, 3), "past the end: the last page");
}

#[test]
fn links_keep_the_query() {
    let params = [
        ("category", "food"),
        ("q", " бал "),
        ("min", "1000"),
        ("stock", "1"),
        ("sort", "price-asc"),
        ("page", "2"),
    ];
    let query = ListQuery::from_params(|key| params.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()));
    assert_eq!(
        query.href(),
        "/?category=food&q=%D0%B1%D0%B0%D0%BB&min=1000&stock=1&sort=price-asc&page=2"
    );
    let relevance = ListQuery {
        sort: Sort::Relevance,
        ..query.clone()
    };
    assert!(
        !relevance.href().contains("sort="),
        "a search's own order is not written"
    );
    let params = [("sort", "bogus"), ("page", "0")];
    assert_eq!(
        ListQuery::from_params(|key| params.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())),
        ListQuery::default()
    );
    assert_eq!(ListQuery::default().href(), "/");
}

#[test]
fn suggestions_are_the_best_few() {
    assert_eq!(names(&suggest(catalog(), "a", 3, &Turns::new(1))).len(), 3);
    assert_eq!(names(&suggest(catalog(), "gutal", 5, &Turns::new(1))), ["Гутал"]);
    assert!(
        suggest(catalog(), " %% ", 5, &Turns::new(1)).is_empty(),
        "no words, no suggestions"
    );
}

#[test]
fn a_wrong_letter_is_forgiven_only_while_a_turn_is_free() {
    let turns = Turns::new(1);
    let query = ListQuery::from_params(|key| (key == "q").then(|| "gutak".to_owned()));
    let held = turns.take().expect("the one turn");
    assert!(turns.take().is_none(), "one at a time");
    assert!(
        select(catalog(), &query, &turns).0.is_empty(),
        "while it is taken, only what is typed is found"
    );
    let typed = ListQuery::from_params(|key| (key == "q").then(|| "tsamts".to_owned()));
    assert_eq!(
        names(&select(catalog(), &typed, &turns).0),
        ["Цамц"],
        "a search as typed needs no turn"
    );
    drop(held);
    assert_eq!(names(&select(catalog(), &query, &turns).0), ["Гутал"]);
    assert!(turns.take().is_some(), "and the search gave its turn back");
}
