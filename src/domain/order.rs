//! The order's payment state machine: every allowed move is in [`PaymentState::can_move_to`], and moves only go
//! forward. Money always wins: a payment that arrives after the order expired or was cancelled still makes it paid
//! (the shopper's money is never dropped).

use serde::{Deserialize, Serialize};

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
    fn names_round_trip() {
        for state in PaymentState::ALL {
            assert_eq!(PaymentState::parse(state.as_str()), Some(state));
        }
        assert_eq!(PaymentState::parse("PAID"), None);
    }
}
