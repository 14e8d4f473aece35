//! The owner's catalog: categories, products, variants and pictures, made and changed through the same forms a
//! browser posts, and what the shop then shows.

use crate::{
    admin::{OWNER, PASSWORD, sign_in, spawn_with_owner},
    helpers::{Engine, TestApp, notice_in, server_fn_path},
};

crate::on_both_engines!(
    the_owner_adds_a_product_the_shop_then_sells,
    a_form_with_mistakes_comes_back_filled_in_and_changes_nothing,
    pictures_must_be_small_real_images_from_the_owner,
    every_admin_function_refuses_a_visitor,
);

/// A small real PNG.
fn png() -> Vec<u8> {
    crate::helpers::png(48, 48)
}

/// Posts an owner's form (the catalog's, the stock settings', the messages') to the server function `name` as a
/// browser without JavaScript does; returns where it leads.
pub async fn save(app: &TestApp, name: &str, form: &[(&str, &str)]) -> String {
    let reply = app.post_form(&server_fn_path(name), form).await;
    assert_eq!(reply.status().as_u16() / 100, 3, "{name} answers with a redirect");
    reply.headers()["location"].to_str().unwrap().to_owned()
}

async fn upload(app: &TestApp, product_id: i64, file_name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(file_name.to_owned())
        .mime_str("image/png")
        .unwrap();
    app.client
        .post(app.url(&format!("/admin/products/{product_id}/image")))
        .multipart(reqwest::multipart::Form::new().part("image", part))
        .send()
        .await
        .unwrap()
}

