//! Unit tests of the client against a fake QPay: no sockets.

use super::*;
use crate::qpay::{EbarimtReceiverType, Offset, auth::fake_token_response};
use serde_json::{Value, json};
use std::sync::{
    Mutex,
    atomic::{AtomicUsize, Ordering},
};

fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status,
        body: body.into(),
    }
}

/// What the fake QPay received.
#[derive(Debug, Clone, PartialEq)]
struct Sent {
    method: String,
    path: String,
    body: Option<Value>,
    token: String,
}

struct Fake {
    client: QpayClient,
    sent: Arc<Mutex<Vec<Sent>>>,
    token_fetches: Arc<AtomicUsize>,
}

impl Fake {
    fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    fn sends(&self) -> usize {
        self.sent.lock().unwrap().len()
    }
}

/// A client whose QPay answers the n-th request (from 0) with `script(n)`.
fn fake(script: impl Fn(usize) -> Result<Answer, QpayError> + Send + Sync + 'static) -> Fake {
    let token_fetches = Arc::new(AtomicUsize::new(0));
    let counter = token_fetches.clone();
    let auth = Authenticator::fake(Duration::from_secs(60), move |_| {
        Ok(fake_token_response(counter.fetch_add(1, Ordering::SeqCst)))
    });
    let sent = Arc::new(Mutex::new(Vec::new()));
    let log = sent.clone();
    let send: FakeSend = Box::new(move |method, url, body, token| {
        let mut log = log.lock().unwrap();
        log.push(Sent {
            method: method.to_string(),
            path: url.path().to_owned(),
            body: body.map(|b| serde_json::from_slice(b).unwrap()),
            token: token.to_owned(),
        });
        script(log.len() - 1)
    });
    let options = ClientOptions {
        backoff_base: Duration::from_millis(1),
        ..ClientOptions::default()
    };
    let client = QpayClient {
        inner: Arc::new(Inner {
            fake: Some(send),
            http: Client::new(),
            base_url: Url::parse("http://127.0.0.1:9/qpay-sandbox/v2").unwrap(),
            invoice_code: "TEST_INVOICE".into(),
            auth,
            options,
        }),
    };
    Fake {
        client,
        sent,
        token_fetches,
    }
}

const INVOICE: &str = r#"{"invoice_id":"inv-1","invoice_status":"OPEN","total_amount":"100.00"}"#;
const BUSY: &str = r#"{"error":"SYSTEM_BUSY","message":"SYSTEM_BUSY"}"#;

#[test]
fn paths_join_the_base_and_encode_ids() {
    let base = Url::parse("http://127.0.0.1:3000/qpay-sandbox/v2").unwrap();
    assert_eq!(
        endpoint(&base, &["invoice", "abc"]).as_str(),
        "http://127.0.0.1:3000/qpay-sandbox/v2/invoice/abc"
    );
    let base = Url::parse("https://merchant.qpay.mn/v2/").unwrap();
    assert_eq!(
        endpoint(&base, &["payment", "cancel", "../x?y"]).as_str(),
        "https://merchant.qpay.mn/v2/payment/cancel/..%2Fx%3Fy"
    );
}

