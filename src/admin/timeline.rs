//! An order's timeline in the owner's words: each line the shop recorded, read as a typed event
//! (`domain::timeline`), becomes one sentence in the page's language, with amounts as `7,500₮`, payment states and
//! fulfilment steps by the names the rest of the page gives them, and messages by the names of the order's list of
//! messages. What only the shop or QPay reads (an invoice or payment id, QPay's own figure or answer, a recipient)
//! is kept as the entry's detail, which the page shows smaller beneath the sentence.

use super::{
    TimelineEntry,
    messages::service::{channel_name, label},
    pages::fulfilment_text,
};
use crate::{
    db::timeline::TimelineRow,
    domain::{
        Mnt,
        notice::Channel,
        timeline::{
            CheckTrigger, EbarimtEvent, EndedBecause, InvoiceCancel, MessageEvent, Notice, OrderEvent, OwnerRequest,
            QpayEvent, RefundEvent, ShopMoney, TimelineEvent,
        },
    },
    i18n::Lang,
    payment::state_text,
    ub_time,
};

/// A sentence, and the technical detail beside it when there is one.
type Said = (String, Option<String>);

/// The entry the order's page shows for a timeline row, in `lang`.
pub(super) fn entry(row: TimelineRow, lang: Lang) -> TimelineEntry {
    let (text, detail) = sentence(&row.event, lang);
    TimelineEntry {
        time: ub_time::clock(row.created_at),
        kind: row.kind,
        text,
        detail,
        actor: row.actor,
    }
}

/// What happened, said in `lang`, and its technical detail.
pub(super) fn sentence(event: &TimelineEvent, lang: Lang) -> Said {
    match event {
        TimelineEvent::Qpay(event) => qpay(event, lang),
        TimelineEvent::Order(event) => order(event, lang),
        TimelineEvent::Refund(event) => refund(event, lang),
        TimelineEvent::Message(event) => message(event, lang),
        TimelineEvent::Ebarimt(event) => ebarimt(event, lang),
        TimelineEvent::Other { kind, detail } => {
            let stored = if detail.is_empty() {
                kind.clone()
            } else {
                format!("{kind}: {detail}")
            };
            with(lang.timeline().other, &stored)
        }
    }
}

/// A sentence without detail.
fn plain(text: impl Into<String>) -> Said {
    (text.into(), None)
}

/// A sentence with `detail` beside it, when there is any.
fn with(text: impl Into<String>, detail: &str) -> Said {
    (text.into(), Some(detail.to_owned()).filter(|detail| !detail.is_empty()))
}

fn money(amount: Mnt) -> String {
    amount.to_string()
}

fn qpay(event: &QpayEvent, lang: Lang) -> Said {
    let texts = lang.timeline();
    match event {
        QpayEvent::InvoiceCreated { invoice_id } => with(texts.invoice_created, invoice_id),
        QpayEvent::InvoiceUnused { invoice_id } => with(texts.invoice_unused, invoice_id),
        QpayEvent::InvoiceFailed { why } => with(texts.invoice_failed, why),
        QpayEvent::InvoiceCancelled(how) => plain(match how {
            InvoiceCancel::Cancelled => texts.invoice_cancelled,
            InvoiceCancel::AlreadyGone => texts.invoice_already_gone,
            InvoiceCancel::FoundPaid => texts.invoice_found_paid,
        }),
        QpayEvent::Callback { payment_id } => with(texts.callback, payment_id),
        QpayEvent::Checked {
            trigger,
            paid,
            exact,
            total,
            payments,
        } => {
            let text = texts
                .checked
                .replace("{trigger}", trigger_text(*trigger, lang))
                .replace("{paid}", &money(*paid))
                .replace("{total}", &money(*total))
                .replace("{count}", &payments.to_string());
            // QPay's own figure, fractions included, as it said it.
            with(text, &format!("QPay: {exact}"))
        }
        QpayEvent::CheckFailed { trigger, why } => with(
            texts.check_failed.replace("{trigger}", trigger_text(*trigger, lang)),
            why,
        ),
        QpayEvent::ForeignCurrency { payment_id, amount } => {
            with(texts.foreign_currency, &format!("{payment_id} · {amount}"))
        }
    }
}

fn trigger_text(trigger: CheckTrigger, lang: Lang) -> &'static str {
    let texts = lang.timeline();
    match trigger {
        CheckTrigger::Callback => texts.by_callback,
        CheckTrigger::CheckNow => texts.by_shopper,
        CheckTrigger::Reconciler => texts.by_schedule,
        CheckTrigger::OwnerRecheck => texts.by_owner,
        CheckTrigger::CancelFoundPaid => texts.by_cancel,
    }
}

