//! `GET|POST /qpay/callback/{order_no}?token=…&qpay_payment_id=…`: QPay's call after a payment (SPEC.md §6).
//!
//! The call proves nothing (no signature; anyone can send it), so it is only a trigger to settle the order with
//! QPay. It is always answered 200 `SUCCESS`, within a few seconds, also for an unknown order or a wrong token, which change
//! nothing and are logged: QPay expects exactly that answer, and a stranger learns nothing from it.

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::IntoResponse,
};
use std::collections::HashMap;
use subtle::ConstantTimeEq;

use super::service::PaymentService;

/// How long QPay waits for our answer at most; settling that takes longer goes on after the answer.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);
use crate::db::{checks, now_ms, orders, payments};

pub async fn qpay_callback(
    State(service): State<PaymentService>,
    Path(order_no): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> impl IntoResponse {
    let answer = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "SUCCESS",
    );
    // QPay names the parameter qpay_payment_id; some of its examples say payment_id (SPEC.md §6).
    let payment_id = query
        .get("qpay_payment_id")
        .or_else(|| query.get("payment_id"))
        .cloned()
        .unwrap_or_default();
    let Ok(order_no) = crate::domain::OrderNo::parse(&order_no).map(|no| no.as_str().to_owned()) else {
        tracing::warn!("QPay callback for something that is not an order number ignored");
        return answer;
    };
    let order = match orders::find_by_no(&service.db, &order_no).await {
        Ok(Some(order)) => order,
        Ok(None) => {
            tracing::warn!(%order_no, "QPay callback for an unknown order ignored");
            return answer;
        }
        Err(error) => {
            tracing::error!(%error, "QPay callback: cannot read the order");
            return answer;
        }
    };
    let token = query.get("token").map(String::as_str).unwrap_or("");
    if !bool::from(token.as_bytes().ct_eq(order.callback_token.as_bytes())) {
        tracing::warn!(%order_no, "QPay callback with a wrong token ignored");
        return answer;
    }
    // Written before settling: if this process dies before settling commits, the reconciler finds the order due.
    let due_by = now_ms() + service.settings().checks.min_gap_ms;
    if let Err(error) = checks::due_by(&service.db, order.id, due_by).await {
        tracing::error!(%error, "QPay callback: cannot mark the order for checking");
    }
    let detail: String = payment_id.chars().take(64).collect();
    if let Err(error) = payments::record_event(service.db.pool(), order.id, "callback", &detail).await {
        tracing::error!(%error, "QPay callback: cannot log it");
    }
    // Settling asks QPay, which may be slow: answer QPay within a few seconds and let settling finish on its own.
    let settling = tokio::spawn(async move {
        match service.settle(&order_no, "callback").await {
            Ok(state) => tracing::info!(%order_no, state = state.as_str(), "QPay callback settled"),
            // The order stays as it was; "check now" or a later callback settles it.
            Err(error) => tracing::warn!(%order_no, %error, "QPay callback could not settle the order"),
        }
    });
    let _ = tokio::time::timeout(ANSWER_WITHIN, settling).await;
    answer
}
