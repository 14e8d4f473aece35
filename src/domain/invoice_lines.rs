//! How an order item goes on the QPay invoice: its share of the discount folded into whole-tögrög
//! unit prices, so that the invoice's lines, quantity × unit price, add up to its amount exactly.
//!
//! SPEC.md §3.1 lists `discounts[]`, `surcharges[]` and `taxes[]` on a line, but not whether QPay reads a discount's
//! `amount` per line or per unit, nor how taxes combine with `amount`. A line with none of them can be read one way
//! only. An item whose discounted total does not divide by its quantity becomes two lines whose unit prices differ by
//! one tögrög: 3 × 12,500₮ less 1₮ is 1 × 12,499₮ + 2 × 12,500₮.

/// One invoice line in whole tögrög: `quantity` units at `unit_price` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAmounts {
    pub quantity: i64,
    pub unit_price: i64,
}

impl LineAmounts {
    /// quantity × unit price, or `None` on overflow.
    pub fn total(self) -> Option<i64> {
        self.quantity.checked_mul(self.unit_price)
    }
}

/// Why an item cannot be written as lines; none of these is an item the shop places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("the item's quantity is below 1")]
    NoQuantity,
    #[error("the item's unit price is negative")]
    NegativePrice,
    #[error("the item's discount is below 0 or above its total")]
    DiscountOutOfRange,
    #[error("the item's total does not fit")]
    Overflow,
}

/// The lines of one order item: `quantity` units at `unit_price`, less `discount` (the item's share of the order's
/// discount, whole tögrög) off the item's total. With t = quantity × unit price − discount, base = t / quantity and
/// rest = t mod quantity: `quantity − rest` units at base and `rest` units at base + 1, so the lines come to t
/// exactly. Without a remainder that is one line.
///
/// A line at 0₮ is left out, so a fully discounted item has no line at all (and 3 units for 2₮ are 2 × 1₮):
/// SPEC.md does not say whether QPay takes a line priced 0, and such a line carries neither money nor VAT, so an
/// invoice without it says the same and cannot be refused for it.
pub fn item_lines(quantity: i64, unit_price: i64, discount: i64) -> Result<Vec<LineAmounts>, LineError> {
    if quantity < 1 {
        return Err(LineError::NoQuantity);
    }
    if unit_price < 0 {
        return Err(LineError::NegativePrice);
    }
    let total = quantity.checked_mul(unit_price).ok_or(LineError::Overflow)?;
    if !(0..=total).contains(&discount) {
        return Err(LineError::DiscountOutOfRange);
    }
    let left = total - discount;
    let (base, rest) = (left / quantity, left % quantity);
    let lines = [
        LineAmounts {
            quantity: quantity - rest,
            unit_price: base,
        },
        // Saturating: with no remainder this line has no units and is left out, even at an i64::MAX price.
        LineAmounts {
            quantity: rest,
            unit_price: base.saturating_add(1),
        },
    ];
    Ok(lines
        .into_iter()
        .filter(|line| line.quantity > 0 && line.unit_price > 0)
        .collect())
}

