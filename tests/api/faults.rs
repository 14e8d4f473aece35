//! The fault-injection suite: money a shopper paid ends as a paid order exactly once, whatever QPay's callbacks,
//! QPay itself or our own process do. Each scenario prints what it proved.

use futures::StreamExt;
use serde_json::json;
use std::{collections::HashSet, time::Instant};

use crate::{
    helpers::{CallbackRecorder, Engine, TestApp, TestDatabase, eventually, spawn_quick},
    orders::{count, events, order_with_invoice, outbox_of, pay_quietly, payments, place, state, stock_up},
    process::{ShopProcess, standalone_emulator},
};
use delguur::{db::Db, payment::invoice::InvoiceOutcome};

crate::on_both_engines!(
    two_hundred_duplicate_callbacks_pay_once_take_stock_once_and_tell_the_owner_once,
    three_hundred_orders_with_a_third_of_callbacks_lost_are_all_settled_once,
    a_hundred_checkouts_while_a_fifth_of_qpay_calls_fail_end_in_no_wrong_state,
    tokens_expiring_mid_run_are_invisible_to_shoppers,
    a_shop_killed_during_a_burst_of_callbacks_settles_every_payment_once_after_restart,
);

const SECONDS: std::time::Duration = std::time::Duration::from_secs(1);

/// Every order: one move to paid in the payment log and one recorded payment.
pub async fn assert_paid_exactly_once(app: &TestApp, orders: &[String]) {
    for order_no in orders {
        assert_eq!(state(app, order_no).await.0, "paid", "{order_no}");
        assert_eq!(events(app, order_no, "state").await, 1, "{order_no}: one transition");
        let recorded = count(
            app,
            "SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.order_no = $1",
            order_no,
        )
        .await;
        assert_eq!(recorded, 1, "{order_no}: one payment row");
    }
}

/// How many of `orders` are paid.
pub async fn paid_count(db: &Db, orders: &[String]) -> usize {
    let paid: Vec<String> = sqlx::query_scalar("SELECT order_no FROM orders WHERE payment_state = 'paid'")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let paid: HashSet<String> = paid.into_iter().collect();
    orders.iter().filter(|order_no| paid.contains(*order_no)).count()
}

async fn two_hundred_duplicate_callbacks_pay_once_take_stock_once_and_tell_the_owner_once(engine: Engine) {
    let owner = CallbackRecorder::start(&[]).await;
    let app = spawn_quick(engine, &[("OWNER_WEBHOOK_URL", owner.url.as_str())]).await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, token, invoice_id) = order_with_invoice(&app, "k1").await;
    let payment_id = pay_quietly(&app, &invoice_id).await;

    let started = Instant::now();
    let url = app.url(&format!(
        "/qpay/callback/{order_no}?token={token}&qpay_payment_id={payment_id}"
    ));
    let answers: Vec<String> = futures::stream::iter(0..200)
        .map(|_| {
            let (client, url) = (app.client.clone(), url.clone());
            async move { client.get(url).send().await.unwrap().text().await.unwrap() }
        })
        .buffer_unordered(200)
        .collect()
        .await;
    let answered = started.elapsed();
    assert!(answers.iter().all(|answer| answer == "SUCCESS"));
    eventually(10 * SECONDS, "the owner is told", || async {
        outbox_of(&app, &order_no).await == [("notify_owner".to_owned(), "done".to_owned())]
    })
    .await;
    tokio::time::sleep(SECONDS).await;

    assert_paid_exactly_once(&app, std::slice::from_ref(&order_no)).await;
    assert_eq!(
        app.stock_of("aaruul-1").await,
        before - 2,
        "one stock decrement, at checkout"
    );
    assert_eq!(events(&app, &order_no, "callback").await, 200);
    assert_eq!(owner.received().len(), 1, "one message to the owner");
    println!(
        "200 duplicate callbacks: answered in {answered:.2?}; 1 paid transition, 1 payment row, stock {before} -> {}, \
         1 outbox message, {} webhook call",
        before - 2,
        owner.received().len()
    );
}

