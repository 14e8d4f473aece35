//! Paying an invoice (what a bank app does), and the payment endpoints: check, get, cancel, refund (SPEC.md §4);
//! the list is `payment_list.rs`.

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::{
    ApiError, SharedSandbox, auth, banks,
    invoices::invoice_not_found,
    money::json_number,
    payment_rows::{card_transactions, check_row, method_name, p2p_transactions, payment_row},
    state::{InvoiceStatus, PayMethod, Payment, Sandbox, iso_now},
};

/// QPay keeps about 1% of a payment (SPEC.md §4.1).
const FEE_PERCENT: i64 = 1;

/// Why an invoice could not be paid.
#[derive(Debug, thiserror::Error)]
pub enum PayError {
    #[error("no such invoice")]
    NotFound,
    #[error("the invoice is {0:?}")]
    NotOpen(InvoiceStatus),
    #[error("the amount must be positive")]
    NotPositive,
    #[error("the invoice does not allow partial payment; {0} is due")]
    PartialNotAllowed(Decimal),
    #[error("the invoice does not allow paying more than the {0} due")]
    ExceedNotAllowed(Decimal),
    #[error("unknown bank code {0}")]
    UnknownBank(String),
}

/// Records a payment of `amount` (default: what is still due) and closes the invoice once it is fully paid.
/// Returns the payment and the URL to call the merchant back at, with `qpay_payment_id` appended (SPEC.md §6).
pub fn pay(
    sandbox: &mut Sandbox,
    invoice_id: &str,
    amount: Option<Decimal>,
    method: PayMethod,
    bank_code: Option<&str>,
) -> Result<(Payment, String), PayError> {
    let bank_code = bank_code.unwrap_or("050000").to_owned();
    if method == PayMethod::P2p && banks::p2p_bank(&bank_code).is_none() {
        return Err(PayError::UnknownBank(bank_code));
    }
    let paid_before = sandbox.paid_total(invoice_id);
    let invoice = sandbox.invoices.get(invoice_id).ok_or(PayError::NotFound)?;
    if invoice.status != InvoiceStatus::Open {
        return Err(PayError::NotOpen(invoice.status));
    }
    let due = invoice.amount - paid_before;
    let amount = amount.unwrap_or(due);
    if amount <= Decimal::ZERO {
        return Err(PayError::NotPositive);
    }
    if amount < due && !invoice.allow_partial {
        return Err(PayError::PartialNotAllowed(due));
    }
    let allow_exceed = invoice
        .request
        .get("allow_exceed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if amount > due && !allow_exceed {
        return Err(PayError::ExceedNotAllowed(due));
    }
    let fully_paid = amount >= due;
    let callback_url = invoice.callback_url.clone();
    let id = match method {
        PayMethod::P2p => sandbox.p2p_payment_id(),
        PayMethod::Card => sandbox.uuid(),
    };
    let payment = Payment {
        id: id.clone(),
        invoice_id: invoice_id.to_owned(),
        status: if fully_paid { "PAID" } else { "PARTIAL" },
        amount,
        fee: (amount * Decimal::new(FEE_PERCENT, 2)).round_dp(2),
        method,
        bank_code,
        date: iso_now(),
    };
    if fully_paid && let Some(invoice) = sandbox.invoices.get_mut(invoice_id) {
        invoice.status = InvoiceStatus::Closed;
    }
    sandbox.payments.push(payment.clone());
    let separator = if callback_url.contains('?') { '&' } else { '?' };
    Ok((payment, format!("{callback_url}{separator}qpay_payment_id={id}")))
}

