//! An order's timeline read back: each line the shop wrote in its payment log (`payment_events`: a kind and a line
//! of detail) as a typed event, amounts as [`Mnt`], states as the domain's, ids and QPay's own words kept apart
//! from what happened, so the owner's page can say each one in the owner's language.
//!
//! The lines are read as their writers write them (each variant names its writer), and old shapes still read. A
//! line that cannot be read (a kind no longer written, a detail of another shape) is kept as stored,
//! [`TimelineEvent::Other`], never an error: the timeline is history, and a page must not fail on an old line.

use super::{
    Fulfilment, Mnt, PaymentState,
    notice::{Channel, Event},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineEvent {
    Qpay(QpayEvent),
    Order(OrderEvent),
    Refund(RefundEvent),
    Message(MessageEvent),
    Ebarimt(EbarimtEvent),
    /// A line the shop cannot read, as stored.
    Other {
        kind: String,
        detail: String,
    },
}

/// The QPay invoice, and what QPay said about its payments (`payment/invoice.rs`, `payment/settle.rs`,
/// `payment/callback.rs`, `payment/outbox.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QpayEvent {
    /// `invoice_created`: QPay made the order's invoice.
    InvoiceCreated { invoice_id: String },
    /// `invoice_unused`: an invoice made for a claim another attempt had taken over; the shopper never saw it.
    InvoiceUnused { invoice_id: String },
    /// `invoice_failed`: no invoice; QPay's error, or why the lines would not make the total.
    InvoiceFailed { why: String },
    /// `invoice_cancelled`: what came of cancelling the invoice of an order that ended.
    InvoiceCancelled(InvoiceCancel),
    /// `callback`: QPay called back, naming a payment (or none).
    Callback { payment_id: String },
    /// `checked`: what QPay says was paid, in whole tögrög as settling counts it and as QPay wrote it, of the total.
    Checked {
        trigger: CheckTrigger,
        paid: Mnt,
        exact: String,
        total: Mnt,
        payments: u32,
    },
    /// `check_failed`: QPay could not be asked.
    CheckFailed { trigger: CheckTrigger, why: String },
    /// `foreign_currency`: a payment QPay lists in another currency, not counted (`amount` with its currency).
    ForeignCurrency { payment_id: String, amount: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceCancel {
    Cancelled,
    /// Cancelled before, or unknown to QPay.
    AlreadyGone,
    /// Paid meanwhile: settling recorded the money instead.
    FoundPaid,
}

/// Why the shop asked QPay (the `trigger` `PaymentService::settle` is called with).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckTrigger {
    Callback,
    /// The shopper's "check now" on the pay page.
    CheckNow,
    Reconciler,
    /// The owner's "Re-check with QPay".
    OwnerRecheck,
    /// QPay refused to cancel the invoice as it was paid.
    CancelFoundPaid,
}

impl CheckTrigger {
    pub const ALL: [CheckTrigger; 5] = [
        CheckTrigger::Callback,
        CheckTrigger::CheckNow,
        CheckTrigger::Reconciler,
        CheckTrigger::OwnerRecheck,
        CheckTrigger::CancelFoundPaid,
    ];

    /// As the payment log writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckTrigger::Callback => "callback",
            CheckTrigger::CheckNow => "check now",
            CheckTrigger::Reconciler => "reconciler",
            CheckTrigger::OwnerRecheck => "admin re-check",
            CheckTrigger::CancelFoundPaid => "invoice paid at cancel",
        }
    }

    pub fn parse(text: &str) -> Option<CheckTrigger> {
        CheckTrigger::ALL.into_iter().find(|trigger| trigger.as_str() == text)
    }
}

