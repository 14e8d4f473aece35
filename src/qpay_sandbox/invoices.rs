//! `POST /v2/invoice`, `GET /v2/invoice/{id}`, `DELETE /v2/invoice/{id}` (SPEC.md §3).

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::{
    ApiError, SharedSandbox, auth, banks, emv,
    money::{json_number, qr_amount, read_amount, two_decimals},
    state::{Invoice, InvoiceStatus, Sandbox, iso_now},
};

/// The sandbox merchant's QR account (tag 15), as in QPay's sandbox QRs (SPEC.md §3.1).
const MERCHANT_ACCOUNT: &str = "279404962794049600000000KKTQPAY";
const MERCHANT_NAME: &str = "TEST_MERCHANT";

pub async fn create(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    let fields = request.as_object().cloned().unwrap_or_default();
    validate_required(&fields)?;
    if text(&fields, "invoice_code") != sandbox.config.invoice_code {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVOICE_CODE_INVALID",
            "Нэхэмжлэлийн код буруу байна.",
        ));
    }
    let lines = lines_of(&fields)?;
    let lines_sum: Decimal = lines.iter().map(gross_of).sum();
    let amount = match read_amount(fields.get("amount")) {
        Some(amount) => amount,
        None => lines_sum,
    };
    // The lines must say the amount one way only: Σ quantity × unit price is the amount, exactly, whatever
    // `discounts`, `surcharges` or `taxes` they carry, as SPEC.md §3.1 lists those but not how QPay reads them (a
    // discount per line or per unit, taxes inside the amount or on top). A line priced below nothing (a discount as a
    // negative line) or lines that do not add up to the amount are refused as QPay refuses a bad amount (SPEC.md
    // §3.1, INVALID_AMOUNT). SPEC.md does not list these cases; this is our reading of INVALID_AMOUNT, strict so that
    // an invoice the emulator takes is one whose lines cannot be read as another amount.
    let bad_line = lines.iter().any(|line| {
        let parts = [
            read_amount(line.get("line_quantity")),
            read_amount(line.get("line_unit_price")),
        ];
        parts.iter().any(|part| part.is_none_or(|value| value < Decimal::ZERO))
    });
    let mismatch = !lines.is_empty() && amount != lines_sum;
    if amount <= Decimal::ZERO || bad_line || mismatch {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_AMOUNT",
            "Дүн буруу байна.",
        ));
    }

    // `sender_invoice_no` is not unique-checked: a repeat gets a new invoice (SPEC.md §3.1).
    let id = sandbox.uuid();
    let sender_invoice_no = text(&fields, "sender_invoice_no");
    let description = text(&fields, "invoice_description");
    let reference: String = description
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(25)
        .collect();
    let qr_text = open_invoice(
        &mut sandbox,
        NewInvoice {
            id: id.clone(),
            reference: if reference.is_empty() {
                sender_invoice_no.clone()
            } else {
                reference
            },
            sender_invoice_no,
            description,
            amount,
            callback_url: text(&fields, "callback_url"),
            allow_partial: fields.get("allow_partial").and_then(Value::as_bool).unwrap_or(false),
            lines,
            request,
        },
    );
    let short_url = format!("{}/pay/{id}", sandbox.config.public_base);
    Ok(Json(json!({
        "invoice_id": id,
        "qr_text": qr_text,
        "qr_image": emv::qr_png_base64(&qr_text),
        "qPay_shortUrl": short_url,
        "urls": banks::deep_links(&sandbox.config.public_base, &qr_text),
    })))
}

/// An invoice the merchant made elsewhere (QPay's portal, a QR printed for the counter), not through this API: the
/// control API pays it, so the payment shows in `payment/list` though the shop never asked for the invoice. Nobody
/// is called back for it. Returns its id.
pub(super) fn other_till_invoice(sandbox: &mut Sandbox, amount: Decimal) -> String {
    let id = sandbox.uuid();
    let sender_invoice_no = format!("TILL-{}", &id[..8]);
    let description = format!("Counter sale {sender_invoice_no}");
    let request = json!({"invoice_code": sandbox.config.invoice_code, "amount": two_decimals(amount)});
    open_invoice(
        sandbox,
        NewInvoice {
            id: id.clone(),
            reference: sender_invoice_no.clone(),
            sender_invoice_no,
            description,
            amount,
            callback_url: String::new(),
            allow_partial: false,
            lines: Vec::new(),
            request,
        },
    );
    id
}

