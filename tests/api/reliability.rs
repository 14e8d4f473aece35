//! Expiry, late money, partial payments, the outbox and the reconciler's claims, each with the background workers
//! of a real server running on a quick schedule.

use std::time::Duration;

use crate::{
    helpers::{CallbackRecorder, Engine, eventually, spawn_quick},
    orders::{
        callback, events, order_trying_invoice, order_with_invoice, outbox_of, pay_quietly, payments, state, stock_up,
        token_and_invoice,
    },
};
use delguur::{db::now_ms, payment::reconcile};
use serde_json::json;

crate::on_both_engines!(
    an_unpaid_order_expires_gives_its_stock_back_and_its_invoice_is_cancelled,
    money_after_expiry_makes_the_order_paid_and_takes_the_stock_again,
    money_after_expiry_without_stock_is_paid_and_flagged_for_the_owner,
    a_partial_payment_leaves_the_order_partially_paid_until_the_rest_comes,
    an_order_whose_invoice_was_never_made_expires,
    the_owner_is_told_once_even_when_the_webhook_fails_first,
    two_reconcilers_never_check_the_same_order,
    a_claim_takes_no_more_rows_than_asked,
);

const SECONDS: Duration = Duration::from_secs(1);

async fn an_unpaid_order_expires_gives_its_stock_back_and_its_invoice_is_cancelled(engine: Engine) {
    let app = spawn_quick(
        engine,
        &[("INVOICE_LIFETIME", "1500ms"), ("RECONCILE_SCHEDULE", "500ms")],
    )
    .await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, _, invoice_id) = order_with_invoice(&app, "k1").await;
    assert_eq!(app.stock_of("aaruul-1").await, before - 2, "reserved at checkout");

    eventually(6 * SECONDS, "the order expires", || async {
        state(&app, &order_no).await.0 == "expired"
    })
    .await;
    assert_eq!(app.stock_of("aaruul-1").await, before, "the stock went back");
    eventually(3 * SECONDS, "the QPay invoice is cancelled", || async {
        outbox_of(&app, &order_no).await == [("cancel_invoice".to_owned(), "done".to_owned())]
    })
    .await;
    let at_qpay = payments(&app).qpay().get_invoice(&invoice_id).await.unwrap();
    assert_eq!(at_qpay.invoice_status.as_str(), "CANCELED");
    let checks = events(&app, &order_no, "checked").await;
    println!(
        "expiry: {checks} QPay checks (at 500 ms and at expiry), stock {before} -> {} -> {before}",
        before - 2
    );
    assert_eq!(checks, 2, "one scheduled check, one at expiry");

    // Nothing more happens to an expired order without money.
    tokio::time::sleep(SECONDS).await;
    assert_eq!(events(&app, &order_no, "checked").await, 2);
    assert_eq!(app.stock_of("aaruul-1").await, before, "the stock went back once");
}

/// Expires the order while QPay refuses to cancel its invoice, so the shopper can still pay it (low_stock.rs pays one
/// late too).
pub async fn expire_with_invoice_still_payable(app: &crate::helpers::TestApp, key: &str) -> (String, String, String) {
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/invoice/", "method": "DELETE", "status": 500, "error": "SYSTEM_BUSY"}),
    )
    .await;
    let (order_no, token, invoice_id) = order_with_invoice(app, key).await;
    eventually(6 * SECONDS, "the order expires", || async {
        state(app, &order_no).await.0 == "expired"
    })
    .await;
    (order_no, token, invoice_id)
}

async fn money_after_expiry_makes_the_order_paid_and_takes_the_stock_again(engine: Engine) {
    let app = spawn_quick(engine, &[("INVOICE_LIFETIME", "1s"), ("RECONCILE_SCHEDULE", "5s")]).await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, token, invoice_id) = expire_with_invoice_still_payable(&app, "k1").await;
    assert_eq!(app.stock_of("aaruul-1").await, before);

    let payment_id = pay_quietly(&app, &invoice_id).await;
    callback(&app, &order_no, &token, &payment_id).await;

    assert_eq!(
        state(&app, &order_no).await,
        ("paid".to_owned(), 25_000),
        "money is never dropped"
    );
    assert_eq!(app.stock_of("aaruul-1").await, before - 2, "the stock is taken again");
    let attention: Option<String> = sqlx::query_scalar("SELECT attention FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(attention, None, "nothing for the owner to sort out");
}

