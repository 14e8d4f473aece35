//! The shop's search over real pages on both engines: what Mongolians type (Cyrillic, Latin, a typo, an SKU) finds
//! the owner's products, ranked; the list's filters; the header's suggestions as JSON; hostile queries get a normal
//! page; and the kept search keys follow the owner's changes and are made again at start when missing.

use crate::{
    admin::{OWNER, PASSWORD, sign_in, spawn_with_owner},
    catalog_admin::save,
    helpers::{Engine, TestApp, test_config},
};

crate::on_both_engines!(
    what_mongolians_type_finds_the_owners_products_ranked,
    the_list_filters_by_price_and_stock_and_keeps_them_in_its_links,
    the_header_suggests_the_best_few_as_json,
    hostile_queries_get_a_normal_page,
    the_search_keys_follow_the_owners_changes_and_are_made_at_start,
);

/// A product of the owner's with one variant, saved through the admin's forms.
async fn add(app: &TestApp, slug: &str, names: (&str, &str), description: &str, sku: &str, stock: &str) {
    let page = save(
        app,
        "admin_save_product",
        &[
            ("slug", slug),
            ("category", "clothes"),
            ("name_mn", names.0),
            ("name_en", names.1),
            ("description_mn", description),
        ],
    )
    .await;
    let id = page.trim_start_matches("/admin/products/").to_owned();
    assert!(id.parse::<i64>().is_ok(), "{slug} saved: {page}");
    let variant = [
        ("product_id", id.as_str()),
        ("sku", sku),
        ("name_mn", "Нэг хэмжээ"),
        ("name_en", "One size"),
        ("price", "45,000₮"),
        ("stock", stock),
    ];
    assert_eq!(save(app, "admin_save_variant", &variant).await, page);
}

/// A shop with the owner signed in and a few clothes of their own beside the demo catalog.
async fn clothes_shop(engine: Engine) -> TestApp {
    let app = spawn_with_owner(engine, &[]).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let to = save(
        &app,
        "admin_save_category",
        &[("slug", "clothes"), ("name_mn", "Хувцас"), ("name_en", "Clothes")],
    )
    .await;
    assert_eq!(to, "/admin/products");
    add(&app, "shirt", ("Цамц", "Shirt"), "Хөвөн даавуу.", "TS-001", "5").await;
    add(&app, "boots", ("Гутал", "Boots"), "Арьсан, өвлийн.", "GT-7", "0").await;
    add(
        &app,
        "washing-powder",
        ("Угаалгын нунтаг", "Washing powder"),
        "",
        "UG-1",
        "9",
    )
    .await;
    add(&app, "scarf", ("Ороолт", "Scarf"), "Цамцтай зохино.", "OR-2", "4").await;
    app
}

