//! Ulaanbaatar time (UTC+8, no daylight saving), the time shoppers and the owner read.

use time::{Date, OffsetDateTime, UtcOffset, macros::format_description};

fn offset() -> UtcOffset {
    UtcOffset::from_hms(8, 0, 0).expect("a valid offset")
}

/// `YYYY-MM-DD HH:MM` for Unix milliseconds.
pub fn clock(epoch_ms: i64) -> String {
    let Ok(utc) = OffsetDateTime::from_unix_timestamp(epoch_ms.div_euclid(1000)) else {
        return String::new();
    };
    let local = utc.to_offset(offset());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        local.year(),
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// The Unix milliseconds at which the Ulaanbaatar day `YYYY-MM-DD` starts; `None` for anything else.
pub fn day_start_ms(day: &str) -> Option<i64> {
    let date = Date::parse(day.trim(), format_description!("[year]-[month]-[day]")).ok()?;
    let start = date.midnight().assume_offset(offset());
    i64::try_from(start.unix_timestamp_nanos() / 1_000_000).ok()
}

/// The owner's "today" and "this week" at `epoch_ms`: the Ulaanbaatar day and the Monday its week began, both
/// `YYYY-MM-DD` as the order list's `from` and `to` take them. A week runs Monday to Sunday, as the owner's
/// calendar does, so a Sunday belongs to the week that began six days before. `None` only for a time outside the
/// calendar's range.
pub fn today_and_monday(epoch_ms: i64) -> Option<(String, String)> {
    let utc = OffsetDateTime::from_unix_timestamp(epoch_ms.div_euclid(1000)).ok()?;
    let today = utc.checked_to_offset(offset())?.date();
    let since_monday = i32::from(today.weekday().number_days_from_monday());
    let monday = Date::from_julian_day(today.to_julian_day() - since_monday).ok()?;
    Some((day_text(today), day_text(monday)))
}

/// The Ulaanbaatar day `YYYY-MM-DD` that `epoch_ms` falls in.
pub fn day_of(epoch_ms: i64) -> Option<String> {
    let utc = OffsetDateTime::from_unix_timestamp(epoch_ms.div_euclid(1000)).ok()?;
    Some(day_text(utc.checked_to_offset(offset())?.date()))
}

/// The Ulaanbaatar day before the one `epoch_ms` falls in, `YYYY-MM-DD`: the day the daily check with QPay reads
/// (`payment/day_check.rs`), and so the one the owner's report of it shows unless asked for another
/// (`admin/qpay_check.rs`). `None` only for a time outside the calendar's range.
pub fn yesterday(epoch_ms: i64) -> Option<String> {
    day_of(day_start_ms(&day_of(epoch_ms)?)? - 1)
}

/// `YYYY-MM-DD HH:mm:ss` in Ulaanbaatar time, the form `payment/list` takes its dates in (SPEC.md §4.4).
pub fn seconds_text(epoch_ms: i64) -> Option<String> {
    let utc = OffsetDateTime::from_unix_timestamp(epoch_ms.div_euclid(1000)).ok()?;
    let local = utc.checked_to_offset(offset())?;
    Some(format!(
        "{} {:02}:{:02}:{:02}",
        day_text(local.date()),
        local.hour(),
        local.minute(),
        local.second()
    ))
}

/// `YYYY-MM-DD`, the form a date input sends.
fn day_text(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_clocks_are_in_ulaanbaatar_time() {
        // 2026-11-23 00:00 in Ulaanbaatar is 2026-11-22 16:00 UTC.
        let start = day_start_ms("2026-11-23").unwrap();
        assert_eq!(start, 1_795_363_200_000);
        assert_eq!(clock(start), "2026-11-23 00:00");
        assert_eq!(day_start_ms("2026-13-01"), None);
        assert_eq!(day_start_ms("yesterday"), None);
    }

    #[test]
    fn a_moment_s_day_and_seconds_are_ulaanbaatar_time() {
        let start = day_start_ms("2026-11-23").unwrap();
        assert_eq!(day_of(start).as_deref(), Some("2026-11-23"));
        assert_eq!(day_of(start - 1).as_deref(), Some("2026-11-22"));
        assert_eq!(seconds_text(start - 1).as_deref(), Some("2026-11-22 23:59:59"));
        assert_eq!(seconds_text(start + 61_000).as_deref(), Some("2026-11-23 00:01:01"));
    }

    #[test]
    fn yesterday_is_the_ulaanbaatar_day_before() {
        let start = day_start_ms("2026-11-23").unwrap();
        // (the moment, yesterday): from today's first ms to its last, and across a month and a year.
        let cases = [
            (start, "2026-11-22"),
            (start + 24 * 60 * 60_000 - 1, "2026-11-22"),
            (start - 1, "2026-11-21"),
            (day_start_ms("2026-12-01").unwrap(), "2026-11-30"),
            (day_start_ms("2027-01-01").unwrap() + 60_000, "2026-12-31"),
        ];
        for (moment, day) in cases {
            assert_eq!(yesterday(moment).as_deref(), Some(day), "{}", clock(moment));
        }
    }

    #[test]
    fn today_and_its_week_s_monday_are_ulaanbaatar_days() {
        let at = |day: &str, minutes: i64| day_start_ms(day).unwrap() + minutes * 60_000;
        // (the moment, today, the Monday its week began); 2026-11-23 is a Monday.
        let cases = [
            (at("2026-11-23", 0), "2026-11-23", "2026-11-23"),
            // Sunday's last minute still belongs to the week before.
            (at("2026-11-22", 23 * 60 + 59), "2026-11-22", "2026-11-16"),
            (1_795_363_200_000 - 1, "2026-11-22", "2026-11-16"),
            (at("2026-11-25", 12 * 60), "2026-11-25", "2026-11-23"),
            // 01:00 on Tuesday in Ulaanbaatar is still Monday in UTC.
            (at("2026-11-24", 60), "2026-11-24", "2026-11-23"),
            // A week across the new year, and across a leap day.
            (at("2027-01-03", 12 * 60), "2027-01-03", "2026-12-28"),
            (at("2028-03-01", 0), "2028-03-01", "2028-02-28"),
        ];
        for (moment, today, monday) in cases {
            assert_eq!(
                today_and_monday(moment),
                Some((today.to_owned(), monday.to_owned())),
                "{}",
                clock(moment)
            );
        }
    }
}
