//! The catalog as a spreadsheet: the owner's bulk import and export (`/admin/products/import` and `/export`), one
//! row per variant. Pure: the cells arrive already read as text (from an .xlsx or a .csv, elsewhere). A sheet is
//! read into products and variants by the same rules and limits as the owner's product form (`domain::catalog`,
//! `admin/catalog/form.rs`), so an import accepts what the form accepts; [`plan()`] tells what importing it would
//! change in the catalog as stored; [`rows()`] writes the catalog in the same format.
//!
//! - The first row names the columns ([`COLUMNS`]): in any order, in any case, around spaces. A product's columns
//!   are given on its first row and may be repeated or left empty on its later rows; a product's rows follow each
//!   other, a non-empty handle starting or continuing one, an empty handle continuing the one before.
//! - A variant has one option: its name in both languages (`option_mn`, `option_en`, the variant's `name_mn` and
//!   `name_en` as stored: "38 размер", "Size 38"). The shop's variants have one name, not option-value pairs.
//! - A sheet whose header has only `sku` and `stock` is a stocktake: it sets the counts on the shelf, nothing else.
//! - Every problem is reported at once, by row (as the spreadsheet numbers them: the header is row 1) and column.
//!   They are data: their words are the caller's, in the owner's language. Nothing is planned while one remains.
//! - Matching is by SKU, then handle, and nothing the sheet leaves out is deleted (see [`plan()`]).
//! - A round trip changes nothing: [`rows()`] read back plans nothing to do.

mod pictures;
mod plan;
mod read;

pub use pictures::picture_problems;
pub use plan::{Change, Counts, CurrentProduct, CurrentVariant, FieldChange, NewVariant, Plan, Target, plan, rows};
pub use read::read_at_most;

/// A sheet as its cells were read, `rows[0]` its header, checked against the shop's `categories` (their slugs).
/// Cells are trimmed; rows whose cells are all empty are skipped (a spreadsheet leaves them) but still counted in
/// the row numbers, which are the spreadsheet's. `Ok` only when there is no problem at all; else every one, sorted by
/// row and column. More than [`ROWS_MAX`] data rows is one problem, and nothing else is read.
pub fn read(rows: &[Vec<String>], categories: &[&str]) -> Result<Sheet, Vec<Problem>> {
    read_at_most(rows, categories, ROWS_MAX)
}

/// The most data rows a sheet may have unless the shop sets another (`SHEET_MAX_ROWS`; blank rows not counted): more
/// is one problem, and nothing else is read.
pub const ROWS_MAX: usize = 20_000;

/// A column of the sheet. Declared in [`COLUMNS`]'s order, which is the order the export writes them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// The product's slug: its address, and what groups its rows.
    Handle,
    NameMn,
    NameEn,
    DescriptionMn,
    DescriptionEn,
    /// The slug of one of the shop's categories.
    Category,
    /// The variant's name (its one option), in Mongolian.
    OptionMn,
    OptionEn,
    Sku,
    /// Whole tögrög.
    Price,
    /// The count on the shelf.
    Stock,
    /// The variant's low-stock level (`domain::stock`); empty for the shop's default.
    LowStock,
    /// On sale ("1") or archived ("0"): the product's.
    Active,
    /// The product's picture file names, separated by `;` or `,`.
    Pictures,
}

/// Every column, in the order the export writes them.
pub const COLUMNS: [Column; 14] = [
    Column::Handle,
    Column::NameMn,
    Column::NameEn,
    Column::DescriptionMn,
    Column::DescriptionEn,
    Column::Category,
    Column::OptionMn,
    Column::OptionEn,
    Column::Sku,
    Column::Price,
    Column::Stock,
    Column::LowStock,
    Column::Active,
    Column::Pictures,
];

