//! Amounts as QPay writes them: exact decimals that arrive as JSON numbers, numeric strings or null.
//!
//! One response can mix all three (`"total_amount":"10.00"` next to `"gross_amount":10`, SPEC.md §3.2, §10.4), so
//! [`QpayAmount`] accepts each of them and keeps the value exact in a [`Decimal`]; money never passes through an
//! `f64` that is kept. Requests go out as JSON integers when the amount is whole tögrög (SPEC.md §10.4: "send
//! integers for MNT") and as a numeric string otherwise, which QPay also accepts (SPEC.md §3.1, `amount`).

use rust_decimal::{Decimal, prelude::ToPrimitive};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::{fmt, str::FromStr};

use crate::domain::Mnt;

/// An exact amount of money (or a quantity) in a QPay body.
///
/// Equality compares values, so `100`, `100.0` and `"100.00"` are equal; [`fmt::Display`] keeps the scale QPay
/// sent (`"100.00"` shows as `100.00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct QpayAmount(Decimal);

impl QpayAmount {
    pub const ZERO: QpayAmount = QpayAmount(Decimal::ZERO);

    pub fn new(value: Decimal) -> QpayAmount {
        QpayAmount(value)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// A whole number of tögrög.
    pub fn from_mnt(amount: i64) -> QpayAmount {
        QpayAmount(Decimal::from(amount))
    }

    /// The amount in whole tögrög, or `None` when it has a fraction (`100.50`) or does not fit an `i64`.
    pub fn to_mnt(self) -> Option<i64> {
        if !self.0.is_integer() {
            return None;
        }
        self.0.to_i64()
    }

    /// The amount in hundredths of a tögrög, or `None` when it is finer than that or does not fit an `i64`
    /// (QPay writes two decimals, SPEC.md §4.1; anything else is not guessed at).
    pub fn to_cents(self) -> Option<i64> {
        let cents = self.0.checked_mul(Decimal::from(100))?;
        if !cents.is_integer() {
            return None;
        }
        cents.to_i64()
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The sum, or `None` on overflow (about 7.9 × 10²⁸; no real amount gets there).
    pub fn checked_add(self, other: QpayAmount) -> Option<QpayAmount> {
        self.0.checked_add(other.0).map(QpayAmount)
    }
}

impl From<i64> for QpayAmount {
    fn from(amount: i64) -> QpayAmount {
        QpayAmount::from_mnt(amount)
    }
}

impl From<Mnt> for QpayAmount {
    fn from(amount: Mnt) -> QpayAmount {
        QpayAmount::from_mnt(amount.amount())
    }
}

impl From<Decimal> for QpayAmount {
    fn from(value: Decimal) -> QpayAmount {
        QpayAmount(value)
    }
}

impl FromStr for QpayAmount {
    type Err = rust_decimal::Error;

    /// Reads `"100"`, `"1980.81"`, `" 89.2857 "`, and scientific notation such as `"1e3"`.
    fn from_str(text: &str) -> Result<QpayAmount, Self::Err> {
        let text = text.trim();
        if text.contains(['e', 'E']) {
            return Decimal::from_scientific(text).map(QpayAmount);
        }
        Decimal::from_str(text).map(QpayAmount)
    }
}

impl fmt::Display for QpayAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Whole amounts as JSON integers; others as a numeric string, so that no `f64` rounds them on the way out.
impl Serialize for QpayAmount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_mnt() {
            Some(whole) => serializer.serialize_i64(whole),
            None => serializer.serialize_str(&self.0.normalize().to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for QpayAmount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<QpayAmount, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

struct AmountVisitor;

impl de::Visitor<'_> for AmountVisitor {
    type Value = QpayAmount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as a JSON number or a numeric string")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<QpayAmount, E> {
        Ok(QpayAmount(Decimal::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<QpayAmount, E> {
        Ok(QpayAmount(Decimal::from(value)))
    }

    /// serde_json (without its `arbitrary_precision` feature) hands over a JSON number with a fraction as the `f64`
    /// nearest to it, so the digits QPay wrote are gone. They can be recovered: Rust's `{}` prints the *shortest*
    /// decimal that parses back to the same `f64`, and for any number written with up to 15 significant digits
    /// (every real amount) that shortest decimal is the one that was written: `150.5` stays `150.5` instead of
    /// becoming `150.499999999999994…`, which `Decimal::try_from(f64)` could give.
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<QpayAmount, E> {
        if !value.is_finite() {
            return Err(E::custom(format!("amount {value} is not a finite number")));
        }
        Decimal::from_str(&format!("{value}"))
            .map(QpayAmount)
            .map_err(|e| E::custom(format!("amount {value} does not fit a decimal: {e}")))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<QpayAmount, E> {
        value
            .parse()
            .map_err(|e| E::custom(format!("amount {value:?} is not a number: {e}")))
    }
}

/// For amounts that mean zero when absent or null, such as `paid_amount` of an unpaid invoice (SPEC.md §10.5).
/// Use with `#[serde(default, deserialize_with = "zero_if_null")]`.
pub fn zero_if_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<QpayAmount, D::Error> {
    Ok(Option::<QpayAmount>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: serde_json::Value) -> QpayAmount {
        serde_json::from_value(value).unwrap()
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn numbers_and_numeric_strings_parse_to_the_same_exact_value() {
        assert_eq!(parse(json!(100)).decimal(), dec("100"));
        assert_eq!(parse(json!("100.00")).decimal(), dec("100.00"));
        assert_eq!(parse(json!(-5)).decimal(), dec("-5"));
        assert_eq!(parse(json!(" 7 ")).decimal(), dec("7"));
        assert_eq!(parse(json!("1e3")).decimal(), dec("1000"));
        assert_eq!(parse(json!(100)), parse(json!("100.00")));
    }

    #[test]
    fn fractional_json_numbers_keep_the_digits_written() {
        // Parsed from text so serde_json really hands over an f64.
        for text in [
            "150.5",
            "1980.81",
            "89.2857",
            "17.8571",
            "0.1",
            "196100.19",
            "99999999.99",
        ] {
            let amount: QpayAmount = serde_json::from_str(text).unwrap();
            assert_eq!(amount.decimal(), dec(text), "{text}");
            assert_eq!(amount.to_string(), text);
        }
    }

    #[test]
    fn hundredths_are_exact_or_none() {
        let cases = [
            ("1980.81", Some(198_081)),
            ("1.00", Some(100)),
            ("125", Some(12_500)),
            ("0.5", Some(50)),
            ("0.00", Some(0)),
            ("89.2857", None),
            ("0.001", None),
            ("99999999999999999999", None),
        ];
        for (text, cents) in cases {
            assert_eq!(QpayAmount::from_str(text).unwrap().to_cents(), cents, "{text}");
        }
    }

    #[test]
    fn string_amounts_keep_their_scale() {
        let amount: QpayAmount = serde_json::from_str(r#""1980.81""#).unwrap();
        assert_eq!(amount.decimal(), dec("1980.81"));
        let amount: QpayAmount = serde_json::from_str(r#""89.2857""#).unwrap();
        assert_eq!(amount.decimal(), dec("89.2857"));
        assert_eq!(amount.to_string(), "89.2857");
        assert_eq!(parse(json!("20.0000")).to_string(), "20.0000");
    }

    #[test]
    fn null_is_none_for_optional_amounts_and_garbage_is_an_error() {
        let amount: Option<QpayAmount> = serde_json::from_str("null").unwrap();
        assert_eq!(amount, None);
        assert!(serde_json::from_str::<QpayAmount>(r#""ten""#).is_err());
        assert!(serde_json::from_str::<QpayAmount>("true").is_err());
    }

    #[test]
    fn whole_tugrik_converts_to_i64_and_fractions_do_not() {
        assert_eq!(parse(json!("100.00")).to_mnt(), Some(100));
        assert_eq!(parse(json!(198081)).to_mnt(), Some(198081));
        assert_eq!(parse(json!(150.5)).to_mnt(), None);
        assert_eq!(QpayAmount::from_mnt(i64::MAX).to_mnt(), Some(i64::MAX));
        assert_eq!(QpayAmount::from(Mnt::new(12_500).unwrap()), QpayAmount::from(12_500));
    }

    #[test]
    fn whole_amounts_serialize_as_integers_and_fractions_as_exact_strings() {
        assert_eq!(serde_json::to_string(&QpayAmount::from_mnt(100)).unwrap(), "100");
        assert_eq!(serde_json::to_string(&parse(json!("100.00"))).unwrap(), "100");
        assert_eq!(serde_json::to_string(&parse(json!("100.50"))).unwrap(), r#""100.5""#);
        assert_eq!(serde_json::to_string(&parse(json!("89.2857"))).unwrap(), r#""89.2857""#);
    }
}