fn order(event: &OrderEvent, lang: Lang) -> Said {
    let texts = lang.timeline();
    match event {
        OrderEvent::StateMoved { from, to, why } => {
            let text = match why {
                None => texts.state_moved.to_owned(),
                Some(EndedBecause::NotPaidInTime) => texts.state_ended.replace("{why}", texts.not_paid_in_time),
                Some(EndedBecause::NoInvoice) => texts.state_ended.replace("{why}", texts.no_invoice),
            };
            plain(
                text.replace("{from}", state_text(*from, lang))
                    .replace("{to}", state_text(*to, lang)),
            )
        }
        OrderEvent::Fulfilled { from, to, courier_note } => {
            let text = texts
                .fulfilled
                .replace("{from}", fulfilment_text(*from, lang))
                .replace("{to}", fulfilment_text(*to, lang));
            plain(noted(texts.courier, text, courier_note.as_deref()))
        }
        OrderEvent::Received { way, amount, note } => {
            let text = match way {
                ShopMoney::Cash => texts.received_cash,
                ShopMoney::Transfer => texts.received_transfer,
            };
            plain(noted(
                texts.note,
                text.replace("{amount}", &money(*amount)),
                note.as_deref(),
            ))
        }
        OrderEvent::Made { discount: None } => plain(texts.made),
        OrderEvent::Made {
            discount: Some((amount, reason)),
        } => plain(
            texts
                .made_discount
                .replace("{amount}", &money(*amount))
                .replace("{reason}", reason),
        ),
        OrderEvent::Asked(request) => plain(asked(*request, lang)),
        OrderEvent::CodeUsedUp { code } => plain(texts.code_used_up.replace("{code}", code)),
    }
}

/// `text` with the owner's or courier's `note` after it, as `with_note` puts it (`{text} Note: {note}`); the note,
/// someone's own words, goes in last, so nothing in it is taken for a placeholder.
fn noted(with_note: &str, text: String, note: Option<&str>) -> String {
    match note.map(str::trim).filter(|note| !note.is_empty()) {
        Some(note) => with_note.replace("{text}", &text).replace("{note}", note),
        None => text,
    }
}

fn asked(request: OwnerRequest, lang: Lang) -> String {
    let texts = lang.timeline();
    match request {
        OwnerRequest::Recheck => texts.asked_recheck.to_owned(),
        OwnerRequest::EbarimtRetry => texts.asked_ebarimt_retry.to_owned(),
        OwnerRequest::EbarimtCancel => texts.asked_ebarimt_cancel.to_owned(),
        OwnerRequest::PayLinkBySms => texts.asked_pay_link.to_owned(),
        OwnerRequest::Resend(notice) => texts.asked_resend.replace("{message}", &notice_name(notice, lang)),
    }
}

/// A message by the name the order's list of messages gives it (`Paid · SMS`).
fn notice_name(notice: Notice, lang: Lang) -> String {
    let (about, channel) = match notice {
        Notice::Order(event, channel) => (label(event, lang), channel),
        Notice::LookupCode => (lang.timeline().lookup_code, Channel::Sms),
    };
    format!("{about} · {}", channel_name(channel, lang))
}

fn refund(event: &RefundEvent, lang: Lang) -> Said {
    let texts = lang.timeline();
    match event {
        RefundEvent::ByHand {
            amount,
            payment_id,
            note,
        } => {
            let text = texts.refund_by_hand.replace("{amount}", &money(*amount));
            with(noted(texts.note, text, Some(note.as_str())), payment_id)
        }
        RefundEvent::SentToQpay { amount, payment_id } => {
            with(texts.refund_sent.replace("{amount}", &money(*amount)), payment_id)
        }
        RefundEvent::Unanswered { why } => with(texts.refund_unanswered, why),
        RefundEvent::Done { status } => with(texts.refund_done, status.as_deref().unwrap_or_default()),
        RefundEvent::Failed { why } => with(texts.refund_failed, why),
        RefundEvent::StockBack => plain(texts.stock_back),
    }
}

fn message(event: &MessageEvent, lang: Lang) -> Said {
    let texts = lang.timeline();
    let named = |text: &str, notice: &Notice| text.replace("{message}", &notice_name(*notice, lang));
    match event {
        MessageEvent::Sent { notice, to } => with(named(texts.notice_sent, notice), to),
        MessageEvent::Skipped { notice } => plain(named(texts.notice_skipped, notice)),
        MessageEvent::Refused { notice, to, why } => {
            with(named(texts.notice_refused, notice), &format!("{to} · {why}"))
        }
        MessageEvent::OwnerNotified => plain(texts.owner_notified),
    }
}

fn ebarimt(event: &EbarimtEvent, lang: Lang) -> Said {
    let texts = lang.timeline();
    match event {
        EbarimtEvent::Issued { lottery } => with(texts.ebarimt_issued, lottery),
        EbarimtEvent::Refused { why } => with(texts.ebarimt_refused, why),
        EbarimtEvent::Unknown { why } => with(texts.ebarimt_unknown, why),
        EbarimtEvent::Cancelled { lottery } => with(texts.ebarimt_cancelled, lottery),
        EbarimtEvent::CancelRefused { why } => with(texts.ebarimt_cancel_refused, why),
    }
}

#[cfg(test)]
mod tests;
