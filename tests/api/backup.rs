//! Backups of a running shop, restored into a shop that works: SQLite with `delguur backup` (an online, consistent
//! copy), PostgreSQL with `pg_dump` and `pg_restore`, as docs/deploy.md tells an operator to do.

use std::process::Command;

use crate::{
    helpers::{Engine, TestApp, TestDatabase},
    orders::{place_over_http, state, token_and_invoice},
    process::ShopProcess,
};
use delguur::db::Db;
use serde_json::json;

crate::on_both_engines!(a_backup_of_a_running_shop_restores_into_a_working_shop);

const BIN: &str = env!("CARGO_BIN_EXE_delguur");

/// Places an order over HTTP and pays it in the shop's built-in emulator; returns its number once it is paid.
async fn paid_order(app: &TestApp) -> String {
    let page = place_over_http(app).await;
    let order_no = page
        .trim_start_matches("/orders/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let invoice_id = token_and_invoice(app, &order_no).await.1;
    app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
    crate::helpers::eventually(std::time::Duration::from_secs(10), "paid", || async {
        state(app, &order_no).await.0 == "paid"
    })
    .await;
    order_no
}

async fn counts(db: &Db) -> (i64, i64) {
    sqlx::query_as("SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM payments)")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn a_backup_of_a_running_shop_restores_into_a_working_shop(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let url = database.url.clone();
    let shop = ShopProcess::start(&url, &[]).await;
    let app = shop.attach(database, &[]).await.0;
    let paid = paid_order(&app).await;
    paid_order(&app).await;
    let before = counts(&app.db).await;

    // Backed up while the shop serves.
    let folder = tempfile::tempdir().unwrap();
    let restored = TestDatabase::create(&engine).await;
    match engine {
        Engine::Sqlite => {
            let file = folder.path().join("backup.db");
            let output = Command::new(BIN)
                .args(["backup", &file.display().to_string()])
                .env_clear()
                .env("DATABASE_URL", &url)
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success(),
                "{said}{}",
                String::from_utf8_lossy(&output.stderr)
            );
            println!("{said}");
            // The restore is the copy put where the new shop's database lives.
            let target = restored.url.trim_start_matches("sqlite://");
            std::fs::copy(&file, target).unwrap();
        }
        Engine::Postgres { .. } => {
            let file = folder.path().join("shop.dump");
            let dump = Command::new("pg_dump")
                .args([
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    &file.display().to_string(),
                    &url,
                ])
                .output()
                .unwrap();
            assert!(dump.status.success(), "{}", String::from_utf8_lossy(&dump.stderr));
            let restore = Command::new("pg_restore")
                .args(["--no-owner", "--dbname", &restored.url, &file.display().to_string()])
                .output()
                .unwrap();
            assert!(restore.status.success(), "{}", String::from_utf8_lossy(&restore.stderr));
            println!(
                "pg_dump: {} bytes, restored with pg_restore",
                std::fs::metadata(&file).unwrap().len()
            );
        }
    }
    drop(shop);

    // The restored shop starts on the copy, has every order and payment, and takes new orders.
    let shop = ShopProcess::start(&restored.url, &[]).await;
    let app = shop.attach(restored, &[]).await.0;
    assert_eq!(counts(&app.db).await, before, "orders and payments restored");
    assert_eq!(state(&app, &paid).await.0, "paid");
    let (status, page) = app
        .get_html(&format!(
            "/orders/{paid}?key={}",
            crate::orders::view_key(&app, &paid).await
        ))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("data-status=\"paid\""),
        "the shopper's order page reads paid"
    );
    let new = paid_order(&app).await;
    assert_eq!(
        counts(&app.db).await.0,
        before.0 + 1,
        "{new} placed and paid on the restored shop"
    );
    println!(
        "backup of a running shop: {} orders, {} payments restored; a new order paid after",
        before.0, before.1
    );
}
