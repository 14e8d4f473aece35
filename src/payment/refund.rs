//! Refunds the owner makes from the admin order page. The whole of a card payment goes back through QPay's refund
//! API; anything else (bank-app payments, which QPay refuses with `PAYMENT_SETTLED`, and parts of a payment) is
//! money the owner returned outside QPay and records with a note (`domain::refund`, SPEC.md §4.3).
//!
//! A QPay refund is written `pending` under the order's lock before QPay is asked, so a second click or a second
//! owner can never send the same payment back twice. A lost answer leaves it pending and flags the order; the
//! owner's re-check asks QPay (`GET /v2/payment/{id}`) how it ended.

use sqlx::{Any, Transaction};

use super::invoice::PaymentService;
use crate::{
    db::{
        DbError, checks, orders,
        refunds::{self, NewRefund},
        timeline,
    },
    domain::{
        Fulfilment, Mnt, PaymentState,
        refund::{RefundRefusal, RefundWay, RefundablePayment},
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
        let note = request.note.trim();

        let mut tx = self.db.begin_write().await?;
        // The order's lock serialises refunds of its payments: what was refunded is read after it.
        orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        let payment = refunds::payment_to_refund(&mut tx, order.id, request.qpay_payment_id)
            .await?
            .ok_or(RefundError::NotFound)?;
        let way = RefundablePayment {
            card: payment.method == "CARD",
            amount: payment.amount_mnt,
            refunded: payment.refunded_mnt,
            qpay_refused: payment.qpay_refused > 0,
        }
        .decide(request.amount, note)?;
        let state = match way {
            RefundWay::Qpay => "pending",
            RefundWay::Manual => "done",
        };
        let refund_id = refunds::insert(
            &mut tx,
            &NewRefund {
                order_id: order.id,
                payment_id: payment.id,
                amount_mnt: request.amount,
                way: way.as_str(),
                state,
                note,
                actor: request.actor,
            },
        )
        .await?;
        let amount = Mnt::new(request.amount).unwrap_or_default();
        if way == RefundWay::Manual {
            let detail = format!(
                "{amount} of payment {} returned outside QPay: {note}",
                payment.qpay_payment_id
            );
            timeline::record_by(&mut *tx, order.id, "refund", &detail, request.actor).await?;
            follow_refund(&mut tx, order.id, request.amount).await?;
            tx.commit().await.map_err(DbError::from)?;
            tracing::info!(%amount, "manual refund recorded");
            return Ok(way);
        }
        let detail = format!(
            "{amount} of card payment {} sent to QPay for refund",
            payment.qpay_payment_id
        );
        timeline::record_by(&mut *tx, order.id, "refund", &detail, request.actor).await?;
        tx.commit().await.map_err(DbError::from)?;

        let body = PaymentRefundRequest {
            callback_url: None,
            note: Some(if note.is_empty() {
                "Butsaalt".to_owned()
            } else {
                note.to_owned()
            }),
        };
        match self.qpay.refund_payment(&payment.qpay_payment_id, &body).await {
            Ok(()) => {
                self.end_qpay_refund(order.id, refund_id, true, "QPay refunded the card payment")
                    .await?;
                Ok(way)
            }
            Err(error) if is_answer(&error) => {
                let why = format!("QPay refused the refund: {error}");
                self.end_qpay_refund(order.id, refund_id, false, &why).await?;
                Err(RefundError::QpayRefused(error))
            }
            Err(error) => {
                let mut tx = self.db.begin_write().await?;
                let why = format!("{UNANSWERED} ({error}): re-check to see how it ended");
                timeline::record_by(&mut *tx, order.id, "refund", &why, request.actor).await?;
                checks::flag(&mut tx, order.id, Some(&why)).await?;
                tx.commit().await.map_err(DbError::from)?;
                Err(RefundError::QpayUnanswered(error))
            }
        }
    }

    /// Asks QPay how the order's pending refunds ended (their answer was lost), and ends them accordingly.
    pub async fn resolve_pending_refunds(&self, order_id: i64) -> Result<(), DbError> {
        for refund in refunds::pending_of(&self.db, order_id).await? {
            match self.qpay.get_payment(&refund.qpay_payment_id).await {
                Ok(payment) => {
                    let refunded = payment.payment_status == PaymentStatus::Refunded;
                    let detail = format!("re-check: QPay says the payment is {}", payment.payment_status.as_str());
                    self.end_qpay_refund(order_id, refund.id, refunded, &detail).await?;
                }
                Err(error) => tracing::warn!(%error, "cannot learn how a pending refund ended"),
            }
        }
        Ok(())
    }

    /// Ends a pending QPay refund once, whoever learns the outcome first.
    async fn end_qpay_refund(
        &self,
        order_id: i64,
        refund_id: i64,
        refunded: bool,
        detail: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.db.begin_write().await?;
        orders::payment_facts(&mut tx, order_id, self.db.row_lock()).await?;
        if refunds::finish(&mut tx, refund_id, if refunded { "done" } else { "failed" }).await? {
            let kind = if refunded { "refund" } else { "refund_failed" };
            crate::db::payments::record_event(&mut *tx, order_id, kind, detail).await?;
            if refunded {
                let (payment_id, amount) = refunds::payment_of_refund(&mut tx, refund_id).await?;
                refunds::set_payment_status(&mut tx, payment_id, PaymentStatus::Refunded.as_str()).await?;
                follow_refund(&mut tx, order_id, amount).await?;
            }
            refunds::clear_flag(&mut tx, order_id, UNANSWERED).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// How the flag of a refund whose answer was lost begins; it goes when the refund ends either way.
const UNANSWERED: &str = "refund sent to QPay without an answer";

/// QPay answered the refund with an error of its own (as opposed to no answer at all).
fn is_answer(error: &QpayError) -> bool {
    matches!(error, QpayError::Api { .. }) && !error.is_retryable()
}

/// Counts a finished refund on the order. Once all the money is back, the order needs nothing more from the owner
/// (the flag goes), and a paid order that never left the shop gives its items back to stock.
async fn follow_refund(tx: &mut Transaction<'_, Any>, order_id: i64, amount: i64) -> Result<(), DbError> {
    let order = refunds::add_to_order(tx, order_id, amount).await?;
    if order.refunded_mnt < order.paid_mnt {
        return Ok(());
    }
    checks::flag(tx, order_id, None).await?;
    let unshipped = matches!(
        Fulfilment::parse(&order.fulfilment),
        Some(Fulfilment::New | Fulfilment::Packed)
    );
    if order.payment_state == PaymentState::Paid.as_str() && unshipped && checks::release_stock(tx, order_id).await? {
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
