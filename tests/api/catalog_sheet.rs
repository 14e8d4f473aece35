//! The catalog as a spreadsheet, as the owner uses it: export, edit, upload, read the preview, apply. A round trip
//! changes nothing, a sheet with problems shows each by row and column and writes nothing, a stocktake sets the
//! shelf while an unpaid order's units stay held, and a file that is not a sheet is refused with its reason.
//! (Staff can do none of it: tests/api/staff.rs.)

use delguur::admin::catalog_sheet::files::{self, Format};

use crate::{
    admin::{OWNER, signed_in_shop},
    helpers::{Engine, TestApp, notice_in, png, server_fn_path},
};

crate::on_both_engines!(
    export_edit_import_changes_what_was_edited_and_a_round_trip_changes_nothing,
    every_problem_is_shown_by_row_and_column_and_nothing_is_written,
    a_stocktake_sets_the_shelf_and_what_an_unpaid_order_holds_stays_held,
    a_file_that_is_not_a_sheet_is_refused_with_its_reason,
    new_pictures_come_in_a_zip_beside_the_sheet_through_the_picture_pipeline,
);

/// A file of `/admin/products/sheet/`, as the owner's browser downloads it.
async fn download(app: &TestApp, file: &str) -> Vec<u8> {
    let reply = app.get(&format!("/admin/products/sheet/{file}")).await;
    assert_eq!(reply.status(), 200, "{file}");
    let disposition = reply.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"products-"),
        "{disposition}"
    );
    reply.bytes().await.unwrap().to_vec()
}

/// Uploads `bytes` as `name`; where it leads, and that page.
async fn upload(app: &TestApp, name: &str, bytes: Vec<u8>) -> (String, String) {
    upload_with(app, name, bytes, None).await
}

/// [`upload`], with a .zip of pictures beside the sheet.
async fn upload_with(app: &TestApp, name: &str, bytes: Vec<u8>, pictures: Option<Vec<u8>>) -> (String, String) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let mut form = reqwest::multipart::Form::new().part("sheet", part);
    if let Some(zip) = pictures {
        form = form.part(
            "pictures",
            reqwest::multipart::Part::bytes(zip).file_name("pictures.zip"),
        );
    }
    let reply = app
        .client
        .post(app.url("/admin/products/import/upload"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 303, "an upload leads on to a page");
    let location = reply.headers()["location"].to_str().unwrap().to_owned();
    let (status, page) = app.get_html(&location).await;
    assert_eq!(status, 200, "{location}");
    (location, page)
}

/// The upload's id in its preview's address.
fn upload_id(location: &str) -> &str {
    location
        .split_once("upload=")
        .unwrap_or_else(|| panic!("a preview: {location}"))
        .1
}

/// Applies the upload as the preview's button does; where it leads.
async fn apply(app: &TestApp, id: &str) -> String {
    let reply = app
        .post_form(&server_fn_path("admin_apply_sheet"), &[("upload", id)])
        .await;
    reply.headers()["location"].to_str().unwrap().to_owned()
}

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    files::write(rows, Format::Csv).unwrap()
}

fn cells(row: &[&str]) -> Vec<String> {
    row.iter().map(|cell| (*cell).to_owned()).collect()
}

