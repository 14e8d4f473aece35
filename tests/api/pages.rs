use crate::helpers::{Engine, form_action_in, spawn_app};

crate::on_both_engines!(
    home_lists_every_seeded_product_with_its_price_in_tugrik,
    home_page_loads_no_wasm,
    the_list_filters_by_category_and_name_and_sorts_by_price,
    product_page_shows_variants_and_the_buy_box_island,
    unknown_product_answers_404_in_the_shoppers_language,
    english_is_chosen_by_the_language_switch_and_remembered,
);

async fn home_lists_every_seeded_product_with_its_price_in_tugrik(engine: Engine) {
    let app = spawn_app(engine).await;

    let (status, html) = app.get_html("/").await;

    assert_eq!(status, 200);
    assert_eq!(
        html.matches("data-test=\"product-card\"").count(),
        12,
        "twelve a page: {html}"
    );
    let (_, second) = app.get_html("/?page=2").await;
    assert_eq!(
        second.matches("data-test=\"product-card\"").count(),
        12,
        "the other twelve"
    );
    assert_eq!(
        html.matches("loading=\"eager\"").count(),
        2,
        "the pictures of a phone's first row load at once"
    );
    assert_eq!(
        html.matches("loading=\"lazy\"").count(),
        10,
        "the rest as the shopper scrolls"
    );
    assert!(html.contains("<html lang=\"mn\""));
    assert!(html.contains("Ааруул"), "Mongolian product name missing");
    assert!(html.contains("12,500₮"), "price of aaruul missing");
    assert!(html.contains("href=\"/products/aaruul\""));
    // The demo's picture went through the upload pipeline at seeding (issue #36): WebP at a phone's widths.
    let card = &html[html.find("href=\"/products/aaruul\"").expect("aaruul's card")..];
    let img = &card[card.find("<img").expect("its picture")..];
    let img = &img[..img.find('>').unwrap()];
    let hash = img
        .split(" src=\"/pictures/")
        .nth(1)
        .and_then(|rest| rest.split("-640.webp\"").next())
        .unwrap_or_else(|| panic!("the 640-wide file first: {img}"));
    assert!(
        img.contains(&format!(
            "srcset=\"/pictures/{hash}-320.webp 320w, /pictures/{hash}-640.webp 640w\""
        )),
        "{img}"
    );
    assert!(img.contains("width=\"640\"") && img.contains("height=\"640\""), "{img}");
    let file = app.get(&format!("/pictures/{hash}-320.webp")).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "image/webp");
}

async fn home_page_loads_no_wasm(engine: Engine) {
    let app = spawn_app(engine).await;

    let (_, html) = app.get_html("/").await;

    assert!(
        !html.contains(".wasm"),
        "the home page has no island, so it must not load WASM"
    );
    assert!(!html.contains("<leptos-island"));
}

async fn product_page_shows_variants_and_the_buy_box_island(engine: Engine) {
    let app = spawn_app(engine).await;

    let (status, html) = app.get_html("/products/cashmere-scarf").await;

    assert_eq!(status, 200);
    assert!(
        html.contains("<title>Ноолууран ороолт — Жишээ дэлгүүр</title>"),
        "{html}"
    );
    let canonical = format!(
        "<link href=\"{}/products/cashmere-scarf\" rel=\"canonical\">",
        app.address
    );
    assert!(html.contains(&canonical), "canonical link missing");
    assert!(
        html.contains("<leptos-island data-component=\"BuyBox"),
        "the buy box must be an island"
    );
    assert!(html.contains("/pkg/delguur.wasm"), "an island page loads the WASM");
    for variant in ["Цөцгий", "Бор", "Саарал", "89,000₮", "92,000₮"] {
        assert!(html.contains(variant), "{variant} missing");
    }
    assert!(html.contains("Дууссан"), "the sold-out grey scarf must say so");
    assert!(html.contains(" disabled"), "a sold-out variant cannot be chosen");
}

async fn unknown_product_answers_404_in_the_shoppers_language(engine: Engine) {
    let app = spawn_app(engine).await;

    let (status, html) = app.get_html("/products/no-such-thing").await;
    assert_eq!(status, 404);
    assert!(html.contains("Хуудас олдсонгүй"));

    let (status, html) = app.get_html_in("en", "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
}

async fn english_is_chosen_by_the_language_switch_and_remembered(engine: Engine) {
    let app = spawn_app(engine).await;

    let response = app.get("/lang/en?next=/products/aaruul").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/products/aaruul");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let (_, html) = app.get_html_in("en", "/products/aaruul").await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Aaruul (dried curd)"));

    let response = app.get("/lang/en?next=//evil.example").await;
    assert_eq!(response.headers()["location"], "/", "never redirect off the site");
    for sneaky in ["/%09/evil.example", "/%0A", "/%5C%5Cevil.example"] {
        let response = app.get(&format!("/lang/en?next={sneaky}")).await;
        assert_eq!(
            (
                response.status().as_u16(),
                response.headers()["location"].to_str().unwrap()
            ),
            (303, "/"),
            "{sneaky}"
        );
    }
    assert_eq!(app.get("/lang/fr").await.status(), 400);
}

