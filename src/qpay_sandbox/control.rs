//! The control API for tests and developers, under `/_control/` (not part of QPay): pay an invoice (or one the shop
//! never made), inject faults, expire tokens, change callback behaviour, read counters, reset.

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    SharedSandbox, auth, callback,
    faults::FaultRule,
    invoices::other_till_invoice,
    money::read_amount,
    payments::{self, PayError},
    state::{PayMethod, Settings},
};

#[derive(Deserialize)]
pub struct PayRequest {
    invoice_id: String,
    /// Number or numeric string; what is still due when absent.
    #[serde(default)]
    amount: Option<Value>,
    #[serde(default = "p2p")]
    method: PayMethod,
    /// The payer's bank for P2P (e.g. `050000` Khan bank).
    #[serde(default)]
    bank_code: Option<String>,
}

fn p2p() -> PayMethod {
    PayMethod::P2p
}

/// `POST /_control/pay`: pays as a shopper's bank app would, then calls the merchant back.
pub async fn pay(State(sandbox): State<SharedSandbox>, Json(request): Json<PayRequest>) -> Response {
    let amount = match request.amount.as_ref().map(|a| read_amount(Some(a))) {
        Some(None) => return error(StatusCode::BAD_REQUEST, "amount must be a number or a numeric string"),
        Some(Some(amount)) => Some(amount),
        None => None,
    };
    let paid = payments::pay(
        &mut sandbox.lock(),
        &request.invoice_id,
        amount,
        request.method,
        request.bank_code.as_deref(),
    );
    match paid {
        Ok((payment, url)) => {
            callback::deliver(&sandbox, payment.id.clone(), url);
            Json(json!({
                "payment_id": payment.id,
                "payment_status": payment.status,
                "amount": payment.amount.to_string(),
            }))
            .into_response()
        }
        Err(PayError::NotFound) => error(StatusCode::NOT_FOUND, "no such invoice"),
        Err(other) => error(StatusCode::CONFLICT, &other.to_string()),
    }
}

#[derive(Deserialize)]
pub struct OtherPaymentRequest {
    /// Number or numeric string.
    amount: Value,
    #[serde(default = "p2p")]
    method: PayMethod,
}

/// `POST /_control/other_payment`: pays `amount` to an invoice the merchant made elsewhere, never through the shop
/// (`invoices::other_till_invoice`), so QPay's payment list has a payment the shop knows nothing of. Answers the
/// invoice and payment ids; nobody is called back.
pub async fn other_payment(State(sandbox): State<SharedSandbox>, Json(request): Json<OtherPaymentRequest>) -> Response {
    let Some(amount) = read_amount(Some(&request.amount)).filter(|amount| *amount > Decimal::ZERO) else {
        return error(
            StatusCode::BAD_REQUEST,
            "amount must be a positive number or numeric string",
        );
    };
    let mut guard = sandbox.lock();
    let invoice_id = other_till_invoice(&mut guard, amount);
    match payments::pay(&mut guard, &invoice_id, None, request.method, None) {
        Ok((payment, _nobody_to_call)) => Json(json!({
            "invoice_id": invoice_id,
            "payment_id": payment.id,
            "payment_status": payment.status,
            "amount": payment.amount.to_string(),
        }))
        .into_response(),
        Err(other) => error(StatusCode::CONFLICT, &other.to_string()),
    }
}

pub async fn counters(State(sandbox): State<SharedSandbox>) -> Json<Value> {
    let sandbox = sandbox.lock();
    let mut counters = serde_json::to_value(&sandbox.counters).unwrap_or_default();
    counters["seed"] = json!(sandbox.seed);
    Json(counters)
}

pub async fn add_fault(State(sandbox): State<SharedSandbox>, Json(rule): Json<FaultRule>) -> Json<Value> {
    let mut sandbox = sandbox.lock();
    sandbox.faults.push(rule);
    Json(json!({"faults": sandbox.faults}))
}

pub async fn faults(State(sandbox): State<SharedSandbox>) -> Json<Value> {
    Json(json!({"faults": sandbox.lock().faults}))
}

pub async fn clear_faults(State(sandbox): State<SharedSandbox>) -> Json<Value> {
    sandbox.lock().faults.clear();
    Json(json!({"faults": []}))
}

pub async fn expire_tokens(State(sandbox): State<SharedSandbox>) -> Json<Value> {
    let mut sandbox = sandbox.lock();
    auth::expire_all(&mut sandbox);
    Json(json!({"expired": sandbox.access_tokens.len() + sandbox.refresh_tokens.len()}))
}

pub async fn settings(State(sandbox): State<SharedSandbox>) -> Json<Settings> {
    Json(sandbox.lock().settings.clone())
}

/// `POST /_control/settings` with any subset of the settings, e.g. `{"callback": {"copies": 10}}`.
pub async fn change_settings(State(sandbox): State<SharedSandbox>, Json(patch): Json<Value>) -> Response {
    let mut sandbox = sandbox.lock();
    let mut merged = serde_json::to_value(&sandbox.settings).unwrap_or_default();
    merge(&mut merged, patch);
    match serde_json::from_value::<Settings>(merged) {
        Ok(settings) => {
            sandbox.settings = settings.clone();
            Json(settings).into_response()
        }
        Err(why) => error(StatusCode::BAD_REQUEST, &why.to_string()),
    }
}

#[derive(Deserialize, Default)]
pub struct ResetRequest {
    #[serde(default)]
    seed: Option<u64>,
}

/// `POST /_control/reset`: forgets invoices, payments, tokens, faults, settings and counters; reseeds.
pub async fn reset(State(sandbox): State<SharedSandbox>, body: Option<Json<ResetRequest>>) -> Json<Value> {
    let seed = body.and_then(|Json(r)| r.seed).unwrap_or_else(super::fresh_seed);
    sandbox.lock().reset(seed);
    Json(json!({"seed": seed}))
}

fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                merge(target.entry(key).or_insert(Value::Null), value);
            }
        }
        (target, patch) => *target = patch,
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"error": message}))).into_response()
}
