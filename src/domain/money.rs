//! Money in Mongolian tögrög.
//!
//! Tögrög has no minor unit in practice, so an amount is a whole number of tögrög in an `i64`. Arithmetic is
//! checked: an overflow is an error, never a wrapped or saturated price.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A whole amount of Mongolian tögrög (MNT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mnt(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount overflows")]
    Overflow,
    #[error("amount must not be negative")]
    Negative,
}

impl Mnt {
    pub const ZERO: Mnt = Mnt(0);

    /// An amount that must not be negative, as every price and total in the shop is.
    pub fn new(amount: i64) -> Result<Self, MoneyError> {
        if amount < 0 {
            return Err(MoneyError::Negative);
        }
        Ok(Mnt(amount))
    }

    pub fn amount(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Mnt) -> Result<Mnt, MoneyError> {
        self.0.checked_add(other.0).map(Mnt).ok_or(MoneyError::Overflow)
    }

    /// Two amounts shown together (a discount with the delivery it waived); at most `i64::MAX`.
    pub fn saturating_add(self, other: Mnt) -> Mnt {
        Mnt(self.0.saturating_add(other.0))
    }

    /// What is left of `self` once `other` is taken off, 0 when `other` is more (a total paid beyond it, say).
    pub fn saturating_sub(self, other: Mnt) -> Mnt {
        Mnt(self.0.saturating_sub(other.0).max(0))
    }

    pub fn checked_mul(self, quantity: i64) -> Result<Mnt, MoneyError> {
        if quantity < 0 {
            return Err(MoneyError::Negative);
        }
        self.0.checked_mul(quantity).map(Mnt).ok_or(MoneyError::Overflow)
    }

    /// An amount the owner typed into a form (a price, a fee, cash received, a refund), read as [`whole_number`]
    /// does: `12,500`, `12 500`, `12500₮`, `+12500`. `None` for anything else (a fraction, a minus, letters); each
    /// form checks its own range.
    pub fn parse_input(typed: &str) -> Option<Mnt> {
        whole_number(typed).map(Mnt)
    }
}

/// A whole number from 0 as people type one: digits, grouped with commas or spaces, an optional `+` before them
/// and a `₮` anywhere (`12,500₮`), space around it ignored; `None` for anything else, or more than an `i64` holds.
pub fn whole_number(typed: &str) -> Option<i64> {
    let kept: String = typed.trim().chars().filter(|c| !matches!(c, ',' | ' ' | '₮')).collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// An amount in hundredths of a tögrög: what QPay writes with two decimals (a payment's fee, "1980.81", SPEC.md
/// §4.1), kept exact where the shop's own amounts are whole tögrög.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// As [`Mnt`] shows, with the hundredths after a point when there are any: `1,980.81₮`, `125₮`, `0.50₮`.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, part) = (self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100);
        // Through Mnt for the grouping; `whole` fits an i64, being an i64's magnitude divided by 100.
        let grouped = Mnt(whole as i64).to_string();
        let digits = grouped.trim_end_matches('₮');
        if part == 0 {
            write!(f, "{sign}{digits}₮")
        } else {
            write!(f, "{sign}{digits}.{part:02}₮")
        }
    }
}

/// Shown the way Mongolian shops write prices: thousands grouped with commas, the sign after: `12,500₮`.
impl fmt::Display for Mnt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
        if self.0 < 0 {
            grouped.push('-');
        }
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        grouped.push('₮');
        f.write_str(&grouped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_amounts_with_grouped_thousands_and_the_tugrik_sign() {
        let cases = [
            (0, "0₮"),
            (7, "7₮"),
            (999, "999₮"),
            (1_000, "1,000₮"),
            (12_500, "12,500₮"),
            (250_000, "250,000₮"),
            (1_234_567, "1,234,567₮"),
            (i64::MAX, "9,223,372,036,854,775,807₮"),
        ];
        for (amount, shown) in cases {
            assert_eq!(Mnt(amount).to_string(), shown, "amount {amount}");
        }
    }

    #[test]
    fn hundredths_show_as_tugrik_with_a_point_only_when_there_is_a_fraction() {
        let cases = [
            (0, "0₮"),
            (50, "0.50₮"),
            (7, "0.07₮"),
            (12_500, "125₮"),
            (198_081, "1,980.81₮"),
            (12_345_610, "123,456.10₮"),
            (-150, "-1.50₮"),
            (i64::MIN, "-92,233,720,368,547,758.08₮"),
        ];
        for (cents, shown) in cases {
            assert_eq!(Cents(cents).to_string(), shown, "cents {cents}");
        }
    }

    #[test]
    fn typed_amounts_are_read_as_people_write_them() {
        let cases = [
            ("12500", Some(12_500)),
            ("12,500", Some(12_500)),
            ("12 500", Some(12_500)),
            ("12500₮", Some(12_500)),
            ("12,500₮", Some(12_500)),
            ("₮12500", Some(12_500)),
            (" 7,000₮ ", Some(7_000)),
            ("\t5000\n", Some(5_000)),
            ("+5000", Some(5_000)),
            ("0", Some(0)),
            ("007", Some(7)),
            ("9223372036854775807", Some(i64::MAX)),
            ("", None),
            ("  ", None),
            ("₮", None),
            ("+", None),
            ("-5", None),
            ("++5", None),
            ("12.5", None),
            ("1e3", None),
            ("abc", None),
            ("12 500 төг", None),
            ("5\u{a0}000", None),
            ("9223372036854775808", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(Mnt::parse_input(typed), expected.map(Mnt), "{typed:?}");
            assert_eq!(whole_number(typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn refuses_negative_amounts() {
        assert_eq!(Mnt::new(-1), Err(MoneyError::Negative));
        assert_eq!(Mnt::new(0), Ok(Mnt::ZERO));
    }

    #[test]
    fn multiplication_and_addition_are_exact_or_fail() {
        let price = Mnt::new(12_500).unwrap();
        assert_eq!(price.checked_mul(3), Ok(Mnt(37_500)));
        assert_eq!(price.checked_add(Mnt(500)), Ok(Mnt(13_000)));
        assert_eq!(Mnt(i64::MAX).checked_add(Mnt(1)), Err(MoneyError::Overflow));
        assert_eq!(Mnt(i64::MAX / 2 + 1).checked_mul(2), Err(MoneyError::Overflow));
        assert_eq!(price.checked_mul(-1), Err(MoneyError::Negative));
        assert_eq!(price.saturating_sub(Mnt(2_500)), Mnt(10_000));
        assert_eq!(price.saturating_sub(Mnt(12_501)), Mnt::ZERO, "never below nothing");
        assert_eq!(Mnt(i64::MAX).saturating_add(price), Mnt(i64::MAX));
    }
}
