//! The plan: what importing would change, matched by SKU then handle; the export; and the round trip.

use super::*;

fn stored(id: i64, sku: &str, option: (&str, &str), price: i64, stock: i64) -> CurrentVariant {
    CurrentVariant {
        id,
        sku: sku.into(),
        option_mn: option.0.into(),
        option_en: option.1.into(),
        price,
        stock,
        held: 0,
        low_stock: None,
    }
}

/// The catalog as stored: a cup in two colours, a shirt in two sizes (archived), a bowl at the largest price.
fn current() -> Vec<CurrentProduct> {
    let cup = CurrentProduct {
        id: 1,
        handle: "cup".into(),
        name_mn: "Аяга".into(),
        name_en: "Cup".into(),
        description_mn: "Шаазан аяга, 300 мл.\nУгаагч машинд \"болно\"; богино долгионы зууханд болохгүй.".into(),
        description_en: "A \"porcelain\" cup, 300 ml; it's dishwasher-safe.".into(),
        category: "home".into(),
        active: true,
        pictures: vec!["cup.jpg".into(), "cup-side.webp".into()],
        variants: vec![
            stored(11, "cup-blue", ("Цэнхэр", "Blue"), 12_500, 4),
            CurrentVariant {
                low_stock: Some(2),
                ..stored(12, "cup-red", ("Улаан", "Red"), 12_000, 0)
            },
        ],
    };
    let shirt = CurrentProduct {
        id: 2,
        handle: "shirt".into(),
        name_mn: "Цамц, хөвөн".into(),
        name_en: "Shirt, cotton".into(),
        description_mn: String::new(),
        description_en: String::new(),
        category: "clothes".into(),
        active: false,
        pictures: Vec::new(),
        variants: vec![
            stored(21, "shirt-s", ("S размер", "Size S"), 25_000, 3),
            stored(22, "shirt-m", ("M размер", "Size M"), 25_000, 1_000_000),
        ],
    };
    let bowl = CurrentProduct {
        id: 3,
        handle: "bowl".into(),
        name_mn: "Аяга таваг".into(),
        name_en: "Bowl".into(),
        category: "home".into(),
        active: true,
        variants: vec![stored(31, "bowl-1", ("Том", "Large"), 1_000_000_000, 0)],
        ..shirt.clone()
    };
    vec![cup, shirt, bowl]
}

fn field(field: Column, old: &str, new: &str) -> FieldChange {
    FieldChange {
        field,
        old: old.into(),
        new: new.into(),
    }
}

fn planned(rows: &[Vec<String>], current: &[CurrentProduct]) -> Result<Plan, Vec<Problem>> {
    plan(&read(rows, &CATEGORIES).unwrap(), current)
}

#[test]
fn the_export_writes_a_row_per_variant_with_its_product_s_columns_on_each() {
    let mut current = current();
    // A product without a variant has no row; the sheet leaves it alone.
    let soon = CurrentProduct {
        id: 4,
        handle: "soon".into(),
        variants: Vec::new(),
        ..current[2].clone()
    };
    current.push(soon);
    let exported = rows(&current);
    assert_eq!(exported.len(), 1 + 5);
    assert_eq!(exported[0], header());
    let cells = |row: usize, columns: &[Column]| -> Vec<String> {
        columns
            .iter()
            .map(|column| exported[row][*column as usize].clone())
            .collect()
    };
    let red = [Handle, Sku, Price, Stock, LowStock, Active, Pictures];
    assert_eq!(
        cells(2, &red),
        ["cup", "cup-red", "12000", "0", "2", "1", "cup.jpg; cup-side.webp"]
    );
    let shirt = [Handle, NameEn, OptionMn, Price, Stock, LowStock, Active, Pictures];
    assert_eq!(
        cells(4, &shirt),
        ["shirt", "Shirt, cotton", "M размер", "25000", "1000000", "", "0", ""]
    );
    assert_eq!(cells(5, &[Price]), ["1000000000"]);

    // Read back, it plans nothing: Cyrillic, commas, quotes and line breaks come back as they went.
    let plan = planned(&exported, &current).unwrap();
    assert!(plan.is_empty(), "{plan:?}");
    let counts = Counts {
        products_unchanged: 3,
        products_not_in_sheet: 1,
        variants_unchanged: 5,
        ..Counts::default()
    };
    assert_eq!(plan.counts, counts);
}

