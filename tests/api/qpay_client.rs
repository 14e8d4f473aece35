//! Our QPay client against the built-in emulator, over real HTTP: every endpoint, token refresh at expiry, one
//! replay after a 401, one shared token request under concurrency, retries only where repeating is safe.

use crate::helpers::{Engine, TestApp, spawn_app, test_config};
use delguur::qpay::{
    ClientOptions, EbarimtCreateRequest, EbarimtReceiverType, EbarimtV3CreateRequest, InvoiceRequest, InvoiceStatus,
    Offset, PaymentCancelRequest, PaymentCheckRequest, PaymentListRequest, PaymentStatus, PaymentType, QpayAmount,
    QpayClient, QpayError,
};
use serde_json::json;
use std::time::Duration;

fn options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(1500),
        connect_timeout: Duration::from_millis(500),
        max_retries: 2,
        backoff_base: Duration::from_millis(10),
        token_leeway: Duration::from_secs(60),
    }
}

fn client(app: &TestApp, options: ClientOptions) -> QpayClient {
    let port: u16 = app.address.rsplit(':').next().unwrap().parse().unwrap();
    let config = test_config("sqlite::memory:", port, &[]);
    QpayClient::new(&config.qpay, options).expect("client")
}

fn invoice(order_no: &str, amount: i64) -> InvoiceRequest {
    InvoiceRequest::simple(
        "TEST_INVOICE",
        order_no,
        format!("Delguur order {order_no}"),
        amount,
        "http://127.0.0.1:9/cb",
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_works_against_the_emulator() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(&app, options());

    let created = qpay.create_invoice(&invoice("EP1", 12_500)).await.unwrap();
    assert_eq!(created.urls.len(), 23);
    assert!(
        created
            .short_url
            .as_deref()
            .unwrap()
            .ends_with(&format!("/pay/{}", created.invoice_id))
    );
    assert!(!created.qr_image_png().unwrap().is_empty());

    let fetched = qpay.get_invoice(&created.invoice_id).await.unwrap();
    assert_eq!(fetched.invoice_status, InvoiceStatus::Open);
    assert_eq!(fetched.total_amount, Some(QpayAmount::from(12_500)));

    let unpaid = qpay
        .check_payment(&PaymentCheckRequest::invoice(&created.invoice_id))
        .await
        .unwrap();
    assert_eq!(unpaid.count, 0);
    assert!(unpaid.paid_amount.is_zero(), "a missing paid_amount reads as 0");

    let paid = app
        .sandbox_control("/pay", json!({"invoice_id": created.invoice_id, "method": "CARD"}))
        .await;
    let payment_id = paid["payment_id"].as_str().unwrap();
    let mut check = PaymentCheckRequest::invoice(&created.invoice_id);
    check.offset = Some(Offset::new(1, 1));
    let checked = qpay.check_payment(&check).await.unwrap();
    assert_eq!((checked.count, checked.paid_amount.to_mnt()), (1, Some(12_500)));
    assert_eq!(checked.rows[0].payment_id, payment_id);
    assert_eq!(checked.rows[0].payment_type, PaymentType::Card);
    assert_eq!(checked.rows[0].trx_fee, Some(QpayAmount::from(125)));

    let payment = qpay.get_payment(payment_id).await.unwrap();
    assert_eq!(payment.object_id.as_deref(), Some(created.invoice_id.as_str()));
    assert_eq!(
        payment.trx_fee,
        Some(QpayAmount::from(125)),
        "payment_fee lands in the same field"
    );

    let listed = qpay
        .list_payments(&PaymentListRequest::invoice_code("TEST_INVOICE", Offset::new(1, 100)))
        .await
        .unwrap();
    assert_eq!(listed.count, 1);

    let receipt = qpay
        .create_ebarimt(&EbarimtCreateRequest {
            payment_id: payment_id.into(),
            ebarimt_receiver_type: EbarimtReceiverType::Citizen,
            ebarimt_receiver: Some("88614450".into()),
            callback_url: None,
        })
        .await
        .unwrap();
    assert_eq!(qpay.get_ebarimt(&receipt.id).await.unwrap().id, receipt.id);
    qpay.cancel_ebarimt(&receipt.id).await.unwrap();
    qpay.create_ebarimt_v3(&EbarimtV3CreateRequest {
        payment_id: payment_id.into(),
        ebarimt_receiver_type: EbarimtReceiverType::Company,
        ebarimt_receiver: Some("5395305".into()),
        district_code: Some("3505".into()),
        classification_code: None,
    })
    .await
    .unwrap();
    qpay.cancel_ebarimt_v3(payment_id).await.unwrap();

    let note = PaymentCancelRequest {
        callback_url: None,
        note: Some("butsaalt".into()),
    };
    qpay.refund_payment(payment_id, &note).await.unwrap();
    assert_eq!(
        qpay.get_payment(payment_id).await.unwrap().payment_status,
        PaymentStatus::Refunded
    );
    let again = qpay.cancel_payment(payment_id, &note).await.unwrap_err();
    assert_eq!(again.code(), Some("PAYMENT_ALREADY_CANCELED"));

    let open = qpay.create_invoice(&invoice("EP2", 100)).await.unwrap();
    qpay.cancel_invoice(&open.invoice_id).await.unwrap();
    assert_eq!(
        qpay.get_invoice(&open.invoice_id).await.unwrap().invoice_status,
        InvoiceStatus::Canceled
    );
    let missing = qpay
        .get_invoice("00000000-0000-4000-8000-000000000000")
        .await
        .unwrap_err();
    assert!(missing.is_not_found(), "{missing:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_p2p_refund_is_refused_as_settled() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(&app, options());
    let created = qpay.create_invoice(&invoice("P2P1", 100)).await.unwrap();
    let paid = app
        .sandbox_control("/pay", json!({"invoice_id": created.invoice_id}))
        .await;

    let refused = qpay
        .refund_payment(paid["payment_id"].as_str().unwrap(), &PaymentCancelRequest::default())
        .await
        .unwrap_err();

    assert!(
        matches!(&refused, QpayError::Api { status: 409, code, .. } if code == "PAYMENT_SETTLED"),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_share_one_token_request() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(&app, options());

    let calls = (0..50).map(|_| {
        let qpay = qpay.clone();
        tokio::spawn(async move { qpay.check_payment(&PaymentCheckRequest::invoice("any")).await })
    });
    for result in futures::future::join_all(calls).await {
        result.unwrap().unwrap();
    }

    let counters = app.sandbox_counters().await;
    assert_eq!(counters["tokens_issued"], 1, "one token request for fifty callers");
    assert_eq!(counters["requests"]["POST /v2/auth/token"], 1);
    assert_eq!(counters["requests"]["POST /v2/payment/check"], 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_refreshed_ahead_of_its_expiry() {
    let app = spawn_app(Engine::Sqlite).await;
    app.sandbox_control("/settings", json!({"token_ttl_seconds": 10})).await;
    let qpay = client(
        &app,
        ClientOptions {
            token_leeway: Duration::from_secs(9),
            ..options()
        },
    );

    qpay.check_payment(&PaymentCheckRequest::invoice("x")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    qpay.check_payment(&PaymentCheckRequest::invoice("x")).await.unwrap();

    let counters = app.sandbox_counters().await;
    assert_eq!(counters["tokens_issued"], 1);
    assert_eq!(
        counters["tokens_refreshed"], 1,
        "renewed with the refresh token, not Basic auth"
    );
    assert_eq!(
        counters["requests"]["POST /v2/payment/check"], 2,
        "no call failed on the way"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_gets_a_new_token_and_one_replay() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(&app, options());
    qpay.check_payment(&PaymentCheckRequest::invoice("x")).await.unwrap();

    app.sandbox_control("/tokens/expire", json!({})).await;
    app.sandbox_control("/settings", json!({"credentials_error": "NO_CREDENDIALS"}))
        .await;
    qpay.check_payment(&PaymentCheckRequest::invoice("x")).await.unwrap();

    let counters = app.sandbox_counters().await;
    assert_eq!(
        counters["requests"]["POST /v2/payment/check"], 3,
        "the first call, the 401, the replay"
    );
    assert_eq!(
        counters["tokens_issued"], 2,
        "the expired refresh token fell back to Basic auth"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_check_is_retried_on_busy_rate_limited_and_slow_answers() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(&app, options());
    qpay.token().await.unwrap();

    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "status": 500, "error": "SYSTEM_BUSY", "count": 1}),
    )
    .await;
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "status": 429, "error": "TOO_MANY_REQUESTS", "count": 1}),
    )
    .await;
    qpay.check_payment(&PaymentCheckRequest::invoice("x"))
        .await
        .expect("succeeds on the third attempt");
    assert_eq!(app.sandbox_counters().await["requests"]["POST /v2/payment/check"], 3);

    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "latency_ms": 3000, "count": 1}),
    )
    .await;
    qpay.check_payment(&PaymentCheckRequest::invoice("x"))
        .await
        .expect("the slow attempt times out, the retry answers");
    assert_eq!(app.sandbox_counters().await["requests"]["POST /v2/payment/check"], 5);

    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/payment/check", "status": 500, "count": 3}),
    )
    .await;
    let gave_up = qpay
        .check_payment(&PaymentCheckRequest::invoice("x"))
        .await
        .unwrap_err();
    assert!(matches!(gave_up, QpayError::Api { status: 500, .. }), "{gave_up:?}");
    assert_eq!(
        app.sandbox_counters().await["requests"]["POST /v2/payment/check"],
        8,
        "one try and two retries"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoice_create_is_never_retried() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(&app, options());
    qpay.token().await.unwrap();
    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/invoice", "method": "POST", "status": 500, "error": "SYSTEM_BUSY", "count": 1}),
    )
    .await;

    let failed = qpay.create_invoice(&invoice("NR1", 100)).await.unwrap_err();

    assert_eq!(failed.code(), Some("SYSTEM_BUSY"));
    assert_eq!(app.sandbox_counters().await["requests"]["POST /v2/invoice"], 1);

    app.sandbox_control(
        "/faults",
        json!({"path_prefix": "/v2/invoice", "method": "POST", "latency_ms": 3000, "count": 1}),
    )
    .await;
    let timed_out = qpay.create_invoice(&invoice("NR2", 100)).await.unwrap_err();
    assert!(matches!(timed_out, QpayError::Timeout), "{timed_out:?}");
    assert_eq!(
        app.sandbox_counters().await["requests"]["POST /v2/invoice"],
        2,
        "a timed-out create is not sent again"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_error_page_is_kept_as_a_decode_error() {
    let app = spawn_app(Engine::Sqlite).await;
    let qpay = client(
        &app,
        ClientOptions {
            max_retries: 0,
            ..options()
        },
    );
    qpay.token().await.unwrap();
    app.sandbox_control(
        "/faults",
        json!({"status": 502, "body": "<html>502 Bad Gateway</html>", "count": 1}),
    )
    .await;

    let failed = qpay.get_invoice("x").await.unwrap_err();

    assert!(
        matches!(&failed, QpayError::Decode { status: 502, body, .. } if body == "<html>502 Bad Gateway</html>"),
        "{failed:?}"
    );
}