/// The products a list page shows, in order, by their addresses.
fn shown(html: &str) -> Vec<String> {
    html.split("data-test=\"product-card\"")
        .skip(1)
        .filter_map(|card| {
            let at = card.find("href=\"/products/")? + "href=\"/products/".len();
            Some(card[at..].split('"').next()?.to_owned())
        })
        .collect()
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn searched(app: &TestApp, typed: &str) -> Vec<String> {
    let (status, html) = app.get_html(&format!("/?q={}", encode(typed))).await;
    assert_eq!(status, 200, "{typed}");
    shown(&html)
}

async fn what_mongolians_type_finds_the_owners_products_ranked(engine: Engine) {
    let app = clothes_shop(engine).await;
    for (typed, first) in [
        ("цамц", "shirt"),
        ("tsamts", "shirt"),
        ("tsamc", "shirt"),
        ("camc", "shirt"),
        ("gutal", "boots"),
        ("ugaalga", "washing-powder"),
        ("ugaalgyn", "washing-powder"),
        ("ugalgyn", "washing-powder"),
        ("TS-001", "shirt"),
        ("ts001", "shirt"),
        ("boots", "boots"),
    ] {
        let found = searched(&app, typed).await;
        assert_eq!(found.first().map(String::as_str), Some(first), "{typed}: {found:?}");
    }
    assert_eq!(
        searched(&app, "tsamts").await,
        ["shirt", "cashmere-sweater", "scarf"],
        "the names' matches (the owner's newer shirt, the demo's «Ноолууран цамц») above the description's"
    );
    let (_, html) = app.get_html("/?q=gutal").await;
    assert!(
        html.contains("data-test=\"found-count\""),
        "the count of what was found"
    );
    assert!(html.contains("«gutal»: 1"), "{html}");
    assert!(
        html.contains("<option value=\"relevance\" selected"),
        "a search is ranked best match first"
    );
    let clothes = searched(&app, "хувцас").await;
    for slug in ["shirt", "boots", "washing-powder", "scarf"] {
        assert!(
            clothes.contains(&slug.to_owned()),
            "a category's name finds its products: {clothes:?}"
        );
    }
    assert!(searched(&app, "zzzzqqq").await.is_empty());
}

async fn the_list_filters_by_price_and_stock_and_keeps_them_in_its_links(engine: Engine) {
    let app = clothes_shop(engine).await;
    let (_, html) = app.get_html("/?category=clothes&min=40000&max=50000").await;
    assert_eq!(shown(&html).len(), 4);
    let (_, html) = app.get_html("/?category=clothes&min=40000&max=50000&stock=1").await;
    let found = shown(&html);
    assert_eq!(found.len(), 3, "sold-out boots are left out: {found:?}");
    assert!(!found.contains(&"boots".to_owned()));
    assert!(
        html.contains("name=\"stock\" value=\"1\" checked"),
        "the filter stays ticked"
    );
    assert!(html.contains("name=\"min\" min=\"0\" step=\"1\" inputmode=\"numeric\" value=\"40000\""));
    let (_, html) = app.get_html("/?min=50001").await;
    assert!(!shown(&html).contains(&"shirt".to_owned()), "45,000₮ is below 50,001₮");
    let (status, html) = app.get_html("/?min=abc&max=-1&stock=yes").await;
    assert_eq!(status, 200, "a filter that cannot be read is no error");
    assert_eq!(shown(&html).len(), 12, "and filters nothing: a full first page");
}

async fn the_header_suggests_the_best_few_as_json(engine: Engine) {
    let app = clothes_shop(engine).await;
    let (_, home) = app.get_html("/").await;
    assert!(
        home.contains("data-test=\"header-q\""),
        "every shop page has the header's search"
    );
    assert!(home.contains("<script src=\"/search.js\" defer"), "{home}");
    assert!(!home.contains(".wasm"), "and still no WASM on a catalog page");

    let reply = app.get("/search/suggestions?q=tsamts&lang=en").await;
    assert_eq!(reply.status(), 200);
    let found: serde_json::Value = reply.json().await.unwrap();
    assert_eq!(found[0]["name"], "Shirt", "in the shopper's language");
    assert_eq!(found[0]["href"], "/products/shirt");
    assert_eq!(found[0]["price"], "45,000₮");
    assert_eq!(found[0]["in_stock"], true);
    let reply = app.get("/search/suggestions?q=a").await;
    let many: serde_json::Value = reply.json().await.unwrap();
    assert_eq!(many.as_array().unwrap().len(), 6, "at most six");
    for odd in ["", "%25%25", "%22", "NEAR(a%20b)", "*"] {
        let reply = app.get(&format!("/search/suggestions?q={odd}")).await;
        assert_eq!(reply.status(), 200, "{odd}");
        let _: serde_json::Value = reply.json().await.unwrap();
    }
    let reply = app.get("/search/suggestions").await;
    assert_eq!(reply.json::<serde_json::Value>().await.unwrap(), serde_json::json!([]));
}

async fn hostile_queries_get_a_normal_page(engine: Engine) {
    let app = crate::helpers::spawn_app(engine).await;
    let long = "ц".repeat(2_000);
    for typed in [
        "%",
        "_",
        "'",
        "\"",
        "\" OR 1=1 --",
        "NEAR(a b)",
        "a*",
        "*",
        "\\",
        "\u{0}",
        &long,
        "",
    ] {
        let (status, html) = app.get_html(&format!("/?q={}", encode(typed))).await;
        assert_eq!(status, 200, "{typed:?}");
        assert!(html.contains("class=\"list-controls\""), "{typed:?}: the list's page");
    }
    let (_, all) = app.get_html("/").await;
    let (_, signs) = app.get_html("/?q=%25%25").await;
    assert_eq!(
        shown(&signs),
        shown(&all),
        "a query of signs alone lists as if nothing were typed"
    );
}

async fn the_search_keys_follow_the_owners_changes_and_are_made_at_start(engine: Engine) {
    let app = clothes_shop(engine).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM products WHERE slug = 'shirt'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let id_text = id.to_string();
    let product = [
        ("id", id_text.as_str()),
        ("slug", "shirt"),
        ("category", "clothes"),
        ("name_mn", "Хүрэм"),
        ("name_en", "Jacket"),
        ("description_mn", ""),
    ];
    save(&app, "admin_save_product", &product).await;
    assert_eq!(searched(&app, "khurem").await, ["shirt"], "the new name finds it");
    assert!(
        !searched(&app, "tsamts").await.contains(&"shirt".to_owned()),
        "the old name no longer does"
    );

    // Keys lost (or made with older rules) are made again when the shop starts.
    sqlx::query("UPDATE products SET search_name = '', search_text = '', search_version = 0")
        .execute(app.db.pool())
        .await
        .unwrap();
    let config = test_config(&app.database_url(), 0, &[]);
    let restarted = delguur::server::Server::build(&config).await.expect("starts again");
    drop(restarted);
    let stale: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE search_version <> $1")
        .bind(delguur::domain::search::FOLD_VERSION)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stale, 0);
    let key: String = sqlx::query_scalar("SELECT search_name FROM products WHERE slug = 'boots'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(key, delguur::domain::search::fold("Гутал Boots"));
}
