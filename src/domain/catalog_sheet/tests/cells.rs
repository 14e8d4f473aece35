//! Each cell read as the owner types it and as a spreadsheet writes it, or its problem.

use super::*;

/// The product of a one-row sheet with `typed` in `column`, or the kinds of its problems.
fn one_row(column: Column, typed: &str) -> Result<SheetProduct, Vec<ProblemKind>> {
    match read(&sheet(vec![first("cup", "cup-1", &[(column, typed)])]), &CATEGORIES) {
        Ok(Sheet::Catalog(mut products)) => Ok(products.remove(0)),
        Ok(stocktake) => panic!("{stocktake:?}"),
        Err(problems) => Err(problems.into_iter().map(|problem| problem.kind).collect()),
    }
}

#[test]
fn cells_are_read_as_the_owner_types_them_and_as_a_spreadsheet_writes_them() {
    let price = [
        ("12,500", Ok(12_500)),
        ("12 500₮", Ok(12_500)),
        ("12500.0", Ok(12_500)),
        ("12,500.00₮", Ok(12_500)),
        ("12500.5", Err(vec![NotWholeTogrog])),
        ("12,500.50", Err(vec![NotWholeTogrog])),
        ("0", Err(vec![PriceTooSmall])),
        ("-5", Err(vec![PriceTooSmall])),
        ("1000000001", Err(vec![PriceTooLarge])),
        ("1e3", Err(vec![NotANumber])),
        ("", Err(vec![MissingPrice])),
    ];
    for (typed, expected) in price {
        assert_eq!(
            one_row(Price, typed).map(|p| p.variants[0].price),
            expected,
            "price {typed:?}"
        );
    }
    let stock = [
        ("0", Ok(0)),
        ("3.0", Ok(3)),
        ("1,000", Ok(1_000)),
        ("-1", Err(vec![StockBelowZero])),
        ("1000001", Err(vec![StockTooLarge])),
        ("2.5", Err(vec![NotANumber])),
        ("гурав", Err(vec![NotANumber])),
        ("", Err(vec![MissingStock])),
    ];
    for (typed, expected) in stock {
        assert_eq!(
            one_row(Stock, typed).map(|p| p.variants[0].stock),
            expected,
            "stock {typed:?}"
        );
    }
    let level = [
        ("", Ok(None)),
        ("0", Ok(Some(0))),
        ("-2", Err(vec![StockBelowZero])),
        ("x", Err(vec![NotANumber])),
    ];
    for (typed, expected) in level {
        assert_eq!(
            one_row(LowStock, typed).map(|p| p.variants[0].low_stock),
            expected,
            "level {typed:?}"
        );
    }
    let active = [
        ("", Ok(true)),
        ("1", Ok(true)),
        ("YES", Ok(true)),
        ("True", Ok(true)),
        ("ТИЙМ", Ok(true)),
        ("0", Ok(false)),
        ("no", Ok(false)),
        ("FALSE", Ok(false)),
        ("Үгүй", Ok(false)),
        ("maybe", Err(vec![BadActive])),
        ("2", Err(vec![BadActive])),
    ];
    for (typed, expected) in active {
        assert_eq!(one_row(Active, typed).map(|p| p.active), expected, "active {typed:?}");
    }
    let pictures: [(&str, Result<Vec<&str>, _>); 5] = [
        ("a.jpg; b.JPEG, c.png;;", Ok(vec!["a.jpg", "b.JPEG", "c.png"])),
        ("IMG_1.heic, x.webp", Ok(vec!["IMG_1.heic", "x.webp"])),
        ("a.gif; b.jpg", Err(vec![BadPicture("a.gif".into())])),
        (
            "../a.jpg, dir/b.png",
            Err(vec![BadPicture("../a.jpg".into()), BadPicture("dir/b.png".into())]),
        ),
        (
            "c:\\d.jpg; .jpg",
            Err(vec![BadPicture("c:\\d.jpg".into()), BadPicture(".jpg".into())]),
        ),
    ];
    for (typed, expected) in pictures {
        let expected = expected.map(|names| names.iter().map(|name| name.to_string()).collect::<Vec<String>>());
        assert_eq!(
            one_row(Pictures, typed).map(|p| p.pictures),
            expected,
            "pictures {typed:?}"
        );
    }
}