/// An invoice as asked for, through the API (`create`) or at the till (`other_till_invoice`), before it has a QR.
struct NewInvoice {
    id: String,
    sender_invoice_no: String,
    description: String,
    /// The QR's reference (tag 62/05): the description's letters and digits, or the invoice's number.
    reference: String,
    amount: Decimal,
    callback_url: String,
    allow_partial: bool,
    /// As sent; none for QPay's one line from the description.
    lines: Vec<Value>,
    request: Value,
}

/// Stores `new` as an open invoice, with its QR (a new terminal reference each) and its lines, and gives back the
/// QR's text. One making for both ways an invoice comes, so one from the till reads in every answer as one the API
/// made.
fn open_invoice(sandbox: &mut Sandbox, new: NewInvoice) -> String {
    let terminal_ref = sandbox.random_text(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20);
    let qr_text = emv::qr_text(&emv::QrPayload {
        merchant_account: MERCHANT_ACCOUNT,
        merchant_name: MERCHANT_NAME,
        amount: &qr_amount(new.amount),
        sender_invoice_no: &new.sender_invoice_no,
        reference: &new.reference,
        terminal_ref: &terminal_ref,
    });
    let lines = if new.lines.is_empty() {
        // QPay writes one line from the description when none were sent (SPEC.md §3.2).
        vec![json!({
            "line_description": new.description,
            "line_quantity": "1.00",
            "line_unit_price": two_decimals(new.amount),
        })]
    } else {
        new.lines
    };
    let invoice = Invoice {
        id: new.id.clone(),
        request: new.request,
        sender_invoice_no: new.sender_invoice_no,
        description: new.description,
        amount: new.amount,
        callback_url: new.callback_url,
        status: InvoiceStatus::Open,
        allow_partial: new.allow_partial,
        created_at: iso_now(),
        lines,
        qr_text: qr_text.clone(),
    };
    sandbox.invoices.insert(new.id, invoice);
    qr_text
}

pub async fn get(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    let invoice = sandbox.invoices.get(&id).ok_or_else(invoice_not_found)?;
    Ok(Json(invoice_json(invoice)))
}

pub async fn cancel(
    State(sandbox): State<SharedSandbox>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    auth::authorize(&sandbox, &headers)?;
    let invoice = sandbox.invoices.get_mut(&id).ok_or_else(invoice_not_found)?;
    match invoice.status {
        InvoiceStatus::Canceled => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVOICE_ALREADY_CANCELED",
            "Нэхэмжлэл цуцлагдсан байна.",
        )),
        InvoiceStatus::Closed => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVOICE_PAID",
            "Нэхэмжлэл төлөгдсөн байна.",
        )),
        InvoiceStatus::Open => {
            invoice.status = InvoiceStatus::Canceled;
            // The success body is an empty object (SPEC.md §3.3).
            Ok(Json(json!({})))
        }
    }
}

pub fn invoice_not_found() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "INVOICE_NOTFOUND",
        "Нэхэмжлэл олдсонгүй",
    )
}

