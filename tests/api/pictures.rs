//! Product pictures as a real shop takes them: a photo straight from a phone's camera (larger than the old 2 MB
//! limit, turned by its EXIF, with GPS in it) is accepted, comes back upright at each width and without its
//! metadata, and is served with its content's hash in its address by every instance on the database. What is not a
//! sound picture is refused with a message and stores nothing. (Staff cannot upload: tests/api/staff.rs.)

use image::{ImageFormat, Rgba, RgbaImage};
use std::io::Cursor;

use crate::{
    admin::signed_in_shop,
    helpers::{Engine, TestApp, notice_in, png, server_fn_path},
    identity::second_instance,
};

crate::on_both_engines!(
    a_phone_photo_is_taken_upright_small_and_without_its_metadata,
    what_is_not_a_sound_picture_is_refused_and_stores_nothing,
    the_owner_orders_describes_and_removes_pictures_and_a_variant_shows_its_own,
    with_the_folder_store_new_pictures_live_in_the_folder,
);

/// A 4032×3024 photo as a phone's camera writes it: JPEG at high quality (a gradient with grain, so it weighs
/// what a photo weighs), with an EXIF block saying "turn 90° clockwise to show" and a GPS position.
fn phone_photo() -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let photo = RgbaImage::from_fn(4032, 3024, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed % 24) as u8;
        // The left third red, so the turn can be seen: after it, red is on top.
        let red = if x < 1344 { 200 } else { 40 };
        Rgba([red + grain, (y / 16) as u8 + grain, 90 + grain, 255])
    });
    let mut jpeg = Cursor::new(Vec::new());
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92);
    image::DynamicImage::ImageRgba8(photo)
        .into_rgb8()
        .write_with_encoder(encoder)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 47.9185N 106.9177E");
    let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1, length[0], length[1]], &exif[..], &jpeg[2..]].concat()
}

async fn upload(app: &TestApp, product_id: i64, name: &str, bytes: Vec<u8>) -> String {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str("image/jpeg")
        .unwrap();
    let reply = app
        .client
        .post(app.url(&format!("/admin/products/{product_id}/image")))
        .multipart(reqwest::multipart::Form::new().part("image", part))
        .send()
        .await
        .unwrap();
    assert_eq!(
        reply.headers()["location"],
        format!("/admin/products/{product_id}").as_str()
    );
    notice_in(&app.get_html(&format!("/admin/products/{product_id}")).await.1).to_owned()
}

