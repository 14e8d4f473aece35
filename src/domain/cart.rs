//! What a cart holds: variants and how many of each. Both the cart and checkout read it, so it lives below both.

use serde::{Deserialize, Serialize};

/// How many of one variant a cart line holds: 1 to [`Quantity::MAX`], checked once when it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Quantity(i64);

/// A quantity below 1 or above [`Quantity::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("quantity {0} is not between 1 and {max}", max = Quantity::MAX)]
pub struct QuantityOutOfRange(pub i64);

impl Quantity {
    /// The most of one variant a cart may hold.
    pub const MAX: i64 = 1000;

    pub fn new(quantity: i64) -> Result<Quantity, QuantityOutOfRange> {
        if (1..=Quantity::MAX).contains(&quantity) {
            Ok(Quantity(quantity))
        } else {
            Err(QuantityOutOfRange(quantity))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl TryFrom<i64> for Quantity {
    type Error = QuantityOutOfRange;

    fn try_from(quantity: i64) -> Result<Self, Self::Error> {
        Quantity::new(quantity)
    }
}

impl From<Quantity> for i64 {
    fn from(quantity: Quantity) -> i64 {
        quantity.0
    }
}

/// One line of a cart: a variant and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub variant_id: i64,
    pub quantity: Quantity,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quantity_is_one_to_a_thousand() {
        for (quantity, ok) in [
            (0, false),
            (-1, false),
            (1, true),
            (1000, true),
            (1001, false),
            (i64::MAX, false),
        ] {
            assert_eq!(Quantity::new(quantity).is_ok(), ok, "{quantity}");
        }
    }

    #[test]
    fn a_stored_line_with_a_bad_quantity_does_not_load() {
        let line: CartLine = serde_json::from_str(r#"{"variant_id":3,"quantity":2}"#).unwrap();
        assert_eq!(line.quantity.get(), 2);
        assert!(serde_json::from_str::<CartLine>(r#"{"variant_id":3,"quantity":0}"#).is_err());
        assert_eq!(
            serde_json::to_string(&line).unwrap(),
            r#"{"variant_id":3,"quantity":2}"#
        );
    }
}
