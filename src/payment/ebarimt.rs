//! E-barimt VAT receipts for paid orders, issued through QPay (SPEC.md §5).
//!
//! The paid move writes an outbox message (`issue_receipt`) in its own transaction, so a receipt is asked for
//! exactly when an order is paid, whatever settled it and however many callbacks came. The outbox delivers at
//! least once, so each payment's receipt is claimed before QPay is asked (`db::ebarimt::claim`): it is never asked
//! for twice at once, and never again once issued.
//!
//! What QPay answers decides what happens next. A refusal (an error body, such as the sandbox's 500 `TypeError`) is
//! asked again with the outbox's backoff. A lost answer (a timeout, a broken connection, a process that died) may
//! have issued the receipt, and QPay has no way to look it up by payment: it is left `unknown`, the order is
//! flagged, and the owner decides after checking QPay's portal ("issue again" on the order page).
//!
//! A full refund writes `cancel_receipt`, which cancels every issued receipt of the order through the API it was
//! issued with, whatever `EBARIMT` says now.

use super::service::PaymentService;
use crate::{
    config::{EbarimtApi, EbarimtSettings},
    db::{
        DbError,
        ebarimt::{self, ReceiptOrder, ReceiptRow},
        now_ms, orders,
        outbox::{self, MessageKind},
        payments,
    },
    domain::{Mnt, notice::Event, pay_method::is_own_payment},
    qpay::{BarimtStatus, Ebarimt, EbarimtCreateRequest, EbarimtReceiverType, EbarimtV3CreateRequest, QpayError},
};

/// Why a receipt could not be issued or cancelled this time; the outbox tries again.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("QPay: {0}")]
    Qpay(#[from] QpayError),
    #[error("QPay refused {0} of the order's receipts; they are asked for again")]
    Refused(usize),
    /// Another delivery is asking QPay for a receipt of the order right now (or was cut, or its process stopped,
    /// and its claim is not stale yet): this message is not done until that is known.
    #[error("{0} of the order's receipts are being asked for elsewhere; looked at again later")]
    InProgress(usize),
}

/// How one request for a receipt ended.
enum Asked {
    Issued(Box<Ebarimt>),
    /// QPay answered, and did not issue it: safe to ask again.
    Refused(String),
    /// No answer: QPay may have issued it.
    Unknown(String),
}

