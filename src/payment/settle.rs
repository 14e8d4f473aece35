//! Settling an order: asking QPay which payments its invoice has (`payment/check`), never trusting whoever asked
//! us to look (a callback has no signature, SPEC.md §6, §10.6), and moving the order forward exactly once in one
//! transaction. The one way an order's payment state changes: the callback, "check now", the reconciler and the
//! admin's re-check all call it. Safe to call any number of times, concurrently, from several processes.
//!
//! In the same transaction as a move it does what the move implies: a paid order gets an outbox message for the
//! owner; an expired one gives its stock back and gets its QPay invoice cancelled (through the outbox); money that
//! comes after expiry takes the stock again, or flags the order for the owner when the stock is gone.

use rust_decimal::Decimal;
use sqlx::{Any, Transaction};

use super::service::PaymentService;
use crate::{
    db::{
        DbError, checks, now_ms,
        orders::{self, OrderRow},
        outbox::{self, MessageKind},
        payments::{self, ConfirmedPayment},
    },
    domain::{CheckSchedule, Mnt, PaymentState},
    qpay::{PaymentCheckRequest, PaymentCheckResponse, PaymentStatus, PaymentType, QpayError},
};

#[derive(Debug, thiserror::Error)]
pub enum SettleError {
    #[error("no such order")]
    UnknownOrder,
    #[error("the order has no QPay invoice yet")]
    NoInvoice,
    #[error("QPay could not be asked: {0}")]
    Qpay(#[from] QpayError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// What QPay's check says was paid.
struct Confirmed<'a> {
    rows: Vec<&'a crate::qpay::Payment>,
    paid: Decimal,
}

impl<'a> Confirmed<'a> {
    /// Only rows QPay calls PAID or PARTIAL count; their sum, not rows[0], is what was paid (SPEC.md §10.10).
    fn from_check(check: &'a PaymentCheckResponse) -> Self {
        let rows: Vec<_> = check
            .rows
            .iter()
            .filter(|row| matches!(row.payment_status, PaymentStatus::Paid | PaymentStatus::Partial))
            .collect();
        let paid = rows
            .iter()
            .filter_map(|row| row.payment_amount.map(|a| a.decimal()))
            .sum();
        Confirmed { rows, paid }
    }
}

impl PaymentService {
    /// Confirms with QPay and returns the order's payment state afterwards. `trigger` (callback, check now,
    /// reconciler, ...) goes into the payment log.
    #[tracing::instrument(skip(self))]
    pub async fn settle(&self, order_no: &str, trigger: &str) -> Result<PaymentState, SettleError> {
        let order = orders::find_by_no(&self.db, order_no)
            .await?
            .ok_or(SettleError::UnknownOrder)?;
        let invoice = payments::invoice_of(&self.db, order.id).await?;
        let Some((invoice, invoice_id)) = invoice.and_then(|i| i.invoice_id.clone().map(|id| (i, id))) else {
            return Err(SettleError::NoInvoice);
        };
        let check = match self
            .qpay
            .check_payment(&PaymentCheckRequest::invoice(&invoice_id))
            .await
        {
            Ok(check) => check,
            Err(error) => {
                let detail = format!("{trigger}: {error}");
                payments::record_event(self.db.pool(), order.id, "check_failed", &detail).await?;
                return Err(error.into());
            }
        };
        let confirmed = Confirmed::from_check(&check);
        let paid_mnt = whole_mnt(confirmed.paid);
        let now = now_ms();

        let mut tx = self.db.begin_write().await?;
        // Decide from the order as it is now, under the lock: another settlement may have moved it since it was
        // read above (expired it, say, or recorded a partial payment).
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        let current = crate::db::stored_payment_state(&facts.payment_state)?;
        let invoice_over = CheckSchedule::is_final(invoice.expires_at, now);
        let target = current.after_check(facts.paid_mnt, paid_mnt, order.total_mnt, invoice_over);
        for row in &confirmed.rows {
            let payment = ConfirmedPayment {
                qpay_payment_id: &row.payment_id,
                status: row.payment_status.as_str(),
                amount_mnt: whole_mnt(row.payment_amount.map(|a| a.decimal()).unwrap_or_default()),
                method: match &row.payment_type {
                    PaymentType::P2p => "P2P",
                    PaymentType::Card => "CARD",
                    _ => "OTHER",
                },
                wallet: row.payment_wallet.as_deref(),
            };
            payments::insert_payment(&mut *tx, order.id, &payment).await?;
        }
        orders::record_paid_amount(&mut *tx, order.id, paid_mnt).await?;
        let moved = target != current
            && orders::move_payment_state(&mut *tx, order.id, &[current.as_str()], target.as_str()).await?;
        let detail = format!(
            "{trigger}: QPay says {paid} of {total} paid in {} payment(s)",
            confirmed.rows.len(),
            paid = confirmed.paid,
            total = order.total_mnt,
        );
        payments::record_event(&mut *tx, order.id, "checked", &detail).await?;
        let after = if moved { target } else { current };
        if moved {
            let change = format!("{} -> {}", current.as_str(), target.as_str());
            payments::record_event(&mut *tx, order.id, "state", &change).await?;
            self.follow_move(&mut tx, &order, &facts, target, paid_mnt).await?;
        } else if paid_mnt > facts.paid_mnt && matches!(current, PaymentState::Expired | PaymentState::Cancelled) {
            let reason = format!(
                "{} of {} paid after the order {}: ask the shopper to pay the rest or refund",
                Mnt::new(paid_mnt).unwrap_or_default(),
                Mnt::new(order.total_mnt).unwrap_or_default(),
                current.as_str()
            );
            orders::flag(&mut tx, order.id, Some(&reason)).await?;
        }
        // The next reconciler check, while QPay can still take money for the invoice.
        let next_check = after
            .is_payable()
            .then(|| self.settings.checks.next(invoice.created_at, invoice.expires_at, now))
            .flatten();
        checks::schedule(&mut *tx, order.id, next_check).await?;
        tx.commit().await.map_err(DbError::from)?;
        if moved {
            tracing::info!(
                from = current.as_str(),
                to = target.as_str(),
                trigger,
                "order payment state moved"
            );
        }
        Ok(after)
    }