#[tokio::test]
async fn each_endpoint_has_its_method_path_and_body() {
    let qpay = fake(|_| Ok(answer(200, "{}")));
    let c = &qpay.client;
    let request = InvoiceRequest::simple("TEST_INVOICE", "42", "Order 42", 100, "https://shop.mn/cb?o=42");
    let cancel = PaymentCancelRequest {
        callback_url: None,
        note: Some("butsaalt".into()),
    };
    assert!(
        c.create_invoice(&request).await.is_err(),
        "{{}} is not a created invoice"
    );
    c.get_invoice("inv-1").await.unwrap_err();
    c.cancel_invoice("inv-1").await.unwrap();
    c.check_payment(&PaymentCheckRequest::invoice("inv-1")).await.unwrap();
    c.get_payment("019276866891878").await.unwrap_err();
    c.cancel_payment("p-1", &cancel).await.unwrap();
    c.refund_payment("p-1", &cancel).await.unwrap();
    c.list_payments(&PaymentListRequest::invoice_code("TEST_INVOICE", Offset::default()))
        .await
        .unwrap();
    let receipt = EbarimtV3CreateRequest {
        payment_id: "p-1".into(),
        ebarimt_receiver_type: EbarimtReceiverType::Citizen,
        ebarimt_receiver: None,
        district_code: None,
        classification_code: None,
    };
    c.create_ebarimt_v3(&receipt).await.unwrap();
    c.cancel_ebarimt_v3("p-1").await.unwrap();
    let calls: Vec<(String, String)> = qpay.sent().into_iter().map(|s| (s.method, s.path)).collect();
    let expected = [
        ("POST", "/qpay-sandbox/v2/invoice"),
        ("GET", "/qpay-sandbox/v2/invoice/inv-1"),
        ("DELETE", "/qpay-sandbox/v2/invoice/inv-1"),
        ("POST", "/qpay-sandbox/v2/payment/check"),
        ("GET", "/qpay-sandbox/v2/payment/019276866891878"),
        ("DELETE", "/qpay-sandbox/v2/payment/cancel/p-1"),
        ("DELETE", "/qpay-sandbox/v2/payment/refund/p-1"),
        ("POST", "/qpay-sandbox/v2/payment/list"),
        ("POST", "/qpay-sandbox/v2/ebarimt_v3/create"),
        ("DELETE", "/qpay-sandbox/v2/ebarimt_v3/p-1"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(calls, expected);
    let sent = qpay.sent();
    assert_eq!(sent[0].body.as_ref().unwrap()["amount"], 100);
    assert_eq!(sent[1].body, None);
    assert_eq!(
        sent[3].body,
        Some(json!({"object_type":"INVOICE","object_id":"inv-1",
        "offset":{"page_number":1,"page_limit":100}}))
    );
    assert_eq!(sent[5].body, Some(json!({"note":"butsaalt"})));
    assert!(sent.iter().all(|s| s.token == "access-0"), "one token for every call");
    assert_eq!(qpay.token_fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_401_renews_the_token_and_replays_once() {
    let qpay = fake(|n| {
        Ok(match n {
            0 => answer(401, r#"{"error":"NO_CREDENDIALS","message":"NO_CREDENDIALS"}"#),
            _ => answer(200, INVOICE),
        })
    });
    let invoice = qpay.client.get_invoice("inv-1").await.unwrap();
    assert_eq!(invoice.invoice_id, "inv-1");
    let tokens: Vec<String> = qpay.sent().into_iter().map(|s| s.token).collect();
    assert_eq!(tokens, ["access-0", "access-1"]);
}

#[tokio::test]
async fn a_401_replays_even_an_invoice_create_because_qpay_did_nothing() {
    let created = r#"{"invoice_id":"inv-1","qr_text":"0002","qr_image":"","urls":[]}"#;
    let qpay = fake(move |n| {
        Ok(match n {
            0 => answer(
                401,
                r#"{"error":"NO_CREDENTIALS","message":"Хандах эрхгүй байна. Нэвтрэнэ үү."}"#,
            ),
            _ => answer(200, created),
        })
    });
    let request = InvoiceRequest::simple("TEST_INVOICE", "42", "Order 42", 100, "https://shop.mn/cb");
    assert_eq!(qpay.client.create_invoice(&request).await.unwrap().invoice_id, "inv-1");
    assert_eq!(qpay.sends(), 2);
}

#[tokio::test]
async fn a_second_401_is_returned_not_replayed_again() {
    let qpay = fake(|_| Ok(answer(401, r#"{"error":"NO_CREDENTIALS","message":"x"}"#)));
    let error = qpay.client.get_invoice("inv-1").await.unwrap_err();
    assert!(error.is_auth_failure(), "{error:?}");
    assert_eq!(qpay.sends(), 2);
    assert_eq!(qpay.token_fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn gets_and_payment_check_retry_busy_answers() {
    let qpay = fake(|_| Ok(answer(500, BUSY)));
    let error = qpay.client.get_invoice("inv-1").await.unwrap_err();
    assert_eq!(error.code(), Some("SYSTEM_BUSY"));
    assert_eq!(qpay.sends(), 3, "one try and two retries");
    qpay.client
        .check_payment(&PaymentCheckRequest::invoice("inv-1"))
        .await
        .unwrap_err();
    assert_eq!(qpay.sends(), 6);
}

#[tokio::test]
async fn a_retry_can_succeed_after_a_timeout_or_a_proxy_page() {
    let qpay = fake(|n| match n {
        0 => Err(QpayError::Timeout),
        1 => Ok(answer(502, "<html>502 Bad Gateway</html>")),
        _ => Ok(answer(200, INVOICE)),
    });
    assert_eq!(qpay.client.get_invoice("inv-1").await.unwrap().invoice_id, "inv-1");
    assert_eq!(qpay.sends(), 3);
}

#[tokio::test]
async fn invoice_create_deletes_and_other_posts_are_never_retried() {
    let qpay = fake(|n| match n % 2 {
        0 => Err(QpayError::Timeout),
        _ => Ok(answer(500, BUSY)),
    });
    let c = &qpay.client;
    let request = InvoiceRequest::simple("TEST_INVOICE", "42", "Order 42", 100, "https://shop.mn/cb");
    assert_eq!(
        c.create_invoice(&request).await.unwrap_err().to_string(),
        QpayError::Timeout.to_string()
    );
    c.cancel_invoice("inv-1").await.unwrap_err();
    c.cancel_payment("p-1", &PaymentCancelRequest::default())
        .await
        .unwrap_err();
    c.list_payments(&PaymentListRequest::invoice_code("TEST_INVOICE", Offset::default()))
        .await
        .unwrap_err();
    assert_eq!(qpay.sends(), 4, "one attempt each");
}

#[tokio::test]
async fn final_answers_are_not_retried() {
    let qpay = fake(|_| {
        Ok(answer(
            422,
            r#"{"error":"INVOICE_NOTFOUND","message":"Нэхэмжлэл олдсонгүй"}"#,
        ))
    });
    let error = qpay.client.get_invoice("nope").await.unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(qpay.sends(), 1);
}

#[test]
fn retry_needs_a_safe_request_a_passing_failure_and_retries_left() {
    let busy = QpayError::from_response(500, BUSY);
    assert!(should_retry(Repeat::Safe, 0, 2, &busy));
    assert!(should_retry(Repeat::Safe, 1, 2, &QpayError::Timeout));
    assert!(!should_retry(Repeat::Safe, 2, 2, &busy));
    assert!(!should_retry(Repeat::Never, 0, 2, &busy));
    assert!(!should_retry(Repeat::Safe, 0, 0, &busy));
    assert!(!should_retry(
        Repeat::Safe,
        0,
        2,
        &QpayError::from_response(400, r#"{"error":"INVALID_AMOUNT"}"#)
    ));
}

#[test]
fn backoff_grows_with_jitter_and_stays_capped() {
    let base = Duration::from_millis(200);
    for _ in 0..50 {
        let first = backoff(base, 0);
        assert!((Duration::from_millis(100)..=base).contains(&first), "{first:?}");
        let third = backoff(base, 2);
        assert!(
            (Duration::from_millis(400)..=Duration::from_millis(800)).contains(&third),
            "{third:?}"
        );
        assert!(backoff(base, 40) <= MAX_BACKOFF);
    }
}

#[test]
fn a_success_status_with_an_error_body_is_an_error() {
    assert!(success(answer(200, "{}")).is_ok());
    assert!(success(answer(204, "")).is_ok());
    assert!(success(answer(200, r#"{"invoice_id":"x","note":"\"error\" in text"}"#)).is_ok());
    let Err(error) = success(answer(200, r#"{"error":"INVOICE_PAID","message":"INVOICE_PAID"}"#)) else {
        panic!("an error body must not be a success");
    };
    assert_eq!(error.code(), Some("INVOICE_PAID"));
}

#[test]
fn an_unexpected_success_body_is_a_decode_error_keeping_it() {
    let error = decode::<InvoiceCreated>(answer(200, "<html>maintenance</html>")).unwrap_err();
    assert!(matches!(&error, QpayError::Decode { status: 200, body, .. } if body == "<html>maintenance</html>"));
    let empty: Ebarimt = decode_or_default(answer(200, " ")).unwrap();
    assert_eq!(empty, Ebarimt::default());
}

#[test]
fn the_client_is_send_sync_and_its_debug_hides_the_secret() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_sync<T: Send + Sync>() {}
    assert_sync::<QpayClient>();
    let config = crate::config::QpayConfig {
        mode: crate::config::QpayMode::Local,
        base_url: Url::parse("http://127.0.0.1:9/qpay-sandbox/v2").unwrap(),
        client_id: "TEST_MERCHANT".into(),
        client_secret: secrecy::SecretString::from("very-secret-value"),
        invoice_code: "TEST_INVOICE".into(),
    };
    let client = QpayClient::new(&config, ClientOptions::default()).unwrap();
    assert_send(&client.get_invoice("x"));
    assert_send(&client.create_invoice(&InvoiceRequest::default()));
    assert_send(&client.token());
    let shown = format!("{client:?}");
    assert!(!shown.contains("very-secret-value"), "{shown}");
    assert!(shown.contains("TEST_MERCHANT"), "{shown}");
}