async fn three_hundred_orders_with_a_third_of_callbacks_lost_are_all_settled_once(engine: Engine) {
    let app = spawn_quick(
        engine,
        &[("RECONCILE_SCHEDULE", "1s,2s,4s"), ("RECONCILE_MAX_PER_MINUTE", "1000")],
    )
    .await;
    stock_up(&app.db).await;
    app.sandbox_control("/settings", json!({"callback": {"drop_rate": 0.3}}))
        .await;
    let service = payments(&app);

    let started = Instant::now();
    let orders: Vec<String> = futures::stream::iter(0..300)
        .map(|i| {
            let (app, service) = (&app, &service);
            async move {
                let order_no = place(app, &format!("k{i}")).await;
                assert_eq!(service.ensure_invoice(&order_no).await.unwrap(), InvoiceOutcome::Ready);
                crate::orders::pay(app, &order_no).await;
                order_no
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    let placed_and_paid = started.elapsed();
    eventually(60 * SECONDS, "every paid order is settled", || async {
        paid_count(&app.db, &orders).await == orders.len()
    })
    .await;
    let settled = started.elapsed();

    assert_paid_exactly_once(&app, &orders).await;
    let counters = app.sandbox_counters().await;
    let dropped = counters["callbacks_dropped"].as_u64().unwrap();
    let mut by_reconciler = 0;
    for order_no in &orders {
        if events(&app, order_no, "callback").await == 0 {
            by_reconciler += 1;
        }
    }
    assert_eq!(
        by_reconciler, dropped,
        "every order whose callback was lost was settled by the reconciler"
    );
    assert!(
        (60..=120).contains(&dropped),
        "about 30% of 300 callbacks lost: {dropped}"
    );
    println!(
        "300 orders, {dropped} callbacks lost: {} settled by callback, {by_reconciler} by the reconciler, none twice; \
         placed and paid in {placed_and_paid:.2?}, all settled {settled:.2?} after the first order",
        300 - by_reconciler
    );
}

async fn a_hundred_checkouts_while_a_fifth_of_qpay_calls_fail_end_in_no_wrong_state(engine: Engine) {
    let app = spawn_quick(
        engine,
        &[
            ("RECONCILE_SCHEDULE", "1s,2s,3s,4s,5s,6s"),
            ("RECONCILE_MAX_PER_MINUTE", "1000"),
            ("QPAY_TIMEOUT", "300ms"),
        ],
    )
    .await;
    stock_up(&app.db).await;
    // About 20% of QPay calls fail, in three ways: SYSTEM_BUSY, 429, and no answer in time.
    for fault in [
        json!({"status": 500, "error": "SYSTEM_BUSY", "rate": 0.07}),
        json!({"status": 429, "error": "TOO_MANY_REQUESTS", "rate": 0.07}),
        json!({"latency_ms": 600, "rate": 0.07}),
    ] {
        app.sandbox_control("/faults", fault).await;
    }
    let service = payments(&app);

    let started = Instant::now();
    let (mut paid_orders, mut unbilled, mut shopper_retries) = (Vec::new(), Vec::new(), 0);
    for i in 0..100 {
        let order_no = place(&app, &format!("k{i}")).await;
        // The shopper presses "try again" up to four times when the pay page says QPay failed.
        let mut outcome = service.ensure_invoice(&order_no).await.unwrap();
        for _ in 0..4 {
            if outcome == InvoiceOutcome::Ready {
                break;
            }
            shopper_retries += 1;
            outcome = service.ensure_invoice(&order_no).await.unwrap();
        }
        if outcome != InvoiceOutcome::Ready {
            unbilled.push(order_no);
            continue;
        }
        crate::orders::pay(&app, &order_no).await;
        paid_orders.push(order_no);
    }
    eventually(60 * SECONDS, "every paid invoice ends paid", || async {
        paid_count(&app.db, &paid_orders).await == paid_orders.len()
    })
    .await;
    let settled = started.elapsed();

    assert_paid_exactly_once(&app, &paid_orders).await;
    for order_no in &unbilled {
        assert_eq!(
            state(&app, order_no).await,
            ("awaiting".to_owned(), 0),
            "no invoice, no payment: still waiting"
        );
    }
    let wrongly_paid: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE payment_state <> 'awaiting'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(wrongly_paid as usize, paid_orders.len(), "only paid invoices moved");
    let counters = app.sandbox_counters().await;
    let failed_checks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events WHERE kind = 'check_failed'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    println!(
        "100 checkouts with {} QPay faults injected: {} paid and settled once, {} without an invoice still awaiting, \
         {shopper_retries} shopper retries, {failed_checks} failed checks retried; all settled in {settled:.2?}",
        counters["faults_injected"],
        paid_orders.len(),
        unbilled.len()
    );
}

async fn tokens_expiring_mid_run_are_invisible_to_shoppers(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    stock_up(&app.db).await;
    let service = payments(&app);
    let mut orders = Vec::new();
    for i in 0..40 {
        if i == 20 {
            app.sandbox_control("/tokens/expire", json!({})).await;
        }
        let order_no = place(&app, &format!("k{i}")).await;
        assert_eq!(
            service.ensure_invoice(&order_no).await.unwrap(),
            InvoiceOutcome::Ready,
            "order {i}: no failure a shopper could see"
        );
        crate::orders::pay(&app, &order_no).await;
        orders.push(order_no);
    }
    eventually(10 * SECONDS, "every order paid", || async {
        paid_count(&app.db, &orders).await == orders.len()
    })
    .await;
    assert_paid_exactly_once(&app, &orders).await;
    let counters = app.sandbox_counters().await;
    let tokens = counters["tokens_issued"].as_u64().unwrap() + counters["tokens_refreshed"].as_u64().unwrap();
    // One client (the server's own services make the invoices and settle): its first token and a new one after
    // the expiry.
    assert!(
        tokens >= 2,
        "the shop's client got a new token after they expired: {counters}"
    );
    println!("tokens expired after 20 of 40 orders: 40 invoices, 40 paid, {tokens} tokens issued or refreshed");
}

async fn a_shop_killed_during_a_burst_of_callbacks_settles_every_payment_once_after_restart(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let emulator = standalone_emulator().await;
    let qpay_base = format!("{emulator}/v2");
    let vars = [
        ("QPAY_MODE", "sandbox"),
        ("QPAY_BASE_URL", qpay_base.as_str()),
        ("WORKER_TICK", "100ms"),
        ("RECONCILE_MIN_GAP", "200ms"),
        ("RECONCILE_SCHEDULE", "1s,2s,4s,8s,16s"),
        ("RECONCILE_MAX_PER_MINUTE", "1000"),
        ("QPAY_TIMEOUT", "1s"),
    ];
    let mut shop = ShopProcess::start(&database.url, &vars).await;
    let (app, service) = shop.attach(database, &vars).await;
    let db = app.db.clone();
    stock_up(&db).await;
    let http = reqwest::Client::new();
    // Each callback arrives three times at once: a burst.
    http.post(format!("{emulator}/_control/settings"))
        .json(&json!({"callback": {"copies": 3}}))
        .send()
        .await
        .unwrap();

    // Orders are placed and paid one after another; the shop is killed after 30, with callbacks in flight, and the
    // other 30 are paid while it is down (their callbacks find nobody).
    let started = Instant::now();
    let mut orders = Vec::new();
    for i in 0..60 {
        if i == 30 {
            shop.kill();
        }
        let order_no = place(&app, &format!("k{i}")).await;
        assert_eq!(service.ensure_invoice(&order_no).await.unwrap(), InvoiceOutcome::Ready);
        let invoice_id = crate::orders::token_and_invoice(&app, &order_no).await.1;
        let paid = http
            .post(format!("{emulator}/_control/pay"))
            .json(&json!({"invoice_id": invoice_id}))
            .send()
            .await
            .unwrap();
        assert!(paid.status().is_success());
        orders.push(order_no);
    }
    let paid_before_restart = paid_count(&db, &orders).await;
    shop.restart().await;
    let restarted = Instant::now();
    eventually(30 * SECONDS, "every paid invoice settled after the restart", || async {
        paid_count(&db, &orders).await == orders.len()
    })
    .await;
    let settled_after = restarted.elapsed();
    // A message the killed process had taken is taken again when its lease (15 s) runs out.
    eventually(30 * SECONDS, "every owner message delivered", || async {
        let delivered: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'notify_owner' AND state = 'done'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        delivered == 60
    })
    .await;

    assert_paid_exactly_once(&app, &orders).await;
    let counters: serde_json::Value = http
        .get(format!("{emulator}/_control/counters"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!shop.output().contains("panicked"), "{}", shop.output());
    println!(
        "SIGKILL after 30 of 60 payments ({} callback calls, {} answered SUCCESS): {paid_before_restart} paid before \
         the restart, all 60 paid once {settled_after:.2?} after it; {:.2?} in all; 60 owner messages",
        counters["callbacks_sent"],
        counters["callbacks_succeeded"],
        started.elapsed()
    );
}
