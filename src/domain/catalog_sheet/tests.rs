use super::{Column::*, ProblemKind::*, *};
use crate::domain::catalog::NAME_MAX;

const CATEGORIES: [&str; 2] = ["home", "clothes"];

fn header() -> Vec<String> {
    COLUMNS.iter().map(|column| column.header().to_owned()).collect()
}

/// A data row of the given cells, the others empty (a later cell of the same column wins).
fn line(cells: &[(Column, &str)]) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    for (column, text) in cells {
        row[*column as usize] = (*text).to_owned();
    }
    row
}

/// A good first row of a product and its variant, `over` written over its cells.
fn first(handle: &str, sku: &str, over: &[(Column, &str)]) -> Vec<String> {
    let mut cells = vec![
        (Handle, handle),
        (NameMn, "Аяга"),
        (NameEn, "Cup"),
        (Category, "home"),
        (OptionMn, "Цэнхэр"),
        (OptionEn, "Blue"),
        (Sku, sku),
        (Price, "12500"),
        (Stock, "5"),
    ];
    cells.extend_from_slice(over);
    line(&cells)
}

/// A good later row: its handle and a variant, the product's columns left empty.
fn later(handle: &str, sku: &str, over: &[(Column, &str)]) -> Vec<String> {
    let mut cells = vec![
        (Handle, handle),
        (OptionMn, "Улаан"),
        (OptionEn, "Red"),
        (Sku, sku),
        (Price, "13000"),
        (Stock, "2"),
    ];
    cells.extend_from_slice(over);
    line(&cells)
}

fn sheet(data: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut rows = vec![header()];
    rows.extend(data);
    rows
}

fn problems(rows: &[Vec<String>]) -> Vec<(usize, Option<Column>, ProblemKind)> {
    let found = read(rows, &CATEGORIES).unwrap_err();
    found.into_iter().map(|p| (p.row, p.column, p.kind)).collect()
}

fn variant(
    row: usize,
    sku: &str,
    option: (&str, &str),
    price: i64,
    stock: i64,
    low_stock: Option<i64>,
) -> SheetVariant {
    SheetVariant {
        row,
        sku: sku.into(),
        option_mn: option.0.into(),
        option_en: option.1.into(),
        price,
        stock,
        low_stock,
    }
}

#[test]
fn columns_are_declared_in_the_export_s_order_and_named_in_any_case() {
    for (at, column) in COLUMNS.into_iter().enumerate() {
        assert_eq!(column as usize, at, "{column:?}");
        assert_eq!(
            Column::named(&format!(" {} ", column.header().to_uppercase())),
            Some(column)
        );
    }
    assert_eq!(Column::named("colour"), None);
}

#[test]
fn a_good_sheet_reads_into_products_whose_columns_are_left_empty_or_repeated_on_later_rows() {
    let rows = sheet(vec![
        first(
            "cup",
            "cup-blue",
            &[
                (DescriptionMn, "Шаазан, \"300 мл\""),
                (LowStock, "2"),
                (Active, "Тийм"),
                (Pictures, "cup.jpg; cup-side.PNG,"),
            ],
        ),
        later("", "cup-red", &[(Price, "12,500₮")]),
        later(
            "cup",
            "cup-green",
            &[(NameMn, "Аяга"), (Category, "home"), (Price, "12500.0")],
        ),
        first(
            "shirt",
            "shirt-s",
            &[
                (NameMn, "Цамц"),
                (NameEn, "Shirt"),
                (Category, "clothes"),
                (Active, "үгүй"),
            ],
        ),
        first(
            "shirt",
            "shirt-m",
            &[
                (NameMn, "Цамц"),
                (NameEn, "Shirt"),
                (Category, "clothes"),
                (Active, "0"),
            ],
        ),
    ]);
    let cup = SheetProduct {
        row: 2,
        handle: "cup".into(),
        name_mn: "Аяга".into(),
        name_en: "Cup".into(),
        description_mn: "Шаазан, \"300 мл\"".into(),
        description_en: String::new(),
        category: "home".into(),
        active: true,
        pictures: vec!["cup.jpg".into(), "cup-side.PNG".into()],
        variants: vec![
            variant(2, "cup-blue", ("Цэнхэр", "Blue"), 12_500, 5, Some(2)),
            variant(3, "cup-red", ("Улаан", "Red"), 12_500, 2, None),
            variant(4, "cup-green", ("Улаан", "Red"), 12_500, 2, None),
        ],
    };
    let shirt = SheetProduct {
        row: 5,
        handle: "shirt".into(),
        name_mn: "Цамц".into(),
        name_en: "Shirt".into(),
        description_mn: String::new(),
        category: "clothes".into(),
        active: false,
        pictures: Vec::new(),
        variants: vec![
            variant(5, "shirt-s", ("Цэнхэр", "Blue"), 12_500, 5, None),
            variant(6, "shirt-m", ("Цэнхэр", "Blue"), 12_500, 5, None),
        ],
        ..cup.clone()
    };
    assert_eq!(read(&rows, &CATEGORIES), Ok(Sheet::Catalog(vec![cup, shirt])));
}