impl Column {
    /// Its name in the header row. The same in both languages: it is what the import reads, not a label.
    pub fn header(self) -> &'static str {
        match self {
            Column::Handle => "handle",
            Column::NameMn => "name_mn",
            Column::NameEn => "name_en",
            Column::DescriptionMn => "description_mn",
            Column::DescriptionEn => "description_en",
            Column::Category => "category",
            Column::OptionMn => "option_mn",
            Column::OptionEn => "option_en",
            Column::Sku => "sku",
            Column::Price => "price",
            Column::Stock => "stock",
            Column::LowStock => "low_stock",
            Column::Active => "active",
            Column::Pictures => "pictures",
        }
    }

    /// The column a header cell names, in any case and around spaces; `None` for any other text.
    pub fn named(cell: &str) -> Option<Column> {
        let name = cell.trim();
        COLUMNS
            .into_iter()
            .find(|column| column.header().eq_ignore_ascii_case(name))
    }
}

/// Where each column is in a row, by its index in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns([usize; 14]);

impl Columns {
    /// The index of `column`'s cells in a row.
    pub fn at(&self, column: Column) -> usize {
        self.0[column as usize]
    }
}

/// What a header row says the sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// The whole catalog: every column.
    Catalog(Columns),
    /// Counts only: the index of the `sku` and the `stock` cells.
    Stocktake { sku: usize, stock: usize },
}

/// Something in the sheet that stops it being imported, where a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// As the spreadsheet numbers it: the header is row 1, blank rows counted.
    pub row: usize,
    /// `None` for a problem of the header or of the sheet as a whole.
    pub column: Option<Column>,
    pub kind: ProblemKind,
}

/// What is wrong. Data only: the caller words it in the owner's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The header lacks a column the sheet needs.
    MissingColumn(Column),
    /// A header cell names no column: its text, trimmed.
    UnknownColumn(String),
    /// The header names a column twice.
    RepeatedColumn(Column),
    /// More than the shop's `max` data rows ([`ROWS_MAX`] unless set); nothing else was read.
    TooManyRows {
        max: usize,
    },
    /// No data rows under the header.
    Empty,
    /// A handle that cannot be an address (`catalog::is_slug`).
    BadHandle,
    /// The first data row has no handle, so there is no product to continue.
    MissingHandle,
    /// A handle again after other products' rows: a product's rows follow each other.
    DuplicateHandle {
        first_row: usize,
    },
    /// A required name is empty: a product's name, or a variant's option.
    MissingName,
    /// Longer than the product form allows (counted in characters).
    TooLong,
    MissingCategory,
    /// Not one of the shop's categories: the text as written.
    UnknownCategory(String),
    /// `active` is neither a yes nor a no.
    BadActive,
    /// A picture that is not a plain .jpg, .jpeg, .png, .webp or .heic file name: the name as written.
    BadPicture(String),
    /// A later row of a product gives one of the product's columns another value than its earlier rows.
    Conflicting,
    MissingSku,
    /// Not a plain SKU (`catalog::is_sku`).
    BadSku,
    /// The SKU is on an earlier row already.
    DuplicateSku {
        first_row: usize,
    },
    MissingPrice,
    /// A price with a fraction of a tögrög ("12500.5").
    NotWholeTogrog,
    /// A price of 0 or less: the form asks for at least 1₮.
    PriceTooSmall,
    /// Over `catalog::PRICE_MAX`.
    PriceTooLarge,
    MissingStock,
    /// A stock or a low-stock level below zero.
    StockBelowZero,
    /// A stock or a low-stock level over `catalog::STOCK_MAX`.
    StockTooLarge,
    /// Not a whole number at all: letters, or a count with a fraction.
    NotANumber,
    /// A stocktake's SKU that no variant has.
    UnknownSku,
    /// The SKU belongs to a variant of another product (this handle) than the one the row is in: a variant does not
    /// move between products.
    SkuOfAnotherProduct {
        handle: String,
    },
    /// A new stock below the units orders hold of the variant (`held`), which stay held.
    BelowHeld {
        held: i64,
    },
    /// A picture name neither the product has nor the sheet's pictures bring: the name as written.
    PictureNotSent(String),
    /// A file of the sent ones, named for a product, that is not a JPEG, PNG or WebP picture: its name.
    PictureRefused(String),
    /// A file of the sent ones, named for a product, larger than a picture may be (`kb`, the shop's limit).
    PictureTooLarge {
        name: String,
        kb: i64,
    },
    /// The product's pictures taken away or put in another order: that is done on the product's page.
    PicturesRearranged,
}

