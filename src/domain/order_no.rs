//! Order numbers: short, unambiguous to read aloud or type, letters and digits only as QPay's `sender_invoice_no`
//! requires (at most 45 characters, SPEC.md §3.1).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford's base-32 alphabet: no I, L, O or U, so nothing is mistaken for 1, 0 or V.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 8 characters: 40 bits, so a collision (retried by the database's unique key) is rare even at a million orders.
pub const ORDER_NO_LEN: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderNo(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an order number")]
pub struct OrderNoError;

impl OrderNo {
    /// A new order number from 40 random bits.
    pub fn from_random(bits: u64) -> OrderNo {
        let text = (0..ORDER_NO_LEN)
            .rev()
            .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
            .collect();
        OrderNo(text)
    }

    /// Reads an order number as a shopper may type it: case and Crockford look-alikes (O→0, I/L→1) forgiven.
    pub fn parse(input: &str) -> Result<OrderNo, OrderNoError> {
        let text: String = input
            .trim()
            .chars()
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        let valid = text.len() == ORDER_NO_LEN && text.bytes().all(|b| ALPHABET.contains(&b));
        if valid { Ok(OrderNo(text)) } else { Err(OrderNoError) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrderNo {
    type Error = OrderNoError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        OrderNo::parse(&value)
    }
}

impl From<OrderNo> for String {
    fn from(order_no: OrderNo) -> String {
        order_no.0
    }
}

impl fmt::Display for OrderNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_numbers_are_eight_letters_and_digits_that_parse_back() {
        for bits in [0, 1, 0xFF_FFFF_FFFF, 0x12_3456_789A, u64::MAX] {
            let order_no = OrderNo::from_random(bits);
            assert_eq!(order_no.as_str().len(), 8);
            assert!(order_no.as_str().chars().all(|c| c.is_ascii_alphanumeric()));
            assert_eq!(OrderNo::parse(order_no.as_str()), Ok(order_no));
        }
        assert_ne!(OrderNo::from_random(1), OrderNo::from_random(2));
    }

    #[test]
    fn forgives_case_and_look_alike_letters_and_refuses_the_rest() {
        assert_eq!(OrderNo::parse(" d7k2m9qo ").unwrap().as_str(), "D7K2M9Q0");
        assert_eq!(OrderNo::parse("D7K2M9QL").unwrap().as_str(), "D7K2M9Q1");
        for bad in ["", "D7K2M9Q", "D7K2M9QXX", "D7K2M9Q!", "D7K2M9QU", "Д7K2M9QX"] {
            assert_eq!(OrderNo::parse(bad), Err(OrderNoError), "{bad}");
        }
    }
}
