//! Delivers the outbox (`db::outbox`): at least once, so every delivery is idempotent.
//!
//! - `notify_owner`: a JSON POST to `OWNER_WEBHOOK_URL` carrying `Idempotency-Key: outbox-{id}`, so a receiver can
//!   drop a repeat; without a webhook, a line in the log.
//! - `issue_receipt` / `cancel_receipt`: the order's e-barimt receipts (`payment::ebarimt`), each payment's once.
//! - `cancel_invoice`: `DELETE /v2/invoice/{id}` at QPay. "Already cancelled" and "not found" count as done;
//!   "paid" (SPEC.md §3.3 `INVOICE_PAID`) means money came while we were expiring the order, so it is settled.
//!
//! A failed delivery is tried again later, with the wait doubling up to an hour, and given up after
//! `MAX_ATTEMPTS` (the message stays, `failed`, for the owner to see).

use serde_json::json;
use std::time::Duration;

use super::service::PaymentService;
use crate::db::{
    DbError, now_ms, orders,
    outbox::{self, Message, MessageKind},
    payments,
};

/// Longer than one delivery can take (the webhook's timeout, or one QPay call); a message taken by a worker that
/// died is taken again after it.
const LEASE_MS: i64 = 15_000;
/// A delivery is given up (and tried again later) before its lease runs out.
const DELIVERY_DEADLINE: Duration = Duration::from_secs(12);
const BATCH: usize = 32;
const MAX_ATTEMPTS: i64 = 20;
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct OutboxWorker {
    service: PaymentService,
    http: reqwest::Client,
}

impl OutboxWorker {
    pub fn new(service: PaymentService) -> OutboxWorker {
        let http = reqwest::Client::builder()
            .timeout(WEBHOOK_TIMEOUT)
            .build()
            .unwrap_or_default();
        OutboxWorker { service, http }
    }

    /// Runs until the process ends.
    pub async fn run(self) {
        let mut every = tokio::time::interval(self.service.settings().worker_tick);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(error) = self.deliver_due().await {
                tracing::warn!(%error, "outbox: cannot read due messages");
            }
        }
    }

    /// Delivers the messages that are due, one at a time (each under its own lease); returns how many were
    /// delivered.
    pub async fn deliver_due(&self) -> Result<usize, DbError> {
        let db = &self.service.db;
        let mut delivered = 0;
        for _ in 0..BATCH {
            let now = now_ms();
            let claimed = outbox::claim_due(db, now, now + LEASE_MS, 1).await?;
            if claimed.is_empty() {
                break;
            }
            for message in claimed {
                let outcome = match tokio::time::timeout(DELIVERY_DEADLINE, self.deliver(&message)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(format!("no outcome within {DELIVERY_DEADLINE:?}")),
                };
                match outcome {
                    Ok(()) => {
                        outbox::delivered(db, message.id, now_ms()).await?;
                        delivered += 1;
                    }
                    Err(error) => {
                        let retry_at =
                            (message.attempts < MAX_ATTEMPTS).then(|| now_ms() + backoff_ms(message.attempts));
                        tracing::warn!(id = message.id, kind = %message.kind, attempts = message.attempts, %error,
                            gave_up = retry_at.is_none(), "outbox: delivery failed");
                        outbox::failed(db, &message, &error, retry_at).await?;
                    }
                }
            }
        }
        Ok(delivered)
    }

    async fn deliver(&self, message: &Message) -> Result<(), String> {
        let db = &self.service.db;
        let order_no = orders::number_of(db, message.order_id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the order is gone")?;
        match MessageKind::parse(&message.kind) {
            Some(MessageKind::NotifyOwner) => self.notify_owner(message, &order_no).await,
            Some(MessageKind::CancelInvoice) => self.cancel_invoice(message, &order_no).await,
            Some(MessageKind::IssueReceipt) => self
                .service
                .issue_receipts(message.order_id)
                .await
                .map_err(|e| e.to_string()),
            Some(MessageKind::CancelReceipt) => self
                .service
                .cancel_receipts(message.order_id)
                .await
                .map_err(|e| e.to_string()),
            None => Err(format!("unknown message kind {:?}", message.kind)),
        }
    }

    async fn notify_owner(&self, message: &Message, order_no: &str) -> Result<(), String> {
        let db = &self.service.db;
        let order = orders::find_by_no(db, order_no)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the order is gone")?;
        match &self.service.settings().owner_webhook {
            Some(url) => {
                let body = json!({
                    "event": "order.paid",
                    "order_no": order.order_no,
                    "total_mnt": order.total_mnt,
                    "paid_mnt": order.paid_mnt,
                    "customer_name": order.customer_name,
                    "phone": order.phone,
                    "attention": order.attention,
                });
                let answer = self
                    .http
                    .post(url.clone())
                    .header("Idempotency-Key", format!("outbox-{}", message.id))
                    .json(&body)
                    .send()
                    .await
                    // Without the URL: it may carry the receiver's secret.
                    .map_err(|e| format!("webhook: {}", e.without_url()))?;
                if !answer.status().is_success() {
                    return Err(format!("webhook answered HTTP {}", answer.status()));
                }
            }
            None => tracing::info!(%order_no, total_mnt = order.total_mnt, "new paid order"),
        }
        record(db, message.order_id, "owner_notified", "").await
    }

    async fn cancel_invoice(&self, message: &Message, order_no: &str) -> Result<(), String> {
        let db = &self.service.db;
        let invoice = payments::invoice_of(db, message.order_id)
            .await
            .map_err(|e| e.to_string())?;
        let Some(invoice_id) = invoice.and_then(|i| i.invoice_id) else {
            return Ok(());
        };
        let outcome = match self.service.qpay.cancel_invoice(&invoice_id).await {
            Ok(()) => "cancelled",
            Err(error) => match error.code() {
                Some("INVOICE_ALREADY_CANCELED" | "INVOICE_NOTFOUND") => "already gone",
                Some("INVOICE_PAID") => {
                    // Money came in while we expired the order: settling records it (late money).
                    if let Err(error) = self.service.settle(order_no, "invoice paid at cancel").await {
                        return Err(format!("QPay says the invoice is paid, but settling failed: {error}"));
                    }
                    "paid"
                }
                _ => return Err(error.to_string()),
            },
        };
        if outcome != "paid" {
            payments::mark_invoice_cancelled(db, message.order_id)
                .await
                .map_err(|e| e.to_string())?;
        }
        record(db, message.order_id, "invoice_cancelled", outcome).await
    }
}

async fn record(db: &crate::db::Db, order_id: i64, kind: &str, detail: &str) -> Result<(), String> {
    payments::record_event(db.pool(), order_id, kind, detail)
        .await
        .map_err(|e| e.to_string())
}

/// 5 s after the first failure, doubling, at most an hour.
fn backoff_ms(attempts: i64) -> i64 {
    let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    (5_000_i64 << doublings).min(3_600_000)
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff_ms(1), 5_000);
        assert_eq!(backoff_ms(2), 10_000);
        assert_eq!(backoff_ms(5), 80_000);
        assert_eq!(backoff_ms(20), 3_600_000);
    }
}
