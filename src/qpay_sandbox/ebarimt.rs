//! E-barimt (VAT receipt) endpoints, both generations: `/v2/ebarimt/*` and `/v2/ebarimt_v3/*` (SPEC.md §5).
//! The sandbox's `500 TypeError` is a fault rule away (`{"path_prefix":"/v2/ebarimt","status":500,"error":"TypeError"}`).

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};
use serde_json::{Value, json};

use super::{
    ApiError, SharedSandbox, auth,
    money::two_decimals,
    payments::payment_of,
    state::{PayMethod, Sandbox, iso_now},
};

pub async fn create(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Result<Json<Value>, ApiError> {
    issue(&sandbox, &headers, &request)
}

pub async fn create_v3(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Result<Json<Value>, ApiError> {
    issue(&sandbox, &headers, &request)
}

fn issue(sandbox: &SharedSandbox, headers: &HeaderMap, request: &Value) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    auth::authorize(&sandbox, headers)?;
    let payment_id = request
        .get("payment_id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let receiver_type = request
        .get("ebarimt_receiver_type")
        .and_then(Value::as_str)
        .unwrap_or("CITIZEN")
        .to_owned();
    let receiver = request
        .get("ebarimt_receiver")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if !matches!(receiver_type.as_str(), "CITIZEN" | "COMPANY") {
        return Err(ApiError::validation(
            [(
                "ebarimt_receiver_type".to_owned(),
                json!({"type": "INVALID", "message": "Invalid!"}),
            )]
            .into_iter()
            .collect(),
        ));
    }
    let payment = payment_of(&sandbox, &payment_id)?.clone();
    let id = sandbox.uuid();
    let lottery = format!(
        "{} {}",
        sandbox.random_text(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2),
        sandbox.random_text(b"0123456789", 8)
    );
    let qr_data = sandbox.random_text(b"0123456789", 20);
    let receipt_id = sandbox.random_text(b"0123456789", 33);
    let receipt = json!({
        "id": id,
        "ebarimt_by": "QPAY",
        "ebarimt_receiver_type": receiver_type,
        "ebarimt_receiver": receiver,
        "ebarimt_district_code": request.get("district_code").cloned().unwrap_or(json!("3505")),
        "merchant_branch_code": "BRANCH1",
        "merchant_staff_code": "online",
        "merchant_register_no": "5395305",
        "g_payment_id": payment.id,
        "paid_by": if payment.method == PayMethod::P2p { "P2P" } else { "CARD" },
        "object_type": "INVOICE",
        "object_id": payment.invoice_id,
        "amount": two_decimals(payment.amount),
        "vat_amount": two_decimals((payment.amount / rust_decimal::Decimal::from(11)).round_dp(2)),
        "city_tax_amount": "0.00",
        "ebarimt_qr_data": qr_data,
        "ebarimt_lottery": lottery,
        "barimt_status": "REGISTERED",
        "barimt_status_date": iso_now(),
        "ebarimt_receiver_phone": masked(&receiver),
        "tax_type": "1",
        "merchant_tin": "30101065006",
        "ebarimt_receipt_id": receipt_id,
        "status": true,
    });
    sandbox.receipts.insert(id, receipt.clone());
    Ok(Json(receipt))
}

pub async fn get(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    sandbox
        .receipts
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(barimt_not_found)
}

/// `DELETE /v2/ebarimt/{barimt_id}`. QPay answers an unknown id with 500 `SYSTEM_BUSY` (SPEC.md §5).
pub async fn cancel(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    mark_canceled(&mut sandbox, |receipt| receipt["id"] == id.as_str())
        .ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "SYSTEM_BUSY", "SYSTEM_BUSY"))
}

/// `DELETE /v2/ebarimt_v3/{payment_id}`.
pub async fn cancel_v3(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(payment_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    mark_canceled(&mut sandbox, |receipt| receipt["g_payment_id"] == payment_id.as_str()).ok_or_else(barimt_not_found)
}

fn mark_canceled(sandbox: &mut Sandbox, which: impl Fn(&Value) -> bool) -> Option<Json<Value>> {
    let receipt = sandbox.receipts.values_mut().find(|receipt| which(receipt))?;
    receipt["barimt_status"] = json!("CANCELED");
    receipt["barimt_status_date"] = json!(iso_now());
    Some(Json(receipt.clone()))
}

/// The receiver as the receipt shows it, partly hidden: `88614450` → `88*144*0` (SPEC.md §5).
fn masked(receiver: &str) -> String {
    receiver
        .chars()
        .enumerate()
        .map(|(i, c)| if i % 4 == 2 { '*' } else { c })
        .collect()
}

fn barimt_not_found() -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "BARIMT_NOT_FOUND", "Баримт олдсонгүй")
}