async fn product_id(app: &TestApp, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
        .bind(slug)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn stored(app: &TestApp) -> (i64, i64) {
    let pictures = sqlx::query_scalar("SELECT COUNT(*) FROM product_pictures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let files = sqlx::query_scalar("SELECT COUNT(*) FROM picture_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    (pictures, files)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// The attribute `name`'s value in the first tag of `html` that has `marker` in it.
fn attribute<'a>(html: &'a str, marker: &str, name: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let tag = &html[html[..at].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + name.len()
        + 3;
    &tag[start..start + tag[start..].find('"').unwrap()]
}

async fn a_phone_photo_is_taken_upright_small_and_without_its_metadata(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let (other, _stop) = second_instance(&app).await;
    let photo = phone_photo();
    assert!(
        photo.len() > 2 * 1024 * 1024,
        "larger than the old limit: {} bytes",
        photo.len()
    );
    assert!(contains(&photo, b"GPS 47.9185N"));
    let aaruul = product_id(&app, "aaruul").await;
    assert_eq!(
        upload(&app, aaruul, "IMG_2041.JPG", photo.clone()).await,
        "Зургийг хадгаллаа."
    );

    // The product page offers each width, with its proportions (turned: 3024×4032, stored at most 1280 wide), after
    // the demo's own picture (drawn at seeding, so the card stays the demo's).
    let page = app.get_html("/products/aaruul").await.1;
    let second = &page[page.find("id=\"picture-2\"").expect("the second picture")..];
    let srcset = attribute(second, "srcset=", "srcset");
    let hash = srcset
        .strip_prefix("/pictures/")
        .unwrap()
        .split('-')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        srcset,
        format!("/pictures/{hash}-320.webp 320w, /pictures/{hash}-640.webp 640w, /pictures/{hash}-1280.webp 1280w")
    );
    assert_eq!(
        attribute(second, "srcset=", "src"),
        format!("/pictures/{hash}-1280.webp")
    );
    assert_eq!(attribute(second, "srcset=", "width"), "1280");
    assert_eq!(attribute(second, "srcset=", "height"), "1707");

    let mut total = 0;
    for (width, height) in [(320, 427), (640, 853), (1280, 1707)] {
        let path = format!("/pictures/{hash}-{width}.webp");
        let served = app.get(&path).await;
        assert_eq!(served.status(), 200, "{path}");
        assert_eq!(served.headers()["content-type"], "image/webp");
        assert_eq!(served.headers()["cache-control"], "public, max-age=31536000, immutable");
        let etag = served.headers()["etag"].to_str().unwrap().to_owned();
        let bytes = served.bytes().await.unwrap();
        total += bytes.len();
        assert!(
            !contains(&bytes, b"Exif") && !contains(&bytes, b"GPS 47"),
            "no metadata survives at {width}"
        );
        let picture = image::load_from_memory_with_format(&bytes, ImageFormat::WebP)
            .unwrap()
            .into_rgba8();
        assert_eq!(picture.width(), width);
        assert!(picture.height().abs_diff(height) <= 1, "{width}: {}", picture.height());
        // Upright: the photo's red left third is now its top.
        assert!(
            picture.get_pixel(width / 2, picture.height() / 8)[0] > 150,
            "{width}: red on top"
        );
        assert!(
            picture.get_pixel(width / 2, picture.height() * 7 / 8)[0] < 120,
            "{width}: not red below"
        );
        let again = app
            .client
            .get(app.url(&path))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "a browser that asks again is told nothing changed");
    }
    assert!(
        total < photo.len() / 10,
        "{total} bytes in all for a {}-byte photo",
        photo.len()
    );

    // Another instance on the same database serves it at once.
    let there = reqwest::get(format!("{other}/pictures/{hash}-640.webp")).await.unwrap();
    assert_eq!(there.status(), 200);
    assert_eq!(app.get(&format!("/pictures/{hash}-641.webp")).await.status(), 404);
}

/// A PNG claiming `side`×`side` pixels (its chunks' checksums right) whose pixel data is empty.
fn claimed_png(side: u32) -> Vec<u8> {
    let mut header = side.to_be_bytes().to_vec();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &header[..]), (b"IDAT", &[]), (b"IEND", &[])] {
        png.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let body = [kind, data].concat();
        let mut crc = !0u32;
        for byte in &body {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        png.extend_from_slice(&body);
        png.extend_from_slice(&(!crc).to_be_bytes());
    }
    png
}

