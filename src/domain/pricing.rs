//! What a shopper pays: the items, a discount code and delivery, decided by one pure function,
//! [`price`], which the server calls with what the database says at the moment the order is placed.
//!
//! The rules, each in a table test below:
//! - a percent code takes its share of the items it applies to, rounded up to whole tögrög (in the shopper's
//!   favour); a fixed code takes its amount; neither takes more than the items it applies to, so nothing is ever
//!   below zero;
//! - a zone's "free from" threshold looks at the goods after the discount, what the shopper really pays for them
//!   (the page says "free delivery from X₮ of goods, after discounts");
//! - a free-delivery code waives the fee the zone would charge; the discount and the waived fee are both reported,
//!   for the owner's figures per code.

use super::{Mnt, money::MoneyError};

/// A percentage from 1 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(u8);

impl Percent {
    pub fn new(percent: i64) -> Option<Percent> {
        u8::try_from(percent)
            .ok()
            .filter(|p| (1..=100).contains(p))
            .map(Percent)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// What a discount code gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Percent(Percent),
    Fixed(Mnt),
    FreeDelivery,
}

/// What a delivery zone (or a pickup point, or countryside delivery) charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryRate {
    pub fee: Mnt,
    /// Free when the goods, after the discount, come to at least this.
    pub free_from: Option<Mnt>,
}

impl DeliveryRate {
    pub const FREE: DeliveryRate = DeliveryRate {
        fee: Mnt::ZERO,
        free_from: None,
    };

    /// The fee for goods worth `goods`.
    pub fn fee_for(self, goods: Mnt) -> Mnt {
        match self.free_from {
            Some(threshold) if goods >= threshold => Mnt::ZERO,
            _ => self.fee,
        }
    }

    /// How much more in goods would make delivery free; `None` when it is free already or never is.
    pub fn more_for_free_delivery(self, goods: Mnt) -> Option<Mnt> {
        let threshold = self.free_from?;
        (self.fee > Mnt::ZERO && goods < threshold).then(|| threshold.saturating_sub(goods))
    }
}

/// The basket a price is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basket {
    /// The sum of the lines at today's prices.
    pub items: Mnt,
    /// The part of `items` a code may apply to (a code limited to some categories or products); at most `items`.
    pub eligible: Mnt,
}

/// Every amount of an order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Priced {
    pub items: Mnt,
    /// Taken off the items by the code.
    pub discount: Mnt,
    /// What the delivery costs this order (zero from the zone's threshold on).
    pub delivery: Mnt,
    /// Of `delivery`, what a free-delivery code waived.
    pub delivery_waived: Mnt,
    /// What the shopper pays: items − discount + delivery − delivery_waived.
    pub total: Mnt,
}

