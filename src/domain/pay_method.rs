//! How a shopper pays: QPay, or a way the shop takes money itself (cash to the courier, at the pickup
//! point, a bank transfer to the shop's account). An offline order waits with its stock reserved until the shop
//! records the money, or until its own time runs out; a cash order can be packed and sent before it is paid.

use serde::{Deserialize, Serialize};

use super::{Mnt, PaymentState};
use crate::i18n::Lang;

/// Stored on the order by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PayMethod {
    Qpay,
    /// Cash to the courier, in Ulaanbaatar.
    CashOnDelivery,
    /// Cash or card at the pickup point.
    PayAtPickup,
    /// A transfer to the shop's bank account, the order number as its reference.
    BankTransfer,
}

/// Where the order goes, as far as a way to pay cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// By the shop's courier in Ulaanbaatar.
    City,
    /// To an aimag, by bus or post: no courier of the shop's to pay.
    Countryside,
    Pickup,
}

impl PayMethod {
    pub const ALL: [PayMethod; 4] = [
        PayMethod::Qpay,
        PayMethod::CashOnDelivery,
        PayMethod::PayAtPickup,
        PayMethod::BankTransfer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PayMethod::Qpay => "qpay",
            PayMethod::CashOnDelivery => "cash-on-delivery",
            PayMethod::PayAtPickup => "pay-at-pickup",
            PayMethod::BankTransfer => "bank-transfer",
        }
    }

    pub fn parse(text: &str) -> Option<PayMethod> {
        PayMethod::ALL.into_iter().find(|method| method.as_str() == text)
    }

    /// Paid to the shop, not through QPay: no invoice, and the shop records the money.
    pub fn is_offline(self) -> bool {
        self != PayMethod::Qpay
    }

    /// Whether an order going by `route` may be paid this way.
    pub fn fits(self, route: Route) -> bool {
        match self {
            PayMethod::Qpay | PayMethod::BankTransfer => true,
            PayMethod::CashOnDelivery => route == Route::City,
            PayMethod::PayAtPickup => route == Route::Pickup,
        }
    }

    /// Whether the order may be packed and sent before the money is in: the courier or the pickup point takes it.
    pub fn hands_over_before_paid(self) -> bool {
        matches!(self, PayMethod::CashOnDelivery | PayMethod::PayAtPickup)
    }

    /// Its name for the shopper and the owner.
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = lang.payment();
        match self {
            PayMethod::Qpay => texts.way_qpay,
            PayMethod::CashOnDelivery => texts.way_cash_on_delivery,
            PayMethod::PayAtPickup => texts.way_pay_at_pickup,
            PayMethod::BankTransfer => texts.way_bank_transfer,
        }
    }

    /// The payment's method as recorded beside QPay's `P2P` and `CARD`: money the shop took itself.
    pub fn recorded_as(self) -> &'static str {
        match self {
            PayMethod::BankTransfer => "TRANSFER",
            _ => "CASH",
        }
    }
}

/// How the payments the shop records itself are numbered, beside QPay's ids (digits, or a card payment's UUID), which
/// never begin so.
const OWN_PAYMENT_PREFIX: &str = "cash:";

/// The id of the order's `n`th payment the shop took itself: `cash:{order_no}:{n}`, cash or a transfer alike.
pub fn own_payment_id(order_no: &str, n: i64) -> String {
    format!("{OWN_PAYMENT_PREFIX}{order_no}:{n}")
}

/// Whether a payment is one the shop took itself rather than QPay's: QPay knows nothing of it (no e-barimt receipt,
/// no refund through QPay).
pub fn is_own_payment(payment_id: &str) -> bool {
    payment_id.starts_with(OWN_PAYMENT_PREFIX)
}

/// Whether an order may be packed and sent on now: paid and not refunded in full, or unpaid with its money to be
/// taken at the door or the pickup point.
pub fn may_fulfil(method: PayMethod, state: PaymentState, refunded_in_full: bool) -> bool {
    match state {
        PaymentState::Paid => !refunded_in_full,
        PaymentState::AwaitingPayment | PaymentState::PartiallyPaid => method.hands_over_before_paid(),
        PaymentState::Expired | PaymentState::Cancelled => false,
    }
}