    /// What a move implies, in the moving transaction; `facts` are the order's as read under that transaction.
    async fn follow_move(
        &self,
        tx: &mut Transaction<'static, Any>,
        order: &OrderRow,
        facts: &orders::PaymentFacts,
        to: PaymentState,
        paid_mnt: i64,
    ) -> Result<(), DbError> {
        let now = now_ms();
        let from = facts.payment_state.as_str();
        match to {
            PaymentState::Paid => {
                outbox::enqueue(&mut **tx, order.id, MessageKind::NotifyOwner, now).await?;
                if self.settings.ebarimt.is_some() {
                    outbox::enqueue(&mut **tx, order.id, MessageKind::IssueReceipt, now).await?;
                }
                let stock_held =
                    facts.stock_reserved == 1 || orders::reserve_again(tx, order.id, self.db.row_lock()).await?;
                // Paid in full: an earlier "partly paid" flag no longer holds.
                let reason = (!stock_held)
                    .then(|| format!("Paid after the order {from}, but the stock is gone: deliver later or refund"));
                orders::flag(tx, order.id, reason.as_deref()).await?;
            }
            PaymentState::Expired | PaymentState::Cancelled => {
                orders::release_stock(tx, order.id).await?;
                outbox::enqueue(&mut **tx, order.id, MessageKind::CancelInvoice, now).await?;
                if paid_mnt > 0 {
                    let reason = format!(
                        "{} of {} paid before the invoice ran out: refund it or ask for the rest",
                        Mnt::new(paid_mnt).unwrap_or_default(),
                        Mnt::new(order.total_mnt).unwrap_or_default()
                    );
                    orders::flag(tx, order.id, Some(&reason)).await?;
                }
            }
            PaymentState::AwaitingPayment | PaymentState::PartiallyPaid => {}
        }
        Ok(())
    }

    /// Cancels an order nothing has been paid for, for the owner `actor`: the stock goes back and the QPay invoice
    /// is cancelled (through the outbox). False when the order is not awaiting payment (paid, partly paid, over).
    #[tracing::instrument(skip(self))]
    pub async fn cancel_unpaid(&self, order_no: &str, actor: &str) -> Result<bool, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(false);
        };
        let mut tx = self.db.begin_write().await?;
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        let awaiting = PaymentState::AwaitingPayment.as_str();
        if facts.payment_state != awaiting || facts.paid_mnt > 0 {
            return Ok(false);
        }
        let cancelled = PaymentState::Cancelled;
        if !orders::move_payment_state(&mut *tx, order.id, &[awaiting], cancelled.as_str()).await? {
            return Ok(false);
        }
        crate::db::timeline::record_by(&mut *tx, order.id, "state", "awaiting -> cancelled", actor).await?;
        self.follow_move(&mut tx, &order, &facts, cancelled, 0).await?;
        checks::schedule(&mut *tx, order.id, None).await?;
        tx.commit().await?;
        tracing::info!(%order_no, "unpaid order cancelled by the owner");
        Ok(true)
    }

    /// Expires an order that never got a QPay invoice once its time to pay is over, giving its stock back. Nothing
    /// can have been paid: without an invoice there is nothing to pay.
    #[tracing::instrument(skip(self))]
    pub async fn expire_unbilled(&self, order_no: &str) -> Result<bool, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(false);
        };
        let mut tx = self.db.begin_write().await?;
        let awaiting = [PaymentState::AwaitingPayment.as_str()];
        let moved = orders::move_payment_state(&mut *tx, order.id, &awaiting, PaymentState::Expired.as_str()).await?;
        if moved {
            let claim_cutoff = now_ms() - super::invoice::STALE_CLAIM_MS;
            checks::drop_stale_claim(&mut tx, order.id, claim_cutoff).await?;
            orders::release_stock(&mut tx, order.id).await?;
            payments::record_event(&mut *tx, order.id, "state", "awaiting -> expired (no invoice was made)").await?;
        }
        tx.commit().await?;
        Ok(moved)
    }
}

/// Whole tögrög, rounded down: a fraction of a tögrög never makes an order look paid.
fn whole_mnt(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    amount.trunc().to_i64().unwrap_or(i64::MAX)
}
