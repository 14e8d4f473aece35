//! E-barimt VAT receipts: issued once per paid payment through the outbox, for a person or a company, cancelled by a
//! full refund, and never asked for when the shop has e-barimt off.

use serde_json::json;
use std::time::Duration;

use crate::{
    admin::{OWNER, PASSWORD, quick_with_owner, sign_in},
    helpers::{Engine, TestApp, TestDatabase, eventually, notice_in, server_fn_path, spawn_app_on},
    orders::{callback, owner_told, payments, place_for, token_and_invoice},
};
use delguur::{
    domain::ebarimt::{Receiver, RegisterNo},
    qpay::Invoice,
};

crate::on_both_engines!(
    a_paid_order_gets_one_receipt_despite_duplicate_callbacks_and_a_failing_first_attempt,
    a_company_receipt_carries_its_register_number,
    a_full_refund_cancels_the_receipt,
    a_lost_answer_is_never_asked_again_until_the_owner_says_so,
    a_receipt_claimed_by_a_delivery_that_stopped_keeps_its_message_until_the_claim_is_known,
    the_owner_issues_a_given_up_receipt_again_and_cancels_it,
    with_ebarimt_off_no_receipt_is_asked_for,
    the_delivery_line_has_its_own_classification_and_vat_is_on_the_discounted_price,
);

/// E-barimt on, through Ebarimt 3.0 (the cash orders of `pay_methods.rs` too).
pub const EBARIMT_V3: [(&str, &str); 3] = [
    ("EBARIMT", "v3"),
    ("EBARIMT_DISTRICT_CODE", "3505"),
    ("EBARIMT_CLASSIFICATION_CODE", "2349010"),
];

/// An order with its invoice, paid in the emulator, which does not call back: the test sends the callbacks.
async fn paid_in_qpay(app: &TestApp, key: &str, receipt: Option<Receiver>) -> (String, String, String) {
    let order_no = place_for(app, key, receipt).await;
    payments(app).ensure_invoice(&order_no).await.unwrap();
    let (token, invoice_id) = token_and_invoice(app, &order_no).await;
    app.sandbox_control("/settings", json!({"callback": {"drop": true}}))
        .await;
    let paid = app.sandbox_control("/pay", json!({"invoice_id": invoice_id})).await;
    (order_no, token, paid["payment_id"].as_str().unwrap().to_owned())
}

/// (state, receiver type, receiver, lottery, QR data) of the order's receipts.
type Receipt = (String, String, Option<String>, Option<String>, Option<String>);