async fn money_after_expiry_without_stock_is_paid_and_flagged_for_the_owner(engine: Engine) {
    let app = spawn_quick(engine, &[("INVOICE_LIFETIME", "1s"), ("RECONCILE_SCHEDULE", "5s")]).await;
    let (order_no, token, invoice_id) = expire_with_invoice_still_payable(&app, "k1").await;
    // Someone else bought the rest meanwhile.
    sqlx::query("UPDATE variants SET stock = 1 WHERE sku = 'aaruul-1'")
        .execute(app.db.pool())
        .await
        .unwrap();

    let payment_id = pay_quietly(&app, &invoice_id).await;
    callback(&app, &order_no, &token, &payment_id).await;

    assert_eq!(state(&app, &order_no).await.0, "paid");
    assert_eq!(app.stock_of("aaruul-1").await, 1, "no stock is taken that is not there");
    let (attention, reserved): (Option<String>, i64) =
        sqlx::query_as("SELECT attention, stock_reserved FROM orders WHERE order_no = $1")
            .bind(&order_no)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let attention = attention.expect("the order is flagged");
    assert!(attention.contains("stock is gone"), "{attention}");
    assert_eq!(reserved, 0);
    println!("late money without stock: paid, flagged {attention:?}");
}

async fn a_partial_payment_leaves_the_order_partially_paid_until_the_rest_comes(engine: Engine) {
    let app = spawn_quick(engine, &[("QPAY_ALLOW_PARTIAL", "true"), ("RECONCILE_SCHEDULE", "1m")]).await;
    let (order_no, token, invoice_id) = order_with_invoice(&app, "k1").await;
    app.sandbox_control("/settings", json!({"callback": {"drop": true}}))
        .await;
    let first = app
        .sandbox_control("/pay", json!({"invoice_id": invoice_id, "amount": 10_000}))
        .await;
    callback(&app, &order_no, &token, first["payment_id"].as_str().unwrap()).await;
    assert_eq!(state(&app, &order_no).await, ("partially-paid".to_owned(), 10_000));
    let view_key: String = sqlx::query_scalar("SELECT view_key FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (_, page) = app.get_html(&format!("/orders/{order_no}?key={view_key}")).await;
    assert!(page.contains("data-status=\"partially-paid\""), "the shopper sees it");
    assert!(
        outbox_of(&app, &order_no).await.is_empty(),
        "the owner is told only when paid"
    );

    let second = app
        .sandbox_control("/pay", json!({"invoice_id": invoice_id, "amount": 5_000}))
        .await;
    callback(&app, &order_no, &token, second["payment_id"].as_str().unwrap()).await;
    assert_eq!(
        state(&app, &order_no).await,
        ("partially-paid".to_owned(), 15_000),
        "a second part raises the amount paid"
    );
    let rest = app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
    callback(&app, &order_no, &token, rest["payment_id"].as_str().unwrap()).await;
    assert_eq!(state(&app, &order_no).await, ("paid".to_owned(), 25_000));
    assert_eq!(outbox_of(&app, &order_no).await.len(), 1);
}

async fn an_order_whose_invoice_was_never_made_expires(engine: Engine) {
    let app = spawn_quick(engine, &[("INVOICE_LIFETIME", "1s")]).await;
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/invoice", "method": "POST", "status": 500, "error": "SYSTEM_BUSY"}),
    )
    .await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, outcome) = order_trying_invoice(&app, "k1").await;
    assert_eq!(format!("{outcome:?}"), "Failed");
    assert_eq!(app.stock_of("aaruul-1").await, before - 2);

    eventually(5 * SECONDS, "the order expires", || async {
        state(&app, &order_no).await.0 == "expired"
    })
    .await;
    assert_eq!(app.stock_of("aaruul-1").await, before, "the stock went back");
    assert!(outbox_of(&app, &order_no).await.is_empty(), "no invoice to cancel");
}

