//! Refunds the owner makes from the admin order page. The whole of a card payment goes back through QPay's refund
//! API; anything else (bank-app payments, which QPay refuses with `PAYMENT_SETTLED`, and parts of a payment) is
//! money the owner returned outside QPay and records with a note (`domain::refund`, SPEC.md §4.3).
//!
//! A QPay refund is written `pending` under the order's lock before QPay is asked, with the order flagged, so a
//! second click or a second owner can never send the same payment back twice. A lost answer leaves it pending; once
//! its answer is overdue, the owner's re-check asks QPay (`GET /v2/payment/{id}`) how it ended.

use sqlx::{Any, Transaction};

use super::service::PaymentService;
use crate::db::outbox::MessageKind;
use crate::domain::notice::Event;
use crate::{
    db::{
        DbError, orders,
        refunds::{self, NewRefund},
        timeline,
    },
    domain::{
        Fulfilment, Mnt, PaymentState,
        refund::{RefundRefusal, RefundWay},
    },
    qpay::{PaymentRefundRequest, PaymentStatus, QpayError},
};

#[derive(Debug, thiserror::Error)]
pub enum RefundError {
    #[error("no such order or payment")]
    NotFound,
    #[error(transparent)]
    Refused(#[from] RefundRefusal),
    /// QPay said no: `PAYMENT_SETTLED` means the money must go back outside QPay (a manual refund).
    #[error("QPay refused the refund: {0}")]
    QpayRefused(QpayError),
    /// QPay did not answer: the refund stays pending until a re-check learns how it ended.
    #[error("QPay did not answer the refund: {0}")]
    QpayUnanswered(QpayError),
    /// A QPay refund of the payment taken as failed went through after all: it is counted now, and nothing more
    /// goes back.
    #[error("QPay refunded the payment after all")]
    RefundedByQpay,
    /// An earlier QPay refund of the payment was taken as failed and QPay cannot say now how it ended: nothing more
    /// goes back until it can.
    #[error("QPay cannot say now how an earlier refund of the payment ended")]
    OutcomeUnknown,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl RefundError {
    /// QPay answered `PAYMENT_SETTLED`: the payment cannot go back through QPay.
    pub fn is_settled(&self) -> bool {
        matches!(self, RefundError::QpayRefused(error) if error.code() == Some("PAYMENT_SETTLED"))
    }
}

/// What the owner asked for.
pub struct RefundRequest<'a> {
    pub order_no: &'a str,
    pub qpay_payment_id: &'a str,
    pub amount: i64,
    pub note: &'a str,
    /// The owner's e-mail address, for the timeline.
    pub actor: &'a str,
}

impl PaymentService {
    /// Refunds part or all of one of the order's payments and returns how.
    #[tracing::instrument(skip(self, request), fields(order_no = request.order_no))]
    pub async fn refund(&self, request: &RefundRequest<'_>) -> Result<RefundWay, RefundError> {
        let order = orders::find_by_no(&self.db, request.order_no)
            .await?
            .ok_or(RefundError::NotFound)?;
        // A QPay refund taken as failed may have gone through after all (a re-check read the payment as still PAID
        // while QPay was finishing it): QPay is asked before more of that payment goes back, and while it cannot
        // say, nothing goes back, so it never goes back twice.
        for earlier in refunds::refunds_of(&self.db, order.id).await? {
            let taken_as_failed = earlier.way == RefundWay::Qpay.as_str()
                && earlier.state == "failed"
                && earlier.qpay_payment_id == request.qpay_payment_id;
            if taken_as_failed {
                match self
                    .learn_outcome(order.id, earlier.id, &earlier.qpay_payment_id)
                    .await?
                {
                    Some(true) => return Err(RefundError::RefundedByQpay),
                    Some(false) => {}
                    None => return Err(RefundError::OutcomeUnknown),
                }
            }
        }
        let recorded = match self.record_refund(order.id, request).await {
            Err(RefundError::Refused(RefundRefusal::InvoiceStillOpen))
                if self.invoice_cancelled_at_qpay(order.id).await? =>
            {
                // QPay says it is cancelled; only our record of the cancel was missing.
                self.record_refund(order.id, request).await?
            }
            Err(RefundError::Refused(RefundRefusal::InvoiceStillOpen)) => {
                // The cancel that would close it is tried again now rather than at its next backoff.
                let now = crate::db::now_ms();
                crate::db::outbox::deliver_again(
                    &self.db,
                    order.id,
                    crate::db::outbox::MessageKind::CancelInvoice,
                    now,
                )
                .await?;
                return Err(RefundError::Refused(RefundRefusal::InvoiceStillOpen));
            }
            recorded => recorded?,
        };
        if recorded.way == RefundWay::Manual {
            return Ok(recorded.way);
        }
        self.send_to_qpay(order.id, &recorded, request).await?;
        Ok(recorded.way)
    }