/// `POST /v2/payment/check`: `{"count":0,"rows":[]}` with no `paid_amount` while unpaid (SPEC.md §4.1).
pub async fn check(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Result<Json<Value>, ApiError> {
    let sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    let (page, limit) = offset(&request)?;
    let object_type = request.get("object_type").and_then(Value::as_str).unwrap_or("");
    let object_id = request.get("object_id").and_then(Value::as_str).unwrap_or("");
    let invoice_ids: Vec<&str> = match object_type {
        "INVOICE" => sandbox
            .invoices
            .get(object_id)
            .map(|i| vec![i.id.as_str()])
            .unwrap_or_default(),
        "QR" => sandbox
            .invoices
            .values()
            .filter(|i| i.qr_text == object_id)
            .map(|i| i.id.as_str())
            .collect(),
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_OBJECT_TYPE",
                "INVALID_OBJECT_TYPE",
            ));
        }
    };
    let payments: Vec<&Payment> = sandbox
        .payments
        .iter()
        .filter(|p| invoice_ids.contains(&p.invoice_id.as_str()))
        .collect();
    if payments.is_empty() {
        return Ok(Json(json!({"count": 0, "rows": []})));
    }
    let paid: Decimal = payments
        .iter()
        .filter(|p| matches!(p.status, "PAID" | "PARTIAL"))
        .map(|p| p.amount)
        .sum();
    let rows: Vec<Value> = payments
        .iter()
        .skip((page - 1) * limit)
        .take(limit)
        .map(|p| check_row(p))
        .collect();
    Ok(Json(
        json!({"count": payments.len(), "paid_amount": json_number(paid), "rows": rows}),
    ))
}

/// `GET /v2/payment/{id}`: the §4.2 shape, with `payment_fee` and `transaction_type` instead of the check's names.
pub async fn get(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    let payment = sandbox
        .payments
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(payment_not_found)?;
    let more = json!({
        "next_payment_date": null,
        "next_payment_datetime": null,
        "transaction_type": method_name(payment),
        "card_transactions": card_transactions(payment),
        "p2p_transactions": p2p_transactions(payment),
    });
    Ok(Json(payment_row(payment, more)))
}

pub async fn cancel(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    reverse(&sandbox, &headers, &id, "CANCELED")
}

pub async fn refund(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    reverse(&sandbox, &headers, &id, "REFUNDED")
}

/// Cancel and refund work for card payments only; a bank-app (P2P) payment is already settled (SPEC.md §4.3).
fn reverse(
    sandbox: &SharedSandbox,
    headers: &HeaderMap,
    id: &str,
    status: &'static str,
) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    auth::authorize(&sandbox, headers)?;
    let payment = sandbox
        .payments
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(payment_not_found)?;
    if payment.method == PayMethod::P2p {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "PAYMENT_SETTLED",
            "PAYMENT_SETTLED",
        ));
    }
    if matches!(payment.status, "CANCELED" | "REFUNDED") {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "PAYMENT_ALREADY_CANCELED",
            "PAYMENT_ALREADY_CANCELED",
        ));
    }
    payment.status = status;
    Ok(Json(json!({})))
}

pub fn payment_not_found() -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "PAYMENT_NOTFOUND", "Төлбөр олдсонгүй")
}

/// `offset.page_number` and `offset.page_limit` must be 1..=100 when sent (SPEC.md §4.1, §10 item 13).
pub(super) fn offset(request: &Value) -> Result<(usize, usize), ApiError> {
    let Some(offset) = request.get("offset").filter(|o| !o.is_null()) else {
        return Ok((1, 100));
    };
    let mut problems = Map::new();
    let mut read = |name: &str| -> usize {
        let value = offset.get(name).and_then(Value::as_i64).unwrap_or(0);
        if value < 1 {
            problems.insert(
                name.into(),
                json!({"type": "MIN_NUMBER", "message": "Number min value [1]!"}),
            );
        } else if value > 100 {
            problems.insert(
                name.into(),
                json!({"type": "MAX_NUMBER", "message": "Number max value [100]!"}),
            );
        }
        value.clamp(1, 100) as usize
    };
    let (page, limit) = (read("page_number"), read("page_limit"));
    if problems.is_empty() {
        Ok((page, limit))
    } else {
        Err(ApiError::validation(problems))
    }
}

/// The invoice a payment belongs to must exist (used by the e-barimt endpoints).
pub fn payment_of<'a>(sandbox: &'a Sandbox, id: &str) -> Result<&'a Payment, ApiError> {
    let payment = sandbox
        .payments
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(payment_not_found)?;
    sandbox
        .invoices
        .get(&payment.invoice_id)
        .ok_or_else(invoice_not_found)?;
    Ok(payment)
}