/// Serves the built site in `target/site` (`make build` or `cargo leptos build` makes it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_are_compressed_and_cached() {
    let app = spawn_app(Engine::Sqlite).await;
    assert!(
        std::path::Path::new("target/site/pkg/delguur.wasm").is_file(),
        "target/site is missing: run `make build` (cargo leptos build) before the integration tests"
    );

    let response = app
        .client
        .get(app.url("/images/products/placeholder.svg"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(response.headers()["cache-control"], "public, max-age=86400");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");

    let response = app
        .client
        .get(app.url("/pkg/delguur.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/wasm");
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
}

async fn the_list_filters_by_category_and_name_and_sorts_by_price(engine: Engine) {
    let app = spawn_app(engine).await;
    let cards = |html: &str| html.matches("data-test=\"product-card\"").count();

    let (status, food) = app.get_html("/?category=food").await;
    assert_eq!(status, 200);
    assert_eq!(cards(&food), 6);
    assert!(
        food.contains("href=\"/?category=food\" aria-current=\"page\""),
        "the chosen category is marked"
    );

    let (_, found) = app.get_html("/?q=%D0%B0%D0%B0%D1%80%D1%83%D1%83%D0%BB").await;
    assert_eq!(cards(&found), 1, "lowercase Cyrillic finds Ааруул");
    assert!(found.contains("href=\"/products/aaruul\""));

    let (_, cheapest_first) = app.get_html("/?sort=price-asc").await;
    let first_card = cheapest_first.find("data-test=\"product-card\"").unwrap();
    assert!(
        cheapest_first[first_card..].find("4,500₮").unwrap() < 1200,
        "khuushuur spice, 4,500₮, comes first"
    );

    let (_, none) = app.get_html("/?q=zzzz").await;
    assert!(none.contains("data-test=\"no-products\""));
    let (status, _) = app.get_html("/?page=999&sort=bogus").await;
    assert_eq!(status, 200, "odd parameters are not an error");
}

/// A release site (`make release`): names hashed by content, listed in `hash.txt`, and a brotli copy beside each
/// file. The real binary is started on a made-up site of that shape, because Leptos reads its site settings from the
/// process environment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_site_is_linked_by_hashed_names_sent_precompressed_and_cached_for_a_year() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(site.path().join("hash.txt"), "js: Js-1\nwasm: Wasm_2\ncss: Css3\n").unwrap();
    std::fs::write(pkg.join("delguur.Js-1.js"), "export default function init() {}").unwrap();
    std::fs::write(pkg.join("delguur.Css3.css"), "body { margin: 0 }").unwrap();
    let wasm = b"\0asm\x01\0\0\0 the module";
    let brotli = b"made at build time";
    std::fs::write(pkg.join("delguur.Wasm_2.wasm"), wasm).unwrap();
    std::fs::write(pkg.join("delguur.Wasm_2.wasm.br"), brotli).unwrap();
    let database = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/shop.db", database.path().display());
    let site_root = site.path().display().to_string();
    let shop = crate::process::ShopProcess::start(&url, &[("LEPTOS_SITE_ROOT", &site_root)]).await;
    // This client decompresses nothing (no reqwest compression features), so bytes are compared as sent.
    let http = reqwest::Client::new();

    let page = http
        .get(format!("{}/products/honey", shop.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200, "{}", shop.output());
    let html = page.text().await.unwrap();
    assert!(
        html.contains("href=\"/pkg/delguur.Css3.css\""),
        "the hashed stylesheet: {html}"
    );
    assert!(html.contains("/pkg/delguur.Js-1.js"), "the hashed script");
    assert!(html.contains("/pkg/delguur.Wasm_2.wasm"), "the hashed module");
    assert!(!html.contains("/pkg/delguur.css"), "no plain names");

    let get = |encoding: &'static str| {
        http.get(format!("{}/pkg/delguur.Wasm_2.wasm", shop.address))
            .header("accept-encoding", encoding)
            .send()
    };
    let compressed = get("br, gzip").await.unwrap();
    assert_eq!(compressed.status(), 200);
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.headers()["content-type"], "application/wasm");
    assert_eq!(
        compressed.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(compressed.headers()["vary"], "accept-encoding");
    assert_eq!(
        compressed.bytes().await.unwrap().as_ref(),
        brotli,
        "the build's copy, as it is"
    );
    let plain = get("identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), wasm);
}

/// `make bench`'s baseline: a page's bytes kept from its first rendering, only when `BENCH_BASELINE` asks for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_benchmark_baseline_serves_a_pages_first_rendering_only_when_asked() {
    let app = spawn_app(Engine::Sqlite).await;
    assert_eq!(
        app.get("/_baseline/products/honey").await.status(),
        404,
        "off by default"
    );

    let app = crate::helpers::spawn_quick(Engine::Sqlite, &[("BENCH_BASELINE", "true")]).await;
    let (status, first) = app.get_html("/_baseline/products/honey").await;
    assert_eq!(status, 200);
    assert!(first.contains("Зөгийн бал"), "the product page: {first}");
    sqlx::query("UPDATE products SET name_mn = 'Шинэ нэр' WHERE slug = 'honey'")
        .execute(app.db.pool())
        .await
        .unwrap();
    tokio::time::sleep(delguur::catalog::service::FRESH_FOR).await;
    let (_, kept) = app.get_html("/_baseline/products/honey").await;
    assert_eq!(kept, first, "the same bytes, not rendered again");
    let (_, page) = app.get_html("/products/honey").await;
    assert!(page.contains("Шинэ нэр"), "the page itself is rendered each time");
    let (status, home) = app.get_html("/_baseline?category=food").await;
    assert_eq!(status, 200);
    assert!(home.contains("data-test=\"product-card\""));
    assert_eq!(app.get("/_baseline/products/no-such-thing").await.status(), 404);
}

/// Catalog pages for visitors without a session are kept for `FRESH_FOR` (catalog/page_cache.rs): each answer has a
/// nonce of its own, and anyone with a session gets the page rendered for them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_without_a_session_gets_a_kept_page_with_a_nonce_of_its_own() {
    let app = spawn_app(Engine::Sqlite).await;
    let visitor = reqwest::Client::new();
    let read = |client: &reqwest::Client| {
        let request = client.get(app.url("/products/honey")).send();
        async move {
            let reply = request.await.unwrap();
            assert_eq!(reply.status(), 200);
            let policy = reply.headers()["content-security-policy"].to_str().unwrap().to_owned();
            let nonce = policy
                .split("'nonce-")
                .nth(1)
                .unwrap()
                .split('\'')
                .next()
                .unwrap()
                .to_owned();
            (nonce, reply.text().await.unwrap())
        }
    };
    let rendered = std::time::Instant::now();
    let (first_nonce, first) = read(&visitor).await;
    sqlx::query("UPDATE products SET name_mn = 'Шинэ нэр' WHERE slug = 'honey'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (nonce, kept) = read(&visitor).await;

    assert_ne!(nonce, first_nonce, "a nonce of its own");
    assert!(
        kept.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry it: {kept}"
    );
    assert!(!kept.contains(&first_nonce), "and not the kept one");
    if rendered.elapsed() < delguur::catalog::service::FRESH_FOR {
        assert_eq!(kept, first.replace(&first_nonce, &nonce), "otherwise the kept page");
    }

    // A shopper with a cart has a session: the page is rendered for them, with their cart.
    let add = form_action_in(&first, "add_to_cart").unwrap();
    let variant: i64 = sqlx::query_scalar("SELECT id FROM variants WHERE sku = 'honey-1'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    app.post_form(&add, &[("variant_id", variant.to_string()), ("quantity", "1".into())])
        .await;
    let (_, theirs) = read(&app.client).await;
    assert!(theirs.contains("data-test=\"cart-count\""), "their cart: {theirs}");
    let (_, others) = read(&visitor).await;
    assert!(!others.contains("cart-count"), "never anyone else's");

    tokio::time::sleep(delguur::catalog::service::FRESH_FOR).await;
    let (_, later) = read(&visitor).await;
    assert!(later.contains("Шинэ нэр"), "rendered again once kept long enough");

    // A session cookie spelled so that only the session layer reads it (`%2E` for the dot) gets the page rendered
    // with that session, which is never kept for visitors.
    tokio::time::sleep(delguur::catalog::service::FRESH_FOR).await;
    let shopper = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let added = shopper
        .post(app.url(&add))
        .header("accept", "text/html")
        .form(&[("variant_id", variant.to_string()), ("quantity", "2".into())])
        .send()
        .await
        .unwrap();
    let session = added.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let spelled = session.replacen("delguur.sid", "delguur%2Esid", 1);
    let theirs = shopper
        .get(app.url("/products/honey"))
        .header("cookie", &spelled)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        theirs.contains("data-test=\"cart-count\""),
        "the session layer read it: {theirs}"
    );
    let (_, others) = read(&visitor).await;
    assert!(!others.contains("cart-count"), "and it was not kept for anyone else");
}
