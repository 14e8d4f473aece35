//! How a refund of one QPay payment is made. QPay's refund API takes no amount and works for card payments only: a
//! bank-app (P2P) payment is already settled and QPay answers `PAYMENT_SETTLED` (SPEC.md §4.3, §10.15). So only the
//! whole of a card payment goes back through QPay; anything else is money the owner returns by bank transfer or in
//! cash and records here as a manual refund, with a note saying how.

/// The longest note kept with a refund.
pub const NOTE_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundWay {
    /// `DELETE /v2/payment/refund/{id}`: the whole card payment.
    Qpay,
    /// Returned by the owner outside QPay and recorded with a note.
    Manual,
}

impl RefundWay {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundWay::Qpay => "qpay",
            RefundWay::Manual => "manual",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RefundRefusal {
    /// Not more than zero, or more than what is left of the payment after earlier refunds.
    #[error("the amount must be from 1 to the {left} left to refund")]
    BadAmount { left: i64 },
    /// A manual refund needs a note: how and where the money went back.
    #[error("a manual refund needs a note")]
    NoteMissing,
    #[error("the note is too long")]
    NoteTooLong,
    /// The order can still be paid (its invoice is open): money refunded now could be paid again and the order
    /// shipped short. Cancel it, or wait until its time to pay is over.
    #[error("the order can still be paid")]
    OrderStillPayable,
    /// The order is over here (expired or cancelled) but QPay has not confirmed its invoice closed (the cancel
    /// failed, or is still on its way): the shopper could still pay it, and money refunded now would be short when
    /// the rest comes. Refunds wait until the cancel has gone through.
    #[error("QPay has not confirmed the order's invoice closed")]
    InvoiceStillOpen,
}

/// What is known about the payment being refunded.
#[derive(Debug, Clone, Copy)]
pub struct RefundablePayment {
    /// Whether QPay recorded it as a card payment (`payment_type` CARD).
    pub card: bool,
    pub amount: i64,
    /// Refunded or being refunded already.
    pub refunded: i64,
    /// QPay refused to refund it before (`PAYMENT_SETTLED`, say): what is left goes back by hand.
    pub qpay_refused: bool,
    /// The order's invoice still takes payments.
    pub order_payable: bool,
    /// QPay has not confirmed the invoice closed (cancelled, or paid in full), whatever the order's state says.
    pub invoice_open: bool,
}

impl RefundablePayment {
    pub fn left(self) -> i64 {
        (self.amount - self.refunded).max(0)
    }

    /// Decides how `amount` of the payment goes back, or why it cannot.
    pub fn decide(self, amount: i64, note: &str) -> Result<RefundWay, RefundRefusal> {
        if self.order_payable {
            return Err(RefundRefusal::OrderStillPayable);
        }
        if self.invoice_open {
            return Err(RefundRefusal::InvoiceStillOpen);
        }
        if amount <= 0 || amount > self.left() {
            return Err(RefundRefusal::BadAmount { left: self.left() });
        }
        if note.chars().count() > NOTE_MAX_CHARS {
            return Err(RefundRefusal::NoteTooLong);
        }
        if self.card && !self.qpay_refused && self.refunded == 0 && amount == self.amount {
            return Ok(RefundWay::Qpay);
        }
        if note.trim().is_empty() {
            return Err(RefundRefusal::NoteMissing);
        }
        Ok(RefundWay::Manual)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: RefundablePayment = RefundablePayment {
        card: true,
        amount: 12_500,
        refunded: 0,
        qpay_refused: false,
        order_payable: false,
        invoice_open: false,
    };
    const P2P: RefundablePayment = RefundablePayment {
        card: false,
        amount: 12_500,
        refunded: 0,
        qpay_refused: false,
        order_payable: false,
        invoice_open: false,
    };

    #[test]
    fn only_a_whole_card_payment_goes_back_through_qpay() {
        assert_eq!(CARD.decide(12_500, ""), Ok(RefundWay::Qpay));
        assert_eq!(CARD.decide(2_500, "one cup broken"), Ok(RefundWay::Manual));
        let after_partial = RefundablePayment {
            refunded: 2_500,
            ..CARD
        };
        assert_eq!(after_partial.decide(10_000, "rest"), Ok(RefundWay::Manual));
        let refused = RefundablePayment {
            qpay_refused: true,
            ..CARD
        };
        assert_eq!(refused.decide(12_500, ""), Err(RefundRefusal::NoteMissing));
        assert_eq!(refused.decide(12_500, "by transfer"), Ok(RefundWay::Manual));
    }

    #[test]
    fn a_bank_app_payment_is_a_manual_refund_with_a_note() {
        assert_eq!(
            P2P.decide(12_500, "returned to Khan Bank 5000..."),
            Ok(RefundWay::Manual)
        );
        assert_eq!(P2P.decide(12_500, "  "), Err(RefundRefusal::NoteMissing));
        assert_eq!(CARD.decide(1, ""), Err(RefundRefusal::NoteMissing));
    }

    #[test]
    fn never_more_than_was_paid() {
        let refused = Err(RefundRefusal::BadAmount { left: 12_500 });
        assert_eq!(P2P.decide(0, "x"), refused);
        assert_eq!(P2P.decide(-5, "x"), refused);
        assert_eq!(P2P.decide(12_501, "x"), refused);
        let done = RefundablePayment {
            refunded: 12_500,
            ..CARD
        };
        assert_eq!(done.decide(1, "x"), Err(RefundRefusal::BadAmount { left: 0 }));
        assert_eq!(done.left(), 0);
    }

    #[test]
    fn nothing_goes_back_while_the_order_can_still_be_paid() {
        let open = RefundablePayment {
            order_payable: true,
            ..P2P
        };
        assert_eq!(open.decide(100, "x"), Err(RefundRefusal::OrderStillPayable));
        // Expired here, but QPay's invoice not yet cancelled: it still takes money.
        let invoice_open = RefundablePayment {
            invoice_open: true,
            ..P2P
        };
        assert_eq!(invoice_open.decide(100, "x"), Err(RefundRefusal::InvoiceStillOpen));
        assert_eq!(
            RefundablePayment {
                invoice_open: true,
                ..CARD
            }
            .decide(12_500, ""),
            Err(RefundRefusal::InvoiceStillOpen)
        );
    }

    #[test]
    fn notes_are_bounded() {
        let long = "я".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(P2P.decide(100, &long), Err(RefundRefusal::NoteTooLong));
        assert_eq!(P2P.decide(100, &long[..NOTE_MAX_CHARS * 2]), Ok(RefundWay::Manual));
    }
}