async fn receipts(app: &TestApp, order_no: &str) -> Vec<Receipt> {
    sqlx::query_as(
        "SELECT r.state, r.receiver_type, r.receiver, r.lottery, r.qr_data FROM ebarimt_receipts r \
         JOIN orders o ON o.id = r.order_id WHERE o.order_no = $1",
    )
    .bind(order_no)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

async fn wait_for_receipt(app: &TestApp, order_no: &str, state: &str) {
    eventually(Duration::from_secs(20), &format!("a receipt {state}"), || async {
        receipts(app, order_no).await.iter().any(|r| r.0 == state)
    })
    .await;
}

/// The order page as its view link opens it (the orders here are placed by the service, not by this client).
async fn order_page(app: &TestApp, order_no: &str) -> String {
    let key: String = sqlx::query_scalar("SELECT view_key FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (status, html) = app.get_html(&format!("/orders/{order_no}?key={key}")).await;
    assert_eq!(status, 200);
    html
}

async fn qpay_calls(app: &TestApp, endpoint: &str) -> u64 {
    app.sandbox_counters().await["requests"][endpoint].as_u64().unwrap_or(0)
}

async fn a_paid_order_gets_one_receipt_despite_duplicate_callbacks_and_a_failing_first_attempt(engine: Engine) {
    let app = quick_with_owner(engine, &EBARIMT_V3).await;
    // The sandbox's own failure (SPEC.md §5), once.
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/ebarimt_v3/create", "status": 500, "error": "TypeError", "count": 1}),
    )
    .await;
    let (order_no, token, payment_id) = paid_in_qpay(&app, "k1", Some(Receiver::Citizen)).await;
    let calls = (0..4).map(|_| callback(&app, &order_no, &token, &payment_id));
    futures::future::join_all(calls).await;

    wait_for_receipt(&app, &order_no, "issued").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (state, kind, receiver, lottery, qr_data) = receipts(&app, &order_no).await.remove(0);
    assert_eq!((state.as_str(), kind.as_str(), receiver), ("issued", "CITIZEN", None));
    assert_eq!(
        qpay_calls(&app, "POST /v2/ebarimt_v3/create").await,
        2,
        "the failed attempt, then the one that issued it; never a third"
    );
    let (lottery, qr_data) = (lottery.unwrap(), qr_data.unwrap());

    // The invoice told QPay what the receipt needs: VAT, the goods' classification, the VAT inside each line.
    let invoice = invoice_of(&app, &order_no).await;
    let line = &invoice.lines[0];
    assert_eq!(line.classification_code.as_deref(), Some("2349010"));
    assert_eq!(line.taxes[0].amount.to_string(), "2272.7273", "the VAT inside 25,000₮");

    let page = order_page(&app, &order_no).await;
    assert!(
        page.contains(&format!("data-test=\"ebarimt-lottery\">{lottery}<")),
        "{page}"
    );
    assert!(
        page.contains(&format!("data-qr=\"{qr_data}\"")),
        "the receipt's QR data"
    );
    assert!(page.contains("<svg"), "drawn as a QR code");
}

async fn a_company_receipt_carries_its_register_number(engine: Engine) {
    let app = quick_with_owner(engine, &EBARIMT_V3).await;
    // A product with a classification code of its own: the invoice line carries it instead of the shop's.
    sqlx::query("UPDATE products SET classification_code = '1000001' WHERE slug = 'aaruul'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let company = Receiver::Company(RegisterNo::parse("1234567").unwrap());
    let (order_no, token, payment_id) = paid_in_qpay(&app, "k1", Some(company)).await;
    let invoice = invoice_of(&app, &order_no).await;
    assert_eq!(invoice.lines[0].classification_code.as_deref(), Some("1000001"));
    callback(&app, &order_no, &token, &payment_id).await;

    wait_for_receipt(&app, &order_no, "issued").await;
    let receipt = receipts(&app, &order_no).await.remove(0);
    assert_eq!(
        (receipt.1.as_str(), receipt.2.as_deref()),
        ("COMPANY", Some("1234567")),
        "as QPay answered it"
    );
    let page = order_page(&app, &order_no).await;
    assert!(page.contains("1234567"), "the page names the company's number");
}

async fn a_full_refund_cancels_the_receipt(engine: Engine) {
    let app = quick_with_owner(engine, &EBARIMT_V3).await;
    let (order_no, token, payment_id) = paid_in_qpay(&app, "k1", Some(Receiver::Citizen)).await;
    callback(&app, &order_no, &token, &payment_id).await;
    wait_for_receipt(&app, &order_no, "issued").await;

    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    app.get("/lang/en").await;
    let form = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "25,000₮"),
        ("note", "paid back by bank transfer"),
    ];
    app.post_form(&server_fn_path("admin_refund"), &form).await;
    let (_, admin_page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert_eq!(notice_in(&admin_page), "The manual refund is recorded.");

    wait_for_receipt(&app, &order_no, "cancelled").await;
    assert_eq!(qpay_calls(&app, "DELETE /v2/ebarimt_v3/{payment_id}").await, 1);
    let page = order_page(&app, &order_no).await;
    assert!(page.contains("data-state=\"cancelled\""), "{page}");
}

/// Posts "issue the receipt again" for the order as a script would, whether the page offers it or not: the status.
pub async fn retry_posted(app: &TestApp, order_no: &str) -> reqwest::StatusCode {
    let reply = app
        .client
        .post(app.url(&server_fn_path("admin_order_action")))
        .form(&[("order_no", order_no), ("action", "ebarimt-retry")])
        .send()
        .await
        .unwrap();
    reply.status()
}

/// Posts one of the order page's action buttons as the signed-in owner.
async fn owner_action(app: &TestApp, order_no: &str, action: &str) {
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(
        page.contains(&format!("data-test=\"action-{action}\"")),
        "{action} offered: {page}"
    );
    let reply = app
        .post_form(
            &server_fn_path("admin_order_action"),
            &[("order_no", order_no), ("action", action)],
        )
        .await;
    assert_eq!(
        reply.headers()["location"],
        format!("/admin/orders/{order_no}").as_str()
    );
}

async fn the_owner_issues_a_given_up_receipt_again_and_cancels_it(engine: Engine) {
    let app = quick_with_owner(engine, &EBARIMT_V3).await;
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/ebarimt_v3/create", "status": 500, "error": "TypeError", "count": 1}),
    )
    .await;
    let (order_no, token, payment_id) = paid_in_qpay(&app, "k1", None).await;
    callback(&app, &order_no, &token, &payment_id).await;
    wait_for_receipt(&app, &order_no, "failed").await;
    // As if every retry had failed: the outbox gives up, and only the owner can have it asked again.
    sqlx::query("UPDATE outbox SET state = 'failed' WHERE kind = 'issue_receipt'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");

    owner_action(&app, &order_no, "ebarimt-retry").await;
    wait_for_receipt(&app, &order_no, "issued").await;
    assert_eq!(
        receipts(&app, &order_no).await.len(),
        1,
        "the same payment's receipt, now issued"
    );

    owner_action(&app, &order_no, "ebarimt-cancel").await;
    wait_for_receipt(&app, &order_no, "cancelled").await;
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    let said = delguur::i18n::Lang::Mn.timeline();
    assert!(
        page.contains(said.asked_ebarimt_retry) && page.contains(said.asked_ebarimt_cancel),
        "in the timeline, in the owner's words"
    );
    assert!(
        !page.contains("data-test=\"action-ebarimt-cancel\""),
        "nothing left to cancel"
    );
}

