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
}
