//! Settling an order: asking QPay which payments its invoice has (`payment/check`), never trusting whoever asked
//! us to look (a callback has no signature, SPEC.md §6, §10.6), and moving the order forward exactly once in one
//! transaction. Safe to call any number of times, concurrently.

use rust_decimal::Decimal;

use super::invoice::PaymentService;
use crate::{
    db::{
        DbError, orders,
        payments::{self, ConfirmedPayment},
    },
    domain::PaymentState,
    qpay::{PaymentCheckRequest, PaymentStatus, PaymentType, QpayError},
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

impl PaymentService {
    /// Confirms with QPay and returns the order's payment state afterwards. `trigger` (callback, check, ...) goes
    /// into the payment log.
    #[tracing::instrument(skip(self))]
    pub async fn settle(&self, order_no: &str, trigger: &str) -> Result<PaymentState, SettleError> {
        let order = orders::find_by_no(&self.db, order_no)
            .await?
            .ok_or(SettleError::UnknownOrder)?;
        let current = PaymentState::parse(&order.payment_state).unwrap_or(PaymentState::AwaitingPayment);
        let invoice_id = payments::invoice_of(&self.db, order.id)
            .await?
            .and_then(|invoice| invoice.invoice_id)
            .ok_or(SettleError::NoInvoice)?;
        let check = match self
            .qpay
            .check_payment(&PaymentCheckRequest::invoice(&invoice_id))
            .await
        {
            Ok(check) => check,
            Err(error) => {
                payments::record_event(self.db.pool(), order.id, "check_failed", &format!("{trigger}: {error}"))
                    .await?;
                return Err(error.into());
            }
        };
        // Only rows QPay calls PAID or PARTIAL count; their sum, not rows[0], is what was paid (SPEC.md §10.10).
        let counted: Vec<_> = check
            .rows
            .iter()
            .filter(|row| matches!(row.payment_status, PaymentStatus::Paid | PaymentStatus::Partial))
            .collect();
        let paid: Decimal = counted
            .iter()
            .filter_map(|row| row.payment_amount.map(|a| a.decimal()))
            .sum();
        let total = Decimal::from(order.total_mnt);
        let target = if paid >= total {
            PaymentState::Paid
        } else if paid > Decimal::ZERO {
            PaymentState::PartiallyPaid
        } else {
            current
        };

        let mut tx = self.db.begin_write().await?;
        for row in &counted {
            let amount = row.payment_amount.map(|a| a.decimal()).unwrap_or_default();
            let method = match &row.payment_type {
                PaymentType::P2p => "P2P",
                PaymentType::Card => "CARD",
                _ => "OTHER",
            };
            let payment = ConfirmedPayment {
                qpay_payment_id: &row.payment_id,
                status: row.payment_status.as_str(),
                amount_mnt: whole_mnt(amount),
                method,
                wallet: row.payment_wallet.as_deref(),
            };
            payments::insert_payment(&mut *tx, order.id, &payment).await?;
        }
        let from: Vec<&str> = PaymentState::ALL
            .into_iter()
            .filter(|s| s.can_move_to(target))
            .map(PaymentState::as_str)
            .collect();
        let moved = target != current
            && !from.is_empty()
            && payments::move_payment_state(&mut *tx, order.id, &from, target.as_str(), whole_mnt(paid)).await?;
        let detail = format!(
            "{trigger}: QPay says {paid} of {total} paid in {} payment(s)",
            counted.len()
        );
        payments::record_event(&mut *tx, order.id, "checked", &detail).await?;
        if moved {
            payments::record_event(
                &mut *tx,
                order.id,
                "state",
                &format!("{} -> {}", current.as_str(), target.as_str()),
            )
            .await?;
        }
        tx.commit().await.map_err(DbError::from)?;
        if moved {
            tracing::info!(
                from = current.as_str(),
                to = target.as_str(),
                "order payment state moved"
            );
        }
        let after = orders::find_by_no(&self.db, order_no)
            .await?
            .ok_or(SettleError::UnknownOrder)?;
        Ok(PaymentState::parse(&after.payment_state).unwrap_or(current))
    }
}

/// Whole tögrög, rounded down: a fraction of a tögrög never makes an order look paid.
fn whole_mnt(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    amount.trunc().to_i64().unwrap_or(i64::MAX)
}