async fn a_lost_answer_is_never_asked_again_until_the_owner_says_so(engine: Engine) {
    let mut vars = vec![("QPAY_TIMEOUT", "1s")];
    vars.extend(EBARIMT_V3);
    let app = quick_with_owner(engine, &vars).await;
    // QPay issues the receipt, but its answer comes after we stopped waiting: it may or may not exist, for all the
    // shop can tell.
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/ebarimt_v3/create", "answer_delay_ms": 2500, "count": 1}),
    )
    .await;
    let (order_no, token, payment_id) = paid_in_qpay(&app, "k1", None).await;
    callback(&app, &order_no, &token, &payment_id).await;
    wait_for_receipt(&app, &order_no, "unknown").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        qpay_calls(&app, "POST /v2/ebarimt_v3/create").await,
        1,
        "not asked again: a second request could make a second receipt"
    );
    let attention: Option<String> = sqlx::query_scalar("SELECT attention FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(attention.unwrap_or_default().contains("E-barimt"), "the owner is told");

    // The owner checked QPay's portal and asks again.
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    owner_action(&app, &order_no, "ebarimt-retry").await;
    wait_for_receipt(&app, &order_no, "issued").await;
    assert_eq!(qpay_calls(&app, "POST /v2/ebarimt_v3/create").await, 2);

    // What the page does not offer, the server refuses too.
    assert_eq!(retry_posted(&app, &order_no).await, 404, "nothing left to issue");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        qpay_calls(&app, "POST /v2/ebarimt_v3/create").await,
        2,
        "and QPay is not asked"
    );
}

async fn with_ebarimt_off_no_receipt_is_asked_for(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let (order_no, token, payment_id) = paid_in_qpay(&app, "k1", None).await;
    callback(&app, &order_no, &token, &payment_id).await;
    // The owner's message goes out through the same outbox: once it is delivered, a receipt would have been too.
    owner_told(&app, &order_no).await;
    assert!(receipts(&app, &order_no).await.is_empty());
    assert_eq!(qpay_calls(&app, "POST /v2/ebarimt_v3/create").await, 0);
    assert_eq!(qpay_calls(&app, "POST /v2/ebarimt/create").await, 0);
    let messages: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'issue_receipt'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(messages, 0);
    let page = order_page(&app, &order_no).await;
    assert!(
        !page.contains("data-test=\"ebarimt"),
        "nothing about receipts on the page"
    );
}