async fn price_of(app: &TestApp, sku: &str) -> i64 {
    sqlx::query_scalar("SELECT price_mnt FROM variants WHERE sku = $1")
        .bind(sku)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn export_edit_import_changes_what_was_edited_and_a_round_trip_changes_nothing(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    // The round trip, in both formats: nothing to change, and no button to apply it.
    for (file, format) in [("products.xlsx", Format::Xlsx), ("products.csv", Format::Csv)] {
        let bytes = download(&app, file).await;
        assert_eq!(Format::sniff(&bytes), Some(format), "{file}");
        let (_, page) = upload(&app, file, bytes).await;
        assert!(page.contains("data-test=\"sheet-nothing\""), "{file}: {page}");
        assert!(!page.contains("data-test=\"sheet-apply\""), "{file}");
    }

    // The bulk price change and a new product in two sizes, typed into the exported sheet.
    let mut rows = files::read(&download(&app, "products.csv").await, Format::Csv).unwrap();
    let header = rows[0].clone();
    let at = |name: &str| header.iter().position(|cell| cell == name).unwrap();
    let aaruul = rows.iter().position(|row| row[at("sku")] == "aaruul-1").unwrap();
    rows[aaruul][at("price")] = "13000".into();
    // A product renamed: on each of its rows, as the export repeats a product's columns.
    for row in rows.iter_mut().filter(|row| row[at("handle")] == "aaruul") {
        row[at("name_en")] = "Aaruul, or kurut".into();
    }
    rows[aaruul][at("stock")] = "60".into();
    for (size, sku) in [("Жижиг", "boov-s"), ("Том", "boov-l")] {
        let mut row = vec![String::new(); header.len()];
        for (column, text) in [
            ("handle", "boov"),
            ("name_mn", "Ул боов"),
            ("name_en", "Ul boov"),
            ("category", "food"),
            ("option_mn", size),
            ("option_en", size),
            ("sku", sku),
            ("price", "45000"),
            ("stock", "6"),
            ("active", "1"),
        ] {
            row[at(column)] = text.into();
        }
        rows.push(row);
    }
    let (location, page) = upload(&app, "prices.csv", csv(&rows)).await;
    assert!(page.contains("1 бараа шинээр нэмэгдэнэ"), "{page}");
    assert!(page.contains("2 хувилбар шинээр нэмэгдэнэ"), "{page}");
    assert!(page.contains("price: 12500 → 13000"), "{page}");
    assert!(page.contains("stock: 50 → 60"), "{page}");
    assert!(
        page.contains("Анхаар: 1 хувилбарын тавиур дээрх тоо"),
        "a catalog sheet's counts are said apart: {page}"
    );
    assert!(page.contains("data-test=\"sheet-apply\""), "{page}");
    assert_eq!(
        price_of(&app, "aaruul-1").await,
        12_500,
        "nothing changes before the apply"
    );

    assert_eq!(apply(&app, upload_id(&location)).await, "/admin/products");
    let (_, products) = app.get_html("/admin/products").await;
    assert!(notice_in(&products).contains("1 бараа шинээр нэмэгдэж"), "{products}");
    assert_eq!(price_of(&app, "aaruul-1").await, 13_000);
    assert_eq!(app.stock_of("aaruul-1").await, 60);
    let moves: Vec<(i64, i64, String)> = sqlx::query_as("SELECT shelf_before, shelf_after, reason FROM stock_moves")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(moves, [(50, 60, "import".to_owned())]);
    let (status, boov) = app.get_html("/products/boov").await;
    assert_eq!(status, 200);
    assert!(boov.contains("Ул боов") && boov.contains("45,000₮"), "{boov}");
    let (_, found) = app.get_html("/?q=ul+boov").await;
    assert!(
        found.contains("/products/boov"),
        "the new product's search keys are written"
    );
    let (_, renamed) = app.get_html("/?q=kurut").await;
    assert!(
        renamed.contains("/products/aaruul"),
        "a renamed product's keys are written again"
    );
    assert_eq!(
        app.row_count("sheet_uploads").await,
        0,
        "an applied upload is forgotten, and each upload took the place of the one before"
    );

    // The same file again changes nothing, and the export now carries the change.
    let (_, again) = upload(&app, "prices.csv", csv(&rows)).await;
    assert!(again.contains("data-test=\"sheet-nothing\""), "{again}");
    let exported = files::read(&download(&app, "products.csv").await, Format::Csv).unwrap();
    assert!(
        exported
            .iter()
            .any(|row| row[at("sku")] == "boov-l" && row[at("price")] == "45000")
    );
}

async fn every_problem_is_shown_by_row_and_column_and_nothing_is_written(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let before = download(&app, "products.csv").await;
    let rows = files::read(&before, Format::Csv).unwrap();
    let header = rows[0].clone();
    let at = |name: &str| header.iter().position(|cell| cell == name).unwrap();
    // Row 2: a price with a fraction; row 3: the SKU of row 2; row 4: no such category, a stock below zero;
    // row 5: no name. The export's product columns repeat on each row, so each row is its own product here.
    let mut sheet = vec![header.clone()];
    for (row, handle, sku) in [
        (1, "p-one", "p-1"),
        (2, "p-two", "p-1"),
        (3, "p-three", "p-3"),
        (4, "p-four", "p-4"),
    ] {
        let mut cells = rows[row].clone();
        cells[at("handle")] = handle.into();
        cells[at("sku")] = sku.into();
        cells[at("pictures")] = String::new();
        sheet.push(cells);
    }
    sheet[1][at("price")] = "12500.5".into();
    sheet[3][at("category")] = "toys".into();
    sheet[3][at("stock")] = "-1".into();
    sheet[4][at("name_mn")] = String::new();
    let (location, page) = upload(&app, "mistakes.csv", csv(&sheet)).await;
    for line in [
        "2-р мөр, price багана",
        "3-р мөр, sku багана",
        "4-р мөр, category багана",
        "4-р мөр, stock багана",
        "5-р мөр, name_mn багана",
    ] {
        assert!(page.contains(line), "{line} in {page}");
    }
    assert!(page.contains("«toys»"), "the unknown category is named");
    assert!(page.contains("data-test=\"sheet-problems\""));
    assert!(
        !page.contains("data-test=\"sheet-apply\""),
        "nothing to apply while a problem remains"
    );
    // Applying it anyway (the button is not there, the function is) goes back to the problems and writes nothing.
    let back = apply(&app, upload_id(&location)).await;
    assert_eq!(back, location);
    assert_eq!(download(&app, "products.csv").await, before, "nothing was written");
}

async fn a_stocktake_sets_the_shelf_and_what_an_unpaid_order_holds_stays_held(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    // An unpaid order holds 2 of the 50 aaruul on the shelf: 48 are for sale.
    let (order_no, _, _) = crate::orders::order_with_invoice(&app, "k1").await;
    assert_eq!(app.stock_of("aaruul-1").await, 48);
    let count = |stock: &str| {
        csv(&[
            cells(&["sku", "stock"]),
            cells(&["aaruul-1", stock]),
            cells(&["honey-1", "18"]),
        ])
    };

    let (_, below) = upload(&app, "count.csv", count("1")).await;
    assert!(below.contains("2-р мөр, stock багана"), "{below}");
    assert!(
        below.contains("2 ширхэг"),
        "the count cannot go below what is held: {below}"
    );

    let (location, page) = upload(&app, "count.csv", count("30")).await;
    assert!(page.contains("stock: 50 → 30"), "{page}");
    assert!(page.contains("1 хувилбарын үлдэгдэл өөрчлөгдөнө"), "{page}");
    assert_eq!(apply(&app, upload_id(&location)).await, "/admin/products");
    assert_eq!(app.stock_of("aaruul-1").await, 28, "30 on the shelf, 2 of them held");
    let moves: Vec<(i64, i64, String, String)> =
        sqlx::query_as("SELECT shelf_before, shelf_after, reason, actor FROM stock_moves")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(moves, [(50, 30, "stocktake".to_owned(), OWNER.to_owned())]);
    // The product's page lists the move: the count on the shelf before and after, why, and who.
    let product_id: i64 = sqlx::query_scalar("SELECT product_id FROM variants WHERE sku = 'aaruul-1'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (_, product) = app.get_html(&format!("/admin/products/{product_id}")).await;
    let listed = format!("aaruul-1: тавиур дээр 50 → 30 · тооллого · {OWNER}");
    assert!(product.contains(&listed), "{product}");

    // The order is cancelled: its 2 come back, all 30 are for sale.
    crate::admin::act(&app, &order_no, "cancel").await;
    assert_eq!(app.stock_of("aaruul-1").await, 30);
}

async fn a_file_that_is_not_a_sheet_is_refused_with_its_reason(engine: Engine) {
    let app = signed_in_shop(engine, &[("SHEET_MAX_MB", "1"), ("SHEET_MAX_ROWS", "3")]).await;
    let refused = |page: &str| notice_in(page).to_owned();
    // A CSV saved in Windows-1251 ("Цамц"), not UTF-8.
    let (location, page) = upload(&app, "old.csv", b"sku,stock\n\xd6\xe0\xec\xf6,1\n".to_vec()).await;
    assert_eq!(location, "/admin/products/import");
    assert!(refused(&page).contains("CSV UTF-8"), "{page}");
    // A picture named as a sheet.
    let (_, page) = upload(&app, "catalog.xlsx", crate::helpers::png(8, 8)).await;
    assert!(refused(&page).contains(".xlsx"), "{page}");
    // Over SHEET_MAX_ROWS (3 here): one problem, on the first row past it.
    let counts: Vec<Vec<String>> = std::iter::once(cells(&["sku", "stock"]))
        .chain((1..=4).map(|n| cells(&[&format!("x-{n}"), "1"])))
        .collect();
    let (_, page) = upload(&app, "count.csv", csv(&counts)).await;
    assert!(page.contains("5-р мөр: Мөр хэт олон байна: 3 мөрөөс ихгүй"), "{page}");
    // Over SHEET_MAX_MB.
    let big = "sku,stock\n".to_owned() + &"x-1,1\n".repeat(200_000);
    let (_, page) = upload(&app, "big.csv", big.into_bytes()).await;
    assert!(refused(&page).contains("1 MB"), "{page}");
    assert_eq!(
        app.row_count("sheet_uploads").await,
        1,
        "nothing refused is kept: only the sheet of too many rows"
    );
    // Another account's upload, or one that never was, is gone: the page says so.
    let (_, page) = app.get_html("/admin/products/import?upload=nothing-here").await;
    assert!(refused(&page).contains("Дахин оруулна уу"), "{page}");
}

fn zip_of(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

async fn pictures_of(app: &TestApp, slug: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT pp.file_name FROM product_pictures pp JOIN products p ON p.id = pp.product_id \
         WHERE p.slug = $1 ORDER BY pp.position",
    )
    .bind(slug)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

async fn new_pictures_come_in_a_zip_beside_the_sheet_through_the_picture_pipeline(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let mut rows = files::read(&download(&app, "products.csv").await, Format::Csv).unwrap();
    let header = rows[0].clone();
    let at = |name: &str| header.iter().position(|cell| cell == name).unwrap();
    // A new product with two pictures, and a third after the aaruul's own.
    let aaruul = rows.iter().position(|row| row[at("handle")] == "aaruul").unwrap();
    let own = rows[aaruul][at("pictures")].clone();
    for row in rows.iter_mut().filter(|row| row[at("handle")] == "aaruul") {
        row[at("pictures")] = format!("{own}; aaruul-pack.png");
    }
    let mut buuz = rows[aaruul].clone();
    for (column, text) in [
        ("handle", "buuz"),
        ("sku", "buuz-10"),
        ("pictures", "buuz.png; buuz-side.png"),
    ] {
        buuz[at(column)] = text.into();
    }
    rows.push(buuz);
    let sheet = csv(&rows);
    let buuz_row = rows.len();

    // Without the zip, the new names are not sent; with one of them not a picture, that one is refused.
    let (_, page) = upload(&app, "pictures.csv", sheet.clone()).await;
    assert!(page.contains(&format!("{buuz_row}-р мөр, pictures багана")), "{page}");
    assert!(
        page.contains("«buuz.png»") && page.contains("«aaruul-pack.png»"),
        "{page}"
    );
    let broken = zip_of(&[
        ("photos/buuz.png", png(64, 48)),
        ("photos/buuz-side.png", b"not a picture".to_vec()),
        ("aaruul-pack.png", png(40, 40)),
    ]);
    let (_, page) = upload_with(&app, "pictures.csv", sheet.clone(), Some(broken)).await;
    assert!(
        page.contains("«buuz-side.png» файл JPEG, PNG эсвэл WebP зураг биш"),
        "{page}"
    );
    assert!(!page.contains("«buuz.png»"), "the sound ones are sent: {page}");

    // A zip that is not one is refused at once.
    let (location, page) = upload_with(&app, "pictures.csv", sheet.clone(), Some(b"PK? no".to_vec())).await;
    assert_eq!(location, "/admin/products/import");
    assert!(notice_in(&page).contains(".zip"), "{page}");

    let pictures = zip_of(&[
        ("photos/buuz.png", png(64, 48)),
        ("photos/buuz-side.png", png(48, 64)),
        ("aaruul-pack.png", png(40, 40)),
        ("unused.png", png(8, 8)),
    ]);
    let (location, page) = upload_with(&app, "pictures.csv", sheet.clone(), Some(pictures.clone())).await;
    assert!(page.contains("data-test=\"sheet-apply\""), "{page}");
    let aaruul_before = pictures_of(&app, "aaruul").await.len();
    assert_eq!(apply(&app, upload_id(&location)).await, "/admin/products");
    assert_eq!(pictures_of(&app, "buuz").await, ["buuz.png", "buuz-side.png"]);
    let aaruul_after = pictures_of(&app, "aaruul").await;
    assert_eq!(aaruul_after.len(), aaruul_before + 1);
    assert_eq!(aaruul_after.last().map(String::as_str), Some("aaruul-pack.png"));
    let (_, product) = app.get_html("/products/buuz").await;
    assert!(
        product.contains("src=\"/pictures/"),
        "the shop shows the drawn pictures: {product}"
    );

    // The export names them as they came, so the same sheet and zip again change nothing.
    let exported = files::read(&download(&app, "products.csv").await, Format::Csv).unwrap();
    let buuz = exported.iter().find(|row| row[at("handle")] == "buuz").unwrap();
    assert_eq!(buuz[at("pictures")], "buuz.png; buuz-side.png");
    let (_, again) = upload_with(&app, "pictures.csv", sheet, Some(pictures)).await;
    assert!(again.contains("data-test=\"sheet-nothing\""), "{again}");
}
