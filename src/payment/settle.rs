//! Settling an order: asking QPay which payments its invoice has (`payment/check`), never trusting whoever asked
//! us to look (a callback has no signature, SPEC.md §6, §10.6), and moving the order forward exactly once in one
//! transaction. The one way an order's payment state changes: the callback, "check now", the reconciler and the
//! admin's re-check all call it. Safe to call any number of times, concurrently, from several processes.
//!
//! The money found is applied by the one step every way to pay goes through (`moves::apply_payment`), and an order
//! ended unpaid by the one step every expiry and cancel goes through (`moves::end_unpaid`); money that comes after
//! expiry takes the stock again, or flags the order for the owner when the stock is gone.

use rust_decimal::Decimal;

use super::{moves::MovedBy, service::PaymentService};
use crate::{
    db::{
        DbError, checks, now_ms, orders,
        payments::{self, ConfirmedPayment},
    },
    domain::{CheckSchedule, Mnt, PaymentState, owner_action::may_cancel},
    qpay::{PaymentCheckRequest, PaymentCheckResponse, PaymentStatus, PaymentType, QpayError},
};

/// How the flag begins that part of the total paid raises; paying the rest, or refunding all, resolves it.
pub(super) const PART_PAID: &str = "Part paid";
/// How the flag begins that a paid order which cannot simply be shipped raises; refunding all resolves it.
pub(super) const PAID_BUT: &str = "Paid, but";

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

/// What QPay's check says was paid, by one rule used for the order and for each payment alike:
/// - a row counts when QPay calls it PAID or PARTIAL (SPEC.md §10.10) and it is in tögrög: the invoice is in
///   tögrög, so a row in another currency is not the shopper's payment of it (a row without a currency, as in the
///   older answer shape of §4.1, is the invoice's own);
/// - each counted payment is worth its whole tögrög, rounded down, and the order's paid amount is the sum of those,
///   so refunding every payment in full refunds the order in full;
/// - whether the total is covered is judged on the exact sum, as QPay closes the invoice on it: two payments of
///   12,500.50₮ pay a 25,001₮ order, recorded as 25,000₮ paid.
struct Confirmed<'a> {
    /// The counted rows with each one's whole amount.
    rows: Vec<(&'a crate::qpay::Payment, i64)>,
    /// Rows in another currency, which do not count.
    foreign: Vec<&'a crate::qpay::Payment>,
    paid_mnt: i64,
    exact: Decimal,
}

impl<'a> Confirmed<'a> {
    fn from_check(check: &'a PaymentCheckResponse) -> Self {
        let mut confirmed = Confirmed {
            rows: Vec::new(),
            foreign: Vec::new(),
            paid_mnt: 0,
            exact: Decimal::ZERO,
        };
        for row in &check.rows {
            if !matches!(row.payment_status, PaymentStatus::Paid | PaymentStatus::Partial) {
                continue;
            }
            let in_mnt = row
                .payment_currency
                .as_deref()
                .is_none_or(|currency| currency.trim().eq_ignore_ascii_case("MNT"));
            if !in_mnt {
                confirmed.foreign.push(row);
                continue;
            }
            let amount = row.payment_amount.map(|a| a.decimal()).unwrap_or_default();
            let whole = whole_mnt(amount);
            confirmed.exact += amount;
            confirmed.paid_mnt = confirmed.paid_mnt.saturating_add(whole);
            confirmed.rows.push((row, whole));
        }
        confirmed
    }

