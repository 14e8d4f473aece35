//! When to ask QPay about an unpaid invoice whose callback may never come.
//!
//! QPay asks merchants not to poll it on a timer (SPEC.md §6, "no cron polling"): the callback is the normal path.
//! So an unpaid invoice is checked a few times only, at fixed points after it was made (by default 1, 3, 10 and 25
//! minutes), then once more when it expires, and never twice within `min_gap`. The check at expiry decides: still
//! unpaid, the order expires.

/// All times are Unix milliseconds, as in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSchedule {
    /// Offsets from the invoice's creation, ascending.
    pub offsets_ms: Vec<i64>,
    /// The least time between two checks of one order.
    pub min_gap_ms: i64,
}

impl Default for CheckSchedule {
    fn default() -> Self {
        const MINUTE: i64 = 60_000;
        CheckSchedule {
            offsets_ms: vec![MINUTE, 3 * MINUTE, 10 * MINUTE, 25 * MINUTE],
            min_gap_ms: MINUTE,
        }
    }
}

impl CheckSchedule {
    /// The first check of an invoice made at `created_at` that expires at `expires_at`.
    pub fn first(&self, created_at: i64, expires_at: i64) -> i64 {
        self.next(created_at, expires_at, created_at - self.min_gap_ms)
            .unwrap_or(expires_at)
    }

    /// The check after one made at `checked_at`: the next scheduled point at least `min_gap` later, or the expiry
    /// check; `None` once the expiry check has been made.
    pub fn next(&self, created_at: i64, expires_at: i64, checked_at: i64) -> Option<i64> {
        let earliest = checked_at + self.min_gap_ms;
        let scheduled = self
            .offsets_ms
            .iter()
            .map(|offset| created_at + offset)
            .filter(|&at| at < expires_at)
            .find(|&at| at >= earliest);
        match scheduled {
            Some(at) => Some(at),
            // The expiry check is never skipped, only pushed back to keep the gap.
            None if checked_at < expires_at => Some(expires_at.max(earliest)),
            None => None,
        }
    }

    /// Whether a check made at `checked_at` is the one at (or after) expiry, which expires an unpaid order.
    pub fn is_final(expires_at: i64, checked_at: i64) -> bool {
        checked_at >= expires_at
    }
}

#[cfg(test)]
mod tests {
    use super::CheckSchedule;

    const MIN: i64 = 60_000;

    fn every_check(schedule: &CheckSchedule, created: i64, expires: i64) -> Vec<i64> {
        let mut checks = vec![schedule.first(created, expires)];
        while let Some(next) = schedule.next(created, expires, *checks.last().unwrap()) {
            checks.push(next);
            assert!(checks.len() < 100, "the schedule must end");
        }
        checks
    }

    #[test]
    fn the_default_checks_at_1_3_10_25_minutes_and_at_expiry() {
        let checks = every_check(&CheckSchedule::default(), 0, 30 * MIN);
        assert_eq!(checks, [MIN, 3 * MIN, 10 * MIN, 25 * MIN, 30 * MIN]);
    }

    #[test]
    fn a_check_in_between_pushes_the_next_one_at_least_a_gap_away() {
        let schedule = CheckSchedule::default();
        // A callback made us check at 2m30s: 3m is too close, so 10m comes next.
        assert_eq!(schedule.next(0, 30 * MIN, 2 * MIN + 30_000), Some(10 * MIN));
        // A check at 29m40s: the expiry check moves to 30m40s rather than disappearing.
        assert_eq!(schedule.next(0, 30 * MIN, 29 * MIN + 40_000), Some(30 * MIN + 40_000));
        // After the expiry check there is nothing left.
        assert_eq!(schedule.next(0, 30 * MIN, 30 * MIN), None);
    }

    #[test]
    fn points_after_expiry_are_dropped_and_checks_keep_the_gap() {
        let schedule = CheckSchedule {
            offsets_ms: vec![MIN, 3 * MIN, 10 * MIN, 25 * MIN],
            min_gap_ms: MIN,
        };
        let checks = every_check(&schedule, 0, 5 * MIN);
        assert_eq!(checks, [MIN, 3 * MIN, 5 * MIN]);
        assert!(checks.windows(2).all(|pair| pair[1] - pair[0] >= MIN));
    }

    #[test]
    fn an_invoice_shorter_than_the_first_offset_is_checked_once_at_expiry() {
        let schedule = CheckSchedule::default();
        assert_eq!(every_check(&schedule, 0, 30_000), [30_000]);
        assert!(CheckSchedule::is_final(30_000, 30_000));
        assert!(!CheckSchedule::is_final(30_000, 29_999));
    }
}
