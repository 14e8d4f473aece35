//! Reading the lines back, kind by kind, in the shapes their writers write (and wrote): `None` for anything else,
//! which `TimelineEvent::read` keeps as stored.

use super::{
    CheckTrigger, EbarimtEvent, EndedBecause, InvoiceCancel, MessageEvent, Notice, OrderEvent, OwnerRequest, QpayEvent,
    RefundEvent, ShopMoney,
};
use crate::domain::{
    Fulfilment, Mnt, PaymentState,
    notice::{Channel, Event},
};

pub(super) fn qpay(kind: &str, detail: &str) -> Option<QpayEvent> {
    let text = || detail.to_owned();
    Some(match kind {
        "invoice_created" => QpayEvent::InvoiceCreated { invoice_id: text() },
        "invoice_unused" => QpayEvent::InvoiceUnused { invoice_id: text() },
        "invoice_failed" => QpayEvent::InvoiceFailed { why: text() },
        "invoice_cancelled" => QpayEvent::InvoiceCancelled(match detail {
            "cancelled" => InvoiceCancel::Cancelled,
            "already gone" => InvoiceCancel::AlreadyGone,
            "paid" => InvoiceCancel::FoundPaid,
            _ => return None,
        }),
        "callback" => QpayEvent::Callback { payment_id: text() },
        "checked" => read_check(detail)?,
        "check_failed" => {
            let (trigger, why) = detail.split_once(": ")?;
            QpayEvent::CheckFailed {
                trigger: CheckTrigger::parse(trigger)?,
                why: why.to_owned(),
            }
        }
        "foreign_currency" => {
            let rest = detail
                .strip_prefix("payment ")?
                .strip_suffix(" is not in tögrög: not counted")?;
            let (payment_id, amount) = rest.split_once(" of ")?;
            QpayEvent::ForeignCurrency {
                payment_id: payment_id.to_owned(),
                amount: amount.to_owned(),
            }
        }
        _ => return None,
    })
}

/// `{trigger}: QPay says {exact} of {total} paid in {n} payment(s)`.
fn read_check(detail: &str) -> Option<QpayEvent> {
    let (trigger, said) = detail.split_once(": QPay says ")?;
    let (exact, rest) = said.split_once(" of ")?;
    let (total, count) = rest.split_once(" paid in ")?;
    Some(QpayEvent::Checked {
        trigger: CheckTrigger::parse(trigger)?,
        paid: whole(exact)?,
        exact: exact.to_owned(),
        total: Mnt::new(total.parse().ok()?).ok()?,
        payments: count.strip_suffix(" payment(s)")?.parse().ok()?,
    })
}

/// The whole tögrög of an amount as QPay writes it (`7500.00`), rounded down as settling counts it.
fn whole(exact: &str) -> Option<Mnt> {
    let (units, fraction) = exact.split_once('.').unwrap_or((exact, ""));
    if !units.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Mnt::new(units.parse().ok()?).ok()
}

pub(super) fn order(kind: &str, detail: &str) -> Option<OrderEvent> {
    Some(match kind {
        "state" => read_state(detail)?,
        "fulfilment" => {
            let (from, rest) = detail.split_once(" -> ")?;
            let (to, note) = match rest.split_once(": ") {
                Some((to, note)) => (to, Some(note.to_owned())),
                None => (rest, None),
            };
            OrderEvent::Fulfilled {
                from: Fulfilment::parse(from)?,
                to: Fulfilment::parse(to)?,
                courier_note: note,
            }
        }
        "received" => read_received(detail)?,
        "made" => read_made(detail)?,
        "admin" => OrderEvent::Asked(read_request(detail)?),
        "code_used_up" => OrderEvent::CodeUsedUp {
            code: detail.to_owned(),
        },
        _ => return None,
    })
}

/// `{from} -> {to}`, with ` ({why})` after it when the shop ended an unpaid order.
fn read_state(detail: &str) -> Option<OrderEvent> {
    let (from, rest) = detail.split_once(" -> ")?;
    let (to, why) = match rest.split_once(" (") {
        Some((to, why)) => (to, Some(EndedBecause::parse(why.strip_suffix(')')?)?)),
        None => (rest, None),
    };
    Some(OrderEvent::StateMoved {
        from: PaymentState::parse(from)?,
        to: PaymentState::parse(to)?,
        why,
    })
}

/// `{cash|transfer} {amount} received`, with `: {note}` after it when the owner wrote one.
fn read_received(detail: &str) -> Option<OrderEvent> {
    let (way, rest) = detail.split_once(' ')?;
    let way = match way {
        "cash" => ShopMoney::Cash,
        "transfer" => ShopMoney::Transfer,
        _ => return None,
    };
    let (amount, rest) = rest.split_once(" received")?;
    let note = match rest.strip_prefix(": ") {
        Some(note) => Some(note.to_owned()),
        None if rest.is_empty() => None,
        None => return None,
    };
    Some(OrderEvent::Received {
        way,
        amount: Mnt::parse_input(amount)?,
        note,
    })
}

