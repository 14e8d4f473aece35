//! The owner's sales report (`/admin/reports`): which Ulaanbaatar days a chosen period covers, the period just
//! before it (as long, ending where it starts), and what is derived from the sums (an average order, a change in
//! percent). Days are Ulaanbaatar day numbers (`ub_day.rs`), the key the report's SQL groups by (`db/reports.rs`),
//! so a day here and a day there are one number; the calendar arithmetic is done here in integers because this
//! module is compiled for the browser too, where the `time` crate is not.

use serde::{Deserialize, Serialize};

use super::ub_day;

/// The longest period a report covers: a year and its leap day. Longer would draw bars too thin to read.
pub const LONGEST_DAYS: i64 = 366;
/// How many products or variants a top list shows.
pub const TOP: i64 = 10;

/// The periods the owner chooses from, by the name the page's form sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Today,
    Days7,
    Days30,
    /// A calendar month (`month=YYYY-MM`; this month when empty).
    Month,
    /// From one day to another, both included (`from`, `to`).
    Custom,
}

impl Choice {
    pub const ALL: [Choice; 5] = [
        Choice::Today,
        Choice::Days7,
        Choice::Days30,
        Choice::Month,
        Choice::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Today => "today",
            Choice::Days7 => "7d",
            Choice::Days30 => "30d",
            Choice::Month => "month",
            Choice::Custom => "custom",
        }
    }

    pub fn parse(text: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|choice| choice.as_str() == text)
    }
}

/// Ulaanbaatar days `[first, end)`, as day numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub first: i64,
    pub end: i64,
}

impl Period {
    pub fn days(self) -> i64 {
        self.end - self.first
    }

    /// The period as long as this one that ends the day this one begins.
    pub fn previous(self) -> Period {
        Period {
            first: self.first - self.days(),
            end: self.first,
        }
    }

    /// When its first day starts (Unix ms), for `created_at >= …`.
    pub fn start_ms(self) -> i64 {
        ub_day::start_ms(self.first)
    }

    /// When the day after its last starts (Unix ms), for `created_at < …`.
    pub fn end_ms(self) -> i64 {
        ub_day::start_ms(self.end)
    }

    /// Its last day (included).
    pub fn last(self) -> i64 {
        self.end - 1
    }
}

/// What is wrong with a field of the period's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    NotADate,
    EndsBeforeStart,
    TooLong,
}

/// The period's form as asked, its fields trimmed or empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked<'a> {
    pub choice: Choice,
    pub month: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

/// The days `asked` covers when today is the day number `today`, or each field's problem (by the field's name).
pub fn period(asked: Asked<'_>, today: i64) -> Result<Period, Vec<(&'static str, PeriodProblem)>> {
    let back = |days: i64| Period {
        first: today - days + 1,
        end: today + 1,
    };
    match asked.choice {
        Choice::Today => Ok(back(1)),
        Choice::Days7 => Ok(back(7)),
        Choice::Days30 => Ok(back(30)),
        Choice::Month if asked.month.trim().is_empty() => {
            let (year, month, _) = civil(today);
            Ok(month_of(year, month))
        }
        Choice::Month => parse_month(asked.month).ok_or_else(|| vec![("month", PeriodProblem::NotADate)]),
        Choice::Custom => custom(asked.from, asked.to),
    }
}

/// From `from` to `to`, both included.
fn custom(from: &str, to: &str) -> Result<Period, Vec<(&'static str, PeriodProblem)>> {
    let (first, last) = (parse_day(from), parse_day(to));
    let mut problems = Vec::new();
    if first.is_none() {
        problems.push(("from", PeriodProblem::NotADate));
    }
    if last.is_none() {
        problems.push(("to", PeriodProblem::NotADate));
    }
    let (Some(first), Some(last)) = (first, last) else {
        return Err(problems);
    };
    if last < first {
        return Err(vec![("to", PeriodProblem::EndsBeforeStart)]);
    }
    if last - first + 1 > LONGEST_DAYS {
        return Err(vec![("to", PeriodProblem::TooLong)]);
    }
    Ok(Period { first, end: last + 1 })
}

/// `YYYY-MM-DD` of a day number.
pub fn day_text(day: i64) -> String {
    let (year, month, day) = civil(day);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day number of `YYYY-MM-DD` (years 1970 to 9999); `None` for anything else, 2026-02-30 included.
pub fn parse_day(text: &str) -> Option<i64> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    if !(1970..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let found = days_from_civil(year, month, day);
    // A day past its month's end comes back as another date.
    (civil(found) == (year, month, day)).then_some(found)
}

/// The calendar month `YYYY-MM`; `None` for anything else.
pub fn parse_month(text: &str) -> Option<Period> {
    let first = parse_day(&format!("{}-01", text.trim()))?;
    let (year, month, _) = civil(first);
    Some(month_of(year, month))
}

fn month_of(year: i64, month: i64) -> Period {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    Period {
        first: days_from_civil(year, month, 1),
        end: days_from_civil(next_year, next_month, 1),
    }
}

fn number(digits: &str) -> Option<i64> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// (year, month, day) of a day number (Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Every day of `period` with its figures, a day without any given `T::default()`: the chart has a bar (of
/// nothing) for a day without sales, as the owner counts days.
pub fn every_day<T: Clone + Default>(period: Period, found: &[(i64, T)]) -> Vec<(i64, T)> {
    (period.first..period.end)
        .map(|day| {
            let figures = found
                .iter()
                .find(|(at, _)| *at == day)
                .map(|(_, figures)| figures.clone());
            (day, figures.unwrap_or_default())
        })
        .collect()
}

/// The average of `count` things that sum to `total`, rounded half up; 0 for none.
pub fn average(total: i64, count: i64) -> i64 {
    if count <= 0 {
        return 0;
    }
    (total + count / 2) / count
}

/// How much `now` moved from `before`, in whole percent (rounded); `None` when there was nothing before to compare.
pub fn change_percent(now: i64, before: i64) -> Option<i64> {
    if before == 0 {
        return None;
    }
    Some(((now - before) as f64 * 100.0 / before as f64).round() as i64)
}

pub mod top;

#[cfg(test)]
mod tests;
