//! Two app instances (the real binary, twice) on one PostgreSQL database behind no load balancer but the test itself:
//! what one instance starts the other can finish, and nothing is done twice or lost when one of them dies.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    middleware::{self, Next},
    response::Response,
};
use futures::StreamExt;
use serde_json::json;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::{
    faults::{assert_paid_exactly_once, paid_count},
    helpers::{Engine, TestApp, TestDatabase, eventually, form_action_in, test_config},
    orders::{place, stock_up, token_and_invoice},
    process::ShopProcess,
};
use delguur::{
    db::Db,
    payment::invoice::{InvoiceOutcome, PaymentService},
    qpay::{ClientOptions, QpayClient},
    qpay_sandbox::{self, SandboxConfig, SharedSandbox},
};

const SECONDS: Duration = Duration::from_secs(1);
const OWNER: &str = "owner@shop.mn";
const PASSWORD: &str = "two-instances-2026";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgresql_share_sessions_settle_once_and_lose_nothing_when_one_dies() {
    let Some(engine) = Engine::postgres() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set (several instances share PostgreSQL)");
        return;
    };
    run(engine).await;
}

/// What the QPay emulator saw of `payment/check`: how often two checks of one invoice were in flight at once, and
/// how many checks came with each access token (each instance has its own).
#[derive(Default)]
struct CheckWatch {
    in_flight: HashMap<String, u32>,
    overlaps: u64,
    by_token: HashMap<String, u64>,
}

type Watch = Arc<Mutex<CheckWatch>>;

async fn watch_checks(State(watch): State<Watch>, request: Request, next: Next) -> Response {
    if !request.uri().path().ends_with("/v2/payment/check") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, 1 << 20).await.unwrap_or_default();
    let object: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let invoice = object["object_id"].as_str().unwrap_or_default().to_owned();
    let token = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    {
        let mut watch = watch.lock().unwrap();
        let running = watch.in_flight.entry(invoice.clone()).or_default();
        *running += 1;
        if *running > 1 {
            watch.overlaps += 1;
        }
        *watch.by_token.entry(token).or_default() += 1;
    }
    let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    *watch.lock().unwrap().in_flight.get_mut(&invoice).unwrap() -= 1;
    response
}

/// The emulator on a port of its own, watched; returns its base URL.
async fn watched_emulator(watch: Watch) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = SharedSandbox::new(SandboxConfig {
        public_base: base.clone(),
        client_id: "TEST_MERCHANT".into(),
        client_secret: "123456".into(),
        invoice_code: "TEST_INVOICE".into(),
    });
    let app = qpay_sandbox::router(sandbox).layer(middleware::from_fn_with_state(watch, watch_checks));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

