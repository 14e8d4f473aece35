//! The QPay emulator's raw HTTP answers, checked without our client: status codes, field names and JSON types
//! as SPEC.md describes QPay's, the QR payload and image, callbacks, faults and the control API; and the bank
//! apps' logos it serves, as the shop's pay page shows them.

use crate::{
    helpers::{CallbackRecorder, Engine, TestApp, spawn_app},
    orders::place_over_http,
};
use base64::{Engine as _, engine::general_purpose::STANDARD};
use delguur::qpay_sandbox::emv;
use serde_json::{Value, json};

/// A test app with a token for its built-in emulator (also used by the fixture contract, `contract.rs`).
pub(crate) struct Sandbox {
    pub(crate) app: TestApp,
    token: String,
    /// The emulator's answer to `POST /v2/auth/token` that gave `token`.
    pub(crate) token_reply: Value,
}

impl Sandbox {
    pub(crate) async fn start() -> Sandbox {
        let app = spawn_app(Engine::Sqlite).await;
        let reply = app
            .client
            .post(app.url("/qpay-sandbox/v2/auth/token"))
            .basic_auth("TEST_MERCHANT", Some("123456"))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200);
        let token: Value = reply.json().await.unwrap();
        Sandbox {
            token: token["access_token"].as_str().unwrap().to_owned(),
            token_reply: token,
            app,
        }
    }

    fn url(&self, path: &str) -> String {
        self.app.url(&format!("/qpay-sandbox{path}"))
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.app.client.request(method, self.url(path)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let reply = request.send().await.unwrap();
        let status = reply.status().as_u16();
        (status, reply.json().await.unwrap_or(Value::Null))
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub(crate) async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub(crate) async fn delete(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::DELETE, path, Some(json!({"note": "butsaalt"})))
            .await
    }

    pub(crate) async fn control(&self, path: &str, body: Value) -> (u16, Value) {
        let reply = self
            .app
            .client
            .post(self.url(&format!("/_control{path}")))
            .json(&body)
            .send()
            .await
            .unwrap();
        (reply.status().as_u16(), reply.json().await.unwrap_or(Value::Null))
    }

    async fn counters(&self) -> Value {
        self.app
            .client
            .get(self.url("/_control/counters"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub(crate) async fn invoice(&self, amount: Value, callback_url: &str, extra: Value) -> Value {
        let mut body = json!({
            "invoice_code": "TEST_INVOICE",
            "sender_invoice_no": "D7K2M9",
            "invoice_receiver_code": "terminal",
            "invoice_description": "Delguur order D7K2M9",
            "amount": amount,
            "callback_url": callback_url,
        });
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().cloned().unwrap_or_default());
        let (status, invoice) = self.post("/v2/invoice", body).await;
        assert_eq!(status, 200, "{invoice}");
        invoice
    }

    pub(crate) async fn check(&self, invoice_id: &str) -> (u16, Value) {
        self.post(
            "/v2/payment/check",
            json!({"object_type": "INVOICE", "object_id": invoice_id, "offset": {"page_number": 1, "page_limit": 100}}),
        )
        .await
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_expiry_is_an_absolute_epoch_a_day_ahead() {
    let app = spawn_app(Engine::Sqlite).await;

    let reply = app
        .client
        .post(app.url("/qpay-sandbox/v2/auth/token"))
        .basic_auth("TEST_MERCHANT", Some("123456"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let token: Value = reply.json().await.unwrap();

    let expires = token["expires_in"].as_i64().expect("expires_in is an integer");
    assert!(
        (expires - now() - 86_400).abs() <= 5,
        "expires_in {expires} is not now + 86400"
    );
    assert_eq!(token["refresh_expires_in"], token["expires_in"]);
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["not-before-policy"], "0", "a string, as QPay sends it");
    assert_eq!(token["scope"], "get_token");
    assert_eq!(token["access_token"].as_str().unwrap().split('.').count(), 3, "a JWT");

    let reply = app
        .client
        .post(app.url("/qpay-sandbox/v2/auth/token"))
        .basic_auth("TEST_MERCHANT", Some("wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 401);
    assert_eq!(reply.json::<Value>().await.unwrap()["error"], "AUTHENTICATION_FAILED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_carries_a_valid_emv_qr_a_png_of_it_and_every_bank_link() {
    let sandbox = Sandbox::start().await;

    let invoice = sandbox
        .invoice(json!(12500), "https://shop.mn/qpay/callback/D7K2M9?token=t", json!({}))
        .await;

    let id = invoice["invoice_id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "invoice_id {id} is a UUID");
    let qr_text = invoice["qr_text"].as_str().unwrap();
    assert!(emv::crc_is_valid(qr_text), "CRC of {qr_text}");
    let fields = emv::parse_tlv(qr_text).unwrap();
    let tag = |t: &str| fields.iter().find(|(k, _)| k == t).unwrap().1.clone();
    assert_eq!(tag("54"), "12500");
    assert_eq!(tag("53"), "496");
    assert_eq!(emv::parse_tlv(&tag("62")).unwrap()[0], ("01".into(), "D7K2M9".into()));

    let image = invoice["qr_image"].as_str().unwrap();
    assert!(!image.starts_with("data:"), "QPay sends plain base64");
    assert_eq!(decode_qr_png(&STANDARD.decode(image).unwrap()), qr_text);

    assert_eq!(invoice["qPay_shortUrl"], sandbox.url(&format!("/pay/{id}")));
    let urls = invoice["urls"].as_array().unwrap();
    assert_eq!(urls.len(), 23);
    assert_eq!(urls[1]["name"], "Khan bank");
    // QPay's path (`https://qpay.mn/q/logo/khanbank.png`) on the emulator's own address: it serves its logos
    // itself, so a pay page shows them offline.
    assert_eq!(urls[1]["logo"], sandbox.url("/q/logo/khanbank.png"));
    for link in urls {
        let logo = link["logo"].as_str().unwrap();
        assert!(logo.starts_with(&sandbox.url("/q/logo/")), "{logo}");
        let link = link["link"].as_str().unwrap();
        assert!(link.ends_with(&format!("://q?qPay_QRcode={qr_text}")), "{link}");
    }
}

/// Reads a grayscale PNG and decodes the QR code in it.
fn decode_qr_png(bytes: &[u8]) -> String {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (width, height) = (info.width as usize, info.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().unwrap().1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoice_create_validates_like_qpay() {
    let sandbox = Sandbox::start().await;

    let (status, body) = sandbox
        .post("/v2/invoice", json!({"invoice_code": "TEST_INVOICE", "amount": 100}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["sender_invoice_no"]["type"], "REQUIRED", "{body}");
    assert_eq!(body["error"], body["message"], "the nested object sits under both keys");

    let mut request = json!({"invoice_code": "NOT_OURS", "sender_invoice_no": "1", "invoice_receiver_code": "terminal",
        "invoice_description": "x", "amount": 100, "callback_url": "https://shop.mn/cb"});
    let (status, body) = sandbox.post("/v2/invoice", request.clone()).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("INVOICE_CODE_INVALID")));

    request["invoice_code"] = json!("TEST_INVOICE");
    request["amount"] = json!("0");
    let (status, body) = sandbox.post("/v2/invoice", request).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("INVALID_AMOUNT")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoice_lines_must_add_up_to_the_amount_whatever_their_discounts_say() {
    let sandbox = Sandbox::start().await;
    let line = |q: i64, p: i64| json!({"line_description": "Ааруул", "line_quantity": q, "line_unit_price": p});
    let discounted = |quantity: i64, price: i64, discount: i64| {
        let mut line = line(quantity, price);
        line["discounts"] = json!([{"discount_code": "TEN", "description": "Хөнгөлөлт TEN", "amount": discount}]);
        line
    };
    // The shop's shape: the discount in the unit prices, split where it does not divide, the delivery its own
    // line. 1 × 12,499 + 2 × 12,500 + 1 × 5,000 = 42,499.
    let invoice = sandbox
        .invoice(
            json!(42_499),
            "https://shop.mn/cb",
            json!({"lines": [line(1, 12_499), line(2, 12_500), line(1, 5_000)]}),
        )
        .await;
    let id = invoice["invoice_id"].as_str().unwrap();
    let (_, body) = sandbox.get(&format!("/v2/invoice/{id}")).await;
    assert_eq!(body["total_amount"], "42499.00");
    assert_eq!(body["gross_amount"], 42_499);
    assert_eq!(body["discount_amount"], 0);
    assert_eq!(body["lines"][0]["line_unit_price"], 12_499);

    // Discounts and surcharges change no amount: lines whose Σ quantity × unit price is the amount are taken, and
    // what they carry is told back as sent.
    let mut delivery = line(1, 5_000);
    delivery["surcharges"] = json!([{"description": "Шуурхай", "amount": 500}]);
    let invoice = sandbox
        .invoice(
            json!(30_000),
            "https://shop.mn/cb",
            json!({"lines": [discounted(2, 12_500, 2_500), delivery]}),
        )
        .await;
    let id = invoice["invoice_id"].as_str().unwrap();
    let (_, body) = sandbox.get(&format!("/v2/invoice/{id}")).await;
    assert_eq!(body["total_amount"], "30000.00");
    assert_eq!(
        (body["discount_amount"].clone(), body["surcharge_amount"].clone()),
        (json!(2_500), json!(500))
    );
    assert_eq!(body["lines"][0]["discounts"][0]["amount"], 2_500);

    // INVALID_AMOUNT for a discount as a negative line, and for lines whose Σ quantity × unit price is not the
    // amount, whatever their discounts or surcharges would make of it: a 1,000₮ code over two lines sent in
    // `discounts` (39,000 of lines against 38,000), a surcharge, or no reason at all.
    let refused = [
        (json!(22_500), json!([line(2, 12_500), line(1, -2_500)])),
        (
            json!(38_000),
            json!([discounted(2, 12_500, 641), discounted(1, 14_000, 359)]),
        ),
        (json!(5_500), json!([delivery])),
        (json!(20_000), json!([line(2, 12_500)])),
    ];
    for (amount, lines) in refused {
        let request = json!({"invoice_code": "TEST_INVOICE", "sender_invoice_no": "D7K2M9",
            "invoice_receiver_code": "terminal", "invoice_description": "x", "amount": amount,
            "callback_url": "https://shop.mn/cb", "lines": lines});
        let (status, body) = sandbox.post("/v2/invoice", request).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("INVALID_AMOUNT")),
            "{lines}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoice_get_has_mixed_amount_types_and_an_automatic_line() {
    let sandbox = Sandbox::start().await;
    let invoice = sandbox.invoice(json!("10"), "https://shop.mn/cb", json!({})).await;
    let id = invoice["invoice_id"].as_str().unwrap();

    let (status, body) = sandbox.get(&format!("/v2/invoice/{id}")).await;

    assert_eq!(status, 200);
    assert_eq!(body["invoice_status"], "OPEN");
    assert_eq!(body["total_amount"], "10.00");
    assert_eq!(body["gross_amount"], 10);
    assert_eq!(body["minimum_amount"], "0.00");
    assert_eq!(body["tax_amount"], 0);
    assert_eq!(body["enable_expiry"], false);
    assert!(
        body["expiry_date"].as_str().unwrap().ends_with('Z'),
        "expiry_date is there even without expiry"
    );
    assert_eq!(
        body["lines"],
        json!([{"line_description": "Delguur order D7K2M9", "line_quantity": "1.00", "line_unit_price": "10.00"}])
    );

    let (status, body) = sandbox.get("/v2/invoice/00000000-0000-4000-8000-000000000000").await;
    assert_eq!(status, 422);
    assert_eq!(
        body,
        json!({"error": "INVOICE_NOTFOUND", "message": "Нэхэмжлэл олдсонгүй"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_check_is_empty_without_paid_amount_until_paid() {
    let sandbox = Sandbox::start().await;
    let invoice = sandbox.invoice(json!(12500), "http://127.0.0.1:9/cb", json!({})).await;
    let id = invoice["invoice_id"].as_str().unwrap();

    let (status, body) = sandbox.check(id).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"count": 0, "rows": []}), "no paid_amount key while unpaid");

    let (status, paid) = sandbox
        .control("/pay", json!({"invoice_id": id, "bank_code": "050000"}))
        .await;
    assert_eq!(status, 200, "{paid}");

    let (_, body) = sandbox.check(id).await;
    assert_eq!(body["count"], 1);
    assert_eq!(body["paid_amount"], 12500, "a number");
    let row = &body["rows"][0];
    let payment_id = row["payment_id"].as_str().unwrap();
    assert_eq!(payment_id.len(), 15);
    assert!(
        payment_id.chars().all(|c| c.is_ascii_digit()),
        "a P2P id is 15 digits, as a string"
    );
    assert_eq!(row["payment_status"], "PAID");
    assert_eq!(row["payment_amount"], "12500.00", "a string");
    assert_eq!(row["trx_fee"], "125.00");
    assert_eq!(row["payment_type"], "P2P");
    assert_eq!(row["p2p_transactions"][0]["amount"], "12375.00", "net of the fee");
    assert_eq!(row["p2p_transactions"][0]["transaction_bank_code"], "050000");

    let (status, payment) = sandbox.get(&format!("/v2/payment/{payment_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(payment["payment_fee"], "125.00", "GET payment uses payment_fee");
    assert_eq!(payment["transaction_type"], "P2P", "and transaction_type");
    assert_eq!(payment["object_id"], id);

    let (status, body) = sandbox.get(&format!("/v2/invoice/{id}")).await;
    assert_eq!((status, body["invoice_status"].as_str()), (200, Some("CLOSED")));

    let (status, body) = sandbox
        .post(
            "/v2/payment/check",
            json!({"object_type": "INVOICE", "object_id": id, "offset": {"page_number": 1, "page_limit": 0}}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["page_limit"]["type"], "MIN_NUMBER");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partial_payments_add_up_in_paid_amount() {
    let sandbox = Sandbox::start().await;
    let invoice = sandbox
        .invoice(json!(1000), "http://127.0.0.1:9/cb", json!({"allow_partial": true}))
        .await;
    let id = invoice["invoice_id"].as_str().unwrap();

    let (status, _) = sandbox
        .control("/pay", json!({"invoice_id": id, "amount": "400.50"}))
        .await;
    assert_eq!(status, 200);
    let (_, body) = sandbox.check(id).await;
    assert_eq!(body["paid_amount"], 400.5);
    assert_eq!(body["rows"][0]["payment_status"], "PARTIAL");

    let (status, _) = sandbox
        .control("/pay", json!({"invoice_id": id, "method": "CARD"}))
        .await;
    assert_eq!(status, 200);
    let (_, body) = sandbox.check(id).await;
    assert_eq!(body["count"], 2);
    assert_eq!(body["paid_amount"], 1000);
    assert_eq!(body["rows"][1]["payment_amount"], "599.50");
    assert_eq!(body["rows"][1]["payment_type"], "CARD");
    assert!(
        uuid::Uuid::parse_str(body["rows"][1]["payment_id"].as_str().unwrap()).is_ok(),
        "card ids are UUIDs"
    );

    let other = sandbox.invoice(json!(1000), "http://127.0.0.1:9/cb", json!({})).await;
    let (status, _) = sandbox
        .control("/pay", json!({"invoice_id": other["invoice_id"], "amount": 10}))
        .await;
    assert_eq!(status, 409, "partial payment needs allow_partial");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_and_refund_follow_qpays_rules() {
    let sandbox = Sandbox::start().await;
    let open = sandbox.invoice(json!(100), "http://127.0.0.1:9/cb", json!({})).await;
    let open_id = open["invoice_id"].as_str().unwrap();

    assert_eq!(
        sandbox.delete(&format!("/v2/invoice/{open_id}")).await,
        (200, json!({}))
    );
    assert_eq!(
        sandbox.get(&format!("/v2/invoice/{open_id}")).await.1["invoice_status"],
        "CANCELED"
    );
    assert_eq!(
        sandbox.delete(&format!("/v2/invoice/{open_id}")).await.1["error"],
        "INVOICE_ALREADY_CANCELED"
    );

    let p2p = sandbox.invoice(json!(100), "http://127.0.0.1:9/cb", json!({})).await;
    let (_, paid) = sandbox.control("/pay", json!({"invoice_id": p2p["invoice_id"]})).await;
    assert_eq!(
        sandbox
            .delete(&format!("/v2/invoice/{}", p2p["invoice_id"].as_str().unwrap()))
            .await
            .1["error"],
        "INVOICE_PAID"
    );
    let p2p_payment = paid["payment_id"].as_str().unwrap();
    let (status, body) = sandbox.delete(&format!("/v2/payment/refund/{p2p_payment}")).await;
    assert_eq!(
        (status, body),
        (409, json!({"error": "PAYMENT_SETTLED", "message": "PAYMENT_SETTLED"}))
    );

    let card = sandbox.invoice(json!(100), "http://127.0.0.1:9/cb", json!({})).await;
    let (_, paid) = sandbox
        .control("/pay", json!({"invoice_id": card["invoice_id"], "method": "CARD"}))
        .await;
    let card_payment = paid["payment_id"].as_str().unwrap();
    assert_eq!(
        sandbox.delete(&format!("/v2/payment/refund/{card_payment}")).await,
        (200, json!({}))
    );
    assert_eq!(
        sandbox.get(&format!("/v2/payment/{card_payment}")).await.1["payment_status"],
        "REFUNDED"
    );
    assert_eq!(
        sandbox.delete(&format!("/v2/payment/cancel/{card_payment}")).await.1["error"],
        "PAYMENT_ALREADY_CANCELED"
    );
    assert_eq!(sandbox.get("/v2/payment/000000000000000").await.0, 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_list_is_scoped_by_invoice_code_or_merchant() {
    let sandbox = Sandbox::start().await;
    let invoice = sandbox.invoice(json!(100), "http://127.0.0.1:9/cb", json!({})).await;
    sandbox
        .control("/pay", json!({"invoice_id": invoice["invoice_id"]}))
        .await;

    let offset = json!({"page_number": 1, "page_limit": 100});
    let (status, body) = sandbox
        .post(
            "/v2/payment/list",
            json!({"object_type": "INVOICE", "object_id": "TEST_INVOICE", "offset": offset}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["count"], 1);
    assert_eq!(body["rows"][0]["paid_by"], "P2P");

    let (status, body) = sandbox
        .post(
            "/v2/payment/list",
            json!({"object_type": "MERCHANT", "object_id": "TEST_INVOICE", "offset": offset}),
        )
        .await;
    assert_eq!((status, body["error"].as_str()), (401, Some("PERMISSION_DENIED")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ebarimt_receipts_are_issued_and_cancelled() {
    let sandbox = Sandbox::start().await;
    let invoice = sandbox.invoice(json!(200), "http://127.0.0.1:9/cb", json!({})).await;
    let (_, paid) = sandbox
        .control("/pay", json!({"invoice_id": invoice["invoice_id"]}))
        .await;
    let payment_id = paid["payment_id"].as_str().unwrap();

    let (status, receipt) = sandbox.post("/v2/ebarimt_v3/create", json!({"payment_id": payment_id, "ebarimt_receiver_type": "COMPANY", "ebarimt_receiver": "5395305", "district_code": "3505", "classification_code": "0000010"})).await;
    assert_eq!(status, 200, "{receipt}");
    assert_eq!(receipt["barimt_status"], "REGISTERED");
    assert_eq!(receipt["g_payment_id"], payment_id);
    assert_eq!(receipt["amount"], "200.00");
    assert!(receipt["ebarimt_lottery"].as_str().unwrap().len() >= 10);

    let (status, cancelled) = sandbox.delete(&format!("/v2/ebarimt_v3/{payment_id}")).await;
    assert_eq!((status, cancelled["barimt_status"].as_str()), (200, Some("CANCELED")));
    assert_eq!(sandbox.get("/v2/ebarimt/unknown").await.1["error"], "BARIMT_NOT_FOUND");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paying_calls_the_merchant_back_with_get_and_the_payment_id() {
    let sandbox = Sandbox::start().await;
    let merchant = CallbackRecorder::start(&[]).await;
    let invoice = sandbox
        .invoice(
            json!(100),
            &format!("{}?order=D7K2M9&token=secret", merchant.url),
            json!({}),
        )
        .await;

    let (_, paid) = sandbox
        .control("/pay", json!({"invoice_id": invoice["invoice_id"]}))
        .await;

    let received = merchant.wait_for(1).await;
    let expected = format!(
        "/qpay/callback?order=D7K2M9&token=secret&qpay_payment_id={}",
        paid["payment_id"].as_str().unwrap()
    );
    assert_eq!(
        received,
        [expected],
        "the merchant's own query is kept and qpay_payment_id appended"
    );
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let counters = sandbox.counters().await;
    assert_eq!(counters["callbacks_sent"], 1);
    assert_eq!(counters["callbacks_succeeded"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callbacks_can_be_duplicated_retried_or_dropped() {
    let sandbox = Sandbox::start().await;

    sandbox.control("/settings", json!({"callback": {"copies": 4}})).await;
    let merchant = CallbackRecorder::start(&[]).await;
    let invoice = sandbox.invoice(json!(100), &merchant.url, json!({})).await;
    sandbox
        .control("/pay", json!({"invoice_id": invoice["invoice_id"]}))
        .await;
    assert_eq!(merchant.wait_for(4).await.len(), 4, "four concurrent deliveries");

    sandbox
        .control(
            "/settings",
            json!({"callback": {"copies": 1, "retry_until_success": true, "retry_interval_ms": 20}}),
        )
        .await;
    let merchant = CallbackRecorder::start(&["busy", "busy"]).await;
    let invoice = sandbox.invoice(json!(100), &merchant.url, json!({})).await;
    sandbox
        .control("/pay", json!({"invoice_id": invoice["invoice_id"]}))
        .await;
    assert_eq!(merchant.wait_for(3).await.len(), 3, "called until it answered SUCCESS");

    sandbox.control("/settings", json!({"callback": {"drop": true}})).await;
    let merchant = CallbackRecorder::start(&[]).await;
    let invoice = sandbox.invoice(json!(100), &merchant.url, json!({})).await;
    sandbox
        .control("/pay", json!({"invoice_id": invoice["invoice_id"]}))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(merchant.received().is_empty(), "a dropped callback never arrives");
    assert_eq!(sandbox.counters().await["callbacks_dropped"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_answer_for_the_next_requests_then_stop() {
    let sandbox = Sandbox::start().await;
    let invoice = sandbox.invoice(json!(100), "http://127.0.0.1:9/cb", json!({})).await;
    let id = invoice["invoice_id"].as_str().unwrap();

    sandbox
        .control(
            "/faults",
            json!({"path_prefix": "/v2/payment/check", "status": 500, "error": "SYSTEM_BUSY", "count": 2}),
        )
        .await;
    assert_eq!(
        sandbox.check(id).await,
        (500, json!({"error": "SYSTEM_BUSY", "message": "SYSTEM_BUSY"}))
    );
    assert_eq!(sandbox.check(id).await.0, 500);
    assert_eq!(sandbox.check(id).await.0, 200, "the fault is used up");

    sandbox
        .control(
            "/faults",
            json!({"status": 502, "body": "<html>Bad Gateway</html>", "count": 1}),
        )
        .await;
    let reply = sandbox
        .app
        .client
        .get(sandbox.url(&format!("/v2/invoice/{id}")))
        .bearer_auth(&sandbox.token)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 502);
    assert_eq!(reply.text().await.unwrap(), "<html>Bad Gateway</html>");

    let counters = sandbox.counters().await;
    assert_eq!(counters["faults_injected"], 3);
    assert_eq!(counters["requests"]["POST /v2/payment/check"], 3);
    assert_eq!(counters["requests"]["GET /v2/invoice/{id}"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_tokens_get_401_in_either_spelling() {
    let sandbox = Sandbox::start().await;

    sandbox.control("/tokens/expire", json!({})).await;
    let (status, body) = sandbox.get("/v2/invoice/x").await;
    assert_eq!((status, body["error"].as_str()), (401, Some("NO_CREDENTIALS")));

    sandbox
        .control("/settings", json!({"credentials_error": "NO_CREDENDIALS"}))
        .await;
    assert_eq!(
        sandbox.get("/v2/invoice/x").await.1,
        json!({"error": "NO_CREDENDIALS", "message": "NO_CREDENDIALS"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bank_app_page_pays_or_declines() {
    let sandbox = Sandbox::start().await;
    let merchant = CallbackRecorder::start(&[]).await;
    let invoice = sandbox.invoice(json!(12500), &merchant.url, json!({})).await;
    let page = invoice["qPay_shortUrl"].as_str().unwrap();

    let html = sandbox.app.client.get(page).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("12500.00₮") && html.contains("Delguur order D7K2M9"),
        "{html}"
    );
    assert!(html.contains("name=bank_code"));

    let declined = sandbox
        .app
        .client
        .post(page)
        .form(&[("action", "decline")])
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), 303);
    assert_eq!(
        sandbox.check(invoice["invoice_id"].as_str().unwrap()).await.1["count"],
        0
    );

    let paid = sandbox
        .app
        .client
        .post(page)
        .form(&[("action", "p2p"), ("bank_code", "320000")])
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 303);
    assert_eq!(merchant.wait_for(1).await.len(), 1);
    let (_, check) = sandbox.check(invoice["invoice_id"].as_str().unwrap()).await;
    assert_eq!(check["rows"][0]["payment_wallet"], "Хас банк апп");
}

/// The pay page's bank buttons with the built-in emulator: each has its name, its initial (what shows until, or
/// instead of, the logo) and a logo the emulator serves itself, so the page looks as it will with QPay, offline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bank_button_has_a_name_an_initial_and_a_logo_the_emulator_serves() {
    let app = spawn_app(Engine::Sqlite).await;
    let order_page = place_over_http(&app).await;
    let (status, html) = app.get_html(&order_page).await;
    assert_eq!(status, 200);

    let buttons: Vec<&str> = html
        .split("data-test=\"bank-link\"")
        .skip(1)
        .map(|rest| &rest[..rest.find("</a>").unwrap()])
        .collect();
    assert_eq!(buttons.len(), 23, "every bank app of the invoice");
    let mut logos = Vec::new();
    for button in buttons {
        let name = inside_span(button, "class=\"bank-name\">");
        assert!(!name.trim().is_empty(), "a name: {button}");
        let initial = inside_span(button, "data-test=\"bank-initial\">");
        let first = name.chars().find(|c| c.is_alphanumeric()).unwrap();
        assert_eq!(initial, first.to_uppercase().next().unwrap().to_string(), "{button}");
        assert!(initial.chars().all(char::is_alphabetic), "one letter: {button}");
        assert!(
            button.contains("aria-hidden=\"true\""),
            "the name alone is read out: {button}"
        );
        let src_at = button.find(" src=\"").unwrap_or_else(|| panic!("no logo: {button}")) + 6;
        let src = &button[src_at..src_at + button[src_at..].find('"').unwrap()];
        assert!(src.starts_with(&app.url("/qpay-sandbox/q/logo/")), "{src}");
        logos.push(src.to_owned());
    }

    for logo in logos {
        let reply = app.client.get(&logo).send().await.unwrap();
        assert_eq!(reply.status(), 200, "{logo}");
        assert_eq!(reply.headers()["content-type"], "image/svg+xml", "{logo}");
        assert_eq!(reply.headers()["cache-control"], "public, max-age=86400", "{logo}");
        let svg = reply.text().await.unwrap();
        assert!(svg.starts_with("<svg"), "{logo}: {svg}");
    }
    let unknown = app.get("/qpay-sandbox/q/logo/nobank.png").await;
    assert_eq!(unknown.status(), 404);
}

/// What the `<span …>` that `opening` ends holds, up to its `</span>`, without any comment Leptos left in it.
fn inside_span(html: &str, opening: &str) -> String {
    let start = html.find(opening).unwrap_or_else(|| panic!("no {opening} in {html}")) + opening.len();
    let rest = &html[start..];
    let mut text = rest[..rest.find("</span>").unwrap()].to_owned();
    while let Some(comment) = text.find("<!") {
        let end = comment + text[comment..].find('>').unwrap() + 1;
        text.replace_range(comment..end, "");
    }
    text
}
