//! The day's check of QPay's own list (issue #22): once a day, and when the owner asks, the shop reads QPay's
//! `payment/list` for a whole Ulaanbaatar day, page by page (SPEC.md §4.4: one call per page, never a check per
//! invoice, which QPay forbids as polling, SPEC.md §6), and holds every payment in it against its own record
//! (`domain::qpay_day`). A payment for one of the shop's invoices that was never recorded here (its callback and
//! every check were lost) goes through the one settlement path, [`PaymentService::settle`], which confirms it with
//! `payment/check` as always; payments for invoices the shop never made, payments recorded here that QPay does not
//! list, and amounts that differ are stored for the owner's report at `/admin/payments/check`.

use rust_decimal::{Decimal, prelude::ToPrimitive};
use std::time::Duration;

use super::service::PaymentService;
use crate::{
    db::{
        DbError, now_ms,
        qpay_days::{self, DayCheckRow, RunCounts},
    },
    domain::{
        qpay_day::{self, Finding, ListedPayment},
        ub_day::{self, DAY_MS},
    },
    qpay::{ObjectType, Offset, PaymentListRequest, PaymentListRow, PaymentStatus, QpayError},
    ub_time,
};

/// A payment made just before midnight may be confirmed here just after, and counted in the next day: QPay's list
/// is read from a little before the day starts, so such a payment is not taken for one QPay does not have.
const BEFORE_MIDNIGHT_MS: i64 = 10 * 60_000;
/// At most this many pages in one run (10,000 payments at QPay's largest page): a list that never ends is not a
/// reason to keep asking.
const MAX_PAGES: u32 = 100;
/// How often the daily job looks whether yesterday has been checked; its first look is this long after start-up,
/// so a shop that restarts does not ask QPay first thing.
const DAILY_TICK: Duration = Duration::from_secs(600);
/// Yesterday is checked once today is this old, so QPay's list of yesterday is complete.
const DAILY_AFTER_MS: i64 = 60 * 60_000;
/// How the day's check appears in the payment log of an order it settles.
const TRIGGER: &str = "QPay day check";