#[test]
fn a_plan_lists_what_is_created_changed_field_by_field_and_left_alone() {
    let current = current();
    let mut rows = rows(&current);
    // The bowl's row taken out: the bowl is left alone, never deleted.
    rows.retain(|row| row[Handle as usize] != "bowl");
    // The cup's English name, on both its rows; the red cup's price, as an owner types it.
    for row in &mut rows[1..3] {
        row[NameEn as usize] = "Mug".into();
    }
    rows[2][Price as usize] = "15,000₮".into();
    // A new colour of the cup, its product's columns left empty.
    rows.insert(3, later("", "cup-green", &[]));
    // The same price written another way is no change.
    rows[4][Price as usize] = "25 000₮".into();
    // A new product.
    rows.push(first("plate", "plate-1", &[]));
    rows.push(later("", "plate-2", &[]));

    let Ok(Sheet::Catalog(products)) = read(&rows, &CATEGORIES) else {
        panic!("{:?}", read(&rows, &CATEGORIES));
    };
    let plan = planned(&rows, &current).unwrap();
    assert_eq!(plan.creates, [products[2].clone()]);
    let green = NewVariant {
        product_id: 1,
        variant: products[0].variants[2].clone(),
    };
    assert_eq!(plan.new_variants, [green]);
    let changes: Vec<(usize, Vec<FieldChange>)> = plan.changes.iter().map(|c| (c.row, c.fields.clone())).collect();
    assert_eq!(
        changes,
        [
            (2, vec![field(NameEn, "Cup", "Mug")]),
            (3, vec![field(Price, "12000", "15000")]),
        ]
    );
    assert!(matches!(&plan.changes[0].target, Target::Product { id: 1, new } if new.name_en == "Mug"));
    assert!(matches!(&plan.changes[1].target, Target::Variant { id: 12, new } if new.price == 15_000));
    let counts = Counts {
        products_created: 1,
        products_changed: 1,
        products_unchanged: 1,
        products_not_in_sheet: 1,
        variants_created: 3,
        variants_changed: 1,
        variants_unchanged: 3,
    };
    assert_eq!(plan.counts, counts);
}

#[test]
fn matching_is_by_sku_then_handle() {
    let current = current();
    let exported = rows(&current);
    let sku_problem = |row: usize, handle: &str| Problem {
        row,
        column: Some(Sku),
        kind: SkuOfAnotherProduct { handle: handle.into() },
    };

    // A new handle over stored SKUs renames the product they belong to.
    let mut renamed = exported.clone();
    for row in &mut renamed[1..3] {
        row[Handle as usize] = "tea-cup".into();
    }
    let plan = planned(&renamed, &current).unwrap();
    assert_eq!(plan.changes.len(), 1);
    assert!(matches!(plan.changes[0].target, Target::Product { id: 1, .. }));
    assert_eq!(plan.changes[0].fields, [field(Handle, "cup", "tea-cup")]);
    assert!(plan.creates.is_empty() && plan.new_variants.is_empty());

    // A stored handle with a new SKU: a new variant of that product.
    let mut larger = [exported[0].clone(), exported[3].clone()];
    larger[1][Sku as usize] = "shirt-l".into();
    let plan = planned(&larger, &current).unwrap();
    assert!(plan.creates.is_empty() && plan.changes.is_empty());
    assert_eq!(plan.new_variants[0].product_id, 2);

    // A variant does not move to another product: the red cup under the shirt.
    let mut red = exported[2].clone();
    for column in [
        Handle,
        NameMn,
        NameEn,
        DescriptionMn,
        DescriptionEn,
        Category,
        Active,
        Pictures,
    ] {
        red[column as usize].clear();
    }
    let moved = [
        exported[0].clone(),
        exported[1].clone(),
        exported[3].clone(),
        exported[4].clone(),
        red,
    ];
    assert_eq!(planned(&moved, &current), Err(vec![sku_problem(5, "cup")]));

    // Nor is a product the sheet names by its handle renamed by another's SKUs.
    let mut tea = exported[2].clone();
    tea[Handle as usize] = "tea-cup".into();
    let claimed = [exported[0].clone(), exported[1].clone(), tea];
    assert_eq!(planned(&claimed, &current), Err(vec![sku_problem(3, "cup")]));
}

#[test]
fn a_stocktake_plans_the_counts_that_change_and_knows_every_sku() {
    let current = current();
    let strings = |cells: [&str; 2]| cells.map(str::to_owned).to_vec();
    let mut rows = vec![
        strings(["sku", "stock"]),
        strings(["cup-blue", "7"]),
        strings(["shirt-s", "3"]),
    ];
    let plan = planned(&rows, &current).unwrap();
    let change = Change {
        row: 2,
        target: Target::Count {
            id: 11,
            new: Count {
                row: 2,
                sku: "cup-blue".into(),
                stock: 7,
            },
        },
        fields: vec![field(Stock, "4", "7")],
    };
    assert_eq!(plan.changes, [change]);
    let counts = Counts {
        variants_changed: 1,
        variants_unchanged: 1,
        ..Counts::default()
    };
    assert_eq!(plan.counts, counts);
    rows.push(strings(["cup-gold", "1"]));
    let unknown = Problem {
        row: 4,
        column: Some(Sku),
        kind: UnknownSku,
    };
    assert_eq!(planned(&rows, &current), Err(vec![unknown]));
}

