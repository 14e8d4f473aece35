//! The report's period rules, table-tested.

use super::*;
use crate::domain::ub_day::{self, DAY_MS};

fn day(text: &str) -> i64 {
    parse_day(text).unwrap()
}

#[test]
fn days_are_ulaanbaatar_days_counted_from_1970() {
    assert_eq!(day("1970-01-01"), 0);
    assert_eq!(day("2026-11-23"), 20_780);
    assert_eq!(day_text(20_780), "2026-11-23");
    // 2026-11-23 00:00 in Ulaanbaatar is 2026-11-22 16:00 UTC (as ub_time.rs has it).
    assert_eq!(ub_day::start_ms(20_780), 1_795_363_200_000);
    assert_eq!(ub_day::of(1_795_363_200_000), 20_780);
    assert_eq!(
        ub_day::of(1_795_363_200_000 - 1),
        20_779,
        "the last ms of the day before"
    );
    for text in ["2024-02-29", "2000-03-01", "2026-12-31", "2027-01-01", "9999-12-31"] {
        assert_eq!(day_text(day(text)), text);
    }
    for wrong in [
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-1-01",
        "26-01-01",
        "yesterday",
        "",
        "1969-12-31",
    ] {
        assert_eq!(parse_day(wrong), None, "{wrong}");
    }
}

#[test]
fn each_choice_covers_its_days_and_the_period_before_is_as_long() {
    let today = day("2026-11-25");
    fn asked(choice: Choice, month: &'static str, from: &'static str, to: &'static str) -> Asked<'static> {
        Asked {
            choice,
            month,
            from,
            to,
        }
    }
    // (asked, first day, last day, the previous period's first and last)
    let cases = [
        (
            asked(Choice::Today, "", "", ""),
            "2026-11-25",
            "2026-11-25",
            "2026-11-24",
            "2026-11-24",
        ),
        (
            asked(Choice::Days7, "", "", ""),
            "2026-11-19",
            "2026-11-25",
            "2026-11-12",
            "2026-11-18",
        ),
        (
            asked(Choice::Days30, "", "", ""),
            "2026-10-27",
            "2026-11-25",
            "2026-09-27",
            "2026-10-26",
        ),
        (
            asked(Choice::Month, "", "", ""),
            "2026-11-01",
            "2026-11-30",
            "2026-10-02",
            "2026-10-31",
        ),
        (
            asked(Choice::Month, "2024-02", "", ""),
            "2024-02-01",
            "2024-02-29",
            "2024-01-03",
            "2024-01-31",
        ),
        (
            asked(Choice::Month, "2026-12", "", ""),
            "2026-12-01",
            "2026-12-31",
            "2026-10-31",
            "2026-11-30",
        ),
        (
            asked(Choice::Custom, "", "2026-11-01", "2026-11-03"),
            "2026-11-01",
            "2026-11-03",
            "2026-10-29",
            "2026-10-31",
        ),
        (
            asked(Choice::Custom, "", "2026-11-05", "2026-11-05"),
            "2026-11-05",
            "2026-11-05",
            "2026-11-04",
            "2026-11-04",
        ),
    ];
    for (asked_for, first, last, previous_first, previous_last) in cases {
        let period = period(asked_for, today).unwrap();
        let previous = period.previous();
        let shown = |p: Period| (day_text(p.first), day_text(p.last()));
        assert_eq!(shown(period), (first.to_owned(), last.to_owned()), "{asked_for:?}");
        assert_eq!(
            shown(previous),
            (previous_first.to_owned(), previous_last.to_owned()),
            "{asked_for:?}"
        );
        assert_eq!(previous.days(), period.days());
        assert_eq!(period.start_ms(), ub_day::start_ms(day(first)));
        assert_eq!(period.end_ms() - period.start_ms(), period.days() * DAY_MS);
    }
}

#[test]
fn a_wrong_period_names_its_fields() {
    let today = day("2026-11-25");
    let custom = |from, to| {
        period(
            Asked {
                choice: Choice::Custom,
                month: "",
                from,
                to,
            },
            today,
        )
    };
    assert_eq!(
        custom("2026-11-05", "2026-11-01"),
        Err(vec![("to", PeriodProblem::EndsBeforeStart)])
    );
    assert_eq!(
        custom("garbage", "2026-02-30"),
        Err(vec![("from", PeriodProblem::NotADate), ("to", PeriodProblem::NotADate)])
    );
    assert_eq!(custom("", "2026-11-01"), Err(vec![("from", PeriodProblem::NotADate)]));
    assert_eq!(
        custom("2025-01-01", "2026-01-02"),
        Err(vec![("to", PeriodProblem::TooLong)])
    );
    assert!(custom("2024-01-01", "2024-12-31").is_ok(), "a leap year is 366 days");
    let month = |month| {
        period(
            Asked {
                choice: Choice::Month,
                month,
                from: "",
                to: "",
            },
            today,
        )
    };
    assert_eq!(month("2026-13"), Err(vec![("month", PeriodProblem::NotADate)]));
    assert_eq!(month("November"), Err(vec![("month", PeriodProblem::NotADate)]));
    assert_eq!(Choice::parse("7d"), Some(Choice::Days7));
    assert_eq!(Choice::parse("week"), None);
}

#[test]
fn averages_and_changes_are_rounded_and_nothing_before_is_no_change() {
    assert_eq!(average(25_000, 2), 12_500);
    assert_eq!(average(10, 3), 3);
    assert_eq!(average(11, 2), 6, "half up");
    assert_eq!(average(5_000, 0), 0);
    assert_eq!(change_percent(150, 100), Some(50));
    assert_eq!(change_percent(50, 100), Some(-50));
    assert_eq!(change_percent(0, 300), Some(-100));
    assert_eq!(change_percent(1, 3), Some(-67));
    assert_eq!(change_percent(100, 0), None);
}

#[test]
fn every_day_of_the_period_has_its_figures_or_nothing() {
    let period = Period { first: 10, end: 14 };
    let filled = every_day(period, &[(11, 5_i64), (13, 7)]);
    assert_eq!(filled, [(10, 0), (11, 5), (12, 0), (13, 7)]);
}
