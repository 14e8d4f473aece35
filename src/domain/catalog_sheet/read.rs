//! A sheet's rows read into products and variants, or a stocktake's counts, every problem noted on the way.

use std::collections::{HashMap, hash_map::Entry};

use super::{
    Column, Columns, Count, Header, Problem, ProblemKind, Problems, Sheet, SheetProduct, SheetVariant, parse_header,
};
use crate::domain::{
    catalog::{DESCRIPTION_MAX, NAME_MAX, PRICE_MAX, STOCK_MAX, is_sku, is_slug},
    money::whole_number,
};

/// The picture files the shop takes, as their names end (in any case).
const PICTURE_ENDINGS: [&str; 5] = [".jpg", ".jpeg", ".png", ".webp", ".heic"];

/// [`read`](super::read), for a shop whose sheets may have `max_rows` data rows (its `SHEET_MAX_ROWS`).
pub fn read_at_most(rows: &[Vec<String>], categories: &[&str], max_rows: usize) -> Result<Sheet, Vec<Problem>> {
    let mut problems = Problems::default();
    let Some((header, data)) = rows.split_first() else {
        problems.of_sheet(1, ProblemKind::Empty);
        return problems.done(Sheet::Catalog(Vec::new()));
    };
    let data: Vec<(usize, &[String])> = data
        .iter()
        .enumerate()
        .map(|(at, cells)| (at + 2, cells.as_slice()))
        .filter(|(_, cells)| cells.iter().any(|cell| !cell.trim().is_empty()))
        .collect();
    if let Some(&(row, _)) = data.get(max_rows) {
        problems.of_sheet(row, ProblemKind::TooManyRows { max: max_rows });
        return problems.done(Sheet::Catalog(Vec::new()));
    }
    let header = parse_header(header)?;
    if data.is_empty() {
        problems.of_sheet(2, ProblemKind::Empty);
        return problems.done(Sheet::Catalog(Vec::new()));
    }
    match header {
        Header::Catalog(columns) => Catalog::new(columns, categories).read(&data).map(Sheet::Catalog),
        Header::Stocktake { sku, stock } => stocktake(&data, sku, stock).map(Sheet::Stocktake),
    }
}

/// A cell trimmed; a row shorter than the header has empty cells at its end.
fn cell(cells: &[String], at: usize) -> &str {
    cells.get(at).map_or("", |cell| cell.trim())
}

/// The catalog as it is read, row by row.
struct Catalog<'a> {
    columns: Columns,
    categories: &'a [&'a str],
    products: Vec<SheetProduct>,
    /// Whether a row of the product being read said whether it is on sale (until one does, it is).
    active_given: bool,
    /// The first row of each handle.
    handles: HashMap<String, usize>,
    /// The row of each SKU.
    skus: HashMap<String, usize>,
    problems: Problems,
}

