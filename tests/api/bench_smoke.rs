//! `make bench` places its orders as a shopper does: its order step, `bench/bench.py --smoke`, runs here against a test
//! shop, so a change to checkout that would stop the benchmark at its first order fails here instead; so does its
//! reading of the pages' pictures. The script needs Debian's `python3` and nothing from pip.

use crate::helpers::{Engine, TestApp, spawn_app};

/// How many orders the smoke run places (four shoppers at once, as the bench places them).
const ORDERS: i64 = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_benchs_order_step_places_orders_the_way_a_shopper_does() {
    let app = spawn_app(Engine::Sqlite).await;
    // The bench takes the pickup point from the checkout page; one that is not 1 shows it does not assume the id.
    sqlx::query("UPDATE pickup_points SET id = 7")
        .execute(app.db.pool())
        .await
        .unwrap();

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/bench.py");
    let output = tokio::process::Command::new("python3")
        .args([script, "--smoke", "--url", app.address.as_str(), "--orders"])
        .arg(ORDERS.to_string())
        .output()
        .await
        .expect("python3 runs bench/bench.py");

    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        output.status.success(),
        "bench.py --smoke failed ({}), so `make bench` would stop at its first order:\n{stdout}{stderr}",
        output.status
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM orders WHERE delivery = 'pickup'").await,
        ORDERS,
        "{stdout}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(DISTINCT phone) FROM orders").await,
        ORDERS,
        "a phone of its own for each order, so no per-phone cap is what the bench measures"
    );
    // The settlement the bench measures next pays each order through its QPay invoice.
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM qpay_invoices WHERE invoice_id IS NOT NULL").await,
        ORDERS
    );
    // The pictures a phone downloads first, read from the pages as the bench reads them: the home's first row of
    // cards and the product page's first picture, each a file the shop serves.
    assert!(
        stdout.contains("images, first screen at 390 px ×3: home ") && stdout.contains("(2 files), product "),
        "{stdout}"
    );
    assert!(
        stdout.contains("(1 file)"),
        "the product page's first picture: {stdout}"
    );
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.db.pool()).await.unwrap()
}
