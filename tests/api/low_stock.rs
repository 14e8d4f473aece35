//! Stock running low (issue #22): a variant's level set by the owner, the owner told once per crossing through the
//! outbox (an order, or the owner's own edit, that takes the stock from above the level to at or below it), the
//! product list's mark, the landing page's box, and "only N left" on the product page while the owner wants it.

use std::time::Duration;

use crate::{
    admin::signed_in_shop,
    helpers::{Engine, TestApp, eventually, server_fn_path},
    shop::{line, pickup_customer},
};

crate::on_both_engines!(a_crossing_tells_the_owner_once_and_the_admin_shows_what_runs_low);

/// The owner's low-stock messages written so far (SMS: one per crossing).
async fn low_stock_texts(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind LIKE 'low_stock:%:sms' AND order_id IS NULL")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Posts a form to the server function `name`; returns where it leads.
async fn save(app: &TestApp, name: &str, form: &[(&str, &str)]) -> String {
    let reply = app.post_form(&server_fn_path(name), form).await;
    assert_eq!(reply.status().as_u16() / 100, 3, "{name} answers with a redirect");
    reply.headers()["location"].to_str().unwrap().to_owned()
}

/// Saves the variant as the owner's form does: its stock `shown` when the form was opened, the new `stock` and
/// its `level` (empty: the shop's).
async fn edit_variant(app: &TestApp, variant_id: i64, shown: i64, stock: i64, level: &str) {
    let (product_id, name_mn, name_en, price): (i64, String, String, i64) =
        sqlx::query_as("SELECT product_id, name_mn, name_en, price_mnt FROM variants WHERE id = $1")
            .bind(variant_id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let (product, variant, price) = (product_id.to_string(), variant_id.to_string(), price.to_string());
    let (shown, stock) = (shown.to_string(), stock.to_string());
    let form = [
        ("product_id", product.as_str()),
        ("variant_id", variant.as_str()),
        ("sku", "aaruul-1"),
        ("name_mn", name_mn.as_str()),
        ("name_en", name_en.as_str()),
        ("price", price.as_str()),
        ("stock", stock.as_str()),
        ("stock_shown", shown.as_str()),
        ("low_stock", level),
    ];
    assert_eq!(
        save(app, "admin_save_variant", &form).await,
        format!("/admin/products/{product}")
    );
}

async fn order(app: &TestApp, key: &str, variant_id: i64, quantity: i64) {
    app.place_order(key, None, &pickup_customer(), &[line(variant_id, quantity)])
        .await
        .unwrap();
}

async fn a_crossing_tells_the_owner_once_and_the_admin_shows_what_runs_low(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    // Plenty of everything: nothing runs low, and the landing page has no box.
    sqlx::query("UPDATE variants SET stock = 100")
        .execute(app.db.pool())
        .await
        .unwrap();
    let variant = app.variant_id("aaruul-1").await;
    let (product_id, slug): (i64, String) =
        sqlx::query_as("SELECT p.id, p.slug FROM products p JOIN variants v ON v.product_id = p.id WHERE v.id = $1")
            .bind(variant)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(!app.get_html("/admin").await.1.contains("data-test=\"running-low\""));
    assert!(
        !app.get_html("/admin/products")
            .await
            .1
            .contains("data-test=\"low-stock\"")
    );

    // The owner sets the variant's level: 10 left, low at 5. Coming down from 100 crosses nothing yet.
    edit_variant(&app, variant, 100, 10, "5").await;
    let level: Option<i64> = sqlx::query_scalar("SELECT low_stock FROM variants WHERE id = $1")
        .bind(variant)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(level, Some(5));
    assert_eq!(low_stock_texts(&app).await, 0);

    // 10 → 8: still above. 8 → 4: crosses, one message. 4 → 3: already low, no second one.
    order(&app, "low-1", variant, 2).await;
    assert_eq!(low_stock_texts(&app).await, 0);
    order(&app, "low-2", variant, 4).await;
    assert_eq!(low_stock_texts(&app).await, 1, "the crossing order tells the owner");
    order(&app, "low-3", variant, 1).await;
    assert_eq!(
        low_stock_texts(&app).await,
        1,
        "a further order below the level does not"
    );
    assert_eq!(app.stock_of_variant(variant).await, 3);

    // The product list marks it, and the landing page lists it with a link to its product.
    let list = app.get_html("/admin/products").await.1;
    assert_eq!(list.matches("data-test=\"low-stock\"").count(), 1, "{list}");
    let landing = app.get_html("/admin").await.1;
    assert!(landing.contains("data-test=\"running-low\""), "{landing}");
    assert!(
        landing.contains(&format!("href=\"/admin/products/{product_id}\"")),
        "{landing}"
    );

    // A restock above the level re-arms it: the next crossing, by an order, tells the owner once more.
    edit_variant(&app, variant, 3, 7, "5").await;
    assert_eq!(low_stock_texts(&app).await, 1);
    assert!(!app.get_html("/admin").await.1.contains("data-test=\"running-low\""));
    order(&app, "low-4", variant, 3).await;
    assert_eq!(low_stock_texts(&app).await, 2, "a crossing after a restock");
    // The owner's own edit that takes it across counts too (above again first).
    edit_variant(&app, variant, 4, 9, "5").await;
    edit_variant(&app, variant, 9, 5, "5").await;
    assert_eq!(low_stock_texts(&app).await, 3, "the owner's edit across the level");

    // "Only N left": off by default, shown once the owner sets a threshold, gone again without it.
    let page = format!("/products/{slug}");
    assert!(!app.get_html(&page).await.1.contains("data-test=\"only-left\""));
    let settings = [("low_stock_default", "3"), ("few_left", "6")];
    assert_eq!(
        save(&app, "admin_save_stock_settings", &settings).await,
        "/admin/products"
    );
    eventually(Duration::from_secs(5), "only N left shows", || async {
        app.get_html(&page).await.1.contains("data-test=\"only-left\"")
    })
    .await;
    let settings = [("low_stock_default", "3"), ("few_left", "")];
    assert_eq!(
        save(&app, "admin_save_stock_settings", &settings).await,
        "/admin/products"
    );
    eventually(Duration::from_secs(5), "only N left goes", || async {
        !app.get_html(&page).await.1.contains("data-test=\"only-left\"")
    })
    .await;

    // A level that is not a whole number comes back beside its field, and nothing changes.
    let bad = [("low_stock_default", "-2"), ("few_left", "")];
    assert_eq!(save(&app, "admin_save_stock_settings", &bad).await, "/admin/products");
    let html = app.get_html("/admin/products").await.1;
    assert!(html.contains("data-test=\"error-low_stock_default\""), "{html}");
}
