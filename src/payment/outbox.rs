//! The outbox worker: delivers the outbox (`db::outbox`) at least once, so every delivery is idempotent.
//!
//! - `notify_owner`: a JSON POST to `OWNER_WEBHOOK_URL` carrying `Idempotency-Key: outbox-{id}`, so a receiver can
//!   drop a repeat; without a webhook, a line in the log.
//! - `issue_receipt` / `cancel_receipt`: the order's e-barimt receipts (`payment::ebarimt`), each payment's once.
//! - `cancel_invoice`: `DELETE /v2/invoice/{id}` at QPay. "Already cancelled" and "not found" count as done;
//!   "paid" (SPEC.md §3.3 `INVOICE_PAID`) means money came while we were expiring the order, so it is settled.
//! - the messages (an order's notices, a find-my-order code, a staff invitation, the owner's note of held texts):
//!   handed to [`Messenger`] (`messaging/`), which says what became of each.
//!
//! It lives in payment, not above it: most of what it delivers is payment's (the webhook of a paid or placed order,
//! the invoice, the receipts), e-barimt reads its [`DeliveryTiming`], and payment may call `messaging`, which sits
//! below the features. Each attempt's outcome is a [`Delivery`], applied in one place (`record_outcome`): done;
//! refused for good, noted in the order's timeline and not tried again; or tried again later, with the wait doubling
//! up to an hour, and given up after `MAX_ATTEMPTS` (the message stays, `failed`, for the owner to see).

use serde_json::json;
use std::time::Duration;

use super::service::PaymentService;
use crate::{
    db::{
        DbError, now_ms, orders,
        outbox::{self, Message, MessageKind},
        payments,
    },
    messaging::{Delivery, Done, Messenger, Retry},
};

const BATCH: usize = 32;
const MAX_ATTEMPTS: i64 = 20;
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);
/// Time for the database work around a delivery's requests.
const MARGIN: Duration = Duration::from_secs(2);

/// How long a delivery may run, and how long a message taken for delivery is held, derived from the timeouts of
/// the requests a delivery makes, so they cannot disagree: a delivery is cut before its lease runs out, and an
/// e-barimt claim older than [`DeliveryTiming::stale_claim_ms`] belongs to no delivery still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryTiming {
    /// The webhook's request, with its margin.
    webhook_deadline: Duration,
    /// Three requests of `QPAY_TIMEOUT` each, with the margin: a token first, then the call, then what follows from
    /// its answer (the check of an invoice QPay says is paid).
    qpay_deadline: Duration,
    /// An SMS or an e-mail: an SMTP exchange is several steps of `SMTP_TIMEOUT` each (connect, greeting, STARTTLS,
    /// sign-in, sender, recipient, data); cut later than that, so a sent e-mail is not cut and sent again.
    message_deadline: Duration,
}

impl DeliveryTiming {
    pub fn new(qpay_timeout: Duration) -> DeliveryTiming {
        DeliveryTiming {
            webhook_deadline: WEBHOOK_TIMEOUT + MARGIN,
            qpay_deadline: qpay_timeout * 3 + MARGIN,
            message_deadline: crate::messaging::email::SMTP_TIMEOUT * 7 + MARGIN,
        }
    }

    /// When a delivery of `kind` is cut (and tried again later).
    pub fn deadline(&self, kind: Option<MessageKind>) -> Duration {
        match kind {
            Some(MessageKind::NotifyOwner | MessageKind::NotifyOwnerPlaced) => self.webhook_deadline,
            Some(
                MessageKind::Notice(..)
                | MessageKind::LookupCode(_)
                | MessageKind::StaffInvite(..)
                | MessageKind::HeldNote(..)
                | MessageKind::LowStock(..),
            ) => self.message_deadline,
            _ => self.qpay_deadline,
        }
    }

    /// How long a taken message is held: longer than any delivery may run, so a message is taken again only when
    /// the worker that took it has stopped (or cut it).
    pub fn lease_ms(&self) -> i64 {
        crate::config::millis(self.webhook_deadline.max(self.qpay_deadline) + MARGIN)
    }

    /// How long a message of `kind` is held once it is known: [`Self::lease_ms`], or longer for one whose delivery
    /// may take longer (an e-mail), so a message being sent is never taken again.
    pub fn lease_ms_for(&self, kind: Option<MessageKind>) -> i64 {
        self.lease_ms().max(crate::config::millis(self.deadline(kind) + MARGIN))
    }

    /// An e-barimt claim older than this was left by a delivery that was cut or a process that stopped while QPay
    /// was asked: nobody is waiting for its answer any more.
    pub fn stale_claim_ms(&self) -> i64 {
        self.lease_ms()
    }
}

#[derive(Clone)]
pub struct OutboxWorker {
    service: PaymentService,
    messenger: Messenger,
    http: reqwest::Client,
}

