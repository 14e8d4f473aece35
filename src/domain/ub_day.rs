//! Ulaanbaatar days as numbers: whole days since 1970-01-01 there. One reckoning for every part that counts by the
//! owner's day (the sales report groups by it, the owner hears of held texts once per one), so a day in one is the
//! same day in another. Integer arithmetic rather than the `time` crate's (`ub_time.rs`): the domain is compiled
//! for the browser too, where that crate is not.

pub const HOUR_MS: i64 = 60 * 60_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;
/// Ulaanbaatar is UTC+8 all year, no daylight saving, so a day is always `DAY_MS` long.
const UB_OFFSET_MS: i64 = 8 * HOUR_MS;

/// The Ulaanbaatar day (days since 1970-01-01 there) of a moment in Unix ms.
pub fn of(epoch_ms: i64) -> i64 {
    (epoch_ms + UB_OFFSET_MS).div_euclid(DAY_MS)
}

/// When the Ulaanbaatar day `day` starts, in Unix ms.
pub fn start_ms(day: i64) -> i64 {
    day * DAY_MS - UB_OFFSET_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulaanbaatar_days_start_at_its_midnight() {
        // (a midnight in Ulaanbaatar, as Unix ms; its day number)
        let cases = [
            // 2026-11-23 00:00 in Ulaanbaatar is 2026-11-22 16:00 UTC (as ub_time.rs has it).
            (1_795_363_200_000, 20_780),
            // 2026-12-07 00:00 in Ulaanbaatar is 2026-12-06 16:00 UTC.
            (1_796_572_800_000, 20_794),
            // 1970-01-01 00:00 there was 1969-12-31 16:00 UTC: a moment before the epoch still has its day.
            (-UB_OFFSET_MS, 0),
        ];
        for (midnight, day) in cases {
            assert_eq!(of(midnight), day, "{midnight}");
            assert_eq!(of(midnight - 1), day - 1, "the last ms of the day before");
            assert_eq!(of(midnight + DAY_MS - 1), day, "the day's last ms");
            assert_eq!(start_ms(day), midnight);
        }
    }
}