impl PaymentService {
    /// Issues a receipt for each of the order's QPay payments that has none yet. Does nothing when e-barimt is off or
    /// the order's money went back in full.
    #[tracing::instrument(skip(self))]
    pub async fn issue_receipts(&self, order_id: i64) -> Result<(), ReceiptError> {
        let Some(settings) = self.settings.ebarimt.clone() else {
            return Ok(());
        };
        let Some(order) = ebarimt::order_for_receipts(&self.db, order_id).await? else {
            return Ok(());
        };
        // Even for an order refunded in full since: a receipt it may have got is for the owner to look into.
        self.give_up_stale_claims(order_id).await?;
        if order.refunded_in_full() {
            return Ok(());
        }
        let mut codes = ebarimt::classification_codes_of(&self.db, order_id).await?;
        if order.delivery > Mnt::ZERO {
            // The delivery line's code counts too: one code for the receipt only when every line shares it.
            codes.push(Some(settings.delivery_classification_code.clone()));
        }
        let mut refused = 0;
        let mut elsewhere = 0;
        // QPay's payments only: money the shop took itself has no QPay payment id, and asking with one would only be
        // refused, retried and told to the owner (the owner issues that receipt in the e-barimt app).
        let qpay_payments = payments::payments_of(&self.db, order_id)
            .await?
            .into_iter()
            .filter(|payment| !is_own_payment(&payment.qpay_payment_id));
        for payment in qpay_payments {
            let company = order.receiver_type.as_deref() == Some("COMPANY");
            let mut receipt = ReceiptRow {
                payment_id: payment.qpay_payment_id.clone(),
                order_id,
                state: "requesting".into(),
                api: settings.api.as_str().into(),
                receiver_type: if company { "COMPANY" } else { "CITIZEN" }.into(),
                receiver: order.receiver.clone().filter(|_| company),
                ..ReceiptRow::default()
            };
            if !ebarimt::claim(&self.db, &receipt).await? {
                elsewhere += usize::from(ebarimt::is_requesting(&self.db, &receipt.payment_id).await?);
                continue;
            }
            let asked = self.ask_for_receipt(&settings, &order, &receipt, &codes).await;
            match asked {
                Asked::Issued(answer) => {
                    if let Some(kind) = answer.ebarimt_receiver_type {
                        receipt.receiver_type = kind.as_str().to_owned();
                    }
                    if receipt.receiver_type == "COMPANY" {
                        receipt.receiver = answer.ebarimt_receiver.clone().or(receipt.receiver);
                    }
                    receipt.state = "issued".into();
                    receipt.qpay_id = Some(answer.id.clone()).filter(|id| !id.is_empty());
                    receipt.receipt_no = answer.ebarimt_receipt_id;
                    receipt.lottery = answer.ebarimt_lottery;
                    receipt.qr_data = answer.ebarimt_qr_data;
                    receipt.vat_amount = answer.vat_amount.map(|a| a.to_string());
                    receipt.city_tax_amount = answer.city_tax_amount.map(|a| a.to_string());
                    ebarimt::finish(&self.db, &receipt, "requesting").await?;
                    let detail = receipt.lottery.clone().unwrap_or_default();
                    payments::record_event(self.db.pool(), order_id, "ebarimt_issued", &detail).await?;
                    tracing::info!(order_id, payment = %receipt.payment_id, "e-barimt receipt issued");
                }
                Asked::Refused(why) => {
                    refused += 1;
                    receipt.state = "failed".into();
                    receipt.error = Some(why.chars().take(500).collect());
                    ebarimt::finish(&self.db, &receipt, "requesting").await?;
                    payments::record_event(self.db.pool(), order_id, "ebarimt_refused", &why).await?;
                    // The owner hears of it once (the outbox's key); asked again later, a refusal enqueues nothing
                    // new, and one lost before this line is written by the next refusal.
                    let mut tx = self.db.begin_write().await?;
                    outbox::enqueue_notice(&mut tx, order_id, Event::ReceiptFailed, now_ms()).await?;
                    tx.commit().await.map_err(DbError::from)?;
                    tracing::warn!(order_id, %why, "QPay refused an e-barimt receipt; asked again later");
                }
                Asked::Unknown(why) => {
                    receipt.state = "unknown".into();
                    receipt.error = Some(why.chars().take(500).collect());
                    ebarimt::finish(&self.db, &receipt, "requesting").await?;
                    self.unknown_receipt(order_id, &why).await?;
                }
            }
        }
        // Refunded in full while QPay was asked: what was just issued goes back too.
        let now_refunded = ebarimt::order_for_receipts(&self.db, order_id)
            .await?
            .is_some_and(|order| order.refunded_in_full());
        if now_refunded {
            outbox::deliver_again(&self.db, order_id, MessageKind::CancelReceipt, now_ms()).await?;
        }
        match (refused, elsewhere) {
            (0, 0) => Ok(()),
            (0, n) => Err(ReceiptError::InProgress(n)),
            (n, _) => Err(ReceiptError::Refused(n)),
        }
    }

    /// A claim older than any delivery may run was left by a delivery that was cut, or a process that stopped,
    /// while QPay was asked: nobody knows whether QPay issued it.
    async fn give_up_stale_claims(&self, order_id: i64) -> Result<(), DbError> {
        let stale_after = super::outbox::DeliveryTiming::new(self.settings.qpay_timeout).stale_claim_ms();
        if ebarimt::give_up_stale_claims(&self.db, order_id, now_ms() - stale_after).await? > 0 {
            self.unknown_receipt(order_id, "the process asking for it stopped")
                .await?;
        }
        Ok(())
    }

    async fn unknown_receipt(&self, order_id: i64, why: &str) -> Result<(), DbError> {
        payments::record_event(self.db.pool(), order_id, "ebarimt_unknown", why).await?;
        tracing::error!(order_id, %why, "no answer to an e-barimt request: the owner decides");
        let reason = "E-barimt: QPay's answer was lost. Check in QPay's portal whether the receipt was issued; \
                      if not, press \"issue again\"";
        // Maybe not issued: the owner hears "receipt not issued" and checks.
        orders::add_reason(&self.db, order_id, reason, Event::ReceiptFailed).await
    }