    fn covers(&self, total_mnt: i64) -> bool {
        self.exact >= Decimal::from(total_mnt)
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
        let paid_mnt = confirmed.paid_mnt;
        let now = now_ms();

        let mut tx = self.db.begin_write().await?;
        // Decide from the order as it is now, under the lock: another settlement may have moved it since it was
        // read above (expired it, say, or recorded a partial payment).
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        let current = facts.payment_state;
        let invoice_over = CheckSchedule::is_final(invoice.expires_at, now);
        let covered = confirmed.covers(order.total.amount());
        let target = current.after_check(facts.paid.amount(), paid_mnt, covered, invoice_over);
        for &(row, amount_mnt) in &confirmed.rows {
            let payment = ConfirmedPayment {
                qpay_payment_id: &row.payment_id,
                status: row.payment_status.as_str(),
                amount_mnt,
                method: match &row.payment_type {
                    PaymentType::P2p => "P2P",
                    PaymentType::Card => "CARD",
                    _ => "OTHER",
                },
                wallet: row.payment_wallet.as_deref(),
                fee_cents: row.trx_fee.and_then(|fee| fee.to_cents()),
            };
            payments::insert_payment(&mut *tx, order.id, &payment).await?;
        }
        let detail = format!(
            "{trigger}: QPay says {paid} of {total} paid in {} payment(s)",
            confirmed.rows.len(),
            paid = confirmed.exact,
            total = order.total.amount(),
        );
        payments::record_event(&mut *tx, order.id, "checked", &detail).await?;
        for row in &confirmed.foreign {
            let detail = format!(
                "payment {} of {} {} is not in tögrög: not counted",
                row.payment_id,
                row.payment_amount.map(|a| a.decimal()).unwrap_or_default(),
                row.payment_currency.as_deref().unwrap_or_default(),
            );
            payments::record_event(&mut *tx, order.id, "foreign_currency", &detail).await?;
            let reason = format!("QPay lists a {detail}; check it in QPay's portal");
            orders::reflag(&mut tx, order.id, &[], Some(&reason)).await?;
        }
        // The same step as money the shop records: the paid amount, the move and what it implies.
        let moved = self
            .apply_payment(&mut tx, &order, &facts, paid_mnt, target, MovedBy::Shop)
            .await?;
        let after = if moved { target } else { current };
        if !moved
            && paid_mnt > facts.paid.amount()
            && matches!(current, PaymentState::Expired | PaymentState::Cancelled)
        {
            let reason = format!(
                "{PART_PAID}: {} of {} came after the order {}: ask the shopper to pay the rest or refund",
                Mnt::new(paid_mnt).unwrap_or_default(),
                order.total,
                current.as_str()
            );
            orders::reflag(&mut tx, order.id, &[PART_PAID], Some(&reason)).await?;
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

    /// Cancels an order nothing has been paid for, for the owner `actor`: the stock goes back and the QPay invoice
    /// is cancelled (through the outbox). False when the order is not awaiting payment (paid, partly paid, over), or
    /// its goods have left the shop (`domain::owner_action::may_cancel`: a cash order shipped unpaid).
    #[tracing::instrument(skip(self))]
    pub async fn cancel_unpaid(&self, order_no: &str, actor: &str) -> Result<bool, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(false);
        };
        let mut tx = self.db.begin_write().await?;
        // Read under the lock: a move to shipped waits for this cancel, or this cancel sees it.
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        if !may_cancel(facts.payment_state, facts.paid.amount(), facts.fulfilment) {
            return Ok(false);
        }
        let by = MovedBy::Person(actor);
        if !self
            .end_unpaid(&mut tx, &order, &facts, PaymentState::Cancelled, "", by)
            .await?
        {
            return Ok(false);
        }
        checks::schedule(&mut *tx, order.id, None).await?;
        tx.commit().await?;
        tracing::info!(%order_no, "unpaid order cancelled by the owner");
        Ok(true)
    }