/// The GET shape, with QPay's mixed types: `total_amount` a string, `gross_amount` and the other sums numbers,
/// `minimum_amount`/`maximum_amount` `"0.00"` or null, and an `expiry_date` even without expiry (SPEC.md §3.2).
fn invoice_json(invoice: &Invoice) -> Value {
    let request = &invoice.request;
    let field = |name: &str| request.get(name).cloned().unwrap_or(Value::Null);
    let limit = |name: &str| {
        read_amount(request.get(name))
            .map(|a| Value::from(two_decimals(a)))
            .unwrap_or(json!("0.00"))
    };
    json!({
        "invoice_id": invoice.id,
        "invoice_status": invoice.status,
        "sender_invoice_no": invoice.sender_invoice_no,
        "sender_branch_code": field("sender_branch_code"),
        "sender_branch_data": field("sender_branch_data"),
        "sender_staff_code": field("sender_staff_code"),
        "sender_staff_data": field("sender_staff_data"),
        "sender_terminal_code": field("sender_terminal_code"),
        "sender_terminal_data": field("sender_terminal_data"),
        "invoice_description": invoice.description,
        "invoice_due_date": field("invoice_due_date"),
        "enable_expiry": request.get("enable_expiry").and_then(Value::as_bool).unwrap_or(false),
        "expiry_date": request.get("expiry_date").cloned().unwrap_or_else(|| json!(invoice.created_at)),
        "allow_partial": invoice.allow_partial,
        "minimum_amount": limit("minimum_amount"),
        "allow_exceed": request.get("allow_exceed").and_then(Value::as_bool).unwrap_or(false),
        "maximum_amount": limit("maximum_amount"),
        "total_amount": two_decimals(invoice.amount),
        // Σ quantity × unit price, which is the total; the lines' discounts and surcharges are told as sent and
        // change no amount.
        "gross_amount": json_number(invoice.lines.iter().map(gross_of).sum()),
        "tax_amount": 0,
        "surcharge_amount": sum_over_lines(&invoice.lines, "surcharges"),
        "discount_amount": sum_over_lines(&invoice.lines, "discounts"),
        "callback_url": invoice.callback_url,
        "note": field("note"),
        "lines": invoice.lines,
        "transactions": [],
        "inputs": [],
    })
}

/// Missing required fields answer with QPay's nested validation body (SPEC.md §7).
fn validate_required(fields: &Map<String, Value>) -> Result<(), ApiError> {
    let mut problems = Map::new();
    let has_lines = fields
        .get("lines")
        .and_then(Value::as_array)
        .is_some_and(|l| !l.is_empty());
    for (name, max) in [
        ("invoice_code", 45),
        ("sender_invoice_no", 45),
        ("invoice_receiver_code", 45),
        ("invoice_description", 255),
        ("callback_url", 255),
    ] {
        let value = fields.get(name).and_then(Value::as_str).unwrap_or("");
        if value.trim().is_empty() {
            problems.insert(name.into(), json!({"type": "REQUIRED", "message": "Required!"}));
        } else if value.chars().count() > max {
            problems.insert(
                name.into(),
                json!({"type": "MAX_LENGTH", "message": format!("Max length [{max}]!")}),
            );
        }
    }
    if !has_lines && read_amount(fields.get("amount")).is_none() {
        problems.insert("amount".into(), json!({"type": "REQUIRED", "message": "Required!"}));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(problems))
    }
}

/// Lines as sent, each checked to have a description, a quantity and a unit price.
fn lines_of(fields: &Map<String, Value>) -> Result<Vec<Value>, ApiError> {
    let lines = fields
        .get("lines")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for line in &lines {
        let missing = ["line_description", "line_quantity", "line_unit_price"]
            .into_iter()
            .find(|name| line.get(*name).is_none_or(Value::is_null));
        if let Some(name) = missing {
            let mut problems = Map::new();
            problems.insert(
                format!("lines.{name}"),
                json!({"type": "REQUIRED", "message": "Required!"}),
            );
            return Err(ApiError::validation(problems));
        }
    }
    Ok(lines)
}

/// quantity × unit price: what a line costs.
fn gross_of(line: &Value) -> Decimal {
    read_amount(line.get("line_quantity")).unwrap_or_default()
        * read_amount(line.get("line_unit_price")).unwrap_or_default()
}

/// The sum of every line's `discounts` or `surcharges` as sent, for the invoice's GET; an entry without a readable
/// amount counts 0.
fn sum_over_lines(lines: &[Value], name: &str) -> Value {
    let amounts = lines
        .iter()
        .filter_map(|line| line.get(name).and_then(Value::as_array))
        .flatten()
        .filter_map(|entry| read_amount(entry.get("amount")));
    json_number(amounts.sum())
}

fn text(fields: &Map<String, Value>, name: &str) -> String {
    fields.get(name).and_then(Value::as_str).unwrap_or("").to_owned()
}
