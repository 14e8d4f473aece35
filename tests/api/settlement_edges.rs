//! Edges of settling found in review: refunds while QPay's invoice still takes money, flags a move did not resolve, one
//! rounding rule for an order and its payments, rows in another currency, an invoice made while its order ended, and
//! stock released while checkouts take the same variants.

use delguur::{
    domain::refund::RefundRefusal,
    payment::{
        invoice::InvoiceOutcome,
        refund::{RefundError, RefundRequest},
    },
    qpay::InvoiceStatus,
};
use serde_json::json;
use std::time::Duration;

use crate::{
    admin::OWNER,
    helpers::{Engine, TestApp, eventually, spawn_quick},
    orders::{events, order_with_invoice, payments, place, state},
    refunds::refunded_and_flag,
    shop::{line, pickup_customer},
};

crate::on_both_engines!(
    a_refund_waits_until_qpay_has_closed_the_invoice,
    paying_in_full_clears_only_the_flag_it_resolves,
    fractional_payments_refunded_in_full_refund_the_order_in_full,
    a_payment_in_another_currency_does_not_count,
    an_invoice_made_while_its_order_was_cancelled_is_cancelled_at_qpay,
    an_invoice_made_while_its_order_expired_is_cancelled_at_qpay,
    releases_and_checkouts_of_the_same_variants_never_deadlock,
);

mod postgres_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_release_waits_for_a_checkout_holding_its_first_variant_instead_of_deadlocking() {
        // SQLite has one writer at a time: only PostgreSQL locks rows, so only it can deadlock on them.
        match crate::helpers::Engine::postgres_or_fail_in_ci() {
            Some(engine) => super::a_release_waits_for_a_checkout_holding_its_first_variant(engine).await,
            None => eprintln!("skipped: TEST_DATABASE_URL is not set"),
        }
    }
}

async fn pay_part(app: &TestApp, invoice_id: &str, amount: serde_json::Value) -> String {
    app.sandbox_control("/settings", json!({"callback": {"drop": true}}))
        .await;
    let paid = app
        .sandbox_control("/pay", json!({"invoice_id": invoice_id, "amount": amount}))
        .await;
    paid["payment_id"].as_str().unwrap().to_owned()
}

fn manual_refund<'a>(order_no: &'a str, payment_id: &'a str, amount: i64) -> RefundRequest<'a> {
    RefundRequest {
        order_no,
        qpay_payment_id: payment_id,
        amount,
        note: "returned by bank transfer",
        actor: OWNER,
    }
}

/// Point 2: an expired order whose invoice QPay has not cancelled still takes money, so nothing is refunded until
/// QPay confirms it closed; the rest paid then makes it paid in full, not paid and refunded in part.
async fn a_refund_waits_until_qpay_has_closed_the_invoice(engine: Engine) {
    let app = spawn_quick(
        engine,
        &[
            ("QPAY_ALLOW_PARTIAL", "true"),
            ("INVOICE_LIFETIME", "1500ms"),
            ("RECONCILE_SCHEDULE", "500ms"),
        ],
    )
    .await;
    // QPay refuses every cancel for now: the invoice stays open there after the order expires here.
    let refuse_cancels =
        json!({"path_prefix": "/v2/invoice/", "method": "DELETE", "status": 500, "error": "SYSTEM_BUSY"});
    app.sandbox_control("/faults", refuse_cancels).await;
    let (order_no, _, invoice_id) = order_with_invoice(&app, "k1").await;
    let part = pay_part(&app, &invoice_id, json!(10_000)).await;
    payments(&app).settle(&order_no, "test").await.unwrap();
    eventually(Duration::from_secs(8), "the order expires", || async {
        state(&app, &order_no).await.0 == "expired"
    })
    .await;
    assert!(events(&app, &order_no, "state").await >= 2);

    let refused = payments(&app).refund(&manual_refund(&order_no, &part, 10_000)).await;
    assert!(
        matches!(refused, Err(RefundError::Refused(RefundRefusal::InvoiceStillOpen))),
        "{refused:?}"
    );
    assert_eq!(app.row_count("refunds").await, 0, "nothing recorded");

    // The shopper pays the rest into the invoice QPay still holds open.
    app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
    payments(&app).settle(&order_no, "test").await.unwrap();
    assert_eq!(state(&app, &order_no).await, ("paid".to_owned(), 25_000));
    assert_eq!(
        refunded_and_flag(&app, &order_no).await,
        (0, None),
        "paid in full, nothing short: the part-paid flag is resolved"
    );
}