async fn image_of(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar("SELECT image FROM products WHERE slug = $1")
        .bind(slug)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

const PRODUCT: [(&str, &str); 6] = [
    ("slug", "morin-khuur-magnet"),
    ("category", "crafts"),
    ("name_mn", "Морин хуурын соронз"),
    ("name_en", "Morin khuur magnet"),
    ("description_mn", "Модон сийлбэр."),
    ("classification_code", "3999110"),
];

async fn the_owner_adds_a_product_the_shop_then_sells(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    app.get("/lang/en").await;
    let to = save(
        &app,
        "admin_save_category",
        &[("slug", "crafts"), ("name_mn", "Гар урлал"), ("name_en", "Crafts")],
    )
    .await;
    assert_eq!(to, "/admin/products");

    let page = save(&app, "admin_save_product", &PRODUCT).await;
    let id: i64 = match page.trim_start_matches("/admin/products/").parse() {
        Ok(id) => id,
        Err(_) => panic!("not saved: {}", app.get_html(&page).await.1),
    };
    let (_, html) = app.get_html(&page).await;
    assert_eq!(notice_in(&html), "Saved.");
    assert!(html.contains("value=\"morin-khuur-magnet\""));
    assert!(html.contains("value=\"3999110\""), "its e-barimt classification code");
    let (_, home) = app.get_html("/").await;
    assert!(
        !home.contains("/products/morin-khuur-magnet"),
        "nothing to sell yet: not listed"
    );

    let id_text = id.to_string();
    let variant = [
        ("product_id", id_text.as_str()),
        ("sku", "magnet-small"),
        ("name_mn", "38 размер"),
        ("name_en", "Size 38"),
        ("price", "45,000₮"),
        ("stock", "12"),
    ];
    assert_eq!(save(&app, "admin_save_variant", &variant).await, page);
    let reply = upload(&app, id, "magnet.png", png()).await;
    assert_eq!(reply.headers()["location"], page.as_str());
    let image = image_of(&app, "morin-khuur-magnet").await;
    assert!(
        image.starts_with("/pictures/") && image.ends_with("-48.webp"),
        "{image}"
    );
    let served = app.get(&image).await;
    assert_eq!(served.status(), 200);
    assert_eq!(
        served.headers()["content-type"],
        "image/webp",
        "redrawn, not served as uploaded"
    );

    let (_, home) = app.get_html("/").await;
    assert!(
        home.contains("/products/morin-khuur-magnet"),
        "listed once it has a variant"
    );
    let (status, product) = app.get_html("/products/morin-khuur-magnet").await;
    assert_eq!(status, 200);
    assert!(product.contains("45,000₮") && product.contains(&image));

    // A new price and stock; then the variant is archived and the product is no longer sold.
    let variant_id: i64 = sqlx::query_scalar("SELECT id FROM variants WHERE sku = 'magnet-small'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let variant_id = variant_id.to_string();
    let mut change = variant.to_vec();
    change.push(("variant_id", &variant_id));
    change[4] = ("price", "39000");
    save(&app, "admin_save_variant", &change).await;
    let (_, product) = app.get_html("/products/morin-khuur-magnet").await;
    assert!(product.contains("39,000₮") && !product.contains("45,000₮"));
    // Two sold while the owner's form showed 12: the owner's +3 lands on the 10 left, never counting the two back.
    let stock = || async {
        sqlx::query_scalar::<_, i64>("SELECT stock FROM variants WHERE sku = 'magnet-small'")
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    sqlx::query("UPDATE variants SET stock = stock - 2 WHERE sku = 'magnet-small'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let mut recount = change.clone();
    recount[5] = ("stock", "15");
    recount.push(("stock_shown", "12"));
    save(&app, "admin_save_variant", &recount).await;
    assert_eq!(stock().await, 13);
    recount[5] = ("stock", "0");
    recount.pop();
    recount.push(("stock_shown", "15"));
    save(&app, "admin_save_variant", &recount).await;
    assert_eq!(stock().await, 13, "taking away more than is left is refused");
    let (_, html) = app.get_html(&page).await;
    assert!(
        notice_in(&html).starts_with("Some were sold while you were editing"),
        "{}",
        notice_in(&html)
    );

    change.push(("archived", "on"));
    save(&app, "admin_save_variant", &change).await;
    let (_, home) = app.get_html("/").await;
    assert!(
        !home.contains("/products/morin-khuur-magnet"),
        "no variant on sale: not listed"
    );

    let mut archived = PRODUCT.to_vec();
    archived.push(("id", &id_text));
    archived.push(("archived", "on"));
    save(&app, "admin_save_product", &archived).await;
    assert_eq!(app.get("/products/morin-khuur-magnet").await.status(), 404);
    let (_, list) = app.get_html("/admin/products").await;
    assert!(
        list.contains("data-slug=\"morin-khuur-magnet\""),
        "the owner still sees it"
    );
}

async fn a_form_with_mistakes_comes_back_filled_in_and_changes_nothing(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    app.get("/lang/en").await;
    let products = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM products")
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    let before = products().await;
    let bad = [
        ("slug", "Морин хуурын соронз"),
        ("category", "no-such-category"),
        ("name_mn", "Морин хуурын соронз"),
        ("name_en", ""),
        ("classification_code", "39-99"),
    ];
    assert_eq!(save(&app, "admin_save_product", &bad).await, "/admin/products/new");
    let (_, html) = app.get_html("/admin/products/new").await;
    assert_eq!(notice_in(&html), "Please correct the marked fields.");
    assert!(html.contains("data-test=\"error-slug\""));
    assert!(html.contains("data-test=\"error-classification_code\""));
    assert!(html.contains("data-test=\"error-name_en\""));
    assert!(html.contains("value=\"Морин хуурын соронз\""), "what was typed is kept");
    assert_eq!(products().await, before);

    // A slug another product has, and a category that does not exist, are mistakes too.
    let taken = [
        ("slug", "aaruul"),
        ("category", "no-such-category"),
        ("name_mn", "Ааруул"),
        ("name_en", "Aaruul"),
    ];
    save(&app, "admin_save_product", &taken).await;
    let (_, html) = app.get_html("/admin/products/new").await;
    assert!(
        html.contains("Choose a category."),
        "an unknown category is refused first"
    );
    let taken = [
        ("slug", "aaruul"),
        ("category", "food"),
        ("name_mn", "Ааруул"),
        ("name_en", "Aaruul"),
    ];
    save(&app, "admin_save_product", &taken).await;
    let (_, html) = app.get_html("/admin/products/new").await;
    assert!(html.contains("Already used by another one."), "{}", notice_in(&html));
    assert_eq!(products().await, before);

    // A variant with a SKU that is taken and a price that is not a price.
    let aaruul: i64 = sqlx::query_scalar("SELECT product_id FROM variants WHERE sku = 'aaruul-1'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let variants = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM variants WHERE product_id = $1")
            .bind(aaruul)
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    let variants_before = variants().await;
    let aaruul = aaruul.to_string();
    let variant = [
        ("product_id", aaruul.as_str()),
        ("sku", "aaruul-1"),
        ("name_mn", "Их"),
        ("name_en", "Big"),
        ("price", "12.5"),
        ("stock", "1"),
    ];
    save(&app, "admin_save_variant", &variant).await;
    let (_, html) = app.get_html(&format!("/admin/products/{aaruul}")).await;
    assert!(html.contains("data-test=\"error-price\""));
    let mut fixed = variant;
    fixed[4] = ("price", "12500");
    save(&app, "admin_save_variant", &fixed).await;
    let (_, html) = app.get_html(&format!("/admin/products/{aaruul}")).await;
    assert!(html.contains("data-test=\"error-sku\""), "the SKU is taken");
    assert_eq!(variants().await, variants_before, "nothing added");
}

async fn pictures_must_be_small_real_images_from_the_owner(engine: Engine) {
    let app = spawn_with_owner(engine, &[("MEDIA_MAX_KB", "1")]).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    app.get("/lang/en").await;
    let aaruul: i64 = sqlx::query_scalar("SELECT id FROM products WHERE slug = 'aaruul'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let before = image_of(&app, "aaruul").await;
    let page = format!("/admin/products/{aaruul}");

    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec();
    upload(&app, aaruul, "cute.png", svg).await;
    let (_, html) = app.get_html(&page).await;
    assert_eq!(notice_in(&html), "That file is not a JPEG, PNG or WebP picture.");
    let mut big = png();
    big.resize(2 * 1024, 0);
    upload(&app, aaruul, "big.png", big).await;
    let (_, html) = app.get_html(&page).await;
    assert_eq!(notice_in(&html), "The picture is larger than 1 KB.");
    assert_eq!(image_of(&app, "aaruul").await, before, "nothing changed");

    // Someone else's browser: no session, or another site's page.
    let stranger = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form =
        || reqwest::multipart::Form::new().part("image", reqwest::multipart::Part::bytes(png()).file_name("a.png"));
    let url = app.url(&format!("/admin/products/{aaruul}/image"));
    let anonymous = stranger.post(&url).multipart(form()).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let cross_site = app
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    assert_eq!(image_of(&app, "aaruul").await, before, "nothing changed");

    // A picture is added after those the product has (the demo's, drawn at seeding), and the first stays the
    // product's; the product page shows the new one at once, not what it read a moment ago.
    assert!(before.starts_with("/pictures/"), "the demo's picture: {before}");
    let gallery = |page: &str| page.matches("class=\"product-image\"").count();
    let (_, shown) = app.get_html("/products/aaruul").await;
    assert_eq!(gallery(&shown), 1, "the demo's picture");
    upload(&app, aaruul, "a.png", png()).await;
    let (_, shown) = app.get_html("/products/aaruul").await;
    assert_eq!(gallery(&shown), 2, "shown at once");
    upload(&app, aaruul, "b.png", crate::helpers::png(64, 32)).await;
    assert_eq!(
        image_of(&app, "aaruul").await,
        before,
        "the first picture stays the product's"
    );
    let (_, shown) = app.get_html("/products/aaruul").await;
    assert_eq!(gallery(&shown), 3, "all three in the gallery");
}

/// Every server function but the public ones refuses a request without a signed-in account, whatever it is sent:
/// the walk goes through every registered function and fails on one that is on none of the lists in `staff.rs`.
async fn every_admin_function_refuses_a_visitor(engine: Engine) {
    use crate::staff::{OWNERS_ONLY, PUBLIC, STAFF_MAY, registered_server_functions};
    let app = spawn_with_owner(engine, &[]).await;
    // Every field any of them takes, so each decodes its arguments and reaches its own access check.
    let form = [
        ("query[page]", "1"),
        ("order_no", "ABCD1234"),
        ("action", "recheck"),
        ("payment_id", "1"),
        ("amount", "1"),
        ("note", "x"),
        ("id", "1"),
        ("product_id", "1"),
        ("variant_id", "1"),
        ("picture_id", "1"),
        ("direction", "earlier"),
        ("slug", "x"),
        ("category", "food"),
        ("name_mn", "x"),
        ("name_en", "x"),
        ("sku", "x"),
        ("price", "1"),
        ("stock", "1"),
        ("query[period]", "7d"),
        ("upload", "x"),
    ];
    let mut checked = Vec::new();
    for (name, path) in registered_server_functions() {
        if PUBLIC.contains(&name.as_str()) {
            continue;
        }
        let reply = app.client.post(app.url(path)).form(&form).send().await.unwrap();
        assert_eq!(reply.status(), 401, "{name} ({path}) refuses a visitor");
        checked.push(name);
    }
    for name in STAFF_MAY.iter().chain(&OWNERS_ONLY) {
        assert!(checked.iter().any(|c| c == name), "{name} was checked: {checked:?}");
    }
    assert_eq!(checked.len(), STAFF_MAY.len() + OWNERS_ONLY.len(), "{checked:?}");
    let untouched: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories WHERE slug = 'x'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(untouched, 0);
}