/// A delivery that was cut (or whose process stopped) while QPay was asked leaves its claim `requesting`. The next
/// delivery must not call the message done while that claim is young: it waits until the claim is stale, and then
/// the receipt is `unknown`, the order flagged for the owner, and only then the message done.
async fn a_receipt_claimed_by_a_delivery_that_stopped_keeps_its_message_until_the_claim_is_known(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    // The background worker looks once at start, then not for an hour: the test delivers by hand.
    let mut vars: Vec<(&str, &str)> = vec![("WORKER_TICK", "3600s"), ("QPAY_TIMEOUT", "1s")];
    vars.extend(EBARIMT_V3);
    let app = spawn_app_on(database, &vars).await;
    let (order_no, _, payment_id) = paid_in_qpay(&app, "k1", None).await;
    payments(&app).settle(&order_no, "test").await.unwrap();
    let order_id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // The claim a delivery left a moment ago, cut before QPay's answer came.
    sqlx::query(
        "INSERT INTO ebarimt_receipts (payment_id, order_id, state, api, receiver_type, claimed_at, updated_at) \
         VALUES ($1, $2, 'requesting', 'v3', 'CITIZEN', $3, $3)",
    )
    .bind(&payment_id)
    .bind(order_id)
    .bind(delguur::db::now_ms())
    .execute(app.db.pool())
    .await
    .unwrap();
    let message_state = || async {
        let state: String =
            sqlx::query_scalar("SELECT state FROM outbox WHERE order_id = $1 AND kind = 'issue_receipt'")
                .bind(order_id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        state
    };
    let worker = delguur::payment::outbox::OutboxWorker::new(payments(&app), app.services.messenger.clone());

    worker.deliver_due().await.unwrap();
    assert_eq!(
        message_state().await,
        "pending",
        "not done while the claim's outcome is unknown"
    );
    assert_eq!(receipts(&app, &order_no).await[0].0, "requesting");
    assert_eq!(
        qpay_calls(&app, "POST /v2/ebarimt_v3/create").await,
        0,
        "the claimed receipt is not asked twice"
    );

    // The claim grows older than any delivery may run; the message is due again.
    let stale_ms = delguur::payment::outbox::DeliveryTiming::new(Duration::from_secs(1)).stale_claim_ms();
    sqlx::query("UPDATE ebarimt_receipts SET claimed_at = claimed_at - $1 WHERE payment_id = $2")
        .bind(stale_ms + 1_000)
        .bind(&payment_id)
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE order_id = $1")
        .bind(order_id)
        .execute(app.db.pool())
        .await
        .unwrap();
    worker.deliver_due().await.unwrap();
    assert_eq!(receipts(&app, &order_no).await[0].0, "unknown");
    assert_eq!(message_state().await, "done");
    let attention: Option<String> = sqlx::query_scalar("SELECT attention FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(attention.unwrap_or_default().contains("E-barimt"), "the owner is told");
    assert_eq!(
        qpay_calls(&app, "POST /v2/ebarimt_v3/create").await,
        0,
        "still never asked twice"
    );
}

async fn the_delivery_line_has_its_own_classification_and_vat_is_on_the_discounted_price(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let mut vars: Vec<(&str, &str)> = EBARIMT_V3.to_vec();
    vars.push(("EBARIMT_DELIVERY_CLASSIFICATION_CODE", "6511000"));
    let app = spawn_app_on(database, &vars).await;
    crate::pricing::code(&app, "TEN", "percent", 10, (None, None)).await;
    let invoice = invoice_for_two_aaruul(&app, "receipt", "TEN").await;
    let (goods, delivery) = (&invoice.lines[0], &invoice.lines[1]);
    assert_eq!(goods.classification_code.as_deref(), Some("2349010"));
    // 25,000₮ − 10% = 22,500₮: its VAT is 22,500 × 10 / 110.
    assert_eq!(
        goods.taxes[0].amount.to_string(),
        "2045.4545",
        "VAT on the discounted price"
    );
    assert_eq!(delivery.classification_code.as_deref(), Some("6511000"));
    assert_eq!(
        delivery.taxes[0].amount.to_string(),
        "454.5455",
        "the VAT inside the 5,000₮ fee"
    );

    // 1,001₮ off two units does not divide: 23,999₮ is 1 × 11,999 + 1 × 12,000, each line with the item's
    // classification code and the VAT inside what that line costs.
    crate::pricing::code(&app, "MINUS1001", "fixed", 1_001, (None, None)).await;
    let invoice = invoice_for_two_aaruul(&app, "uneven", "MINUS1001").await;
    assert_eq!(invoice.lines.len(), 3, "two for the item, one for the delivery");
    /// Quantity, unit price, classification code and VAT of one line.
    type Line<'a> = (Option<i64>, Option<i64>, Option<&'a str>, String);
    let halves: Vec<Line> = invoice.lines[..2]
        .iter()
        .map(|line| {
            (
                line.line_quantity.to_mnt(),
                line.line_unit_price.to_mnt(),
                line.classification_code.as_deref(),
                line.taxes[0].amount.to_string(),
            )
        })
        .collect();
    assert_eq!(
        halves,
        [
            (Some(1), Some(11_999), Some("2349010"), "1090.8182".to_owned()),
            (Some(1), Some(12_000), Some("2349010"), "1090.9091".to_owned()),
        ]
    );
    assert_eq!(invoice.lines[2].classification_code.as_deref(), Some("6511000"));
}

/// The QPay invoice of two aaruul delivered in the city with the discount `code`, ordered by the shopper `key`.
async fn invoice_for_two_aaruul(app: &TestApp, key: &str, code: &str) -> Invoice {
    let aaruul = app.variant_id("aaruul-1").await;
    let placed = crate::pricing::place_with(
        app,
        key,
        crate::pricing::city("khan-uul", "3"),
        Some(code),
        &[crate::shop::line(aaruul, 2)],
    )
    .await
    .unwrap();
    payments(app).ensure_invoice(placed.order_no.as_str()).await.unwrap();
    invoice_of(app, placed.order_no.as_str()).await
}

/// The order's invoice as QPay holds it.
async fn invoice_of(app: &TestApp, order_no: &str) -> Invoice {
    let invoice_id = token_and_invoice(app, order_no).await.1;
    payments(app).qpay().get_invoice(&invoice_id).await.unwrap()
}