/// Point 2: a move clears only the flag it resolves; money that completes an order part of which was refunded
/// (as the old guard allowed) is flagged, not cleared.
async fn paying_in_full_clears_only_the_flag_it_resolves(engine: Engine) {
    let app = spawn_quick(engine, &[("QPAY_ALLOW_PARTIAL", "true"), ("RECONCILE_SCHEDULE", "1m")]).await;
    let (flagged, _, invoice_id) = order_with_invoice(&app, "k1").await;
    let reason = "E-barimt: QPay's answer was lost";
    sqlx::query("UPDATE orders SET attention = $1 WHERE order_no = $2")
        .bind(reason)
        .bind(&flagged)
        .execute(app.db.pool())
        .await
        .unwrap();
    pay_part(&app, &invoice_id, json!(25_000)).await;
    payments(&app).settle(&flagged, "test").await.unwrap();
    assert_eq!(state(&app, &flagged).await.0, "paid");
    assert_eq!(
        refunded_and_flag(&app, &flagged).await.1.as_deref(),
        Some(reason),
        "not the payment's to clear"
    );

    let (refunded, _, invoice_id) = order_with_invoice(&app, "k2").await;
    pay_part(&app, &invoice_id, json!(10_000)).await;
    payments(&app).settle(&refunded, "test").await.unwrap();
    sqlx::query("UPDATE orders SET refunded_mnt = 10000 WHERE order_no = $1")
        .bind(&refunded)
        .execute(app.db.pool())
        .await
        .unwrap();
    app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
    payments(&app).settle(&refunded, "test").await.unwrap();
    assert_eq!(state(&app, &refunded).await.0, "paid");
    let flag = refunded_and_flag(&app, &refunded).await.1.unwrap_or_default();
    assert!(flag.starts_with("Paid, but 10,000₮ of it was refunded"), "{flag}");
}

/// Point 5: each payment is worth its whole tögrög and the order's paid amount is their sum, so refunding every
/// payment in full refunds the order in full (its stock comes back); the exact sum decides that it is paid.
async fn fractional_payments_refunded_in_full_refund_the_order_in_full(engine: Engine) {
    let app = spawn_quick(engine, &[("QPAY_ALLOW_PARTIAL", "true"), ("RECONCILE_SCHEDULE", "1m")]).await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, _, invoice_id) = order_with_invoice(&app, "k1").await;
    let first = pay_part(&app, &invoice_id, json!("12500.50")).await;
    let second = pay_part(&app, &invoice_id, json!("12499.50")).await;
    payments(&app).settle(&order_no, "test").await.unwrap();
    assert_eq!(
        state(&app, &order_no).await,
        ("paid".to_owned(), 24_999),
        "25,000.00 paid exactly: paid; recorded as each payment's whole tögrög"
    );
    let amounts: Vec<i64> = sqlx::query_scalar("SELECT amount_mnt FROM payments ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(amounts, [12_500, 12_499]);

    for (payment, amount) in [(&first, 12_500), (&second, 12_499)] {
        payments(&app)
            .refund(&manual_refund(&order_no, payment, amount))
            .await
            .unwrap();
    }
    assert_eq!(refunded_and_flag(&app, &order_no).await, (24_999, None));
    assert_eq!(
        app.stock_of("aaruul-1").await,
        before,
        "refunded in full before shipping: stock back"
    );
    assert_eq!(events(&app, &order_no, "stock").await, 1);
}

/// Point 6: a row QPay lists in another currency is not the shopper's payment of a tögrög invoice.
async fn a_payment_in_another_currency_does_not_count(engine: Engine) {
    let app = spawn_quick(engine, &[("RECONCILE_SCHEDULE", "1m")]).await;
    let (order_no, _, _) = order_with_invoice(&app, "k1").await;
    let row = json!({
        "payment_id": "912213777662363", "payment_status": "PAID", "payment_amount": "25000.00",
        "trx_fee": "0.00", "payment_currency": "USD", "payment_wallet": "qPay wallet", "payment_type": "P2P",
        "p2p_transactions": []
    });
    let answer = json!({"count": 1, "paid_amount": 25000, "rows": [row]}).to_string();
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "status": 200, "body": answer, "count": 1}),
    )
    .await;
    payments(&app).settle(&order_no, "test").await.unwrap();
    assert_eq!(state(&app, &order_no).await, ("awaiting".to_owned(), 0));
    assert_eq!(app.row_count("payments").await, 0);
    assert_eq!(events(&app, &order_no, "foreign_currency").await, 1);
    let flag = refunded_and_flag(&app, &order_no).await.1.unwrap_or_default();
    assert!(
        flag.contains("25000.00 USD is not in tögrög"),
        "the owner is told: {flag}"
    );
}

/// Point 7: the order ends while QPay is making its invoice; once stored, the invoice is cancelled at QPay.
async fn invoice_made_while_the_order_ends(app: &TestApp, end: impl AsyncFnOnce(&str) -> bool) {
    let order_no = place(app, "k1").await;
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/invoice", "method": "POST", "latency_ms": 1500, "count": 1}),
    )
    .await;
    let making = tokio::spawn({
        let (payments, order_no) = (payments(app), order_no.clone());
        async move { payments.ensure_invoice(&order_no).await }
    });
    eventually(Duration::from_secs(5), "the invoice claimed", || async {
        app.row_count("qpay_invoices").await == 1
    })
    .await;
    assert!(end(&order_no).await, "the order ends while QPay makes its invoice");
    assert_eq!(making.await.unwrap().unwrap(), InvoiceOutcome::Ready);

    let (_, invoice_id) = crate::orders::token_and_invoice(app, &order_no).await;
    // Cancelled at QPay, then recorded here (read after QPay's answer, so the two are awaited together).
    eventually(
        Duration::from_secs(10),
        "the invoice cancelled at QPay and here",
        || async {
            let invoice = payments(app).qpay().get_invoice(&invoice_id).await.unwrap();
            let stored: String = sqlx::query_scalar("SELECT state FROM qpay_invoices")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
            invoice.invoice_status == InvoiceStatus::Canceled && stored == "cancelled"
        },
    )
    .await;
}

