//! Every example payload in `tests/fixtures/qpay/` parses into its type, with the values that matter checked.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::str::FromStr;

use super::{
    client::{Answer, success},
    *,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/qpay");

/// Every fixture file and the test that reads it; a new file fails [`every_fixture_file_is_tested`] until added.
const FIXTURES: &[&str] = &[
    "ebarimt_create_request__amraa1-qpay_client_openapi.json",
    "ebarimt_v3_cancel_response__techpartners-asia-qpay-go.json",
    "ebarimt_v3_create_response__techpartners-asia-qpay-go.json",
    "error__no_credendials_sandbox__mnmonherdene1234-qpaygo.json",
    "error__no_credentials_prod__mnmonherdene1234-qpaygo.json",
    "error__payment_settled__developer-qpay-mn_via_mnpay-doc.json",
    "error__validation_invoice_code_nested__mnmonherdene1234-qpaygo.json",
    "invoice_cancel_response__amraa1-qpay_client_openapi.json",
    "invoice_create_request_full__amraa1-qpay_client_openapi.json",
    "invoice_create_request_full__developer-qpay-mn_via_mnpay-doc.json",
    "invoice_create_request_simple__developer-qpay-mn_via_mnpay-doc.json",
    "invoice_create_response__developer-qpay-mn_via_mnpay-doc.json",
    "invoice_create_response__techpartners-asia-qpay-go_excel_example.json",
    "invoice_get_response__techpartners-asia-qpay-go_smoke_partial.json",
    "payment_cancel_request__amraa1-qpay_client_openapi.json",
    "payment_cancel_request__developer-qpay-mn_via_mnpay-doc.json",
    "payment_check_request__amraa1-qpay_client_openapi.json",
    "payment_check_request__developer-qpay-mn_via_mnpay-doc.json",
    "payment_check_response__techpartners-asia-qpay-go_excel_card.json",
    "payment_check_response_legacy_shape__developer-qpay-mn_via_mnpay-doc.json",
    "payment_get_response__techpartners-asia-qpay-go_excel_p2p.json",
    "payment_list_request__amraa1-qpay_client_openapi.json",
    "payment_refund_request__amraa1-qpay_client_openapi.json",
    "token_response__amraa1-qpay_client_openapi_sandbox.json",
];

fn text(name: &str) -> String {
    assert!(FIXTURES.contains(&name), "{name} is missing from FIXTURES");
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn amount(text: &str) -> Option<QpayAmount> {
    Some(QpayAmount::new(dec(text)))
}

/// A request type read from a fixture serializes back to the same JSON, nulls aside (they are left out).
fn assert_round_trip<T: DeserializeOwned + serde::Serialize>(name: &str) {
    let mut original: Value = serde_json::from_str(&text(name)).unwrap();
    if let Value::Object(fields) = &mut original {
        fields.retain(|_, value| !value.is_null());
    }
    let again = serde_json::to_value(parse::<T>(name)).unwrap();
    assert_eq!(again, original, "{name}");
}

#[test]
fn every_fixture_file_is_tested() {
    let mut files: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files, FIXTURES);
}

#[test]
fn token_response_keeps_epoch_expiry_and_the_string_policy() {
    let token: TokenResponse = parse("token_response__amraa1-qpay_client_openapi_sandbox.json");
    assert_eq!(token.expires_in, 1_769_756_525);
    assert_eq!(token.refresh_expires_in, Some(1_769_756_525));
    assert_eq!(token.not_before_policy.as_deref(), Some("0"));
    assert_eq!(token.token_type.as_deref(), Some("bearer"));
    assert_eq!(token.session_state.as_deref(), Some("sandbox"));
    assert!(token.refresh_token.is_some());
    assert!(!format!("{token:?}").contains("eyJ"), "tokens must not show in Debug");
}

#[test]
fn simple_invoice_request_is_exactly_what_invoice_request_simple_sends() {
    let name = "invoice_create_request_simple__developer-qpay-mn_via_mnpay-doc.json";
    let ours = InvoiceRequest::simple(
        "TEST_INVOICE",
        "1234567",
        "test",
        100,
        "https://bd5492c3ee85.ngrok.io/payments?payment_id=1234567",
    );
    assert_eq!(parse::<InvoiceRequest>(name), ours);
    assert_eq!(
        serde_json::to_value(&ours).unwrap(),
        serde_json::from_str::<Value>(&text(name)).unwrap()
    );
}

#[test]
fn full_invoice_request_from_the_postman_collection() {
    let name = "invoice_create_request_full__amraa1-qpay_client_openapi.json";
    let request: InvoiceRequest = parse(name);
    assert_eq!(request.amount, Some(QpayAmount::from_mnt(100_000)));
    assert_eq!(request.tax_type, Some(TaxType::Vat));
    assert_eq!(request.subscription_interval.as_deref(), Some("9999M"));
    assert_eq!(
        (request.minimum_amount, request.invoice_receiver_data.as_ref()),
        (None, None)
    );
    assert_round_trip::<InvoiceRequest>(name);
}

#[test]
fn full_invoice_request_with_lines_discounts_surcharges_and_taxes() {
    let name = "invoice_create_request_full__developer-qpay-mn_via_mnpay-doc.json";
    let request: InvoiceRequest = parse(name);
    let receiver = request.invoice_receiver_data.as_ref().unwrap();
    assert_eq!(receiver.name.as_deref(), Some("Бат"));
    let line = &request.lines[0];
    assert_eq!(
        (line.line_quantity.decimal(), line.line_unit_price.decimal()),
        (dec("1.00"), dec("10000.00"))
    );
    assert_eq!(line.discounts[0].amount, QpayAmount::from_mnt(100));
    assert_eq!(line.surcharges[0].description, "Хүргэлтийн зардал");
    assert_eq!(line.taxes[0].tax_code, TaxCode::Vat);
    // Whole amounts go out as integers (SPEC.md §10.4).
    let sent = serde_json::to_value(&request).unwrap();
    assert_eq!(sent["lines"][0]["line_unit_price"], 10_000);
    assert!(sent.get("note").is_none() && sent.get("minimum_amount").is_none());
}

#[test]
fn invoice_create_response_maps_the_short_url() {
    let created: InvoiceCreated = parse("invoice_create_response__techpartners-asia-qpay-go_excel_example.json");
    assert_eq!(created.invoice_id, "d50f49f2-9032-4a74-8929-530531f28f63");
    assert_eq!(created.short_url.as_deref(), Some("https://s.qpay.mn/z1lKnIO5T"));
    assert_eq!(
        created.urls[0].logo.as_deref(),
        Some("https://qpay.mn/q/logo/khanbank.png")
    );
    assert!(
        created
            .qr_image_data_uri()
            .starts_with("data:image/png;base64,iVBORw0KGgo")
    );
    assert!(created.qr_text.starts_with("000201"));
}

#[test]
fn older_invoice_create_response_without_logo_or_short_url() {
    let created: InvoiceCreated = parse("invoice_create_response__developer-qpay-mn_via_mnpay-doc.json");
    assert_eq!(created.short_url, None);
    assert_eq!(created.urls.len(), 2);
    assert_eq!(created.urls[1].description, "Төрийн банк");
    assert!(
        created
            .urls
            .iter()
            .all(|url| url.logo.is_none() && url.link.ends_with(&created.qr_text))
    );
}

#[test]
fn invoice_get_with_string_amounts_and_null_limits() {
    let invoice: Invoice = parse("invoice_get_response__techpartners-asia-qpay-go_smoke_partial.json");
    assert_eq!(invoice.invoice_status, InvoiceStatus::Open);
    assert_eq!(invoice.total_amount, amount("100.00"));
    assert_eq!(invoice.gross_amount, amount("100.00"));
    assert_eq!((invoice.minimum_amount, invoice.maximum_amount), (None, None));
    assert!(!invoice.is_paid());
}

#[test]
fn invoice_cancel_answer_is_a_success() {
    let body = text("invoice_cancel_response__amraa1-qpay_client_openapi.json");
    assert!(success(Answer { status: 200, body }).is_ok());
}

#[test]
fn payment_check_requests_round_trip() {
    for name in [
        "payment_check_request__amraa1-qpay_client_openapi.json",
        "payment_check_request__developer-qpay-mn_via_mnpay-doc.json",
    ] {
        let request: PaymentCheckRequest = parse(name);
        assert_eq!(request.object_type, ObjectType::Invoice);
        assert_eq!(request.offset, Some(Offset::new(1, 100)));
        assert_round_trip::<PaymentCheckRequest>(name);
    }
    let ours = PaymentCheckRequest::invoice("cefde663-5f20-4499-99e0-de09a6aafd45");
    assert_eq!(ours, parse("payment_check_request__amraa1-qpay_client_openapi.json"));
}

#[test]
fn payment_check_response_with_a_card_payment() {
    let check: PaymentCheckResponse = parse("payment_check_response__techpartners-asia-qpay-go_excel_card.json");
    assert_eq!((check.count, check.paid_amount), (1, QpayAmount::from_mnt(100)));
    let row = &check.rows[0];
    assert_eq!(row.payment_id, "8e25b4d5-fe5a-4d0f-b050-def68a82aaad");
    assert_eq!(
        (row.payment_status.clone(), row.payment_type.clone()),
        (PaymentStatus::Paid, PaymentType::Card)
    );
    assert_eq!((row.payment_amount, row.trx_fee), (amount("100.00"), amount("1.00")));
    let card = &row.card_transactions[0];
    assert_eq!(
        (card.card_type.as_deref(), card.is_cross_border),
        (Some("UNIONPAY"), Some(false))
    );
    assert_eq!(card.settlement_status.as_deref(), Some("PENDING"));
    assert!(row.p2p_transactions.is_empty());
}

#[test]
fn legacy_check_row_names_land_in_the_same_fields() {
    let check: PaymentCheckResponse =
        parse("payment_check_response_legacy_shape__developer-qpay-mn_via_mnpay-doc.json");
    let row = &check.rows[0];
    assert_eq!(row.payment_id, "593744473409193");
    assert_eq!(row.trx_fee, amount("1.00"), "payment_fee");
    assert_eq!(row.payment_type, PaymentType::P2p, "transaction_type");
    assert_eq!(row.payment_date.as_deref(), Some("2020-10-19T08:58:46.641Z"));
    assert!(row.is_paid());
}

#[test]
fn payment_get_keeps_the_p2p_id_and_exact_amounts() {
    let payment: Payment = parse("payment_get_response__techpartners-asia-qpay-go_excel_p2p.json");
    assert_eq!(payment.payment_id, "493622150113497");
    let paid = payment.payment_amount.unwrap();
    assert_eq!(paid.decimal(), dec("100.00"));
    assert_eq!(paid.to_string(), "100.00");
    assert_eq!(paid.to_mnt(), Some(100));
    assert_eq!(payment.trx_fee, amount("1.00"));
    assert_eq!(payment.payment_type, PaymentType::P2p);
    assert_eq!(payment.object_type, Some(ObjectType::Invoice));
    assert_eq!(
        payment.object_id.as_deref(),
        Some("d50f49f2-9032-4a74-8929-530531f28f63")
    );
    let p2p = &payment.p2p_transactions[0];
    assert_eq!(
        (p2p.account_bank_code.as_deref(), p2p.amount),
        (Some("050000"), amount("99.00"))
    );
}

#[test]
fn cancel_and_refund_bodies_round_trip() {
    for name in [
        "payment_cancel_request__amraa1-qpay_client_openapi.json",
        "payment_cancel_request__developer-qpay-mn_via_mnpay-doc.json",
    ] {
        let request: PaymentCancelRequest = parse(name);
        assert_eq!(request.note.as_deref(), Some("butsaalt"));
        assert_round_trip::<PaymentCancelRequest>(name);
    }
    let name = "payment_refund_request__amraa1-qpay_client_openapi.json";
    let refund: PaymentRefundRequest = parse(name);
    assert_eq!((refund.note.as_deref(), refund.callback_url), (Some("Butsaalt"), None));
    assert_round_trip::<PaymentRefundRequest>(name);
}

#[test]
fn payment_list_request_by_invoice_code() {
    let name = "payment_list_request__amraa1-qpay_client_openapi.json";
    let request: PaymentListRequest = parse(name);
    assert_eq!(
        (request.object_type.clone(), request.object_id.as_str()),
        (ObjectType::Invoice, "TEST_INVOICE")
    );
    assert_eq!(
        request.offset.page_limit, 1000,
        "kept as sent; Offset::new would clamp it"
    );
    assert_round_trip::<PaymentListRequest>(name);
}

#[test]
fn ebarimt_create_request_round_trips() {
    let name = "ebarimt_create_request__amraa1-qpay_client_openapi.json";
    let request: EbarimtCreateRequest = parse(name);
    assert_eq!(request.payment_id, "858747721226956");
    assert_eq!(request.ebarimt_receiver_type, EbarimtReceiverType::Company);
    assert_round_trip::<EbarimtCreateRequest>(name);
}

#[test]
fn ebarimt_v3_create_and_cancel_answers() {
    let created: Ebarimt = parse("ebarimt_v3_create_response__techpartners-asia-qpay-go.json");
    assert_eq!(created.barimt_status, BarimtStatus::Registered);
    assert_eq!(created.g_payment_id.as_deref(), Some("019276866891878"));
    assert_eq!((created.amount, created.vat_amount), (amount("200.00"), amount("0.00")));
    assert_eq!(
        (created.paid_by, created.tax_type),
        (Some(PaymentType::P2p), Some(TaxType::NoVat))
    );
    assert_eq!(
        created.ebarimt_receipt_id.as_deref(),
        Some("030101065006000090690000210005595")
    );
    assert_eq!(created.status, Some(true));

    let canceled: Ebarimt = parse("ebarimt_v3_cancel_response__techpartners-asia-qpay-go.json");
    assert_eq!(canceled.barimt_status, BarimtStatus::Canceled);
    assert_eq!(canceled.vat_amount, amount("9.09"));
    assert_eq!(canceled.ebarimt_receiver_type, Some(EbarimtReceiverType::Citizen));
}

fn error_from(name: &str, status: u16) -> QpayError {
    QpayError::from_response(status, &text(name))
}

#[test]
fn both_spellings_of_no_credentials_are_auth_failures() {
    let production = error_from("error__no_credentials_prod__mnmonherdene1234-qpaygo.json", 401);
    let sandbox = error_from("error__no_credendials_sandbox__mnmonherdene1234-qpaygo.json", 401);
    for error in [&production, &sandbox] {
        assert!(error.is_auth_failure(), "{error:?}");
        assert_eq!(error.known_code(), ErrorCode::NoCredentials);
        assert!(!error.is_retryable());
    }
    assert_eq!(sandbox.code(), Some("NO_CREDENDIALS"));
    assert!(production.to_string().contains("Хандах эрхгүй байна"));
}

#[test]
fn payment_settled_error() {
    let error = error_from("error__payment_settled__developer-qpay-mn_via_mnpay-doc.json", 409);
    assert_eq!(error.code(), Some("PAYMENT_SETTLED"));
    assert_eq!(error.known_code(), ErrorCode::PaymentSettled);
    assert!(!error.is_not_found() && !error.is_retryable() && !error.is_auth_failure());
}

#[test]
fn nested_validation_error_becomes_validation_with_details() {
    let error = error_from(
        "error__validation_invoice_code_nested__mnmonherdene1234-qpaygo.json",
        400,
    );
    let QpayError::Api {
        status,
        code,
        message,
        details,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!((*status, code.as_str()), (400, "VALIDATION"));
    assert_eq!(message, "invoice_code: Invalid!");
    assert_eq!(details.as_ref().unwrap()["invoice_code"]["type"], "INVALID");
    assert_eq!(error.known_code(), ErrorCode::Validation);
}
