//! How much stock one shopper may hold in orders not yet paid: an order reserves its units for as long
//! as its invoice can be paid, so without caps one visitor could hold every unit, again and again. Caps per item
//! and per order bound one checkout; caps on the units unpaid orders already hold, per phone and per network
//! address, bound a visitor who places many (a household or an office shares an address, so its cap is higher).

use super::CartLine;

/// The caps, from the shop's settings (`config::holds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldLimits {
    /// Units of one variant in one order.
    pub per_item: i64,
    /// Units in one order, all variants together.
    pub per_order: i64,
    /// Units held by unpaid orders placed with one phone number, this one included.
    pub per_phone: i64,
    /// Units held by unpaid orders placed from one network address, this one included.
    pub per_address: i64,
    /// Unpaid cash, pickup or transfer orders of one phone number, this one included: such an order
    /// holds its stock for days, not QPay's half hour, so a phone gets one at a time.
    pub offline_per_phone: i64,
    /// The same from one network address: a few, as a household, an office or a mobile network shares one.
    pub offline_per_address: i64,
}

impl Default for HoldLimits {
    fn default() -> Self {
        HoldLimits {
            per_item: 20,
            per_order: 50,
            per_phone: 50,
            per_address: 150,
            offline_per_phone: 1,
            offline_per_address: 3,
        }
    }
}

/// Which cap an order would go over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HoldRefusal {
    #[error("more than {max} of variant {variant_id}")]
    PerItem { variant_id: i64, max: i64 },
    #[error("more than {max} units in one order")]
    PerOrder { max: i64 },
    /// `held`: what the phone's unpaid orders hold already.
    #[error("the phone's unpaid orders hold {held} units already, at most {max}")]
    PerPhone { held: i64, max: i64 },
    #[error("the address's unpaid orders hold {held} units already, at most {max}")]
    PerAddress { held: i64, max: i64 },
    /// The phone has this many unpaid cash, pickup or transfer orders already.
    #[error("the phone has {max} unpaid orders to pay in cash or by transfer already")]
    OfflinePerPhone { max: i64 },
    #[error("the address has {max} unpaid orders to pay in cash or by transfer already")]
    OfflinePerAddress { max: i64 },
}

impl HoldLimits {
    /// Whether an order of `lines` may be placed while unpaid orders of the same phone hold `held_by_phone` units
    /// and those from the same address `held_by_address` (`None` when the address is not known).
    pub fn check(
        &self,
        lines: &[CartLine],
        held_by_phone: i64,
        held_by_address: Option<i64>,
    ) -> Result<(), HoldRefusal> {
        let mut units = 0_i64;
        for line in lines {
            let quantity = line.quantity.get();
            if quantity > self.per_item {
                return Err(HoldRefusal::PerItem {
                    variant_id: line.variant_id,
                    max: self.per_item,
                });
            }
            units = units.saturating_add(quantity);
        }
        if units > self.per_order {
            return Err(HoldRefusal::PerOrder { max: self.per_order });
        }
        if held_by_phone.saturating_add(units) > self.per_phone {
            return Err(HoldRefusal::PerPhone {
                held: held_by_phone,
                max: self.per_phone,
            });
        }
        match held_by_address {
            Some(held) if held.saturating_add(units) > self.per_address => Err(HoldRefusal::PerAddress {
                held,
                max: self.per_address,
            }),
            _ => Ok(()),
        }
    }
}

impl HoldLimits {
    /// Whether one more unpaid order to be paid in cash or by transfer may be placed while the phone has
    /// `by_phone` such orders and the address `from_address` (`None` when the address is not known).
    pub fn check_offline(&self, by_phone: i64, from_address: Option<i64>) -> Result<(), HoldRefusal> {
        if by_phone >= self.offline_per_phone {
            return Err(HoldRefusal::OfflinePerPhone {
                max: self.offline_per_phone,
            });
        }
        match from_address {
            Some(orders) if orders >= self.offline_per_address => Err(HoldRefusal::OfflinePerAddress {
                max: self.offline_per_address,
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Quantity;

    fn lines(quantities: &[i64]) -> Vec<CartLine> {
        quantities
            .iter()
            .enumerate()
            .map(|(i, &q)| CartLine {
                variant_id: i as i64 + 1,
                quantity: Quantity::new(q).unwrap(),
            })
            .collect()
    }

    #[test]
    fn each_cap_refuses_only_beyond_its_limit() {
        let caps = HoldLimits {
            per_item: 5,
            per_order: 8,
            per_phone: 10,
            per_address: 12,
            ..HoldLimits::default()
        };
        use HoldRefusal::*;
        // (quantities, held by the phone, held from the address) -> outcome
        type Case<'a> = (&'a [i64], i64, Option<i64>, Result<(), HoldRefusal>);
        let cases: [Case; 10] = [
            (&[5], 0, Some(0), Ok(())),
            (&[6], 0, Some(0), Err(PerItem { variant_id: 1, max: 5 })),
            (&[1, 6], 0, None, Err(PerItem { variant_id: 2, max: 5 })),
            (&[4, 4], 0, Some(0), Ok(())),
            (&[4, 4, 1], 0, Some(0), Err(PerOrder { max: 8 })),
            (&[5], 5, Some(5), Ok(())),
            (&[5], 6, Some(6), Err(PerPhone { held: 6, max: 10 })),
            (&[5], 0, Some(7), Ok(())),
            (&[5], 0, Some(8), Err(PerAddress { held: 8, max: 12 })),
            // An address nobody knows (no proxy header, say) is not counted; the phone still is.
            (&[5], 5, None, Ok(())),
        ];
        for (quantities, phone, address, expected) in cases {
            assert_eq!(
                caps.check(&lines(quantities), phone, address),
                expected,
                "{quantities:?} {phone} {address:?}"
            );
        }
    }

    #[test]
    fn the_defaults_let_a_household_order_and_stop_a_hoarder() {
        let caps = HoldLimits::default();
        assert_eq!(caps.check(&lines(&[3, 2, 10]), 0, Some(0)), Ok(()));
        assert!(caps.check(&lines(&[1000]), 0, Some(0)).is_err());
        assert!(caps.check(&lines(&[10]), 45, Some(45)).is_err());
    }

    #[test]
    fn unpaid_cash_and_transfer_orders_are_counted_apart() {
        let caps = HoldLimits {
            offline_per_phone: 1,
            offline_per_address: 3,
            ..HoldLimits::default()
        };
        use HoldRefusal::*;
        // (the phone's unpaid offline orders, the address's) -> outcome
        let cases = [
            (0, Some(0), Ok(())),
            (0, Some(2), Ok(())),
            (0, None, Ok(())),
            (1, Some(0), Err(OfflinePerPhone { max: 1 })),
            (1, None, Err(OfflinePerPhone { max: 1 })),
            (0, Some(3), Err(OfflinePerAddress { max: 3 })),
        ];
        for (phone, address, expected) in cases {
            assert_eq!(caps.check_offline(phone, address), expected, "{phone} {address:?}");
        }
    }
}