async fn what_is_not_a_sound_picture_is_refused_and_stores_nothing(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let aaruul = product_id(&app, "aaruul").await;
    let before = stored(&app).await;
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(RgbaImage::from_pixel(600, 400, Rgba([90, 120, 30, 255])))
        .into_rgb8()
        .write_to(&mut jpeg, ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let refused = [
        (
            "bomb.png",
            claimed_png(40_000),
            "Зураг хэт олон цэгтэй байна (50 мегапикселээс их). Жижигрүүлээд дахин оруулна уу.",
        ),
        (
            "cut.jpg",
            jpeg[..jpeg.len() / 3].to_vec(),
            "Зургийг уншиж чадсангүй: гэмтсэн эсвэл дутуу байна.",
        ),
        (
            "cute.jpg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
            "Энэ файл JPEG, PNG эсвэл WebP зураг биш байна.",
        ),
        (
            "shell.jpg",
            b"<?php system($_GET['c']); ?>".to_vec(),
            "Энэ файл JPEG, PNG эсвэл WebP зураг биш байна.",
        ),
    ];
    for (name, bytes, message) in refused {
        assert_eq!(upload(&app, aaruul, name, bytes).await, message, "{name}");
        assert_eq!(stored(&app).await, before, "{name}: nothing stored");
    }
    assert_eq!(upload(&app, aaruul, "field.jpg", jpeg).await, "Зургийг хадгаллаа.");
    assert_eq!(
        stored(&app).await,
        (before.0 + 1, before.1 + 2),
        "one picture at 320 and 600"
    );
}

/// The hashes of the product page's gallery, in its order.
async fn gallery(app: &TestApp, slug: &str) -> Vec<String> {
    let page = app.get_html(&format!("/products/{slug}")).await.1;
    let gallery = &page[page.find("data-test=\"gallery\"").expect("a gallery")..];
    gallery
        .split(" src=\"/pictures/")
        .skip(1)
        .map(|rest| rest.split('-').next().unwrap().to_owned())
        .collect()
}

/// Posts one of a picture's forms; returns the product's page as it then shows (its notice shown once).
async fn picture_form(app: &TestApp, function: &str, product: i64, picture: i64, extra: &[(&str, &str)]) -> String {
    let (product_text, picture_text) = (product.to_string(), picture.to_string());
    let mut form = vec![
        ("product_id", product_text.as_str()),
        ("picture_id", picture_text.as_str()),
    ];
    form.extend_from_slice(extra);
    let reply = app.post_form(&server_fn_path(function), &form).await;
    assert_eq!(
        reply.headers()["location"],
        format!("/admin/products/{product}").as_str(),
        "{function}"
    );
    app.get_html(&format!("/admin/products/{product}")).await.1
}

async fn pictures_of(app: &TestApp, product: i64) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT id, hash FROM product_pictures WHERE product_id = $1 ORDER BY position, id")
        .bind(product)
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn the_owner_orders_describes_and_removes_pictures_and_a_variant_shows_its_own(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    // A demo product with two variants or more.
    let (slug, product): (String, i64) = sqlx::query_as(
        "SELECT p.slug, p.id FROM products p JOIN variants v ON v.product_id = p.id WHERE p.archived = 0 \
         GROUP BY p.id, p.slug HAVING COUNT(*) >= 2 ORDER BY p.id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let variants: Vec<i64> = sqlx::query_scalar("SELECT id FROM variants WHERE product_id = $1 ORDER BY id")
        .bind(product)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    // The demo's own picture removed first: the product has the owner's alone.
    for (demo, _) in pictures_of(&app, product).await {
        picture_form(&app, "admin_remove_picture", product, demo, &[]).await;
    }
    assert!(pictures_of(&app, product).await.is_empty());
    for (width, height) in [(300, 200), (200, 300), (250, 250)] {
        assert_eq!(
            upload(&app, product, "shot.png", png(width, height)).await,
            "Зургийг хадгаллаа."
        );
    }
    let stored = pictures_of(&app, product).await;
    let [(a, ha), (b, hb), (c, hc)] = [stored[0].clone(), stored[1].clone(), stored[2].clone()];
    assert_eq!(gallery(&app, &slug).await, [ha.clone(), hb.clone(), hc.clone()]);
    let page = app.get_html(&format!("/products/{slug}")).await.1;
    assert_eq!(
        page.matches("data-test=\"gallery-link\"").count(),
        3,
        "each picture has a link, without JavaScript"
    );

    // Moved: C before B, then A after C; the first is the product's picture.
    let page = picture_form(&app, "admin_shift_picture", product, c, &[("direction", "earlier")]).await;
    assert_eq!(notice_in(&page), "Зургийн дарааллыг өөрчиллөө.");
    picture_form(&app, "admin_shift_picture", product, a, &[("direction", "later")]).await;
    assert_eq!(gallery(&app, &slug).await, [hc.clone(), ha.clone(), hb.clone()]);
    let image: String = sqlx::query_scalar("SELECT image FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(image.starts_with(&format!("/pictures/{hc}-")), "{image}");

    // B shows the second variant, with the owner's words.
    let second = variants[1].to_string();
    let notice = picture_form(
        &app,
        "admin_describe_picture",
        product,
        b,
        &[("alt_mn", "Хөх өнгөтэй"), ("alt_en", "In blue"), ("variant", &second)],
    )
    .await;
    assert_eq!(notice_in(&notice), "Хадгаллаа.");
    let page = app.get_html(&format!("/products/{slug}")).await.1;
    assert!(page.contains("alt=\"Хөх өнгөтэй\""), "the owner's words");
    assert!(
        page.contains("&quot;picture&quot;:&quot;picture-3&quot;"),
        "the buy box knows the variant's picture"
    );

    // A variant of another product, or words too long: sent back, nothing changed.
    let foreign: i64 = sqlx::query_scalar("SELECT id FROM variants WHERE product_id <> $1 LIMIT 1")
        .bind(product)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let foreign = foreign.to_string();
    let admin_page = picture_form(&app, "admin_describe_picture", product, b, &[("variant", &foreign)]).await;
    assert!(admin_page.contains("Энэ барааны хувилбар биш."), "beside the field");
    let long = "у".repeat(201);
    picture_form(&app, "admin_describe_picture", product, b, &[("alt_mn", &long)]).await;
    let kept: (String, Option<i64>) = sqlx::query_as("SELECT alt_mn, variant_id FROM product_pictures WHERE id = $1")
        .bind(b)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(kept, ("Хөх өнгөтэй".to_owned(), Some(variants[1])));

    // The order and the variant's picture survive an edit of the product.
    let (name_mn, name_en, category): (String, String, String) = sqlx::query_as(
        "SELECT p.name_mn, p.name_en, c.slug FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = $1",
    )
    .bind(product)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let id_text = product.to_string();
    let edit = [
        ("id", id_text.as_str()),
        ("slug", slug.as_str()),
        ("category", category.as_str()),
        ("name_mn", name_mn.as_str()),
        ("name_en", name_en.as_str()),
    ];
    app.post_form(&server_fn_path("admin_save_product"), &edit).await;
    assert_eq!(gallery(&app, &slug).await, [hc.clone(), ha.clone(), hb.clone()]);
    assert!(
        app.get_html(&format!("/products/{slug}"))
            .await
            .1
            .contains("&quot;picture&quot;:&quot;picture-3&quot;")
    );

    // Removed: gone from the page, its files with it, the next one the product's picture.
    let files_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM picture_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let page = picture_form(&app, "admin_remove_picture", product, c, &[]).await;
    assert_eq!(notice_in(&page), "Зургийг устгалаа.");
    assert_eq!(gallery(&app, &slug).await, [ha.clone(), hb]);
    let files_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM picture_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(files_after, files_before - 1, "a 250-wide picture had one file");
    assert_eq!(app.get(&format!("/pictures/{hc}-250.webp")).await.status(), 404);
    let image: String = sqlx::query_scalar("SELECT image FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(image.starts_with(&format!("/pictures/{ha}-")), "{image}");
    // Someone else's picture through this product's address: not found, nothing removed.
    let other: i64 = sqlx::query_scalar("SELECT id FROM products WHERE id <> $1 LIMIT 1")
        .bind(product)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // (Posted as a script would, so the answer is the status itself rather than a page to go back to.)
    let (other, a) = (other.to_string(), a.to_string());
    let reply = app
        .client
        .post(app.url(&server_fn_path("admin_remove_picture")))
        .form(&[("product_id", other.as_str()), ("picture_id", a.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 404);
    assert_eq!(pictures_of(&app, product).await.len(), 2);
}

async fn with_the_folder_store_new_pictures_live_in_the_folder(engine: Engine) {
    let folder = tempfile::tempdir().unwrap();
    let media = folder.path().display().to_string();
    let app = signed_in_shop(engine, &[("PICTURE_STORE", "folder"), ("MEDIA_DIR", media.as_str())]).await;
    let aaruul = product_id(&app, "aaruul").await;
    let files_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM picture_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        upload(&app, aaruul, "shot.png", png(700, 500)).await,
        "Зургийг хадгаллаа."
    );
    let (id, hash): (i64, String) =
        sqlx::query_as("SELECT id, hash FROM product_pictures WHERE product_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(aaruul)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    // In the folder, each width; none in the database.
    for width in [320, 640, 700] {
        let file = folder.path().join("pictures").join(format!("{hash}-{width}.webp"));
        let on_disk = std::fs::read(&file).unwrap_or_else(|_| panic!("{} is written", file.display()));
        let served = app.get(&format!("/pictures/{hash}-{width}.webp")).await;
        assert_eq!(served.status(), 200);
        assert_eq!(served.bytes().await.unwrap().as_ref(), on_disk.as_slice());
    }
    let files_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM picture_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(files_after, files_before, "nothing of it in the database");
    // The demo's pictures, seeded into the database, are still served.
    let demo: String =
        sqlx::query_scalar("SELECT hash FROM product_pictures WHERE product_id = $1 ORDER BY id LIMIT 1")
            .bind(aaruul)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(app.get(&format!("/pictures/{demo}-320.webp")).await.status(), 200);

    let page = picture_form(&app, "admin_remove_picture", aaruul, id, &[]).await;
    assert_eq!(notice_in(&page), "Зургийг устгалаа.");
    let left = std::fs::read_dir(folder.path().join("pictures")).unwrap().count();
    assert_eq!(left, 0, "its files went with it");
    assert_eq!(app.get(&format!("/pictures/{hash}-640.webp")).await.status(), 404);
}
