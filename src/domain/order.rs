//! The order's payment state machine: every allowed move is in [`PaymentState::can_move_to`], and moves only go
//! forward. Money always wins: a payment that arrives after the order expired or was cancelled still makes it paid
//! (the shopper's money is never dropped).

use serde::{Deserialize, Serialize};

/// The characters of an order's view key (letters and digits: 95 bits). Short enough that the pay link, the order's
/// facts and the shop's name fit a text's two segments (`notice.rs`); orders placed before carry 32.
pub const VIEW_KEY_CHARS: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentState {
    /// Placed, stock reserved, waiting for QPay.
    AwaitingPayment,
    /// QPay confirmed part of the total (invoices that allow partial payment).
    PartiallyPaid,
    /// QPay confirmed the whole total.
    Paid,
    /// The invoice's time ran out unpaid; the stock went back.
    Expired,
    /// Cancelled before payment by the shop or the shopper.
    Cancelled,
}

impl PaymentState {
    pub const ALL: [PaymentState; 5] = [
        PaymentState::AwaitingPayment,
        PaymentState::PartiallyPaid,
        PaymentState::Paid,
        PaymentState::Expired,
        PaymentState::Cancelled,
    ];

    /// The name stored in the database and used in `data-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentState::AwaitingPayment => "awaiting",
            PaymentState::PartiallyPaid => "partially-paid",
            PaymentState::Paid => "paid",
            PaymentState::Expired => "expired",
            PaymentState::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentState> {
        PaymentState::ALL.into_iter().find(|state| state.as_str() == text)
    }

    /// Whether the order may move from `self` to `next`.
    pub fn can_move_to(self, next: PaymentState) -> bool {
        use PaymentState::*;
        matches!(
            (self, next),
            (AwaitingPayment, PartiallyPaid | Paid | Expired | Cancelled)
                | (PartiallyPaid, Paid | Expired | Cancelled)
                // Late money: a payment confirmed after expiry or cancellation is still the shopper's payment.
                | (Expired | Cancelled, PartiallyPaid | Paid)
        )
    }

    /// Whether QPay can still take a payment for this order's invoice.
    pub fn is_payable(self) -> bool {
        matches!(self, PaymentState::AwaitingPayment | PaymentState::PartiallyPaid)
    }

    /// Where a check with QPay takes the order: `known_paid` is what we had recorded, `paid` what QPay says now
    /// (whole tögrög), `covers_total` whether what QPay says was paid covers the total, `invoice_over` whether the
    /// invoice's time to pay has passed.
    ///
    /// The whole total makes it paid, whatever it was (money always wins). Otherwise a payable order whose time is
    /// over expires, even with part paid (the owner is told to refund). Part of the total, newly, makes an awaiting
    /// order partially paid. Part paid after expiry or cancellation leaves the state alone (the owner is told).
    pub fn after_check(self, known_paid: i64, paid: i64, covers_total: bool, invoice_over: bool) -> PaymentState {
        use PaymentState::*;
        if covers_total && (self == Paid || self.can_move_to(Paid)) {
            Paid
        } else if self.is_payable() && invoice_over {
            Expired
        } else if self == AwaitingPayment && paid > known_paid && paid > 0 {
            PartiallyPaid
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PaymentState::{self, *};

    #[test]
    fn moves_are_exactly_the_allowed_table() {
        let allowed = [
            (AwaitingPayment, PartiallyPaid),
            (AwaitingPayment, Paid),
            (AwaitingPayment, Expired),
            (AwaitingPayment, Cancelled),
            (PartiallyPaid, Paid),
            (PartiallyPaid, Expired),
            (PartiallyPaid, Cancelled),
            (Expired, PartiallyPaid),
            (Expired, Paid),
            (Cancelled, PartiallyPaid),
            (Cancelled, Paid),
        ];
        for from in PaymentState::ALL {
            for to in PaymentState::ALL {
                assert_eq!(
                    from.can_move_to(to),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn paid_is_final_and_nothing_moves_to_awaiting() {
        assert!(PaymentState::ALL.iter().all(|&to| !Paid.can_move_to(to)));
        assert!(PaymentState::ALL.iter().all(|&from| !from.can_move_to(AwaitingPayment)));
    }

    #[test]
    fn a_check_moves_the_order_where_the_money_says() {
        // (from, known paid, paid now, invoice over) -> to, for a total of 100.
        let cases = [
            (AwaitingPayment, 0, 0, false, AwaitingPayment),
            (AwaitingPayment, 0, 100, false, Paid),
            (AwaitingPayment, 0, 120, true, Paid),
            (AwaitingPayment, 0, 40, false, PartiallyPaid),
            (AwaitingPayment, 0, 0, true, Expired),
            (AwaitingPayment, 0, 40, true, Expired),
            (PartiallyPaid, 40, 70, false, PartiallyPaid),
            (PartiallyPaid, 40, 100, false, Paid),
            (PartiallyPaid, 40, 40, true, Expired),
            (Expired, 0, 100, false, Paid),
            (Expired, 0, 40, false, Expired),
            (Expired, 40, 60, true, Expired),
            (Cancelled, 0, 100, true, Paid),
            (Paid, 100, 100, true, Paid),
            (Paid, 100, 0, false, Paid),
        ];
        for (from, known, paid, over, to) in cases {
            assert_eq!(
                from.after_check(known, paid, paid >= 100, over),
                to,
                "{from:?} {known} {paid} {over}"
            );
        }
    }

    #[test]
    fn names_round_trip() {
        for state in PaymentState::ALL {
            assert_eq!(PaymentState::parse(state.as_str()), Some(state));
        }
        assert_eq!(PaymentState::parse("PAID"), None);
    }
}