/// `made by the owner`, with `; {discount} off: {reason}` after it when they gave one.
fn read_made(detail: &str) -> Option<OrderEvent> {
    let rest = detail.strip_prefix("made by the owner")?;
    let discount = match rest.strip_prefix("; ") {
        Some(terms) => {
            let (amount, reason) = terms.split_once(" off: ")?;
            Some((Mnt::parse_input(amount)?, reason.to_owned()))
        }
        None if rest.is_empty() => None,
        None => return None,
    };
    Some(OrderEvent::Made { discount })
}

/// The owner's requests as `admin/service.rs`, `admin/draft/service.rs` and `admin/messages.rs` write them; a
/// message sent again by its outbox key (`send notice:paid:sms again`).
fn read_request(detail: &str) -> Option<OwnerRequest> {
    Some(match detail {
        "re-check with QPay" => OwnerRequest::Recheck,
        "issue the e-barimt again" => OwnerRequest::EbarimtRetry,
        "cancel the e-barimt" => OwnerRequest::EbarimtCancel,
        "send the pay link by SMS" => OwnerRequest::PayLinkBySms,
        _ => {
            let key = detail.strip_prefix("send notice:")?.strip_suffix(" again")?;
            let (event, channel) = key.split_once(':')?;
            OwnerRequest::Resend(Notice::Order(Event::parse(event)?, Channel::parse(channel)?))
        }
    })
}

pub(super) fn refund(kind: &str, detail: &str) -> Option<RefundEvent> {
    match kind {
        "refund" => read_refund_line(detail),
        "refund_failed" => {
            let why = detail
                .strip_prefix("QPay refused the refund: ")
                .or_else(|| qpay_status(detail))?;
            Some(RefundEvent::Failed { why: why.to_owned() })
        }
        "stock" => (detail == "refunded in full before shipping: stock back").then_some(RefundEvent::StockBack),
        _ => None,
    }
}

/// A `refund` line: the owner's refund by hand or through QPay, or how QPay's ended.
fn read_refund_line(detail: &str) -> Option<RefundEvent> {
    if detail == "QPay refunded the card payment" {
        return Some(RefundEvent::Done { status: None });
    }
    if let Some(status) = qpay_status(detail) {
        return Some(RefundEvent::Done {
            status: Some(status.to_owned()),
        });
    }
    if let Some(rest) = detail.strip_prefix("QPay did not answer the refund (") {
        let why = rest.strip_suffix("): re-check to see how it ended")?;
        return Some(RefundEvent::Unanswered { why: why.to_owned() });
    }
    let (amount, rest) = detail.split_once(" of ")?;
    let amount = Mnt::parse_input(amount)?;
    if let Some(rest) = rest.strip_prefix("card payment ") {
        let payment_id = rest.strip_suffix(" sent to QPay for refund")?;
        return Some(RefundEvent::SentToQpay {
            amount,
            payment_id: payment_id.to_owned(),
        });
    }
    let (payment_id, note) = rest.strip_prefix("payment ")?.split_once(" returned outside QPay: ")?;
    Some(RefundEvent::ByHand {
        amount,
        payment_id: payment_id.to_owned(),
        note: note.to_owned(),
    })
}

/// The status in `QPay says the payment is {STATUS}` (with `re-check: ` before it in older lines).
fn qpay_status(detail: &str) -> Option<&str> {
    let said = detail.strip_prefix("re-check: ").unwrap_or(detail);
    said.strip_prefix("QPay says the payment is ")
}

pub(super) fn message(kind: &str, detail: &str) -> Option<MessageEvent> {
    match kind {
        "owner_notified" => Some(MessageEvent::OwnerNotified),
        "notice_skipped" => {
            let (notice, rest) = read_notice(detail)?;
            rest.is_empty().then_some(MessageEvent::Skipped { notice })
        }
        "notice_sent" => {
            let (notice, rest) = read_notice(detail)?;
            let to = rest.strip_prefix(" to ")?.to_owned();
            Some(MessageEvent::Sent { notice, to })
        }
        "notice_refused" => {
            let (notice, rest) = read_notice(detail)?;
            let (to, why) = rest.strip_prefix(" to ")?.split_once(": ")?;
            Some(MessageEvent::Refused {
                notice,
                to: to.to_owned(),
                why: why.to_owned(),
            })
        }
        _ => None,
    }
}

/// `{event} {channel}` at the start of a message's line (`paid sms`, `lookup-code sms`), and what follows.
fn read_notice(detail: &str) -> Option<(Notice, &str)> {
    let (event, rest) = detail.split_once(' ')?;
    let (channel, rest) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
    let channel = Channel::parse(channel)?;
    let notice = match Event::parse(event) {
        Some(event) => Notice::Order(event, channel),
        None if event == "lookup-code" && channel == Channel::Sms => Notice::LookupCode,
        None => return None,
    };
    Some((notice, rest))
}

pub(super) fn ebarimt(kind: &str, detail: &str) -> Option<EbarimtEvent> {
    let text = detail.to_owned();
    Some(match kind {
        "ebarimt_issued" => EbarimtEvent::Issued { lottery: text },
        "ebarimt_refused" | "ebarimt_failed" => EbarimtEvent::Refused { why: text },
        "ebarimt_unknown" => EbarimtEvent::Unknown { why: text },
        "ebarimt_cancelled" => EbarimtEvent::Cancelled { lottery: text },
        "ebarimt_cancel_refused" => EbarimtEvent::CancelRefused { why: text },
        _ => return None,
    })
}
