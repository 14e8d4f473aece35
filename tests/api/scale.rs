//! The made-up large shop `make bench` measures (`delguur seed-scale`, `db/seed/scale.rs`), at a small size on both
//! engines: what it writes goes through the repositories, so the shop's pages read it as their own (the catalog, a
//! product, the owner's list and CSV, the report with its fees).

use crate::{
    helpers::{Engine, TestApp},
    reports::values,
};
use delguur::db::seed::scale::{Scale, Seeded, seed_scale};

crate::on_both_engines!(the_seeded_large_shop_is_read_by_every_page_as_the_shop_s_own);

const SCALE: Scale = Scale {
    categories: 3,
    products: 30,
    orders: 300,
    // Every order inside the report's last 30 days.
    days: 20,
};

async fn seeded(engine: Engine) -> TestApp {
    let app = crate::admin::signed_in_shop(engine, &[]).await;
    let seeded = seed_scale(&app.db, SCALE, delguur::db::now_ms()).await.unwrap();
    assert_eq!(
        seeded,
        Seeded {
            categories: 3,
            products: 30,
            // One product in three has three sizes.
            variants: 20 + 10 * 3,
            orders: 300,
            paid: 270,
        }
    );
    app
}

async fn the_seeded_large_shop_is_read_by_every_page_as_the_shop_s_own(engine: Engine) {
    let app = seeded(engine).await;
    let (status, category) = app.get_html("/?category=scale-1").await;
    assert_eq!(status, 200);
    assert!(category.contains("/products/scale-product-1\""), "{category}");
    let (status, product) = app.get_html("/products/scale-product-0").await;
    assert_eq!(status, 200);
    assert!(product.contains("Улаан цамц 1"), "{product}");

    let (status, report) = app.get_html("/admin/reports?period=30d").await;
    assert_eq!(status, 200, "{report}");
    let value = |test: &str| values(&report, test, "data-value").remove(0);
    assert_eq!(value("report-orders"), "270", "the paid nine in ten");
    let revenue: i64 = value("report-revenue").parse().unwrap();
    let paid: i64 = sqlx::query_scalar("SELECT CAST(SUM(paid_mnt) AS BIGINT) FROM orders WHERE payment_state = 'paid'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(revenue, paid);
    assert_eq!(
        value("report-fees"),
        revenue.to_string(),
        "a 1% fee in hundredths is the revenue in tögrög"
    );

    let (status, list) = app.get_html("/admin?payment=paid&fulfilment=all").await;
    assert_eq!(status, 200);
    assert!(list.contains("data-test=\"order-row\""), "{list}");
    let csv = app
        .get("/admin/orders.csv?payment=all&fulfilment=all")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 1 + 300, "a header and every order");
}
