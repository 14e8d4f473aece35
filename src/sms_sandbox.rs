//! `/sms-sandbox/`: what the built-in SMS capture took (served only with the QPay emulator, `QPAY_MODE=local`), and
//! the e-mails `EMAIL_MODE=local` kept. `GET /` lists both newest first; `GET /_control/messages` answers the SMS as
//! JSON and `GET /_control/emails` the e-mails (`text` is the subject, a blank line and the body);
//! `POST /_control/faults` makes the next messages fail (`{"unavailable": n, "refuse": n}`); `POST /send` is an HTTP
//! gateway in the shape `SMS_MODE=http` speaks (`key`, `from`, `to`, `text`), for trying that mode against the
//! capture.

use axum::{
    Form, Json, Router,
    extract::{Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
    routing::{get, post},
};
use serde::Deserialize;

use crate::messaging::{
    SendError,
    capture::{Capture, Captured, Captures, Faults},
    sms::Sms,
};

pub fn router(captures: Captures) -> Router {
    let emails = Router::new()
        .route("/_control/emails", get(messages))
        .with_state(captures.email.clone());
    let sms = captures.sms.clone();
    let page = Router::new().route("/", get(page)).with_state(captures);
    Router::new()
        .route("/_control/messages", get(messages))
        .route("/_control/faults", post(faults))
        .route("/send", get(send_query).post(send_form))
        .with_state(sms)
        .merge(emails)
        .merge(page)
}

async fn page(State(captures): State<Captures>) -> Html<String> {
    let rows = list(&captures.sms, "sms");
    let emails = list(&captures.email, "email");
    Html(format!(
        "<!doctype html><html lang=\"mn\"><head><meta charset=\"utf-8\"><title>SMS sandbox</title></head>\
         <body><h1>SMS sandbox</h1><p>Messages the shop sent, newest first.</p><ul>{rows}</ul>\
         <h2>E-mail</h2><ul>{emails}</ul></body></html>"
    ))
}

fn list(capture: &Capture, test: &str) -> String {
    capture
        .messages()
        .iter()
        .map(|m| {
            format!(
                "<li data-test=\"{test}\" data-to=\"{}\" data-kind=\"{}\"><strong>{}</strong> · {} · {} · {}<p>{}</p></li>",
                escape(&m.to),
                escape(&m.kind),
                escape(&m.to),
                escape(&m.order_no),
                escape(&m.kind),
                crate::ub_time::clock(m.sent_at),
                escape(&m.text)
            )
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn messages(State(capture): State<Capture>) -> Json<Vec<Captured>> {
    Json(capture.messages())
}

async fn faults(State(capture): State<Capture>, Json(faults): Json<Faults>) -> Json<Faults> {
    capture.set_faults(faults);
    Json(faults)
}

#[derive(Debug, Deserialize)]
struct Gateway {
    #[serde(default)]
    key: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    text: String,
}

async fn send_query(State(capture): State<Capture>, Query(message): Query<Gateway>) -> Response {
    send(capture, message).await
}

async fn send_form(State(capture): State<Capture>, Form(message): Form<Gateway>) -> Response {
    send(capture, message).await
}

/// Accepted (200), refused for good (422: a bad number or a missing key) or unavailable (503).
async fn send(capture: Capture, message: Gateway) -> Response {
    if message.key.is_empty() || crate::domain::Phone::parse(&message.to).is_err() {
        return (StatusCode::UNPROCESSABLE_ENTITY, "refused: bad key or number").into_response();
    }
    let sms = Sms {
        to: &message.to,
        text: &message.text,
        kind: "gateway",
        order_no: "",
    };
    match capture.accept(&sms).await {
        Ok(()) => (StatusCode::OK, "accepted").into_response(),
        Err(SendError::Refused(why)) => (StatusCode::UNPROCESSABLE_ENTITY, why).into_response(),
        Err(SendError::Unavailable(why)) => (StatusCode::SERVICE_UNAVAILABLE, why).into_response(),
    }
}
