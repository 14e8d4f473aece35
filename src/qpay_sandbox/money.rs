//! Amounts as QPay writes them: strings with two decimals in some fields, JSON numbers in others (SPEC.md §3.2,
//! §4.1), and either form accepted in requests.

use rust_decimal::{Decimal, prelude::ToPrimitive};
use serde_json::Value;
use std::str::FromStr;

/// Reads a number, a numeric string or nothing. JSON numbers go through their shortest text form, which is the
/// decimal the sender wrote for any amount of fewer than 15 significant digits, so no binary rounding leaks in.
pub fn read_amount(value: Option<&Value>) -> Option<Decimal> {
    match value? {
        Value::Number(number) => Decimal::from_str(&number.to_string())
            .or_else(|_| Decimal::from_scientific(&number.to_string()))
            .ok(),
        Value::String(text) => Decimal::from_str(text.trim()).ok(),
        _ => None,
    }
}

/// `"100.00"`: the string form of row amounts, invoice totals and fees.
pub fn two_decimals(amount: Decimal) -> String {
    let mut rounded = amount.round_dp(2);
    rounded.rescale(2);
    rounded.to_string()
}

/// The JSON-number form (`paid_amount`, `gross_amount`): an integer when whole, else the decimal as a JSON number.
pub fn json_number(amount: Decimal) -> Value {
    if amount.fract().is_zero()
        && let Some(whole) = amount.to_i64()
    {
        return Value::from(whole);
    }
    // serde_json writes an f64 as its shortest round-tripping text, which for a money amount is the decimal itself.
    amount
        .to_string()
        .parse::<f64>()
        .map(Value::from)
        .unwrap_or(Value::Null)
}

/// Tag 54 of the QR: whole tögrög as an integer, otherwise the decimal.
pub fn qr_amount(amount: Decimal) -> String {
    amount.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_numbers_and_numeric_strings_exactly() {
        assert_eq!(read_amount(Some(&json!(100))), Some(Decimal::from(100)));
        assert_eq!(read_amount(Some(&json!("1500"))), Some(Decimal::from(1500)));
        assert_eq!(
            read_amount(Some(&json!(150.5))),
            Some(Decimal::from_str("150.5").unwrap())
        );
        assert_eq!(
            read_amount(Some(&json!("1980.81"))),
            Some(Decimal::from_str("1980.81").unwrap())
        );
        assert_eq!(read_amount(Some(&json!(null))), None);
        assert_eq!(read_amount(Some(&json!("abc"))), None);
        assert_eq!(read_amount(None), None);
    }

    #[test]
    fn writes_the_two_wire_forms() {
        assert_eq!(two_decimals(Decimal::from(100)), "100.00");
        assert_eq!(two_decimals(Decimal::from_str("1980.805").unwrap()), "1980.80");
        assert_eq!(json_number(Decimal::from(198_081)), json!(198_081));
        assert_eq!(json_number(Decimal::from_str("150.50").unwrap()), json!(150.5));
        assert_eq!(json_number(Decimal::from_str("12500.00").unwrap()), json!(12_500));
        assert_eq!(qr_amount(Decimal::from_str("12500.00").unwrap()), "12500");
    }
}
