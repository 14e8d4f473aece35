//! A faithful QPay v2 emulator: QPay's paths, status codes, field names and JSON types, quirks included, as
//! `../shared/qpay/SPEC.md` describes real responses. Plus what QPay lacks: a bank-app simulator page, a control
//! API for tests, fault injection, and the bank apps' logos drawn locally (so a pay page shows them offline).
//!
//! Mounted under `/qpay-sandbox` when `QPAY_MODE=local` (the default), or run alone with
//! `delguur qpay-sandbox --addr 127.0.0.1:4010`. State lives in memory for the life of the process.

mod auth;
mod bank_app;
mod banks;
mod callback;
mod control;
mod ebarimt;
pub mod emv;
mod faults;
mod invoices;
mod logos;
mod money;
mod payment_list;
mod payment_rows;
mod payments;
mod state;

pub use state::SandboxConfig;

use axum::{
    Json, Router,
    http::StatusCode,
    middleware,
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use serde_json::{Map, Value, json};
use std::{
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use state::Sandbox;

/// The emulator's state, shared by its handlers and its callback tasks.
#[derive(Clone)]
pub struct SharedSandbox {
    inner: Arc<Mutex<Sandbox>>,
    http: reqwest::Client,
}

impl SharedSandbox {
    pub fn new(config: SandboxConfig) -> SharedSandbox {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("an HTTP client with rustls builds");
        SharedSandbox {
            inner: Arc::new(Mutex::new(Sandbox::new(config, fresh_seed()))),
            http,
        }
    }

    /// The state; a panic while it was held cannot poison it for good (it holds no invariants across calls).
    fn lock(&self) -> MutexGuard<'_, Sandbox> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A seed from the clock, so ids differ between runs (an app restarted against a new emulator must not get the
/// invoice ids it stored before). Tests that want a replay reset with a seed of their own.
fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7)
}

/// QPay's error answer: `{"error": CODE, "message": text}`, or the nested validation shape (SPEC.md §7).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: Value,
}

impl ApiError {
    fn new(status: StatusCode, code: &str, message: &str) -> ApiError {
        ApiError {
            status,
            body: json!({"error": code, "message": message}),
        }
    }

    /// 400 with the same nested object under both keys, as QPay does.
    fn validation(problems: Map<String, Value>) -> ApiError {
        let problems = Value::Object(problems);
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body: json!({"error": problems, "message": problems}),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// Every route of the emulator, relative to where it is mounted.
pub fn router(sandbox: SharedSandbox) -> Router {
    let v2 = Router::new()
        .route("/v2/auth/token", post(auth::token))
        .route("/v2/auth/refresh", post(auth::refresh))
        .route("/v2/invoice", post(invoices::create))
        .route("/v2/invoice/{id}", get(invoices::get).delete(invoices::cancel))
        .route("/v2/payment/check", post(payments::check))
        .route("/v2/payment/list", post(payment_list::list))
        .route("/v2/payment/cancel/{id}", delete(payments::cancel))
        .route("/v2/payment/refund/{id}", delete(payments::refund))
        .route("/v2/payment/{id}", get(payments::get))
        .route("/v2/ebarimt/create", post(ebarimt::create))
        .route("/v2/ebarimt/{id}", get(ebarimt::get).delete(ebarimt::cancel))
        .route("/v2/ebarimt_v3/create", post(ebarimt::create_v3))
        .route("/v2/ebarimt_v3/{payment_id}", delete(ebarimt::cancel_v3))
        .route_layer(middleware::from_fn_with_state(sandbox.clone(), faults::inject));
    let control = Router::new()
        .route("/_control/pay", post(control::pay))
        .route("/_control/other_payment", post(control::other_payment))
        .route("/_control/counters", get(control::counters))
        .route(
            "/_control/faults",
            get(control::faults)
                .post(control::add_fault)
                .delete(control::clear_faults),
        )
        .route("/_control/tokens/expire", post(control::expire_tokens))
        .route(
            "/_control/settings",
            get(control::settings).post(control::change_settings),
        )
        .route("/_control/reset", post(control::reset));
    let bank_app = Router::new()
        .route("/pay/{invoice_id}", get(bank_app::page).post(bank_app::submit))
        // The logos the invoices' `urls[]` point at, at QPay's path (`https://qpay.mn/q/logo/{file}`).
        .route("/q/logo/{file}", get(logos::logo));
    v2.merge(control).merge(bank_app).with_state(sandbox)
}

/// Runs the emulator alone on `addr`, until Ctrl-C or SIGTERM.
pub async fn serve_standalone(
    listener: tokio::net::TcpListener,
    config: SandboxConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(SharedSandbox::new(config));
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