#[derive(Debug, thiserror::Error)]
pub enum DayCheckError {
    #[error("not a day (YYYY-MM-DD): {0}")]
    BadDay(String),
    #[error("QPay's payment list could not be read: {0}")]
    Qpay(#[from] QpayError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl PaymentService {
    /// Checks the Ulaanbaatar `day` (`YYYY-MM-DD`) for `run_by` ([`qpay_days::DAILY`] or the owner's e-mail) and
    /// stores what it found; the run's id, or `None` when the day's daily run was taken already. A run QPay could
    /// not answer is stored with why (the owner's), or given back for a later tick (the daily job's).
    #[tracing::instrument(skip(self))]
    pub async fn check_qpay_day(&self, day: &str, run_by: &str) -> Result<Option<i64>, DayCheckError> {
        self.check_qpay_day_in_pages(day, run_by, Offset::MAX_PAGE_LIMIT).await
    }

    /// [`Self::check_qpay_day`], reading QPay's list in pages of `page_limit` rows (1 to 100).
    pub async fn check_qpay_day_in_pages(
        &self,
        day: &str,
        run_by: &str,
        page_limit: u32,
    ) -> Result<Option<i64>, DayCheckError> {
        let start = ub_time::day_start_ms(day).ok_or_else(|| DayCheckError::BadDay(day.to_owned()))?;
        let day = ub_time::day_of(start).ok_or_else(|| DayCheckError::BadDay(day.to_owned()))?;
        let Some(check_id) = qpay_days::start(&self.db, &day, run_by).await? else {
            return Ok(None);
        };
        match self.run_day(check_id, start, page_limit).await {
            Ok(()) => Ok(Some(check_id)),
            Err(error) => {
                if run_by == qpay_days::DAILY {
                    qpay_days::forget(&self.db, check_id).await?;
                } else {
                    let why = error.to_string();
                    qpay_days::finish(&self.db, check_id, RunCounts::default(), &[], Some(why.as_str())).await?;
                }
                Err(error)
            }
        }
    }

    /// The latest run of `day` with its findings, for the owner's report.
    pub async fn qpay_day_report(&self, day: &str) -> Result<Option<(DayCheckRow, Vec<Finding>)>, DbError> {
        qpay_days::latest(&self.db, day).await
    }

    /// Reads the day, matches it, settles what QPay has and the shop lacks, and stores the run's findings.
    async fn run_day(&self, check_id: i64, start: i64, page_limit: u32) -> Result<(), DayCheckError> {
        let until = start + DAY_MS;
        let (rows, pages) = self.list_between(start - BEFORE_MIDNIGHT_MS, until, page_limit).await?;
        let listed: Vec<ListedPayment> = rows.iter().map(listed_payment).collect();
        let invoice_ids: Vec<String> = listed.iter().filter_map(|row| row.invoice_id.clone()).collect();
        let payment_ids: Vec<String> = listed.iter().map(|row| row.payment_id.clone()).collect();
        let invoices = qpay_days::invoices_named(&self.db, &invoice_ids).await?;
        let recorded = qpay_days::recorded(&self.db, &payment_ids, start, until).await?;
        let day = qpay_day::match_day(&listed, &invoices, &recorded);

        let mut findings = Vec::with_capacity(day.to_settle.len() + day.flagged.len());
        for mut finding in day.to_settle {
            // Through the one settlement path, which asks `payment/check` before it moves anything; settling an
            // order twice (two of its payments listed) moves it once.
            let order_no = finding.order_no.clone().unwrap_or_default();
            finding.outcome = match self.settle(&order_no, TRIGGER).await {
                Ok(state) => state.as_str().to_owned(),
                Err(error) => {
                    tracing::warn!(%order_no, %error, "the day's check could not settle an order QPay lists as paid");
                    error.to_string()
                }
            };
            findings.push(finding);
        }
        for finding in &day.flagged {
            tracing::warn!(
                kind = finding.kind.as_str(),
                payment_id = %finding.payment_id,
                order_no = finding.order_no.as_deref().unwrap_or(""),
                "the day's check found a payment for the owner"
            );
        }
        findings.extend(day.flagged);
        let counts = RunCounts {
            pages: i64::from(pages),
            listed: i64::try_from(rows.len()).unwrap_or(i64::MAX),
            matched: i64::try_from(day.matched).unwrap_or(i64::MAX),
        };
        qpay_days::finish(&self.db, check_id, counts, &findings, None).await?;
        Ok(())
    }

    /// Every row of QPay's list for the shop's invoice code between two moments, one page per call, and how many
    /// pages it took. Dates are Ulaanbaatar time, `YYYY-MM-DD HH:mm:ss` (SPEC.md §4.4 gives the format; the zone
    /// is ours to choose, as SPEC.md does not say, and the emulator reads it so), both ends taken whole.
    async fn list_between(
        &self,
        from_ms: i64,
        until_ms: i64,
        page_limit: u32,
    ) -> Result<(Vec<PaymentListRow>, u32), QpayError> {
        let mut rows = Vec::new();
        let mut page = 1;
        loop {
            // INVOICE with the invoice code: MERCHANT would need the merchant's id from the token (SPEC.md §10.14).
            let mut request = PaymentListRequest::invoice_code(self.qpay.invoice_code(), Offset::new(page, page_limit));
            request.start_date = ub_time::seconds_text(from_ms);
            request.end_date = ub_time::seconds_text(until_ms - 1_000);
            let answer = self.qpay.list_payments(&request).await?;
            let got = answer.rows.len();
            rows.extend(answer.rows);
            let read = u64::from(page) * u64::from(request.offset.page_limit);
            if got == 0 || read >= answer.count {
                return Ok((rows, page));
            }
            if page >= MAX_PAGES {
                tracing::warn!(
                    count = answer.count,
                    "QPay's list is longer than a run reads; the rest is left"
                );
                return Ok((rows, page));
            }
            page += 1;
        }
    }
}

/// A row as the matcher reads it, by settling's rule: PAID and PARTIAL rows in tögrög are money received (a row
/// without a currency is the invoice's own, tögrög; SPEC.md §4.1, §10.10). The row's `object_id` names the invoice
/// unless the row says it is another kind of object.
fn listed_payment(row: &PaymentListRow) -> ListedPayment {
    let in_mnt = row
        .payment_currency
        .as_deref()
        .is_none_or(|currency| currency.trim().eq_ignore_ascii_case("MNT"));
    let invoice = row.object_type.as_ref().is_none_or(|kind| *kind == ObjectType::Invoice);
    ListedPayment {
        payment_id: row.payment_id.clone(),
        invoice_id: row.object_id.clone().filter(|_| invoice),
        counts: in_mnt && matches!(row.payment_status, PaymentStatus::Paid | PaymentStatus::Partial),
        amount_cents: cents(row.payment_amount.map(|a| a.decimal()).unwrap_or_default()),
    }
}

/// Hundredths of a tögrög, exactly for QPay's two decimals; anything finer is cut off.
fn cents(amount: Decimal) -> i64 {
    amount
        .checked_mul(Decimal::from(100))
        .and_then(|cents| cents.floor().to_i64())
        .unwrap_or(i64::MAX)
}

/// The daily job: checks yesterday (Ulaanbaatar) once a day in the whole shop, however many instances run; a day
/// QPay could not answer is tried again at the next look. Runs until the process ends.
pub async fn run_daily(service: PaymentService) {
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + DAILY_TICK, DAILY_TICK);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let Some(day) = day_to_check(now_ms()) else {
            continue;
        };
        match service.check_qpay_day(&day, qpay_days::DAILY).await {
            Ok(Some(_)) => tracing::info!(%day, "QPay's payment list for the day checked"),
            Ok(None) => {}
            Err(error) => tracing::warn!(%day, %error, "the day's check with QPay failed; trying again later"),
        }
    }
}