    /// Decides and writes the refund under the order's lock: done for a manual one, pending for QPay's (with the
    /// order flagged until QPay's answer ends it, so a crash before the answer still leaves a mark).
    async fn record_refund(&self, order_id: i64, request: &RefundRequest<'_>) -> Result<Recorded, RefundError> {
        let note = request.note.trim();
        let mut tx = self.db.begin_write().await?;
        // The order's lock serialises refunds of its payments: what was refunded is read after it.
        let facts = orders::payment_facts(&mut tx, order_id, self.db.row_lock()).await?;
        let payment = refunds::payment_to_refund(&mut tx, order_id, request.qpay_payment_id)
            .await?
            .ok_or(RefundError::NotFound)?;
        let state = facts.payment_state;
        // QPay closes an invoice paid in full; any other one takes money until QPay confirms it cancelled.
        let invoice = crate::db::payments::invoice_state(&mut *tx, order_id).await?;
        let invoice_open = state != PaymentState::Paid && matches!(invoice.as_deref(), Some("open" | "creating"));
        let way = payment
            .refundable(state.is_payable(), invoice_open)
            .decide(request.amount, note)?;
        let new = NewRefund {
            order_id,
            payment_id: payment.id,
            amount_mnt: request.amount,
            way: way.as_str(),
            state: if way == RefundWay::Manual { "done" } else { "pending" },
            note,
            actor: request.actor,
        };
        let refund_id = refunds::insert(&mut tx, &new).await?;
        let amount = Mnt::new(request.amount).unwrap_or_default();
        let paid_by = &payment.qpay_payment_id;
        if way == RefundWay::Manual {
            let detail = format!("{amount} of payment {paid_by} returned outside QPay: {note}");
            timeline::record_by(&mut *tx, order_id, "refund", &detail, request.actor).await?;
            follow_refund(&mut tx, order_id, request.amount, self.db.row_lock()).await?;
        } else {
            let detail = format!("{amount} of card payment {paid_by} sent to QPay for refund");
            timeline::record_by(&mut *tx, order_id, "refund", &detail, request.actor).await?;
            orders::reflag(&mut tx, order_id, &[], Some(&format!("{AWAITING_QPAY}: {amount}"))).await?;
        }
        tx.commit().await.map_err(DbError::from)?;
        tracing::info!(%amount, way = way.as_str(), "refund recorded");
        Ok(Recorded {
            way,
            refund_id,
            qpay_payment_id: payment.qpay_payment_id,
        })
    }

    async fn send_to_qpay(
        &self,
        order_id: i64,
        recorded: &Recorded,
        request: &RefundRequest<'_>,
    ) -> Result<(), RefundError> {
        let note = request.note.trim();
        let body = PaymentRefundRequest {
            callback_url: None,
            note: Some(if note.is_empty() {
                "Butsaalt".to_owned()
            } else {
                note.to_owned()
            }),
        };
        let refund_id = recorded.refund_id;
        match self.qpay.refund_payment(&recorded.qpay_payment_id, &body).await {
            Ok(()) => {
                self.end_qpay_refund(order_id, refund_id, true, "QPay refunded the card payment")
                    .await?;
                Ok(())
            }
            // Reversed before (through QPay's merchant portal, say): QPay's record of the payment tells.
            Err(error) if error.code() == Some("PAYMENT_ALREADY_CANCELED") => {
                match self
                    .learn_outcome(order_id, refund_id, &recorded.qpay_payment_id)
                    .await?
                {
                    Some(true) => Ok(()),
                    _ => Err(RefundError::QpayRefused(error)),
                }
            }
            Err(error) if is_answer(&error) => {
                let why = format!("QPay refused the refund: {error}");
                self.end_qpay_refund(order_id, refund_id, false, &why).await?;
                Err(RefundError::QpayRefused(error))
            }
            Err(error) => {
                let why = format!("QPay did not answer the refund ({error}): re-check to see how it ended");
                timeline::record_by(self.db.pool(), order_id, "refund", &why, request.actor).await?;
                Err(RefundError::QpayUnanswered(error))
            }
        }
    }

    /// Whether QPay says the order's invoice is cancelled (our record of it is then brought up to date); false when
    /// it is open, paid, or QPay cannot be asked now.
    async fn invoice_cancelled_at_qpay(&self, order_id: i64) -> Result<bool, DbError> {
        let invoice_id = crate::db::payments::invoice_of(&self.db, order_id)
            .await?
            .and_then(|invoice| invoice.invoice_id);
        let Some(invoice_id) = invoice_id else {
            return Ok(false);
        };
        let cancelled = match self.qpay.get_invoice(&invoice_id).await {
            Ok(invoice) => invoice.invoice_status == crate::qpay::InvoiceStatus::Canceled,
            Err(error) => {
                tracing::warn!(%error, "cannot ask QPay whether the invoice is cancelled");
                false
            }
        };
        if cancelled {
            crate::db::payments::mark_invoice_cancelled(&self.db, order_id).await?;
        }
        Ok(cancelled)
    }

