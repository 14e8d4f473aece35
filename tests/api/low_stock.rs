//! Stock running low (issue #22): a variant's level set by the owner, the owner told once per crossing through the
//! outbox (an order, or the owner's own edit, that takes the stock from above the level to at or below it), the
//! product list's mark, the landing page's box, and "only N left" on the product page while the owner wants it. Money
//! that comes after the order expired and takes the stock again across the level tells the owner too, and the
//! owner's alert takes no place in the SMS budget.

use std::time::Duration;

use crate::{
    admin::signed_in_shop,
    catalog_admin::save,
    helpers::{Engine, TestApp, eventually, spawn_quick},
    orders::pay_and_call_back,
    reliability::expire_with_invoice_still_payable,
    shop::{line, pickup_customer},
    sms_budget::placed_texts,
};

crate::on_both_engines!(
    a_crossing_tells_the_owner_once_and_the_admin_shows_what_runs_low,
    money_after_expiry_that_takes_the_stock_across_the_level_tells_the_owner_once,
    the_low_stock_alert_takes_no_place_in_the_sms_budget,
);

/// The phone of [`pickup_customer`], whose orders these are.
const SHOPPER: &str = "99112233";
/// The owner's phone as the owner saves it on the messages page.
const SAVED_PHONE: &str = "95001122";

/// The owner's low-stock messages written so far (SMS: one per crossing).
async fn low_stock_texts(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind LIKE 'low_stock:%:sms' AND order_id IS NULL")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Every low-stock message to the owner so far (messages of no order), oldest first, as their outbox kinds.
async fn low_stock_messages(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM outbox WHERE kind LIKE 'low_stock:%' AND order_id IS NULL ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

/// The texts the SMS budget counts, as `outbox::enqueue_limited` counts them (all written within the test's hour):
/// those written with a recipient to count them by, held ones not counted.
async fn texts_in_budget(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient IS NOT NULL AND state <> 'held'")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Sets the variant's stock and its own low-stock level as an arrangement: no stock move, so no message.
async fn set_stock(app: &TestApp, variant_id: i64, stock: i64, level: i64) {
    sqlx::query("UPDATE variants SET stock = $1, low_stock = $2 WHERE id = $3")
        .bind(stock)
        .bind(level)
        .bind(variant_id)
        .execute(app.db.pool())
        .await
        .unwrap();
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

/// Money that comes after the order expired takes the order's stock again (`orders::reserve_again`, through
/// `stock::moved_from`): a take that crosses the level tells the owner once, as a sale across it does.
async fn money_after_expiry_that_takes_the_stock_across_the_level_tells_the_owner_once(engine: Engine) {
    let app = spawn_quick(engine, &[("INVOICE_LIFETIME", "1s"), ("RECONCILE_SCHEDULE", "5s")]).await;
    let variant = app.variant_id("aaruul-1").await;
    set_stock(&app, variant, 10, 5).await;

    // Two aaruul: 10 → 8 at checkout, back to 10 when the order expires unpaid. Nothing crosses the level.
    let (order_no, _, _) = expire_with_invoice_still_payable(&app, "late").await;
    assert_eq!(app.stock_of_variant(variant).await, 10, "the stock went back at expiry");
    assert_eq!(low_stock_messages(&app).await, Vec::<String>::new());
    // Someone else bought four meanwhile: 6 left, still above the level.
    set_stock(&app, variant, 6, 5).await;

    // The shopper pays the still open invoice: the order is paid and takes its two again, 6 → 4, across the level.
    pay_and_call_back(&app, &order_no).await;
    assert_eq!(
        app.stock_of_variant(variant).await,
        4,
        "the late money took the stock again"
    );
    assert_eq!(
        low_stock_messages(&app).await,
        [
            format!("low_stock:{variant}:1:sms"),
            format!("low_stock:{variant}:1:email")
        ],
        "one SMS and one e-mail to the owner, for the one crossing"
    );
    assert_eq!(low_stock_texts(&app).await, 1);

    // Settling it again (a later check) takes nothing more and tells nobody again.
    crate::orders::payments(&app)
        .settle(&order_no, "check now")
        .await
        .unwrap();
    assert_eq!(app.stock_of_variant(variant).await, 4);
    assert_eq!(low_stock_texts(&app).await, 1);
}

/// The owner's low-stock alert is not a text a stranger can cause for free, and each needs the stock to rise above
/// the level again: it takes no place in the SMS budget (README: "Stock running low"), whether the owner's edit or
/// an order crosses the level.
async fn the_low_stock_alert_takes_no_place_in_the_sms_budget(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    // Three texts in the shop's hour.
    let budget = [
        ("owner_phone", SAVED_PHONE),
        ("sms_per_phone_day", "15"),
        ("sms_per_hour", "3"),
    ];
    assert_eq!(
        save(&app, "admin_save_message_settings", &budget).await,
        "/admin/messages"
    );
    let variant = app.variant_id("aaruul-1").await;
    set_stock(&app, variant, 10, 5).await;

    // The owner's edit takes it across, 10 → 5: the alert is written, and the budget counts what it did before.
    assert_eq!(texts_in_budget(&app).await, 0);
    edit_variant(&app, variant, 10, 5, "5").await;
    assert_eq!(low_stock_texts(&app).await, 1, "the owner is told");
    assert_eq!(texts_in_budget(&app).await, 0, "the alert is not counted");

    // Restocked above the level, then orders: 10 → 8, 8 → 4 (across: the owner told again), 4 → 3, 3 → 2.
    edit_variant(&app, variant, 5, 10, "5").await;
    order(&app, "budget-1", variant, 2).await;
    order(&app, "budget-2", variant, 4).await;
    assert_eq!(low_stock_texts(&app).await, 2, "the crossing order tells the owner");
    assert_eq!(
        texts_in_budget(&app).await,
        2,
        "the two orders' texts are counted, the alert is not"
    );
    order(&app, "budget-3", variant, 1).await;
    order(&app, "budget-4", variant, 1).await;
    // The hour's three places went to the first three orders' texts, none to the alerts: the fourth is held.
    assert_eq!(
        placed_texts(&app, SHOPPER).await,
        ["queued", "queued", "queued", "held"]
    );
    assert_eq!(low_stock_texts(&app).await, 2, "the owner was told of each crossing");
}
