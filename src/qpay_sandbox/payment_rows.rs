//! How a payment looks in QPay's answers: a `payment/check` row, what `GET /v2/payment/{id}` and a `payment/list`
//! row both say, its method and wallet names, and its card or P2P legs (SPEC.md §4.1, §4.2, §4.4).

use serde_json::{Value, json};

use super::{
    banks,
    money::two_decimals,
    state::{PayMethod, Payment},
};

/// A `payment/check` row: `trx_fee` and `payment_type`, amounts as strings (SPEC.md §4.1).
pub(super) fn check_row(payment: &Payment) -> Value {
    json!({
        "payment_id": payment.id,
        "payment_status": payment.status,
        "payment_amount": two_decimals(payment.amount),
        "trx_fee": two_decimals(payment.fee),
        "payment_currency": "MNT",
        "payment_wallet": wallet(payment),
        "payment_type": method_name(payment),
        "next_payment_date": null,
        "next_payment_datetime": null,
        "card_transactions": card_transactions(payment),
        "p2p_transactions": p2p_transactions(payment),
    })
}

/// What `GET /v2/payment/{id}` (SPEC.md §4.2) and a `payment/list` row (§4.4) both say of a payment, `more` (an
/// object) added: amounts as strings like every payment row (§4.1), and `object_type` and `object_id` the payment's
/// invoice, `INVOICE` and its id.
pub(super) fn payment_row(payment: &Payment, more: Value) -> Value {
    let mut row = json!({
        "payment_id": payment.id,
        "payment_status": payment.status,
        "payment_fee": two_decimals(payment.fee),
        "payment_amount": two_decimals(payment.amount),
        "payment_currency": "MNT",
        "payment_date": payment.date,
        "payment_wallet": wallet(payment),
        "object_type": "INVOICE",
        "object_id": payment.invoice_id,
    });
    if let (Some(row), Value::Object(more)) = (row.as_object_mut(), more) {
        row.extend(more);
    }
    row
}

pub(super) fn method_name(payment: &Payment) -> &'static str {
    match payment.method {
        PayMethod::P2p => "P2P",
        PayMethod::Card => "CARD",
    }
}

fn wallet(payment: &Payment) -> &'static str {
    match payment.method {
        PayMethod::P2p => banks::p2p_bank(&payment.bank_code)
            .map(|(_, _, wallet)| wallet)
            .unwrap_or("qPay wallet"),
        PayMethod::Card => "qPay wallet",
    }
}

pub(super) fn card_transactions(payment: &Payment) -> Value {
    if payment.method != PayMethod::Card {
        return json!([]);
    }
    json!([{
        "card_type": "UNIONPAY",
        "is_cross_border": false,
        "amount": two_decimals(payment.amount),
        "currency": "MNT",
        "date": payment.date,
        "status": "SUCCESS",
        "settlement_status": "PENDING",
        "settlement_status_date": payment.date,
    }])
}

/// The P2P leg: `amount` is what reaches the merchant after the fee.
pub(super) fn p2p_transactions(payment: &Payment) -> Value {
    let Some((code, _, _)) = banks::p2p_bank(&payment.bank_code).filter(|_| payment.method == PayMethod::P2p) else {
        return json!([]);
    };
    json!([{
        "id": payment.id,
        "transaction_bank_code": code,
        "account_bank_code": "050000",
        "account_bank_name": "Хаан банк",
        "account_number": "50*******",
        "status": "SUCCESS",
        "amount": two_decimals(payment.amount - payment.fee),
        "currency": "MNT",
        "settlement_status": "SETTLED",
    }])
}