    /// Asks QPay how the order's pending refunds ended, for those whose answer is overdue (never one still waiting
    /// for its answer: QPay may yet be working on it).
    #[tracing::instrument(skip(self))]
    pub async fn resolve_pending_refunds(&self, order_id: i64) -> Result<(), DbError> {
        let overdue = crate::db::now_ms() - 2 * crate::config::millis(self.settings.qpay_timeout) - 5_000;
        for refund in refunds::pending_of(&self.db, order_id).await? {
            if refund.created_at < overdue {
                self.learn_outcome(order_id, refund.id, &refund.qpay_payment_id).await?;
            }
        }
        Ok(())
    }

    /// Reads the payment from QPay (`GET /v2/payment/{id}`): `REFUNDED` ends the refund done, `PAID` failed; any
    /// other answer, or none, leaves it pending. Returns whether it is done, when it ended.
    async fn learn_outcome(
        &self,
        order_id: i64,
        refund_id: i64,
        qpay_payment_id: &str,
    ) -> Result<Option<bool>, DbError> {
        let status = match self.qpay.get_payment(qpay_payment_id).await {
            Ok(payment) => payment.payment_status,
            Err(error) => {
                tracing::warn!(%error, "cannot learn how a refund ended");
                return Ok(None);
            }
        };
        let refunded = match status {
            PaymentStatus::Refunded => true,
            PaymentStatus::Paid => false,
            _ => return Ok(None),
        };
        let detail = format!("QPay says the payment is {}", status.as_str());
        self.end_qpay_refund(order_id, refund_id, refunded, &detail).await?;
        Ok(Some(refunded))
    }

    /// Ends a QPay refund once, whoever learns the outcome first. QPay's "refunded" wins even over an earlier
    /// "failed" (an answer that came after a re-check gave up on it): the money is gone, so it is counted, and the
    /// order is flagged because the owner may have returned it by hand meanwhile.
    async fn end_qpay_refund(
        &self,
        order_id: i64,
        refund_id: i64,
        refunded: bool,
        detail: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.db.begin_write().await?;
        orders::payment_facts(&mut tx, order_id, self.db.row_lock()).await?;
        let refund = refunds::refund_of(&mut tx, refund_id).await?;
        let before = refund.state.as_str();
        let ends = matches!((before, refunded), ("pending", _) | ("failed", true));
        if ends {
            refunds::set_state(&mut tx, refund_id, if refunded { "done" } else { "failed" }).await?;
            let kind = if refunded { "refund" } else { "refund_failed" };
            crate::db::payments::record_event(&mut *tx, order_id, kind, detail).await?;
            if !refunded {
                crate::db::outbox::enqueue_notice(&mut tx, order_id, Event::RefundFailed, crate::db::now_ms()).await?;
            }
            orders::clear_flag(&mut tx, order_id, AWAITING_QPAY).await?;
            if refunded {
                refunds::set_payment_status(&mut tx, refund.payment_id, PaymentStatus::Refunded.as_str()).await?;
                follow_refund(&mut tx, order_id, refund.amount_mnt, self.db.row_lock()).await?;
            }
            if before == "failed" {
                let why = "QPay refunded a card payment after it was taken as failed: make sure it was not also returned by hand";
                orders::reflag(&mut tx, order_id, &[], Some(why)).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

struct Recorded {
    way: RefundWay,
    refund_id: i64,
    qpay_payment_id: String,
}

/// How the order's flag begins while a QPay refund waits for its answer; it goes when the refund ends either way.
const AWAITING_QPAY: &str = crate::domain::attention::WAITING_FOR_QPAY_REFUND;

/// QPay answered the refund with an error of its own (as opposed to no answer at all).
fn is_answer(error: &QpayError) -> bool {
    matches!(error, QpayError::Api { .. }) && !error.is_retryable()
}

/// Counts a finished refund on the order. Once all the money is back, the order needs nothing more from the owner
/// (the flag goes), its e-barimt receipts are cancelled, and a paid order that never left the shop gives its items
/// back to stock. (A part refunded leaves the receipts as they are: QPay cancels a receipt whole or not at all.)
async fn follow_refund(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    amount: i64,
    row_lock: &'static str,
) -> Result<(), DbError> {
    let order = orders::add_refunded(tx, order_id, amount).await?;
    // The shopper hears of the first refund; a later part refunded is on the order's page.
    crate::db::outbox::enqueue_notice(tx, order_id, Event::Refunded, crate::db::now_ms()).await?;
    if order.refunded < order.paid {
        return Ok(());
    }
    // All the money back resolves what the money raised; any other reason stays.
    orders::reflag(tx, order_id, &[super::settle::PART_PAID, super::settle::PAID_BUT], None).await?;
    crate::db::outbox::enqueue(&mut **tx, order_id, MessageKind::CancelReceipt, crate::db::now_ms()).await?;
    let unshipped = matches!(order.fulfilment, Fulfilment::New | Fulfilment::Packed);
    if order.payment_state == PaymentState::Paid && unshipped && orders::release_stock(tx, order_id, row_lock).await? {
        crate::db::payments::record_event(
            &mut **tx,
            order_id,
            "stock",
            "refunded in full before shipping: stock back",
        )
        .await?;
    }
    Ok(())
}