#[test]
fn a_new_count_never_takes_back_what_orders_hold() {
    let mut current = current();
    // Of the blue cup's 4 on the shelf, unpaid or unsent orders hold 3.
    current[0].variants[0].held = 3;
    let strings = |cells: [&str; 2]| cells.map(str::to_owned).to_vec();
    let stocktake = |count: &str| vec![strings(["sku", "stock"]), strings(["cup-blue", count])];
    let below = |row| Problem {
        row,
        column: Some(Stock),
        kind: BelowHeld { held: 3 },
    };
    // (count, what comes of it): the held units are the floor, and an unchanged count is always fine.
    for (count, outcome) in [("2", Err(2)), ("0", Err(2)), ("3", Ok(1)), ("4", Ok(0)), ("9", Ok(1))] {
        let planned = planned(&stocktake(count), &current);
        match outcome {
            Ok(changes) => assert_eq!(planned.unwrap().changes.len(), changes, "count {count}"),
            Err(row) => assert_eq!(planned, Err(vec![below(row)]), "count {count}"),
        }
    }
    // The same floor in a catalog sheet: its own export with the blue cup's stock at 1.
    let mut sheet = rows(&current);
    let blue = sheet.iter().position(|row| row[Sku as usize] == "cup-blue").unwrap();
    sheet[blue][Stock as usize] = "1".into();
    assert_eq!(planned(&sheet, &current), Err(vec![below(blue + 1)]));
    current[0].variants[0].held = 4;
    assert_eq!(planned(&rows(&current), &current).map(|plan| plan.is_empty()), Ok(true));
}

#[test]
fn a_sheet_adds_pictures_it_brings_after_the_ones_a_product_has() {
    let current = current();
    let cup = rows(&current)
        .iter()
        .position(|row| row[Sku as usize] == "cup-blue")
        .unwrap();
    let problems_with = |pictures: &str, sent: &[&str]| {
        let mut sheet = rows(&current);
        for row in sheet.iter_mut().filter(|row| row[Handle as usize] == "cup") {
            row[Pictures as usize] = pictures.into();
        }
        let plan = planned(&sheet, &current).unwrap();
        picture_problems(&plan, &current, sent, &[])
    };
    let at = |kind| Problem {
        row: cup + 1,
        column: Some(Pictures),
        kind,
    };
    // (the cup's pictures column, the pictures sent, the problems): the cup has cup.jpg then cup-side.webp.
    let table: [(&str, &[&str], Vec<Problem>); 6] = [
        ("cup.jpg; cup-side.webp", &[], vec![]),
        ("cup.jpg; cup-side.webp; cup-top.png", &["cup-top.png"], vec![]),
        (
            "cup.jpg; cup-side.webp; cup-top.png",
            &[],
            vec![at(PictureNotSent("cup-top.png".into()))],
        ),
        ("cup-side.webp; cup.jpg", &[], vec![at(PicturesRearranged)]),
        ("cup.jpg", &[], vec![at(PicturesRearranged)]),
        ("", &["cup.jpg"], vec![at(PicturesRearranged)]),
    ];
    for (pictures, sent, problems) in table {
        assert_eq!(problems_with(pictures, sent), problems, "{pictures} with {sent:?}");
    }
    // A new product's pictures must all be sent.
    let mut sheet = rows(&current);
    let mut new = sheet[cup].clone();
    new[Handle as usize] = "mug".into();
    new[Sku as usize] = "mug-1".into();
    new[Pictures as usize] = "mug.png, mug-2.png".into();
    sheet.push(new);
    let plan = planned(&sheet, &current).unwrap();
    let row = sheet.len();
    let not_sent = |name: &str| Problem {
        row,
        column: Some(Pictures),
        kind: PictureNotSent(name.into()),
    };
    assert_eq!(
        picture_problems(&plan, &current, &["mug.png"], &[]),
        [not_sent("mug-2.png")]
    );
    let refused = Problem {
        kind: PictureRefused("mug-2.png".into()),
        ..not_sent("mug-2.png")
    };
    assert_eq!(
        picture_problems(
            &plan,
            &current,
            &["mug.png"],
            &[("mug-2.png".into(), PictureRefused("mug-2.png".into()))]
        ),
        [refused]
    );
}