/// The cash the courier or the pickup point is to take for an order: what is left to pay of one paid at the door or
/// at the pickup point and not paid in full yet; nothing for any other (paid, through QPay or by transfer, or over),
/// so a packing slip never asks a shopper for money the shop is not owed that way.
pub fn cash_to_collect(method: PayMethod, state: PaymentState, total: Mnt, paid: Mnt) -> Mnt {
    let owed = matches!(state, PaymentState::AwaitingPayment | PaymentState::PartiallyPaid);
    if method.hands_over_before_paid() && owed {
        total.saturating_sub(paid)
    } else {
        Mnt::ZERO
    }
}

/// Why money the shop records for an order is refused; nothing is recorded then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A QPay order is paid through QPay only.
    NotOffline,
    AlreadyPaid,
    /// Expired or cancelled: its stock went back; a new order is the way.
    Over,
    /// Not a whole number of tögrög above zero.
    NotAnAmount,
    /// More than is left to pay.
    TooMuch {
        left: Mnt,
    },
    /// Less than is left, and the shop does not take part payments.
    NotAll {
        left: Mnt,
    },
}

/// Where money the shop received takes an order in `state` with `total` and `paid` so far: paid when it is all
/// that is left, part paid when it is less and part payments are allowed; refused otherwise.
pub fn receive(
    method: PayMethod,
    state: PaymentState,
    total: Mnt,
    paid: Mnt,
    amount: i64,
    allow_partial: bool,
) -> Result<PaymentState, Refused> {
    if !method.is_offline() {
        return Err(Refused::NotOffline);
    }
    match state {
        PaymentState::Paid => return Err(Refused::AlreadyPaid),
        PaymentState::Expired | PaymentState::Cancelled => return Err(Refused::Over),
        PaymentState::AwaitingPayment | PaymentState::PartiallyPaid => {}
    }
    if amount <= 0 {
        return Err(Refused::NotAnAmount);
    }
    let left_mnt = total.saturating_sub(paid);
    let left = left_mnt.amount();
    match amount.cmp(&left) {
        std::cmp::Ordering::Equal => Ok(PaymentState::Paid),
        std::cmp::Ordering::Greater => Err(Refused::TooMuch { left: left_mnt }),
        std::cmp::Ordering::Less if allow_partial => Ok(PaymentState::PartiallyPaid),
        std::cmp::Ordering::Less => Err(Refused::NotAll { left: left_mnt }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PayMethod::*;

    #[test]
    fn each_way_to_pay_fits_its_routes() {
        // (method, city, countryside, pickup)
        let cases = [
            (Qpay, true, true, true),
            (CashOnDelivery, true, false, false),
            (PayAtPickup, false, false, true),
            (BankTransfer, true, true, true),
        ];
        for (method, city, countryside, pickup) in cases {
            let got = (
                method.fits(Route::City),
                method.fits(Route::Countryside),
                method.fits(Route::Pickup),
            );
            assert_eq!(got, (city, countryside, pickup), "{method:?}");
            assert_eq!(PayMethod::parse(method.as_str()), Some(method));
        }
        assert_eq!(PayMethod::parse("cash"), None);
        assert!(!Qpay.is_offline() && BankTransfer.is_offline());
        assert!(CashOnDelivery.hands_over_before_paid() && PayAtPickup.hands_over_before_paid());
        assert!(!BankTransfer.hands_over_before_paid() && !Qpay.hands_over_before_paid());
    }

    #[test]
    fn the_shops_own_payments_are_told_from_qpays_by_their_id() {
        let own = own_payment_id("AB12CD", 1);
        assert_eq!(own, "cash:AB12CD:1");
        assert!(is_own_payment(&own));
        for qpay in ["912213777662360", "3f2b8c1e-5d7a-4e2b-9a61-0c1d2e3f4a5b", ""] {
            assert!(!is_own_payment(qpay), "{qpay:?}");
        }
    }

    #[test]
    fn cash_orders_go_out_before_they_are_paid_and_others_only_after() {
        use PaymentState::*;
        for method in PayMethod::ALL {
            assert!(may_fulfil(method, Paid, false), "{method:?}");
            assert!(!may_fulfil(method, Paid, true), "{method:?} refunded");
            for over in [Expired, Cancelled] {
                assert!(!may_fulfil(method, over, false), "{method:?} {over:?}");
            }
            for unpaid in [AwaitingPayment, PartiallyPaid] {
                assert_eq!(
                    may_fulfil(method, unpaid, false),
                    method.hands_over_before_paid(),
                    "{method:?}"
                );
            }
        }
    }

    #[test]
    fn the_courier_collects_only_what_is_owed_at_the_door_or_the_pickup_point() {
        let mnt = |n| Mnt::new(n).unwrap();
        use PaymentState::*;
        // (method, state, paid so far) -> cash to collect, for a total of 30,000.
        let cases = [
            (CashOnDelivery, AwaitingPayment, 0, 30_000),
            (PayAtPickup, AwaitingPayment, 0, 30_000),
            (CashOnDelivery, PartiallyPaid, 10_000, 20_000),
            (CashOnDelivery, Paid, 30_000, 0),
            (CashOnDelivery, Expired, 0, 0),
            (PayAtPickup, Cancelled, 0, 0),
            (BankTransfer, AwaitingPayment, 0, 0),
            (Qpay, AwaitingPayment, 0, 0),
            (Qpay, Paid, 30_000, 0),
        ];
        for (method, state, paid, expected) in cases {
            assert_eq!(
                cash_to_collect(method, state, mnt(30_000), mnt(paid)),
                mnt(expected),
                "{method:?} {state:?} {paid}"
            );
        }
    }

    #[test]
    fn money_received_pays_exactly_what_is_left() {
        let mnt = |n| Mnt::new(n).unwrap();
        use PaymentState::*;
        // (method, state, paid so far, amount, partial allowed) -> outcome, for a total of 25,000.
        let cases = [
            (CashOnDelivery, AwaitingPayment, 0, 25_000, false, Ok(Paid)),
            (BankTransfer, AwaitingPayment, 0, 25_000, true, Ok(Paid)),
            (BankTransfer, AwaitingPayment, 0, 10_000, true, Ok(PartiallyPaid)),
            (BankTransfer, PartiallyPaid, 10_000, 15_000, true, Ok(Paid)),
            (BankTransfer, PartiallyPaid, 10_000, 5_000, true, Ok(PartiallyPaid)),
            (
                BankTransfer,
                AwaitingPayment,
                0,
                10_000,
                false,
                Err(Refused::NotAll { left: mnt(25_000) }),
            ),
            (
                PayAtPickup,
                AwaitingPayment,
                0,
                25_001,
                false,
                Err(Refused::TooMuch { left: mnt(25_000) }),
            ),
            (
                BankTransfer,
                PartiallyPaid,
                10_000,
                25_000,
                true,
                Err(Refused::TooMuch { left: mnt(15_000) }),
            ),
            (CashOnDelivery, AwaitingPayment, 0, 0, true, Err(Refused::NotAnAmount)),
            (CashOnDelivery, AwaitingPayment, 0, -5, true, Err(Refused::NotAnAmount)),
            (CashOnDelivery, Paid, 25_000, 25_000, false, Err(Refused::AlreadyPaid)),
            (CashOnDelivery, Expired, 0, 25_000, false, Err(Refused::Over)),
            (BankTransfer, Cancelled, 0, 25_000, false, Err(Refused::Over)),
            (Qpay, AwaitingPayment, 0, 25_000, false, Err(Refused::NotOffline)),
        ];
        for (method, state, paid, amount, partial, expected) in cases {
            assert_eq!(
                receive(method, state, mnt(25_000), mnt(paid), amount, partial),
                expected,
                "{method:?} {state:?} {paid} {amount} {partial}"
            );
        }
    }
}
