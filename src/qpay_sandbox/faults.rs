//! Fault injection for the v2 API: added latency, an error status for the next N requests or at a rate, or a
//! malformed body. Rules are set through the control API; the request counters are kept here too.

use axum::{
    body::Body,
    extract::{MatchedPath, Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use rand::Rng;
use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::SharedSandbox;

/// One injected fault. A rule with neither `count` nor `rate` applies to every matching request until cleared.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FaultRule {
    /// Only requests whose path (from `/v2`) starts with this, e.g. `/v2/payment/check`; all when absent.
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// Only this HTTP method, e.g. `POST`.
    #[serde(default)]
    pub method: Option<String>,
    /// Answer with this status instead of handling the request; only delay it when absent.
    #[serde(default)]
    pub status: Option<u16>,
    /// The `error` code of the answer (default `SYSTEM_BUSY`).
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    /// A raw body to send instead of QPay's JSON error (a proxy's HTML page, truncated JSON, a crafted answer...).
    #[serde(default)]
    pub body: Option<String>,
    /// Apply to the next `count` matching requests only.
    #[serde(default)]
    pub count: Option<u32>,
    /// Apply to this share (0..=1) of matching requests, drawn from the seeded generator.
    #[serde(default)]
    pub rate: Option<f64>,
    /// Delay matching requests by this many milliseconds (before answering or handling).
    #[serde(default)]
    pub latency_ms: u64,
    /// Handle matching requests at once, then hold the answer this many milliseconds: the work is done even when
    /// the client gives up waiting (an answer lost on the way back).
    #[serde(default)]
    pub answer_delay_ms: u64,
}

impl FaultRule {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
    }

    fn response(&self) -> Response {
        let status = StatusCode::from_u16(self.status.unwrap_or(500)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(body) = &self.body {
            // A crafted JSON answer is sent as JSON; anything else as the HTML page a proxy would send.
            let json = serde_json::from_str::<serde_json::Value>(body).is_ok();
            let content_type = if json { "application/json" } else { "text/html" };
            return (status, [(header::CONTENT_TYPE, content_type)], body.clone()).into_response();
        }
        let error = self.error.clone().unwrap_or_else(|| "SYSTEM_BUSY".into());
        let message = self.message.clone().unwrap_or_else(|| error.clone());
        (
            status,
            axum::Json(serde_json::json!({"error": error, "message": message})),
        )
            .into_response()
    }
}

/// Counts the request, then applies the first fault rule that fires for it.
pub async fn inject(State(sandbox): State<SharedSandbox>, request: Request<Body>, next: Next) -> Response {
    let method = request.method().to_string();
    // Counted and matched from `/v2` on, the same whether the emulator is mounted under a prefix or alone.
    let path = from_v2(request.uri().path()).to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(path.clone(), |m| from_v2(m.as_str()).to_owned());
    let fired = {
        let mut sandbox = sandbox.lock();
        *sandbox
            .counters
            .requests
            .entry(format!("{method} {route}"))
            .or_default() += 1;
        fire(&mut sandbox, &method, &path)
    };
    let Some(rule) = fired else {
        return next.run(request).await;
    };
    if rule.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(rule.latency_ms)).await;
    }
    match rule.status {
        Some(_) => rule.response(),
        None if rule.answer_delay_ms > 0 => {
            // Handled on a task of its own, so the client hanging up cannot cancel the work.
            let handled = tokio::spawn(next.run(request));
            tokio::time::sleep(Duration::from_millis(rule.answer_delay_ms)).await;
            handled
                .await
                .unwrap_or_else(|_| axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        None => next.run(request).await,
    }
}

fn from_v2(path: &str) -> &str {
    path.find("/v2/").map_or(path, |at| &path[at..])
}

fn fire(sandbox: &mut super::state::Sandbox, method: &str, path: &str) -> Option<FaultRule> {
    let index = (0..sandbox.faults.len()).find(|&i| {
        let rule = &sandbox.faults[i];
        if !rule.matches(method, path) {
            return false;
        }
        match rule.rate {
            Some(rate) => sandbox.rng.random_bool(rate.clamp(0.0, 1.0)),
            None => true,
        }
    })?;
    let rule = sandbox.faults[index].clone();
    if let Some(count) = rule.count {
        if count <= 1 {
            sandbox.faults.remove(index);
        } else {
            sandbox.faults[index].count = Some(count - 1);
        }
    }
    if rule.status.is_some() {
        sandbox.counters.faults_injected += 1;
    }
    Some(rule)
}