async fn an_invoice_made_while_its_order_was_cancelled_is_cancelled_at_qpay(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    invoice_made_while_the_order_ends(&app, async |order_no| {
        payments(&app).cancel_unpaid(order_no, OWNER).await.unwrap()
    })
    .await;
}

async fn an_invoice_made_while_its_order_expired_is_cancelled_at_qpay(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    invoice_made_while_the_order_ends(&app, async |order_no| {
        payments(&app).expire_unbilled(order_no).await.unwrap()
    })
    .await;
}

/// Point 8b: releases (cancels) and checkouts of the same two variants at once, many times, on a table whose rows
/// have moved about: each takes the variants in id order, so none waits for another in a circle.
async fn releases_and_checkouts_of_the_same_variants_never_deadlock(engine: Engine) {
    let app = spawn_quick(engine, &[("RECONCILE_SCHEDULE", "1m")]).await;
    sqlx::query("UPDATE variants SET stock = 100000 WHERE sku IN ('aaruul-1', 'honey-1')")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (aaruul, honey) = (app.variant_id("aaruul-1").await, app.variant_id("honey-1").await);
    let customer = pickup_customer();
    let mut placed = Vec::new();
    for i in 0..40 {
        let lines = [line(aaruul, 1), line(honey, 1)];
        placed.push(
            app.place_order(&format!("first-{i}"), None, &customer, &lines)
                .await
                .unwrap(),
        );
    }
    let releases = placed.iter().map(|order| {
        let (payments, order_no) = (payments(&app), order.order_no.to_string());
        tokio::spawn(async move { payments.cancel_unpaid(&order_no, OWNER).await })
    });
    let checkouts = (0..40).map(|i| {
        let checkout = app.services.checkout.clone();
        let customer = customer.clone();
        tokio::spawn(async move {
            let lines = [line(honey, 1), line(aaruul, 1)];
            let request = delguur::checkout::service::PlaceOrder {
                idempotency_key: &format!("second-{i}"),
                session_id: None,
                customer: &customer,
                lines: &lines,
                lang: delguur::i18n::Lang::Mn,
                placed_from: None,
                discount_code: None,
                pay_method: delguur::domain::pay_method::PayMethod::Qpay,
                made_by: None,
            };
            checkout.place_order(&request).await.map(|_| ())
        })
    });
    let (releases, checkouts) = futures::future::join(
        futures::future::join_all(releases),
        futures::future::join_all(checkouts),
    )
    .await;
    for released in releases {
        assert!(released.unwrap().unwrap(), "every cancel went through");
    }
    for checkout in checkouts {
        checkout.unwrap().unwrap();
    }
    assert_eq!(app.stock_of("aaruul-1").await, 100_000 - 40);
    assert_eq!(app.stock_of("honey-1").await, 100_000 - 40);
}

/// Point 8b, step by step: a checkout has taken the lower variant (checkouts take variants in id order) when a
/// release of an order with both starts. The release must wait for that variant before it takes the other; taking
/// the rows in the order the table is read (the lower variant's row moved behind the other by an update) would hold
/// the higher one and deadlock with the checkout's next step.
async fn a_release_waits_for_a_checkout_holding_its_first_variant(engine: Engine) {
    let app = spawn_quick(engine, &[("RECONCILE_SCHEDULE", "1m")]).await;
    let mut ids = [app.variant_id("aaruul-1").await, app.variant_id("honey-1").await];
    ids.sort();
    let [low, high] = ids;
    let lines = [line(low, 1), line(high, 1)];
    let order = app.place_order("k1", None, &pickup_customer(), &lines).await.unwrap();
    // Its row written again, the lower variant is read after the higher one by a scan of the table.
    sqlx::query("UPDATE variants SET stock = stock + 0 WHERE id = $1")
        .bind(low)
        .execute(app.db.pool())
        .await
        .unwrap();

    let take = "UPDATE variants SET stock = stock - 1 WHERE id = $1";
    let mut checkout = app.db.begin_write().await.unwrap();
    sqlx::query(take).bind(low).execute(&mut *checkout).await.unwrap();
    let release = tokio::spawn({
        let (payments, order_no) = (payments(&app), order.order_no.to_string());
        async move { payments.cancel_unpaid(&order_no, OWNER).await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second = sqlx::query(take).bind(high).execute(&mut *checkout).await;
    assert!(second.is_ok(), "the checkout's second variant: {second:?}");
    checkout.commit().await.unwrap();
    assert!(
        release.await.unwrap().unwrap(),
        "the release went through after the checkout"
    );
}
