//! Mongolian mobile numbers: eight digits, starting with 6, 8 or 9 (the mobile ranges), written by shoppers with
//! or without `+976`, spaces or dashes.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A Mongolian mobile number, stored as its eight digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a mobile number has 8 digits")]
    Length,
    #[error("a mobile number starts with 6, 8 or 9")]
    NotMobile,
}

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let mut digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
            .collect();
        if let Some(rest) = digits.strip_prefix("+976").or_else(|| digits.strip_prefix("00976")) {
            digits = rest.to_owned();
        } else if digits.len() == 11 && digits.starts_with("976") {
            digits = digits[3..].to_owned();
        }
        if digits.len() != 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PhoneError::Length);
        }
        if !matches!(digits.as_bytes()[0], b'6' | b'8' | b'9') {
            return Err(PhoneError::NotMobile);
        }
        Ok(Phone(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> String {
        phone.0
    }
}

/// `9911-2233`, the way numbers are written in Mongolia.
impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_ways_shoppers_write_a_mobile_number() {
        for input in [
            "99112233",
            "9911 2233",
            "9911-2233",
            "+976 9911 2233",
            "+97699112233",
            "97699112233",
            "0097699112233",
        ] {
            assert_eq!(Phone::parse(input).map(|p| p.0), Ok("99112233".to_owned()), "{input}");
        }
        assert_eq!(Phone::parse("88001122").unwrap().to_string(), "8800-1122");
        assert!(Phone::parse("60123456").is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_mongolian_mobile_number() {
        let cases = [
            ("9911223", PhoneError::Length),
            ("991122334", PhoneError::Length),
            ("9911a233", PhoneError::Length),
            ("", PhoneError::Length),
            ("+7 9911 2233", PhoneError::Length),
            ("70112233", PhoneError::NotMobile),
            ("11223344", PhoneError::NotMobile),
        ];
        for (input, error) in cases {
            assert_eq!(Phone::parse(input), Err(error), "{input}");
        }
    }
}