/// Σ quantity × unit price of `lines`, or `None` on overflow.
pub fn lines_total(lines: &[LineAmounts]) -> Option<i64> {
    lines.iter().try_fold(0_i64, |sum, line| sum.checked_add(line.total()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(pairs: &[(i64, i64)]) -> Vec<LineAmounts> {
        pairs
            .iter()
            .map(|(quantity, unit_price)| LineAmounts {
                quantity: *quantity,
                unit_price: *unit_price,
            })
            .collect()
    }

    /// What every split must be: lines that add up to t, each of at least one unit at a price above 0, no more
    /// units than the item's, and prices at most one tögrög apart.
    fn assert_sound(quantity: i64, unit_price: i64, discount: i64, got: &[LineAmounts]) {
        let case = format!("{quantity} × {unit_price} − {discount}: {got:?}");
        assert_eq!(
            lines_total(got),
            Some(quantity * unit_price - discount),
            "Σ = t for {case}"
        );
        assert!(got.iter().all(|line| line.quantity >= 1), "quantities ≥ 1 for {case}");
        assert!(got.iter().all(|line| line.unit_price >= 1), "prices > 0 for {case}");
        assert!(got.len() <= 2, "at most two lines for {case}");
        assert!(got.iter().map(|line| line.quantity).sum::<i64>() <= quantity, "{case}");
        if let [first, second] = got {
            assert_eq!(second.unit_price, first.unit_price + 1, "one tögrög apart for {case}");
        }
    }

    #[test]
    fn an_item_is_split_into_lines_that_add_up_to_its_discounted_total() {
        // (quantity, unit price, discount share) -> lines as (quantity, unit price)
        type Case<'a> = (i64, i64, i64, &'a [(i64, i64)]);
        let cases: [Case; 14] = [
            // No discount: the item as it is.
            (2, 12_500, 0, &[(2, 12_500)]),
            // A discount that divides evenly: one line at the lower price.
            (2, 12_500, 2_500, &[(2, 11_250)]),
            (7, 1_000, 700, &[(7, 900)]),
            // One tögrög off three units: 37,499 = 1 × 12,499 + 2 × 12,500.
            (3, 12_500, 1, &[(1, 12_499), (2, 12_500)]),
            // 1,000₮ off three 10,000₮ units: 29,000 = 1 × 9,666 + 2 × 9,667.
            (3, 10_000, 1_000, &[(1, 9_666), (2, 9_667)]),
            // All but one tögrög off: the units at 0₮ are left out.
            (3, 12_500, 37_499, &[(1, 1)]),
            (1, 12_500, 12_499, &[(1, 1)]),
            // One unit: any discount divides.
            (1, 12_500, 1_234, &[(1, 11_266)]),
            (1, 1, 0, &[(1, 1)]),
            // Twenty units with a remainder: 58,999 = 1 × 2,949 + 19 × 2,950.
            (20, 3_000, 1_001, &[(1, 2_949), (19, 2_950)]),
            (20, 3_000, 59_990, &[(10, 1)]),
            // Fully discounted: no line at all (QPay is not asked to take a 0₮ line).
            (20, 3_000, 60_000, &[]),
            (1, 12_500, 12_500, &[]),
            // A free item: nothing to put on the invoice.
            (2, 0, 0, &[]),
        ];
        for (quantity, unit_price, discount, expected) in cases {
            let got = item_lines(quantity, unit_price, discount).unwrap();
            assert_eq!(got, lines(expected), "{quantity} × {unit_price} − {discount}");
            assert_sound(quantity, unit_price, discount, &got);
        }
    }

    #[test]
    fn every_split_of_small_items_adds_up() {
        for quantity in 1..=12 {
            for unit_price in [0, 1, 2, 7, 999] {
                for discount in 0..=quantity * unit_price {
                    let got = item_lines(quantity, unit_price, discount).unwrap();
                    assert_sound(quantity, unit_price, discount, &got);
                }
            }
        }
    }

    #[test]
    fn an_item_that_cannot_be_written_as_lines_is_refused() {
        type Case = (i64, i64, i64, LineError);
        let cases: [Case; 6] = [
            (0, 12_500, 0, LineError::NoQuantity),
            (-1, 12_500, 0, LineError::NoQuantity),
            (1, -1, 0, LineError::NegativePrice),
            (2, 100, 201, LineError::DiscountOutOfRange),
            (2, 100, -1, LineError::DiscountOutOfRange),
            (i64::MAX, 2, 0, LineError::Overflow),
        ];
        assert_eq!(
            item_lines(1, i64::MAX, 0),
            Ok(lines(&[(1, i64::MAX)])),
            "the largest price, whole"
        );
        for (quantity, unit_price, discount, expected) in cases {
            assert_eq!(
                item_lines(quantity, unit_price, discount),
                Err(expected),
                "{quantity} × {unit_price} − {discount}"
            );
        }
        assert_eq!(lines_total(&lines(&[(2, i64::MAX)])), None, "an overflow is no total");
    }
}
