//! `POST /v2/payment/list` (SPEC.md §4.4): the merchant's payments, scoped by the invoice code (INVOICE), the
//! merchant id (MERCHANT) or a QR, optionally between two dates, in pages; `count` is every row that matches,
//! `rows` the page asked for.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use serde_json::{Map, Value, json};
use time::{
    OffsetDateTime, PrimitiveDateTime, UtcOffset, format_description::well_known::Rfc3339, macros::format_description,
};

use super::{
    ApiError, SharedSandbox, auth,
    payment_rows::{method_name, payment_row},
    payments::offset,
    state::{Invoice, Payment},
};

/// INVOICE takes the invoice *code*, MERCHANT the token's merchant id; anything else is refused with 401
/// `PERMISSION_DENIED` (SPEC.md §4.4, §10.14).
pub async fn list(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Result<Json<Value>, ApiError> {
    let sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    let (page, limit) = offset(&request)?;
    let (from, until) = window(&request)?;
    let object_type = request.get("object_type").and_then(Value::as_str).unwrap_or("");
    let object_id = request.get("object_id").and_then(Value::as_str).unwrap_or("");
    let allowed = match object_type {
        "MERCHANT" => object_id == auth::MERCHANT_ID,
        "INVOICE" => object_id == sandbox.config.invoice_code,
        "QR" => sandbox.invoices.values().any(|i| i.qr_text == object_id),
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_OBJECT_TYPE",
                "INVALID_OBJECT_TYPE",
            ));
        }
    };
    if !allowed {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "PERMISSION_DENIED",
            "PERMISSION_DENIED",
        ));
    }
    let rows: Vec<Value> = sandbox
        .payments
        .iter()
        .filter(|p| paid_between(p, from, until))
        .filter_map(|p| {
            let invoice = sandbox.invoices.get(&p.invoice_id)?;
            (object_type != "QR" || invoice.qr_text == object_id).then(|| row(p, invoice))
        })
        .collect();
    let count = rows.len();
    let page_rows: Vec<Value> = rows.into_iter().skip((page - 1) * limit).take(limit).collect();
    Ok(Json(json!({"count": count, "rows": page_rows})))
}

/// A row with the fields SPEC.md §4.4 lists: those `GET /v2/payment/{id}` has too (`payment_row`), and the
/// invoice's description and QR, the P2P/CARD field named `paid_by`. SPEC.md §4.4 names `object_type` and
/// `object_id` but not what they hold; here they are the payment's invoice, `INVOICE` and its invoice id, as
/// `GET /v2/payment/{id}` answers them (§4.2), whatever the listing was scoped by (the invoice *code* of an INVOICE
/// listing names no single invoice).
fn row(payment: &Payment, invoice: &Invoice) -> Value {
    let more = json!({
        "payment_name": invoice.description,
        "payment_description": invoice.description,
        "qr_code": invoice.qr_text,
        "paid_by": method_name(payment),
    });
    payment_row(payment, more)
}

/// `start_date` and `end_date`, `"YYYY-MM-DD HH:mm:ss"` (SPEC.md §4.4, [sdk]). SPEC.md does not say in which time
/// zone; the emulator reads them as Ulaanbaatar time (UTC+8), QPay's own, and takes each end's whole second.
/// A date in another form is refused with the nested validation shape (SPEC.md §7).
fn window(request: &Value) -> Result<(Option<OffsetDateTime>, Option<OffsetDateTime>), ApiError> {
    let mut problems = Map::new();
    let mut read = |name: &str| -> Option<OffsetDateTime> {
        let text = request
            .get(name)
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())?;
        let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        let ub = UtcOffset::from_hms(8, 0, 0).ok()?;
        match PrimitiveDateTime::parse(text.trim(), format) {
            Ok(local) => Some(local.assume_offset(ub)),
            Err(_) => {
                problems.insert(
                    name.into(),
                    json!({"type": "INVALID_DATE", "message": "Date format [YYYY-MM-DD HH:mm:ss]!"}),
                );
                None
            }
        }
    };
    let (from, until) = (read("start_date"), read("end_date"));
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    Ok((from, until.map(|end| end + time::Duration::SECOND)))
}

/// Whether the payment was made in `[from, until)`; a bound not given does not limit.
fn paid_between(payment: &Payment, from: Option<OffsetDateTime>, until: Option<OffsetDateTime>) -> bool {
    let Ok(date) = OffsetDateTime::parse(&payment.date, &Rfc3339) else {
        return from.is_none() && until.is_none();
    };
    from.is_none_or(|from| date >= from) && until.is_none_or(|until| date < until)
}