#[test]
fn each_problem_is_found_at_its_row_and_column() {
    let long = "я".repeat(NAME_MAX + 1);
    let cup = || first("cup", "cup-1", &[]);
    let cases = [
        (
            "a fraction of a tögrög",
            vec![cup(), later("", "cup-2", &[(Price, "12500.5")])],
            vec![(3, Some(Price), NotWholeTogrog)],
        ),
        (
            "a SKU twice",
            vec![cup(), later("", "cup-2", &[]), later("", "cup-1", &[])],
            vec![(4, Some(Sku), DuplicateSku { first_row: 2 })],
        ),
        ("no SKU", vec![first("cup", "", &[])], vec![(2, Some(Sku), MissingSku)]),
        (
            "a SKU with a space",
            vec![first("cup", "cup 1", &[])],
            vec![(2, Some(Sku), BadSku)],
        ),
        (
            "an unknown category",
            vec![first("cup", "cup-1", &[(Category, "toys")])],
            vec![(2, Some(Category), UnknownCategory("toys".into()))],
        ),
        (
            "no category",
            vec![first("cup", "cup-1", &[(Category, "")])],
            vec![(2, Some(Category), MissingCategory)],
        ),
        (
            "a stock below zero",
            vec![cup(), later("", "cup-2", &[(Stock, "-1")])],
            vec![(3, Some(Stock), StockBelowZero)],
        ),
        (
            "no name on any of the product's rows",
            vec![first("cup", "cup-1", &[(NameMn, "")]), later("", "cup-2", &[])],
            vec![(2, Some(NameMn), MissingName)],
        ),
        (
            "no English option",
            vec![cup(), later("", "cup-2", &[(OptionEn, "")])],
            vec![(3, Some(OptionEn), MissingName)],
        ),
        (
            "a name too long",
            vec![first("cup", "cup-1", &[(NameEn, long.as_str())])],
            vec![(2, Some(NameEn), TooLong)],
        ),
        (
            "another name on a later row",
            vec![cup(), later("cup", "cup-2", &[(NameMn, "Том аяга")])],
            vec![(3, Some(NameMn), Conflicting)],
        ),
        (
            "archived on a later row",
            vec![
                first("cup", "cup-1", &[(Active, "1")]),
                later("", "cup-2", &[(Active, "no")]),
            ],
            vec![(3, Some(Active), Conflicting)],
        ),
        (
            "other pictures on a later row",
            vec![
                first("cup", "cup-1", &[(Pictures, "a.jpg")]),
                later("", "cup-2", &[(Pictures, "b.jpg")]),
            ],
            vec![(3, Some(Pictures), Conflicting)],
        ),
        (
            "a handle that is no address",
            vec![first("Big Cup", "cup-1", &[])],
            vec![(2, Some(Handle), BadHandle)],
        ),
        (
            "no handle on the first row",
            vec![first("", "cup-1", &[])],
            vec![(2, Some(Handle), MissingHandle)],
        ),
        (
            "a product's rows apart",
            vec![cup(), first("mug", "mug-1", &[]), first("cup", "cup-2", &[])],
            vec![(4, Some(Handle), DuplicateHandle { first_row: 2 })],
        ),
        (
            "every problem of every row, by row and column",
            vec![
                first("cup", "cup-1", &[(Stock, "-1"), (Price, "x"), (NameMn, "")]),
                later("", "cup-1", &[(Active, "maybe")]),
            ],
            vec![
                (2, Some(NameMn), MissingName),
                (2, Some(Price), NotANumber),
                (2, Some(Stock), StockBelowZero),
                (3, Some(Sku), DuplicateSku { first_row: 2 }),
                (3, Some(Active), BadActive),
            ],
        ),
    ];
    for (what, data, expected) in cases {
        assert_eq!(problems(&sheet(data)), expected, "{what}");
    }
}

#[test]
fn the_header_names_every_column_once_and_nothing_else() {
    let with = |edit: &dyn Fn(&mut Vec<String>)| {
        let mut header = header();
        edit(&mut header);
        problems(&[header, first("cup", "cup-1", &[])])
    };
    let colour = with(&|header: &mut Vec<String>| header.push("colour".into()));
    assert_eq!(colour, [(1, None, UnknownColumn("colour".into()))]);
    let no_price = with(&|header: &mut Vec<String>| header.retain(|name| name != "price"));
    assert_eq!(no_price, [(1, None, MissingColumn(Price))]);
    let twice = with(&|header: &mut Vec<String>| header.push(" SKU ".into()));
    assert_eq!(twice, [(1, None, RepeatedColumn(Sku))]);
    // A byte order mark, capitals, spaces and any order are all one header.
    let mut shuffled: Vec<Vec<String>> = sheet(vec![first("cup", "cup-1", &[]), later("", "cup-2", &[])])
        .into_iter()
        .map(|row| row.into_iter().rev().collect())
        .collect();
    for name in &mut shuffled[0] {
        *name = format!(" {} ", name.to_uppercase());
    }
    shuffled[0][0].insert(0, '\u{feff}');
    let plain = sheet(vec![first("cup", "cup-1", &[]), later("", "cup-2", &[])]);
    assert!(read(&plain, &CATEGORIES).is_ok());
    assert_eq!(read(&shuffled, &CATEGORIES), read(&plain, &CATEGORIES));
}

