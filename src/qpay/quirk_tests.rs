//! One test per quirk of SPEC.md §9–10 that parsing must survive, each with the JSON written inline.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use std::str::FromStr;

use super::*;

fn parse<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e} in {json}"))
}

fn amount(text: &str) -> QpayAmount {
    QpayAmount::new(Decimal::from_str(text).unwrap())
}

#[test]
fn token_expires_in_is_an_absolute_epoch_second() {
    // §2.1, §10.1: the sandbox answered at 1769670125 with expires_in 24 h later, as an epoch, not a TTL.
    let token: TokenResponse = parse(
        r#"{"token_type":"bearer","refresh_expires_in":1769756525,"refresh_token":"r","access_token":"a",
            "expires_in":1769756525,"scope":"get_token","not-before-policy":"0","session_state":"prod_new"}"#,
    );
    assert_eq!(token.expires_in, 1_769_756_525);
    assert_eq!(token.not_before_policy.as_deref(), Some("0"));
    let numeric_policy: TokenResponse = parse(r#"{"access_token":"a","expires_in":1769756525,"not-before-policy":0}"#);
    assert_eq!(numeric_policy.not_before_policy.as_deref(), Some("0"));
    assert!(numeric_policy.refresh_token.is_none());
}

#[test]
fn unpaid_check_without_paid_amount_is_zero() {
    // §4.1, §10.5: production leaves paid_amount out when nothing is paid.
    let check: PaymentCheckResponse = parse(r#"{"count":0,"rows":[]}"#);
    assert_eq!(
        (check.count, check.paid_amount, check.rows.len()),
        (0, QpayAmount::ZERO, 0)
    );
    // Mocks send 0, and null costs nothing to accept.
    let check: PaymentCheckResponse = parse(r#"{"count":0,"paid_amount":0,"rows":[]}"#);
    assert!(check.paid_amount.is_zero());
    let check: PaymentCheckResponse = parse(r#"{"count":0,"paid_amount":null,"rows":null}"#);
    assert!(check.paid_amount.is_zero() && check.rows.is_empty());
}

#[test]
fn paid_amount_as_a_float_or_an_integer() {
    // §9: one SDK typed it int64 and broke on 150.5.
    let check: PaymentCheckResponse = parse(r#"{"count":1,"paid_amount":150.5,"rows":[]}"#);
    assert_eq!(check.paid_amount, amount("150.5"));
    assert_eq!(check.paid_amount.to_mnt(), None);
    let check: PaymentCheckResponse = parse(r#"{"count":1,"paid_amount":198081,"rows":[]}"#);
    assert_eq!(check.paid_amount.to_mnt(), Some(198_081));
}

#[test]
fn numbers_numeric_strings_and_null_in_one_invoice() {
    // §3.2, §10.4.
    let invoice: Invoice = parse(
        r#"{"invoice_id":"x","invoice_status":"OPEN","total_amount":"10.00","gross_amount":10,"minimum_amount":null}"#,
    );
    assert_eq!(invoice.total_amount, Some(amount("10.00")));
    assert_eq!(invoice.gross_amount, Some(amount("10")));
    assert_eq!(invoice.total_amount, invoice.gross_amount);
    assert_eq!(invoice.minimum_amount, None);
}

#[test]
fn the_captured_unpaid_invoice_parses_with_its_generated_line() {
    // The VONSCENT production capture of §3.2.
    let invoice: Invoice = parse(
        r#"{ "invoice_id": "c85af2b4-0000", "invoice_status": "OPEN", "sender_invoice_no": "VS-TEST-1788714468077",
  "invoice_description": "Test", "invoice_due_date": null, "enable_expiry": false,
  "expiry_date": "2026-09-06T17:07:48.599Z", "allow_partial": false, "minimum_amount": "0.00",
  "allow_exceed": false, "maximum_amount": "0.00", "total_amount": "10.00", "gross_amount": 10,
  "tax_amount": 0, "surcharge_amount": 0, "discount_amount": 0, "callback_url": "https://shop.mn/cb",
  "lines": [ { "line_description": "Test", "line_quantity": "1.00", "line_unit_price": "10.00",
               "taxes": [ { "tax_code": "VAT", "description": "НӨАТ", "amount": "20.0000" } ] } ],
  "transactions": [], "inputs": [], "note": null }"#,
    );
    assert_eq!(invoice.enable_expiry, Some(false));
    assert_eq!(invoice.minimum_amount, Some(QpayAmount::ZERO));
    assert_eq!(invoice.tax_amount, Some(QpayAmount::ZERO));
    let line = &invoice.lines[0];
    assert_eq!((line.line_quantity, line.line_unit_price), (amount("1"), amount("10")));
    assert_eq!(line.taxes[0].amount.to_string(), "20.0000");
}

#[test]
fn enable_expiry_as_a_string_is_read_as_a_flag() {
    // §9: QSDK types enable_expiry as "true"/"false".
    let invoice: Invoice = parse(r#"{"invoice_id":"x","enable_expiry":"false","allow_partial":"true"}"#);
    assert_eq!(
        (invoice.enable_expiry, invoice.allow_partial),
        (Some(false), Some(true))
    );
}

#[test]
fn a_p2p_payment_id_with_a_leading_zero_stays_a_string() {
    // §4.1: P2P ids are 15 digits and may start with 0.
    let payment: Payment =
        parse(r#"{"payment_id":"019276866891878","payment_status":"PAID","transaction_type":"P2P"}"#);
    assert_eq!(payment.payment_id, "019276866891878");
    // A number is turned into its digits rather than rejected.
    let payment: Payment = parse(r#"{"payment_id":912213777662363,"payment_status":"PAID"}"#);
    assert_eq!(payment.payment_id, "912213777662363");
    assert!(
        serde_json::from_str::<Payment>(r#"{"payment_status":"PAID"}"#).is_err(),
        "a payment needs an id"
    );
}

#[test]
fn unknown_statuses_are_kept_not_rejected() {
    let payment: Payment = parse(r#"{"payment_id":"1","payment_status":"PENDING","payment_type":"QPAY_WALLET"}"#);
    assert_eq!(payment.payment_status, PaymentStatus::Unknown("PENDING".into()));
    assert_eq!(payment.payment_type, PaymentType::Unknown("QPAY_WALLET".into()));
    let invoice: Invoice = parse(r#"{"invoice_id":"x","invoice_status":"EXPIRED"}"#);
    assert_eq!(invoice.invoice_status, InvoiceStatus::Unknown("EXPIRED".into()));
    assert_eq!(invoice.invoice_status.as_str(), "EXPIRED");
}

#[test]
fn canceled_is_read_with_one_l_or_two() {
    // §3.2: QPay sends CANCELED; one SDK's comment says CANCELLED.
    for status in ["CANCELED", "CANCELLED"] {
        let invoice: Invoice = parse(&format!(r#"{{"invoice_id":"x","invoice_status":"{status}"}}"#));
        assert_eq!(invoice.invoice_status, InvoiceStatus::Canceled, "{status}");
    }
    assert_eq!(
        serde_json::to_string(&InvoiceStatus::Canceled).unwrap(),
        r#""CANCELED""#
    );
    let closed: Invoice = parse(r#"{"invoice_id":"x","invoice_status":"CLOSED"}"#);
    assert!(closed.is_paid());
}

#[test]
fn refunded_is_read_in_both_spellings() {
    // §4.1, §9: REFUNDED, and REFUND in one SDK.
    for status in ["REFUNDED", "REFUND"] {
        let payment: Payment = parse(&format!(r#"{{"payment_id":"1","payment_status":"{status}"}}"#));
        assert_eq!(payment.payment_status, PaymentStatus::Refunded, "{status}");
    }
}

#[test]
fn sender_data_may_be_an_empty_string_an_object_or_null() {
    // §3.2: "These may be null, objects, or empty strings".
    let invoice: Invoice = parse(
        r#"{"invoice_id":"x","sender_branch_data":"","sender_staff_data":{"name":"Бат","phone":"99887766"},
            "sender_terminal_data":null}"#,
    );
    assert_eq!(invoice.sender_branch_data, Some(SenderData::Text(String::new())));
    assert_eq!(invoice.sender_branch_data.as_ref().and_then(SenderData::details), None);
    let staff = invoice
        .sender_staff_data
        .as_ref()
        .and_then(SenderData::details)
        .unwrap();
    assert_eq!(staff.name.as_deref(), Some("Бат"));
    assert_eq!(invoice.sender_terminal_data, None);
    let odd: Invoice = parse(r#"{"invoice_id":"x","sender_branch_data":[1,2]}"#);
    assert!(matches!(odd.sender_branch_data, Some(SenderData::Other(_))));
}

#[test]
fn partial_payments_come_as_several_rows_summing_to_paid_amount() {
    // §10.10: compare paid_amount with the invoice total, not rows[0].
    let check: PaymentCheckResponse = parse(
        r#"{"count":2,"paid_amount":150.5,"rows":[
            {"payment_id":"912213777662363","payment_status":"PARTIAL","payment_amount":"100.00","trx_fee":"1.00",
             "payment_currency":"MNT","payment_wallet":"Хаан банк апп","payment_type":"P2P",
             "card_transactions":[],"p2p_transactions":[{"id":"1","amount":"99.00","settlement_status":"PENDING"}]},
            {"payment_id":"019276866891878","payment_status":"PARTIAL","payment_amount":"50.50","trx_fee":"0.00",
             "payment_currency":"MNT","payment_wallet":"Хас банк апп","payment_type":"P2P",
             "card_transactions":null,"p2p_transactions":[]}]}"#,
    );
    assert_eq!(check.count, 2);
    assert!(
        check
            .rows
            .iter()
            .all(|row| row.payment_status == PaymentStatus::Partial)
    );
    let sum = check
        .rows
        .iter()
        .filter_map(|row| row.payment_amount)
        .try_fold(QpayAmount::ZERO, QpayAmount::checked_add)
        .unwrap();
    assert_eq!(sum, check.paid_amount);
    assert_eq!(check.rows[1].payment_id, "019276866891878");
}

#[test]
fn an_error_body_that_is_not_json_is_a_decode_error_keeping_it() {
    // §7: proxies answer with their own pages.
    let page = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>nginx/1.28.0</body>\r\n</html>";
    let error = QpayError::from_response(504, page);
    assert!(
        matches!(&error, QpayError::Decode { status: 504, body, .. } if body == page),
        "{error:?}"
    );
    assert!(error.is_retryable());
    let error = QpayError::from_response(500, "");
    assert!(matches!(&error, QpayError::Decode { body, .. } if body.is_empty()));
}

#[test]
fn fractional_amounts_parse_exactly_as_strings_and_as_numbers() {
    // §4.1 "1980.81" fee, §3.1 "89.2857" VAT.
    let expected_fee = Decimal::from_str("1980.81").unwrap();
    let expected_vat = Decimal::from_str("89.2857").unwrap();
    let payment: Payment = parse(r#"{"payment_id":"1","payment_amount":"198081.00","trx_fee":"1980.81"}"#);
    assert_eq!(payment.trx_fee.unwrap().decimal(), expected_fee);
    assert_eq!(payment.payment_amount.unwrap().to_mnt(), Some(198_081));
    let payment: Payment = parse(r#"{"payment_id":"1","trx_fee":1980.81}"#);
    assert_eq!(payment.trx_fee.unwrap().decimal(), expected_fee);
    let tax: LineTax = parse(r#"{"tax_code":"VAT","description":"НӨАТ","amount":"89.2857"}"#);
    assert_eq!(tax.amount.decimal(), expected_vat);
    let tax: LineTax = parse(r#"{"tax_code":"CITY_TAX","description":"НХАТ","amount":89.2857}"#);
    assert_eq!((tax.amount.decimal(), tax.tax_code), (expected_vat, TaxCode::CityTax));
}

#[test]
fn a_row_with_both_sets_of_names_parses_and_prefers_the_current_ones() {
    // §4.1: TSETSEE models both name sets; a body carrying both must not be a duplicate-field error.
    let payment: Payment = parse(
        r#"{"payment_id":"1","payment_status":"PAID","trx_fee":"2.00","payment_fee":"1.00",
            "payment_type":"CARD","transaction_type":"P2P"}"#,
    );
    assert_eq!(
        (payment.trx_fee, payment.payment_type),
        (Some(amount("2")), PaymentType::Card)
    );
}

#[test]
fn payment_list_rows_say_paid_by() {
    // §4.4.
    let list: PaymentListResponse = parse(
        r#"{"count":1,"rows":[{"payment_id":"593744473409193","payment_date":"2020-10-19T08:58:46.641Z",
            "payment_status":"PAID","payment_fee":"1.00","payment_amount":"100.00","payment_currency":"MNT",
            "payment_wallet":"qPay wallet","payment_name":"x","payment_description":"y","qr_code":"",
            "paid_by":"P2P","object_type":"INVOICE","object_id":"TEST_INVOICE"}]}"#,
    );
    let row = &list.rows[0];
    assert_eq!(
        (row.paid_by.clone(), row.payment_fee),
        (PaymentType::P2p, Some(amount("1.00")))
    );
    assert_eq!(row.object_type, Some(ObjectType::Invoice));
}

#[test]
fn qr_image_has_no_data_prefix_and_gets_one_for_html() {
    // §10.18; mocks add the prefix themselves, which must not be doubled.
    let plain: InvoiceCreated = parse(r#"{"invoice_id":"x","qr_text":"0002","qr_image":"iVBORw0KGgo="}"#);
    assert_eq!(plain.qr_image_data_uri(), "data:image/png;base64,iVBORw0KGgo=");
    let prefixed: InvoiceCreated =
        parse(r#"{"invoice_id":"x","qr_text":"0002","qr_image":"data:image/png;base64,iVBORw0KGgo="}"#);
    assert_eq!(prefixed.qr_image_data_uri(), plain.qr_image_data_uri());
    assert_eq!(plain.qr_image_png().unwrap()[..4], [0x89, b'P', b'N', b'G']);
}

#[test]
fn nested_validation_of_the_offset() {
    // §4.1, §7: a page_limit of 0 gives MIN_NUMBER in the nested shape.
    let error = QpayError::from_response(
        400,
        r#"{"error":{"page_limit":{"type":"MIN_NUMBER","message":"Number min value [1]!"}},
            "message":{"page_limit":{"type":"MIN_NUMBER","message":"Number min value [1]!"}}}"#,
    );
    assert_eq!(error.code(), Some("VALIDATION"));
    assert!(error.to_string().contains("page_limit: Number min value [1]!"));
}

#[test]
fn an_unknown_invoice_answers_422_and_reads_as_not_found() {
    // §3.2: unknown invoices are 422, not 404.
    let error = QpayError::from_response(422, r#"{"error":"INVOICE_NOTFOUND","message":"Нэхэмжлэл олдсонгүй"}"#);
    assert!(error.is_not_found());
    assert_eq!(
        error.known_code().message(crate::i18n::Lang::Mn),
        "Нэхэмжлэл олдсонгүй."
    );
}