async fn the_owner_is_told_once_even_when_the_webhook_fails_first(engine: Engine) {
    let webhook = CallbackRecorder::start_with_status(&[500]).await;
    let app = spawn_quick(engine, &[("OWNER_WEBHOOK_URL", webhook.url.as_str())]).await;
    let (order_no, token, invoice_id) = order_with_invoice(&app, "k1").await;
    let payment_id = pay_quietly(&app, &invoice_id).await;
    for _ in 0..3 {
        callback(&app, &order_no, &token, &payment_id).await;
    }

    // The first delivery gets 500; the retry comes 5 s later and succeeds.
    eventually(12 * SECONDS, "the outbox message is delivered", || async {
        outbox_of(&app, &order_no).await == [("notify_owner".to_owned(), "done".to_owned())]
    })
    .await;
    let received = webhook.received();
    assert_eq!(received.len(), 2, "one failed delivery, one retry: {received:?}");
    let body: serde_json::Value = serde_json::from_str(webhook.bodies().last().unwrap()).unwrap();
    assert_eq!(body["order_no"], order_no.as_str());
    assert_eq!(
        body["shop"]["name"], "Жишээ дэлгүүр",
        "which shop: the demo shop's name"
    );
    assert_eq!(body["total_mnt"], 25_000);
    // A pickup order (shop.rs's customer): its amounts and where it goes, as frozen when it was placed.
    assert_eq!(
        (body["items_mnt"].clone(), body["discount_mnt"].clone()),
        (25_000.into(), 0.into())
    );
    assert_eq!(body["delivery"]["fee_mnt"], 0);
    assert!(
        body["delivery"]["to"].as_str().unwrap().contains("Бага тойруу 12"),
        "{body}"
    );
    tokio::time::sleep(SECONDS).await;
    assert_eq!(webhook.received().len(), 2, "nothing is delivered after success");
}

async fn two_reconcilers_never_check_the_same_order(engine: Engine) {
    // The server's own reconciler stays out of the way: after its first look at start-up, the next is an hour away.
    let app = spawn_quick(engine, &[("WORKER_TICK", "1h")]).await;
    stock_up(&app.db).await;
    let mut orders = Vec::new();
    for i in 0..40 {
        orders.push(order_with_invoice(&app, &format!("k{i}")).await.0);
    }
    sqlx::query("UPDATE qpay_invoices SET next_check_at = $1")
        .bind(now_ms() - 1)
        .execute(app.db.pool())
        .await
        .unwrap();

    // Two reconcilers (as in two app instances) take a few at a time until nothing is due.
    let run = |service: delguur::payment::service::PaymentService| async move {
        let mut checked = 0;
        loop {
            let report = reconcile::tick(&service, 3).await.unwrap();
            if report.checked + report.failed == 0 {
                return checked;
            }
            checked += report.checked;
        }
    };
    let (a, b) = tokio::join!(run(payments(&app)), run(payments(&app)));

    println!("two reconcilers: {} + {} checks for {} due orders", a, b, orders.len());
    assert_eq!(a + b, orders.len(), "every due order checked");
    assert!(a > 0 && b > 0, "both took part");
    for order_no in &orders {
        assert_eq!(events(&app, order_no, "checked").await, 1, "{order_no} checked once");
        let (_, invoice) = token_and_invoice(&app, order_no).await;
        assert!(!invoice.is_empty());
    }
}

/// PostgreSQL may run a `LIMIT … SKIP LOCKED` subquery inside `IN (…)` more than once and so take more rows than
/// asked for, leaving the extra ones leased but never handled; the claims guard against it.
async fn a_claim_takes_no_more_rows_than_asked(engine: Engine) {
    use delguur::db::{checks, outbox};
    let app = spawn_quick(engine, &[("WORKER_TICK", "1h")]).await;
    stock_up(&app.db).await;
    let mut ids = Vec::new();
    for i in 0..6 {
        let order_no = order_with_invoice(&app, &format!("k{i}")).await.0;
        let id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE order_no = $1")
            .bind(&order_no)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        outbox::enqueue(app.db.pool(), id, outbox::MessageKind::NotifyOwner, 0)
            .await
            .unwrap();
        ids.push(id);
    }
    sqlx::query("UPDATE qpay_invoices SET next_check_at = 0")
        .execute(app.db.pool())
        .await
        .unwrap();
    let now = now_ms();

    let messages = outbox::claim_due(&app.db, now, now + 60_000, 2).await.unwrap();
    let leased: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE attempts > 0")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!((messages.len(), leased), (2, 2), "two messages asked for, two taken");

    let due = checks::claim_due(&app.db, now, now + 60_000, 3).await.unwrap();
    let leased: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM qpay_invoices WHERE next_check_at > $1")
        .bind(now)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!((due.len(), leased), (3, 3), "three checks asked for, three taken");
}