#[test]
fn an_empty_sheet_and_one_over_the_limit_are_one_problem_each() {
    assert_eq!(problems(&[]), [(1, None, Empty)]);
    assert_eq!(problems(&[header()]), [(2, None, Empty)]);
    assert_eq!(
        problems(&[header(), vec![" ".into(), String::new()]]),
        [(2, None, Empty)]
    );
    // Over the limit nothing else is looked at: not the header's unknown column, not a row's problems.
    let mut rows = vec![vec!["sku".to_owned(), "stock".to_owned(), "colour".to_owned()]];
    rows.extend((0..=ROWS_MAX).map(|_| vec!["not a sku".to_owned(), "-1".to_owned()]));
    assert_eq!(problems(&rows), [(ROWS_MAX + 2, None, TooManyRows { max: ROWS_MAX })]);
    // At the limit every row is read.
    rows[0].pop();
    rows.pop();
    assert_eq!(problems(&rows).len(), 2 * ROWS_MAX);
}

#[test]
fn blank_rows_are_skipped_but_counted_as_the_spreadsheet_shows_them() {
    let mut short = later("", "cup-2", &[]);
    short.truncate(Stock as usize + 1);
    let mut rows = sheet(vec![
        vec![String::new(); 3],
        first("cup", "cup-1", &[]),
        vec![" ".into(), "\t".into()],
        short,
        later("", "cup-3", &[(Price, "12500.5")]),
    ]);
    assert_eq!(problems(&rows), [(6, Some(Price), NotWholeTogrog)]);
    rows[5][Price as usize] = "12500".into();
    let Ok(Sheet::Catalog(products)) = read(&rows, &CATEGORIES) else {
        panic!("{:?}", read(&rows, &CATEGORIES));
    };
    assert_eq!(products.len(), 1);
    assert_eq!(products[0].row, 3);
    let rows: Vec<usize> = products[0].variants.iter().map(|v| v.row).collect();
    assert_eq!(rows, [3, 5, 6]);
}

#[test]
fn a_sheet_of_skus_and_stock_is_a_stocktake() {
    let strings = |cells: &[&str]| cells.iter().map(|cell| cell.to_string()).collect::<Vec<String>>();
    let rows = [
        strings(&["Stock", " SKU"]),
        strings(&["7", "cup-1"]),
        strings(&["", ""]),
        strings(&["0", "mug-1"]),
    ];
    let counts = vec![
        Count {
            row: 2,
            sku: "cup-1".into(),
            stock: 7,
        },
        Count {
            row: 4,
            sku: "mug-1".into(),
            stock: 0,
        },
    ];
    assert_eq!(read(&rows, &CATEGORIES), Ok(Sheet::Stocktake(counts)));
    let bad = [
        strings(&["sku", "stock"]),
        strings(&["cup-1", "-1"]),
        strings(&["cup-1", "3"]),
        strings(&["", "2.5"]),
    ];
    assert_eq!(
        problems(&bad),
        [
            (2, Some(Stock), StockBelowZero),
            (3, Some(Sku), DuplicateSku { first_row: 2 }),
            (4, Some(Sku), MissingSku),
            (4, Some(Stock), NotANumber),
        ]
    );
    assert_eq!(
        problems(&[strings(&["sku"]), strings(&["cup-1"])]),
        [(1, None, MissingColumn(Stock))]
    );
}

mod cells;
mod planning;

#[test]
fn a_product_of_one_variant_needs_no_option_name() {
    let one = sheet(vec![first("cup", "cup-1", &[(OptionMn, ""), (OptionEn, "")])]);
    let Ok(Sheet::Catalog(products)) = read(&one, &CATEGORIES) else {
        panic!("one variant without an option is read");
    };
    assert_eq!(
        (
            products[0].variants[0].option_mn.as_str(),
            products[0].variants[0].option_en.as_str()
        ),
        ("", "")
    );
    let two = sheet(vec![first("cup", "cup-1", &[(OptionMn, "")]), later("", "cup-2", &[])]);
    assert_eq!(
        problems(&two),
        [(2, Some(OptionMn), MissingName)],
        "of two, each is named"
    );
}
