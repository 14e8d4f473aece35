use std::{collections::HashSet, mem::discriminant};

use super::*;
use crate::domain::catalog_sheet::ProblemKind::*;

/// One problem of every kind, each with values of its own.
fn one_of_each() -> Vec<ProblemKind> {
    vec![
        MissingColumn(Column::Sku),
        UnknownColumn("colour".into()),
        RepeatedColumn(Column::Price),
        TooManyRows { max: 20_000 },
        Empty,
        BadHandle,
        MissingHandle,
        DuplicateHandle { first_row: 2 },
        MissingName,
        TooLong,
        MissingCategory,
        UnknownCategory("toys".into()),
        BadActive,
        BadPicture("cup.gif".into()),
        Conflicting,
        MissingSku,
        BadSku,
        DuplicateSku { first_row: 3 },
        MissingPrice,
        NotWholeTogrog,
        PriceTooSmall,
        PriceTooLarge,
        MissingStock,
        StockBelowZero,
        StockTooLarge,
        NotANumber,
        UnknownSku,
        SkuOfAnotherProduct { handle: "cup".into() },
        BelowHeld { held: 2 },
        PictureNotSent("cup-3.jpg".into()),
        PictureRefused("cup-4.png".into()),
        PictureTooLarge {
            name: "cup-5.png".into(),
            kb: 25_600,
        },
        PicturesRearranged,
    ]
}

#[test]
fn the_list_has_each_kind_once() {
    let kinds = one_of_each();
    let distinct: HashSet<_> = kinds.iter().map(discriminant).collect();
    assert_eq!(distinct.len(), kinds.len());
}

#[test]
fn every_kind_has_words_in_both_languages_with_every_value_filled() {
    let mut wrong = Vec::new();
    for kind in one_of_each() {
        for lang in Lang::ALL {
            let text = problem_text(lang, &kind);
            if text.trim().is_empty() || text.contains('{') || text.contains('}') {
                wrong.push(format!("{kind:?} in {lang:?}: {text:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "without words:\n{}", wrong.join("\n"));
}

#[test]
fn the_values_the_sheet_gives_are_in_the_words() {
    let cases = [
        (UnknownColumn("colour".into()), "colour"),
        (UnknownCategory("toys".into()), "toys"),
        (BadPicture("cup.gif".into()), "cup.gif"),
        (PictureNotSent("cup-3.jpg".into()), "cup-3.jpg"),
        (PictureRefused("cup-4.png".into()), "cup-4.png"),
        (SkuOfAnotherProduct { handle: "cup".into() }, "cup"),
        (DuplicateSku { first_row: 3 }, "3"),
        (MissingColumn(Column::LowStock), "low_stock"),
    ];
    for (kind, value) in cases {
        for lang in Lang::ALL {
            let text = problem_text(lang, &kind);
            assert!(text.contains(value), "{kind:?} in {lang:?}: {text}");
        }
    }
}

#[test]
fn the_limits_are_written_as_the_shop_writes_numbers() {
    assert_eq!(
        problem_text(Lang::En, &PriceTooLarge),
        "The price is too high: at most 1,000,000,000₮"
    );
    assert_eq!(problem_text(Lang::En, &StockTooLarge), "Too large: at most 1,000,000");
    assert_eq!(
        problem_text(Lang::En, &TooLong),
        "Too long: a name has at most 120 characters, a description 4,000"
    );
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(20_000), "20,000");
    assert_eq!(grouped(-1_500), "-1,500");
    assert_eq!(grouped(-500), "-500");
}

#[test]
fn a_line_names_the_row_and_the_column() {
    let problem = Problem {
        row: 4,
        column: Some(Column::Price),
        kind: NotWholeTogrog,
    };
    assert_eq!(
        problem_line(Lang::Mn, &problem),
        "4-р мөр, price багана: Үнэ бүхэл төгрөг байх ёстой (12500.5 биш 12500)"
    );
    let problem = Problem {
        row: 7,
        column: Some(Column::Sku),
        kind: DuplicateSku { first_row: 3 },
    };
    assert_eq!(
        problem_line(Lang::En, &problem),
        "Row 7, column sku: This SKU is already on row 3"
    );
}

#[test]
fn a_problem_of_the_header_names_its_row_alone() {
    let problem = Problem {
        row: 1,
        column: None,
        kind: MissingColumn(Column::Stock),
    };
    assert_eq!(problem_line(Lang::En, &problem), "Row 1: The “stock” column is missing");
    assert_eq!(problem_line(Lang::Mn, &problem), "1-р мөр: «stock» багана алга");
}

#[test]
fn a_count_below_what_orders_hold_says_how_many_they_hold() {
    assert_eq!(
        count_below_held(Lang::Mn, 3),
        "Тавиур дээрх тоо 3 ширхэгээс бага байж болохгүй: илгээгдээгүй захиалгууд 3 ширхэгийг барьж байна"
    );
    assert_eq!(
        count_below_held(Lang::En, 3),
        "The count on the shelf cannot be below 3: orders not yet sent hold 3 units"
    );
    for lang in Lang::ALL {
        assert_eq!(problem_text(lang, &BelowHeld { held: 3 }), count_below_held(lang, 3));
    }
}

#[test]
fn a_column_is_labelled_by_its_header() {
    assert_eq!(column_label(Column::LowStock), "low_stock");
    assert_eq!(column_label(Column::NameMn), "name_mn");
}
