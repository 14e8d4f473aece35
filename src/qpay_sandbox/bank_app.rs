//! The bank-app simulator (not part of QPay): the page `qPay_shortUrl` points at. It shows the invoice the way a
//! bank app does and lets a developer pay it from a chosen bank, by card, in part, or decline.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::{fmt::Write, str::FromStr};

use super::{
    SharedSandbox, banks, callback,
    money::two_decimals,
    payments,
    state::{InvoiceStatus, PayMethod},
};

#[derive(Deserialize, Default)]
pub struct Outcome {
    #[serde(default)]
    result: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct PayForm {
    action: String,
    #[serde(default)]
    bank_code: Option<String>,
    #[serde(default)]
    amount: Option<String>,
}

pub async fn page(
    State(sandbox): State<SharedSandbox>,
    Path(id): Path<String>,
    Query(outcome): Query<Outcome>,
) -> Response {
    let sandbox = sandbox.lock();
    let Some(invoice) = sandbox.invoices.get(&id) else {
        return (
            StatusCode::NOT_FOUND,
            Html(layout("Нэхэмжлэл олдсонгүй", "<p>Invoice not found.</p>")),
        )
            .into_response();
    };
    let paid = sandbox.paid_total(&id);
    let due = invoice.amount - paid;
    let mut body = format!(
        "<p class=merchant>TEST_MERCHANT</p><h1>{}</h1><p class=amount>{}₮</p><p>№ {}</p>",
        escape(&invoice.description),
        two_decimals(invoice.amount),
        escape(&invoice.sender_invoice_no),
    );
    match outcome.result.as_deref() {
        Some("paid") => body.push_str("<p class='note ok' role=status>Төлбөр амжилттай. Paid.</p>"),
        Some("declined") => body.push_str("<p class='note' role=status>Цуцалсан. Declined: nothing was paid.</p>"),
        _ => {}
    }
    if let Some(error) = &outcome.error {
        let _ = write!(body, "<p class='note bad' role=alert>{}</p>", escape(error));
    }
    let status = match invoice.status {
        InvoiceStatus::Open if paid > Decimal::ZERO => {
            format!("Хэсэгчлэн төлсөн / partly paid, {}₮ due", two_decimals(due))
        }
        InvoiceStatus::Open => "Төлөгдөөгүй / open".into(),
        InvoiceStatus::Closed => "Төлөгдсөн / paid".into(),
        InvoiceStatus::Canceled => "Цуцлагдсан / canceled".into(),
    };
    let _ = write!(body, "<p class=status>{status}</p>");
    if invoice.status == InvoiceStatus::Open {
        body.push_str(&pay_forms(&sandbox.config.public_base, &id, invoice.allow_partial, due));
    }
    for payment in sandbox.payments.iter().filter(|p| p.invoice_id == id) {
        let answers: Vec<String> = sandbox
            .counters
            .callback_attempts
            .iter()
            .filter(|a| a.payment_id == payment.id)
            .map(|a| {
                a.status
                    .map_or_else(|| "no answer".into(), |s| format!("{s} {}", a.body.trim()))
            })
            .collect();
        let _ = write!(
            body,
            "<p class=payment>{} · {}₮ · {} · callback: {}</p>",
            escape(&payment.id),
            two_decimals(payment.amount),
            payment.status,
            escape(&if answers.is_empty() {
                "pending".into()
            } else {
                answers.join(", ")
            }),
        );
    }
    Html(layout("QPay — bank app simulator", &body)).into_response()
}

pub async fn submit(
    State(sandbox): State<SharedSandbox>,
    Path(id): Path<String>,
    Form(form): Form<PayForm>,
) -> Response {
    let base = format!("{}/pay/{id}", sandbox.lock().config.public_base);
    let (method, amount) = match form.action.as_str() {
        "decline" => return Redirect::to(&format!("{base}?result=declined")).into_response(),
        "p2p" => (PayMethod::P2p, None),
        "card" => (PayMethod::Card, None),
        "partial" => match form.amount.as_deref().map(str::trim).map(Decimal::from_str) {
            Some(Ok(amount)) => (PayMethod::P2p, Some(amount)),
            _ => return Redirect::to(&format!("{base}?error=amount")).into_response(),
        },
        _ => return (StatusCode::BAD_REQUEST, "unknown action").into_response(),
    };
    let paid = payments::pay(&mut sandbox.lock(), &id, amount, method, form.bank_code.as_deref());
    match paid {
        Ok((payment, url)) => {
            callback::deliver(&sandbox, payment.id, url);
            Redirect::to(&format!("{base}?result=paid")).into_response()
        }
        Err(why) => Redirect::to(&format!("{base}?error={}", url_escape(&why.to_string()))).into_response(),
    }
}

fn pay_forms(base: &str, id: &str, allow_partial: bool, due: Decimal) -> String {
    let action = format!("{base}/pay/{}", escape(id));
    let mut banks_options = String::new();
    for (code, name, _) in banks::P2P_BANKS {
        let _ = write!(banks_options, "<option value={code}>{name}</option>");
    }
    let mut forms = format!(
        "<form method=post action='{action}'><input type=hidden name=action value=p2p>\
         <label>Банк / bank <select name=bank_code>{banks_options}</select></label>\
         <button>Банкны аппаар төлөх / Pay from the bank app</button></form>\
         <form method=post action='{action}'><input type=hidden name=action value=card>\
         <button>Картаар төлөх / Pay by card</button></form>"
    );
    if allow_partial {
        let _ = write!(
            forms,
            "<form method=post action='{action}'><input type=hidden name=action value=partial>\
             <label>Дүн / amount <input name=amount inputmode=decimal value='{}'></label>\
             <button>Хэсэгчлэн төлөх / Pay part</button></form>",
            two_decimals(due / Decimal::from(2))
        );
    }
    let _ = write!(
        forms,
        "<form method=post action='{action}'><input type=hidden name=action value=decline>\
         <button class=secondary>Цуцлах / Decline</button></form>"
    );
    forms
}

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=mn><head><meta charset=utf-8>\
         <meta name=viewport content='width=device-width, initial-scale=1'><title>{}</title><style>\
         body{{font-family:system-ui,sans-serif;max-width:26rem;margin:0 auto;padding:1rem;background:#f3f6fb;color:#17202c}}\
         h1{{font-size:1.2rem}} .amount{{font-size:2rem;font-weight:700;margin:.25rem 0}} .merchant{{color:#556}}\
         form{{margin:.75rem 0}} button{{width:100%;padding:.8rem;border:0;border-radius:10px;background:#1d4e89;color:#fff;font-size:1rem}}\
         button.secondary{{background:#dde3ec;color:#17202c}} select,input{{width:100%;padding:.6rem;margin:.25rem 0 .5rem;font-size:1rem}}\
         .note{{padding:.6rem;border-radius:8px;background:#fff}} .ok{{background:#e3f6e8}} .bad{{background:#fde8e6}}\
         .payment{{font-size:.85rem;color:#445}}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn url_escape(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