    async fn ask_for_receipt(
        &self,
        settings: &EbarimtSettings,
        order: &ReceiptOrder,
        receipt: &ReceiptRow,
        codes: &[Option<String>],
    ) -> Asked {
        let receiver_type = if receipt.receiver_type == "COMPANY" {
            EbarimtReceiverType::Company
        } else {
            EbarimtReceiverType::Citizen
        };
        let answer = match settings.api {
            EbarimtApi::V3 => {
                // One classification code per receipt: the goods' own when they all share one.
                let first = codes.first().cloned().flatten();
                let shared = first.filter(|code| codes.iter().all(|c| c.as_deref() == Some(code.as_str())));
                let request = EbarimtV3CreateRequest {
                    payment_id: receipt.payment_id.clone(),
                    ebarimt_receiver_type: receiver_type,
                    // Ebarimt 3.0 takes a citizen's phone number as the receiver (SPEC.md §5).
                    ebarimt_receiver: receipt.receiver.clone().or_else(|| Some(order.phone.clone())),
                    district_code: Some(settings.district_code.clone()),
                    classification_code: Some(shared.unwrap_or_else(|| settings.classification_code.clone())),
                };
                self.qpay.create_ebarimt_v3(&request).await
            }
            EbarimtApi::V2 => {
                let request = EbarimtCreateRequest {
                    payment_id: receipt.payment_id.clone(),
                    ebarimt_receiver_type: receiver_type,
                    ebarimt_receiver: receipt.receiver.clone(),
                    callback_url: None,
                };
                self.qpay.create_ebarimt(&request).await
            }
        };
        match answer {
            Ok(receipt) => {
                let registered = receipt.barimt_status == BarimtStatus::Registered
                    && receipt.status != Some(false)
                    && receipt.ebarimt_lottery.as_deref().is_some_and(|l| !l.is_empty())
                    && receipt.ebarimt_qr_data.as_deref().is_some_and(|q| !q.is_empty());
                if registered {
                    Asked::Issued(Box::new(receipt))
                } else {
                    Asked::Refused(format!(
                        "QPay answered without a registered receipt (status {})",
                        receipt.barimt_status.as_str()
                    ))
                }
            }
            // QPay answered with an error of its own: it did not issue the receipt.
            Err(error @ (QpayError::Api { .. } | QpayError::Auth { .. })) => Asked::Refused(error.to_string()),
            Err(error) => Asked::Unknown(error.to_string()),
        }
    }

    /// Cancels every issued receipt of the order (after a full refund), through the API each was issued with. A
    /// receipt QPay no longer knows counts as cancelled; one QPay refuses to cancel is shown to the owner.
    #[tracing::instrument(skip(self))]
    pub async fn cancel_receipts(&self, order_id: i64) -> Result<(), ReceiptError> {
        // A receipt being asked for may yet be issued: this message waits until it is known.
        self.give_up_stale_claims(order_id).await?;
        let receipts = ebarimt::receipts_of(&self.db, order_id).await?;
        let requesting = receipts.iter().filter(|r| r.state == "requesting").count();
        if requesting > 0 {
            return Err(ReceiptError::InProgress(requesting));
        }
        for mut receipt in receipts {
            if receipt.state != "issued" {
                continue;
            }
            let answer = match (receipt.api.as_str(), &receipt.qpay_id) {
                ("v2", Some(id)) => self.qpay.cancel_ebarimt(id).await.map(|_| ()),
                ("v2", None) => Err(QpayError::Transport("no QPay id to cancel the receipt by".into())),
                _ => self.qpay.cancel_ebarimt_v3(&receipt.payment_id).await.map(|_| ()),
            };
            match answer {
                Ok(()) => {}
                Err(error) if error.code() == Some("BARIMT_NOT_FOUND") => {}
                Err(error @ QpayError::Api { .. }) if !error.is_retryable() => {
                    let reason = format!(
                        "E-barimt {}: QPay refused to cancel it ({error})",
                        receipt.lottery.as_deref().unwrap_or("")
                    );
                    orders::add_reason(&self.db, order_id, &reason, Event::NeedsAttention).await?;
                    payments::record_event(self.db.pool(), order_id, "ebarimt_cancel_refused", &error.to_string())
                        .await?;
                    continue;
                }
                Err(error) => return Err(error.into()),
            }
            receipt.state = "cancelled".into();
            ebarimt::finish(&self.db, &receipt, "issued").await?;
            let detail = receipt.lottery.clone().unwrap_or_default();
            payments::record_event(self.db.pool(), order_id, "ebarimt_cancelled", &detail).await?;
        }
        Ok(())
    }
}