/// The day the daily job checks at `now`: yesterday in Ulaanbaatar, once today is an hour old.
fn day_to_check(now: i64) -> Option<String> {
    if now - ub_day::start_ms(ub_day::of(now)) < DAILY_AFTER_MS {
        return None;
    }
    ub_time::yesterday(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_job_checks_yesterday_once_today_is_an_hour_old() {
        let start = ub_time::day_start_ms("2026-11-23").unwrap();
        assert_eq!(day_to_check(start), None);
        assert_eq!(day_to_check(start + DAILY_AFTER_MS - 1), None);
        assert_eq!(day_to_check(start + DAILY_AFTER_MS).as_deref(), Some("2026-11-22"));
        assert_eq!(day_to_check(start + DAY_MS - 1).as_deref(), Some("2026-11-22"));
    }

    #[test]
    fn a_row_counts_by_settling_s_rule_with_its_amount_exact() {
        let row = |status: &str, amount: serde_json::Value, currency: Option<&str>, object_type: &str| {
            let mut json = serde_json::json!({
                "payment_id": "912213777662363", "payment_status": status, "payment_amount": amount,
                "object_type": object_type, "object_id": "inv-1", "paid_by": "P2P",
            });
            if let Some(currency) = currency {
                json["payment_currency"] = serde_json::json!(currency);
            }
            listed_payment(&serde_json::from_value(json).unwrap())
        };
        let paid = row("PAID", serde_json::json!("12500.50"), Some("MNT"), "INVOICE");
        assert_eq!((paid.counts, paid.amount_cents), (true, 1_250_050));
        assert_eq!(paid.invoice_id.as_deref(), Some("inv-1"));
        assert!(row("PARTIAL", serde_json::json!(100), None, "INVOICE").counts);
        assert!(!row("PAID", serde_json::json!("100.00"), Some("USD"), "INVOICE").counts);
        assert!(!row("REFUNDED", serde_json::json!("100.00"), Some("MNT"), "INVOICE").counts);
        assert_eq!(row("PAID", serde_json::json!("1.00"), None, "QR").invoice_id, None);
    }
}