/// The order itself: its payment state, its packing and delivery, money the shop took, the owner's requests
/// (`payment/moves.rs`, `admin/service.rs`, `payment/offline.rs`, `checkout/place.rs`, `payment/paid.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderEvent {
    /// `state`: the payment state moved; `why` an unpaid order ended, when the shop ended it.
    StateMoved {
        from: PaymentState,
        to: PaymentState,
        why: Option<EndedBecause>,
    },
    /// `fulfilment`: packed, shipped (with the courier's note), delivered, picked up.
    Fulfilled {
        from: Fulfilment,
        to: Fulfilment,
        courier_note: Option<String>,
    },
    /// `received`: money the shop took itself, with the owner's note (who paid, the transfer's reference).
    Received {
        way: ShopMoney,
        amount: Mnt,
        note: Option<String>,
    },
    /// `made`: an order the owner made, with the discount they gave and why.
    Made { discount: Option<(Mnt, String)> },
    /// `admin`: something the owner asked for whose effect others record (a check, a message, a receipt).
    Asked(OwnerRequest),
    /// `code_used_up`: the order's discount code was used up by orders paid first.
    CodeUsedUp { code: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndedBecause {
    NotPaidInTime,
    NoInvoice,
}

impl EndedBecause {
    /// As the payment log writes it, in brackets after the move.
    pub fn as_str(self) -> &'static str {
        match self {
            EndedBecause::NotPaidInTime => "not paid in time",
            EndedBecause::NoInvoice => "no invoice was made",
        }
    }

    pub fn parse(text: &str) -> Option<EndedBecause> {
        [EndedBecause::NotPaidInTime, EndedBecause::NoInvoice]
            .into_iter()
            .find(|why| why.as_str() == text)
    }
}

/// Money the shop records itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopMoney {
    Cash,
    Transfer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerRequest {
    Recheck,
    EbarimtRetry,
    EbarimtCancel,
    PayLinkBySms,
    /// One of the order's messages sent again.
    Resend(Notice),
}

/// Money going back (`payment/refund.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundEvent {
    /// `refund` by the owner: returned outside QPay (a transfer, cash), with their note.
    ByHand {
        amount: Mnt,
        payment_id: String,
        note: String,
    },
    /// `refund` by the owner: a whole card payment sent to QPay's refund.
    SentToQpay { amount: Mnt, payment_id: String },
    /// `refund` by the owner: QPay did not answer; a re-check learns how it ended.
    Unanswered { why: String },
    /// `refund` by the shop: QPay refunded the card payment (`status`: what QPay's record said, when a check
    /// learned it).
    Done { status: Option<String> },
    /// `refund_failed`: QPay refused, or its record says the payment is still paid.
    Failed { why: String },
    /// `stock`: refunded in full before shipping, so the stock went back.
    StockBack,
}

/// The order's messages (`messaging/notices.rs`, `payment/outbox.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageEvent {
    /// `notice_sent`.
    Sent { notice: Notice, to: String },
    /// `notice_skipped`: nobody to send it to, or no longer wanted (a reminder once paid, a code run out).
    Skipped { notice: Notice },
    /// `notice_refused`: refused for good, not tried again.
    Refused { notice: Notice, to: String, why: String },
    /// `owner_notified`: the owner's webhook took the order (or, without one, the log line was written).
    OwnerNotified,
}

/// What a message is about and how it travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Order(Event, Channel),
    /// The code that finds the order again (by SMS).
    LookupCode,
}

/// E-barimt receipts (`payment/ebarimt.rs`); `lottery` may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EbarimtEvent {
    Issued {
        lottery: String,
    },
    /// `ebarimt_refused` (`ebarimt_failed` in older lines): asked again later.
    Refused {
        why: String,
    },
    /// `ebarimt_unknown`: QPay's answer was lost.
    Unknown {
        why: String,
    },
    Cancelled {
        lottery: String,
    },
    CancelRefused {
        why: String,
    },
}

impl TimelineEvent {
    /// The event a stored line records; [`TimelineEvent::Other`] when its kind is unknown or its detail is not
    /// of the shape its writer writes.
    pub fn read(kind: &str, detail: &str) -> TimelineEvent {
        read::qpay(kind, detail)
            .map(TimelineEvent::Qpay)
            .or_else(|| read::order(kind, detail).map(TimelineEvent::Order))
            .or_else(|| read::refund(kind, detail).map(TimelineEvent::Refund))
            .or_else(|| read::message(kind, detail).map(TimelineEvent::Message))
            .or_else(|| read::ebarimt(kind, detail).map(TimelineEvent::Ebarimt))
            .unwrap_or_else(|| TimelineEvent::Other {
                kind: kind.to_owned(),
                detail: detail.to_owned(),
            })
    }

    /// What became of `notice` when this line records it: `sent`, `skipped` or `refused`.
    pub fn outcome_of(&self, notice: Notice) -> Option<&'static str> {
        match self {
            TimelineEvent::Message(MessageEvent::Sent { notice: about, .. }) if *about == notice => Some("sent"),
            TimelineEvent::Message(MessageEvent::Skipped { notice: about }) if *about == notice => Some("skipped"),
            TimelineEvent::Message(MessageEvent::Refused { notice: about, .. }) if *about == notice => Some("refused"),
            _ => None,
        }
    }
}

mod read;

#[cfg(test)]
mod tests;
