//! E-barimt, the VAT receipt a VAT-registered shop gives every buyer: who a receipt is issued to, and the
//! taxes inside a price. QPay issues the receipt (SPEC.md §5); these are the rules for what we send it.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::Mnt;

/// Who the receipt is issued to: a person (the default; QPay's `CITIZEN`) or a company by its register number
/// (`COMPANY`), which the company then claims its VAT with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Receiver {
    Citizen,
    Company(RegisterNo),
}

/// A Mongolian company's state register number (улсын бүртгэлийн дугаар): seven digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterNo(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RegisterNoError {
    #[error("a company register number is required")]
    Missing,
    #[error("a company register number has digits only")]
    NotDigits,
    #[error("a company register number has 7 digits")]
    Length,
}

impl RegisterNo {
    /// Reads what a shopper typed: spaces anywhere are dropped (`"123 4567"`), anything but digits is refused.
    pub fn parse(input: &str) -> Result<RegisterNo, RegisterNoError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err(RegisterNoError::Missing);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(RegisterNoError::NotDigits);
        }
        if digits.len() != 7 {
            return Err(RegisterNoError::Length);
        }
        Ok(RegisterNo(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// VAT in Mongolia: 10% on top of the net price. Shop prices already include it.
pub const VAT_PERCENT: i64 = 10;

/// An exact amount in ten-thousandths of a tögrög, the precision QPay's tax lines use (`"89.2857"`, SPEC.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TenThousandths(i64);

impl TenThousandths {
    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for TenThousandths {
    /// `892857` shows as `89.2857`, as QPay's tax lines write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:04}", abs / 10_000, abs % 10_000)
    }
}

/// The taxes inside a price that includes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxes {
    pub vat: TenThousandths,
    pub city_tax: TenThousandths,
}

/// The VAT and city tax inside `total`, a price that includes both. City tax (нийслэлийн хотын албан татвар) is
/// charged on the net price of some goods and services in Ulaanbaatar at `city_tax_percent` (0 for most shops):
/// `total = net × (1 + 10% + city%)`. Each figure is rounded half up to a ten-thousandth, as QPay's tax lines are
/// written; QPay's own example, 1,000₮ with 2% city tax, is VAT 89.2857 and city tax 17.8571. `None` for a total
/// whose taxes do not fit ten-thousandths in an `i64` (above about 90 trillion ₮, beyond any order).
pub fn taxes_in(total: Mnt, city_tax_percent: u8) -> Option<Taxes> {
    let whole = 100 + VAT_PERCENT + i64::from(city_tax_percent);
    let share = |percent: i64| {
        // total × percent / whole, in ten-thousandths, rounded half up; i128 so no price can overflow.
        let scaled = i128::from(total.amount()) * i128::from(percent) * 10_000;
        let whole = i128::from(whole);
        i64::try_from((scaled * 2 + whole) / (whole * 2))
            .ok()
            .map(TenThousandths)
    };
    Some(Taxes {
        vat: share(VAT_PERCENT)?,
        city_tax: share(i64::from(city_tax_percent))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mnt(amount: i64) -> Mnt {
        Mnt::new(amount).unwrap()
    }

    #[test]
    fn a_register_number_is_seven_digits() {
        assert_eq!(RegisterNo::parse("1234567").unwrap().as_str(), "1234567");
        assert_eq!(RegisterNo::parse(" 123 4567 ").unwrap().as_str(), "1234567");
        assert_eq!(RegisterNo::parse(""), Err(RegisterNoError::Missing));
        assert_eq!(RegisterNo::parse("   "), Err(RegisterNoError::Missing));
        assert_eq!(RegisterNo::parse("123456"), Err(RegisterNoError::Length));
        assert_eq!(RegisterNo::parse("12345678"), Err(RegisterNoError::Length));
        assert_eq!(RegisterNo::parse("12345a7"), Err(RegisterNoError::NotDigits));
        assert_eq!(
            RegisterNo::parse("１２３４５６７"),
            Err(RegisterNoError::NotDigits),
            "full-width digits"
        );
        assert_eq!(RegisterNo::parse("-123456"), Err(RegisterNoError::NotDigits));
    }

    #[test]
    fn the_taxes_inside_a_price_match_qpays_example() {
        let taxes = taxes_in(mnt(1_000), 2).unwrap();
        assert_eq!(taxes.vat.to_string(), "89.2857");
        assert_eq!(taxes.city_tax.to_string(), "17.8571");
    }

    #[test]
    fn without_city_tax_vat_is_a_tenth_of_the_net_price() {
        let taxes = taxes_in(mnt(11_000), 0).unwrap();
        assert_eq!(taxes.vat.to_string(), "1000.0000");
        assert_eq!(taxes.city_tax.to_string(), "0.0000");
        assert_eq!(
            taxes_in(mnt(25_000), 0).unwrap().vat.to_string(),
            "2272.7273",
            "rounded half up"
        );
        assert_eq!(taxes_in(mnt(1), 0).unwrap().vat.to_string(), "0.0909");
    }

    #[test]
    fn a_total_too_large_for_its_taxes_is_refused_rather_than_wrapped() {
        let trillion = taxes_in(mnt(1_000_000_000_000), 2).unwrap();
        assert_eq!(trillion.vat.to_string(), "89285714285.7143");
        assert_eq!(taxes_in(mnt(i64::MAX), 2), None);
        assert_eq!(taxes_in(Mnt::ZERO, 2).unwrap().vat.get(), 0);
    }
}
