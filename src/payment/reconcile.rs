//! The reconciler: settles orders whose callback never came, and expires orders whose time to pay is over.
//!
//! Each tick it takes the invoices whose check is due (`qpay_invoices.next_check_at`, set from
//! [`crate::domain::CheckSchedule`]: by default 1, 3, 10 and 25 minutes after the invoice and once at expiry) and
//! settles each. Taking them is one `UPDATE … RETURNING` that moves their next check ahead, with `SKIP LOCKED` on
//! PostgreSQL, so several instances never check the same order at once. At most `RECONCILE_MAX_PER_MINUTE` checks
//! run per minute in each instance; whatever is left waits for the next minute.

use super::{invoice::STALE_CLAIM_MS, service::PaymentService};
use crate::db::{Db, DbError, checks, notice_settings, now_ms, orders, outbox};

/// How many checks of one tick run at the same time.
const CONCURRENCY: usize = 8;

/// What one tick did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TickReport {
    pub checked: usize,
    pub failed: usize,
    pub expired_unbilled: usize,
    /// Orders paid to the shop itself whose time to pay ran out.
    pub expired_offline: usize,
    /// Reminders to pay written to the outbox.
    pub reminded: u64,
}

/// Checks left in the current minute.
struct Budget {
    minute: i64,
    left: u32,
    per_minute: u32,
}

impl Budget {
    fn take_up_to(&mut self, now: i64, wanted: u32) -> u32 {
        if now / 60_000 != self.minute {
            self.minute = now / 60_000;
            self.left = self.per_minute;
        }
        let taken = wanted.min(self.left);
        self.left -= taken;
        taken
    }
}

/// Runs until the process ends.
pub async fn run(service: PaymentService) {
    let settings = service.settings().clone();
    let mut budget = Budget {
        minute: 0,
        left: 0,
        per_minute: settings.checks_per_minute,
    };
    let mut every = tokio::time::interval(settings.worker_tick);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let allowed = budget.take_up_to(now_ms(), 64);
        match tick(&service, allowed).await {
            Ok(report) => {
                // Unused budget goes back: only checks made count against the minute.
                let used = u32::try_from(report.checked + report.failed).unwrap_or(allowed);
                budget.left = (budget.left + allowed.saturating_sub(used)).min(budget.per_minute);
                if report != TickReport::default() {
                    tracing::info!(?report, "reconciler tick");
                }
            }
            Err(error) => tracing::warn!(%error, "reconciler tick failed"),
        }
    }
}

/// One round: settles up to `limit` due invoices, then expires orders that never got one.
pub async fn tick(service: &PaymentService, limit: u32) -> Result<TickReport, DbError> {
    let db = &service.db;
    let now = now_ms();
    let mut report = TickReport::default();
    // A few at a time, each group under a fresh lease and every check cut off before its lease runs out, so no
    // other reconciler takes an order while it is being checked.
    let mut left = limit;
    while left > 0 {
        let now = now_ms();
        let batch = left.min(CONCURRENCY as u32);
        let due = checks::claim_due(db, now, now + lease_ms(service), i64::from(batch)).await?;
        if due.is_empty() {
            break;
        }
        left -= due.len() as u32;
        let outcomes: Vec<bool> =
            futures::future::join_all(due.iter().map(|due| check_one(service, due.order_id))).await;
        report.checked += outcomes.iter().filter(|ok| **ok).count();
        report.failed += outcomes.iter().filter(|ok| !**ok).count();
    }

    let cutoff = now - service.settings().invoice_lifetime_ms;
    for order_no in checks::awaiting_without_invoice(db, cutoff, now - STALE_CLAIM_MS, 100).await? {
        // One order that cannot be read (a corrupt row) must not keep every other from expiring: it is logged
        // and left, and the rest go on.
        match service.expire_unbilled(&order_no).await {
            Ok(true) => report.expired_unbilled += 1,
            Ok(false) => {}
            Err(error) => tracing::error!(%order_no, %error, "could not expire an order never billed"),
        }
    }
    report.expired_offline = service.expire_offline_due(now).await?;
    report.reminded = remind_unpaid(db, now).await?;
    Ok(report)
}

/// Writes a reminder to pay for each unpaid order whose invoice runs out within the owner's reminder time
/// (`/admin/messages`; none: no reminders); how many were written.
async fn remind_unpaid(db: &Db, now: i64) -> Result<u64, DbError> {
    let Some(minutes) = notice_settings::get(db).await?.reminder_minutes else {
        return Ok(0);
    };
    outbox::enqueue_reminders(db, now, minutes * 60_000).await
}

/// How long a taken check stays with its taker before another reconciler may take it (its taker died): longer
/// than a check can take, which is one QPay call with two retries.
fn lease_ms(service: &PaymentService) -> i64 {
    let timeout = i64::try_from(service.settings().qpay_timeout.as_millis()).unwrap_or(i64::MAX / 8);
    4 * timeout + 5_000
}

/// Settles one order; when QPay cannot be asked, tries again after the least gap.
async fn check_one(service: &PaymentService, order_id: i64) -> bool {
    let order_no = match orders::number_of(&service.db, order_id).await {
        Ok(Some(order_no)) => order_no,
        Ok(None) => return false,
        Err(error) => {
            tracing::warn!(%error, order_id, "reconciler: cannot read the order");
            return false;
        }
    };
    let deadline = std::time::Duration::from_millis((lease_ms(service) - 5_000).max(1_000) as u64);
    let settled = match tokio::time::timeout(deadline, service.settle(&order_no, "reconciler")).await {
        Ok(settled) => settled.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {deadline:?}")),
    };
    match settled {
        Ok(_) => true,
        Err(error) => {
            tracing::warn!(%order_no, %error, "reconciler: check failed; trying again later");
            let retry_at = now_ms() + service.settings().checks.min_gap_ms;
            if let Err(error) = checks::schedule(service.db.pool(), order_id, Some(retry_at)).await {
                tracing::warn!(%error, "reconciler: cannot reschedule; the lease brings it back");
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Budget;

    #[test]
    fn the_budget_refills_each_minute_and_never_goes_over() {
        let mut budget = Budget {
            minute: 0,
            left: 0,
            per_minute: 100,
        };
        assert_eq!(budget.take_up_to(60_000, 64), 64);
        assert_eq!(budget.take_up_to(61_000, 64), 36);
        assert_eq!(budget.take_up_to(62_000, 64), 0);
        assert_eq!(budget.take_up_to(120_000, 64), 64);
    }
}