impl OutboxWorker {
    pub fn new(service: PaymentService, messenger: Messenger) -> OutboxWorker {
        let http = reqwest::Client::builder()
            .timeout(WEBHOOK_TIMEOUT)
            .build()
            .unwrap_or_default();
        OutboxWorker {
            service,
            messenger,
            http,
        }
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
        let timing = DeliveryTiming::new(self.service.settings().qpay_timeout);
        let mut delivered = 0;
        for _ in 0..BATCH {
            let now = now_ms();
            let claimed = outbox::claim_due(db, now, now + timing.lease_ms(), 1).await?;
            if claimed.is_empty() {
                break;
            }
            for message in claimed {
                let kind = MessageKind::parse(&message.kind);
                let deadline = timing.deadline(kind);
                if timing.lease_ms_for(kind) > timing.lease_ms() {
                    outbox::extend_lease(db, &message, now_ms() + timing.lease_ms_for(kind)).await?;
                }
                let outcome = match tokio::time::timeout(deadline, self.deliver(&message)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Retry(format!("no outcome within {deadline:?}"))),
                };
                if self.record_outcome(&message, outcome).await? {
                    delivered += 1;
                }
            }
        }
        Ok(delivered)
    }

    /// Applies what became of an attempt to deliver `message`, the one place it is done: delivered; refused for
    /// good, why noted in the order's timeline (`notice_refused`) and not tried again; or tried again later, after
    /// a wait that doubles, until `MAX_ATTEMPTS`. Whether the message is done.
    async fn record_outcome(&self, message: &Message, outcome: Delivery) -> Result<bool, DbError> {
        let db = &self.service.db;
        let outcome = match (outcome, message.order_id) {
            (Ok(Done::Refused(why)), Some(order_id)) => record(db, order_id, "notice_refused", &why).await,
            (outcome, _) => outcome.map(|_| ()).map_err(|Retry(error)| error),
        };
        match outcome {
            Ok(()) => {
                outbox::delivered(db, message, now_ms()).await?;
                Ok(true)
            }
            Err(error) => {
                let retry_at = (message.attempts < MAX_ATTEMPTS).then(|| now_ms() + backoff_ms(message.attempts));
                tracing::warn!(id = message.id, kind = %message.kind, attempts = message.attempts, %error,
                    gave_up = retry_at.is_none(), "outbox: delivery failed");
                outbox::failed(db, message, &error, retry_at).await?;
                Ok(false)
            }
        }
    }

    async fn deliver(&self, message: &Message) -> Delivery {
        let db = &self.service.db;
        let kind = MessageKind::parse(&message.kind);
        let Some(order_id) = message.order_id else {
            return match kind {
                Some(MessageKind::StaffInvite(id, channel)) => self.messenger.send_staff_invite(id, channel).await,
                Some(MessageKind::HeldNote(day, channel)) => self.messenger.send_held_note(day, channel).await,
                Some(MessageKind::LowStock(id, _, channel)) => self.messenger.send_low_stock(id, channel).await,
                _ => Err(Retry(format!("message kind {:?} needs an order", message.kind))),
            };
        };
        let order_no = orders::number_of(db, order_id).await?.ok_or("the order is gone")?;
        match kind {
            Some(MessageKind::NotifyOwner) => job(self.notify_owner(message, order_id, &order_no, "order.paid").await),
            Some(MessageKind::NotifyOwnerPlaced) => {
                job(self.notify_owner(message, order_id, &order_no, "order.placed").await)
            }
            Some(MessageKind::CancelInvoice) => job(self.cancel_invoice(order_id, &order_no).await),
            Some(MessageKind::IssueReceipt) => {
                job(self.service.issue_receipts(order_id).await.map_err(|e| e.to_string()))
            }
            Some(MessageKind::CancelReceipt) => {
                job(self.service.cancel_receipts(order_id).await.map_err(|e| e.to_string()))
            }
            Some(MessageKind::Notice(event, channel)) => {
                let order = orders::find_by_no(db, &order_no).await?.ok_or("the order is gone")?;
                self.messenger.send_notice(&order, event, channel).await
            }
            Some(MessageKind::LookupCode(id)) => {
                let order = orders::find_by_no(db, &order_no).await?.ok_or("the order is gone")?;
                self.messenger.send_lookup_code(&order, id).await
            }
            Some(MessageKind::StaffInvite(..) | MessageKind::HeldNote(..) | MessageKind::LowStock(..)) => Err(
                Retry::from("a staff invitation, a note of held texts or of low stock belongs to no order"),
            ),
            None => Err(Retry(format!("unknown message kind {:?}", message.kind))),
        }
    }

    /// Posts `event` (`order.paid`, or `order.placed` for an order paid to the shop itself) to the owner's webhook.
    async fn notify_owner(&self, message: &Message, order_id: i64, order_no: &str, event: &str) -> Result<(), String> {
        let db = &self.service.db;
        let order = orders::find_by_no(db, order_no)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the order is gone")?;
        match &self.service.settings().owner_webhook {
            Some(url) => {
                let identity = self.service.identity.current();
                let body = json!({
                    "event": event,
                    // Which shop: the owner's system may hear from several.
                    "shop": {
                        "name": identity.name(crate::i18n::Lang::Mn),
                        "short_name": identity.short(crate::i18n::Lang::Mn),
                    },
                    "payment_method": order.pay_method.as_str(),
                    "order_no": order.order_no,
                    "total_mnt": order.total.amount(),
                    "paid_mnt": order.paid.amount(),
                    "items_mnt": order.items.amount(),
                    "discount_code": order.discount_code,
                    "discount_mnt": order.discount.amount(),
                    "delivery": {
                        "zone": order.delivery_zone,
                        "fee_mnt": order.delivery_fee.amount(),
                        "waived_mnt": order.delivery_waived.amount(),
                        "to": super::orders::destination(&order, crate::i18n::Lang::Mn),
                    },
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
            None => tracing::info!(%order_no, total_mnt = order.total.amount(), event, "new order for the owner"),
        }
        record(db, order_id, "owner_notified", "").await
    }

    async fn cancel_invoice(&self, order_id: i64, order_no: &str) -> Result<(), String> {
        let db = &self.service.db;
        let invoice = payments::invoice_of(db, order_id).await.map_err(|e| e.to_string())?;
        let invoice_id = match invoice {
            Some(invoice) if invoice.state == "creating" => {
                // QPay is making it right now: cancelled once it is stored (`ensure_invoice` has this message
                // delivered again then), or here on a later try. A claim whose maker stopped made no invoice we
                // could ever know of.
                if invoice.created_at > now_ms() - super::invoice::STALE_CLAIM_MS {
                    return Err("the invoice is still being made".into());
                }
                return Ok(());
            }
            Some(invoice) => invoice.invoice_id,
            None => None,
        };
        let Some(invoice_id) = invoice_id else {
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
            payments::mark_invoice_cancelled(db, order_id)
                .await
                .map_err(|e| e.to_string())?;
        }
        record(db, order_id, "invoice_cancelled", outcome).await
    }
}

/// A payment job's outcome as a delivery's: done, or tried again later.
fn job(outcome: Result<(), String>) -> Delivery {
    outcome.map(|()| Done::Delivered).map_err(Retry)
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
    use super::{DeliveryTiming, MessageKind, backoff_ms};
    use std::time::Duration;

    #[test]
    fn a_delivery_is_cut_before_its_lease_ends_and_a_claim_is_stale_only_after_every_delivery_was_cut() {
        let kinds = [
            MessageKind::NotifyOwner,
            MessageKind::NotifyOwnerPlaced,
            MessageKind::CancelInvoice,
            MessageKind::IssueReceipt,
            MessageKind::CancelReceipt,
            MessageKind::Notice(
                crate::domain::notice::Event::Paid,
                crate::domain::notice::Channel::Email,
            ),
            MessageKind::LookupCode(1),
            MessageKind::StaffInvite(1, crate::domain::notice::Channel::Sms),
            MessageKind::HeldNote(20_000, crate::domain::notice::Channel::Email),
            MessageKind::LowStock(1, 1, crate::domain::notice::Channel::Sms),
        ];
        for timeout_ms in [100, 1_000, 10_000, 30_000, 120_000] {
            let timing = DeliveryTiming::new(Duration::from_millis(timeout_ms));
            for kind in kinds.map(Some).into_iter().chain([None]) {
                let deadline = crate::config::millis(timing.deadline(kind));
                assert!(deadline < timing.lease_ms_for(kind), "{timeout_ms} ms, {kind:?}");
                let message = matches!(
                    kind,
                    Some(
                        MessageKind::Notice(..)
                            | MessageKind::LookupCode(_)
                            | MessageKind::StaffInvite(..)
                            | MessageKind::HeldNote(..)
                            | MessageKind::LowStock(..)
                    )
                );
                if !message {
                    assert!(deadline < timing.lease_ms(), "{timeout_ms} ms, {kind:?}");
                    assert!(deadline <= timing.stale_claim_ms(), "{timeout_ms} ms, {kind:?}");
                }
            }
            // A receipt request (a token, then the call) is not cut while QPay may still answer it.
            let receipt = timing.deadline(Some(MessageKind::IssueReceipt));
            assert!(receipt > Duration::from_millis(2 * timeout_ms), "{timeout_ms} ms");
        }
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff_ms(1), 5_000);
        assert_eq!(backoff_ms(2), 10_000);
        assert_eq!(backoff_ms(5), 80_000);
        assert_eq!(backoff_ms(20), 3_600_000);
    }
}
