//! Orders and payments arranged for a test: placed through the services or over HTTP, paid in the emulator,
//! called back, read back.

use crate::{
    helpers::{TestApp, form_action_in},
    shop::{line, pickup_customer},
};
use delguur::{
    checkout::CustomerDetails,
    payment::{invoice::InvoiceOutcome, service::PaymentService},
};
use serde_json::json;

/// An order of two aaruul (25,000₮) with its QPay invoice; returns (order_no, callback token, invoice id).
pub async fn order_with_invoice(app: &TestApp, key: &str) -> (String, String, String) {
    let (order_no, outcome) = order_trying_invoice(app, key).await;
    assert_eq!(outcome, InvoiceOutcome::Ready);
    let (token, invoice_id) = token_and_invoice(app, &order_no).await;
    (order_no, token, invoice_id)
}

/// An order of two aaruul whose invoice creation was attempted once; QPay may have failed it.
pub async fn order_trying_invoice(app: &TestApp, key: &str) -> (String, InvoiceOutcome) {
    let order_no = place(app, key).await;
    let outcome = payments(app).ensure_invoice(&order_no).await.unwrap();
    (order_no, outcome)
}

/// Places an order of two aaruul (25,000₮) through the checkout service, without an invoice yet.
pub async fn place(app: &TestApp, key: &str) -> String {
    place_for(app, key, None).await
}

/// [`place`], with whom its e-barimt receipt is for.
pub async fn place_for(app: &TestApp, key: &str, receipt: Option<delguur::domain::ebarimt::Receiver>) -> String {
    let variant = app.variant_id("aaruul-1").await;
    let customer = CustomerDetails {
        receipt,
        ..pickup_customer()
    };
    let placed = app
        .place_order(key, None, &customer, &[line(variant, 2)])
        .await
        .unwrap();
    placed.order_no.to_string()
}

/// The order's callback token and QPay invoice id.
pub async fn token_and_invoice(app: &TestApp, order_no: &str) -> (String, String) {
    sqlx::query_as(
        "SELECT o.callback_token, i.invoice_id FROM orders o JOIN qpay_invoices i ON i.order_id = o.id WHERE o.order_no = $1",
    )
    .bind(order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

/// The payment service as the server has it (same database, QPay and settings).
pub fn payments(app: &TestApp) -> PaymentService {
    app.services.payments.clone()
}

/// Pays the invoice in the emulator without letting it call us back: each test sends the callbacks it wants.
pub async fn pay_quietly(app: &TestApp, invoice_id: &str) -> String {
    app.sandbox_control("/settings", json!({"callback": {"drop": true}}))
        .await;
    let paid = app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
    paid["payment_id"].as_str().unwrap().to_owned()
}

/// Pays the order's QPay invoice in full in the emulator, sends QPay's callback for it, and waits until the order is
/// paid; the QPay payment id.
pub async fn pay_and_call_back(app: &TestApp, order_no: &str) -> String {
    let (token, invoice_id) = token_and_invoice(app, order_no).await;
    let payment_id = pay_quietly(app, &invoice_id).await;
    callback(app, order_no, &token, &payment_id).await;
    crate::helpers::eventually(std::time::Duration::from_secs(10), "the order is paid", || async {
        state(app, order_no).await.0 == "paid"
    })
    .await;
    payment_id
}

/// An order of two aaruul (25,000₮) placed with its QPay invoice and paid through the emulator
/// ([`pay_and_call_back`]); its number and QPay payment id.
pub async fn paid_order(app: &TestApp, key: &str) -> (String, String) {
    let (order_no, _, _) = order_with_invoice(app, key).await;
    let payment_id = pay_and_call_back(app, &order_no).await;
    (order_no, payment_id)
}

/// Pays the order's whole invoice in the built-in emulator, which then calls the shop back as QPay does.
pub async fn pay(app: &TestApp, order_no: &str) {
    let invoice_id = token_and_invoice(app, order_no).await.1;
    app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
}

pub async fn callback(app: &TestApp, order_no: &str, token: &str, payment_id: &str) {
    let url = app.url(&format!(
        "/qpay/callback/{order_no}?token={token}&qpay_payment_id={payment_id}"
    ));
    let reply = app.client.get(url).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.text().await.unwrap(), "SUCCESS", "QPay always gets SUCCESS");
}

pub async fn state(app: &TestApp, order_no: &str) -> (String, i64) {
    sqlx::query_as("SELECT payment_state, paid_mnt FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

pub async fn count(app: &TestApp, sql: &str, order_no: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Places an order over HTTP (cart, checkout) and returns the order page's path.
pub async fn place_over_http(app: &TestApp) -> String {
    let variant = app.variant_id("honey-1").await;
    let add = app.form_action("/products/honey", "add_to_cart").await;
    app.post_form(&add, &[("variant_id", variant.to_string()), ("quantity", "1".into())])
        .await;
    let (_, checkout) = app.get_html("/checkout").await;
    let place = form_action_in(&checkout, "place_order").unwrap();
    let key_at = checkout.find("name=\"key\" value=\"").unwrap() + 18;
    let key = &checkout[key_at..key_at + 32];
    let form = [
        ("key", key),
        ("name", "Болд"),
        ("phone", "88112233"),
        ("delivery", "pickup"),
        ("pickup_point", "1"),
    ];
    let reply = app.post_form(&place, &form).await;
    reply.headers()["location"].to_str().unwrap().to_owned()
}

pub async fn view_key(app: &TestApp, order_no: &str) -> String {
    sqlx::query_scalar("SELECT view_key FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// How many payment-log entries of `kind` the order has.
pub async fn events(app: &TestApp, order_no: &str, kind: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM payment_events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = $1 AND e.kind = $2",
    )
    .bind(order_no)
    .bind(kind)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

/// How many of the order's outbox messages are of `kind`.
pub async fn outbox_count(app: &TestApp, order_no: &str, kind: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox x JOIN orders o ON o.id = x.order_id WHERE o.order_no = $1 AND x.kind = $2",
    )
    .bind(order_no)
    .bind(kind)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

/// Waits until the order's message to the owner is delivered: what the outbox was given in the same move (a
/// receipt, a text) would have been delivered by then too.
pub async fn owner_told(app: &TestApp, order_no: &str) {
    crate::helpers::eventually(std::time::Duration::from_secs(10), "the owner told", || async {
        count(
            app,
            "SELECT COUNT(*) FROM outbox x JOIN orders o ON o.id = x.order_id \
             WHERE o.order_no = $1 AND x.kind = 'notify_owner' AND x.state = 'done'",
            order_no,
        )
        .await
            == 1
    })
    .await;
}

/// The order's outbox messages as (kind, state).
pub async fn outbox_of(app: &TestApp, order_no: &str) -> Vec<(String, String)> {
    // Messages to the shopper and the owner (`notice:…`) are checked by notices.rs.
    sqlx::query_as(
        "SELECT m.kind, m.state FROM outbox m JOIN orders o ON o.id = m.order_id WHERE o.order_no = $1 \
         AND m.kind NOT LIKE 'notice:%' ORDER BY m.id",
    )
    .bind(order_no)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

/// Plenty of aaruul, so hundreds of orders never run out.
pub async fn stock_up(db: &delguur::db::Db) {
    sqlx::query("UPDATE variants SET stock = 1000000 WHERE sku = 'aaruul-1'")
        .execute(db.pool())
        .await
        .unwrap();
}