/// A product as the sheet gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProduct {
    /// Its first row.
    pub row: usize,
    pub handle: String,
    pub name_mn: String,
    pub name_en: String,
    pub description_mn: String,
    pub description_en: String,
    /// The category's slug.
    pub category: String,
    /// On sale; `false`: archived.
    pub active: bool,
    /// Picture file names, in the sheet's order.
    pub pictures: Vec<String>,
    /// In the sheet's order.
    pub variants: Vec<SheetVariant>,
}

/// A variant as its row gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetVariant {
    pub row: usize,
    pub sku: String,
    pub option_mn: String,
    pub option_en: String,
    /// Whole tögrög.
    pub price: i64,
    /// The count on the shelf: stock unpaid orders hold is the applying step's to keep held.
    pub stock: i64,
    /// `None`: the shop's default level.
    pub low_stock: Option<i64>,
}

/// A stocktake's count of one variant, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub row: usize,
    pub sku: String,
    /// On the shelf.
    pub stock: i64,
}

/// A sheet read without a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sheet {
    Catalog(Vec<SheetProduct>),
    Stocktake(Vec<Count>),
}

/// A header row read: a catalog when it names anything beside `sku` and `stock` (then every column is needed), a
/// stocktake when it names nothing else. Every problem at once; empty header cells are columns left unused.
pub fn parse_header(cells: &[String]) -> Result<Header, Vec<Problem>> {
    let mut problems = Problems::default();
    let mut found: [Option<usize>; 14] = [None; 14];
    for (at, cell) in cells.iter().enumerate() {
        // A CSV saved by Excel as "UTF-8" starts with a byte order mark, which the reader may leave on.
        let cell = if at == 0 {
            cell.trim_start().trim_start_matches('\u{feff}')
        } else {
            cell.as_str()
        };
        let name = cell.trim();
        if name.is_empty() {
            continue;
        }
        match Column::named(name) {
            None => problems.of_sheet(1, ProblemKind::UnknownColumn(name.to_owned())),
            Some(column) if found[column as usize].is_some() => {
                problems.of_sheet(1, ProblemKind::RepeatedColumn(column));
            }
            Some(column) => found[column as usize] = Some(at),
        }
    }
    let named = |column: Column| found[column as usize].is_some();
    let stocktake = COLUMNS.into_iter().any(named)
        && COLUMNS
            .into_iter()
            .all(|column| matches!(column, Column::Sku | Column::Stock) || !named(column));
    let needed: &[Column] = if stocktake {
        &[Column::Sku, Column::Stock]
    } else {
        &COLUMNS
    };
    for &column in needed {
        if !named(column) {
            problems.of_sheet(1, ProblemKind::MissingColumn(column));
        }
    }
    let at = |column: Column| found[column as usize].unwrap_or_default();
    let header = if stocktake {
        Header::Stocktake {
            sku: at(Column::Sku),
            stock: at(Column::Stock),
        }
    } else {
        Header::Catalog(Columns(COLUMNS.map(at)))
    };
    problems.done(header)
}

/// Problems as they are found, handed back sorted by row, then column.
#[derive(Debug, Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn at(&mut self, row: usize, column: Column, kind: ProblemKind) {
        self.0.push(Problem {
            row,
            column: Some(column),
            kind,
        });
    }

    /// A problem of the header or of the sheet as a whole: no column.
    fn of_sheet(&mut self, row: usize, kind: ProblemKind) {
        self.0.push(Problem {
            row,
            column: None,
            kind,
        });
    }

    /// The value checked, or its problem noted and a stand-in in its place (nothing is planned with it).
    fn value<T: Default>(&mut self, row: usize, column: Column, checked: Result<T, ProblemKind>) -> T {
        checked.unwrap_or_else(|kind| {
            self.at(row, column, kind);
            T::default()
        })
    }

    /// `valid` when nothing was found, else every problem, sorted (stably: a cell's problems in the order found).
    fn done<T>(mut self, valid: T) -> Result<T, Vec<Problem>> {
        if self.0.is_empty() {
            return Ok(valid);
        }
        self.0.sort_by_key(|problem| (problem.row, problem.column));
        Err(self.0)
    }
}

#[cfg(test)]
mod tests;