impl<'a> Catalog<'a> {
    fn new(columns: Columns, categories: &'a [&'a str]) -> Self {
        Catalog {
            columns,
            categories,
            products: Vec::new(),
            active_given: false,
            handles: HashMap::new(),
            skus: HashMap::new(),
            problems: Problems::default(),
        }
    }

    fn read(mut self, data: &[(usize, &[String])]) -> Result<Vec<SheetProduct>, Vec<Problem>> {
        for &(row, cells) in data {
            self.product_of(row, cell(cells, self.columns.at(Column::Handle)));
            self.product_texts(row, cells);
            self.active(row, cells);
            self.pictures(row, cells);
            let variant = self.variant(row, cells);
            if let Some(product) = self.products.last_mut() {
                product.variants.push(variant);
            }
        }
        // Required of the product as a whole: any of its rows may give them.
        for product in &self.products {
            for (column, given) in [(Column::NameMn, &product.name_mn), (Column::NameEn, &product.name_en)] {
                if given.is_empty() {
                    self.problems.at(product.row, column, ProblemKind::MissingName);
                }
            }
            // A product of one variant needs no option ("one size", as a shop's own catalog has them); of several,
            // each is told apart by its name in both languages, as the product form asks.
            if product.variants.len() > 1 {
                for variant in &product.variants {
                    for (column, given) in [
                        (Column::OptionMn, &variant.option_mn),
                        (Column::OptionEn, &variant.option_en),
                    ] {
                        if given.is_empty() {
                            self.problems.at(variant.row, column, ProblemKind::MissingName);
                        }
                    }
                }
            }
            if product.category.is_empty() {
                self.problems
                    .at(product.row, Column::Category, ProblemKind::MissingCategory);
            }
        }
        self.problems.done(self.products)
    }

    /// Starts a product at `row` unless the row continues the one before (the same handle, or none). A product
    /// started in spite of a problem is still read, so that its other cells are checked too.
    fn product_of(&mut self, row: usize, handle: &str) {
        if self
            .products
            .last()
            .is_some_and(|last| handle.is_empty() || last.handle == handle)
        {
            return;
        }
        if handle.is_empty() {
            // Only the first data row has no product before it.
            self.problems.at(row, Column::Handle, ProblemKind::MissingHandle);
        } else if let Some(&first_row) = self.handles.get(handle) {
            self.problems
                .at(row, Column::Handle, ProblemKind::DuplicateHandle { first_row });
        } else {
            if !is_slug(handle) {
                self.problems.at(row, Column::Handle, ProblemKind::BadHandle);
            }
            self.handles.insert(handle.to_owned(), row);
        }
        self.active_given = false;
        self.products.push(SheetProduct {
            row,
            handle: handle.to_owned(),
            name_mn: String::new(),
            name_en: String::new(),
            description_mn: String::new(),
            description_en: String::new(),
            category: String::new(),
            active: true,
            pictures: Vec::new(),
            variants: Vec::new(),
        });
    }

    /// The product's text columns from a row: each taken from the first of its rows that gives it, and checked
    /// there; a later row giving it again is fine, giving another value is a conflict.
    fn product_texts(&mut self, row: usize, cells: &[String]) {
        let texts = [
            Column::NameMn,
            Column::NameEn,
            Column::DescriptionMn,
            Column::DescriptionEn,
            Column::Category,
        ];
        for column in texts {
            let value = cell(cells, self.columns.at(column));
            let Some(product) = self.products.last_mut() else {
                return;
            };
            let given = match column {
                Column::NameMn => &mut product.name_mn,
                Column::NameEn => &mut product.name_en,
                Column::DescriptionMn => &mut product.description_mn,
                Column::DescriptionEn => &mut product.description_en,
                _ => &mut product.category,
            };
            if value.is_empty() || given.as_str() == value {
                continue;
            }
            if !given.is_empty() {
                self.problems.at(row, column, ProblemKind::Conflicting);
                continue;
            }
            *given = value.to_owned();
            let problem = match column {
                Column::Category if !self.categories.contains(&value) => {
                    Some(ProblemKind::UnknownCategory(value.to_owned()))
                }
                Column::NameMn | Column::NameEn if value.chars().count() > NAME_MAX => Some(ProblemKind::TooLong),
                Column::DescriptionMn | Column::DescriptionEn if value.chars().count() > DESCRIPTION_MAX => {
                    Some(ProblemKind::TooLong)
                }
                _ => None,
            };
            if let Some(kind) = problem {
                self.problems.at(row, column, kind);
            }
        }
    }

    /// Whether the product is on sale, from the first of its rows that says (in words of either language).
    fn active(&mut self, row: usize, cells: &[String]) {
        let typed = cell(cells, self.columns.at(Column::Active));
        let Some(product) = self.products.last_mut() else {
            return;
        };
        if typed.is_empty() {
            return;
        }
        match on_sale(typed) {
            None => self.problems.at(row, Column::Active, ProblemKind::BadActive),
            Some(on) if !self.active_given => {
                product.active = on;
                self.active_given = true;
            }
            Some(on) if on != product.active => self.problems.at(row, Column::Active, ProblemKind::Conflicting),
            Some(_) => {}
        }
    }

    /// The product's pictures, from the first of its rows that names any, each name checked there.
    fn pictures(&mut self, row: usize, cells: &[String]) {
        let names = picture_names(cell(cells, self.columns.at(Column::Pictures)));
        let Some(product) = self.products.last_mut() else {
            return;
        };
        if names.is_empty() || product.pictures == names {
            return;
        }
        if !product.pictures.is_empty() {
            self.problems.at(row, Column::Pictures, ProblemKind::Conflicting);
            return;
        }
        for name in names.iter().filter(|name| !is_picture_name(name)) {
            self.problems
                .at(row, Column::Pictures, ProblemKind::BadPicture(name.clone()));
        }
        product.pictures = names;
    }

    /// The row's variant; a cell with a problem is kept as a stand-in (0, empty).
    fn variant(&mut self, row: usize, cells: &[String]) -> SheetVariant {
        let columns = self.columns;
        let at = |column: Column| cell(cells, columns.at(column));
        let sku = check_sku(&mut self.skus, row, at(Column::Sku));
        let problems = &mut self.problems;
        SheetVariant {
            row,
            sku: problems.value(row, Column::Sku, sku),
            option_mn: problems.value(row, Column::OptionMn, option(at(Column::OptionMn))),
            option_en: problems.value(row, Column::OptionEn, option(at(Column::OptionEn))),
            price: problems.value(row, Column::Price, price(at(Column::Price))),
            stock: problems.value(row, Column::Stock, stock(at(Column::Stock))),
            low_stock: problems.value(row, Column::LowStock, level(at(Column::LowStock))),
        }
    }
}