/// Prices the basket with an optional code and where it goes.
pub fn price(basket: Basket, code: Option<CodeKind>, rate: DeliveryRate) -> Result<Priced, MoneyError> {
    let eligible = basket.eligible.min(basket.items);
    let discount = match code {
        Some(CodeKind::Percent(percent)) => {
            // Rounded up: a fraction of a tögrög goes to the shopper.
            let share = (i128::from(eligible.amount()) * i128::from(percent.get()) + 99) / 100;
            Mnt::new(i64::try_from(share).map_err(|_| MoneyError::Overflow)?)?.min(eligible)
        }
        Some(CodeKind::Fixed(amount)) => amount.min(eligible),
        Some(CodeKind::FreeDelivery) | None => Mnt::ZERO,
    };
    let goods = Mnt::new(basket.items.amount() - discount.amount())?;
    let delivery = rate.fee_for(goods);
    let delivery_waived = match code {
        Some(CodeKind::FreeDelivery) => delivery,
        _ => Mnt::ZERO,
    };
    let total = goods.checked_add(Mnt::new(delivery.amount() - delivery_waived.amount())?)?;
    Ok(Priced {
        items: basket.items,
        discount,
        delivery,
        delivery_waived,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mnt(amount: i64) -> Mnt {
        Mnt::new(amount).unwrap()
    }

    fn percent(p: i64) -> Option<CodeKind> {
        Some(CodeKind::Percent(Percent::new(p).unwrap()))
    }

    #[test]
    fn every_amount_of_an_order_by_one_rule() {
        let zone_a = DeliveryRate {
            fee: mnt(8_500),
            free_from: Some(mnt(250_000)),
        };
        let flat = DeliveryRate {
            fee: mnt(5_000),
            free_from: None,
        };
        let all = |items| Basket {
            items: mnt(items),
            eligible: mnt(items),
        };
        // (basket, code, delivery) -> (discount, delivery, waived, total)
        type Case = (Basket, Option<CodeKind>, DeliveryRate, (i64, i64, i64, i64));
        let cases: [Case; 13] = [
            (all(100_000), None, zone_a, (0, 8_500, 0, 108_500)),
            (all(250_000), None, zone_a, (0, 0, 0, 250_000)),
            (all(100_000), None, DeliveryRate::FREE, (0, 0, 0, 100_000)),
            // 10% of 12,345 is 1,234.5: the shopper gets 1,235.
            (all(12_345), percent(10), flat, (1_235, 5_000, 0, 16_110)),
            (all(100_000), percent(100), flat, (100_000, 5_000, 0, 5_000)),
            (all(100_000), percent(100), zone_a, (100_000, 8_500, 0, 8_500)),
            // A fixed code larger than the items takes the items, never below zero.
            (
                all(3_000),
                Some(CodeKind::Fixed(mnt(5_000))),
                flat,
                (3_000, 5_000, 0, 5_000),
            ),
            // The threshold looks after the discount: 260,000 − 10% = 234,000 < 250,000, so the fee is charged.
            (all(260_000), percent(10), zone_a, (26_000, 8_500, 0, 242_500)),
            (all(300_000), percent(10), zone_a, (30_000, 0, 0, 270_000)),
            (
                all(100_000),
                Some(CodeKind::FreeDelivery),
                zone_a,
                (0, 8_500, 8_500, 100_000),
            ),
            (all(300_000), Some(CodeKind::FreeDelivery), zone_a, (0, 0, 0, 300_000)),
            // A code limited to part of the basket takes its share of that part only.
            (
                Basket {
                    items: mnt(50_000),
                    eligible: mnt(20_000),
                },
                percent(50),
                flat,
                (10_000, 5_000, 0, 45_000),
            ),
            (
                Basket {
                    items: mnt(50_000),
                    eligible: mnt(20_000),
                },
                Some(CodeKind::Fixed(mnt(30_000))),
                flat,
                (20_000, 5_000, 0, 35_000),
            ),
        ];
        for (basket, code, rate, expected) in cases {
            let priced = price(basket, code, rate).unwrap();
            let got = (
                priced.discount.amount(),
                priced.delivery.amount(),
                priced.delivery_waived.amount(),
                priced.total.amount(),
            );
            assert_eq!(got, expected, "{basket:?} {code:?} {rate:?}");
            assert_eq!(
                priced.total.amount(),
                priced.items.amount() - priced.discount.amount() + priced.delivery.amount()
                    - priced.delivery_waived.amount()
            );
        }
    }

    #[test]
    fn how_much_more_makes_delivery_free() {
        let zone = DeliveryRate {
            fee: mnt(8_500),
            free_from: Some(mnt(50_000)),
        };
        assert_eq!(zone.more_for_free_delivery(mnt(42_000)), Some(mnt(8_000)));
        assert_eq!(zone.more_for_free_delivery(mnt(50_000)), None);
        assert_eq!(DeliveryRate::FREE.more_for_free_delivery(mnt(1)), None);
        let no_threshold = DeliveryRate {
            fee: mnt(8_500),
            free_from: None,
        };
        assert_eq!(no_threshold.more_for_free_delivery(mnt(1)), None);
    }

    #[test]
    fn percentages_are_1_to_100_and_huge_baskets_do_not_wrap() {
        assert_eq!(Percent::new(0), None);
        assert_eq!(Percent::new(101), None);
        assert_eq!(Percent::new(-5), None);
        assert_eq!(Percent::new(100).map(Percent::get), Some(100));
        let huge = Basket {
            items: mnt(i64::MAX),
            eligible: mnt(i64::MAX),
        };
        let priced = price(huge, percent(99), DeliveryRate::FREE).unwrap();
        assert!(priced.discount < huge.items && priced.total > Mnt::ZERO);
        let overflow = DeliveryRate {
            fee: mnt(1),
            free_from: None,
        };
        assert_eq!(price(huge, None, overflow), Err(MoneyError::Overflow));
    }
}