    /// Expires an order that never got a QPay invoice once its time to pay is over, as any unpaid order expires
    /// (`end_unpaid`: its stock back, the shopper told). Nothing can have been paid: without an invoice there is
    /// nothing to pay.
    #[tracing::instrument(skip(self))]
    pub async fn expire_unbilled(&self, order_no: &str) -> Result<bool, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(false);
        };
        let mut tx = self.db.begin_write().await?;
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        if facts.payment_state != PaymentState::AwaitingPayment {
            return Ok(false);
        }
        // A claim its maker left behind made no invoice: dropped first, so nothing waits to cancel it.
        let claim_cutoff = now_ms() - super::invoice::STALE_CLAIM_MS;
        checks::drop_stale_claim(&mut tx, order.id, claim_cutoff).await?;
        let why = "no invoice was made";
        let moved = self
            .end_unpaid(&mut tx, &order, &facts, PaymentState::Expired, why, MovedBy::Shop)
            .await?;
        tx.commit().await?;
        Ok(moved)
    }
}

/// Whole tögrög, rounded down: a fraction of a tögrög never makes an order look paid.
fn whole_mnt(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    amount.trunc().to_i64().unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::Confirmed;
    use crate::qpay::PaymentCheckResponse;

    fn check(rows: &[(&str, &str, Option<&str>)]) -> PaymentCheckResponse {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .enumerate()
            .map(|(i, (status, amount, currency))| {
                let mut row = serde_json::json!({
                    "payment_id": format!("91221377766236{i}"), "payment_status": status,
                    "payment_amount": amount, "trx_fee": "0.00", "payment_type": "P2P",
                });
                if let Some(currency) = currency {
                    row["payment_currency"] = serde_json::json!(currency);
                }
                row
            })
            .collect();
        serde_json::from_value(serde_json::json!({"count": rows.len(), "rows": rows})).unwrap()
    }

    #[test]
    fn the_paid_amount_is_the_sum_of_each_payments_whole_togrog_in_mnt_only() {
        let mnt = Some("MNT");
        // (rows, total) -> (paid_mnt, covers the total, rows counted, rows in another currency)
        type Rows<'a> = &'a [(&'a str, &'a str, Option<&'a str>)];
        /// paid_mnt, covers the total, rows counted, rows in another currency
        type Outcome = (i64, bool, usize, usize);
        let cases: [(Rows, i64, Outcome); 9] = [
            (&[("PAID", "100.00", mnt)], 100, (100, true, 1, 0)),
            (&[("PAID", "99.99", mnt)], 100, (99, false, 1, 0)),
            // Two fractional parts: each is worth its whole tögrög, so refunding both in full is the order's all.
            (
                &[("PARTIAL", "12500.50", mnt), ("PARTIAL", "12500.50", mnt)],
                25_001,
                (25_000, true, 2, 0),
            ),
            (
                &[("PARTIAL", "12500.50", mnt), ("PARTIAL", "12499.49", mnt)],
                25_000,
                (24_999, false, 2, 0),
            ),
            (&[("PAID", "100.00", Some("USD"))], 100, (0, false, 0, 1)),
            (
                &[("PAID", "60.00", mnt), ("PAID", "40.00", Some("CNY"))],
                100,
                (60, false, 1, 1),
            ),
            // The older answer shape has no currency: the invoice's own, tögrög.
            (&[("PAID", "100.00", None)], 100, (100, true, 1, 0)),
            (&[("PAID", "100.00", Some(" mnt "))], 100, (100, true, 1, 0)),
            (
                &[("REFUNDED", "100.00", mnt), ("NEW", "100.00", mnt)],
                100,
                (0, false, 0, 0),
            ),
        ];
        for (rows, total, expected) in cases {
            let answer = check(rows);
            let confirmed = Confirmed::from_check(&answer);
            let whole_sum: i64 = confirmed.rows.iter().map(|(_, whole)| whole).sum();
            assert_eq!(
                whole_sum, confirmed.paid_mnt,
                "{rows:?}: one rule for the order and its payments"
            );
            let got = (
                confirmed.paid_mnt,
                confirmed.covers(total),
                confirmed.rows.len(),
                confirmed.foreign.len(),
            );
            assert_eq!(got, expected, "{rows:?} for {total}");
        }
    }
}
