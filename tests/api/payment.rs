//! Settling orders: QPay's callback is only a trigger; the order is paid only when QPay's payment check says the
//! whole total was paid, and it moves forward exactly once however many callbacks arrive.

use crate::{
    helpers::{Engine, TestApp, form_action_in, spawn_app},
    orders::{callback, order_with_invoice, pay_quietly, payments, place_over_http, state, view_key},
};
use delguur::payment::invoice::InvoiceOutcome;
use serde_json::json;

crate::on_both_engines!(
    forged_callbacks_leave_the_order_unpaid,
    a_payment_below_the_total_does_not_make_the_order_paid,
    a_claim_left_by_a_dead_process_is_taken_over,
);

async fn forged_callbacks_leave_the_order_unpaid(engine: Engine) {
    let app = spawn_app(engine).await;
    let (unpaid_no, unpaid_token, _) = order_with_invoice(&app, "k1").await;
    let (order_no, token, invoice_id) = order_with_invoice(&app, "k2").await;

    callback(&app, &unpaid_no, &unpaid_token, "123456789012345").await;
    assert_eq!(
        state(&app, &unpaid_no).await.0,
        "awaiting",
        "a callback for an unpaid invoice changes nothing"
    );

    let payment_id = pay_quietly(&app, &invoice_id).await;
    callback(&app, &order_no, "wrong-token", &payment_id).await;
    callback(&app, &order_no, &unpaid_token, &payment_id).await;
    callback(&app, &order_no, "", &payment_id).await;
    assert_eq!(
        state(&app, &order_no).await.0,
        "awaiting",
        "no callback with a wrong token settles the order"
    );
    callback(&app, "ZZZZZZZZ", &token, &payment_id).await;

    callback(&app, &order_no, &token, "forged").await;
    assert_eq!(
        state(&app, &order_no).await.0,
        "paid",
        "the right token makes us ask QPay, whatever the payment id says"
    );
}

async fn a_payment_below_the_total_does_not_make_the_order_paid(engine: Engine) {
    let app = spawn_app(engine).await;
    let (order_no, token, _) = order_with_invoice(&app, "k1").await;
    // QPay's answer, as a partial payment of 100₮ of the 25,000₮ would look (SPEC.md §4.1).
    let answer = json!({"count": 1, "paid_amount": 100, "rows": [{"payment_id": "019276866891878", "payment_status": "PAID",
        "payment_amount": "100.00", "trx_fee": "1.00", "payment_currency": "MNT", "payment_type": "P2P"}]});
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "status": 200, "body": answer.to_string(), "count": 1}),
    )
    .await;

    callback(&app, &order_no, &token, "019276866891878").await;

    assert_eq!(state(&app, &order_no).await, ("partially-paid".to_owned(), 100));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_qpay_fails_the_order_waits_and_try_again_reuses_it() {
    let app = spawn_app(Engine::Sqlite).await;
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/invoice", "method": "POST", "status": 500, "error": "SYSTEM_BUSY", "count": 1}),
    )
    .await;

    let order_page = place_over_http(&app).await;

    let (status, html) = app.get_html(&order_page).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-status=\"awaiting\""));
    assert!(html.contains("QPay-тэй холбогдож чадсангүй"), "a clear message: {html}");
    assert!(!html.contains("data-test=\"qr\""));
    let retry = form_action_in(&html, "retry_invoice").unwrap();
    let order_no = order_page.trim_start_matches("/orders/");
    let reply = app.post_form(&retry, &[("order_no", order_no), ("key", "")]).await;
    assert_eq!(reply.headers()["location"], order_page.as_str());

    let (_, html) = app.get_html(&order_page).await;
    assert!(html.contains("data-test=\"qr\""), "the same order now has its invoice");
    assert!(html.matches("data-test=\"bank-link\"").count() >= 10);
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let invoices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM qpay_invoices")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!((orders, invoices), (1, 1));
    let counters = app.sandbox_counters().await;
    assert_eq!(
        counters["requests"]["POST /v2/invoice"], 2,
        "one failed attempt, one retry; never a blind repeat"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_now_asks_qpay_at_most_once_per_ten_seconds() {
    let app = spawn_app(Engine::Sqlite).await;
    let order_page = place_over_http(&app).await;
    let check = app.form_action(&order_page, "check_payment_now").await;
    let order_no = order_page.trim_start_matches("/orders/").to_owned();
    let checks = || async {
        let counters = app.sandbox_counters().await;
        counters["requests"]["POST /v2/payment/check"].as_u64().unwrap_or(0)
    };

    for _ in 0..3 {
        let reply = press(&app, &check, &order_no).await;
        assert_eq!(reply.headers()["location"], order_page.as_str());
    }

    assert_eq!(checks().await, 1, "three presses, one question to QPay");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_a_check_fails_the_page_says_so_and_the_next_check_settles() {
    let app = spawn_app(Engine::Sqlite).await;
    let order_page = place_over_http(&app).await;
    let order_no = order_page.trim_start_matches("/orders/").to_owned();
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "status": 500, "error": "SYSTEM_BUSY", "count": 3}),
    )
    .await;
    let check = app.form_action(&order_page, "check_payment_now").await;
    press(&app, &check, &order_no).await;

    let (_, html) = app.get_html(&order_page).await;
    assert!(html.contains("data-test=\"check-failed\""), "the shopper is told");
    assert!(html.contains("QPay-ээс төлбөрийг шалгаж чадсангүй"));
    assert_eq!(state(&app, &order_no).await.0, "awaiting", "nothing marked wrongly");

    payments(&app).settle(&order_no, "test").await.unwrap();
    let (_, html) = app.get_html(&order_page).await;
    assert!(!html.contains("data-test=\"check-failed\""), "a good check clears it");
}

async fn a_claim_left_by_a_dead_process_is_taken_over(engine: Engine) {
    let app = spawn_app(engine).await;
    let (order_no, _, _) = order_with_invoice(&app, "k1").await;
    let order_id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // As if a process claimed the invoice and died before storing it.
    sqlx::query("UPDATE qpay_invoices SET state = 'creating', invoice_id = NULL, created_at = $2 WHERE order_id = $1")
        .bind(order_id)
        .bind(delguur::db::now_ms())
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        payments(&app).ensure_invoice(&order_no).await.unwrap(),
        InvoiceOutcome::Pending,
        "a fresh claim is respected"
    );
    let (_, html) = app
        .get_html(&format!("/orders/{order_no}?key={}", view_key(&app, &order_no).await))
        .await;
    assert!(
        html.contains("Нэхэмжлэл бэлдэж байна"),
        "the page says the invoice is on its way: {html}"
    );

    sqlx::query("UPDATE qpay_invoices SET created_at = 0 WHERE order_id = $1")
        .bind(order_id)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        payments(&app).ensure_invoice(&order_no).await.unwrap(),
        InvoiceOutcome::Ready,
        "a stale claim is taken over"
    );
    let state: String = sqlx::query_scalar("SELECT state FROM qpay_invoices WHERE order_id = $1")
        .bind(order_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(state, "open");
}

/// Presses an order page's button (a plain form post of the order number) as a browser without JavaScript does.
async fn press(app: &TestApp, action: &str, order_no: &str) -> reqwest::Response {
    app.post_form(action, &[("order_no", order_no), ("key", "")]).await
}
