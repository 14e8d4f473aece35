//! The day's check of QPay's payment list (issue #22): QPay's `payment/list` for a day, read one page per call, held
//! against the shop's record. A payment whose callback and every check were lost is settled through the one
//! settlement path, once; a payment for an invoice the shop never made is reported to the owner and never settled;
//! the emulator's list answers with SPEC.md §4.4's row, in pages, between two dates.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::{
    admin::signed_in_shop,
    helpers::{Engine, TestApp, server_fn_path, spawn_quick},
    orders::{order_with_invoice, outbox_count, paid_order, pay_quietly, payments, state},
    qpay_sandbox::Sandbox,
};
use delguur::domain::{Mnt, qpay_day::FindingKind};

crate::on_both_engines!(
    a_payment_whose_callback_and_checks_were_lost_is_settled_by_the_day_s_check_once,
    a_payment_for_an_invoice_the_shop_never_made_is_reported_and_not_settled,
    the_day_is_read_one_page_per_call,
);

/// No reconciler check falls within a test: only the day's check asks QPay about an order.
const NO_RECONCILER: [(&str, &str); 1] = [("RECONCILE_SCHEDULE", "1h")];
const OWNER: &str = "owner@shop.mn";

/// Today in Ulaanbaatar, the day the emulator's payments of a test are made in.
fn today() -> String {
    delguur::ub_time::day_of(delguur::db::now_ms()).unwrap()
}

async fn clear_faults(app: &TestApp) {
    let reply = app
        .client
        .delete(app.url("/qpay-sandbox/_control/faults"))
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
}

/// How many times the shop asked the emulator for a page of the list.
async fn list_calls(app: &TestApp) -> u64 {
    app.sandbox_counters().await["requests"]["POST /v2/payment/list"]
        .as_u64()
        .unwrap_or(0)
}

/// A finding as (kind, payment id, order, outcome).
type Found = (FindingKind, String, Option<String>, String);

/// The latest run of `day`: (pages, listed, matched) and its findings.
async fn report(app: &TestApp, day: &str) -> ((i64, i64, i64), Vec<Found>) {
    let (run, findings) = payments(app)
        .qpay_day_report(day)
        .await
        .unwrap()
        .expect("a run of the day");
    assert_eq!(run.error, None);
    let findings = findings
        .into_iter()
        .map(|f| (f.kind, f.payment_id, f.order_no, f.outcome))
        .collect();
    ((run.pages, run.listed, run.matched), findings)
}

async fn a_payment_whose_callback_and_checks_were_lost_is_settled_by_the_day_s_check_once(engine: Engine) {
    let app = spawn_quick(engine, &NO_RECONCILER).await;
    let (order_no, _, invoice_id) = order_with_invoice(&app, "lost").await;
    // The callback is lost, and so is every check (a fault on payment/check until cleared).
    app.sandbox_control("/faults", json!({"path_prefix": "/v2/payment/check", "status": 503}))
        .await;
    let payment_id = pay_quietly(&app, &invoice_id).await;
    assert!(
        payments(&app).settle(&order_no, "check now").await.is_err(),
        "the check was lost"
    );
    assert_eq!(state(&app, &order_no).await, ("awaiting".to_owned(), 0));
    clear_faults(&app).await;

    let day = today();
    let run = payments(&app).check_qpay_day(&day, OWNER).await.unwrap();
    assert!(run.is_some());
    assert_eq!(state(&app, &order_no).await, ("paid".to_owned(), 25_000));
    assert_eq!(
        outbox_count(&app, &order_no, "notify_owner").await,
        1,
        "the owner told once"
    );
    let settled_by_the_check: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM payment_events e JOIN orders o ON o.id = e.order_id \
         WHERE o.order_no = $1 AND e.kind = 'checked' AND e.detail LIKE 'QPay day check:%'",
    )
    .bind(&order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        settled_by_the_check, 1,
        "through the one settlement path, with its payment/check"
    );
    let (counts, findings) = report(&app, &day).await;
    assert_eq!(counts, (1, 1, 0));
    assert_eq!(
        findings,
        [(
            FindingKind::Recovered,
            payment_id.clone(),
            Some(order_no.clone()),
            "paid".to_owned()
        )]
    );

    // Run again: the payment now agrees, and nothing changes.
    payments(&app).check_qpay_day(&day, OWNER).await.unwrap();
    assert_eq!(state(&app, &order_no).await, ("paid".to_owned(), 25_000));
    assert_eq!(outbox_count(&app, &order_no, "notify_owner").await, 1);
    assert_eq!(app.row_count("payments").await, 1);
    assert_eq!(report(&app, &day).await, ((1, 1, 1), vec![]));

    // The daily job's run of a day is taken once, whoever asks.
    assert!(payments(&app).check_qpay_day(&day, "daily").await.unwrap().is_some());
    assert_eq!(payments(&app).check_qpay_day(&day, "daily").await.unwrap(), None);
}