/// A stocktake's rows: a SKU and the count on the shelf on each.
fn stocktake(data: &[(usize, &[String])], sku_at: usize, stock_at: usize) -> Result<Vec<Count>, Vec<Problem>> {
    let mut problems = Problems::default();
    let mut skus = HashMap::new();
    let mut counts = Vec::with_capacity(data.len());
    for &(row, cells) in data {
        let sku = check_sku(&mut skus, row, cell(cells, sku_at));
        counts.push(Count {
            row,
            sku: problems.value(row, Column::Sku, sku),
            stock: problems.value(row, Column::Stock, stock(cell(cells, stock_at))),
        });
    }
    problems.done(counts)
}

/// A row's SKU: required, plain, and on one row only (a second names the first's row). `skus` holds each SKU's row.
fn check_sku(skus: &mut HashMap<String, usize>, row: usize, sku: &str) -> Result<String, ProblemKind> {
    if sku.is_empty() {
        return Err(ProblemKind::MissingSku);
    }
    if !is_sku(sku) {
        return Err(ProblemKind::BadSku);
    }
    match skus.entry(sku.to_owned()) {
        Entry::Occupied(first) => Err(ProblemKind::DuplicateSku {
            first_row: *first.get(),
        }),
        Entry::Vacant(slot) => {
            slot.insert(row);
            Ok(sku.to_owned())
        }
    }
}

/// A variant's option name, as long as the form allows; whether it may be empty is the product's to say (see
/// `Catalog::read`).
fn option(typed: &str) -> Result<String, ProblemKind> {
    if typed.chars().count() > NAME_MAX {
        Err(ProblemKind::TooLong)
    } else {
        Ok(typed.to_owned())
    }
}

/// A number as a cell holds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Number {
    Empty,
    Whole(i64),
    /// Digits after the point other than zeros.
    Fraction,
    /// Letters, or anything else that is no number.
    Unreadable,
}

/// A number as people type one (`whole_number`: "12,500", "12 500", "12500₮") or as Excel writes one, "12500.0":
/// zeros after a point are whole, other digits a fraction. A minus before it makes it negative (for the problem's
/// words: a stock below zero, not "not a number").
fn number(typed: &str) -> Number {
    if typed.is_empty() {
        return Number::Empty;
    }
    let (negative, unsigned) = match typed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, typed),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let fraction = fraction.trim_end_matches(|c: char| c == '₮' || c.is_whitespace());
    let Some(whole) = whole_number(whole).filter(|_| fraction.bytes().all(|b| b.is_ascii_digit())) else {
        return Number::Unreadable;
    };
    if fraction.bytes().any(|b| b != b'0') {
        return Number::Fraction;
    }
    Number::Whole(if negative { -whole } else { whole })
}

/// A price: whole tögrög from 1 to `PRICE_MAX`, as the product form takes it.
fn price(typed: &str) -> Result<i64, ProblemKind> {
    match number(typed) {
        Number::Empty => Err(ProblemKind::MissingPrice),
        Number::Whole(price) if price < 1 => Err(ProblemKind::PriceTooSmall),
        Number::Whole(price) if price > PRICE_MAX => Err(ProblemKind::PriceTooLarge),
        Number::Whole(price) => Ok(price),
        Number::Fraction => Err(ProblemKind::NotWholeTogrog),
        Number::Unreadable => Err(ProblemKind::NotANumber),
    }
}

/// A stock: a whole count from 0 to `STOCK_MAX`.
fn stock(typed: &str) -> Result<i64, ProblemKind> {
    match number(typed) {
        Number::Empty => Err(ProblemKind::MissingStock),
        Number::Whole(count) if count < 0 => Err(ProblemKind::StockBelowZero),
        Number::Whole(count) if count > STOCK_MAX => Err(ProblemKind::StockTooLarge),
        Number::Whole(count) => Ok(count),
        Number::Fraction | Number::Unreadable => Err(ProblemKind::NotANumber),
    }
}

/// A low-stock level: empty for the shop's default, else a count as [`stock`] reads it.
fn level(typed: &str) -> Result<Option<i64>, ProblemKind> {
    if typed.is_empty() {
        Ok(None)
    } else {
        stock(typed).map(Some)
    }
}

/// "On sale" in words of either language, any case: empty is on sale too, the way a new product is.
fn on_sale(typed: &str) -> Option<bool> {
    match typed.to_lowercase().as_str() {
        "" | "1" | "yes" | "true" | "тийм" => Some(true),
        "0" | "no" | "false" | "үгүй" => Some(false),
        _ => None,
    }
}

/// The file names of a pictures cell: separated by `;` or `,`, trimmed, empty ones dropped.
fn picture_names(typed: &str) -> Vec<String> {
    typed
        .split([';', ','])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `name` is a plain picture file's name: no folder, no way up, a name before one of [`PICTURE_ENDINGS`].
fn is_picture_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.contains(['/', '\\'])
        && !name.contains("..")
        && PICTURE_ENDINGS
            .iter()
            .any(|ending| lower.len() > ending.len() && lower.ends_with(ending))
}