async fn control(http: &reqwest::Client, emulator: &str, path: &str, body: serde_json::Value) -> serde_json::Value {
    let reply = http
        .post(format!("{emulator}/_control{path}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success(), "{path}");
    reply.json().await.unwrap()
}

/// Places `count` orders with invoices and, when `paid`, pays them in the emulator (which calls nobody back);
/// returns each order number with its QPay payment id.
async fn orders(
    app: &TestApp,
    service: &PaymentService,
    emulator: &str,
    prefix: &str,
    count: usize,
    paid: bool,
) -> Vec<(String, String)> {
    let http = reqwest::Client::new();
    let mut orders = Vec::new();
    for i in 0..count {
        let order_no = place(app, &format!("{prefix}{i}")).await;
        assert_eq!(service.ensure_invoice(&order_no).await.unwrap(), InvoiceOutcome::Ready);
        let mut payment_id = String::new();
        if paid {
            let invoice_id = token_and_invoice(app, &order_no).await.1;
            let payment = control(&http, emulator, "/pay", json!({"invoice_id": invoice_id})).await;
            payment_id = payment["payment_id"].as_str().unwrap().to_owned();
        }
        orders.push((order_no, payment_id));
    }
    orders
}

fn numbers(orders: &[(String, String)]) -> Vec<String> {
    orders.iter().map(|(order_no, _)| order_no.clone()).collect()
}

async fn run(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let watch = Watch::default();
    let emulator = watched_emulator(watch.clone()).await;
    let qpay_base = format!("{emulator}/v2");
    let vars = [
        ("QPAY_MODE", "sandbox"),
        ("QPAY_BASE_URL", qpay_base.as_str()),
        ("WORKER_TICK", "100ms"),
        ("RECONCILE_MIN_GAP", "300ms"),
        ("RECONCILE_SCHEDULE", "1s,2s,3s"),
        ("RECONCILE_MAX_PER_MINUTE", "100000"),
        ("QPAY_TIMEOUT", "2s"),
        ("ADMIN_EMAIL", OWNER),
        ("ADMIN_PASSWORD", PASSWORD),
    ];
    let mut first = ShopProcess::start(&database.url, &vars).await;
    let second = ShopProcess::start(&database.url, &vars).await;
    let port: u16 = first.address.rsplit(':').next().unwrap().parse().unwrap();
    let config = test_config(&database.url, port, &vars);
    let db = Db::connect(&config.database_url).await.unwrap();
    stock_up(&db).await;
    let service = PaymentService::new(
        db.clone(),
        QpayClient::new(&config.qpay, ClientOptions::default()).unwrap(),
        first.address.clone(),
        config.payments.clone(),
    );
    let app = TestApp::attached(db.clone(), config, database);
    let http = reqwest::Client::new();

    // A session made on one instance is the same session on the other: the owner signs in on the first and reads
    // the orders on the second; a cart filled on the first is the cart on the second.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = browser
        .get(format!("{}/admin/login", first.address))
        .send()
        .await
        .unwrap();
    let action = form_action_in(&login.text().await.unwrap(), "admin_sign_in").unwrap();
    let signed_in = browser
        .post(format!("{}{action}", first.address))
        .header("accept", "text/html")
        .form(&[("email", OWNER), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.headers()["location"], "/admin");
    let on_second = browser.get(format!("{}/admin", second.address)).send().await.unwrap();
    assert_eq!(on_second.status(), 200, "signed in on the second instance too");
    let product = browser
        .get(format!("{}/products/honey", first.address))
        .send()
        .await
        .unwrap();
    let add = form_action_in(&product.text().await.unwrap(), "add_to_cart").unwrap();
    let variant: i64 = sqlx::query_scalar("SELECT id FROM variants WHERE sku = 'honey-1'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    browser
        .post(format!("{}{add}", first.address))
        .header("accept", "text/html")
        .form(&[("variant_id", variant.to_string()), ("quantity", "2".into())])
        .send()
        .await
        .unwrap();
    let cart = browser.get(format!("{}/cart", second.address)).send().await.unwrap();
    assert!(
        cart.text().await.unwrap().contains("data-test=\"cart-line\""),
        "the cart is on the second instance"
    );

    // Every check waits a while in QPay, so two instances checking one invoice at once would be seen.
    control(
        &http,
        &emulator,
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "latency_ms": 150}),
    )
    .await;
    control(&http, &emulator, "/settings", json!({"callback": {"drop": true}})).await;

    // 80 paid orders whose callbacks arrive four times each, two copies at each instance, all at once.
    // First the reconcilers alone: 80 unpaid orders that both check on their schedule (1 s, 2 s, 3 s after the
    // invoice), and nothing else asks QPay meanwhile.
    let started = Instant::now();
    let unpaid = numbers(&orders(&app, &service, &emulator, "open", 80, false).await);
    eventually(20 * SECONDS, "the unpaid orders checked on schedule", || async {
        let checked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payment_events WHERE kind = 'checked' AND detail LIKE 'reconciler%'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        checked >= 3 * unpaid.len() as i64
    })
    .await;
    let reconciled = started.elapsed();
    let (overlaps, mut per_instance) = {
        let watch = watch.lock().unwrap();
        (watch.overlaps, watch.by_token.values().copied().collect::<Vec<u64>>())
    };
    per_instance.sort_unstable();
    assert_eq!(overlaps, 0, "two reconcilers checked one invoice at the same time");
    assert!(
        per_instance.len() == 2 && per_instance[0] > 0,
        "both instances checked: {per_instance:?}"
    );

    // Then 80 paid orders whose callbacks arrive four times each, two copies at each instance, all at once.
    let started = Instant::now();
    let paid_orders = orders(&app, &service, &emulator, "paid", 80, true).await;
    let mut callbacks = Vec::new();
    for (order_no, payment_id) in &paid_orders {
        let token = token_and_invoice(&app, order_no).await.0;
        for shop in [&first.address, &second.address, &first.address, &second.address] {
            callbacks.push(format!(
                "{shop}/qpay/callback/{order_no}?token={token}&qpay_payment_id={payment_id}"
            ));
        }
    }
    let paid = numbers(&paid_orders);
    let answered: Vec<bool> = futures::stream::iter(callbacks)
        .map(|url| {
            let http = http.clone();
            async move { http.get(url).send().await.is_ok_and(|r| r.status() == 200) }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(answered.iter().all(|ok| *ok), "every callback answered");
    eventually(20 * SECONDS, "every paid order settled", || async {
        paid_count(&db, &paid).await == paid.len()
    })
    .await;
    assert_paid_exactly_once(&app, &paid).await;
    let settled = started.elapsed();

    // One instance dies (SIGKILL) with 40 more payments whose callbacks never come: the other settles them all.
    let lost = numbers(&orders(&app, &service, &emulator, "lost", 40, true).await);
    first.kill();
    let killed = Instant::now();
    eventually(30 * SECONDS, "the survivor settles every payment", || async {
        paid_count(&db, &lost).await == lost.len()
    })
    .await;
    let recovered = killed.elapsed();
    assert_paid_exactly_once(&app, &lost).await;
    let all = paid.len() + lost.len();
    eventually(40 * SECONDS, "every owner message delivered once", || async {
        let delivered: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'notify_owner' AND state = 'done'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        delivered == all as i64
    })
    .await;

    for shop in [&first, &second] {
        assert!(!shop.output().contains("panicked"), "{}", shop.output());
    }
    println!(
        "two instances, one PostgreSQL: session and cart carried across; {} unpaid orders checked on schedule by \
         both reconcilers in {reconciled:.2?}: {} QPay checks, {per_instance:?} per instance, never two of one \
         invoice at once; {} paid orders x 4 callbacks split across both settled once each in {settled:.2?}; one \
         instance SIGKILLed with {} payments never called back: all settled once by the other {recovered:.2?} \
         later; {all} owner messages, once each",
        unpaid.len(),
        per_instance.iter().sum::<u64>(),
        paid.len(),
        lost.len(),
    );
}