/// Run from the owner's page, as the owner does: the finding is on the report, in the owner's money.
async fn a_payment_for_an_invoice_the_shop_never_made_is_reported_and_not_settled(engine: Engine) {
    let app = signed_in_shop(engine, &NO_RECONCILER).await;
    let (order_no, _, _) = order_with_invoice(&app, "unpaid").await;
    let other = app
        .sandbox_control("/other_payment", json!({"amount": "12500.00"}))
        .await;
    let payment_id = other["payment_id"].as_str().unwrap().to_owned();

    let day = today();
    let reply = app
        .post_form(&server_fn_path("admin_check_qpay_day"), &[("day", day.as_str())])
        .await;
    assert_eq!(reply.headers()["location"], format!("/admin/payments/check?day={day}"));
    let (status, page) = app.get_html(&format!("/admin/payments/check?day={day}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-test=\"qpay-check\""), "{page}");
    assert!(page.contains("data-test=\"qpay-unknown-payment\""), "{page}");
    assert!(page.contains(&payment_id) && page.contains("12,500₮"), "{page}");
    assert!(!page.contains("data-test=\"qpay-missing\"") && !page.contains("data-test=\"qpay-mismatch\""));

    let (counts, findings) = report(&app, &day).await;
    assert_eq!(counts, (1, 1, 0));
    assert_eq!(findings, [(FindingKind::Unknown, payment_id, None, String::new())]);
    let (_, stored) = payments(&app).qpay_day_report(&day).await.unwrap().unwrap();
    assert_eq!(stored[0].qpay_amount(), Some(Mnt::new(12_500).unwrap()));
    assert_eq!(app.row_count("payments").await, 0, "never settled");
    assert_eq!(state(&app, &order_no).await.0, "awaiting");

    // The sales report of today says so too, with the way to the check.
    let (status, html) = app.get_html("/admin/reports?period=today").await;
    assert_eq!(status, 200);
    let summary = |attribute: &str| crate::reports::values(&html, "report-qpay-checks", attribute);
    assert_eq!(
        (
            summary("data-checked"),
            summary("data-flagged"),
            summary("data-recovered")
        ),
        (vec!["1".to_owned()], vec!["1".to_owned()], vec!["0".to_owned()])
    );
    assert!(html.contains("href=\"/admin/payments/check\""));
}

async fn the_day_is_read_one_page_per_call(engine: Engine) {
    let app = spawn_quick(engine, &NO_RECONCILER).await;
    // Three payments: two of the shop's orders, paid and called back as usual, and one it never made.
    for key in ["page-1", "page-2"] {
        paid_order(&app, key).await;
    }
    app.sandbox_control("/other_payment", json!({"amount": 5000})).await;

    let before = list_calls(&app).await;
    let run = payments(&app)
        .check_qpay_day_in_pages(&today(), OWNER, 1)
        .await
        .unwrap();
    assert!(run.is_some());
    assert_eq!(list_calls(&app).await - before, 3, "one call per page of one row");
    let (counts, findings) = report(&app, &today()).await;
    assert_eq!(counts, (3, 3, 2), "every row seen, the shop's two matched");
    let kinds: Vec<FindingKind> = findings.iter().map(|f| f.0).collect();
    assert_eq!(kinds, [FindingKind::Unknown]);
}

/// The emulator's list has SPEC.md §4.4's fields with QPay's types, counts every row and pages them, and takes
/// `start_date`/`end_date` (there is no captured answer to compare with: SPEC.md §4.4 has its field table only).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_lists_payments_with_spec_fields_in_pages_between_dates() {
    let sandbox = Sandbox::start().await;
    for amount in [100, 250] {
        let (status, _) = sandbox.control("/other_payment", json!({"amount": amount})).await;
        assert_eq!(status, 200);
    }
    let list = |page: u32, extra: Value| {
        let mut body = json!({"object_type": "INVOICE", "object_id": "TEST_INVOICE",
                              "offset": {"page_number": page, "page_limit": 1}});
        for (key, value) in extra.as_object().cloned().unwrap_or_default() {
            body[key] = value;
        }
        body
    };
    let (status, first) = sandbox.post("/v2/payment/list", list(1, json!({}))).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["count"], 2, "count is every row");
    let rows = first["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "rows are the page");
    let keys: BTreeSet<&str> = rows[0].as_object().unwrap().keys().map(String::as_str).collect();
    let spec: BTreeSet<&str> = [
        "payment_id",
        "payment_date",
        "payment_status",
        "payment_fee",
        "payment_amount",
        "payment_currency",
        "payment_wallet",
        "payment_name",
        "payment_description",
        "qr_code",
        "paid_by",
        "object_type",
        "object_id",
    ]
    .into();
    assert_eq!(keys, spec);
    // Row amounts are strings (SPEC.md §4.1), the payment id too; paid_by is P2P or CARD.
    assert_eq!(rows[0]["payment_amount"], "100.00");
    assert!(rows[0]["payment_fee"].is_string() && rows[0]["payment_id"].is_string());
    assert_eq!(rows[0]["paid_by"], "P2P");
    assert_eq!(rows[0]["object_type"], "INVOICE");
    let (_, second) = sandbox.post("/v2/payment/list", list(2, json!({}))).await;
    assert_eq!(second["rows"][0]["payment_amount"], "250.00");
    assert_ne!(second["rows"][0]["payment_id"], rows[0]["payment_id"]);

    // Between two dates (Ulaanbaatar time): today's are listed, none before today.
    let today = today();
    let whole_day = json!({"start_date": format!("{today} 00:00:00"), "end_date": format!("{today} 23:59:59")});
    let (_, listed) = sandbox.post("/v2/payment/list", list(1, whole_day)).await;
    assert_eq!(listed["count"], 2);
    let before = json!({"start_date": "2020-01-01 00:00:00", "end_date": "2020-01-01 23:59:59"});
    let (_, none) = sandbox.post("/v2/payment/list", list(1, before)).await;
    assert_eq!(none, json!({"count": 0, "rows": []}));
    let (status, _) = sandbox
        .post("/v2/payment/list", list(1, json!({"start_date": "yesterday"})))
        .await;
    assert_eq!(status, 400);
    // MERCHANT needs the merchant id from the token; the invoice code is refused (SPEC.md §10.14).
    let merchant = json!({"object_type": "MERCHANT", "object_id": "TEST_INVOICE",
                          "offset": {"page_number": 1, "page_limit": 10}});
    assert_eq!(sandbox.post("/v2/payment/list", merchant).await.0, 401);
}
