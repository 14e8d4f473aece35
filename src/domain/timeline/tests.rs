use super::*;

fn mnt(amount: i64) -> Mnt {
    Mnt::new(amount).unwrap()
}

fn other(kind: &str, detail: &str) -> TimelineEvent {
    TimelineEvent::Other {
        kind: kind.to_owned(),
        detail: detail.to_owned(),
    }
}

/// Every line the shop writes, as its writer writes it (and the older shapes still stored), with what it reads as.
fn written() -> Vec<(&'static str, &'static str, TimelineEvent)> {
    use TimelineEvent::{Ebarimt, Message, Order, Qpay, Refund};
    let invoice = "f1d3ee5b-5ab7-4a0b-bd1c-6e0f1b3c4a55";
    let paid_sms = Notice::Order(Event::Paid, Channel::Sms);
    vec![
        (
            "invoice_created",
            invoice,
            Qpay(QpayEvent::InvoiceCreated {
                invoice_id: invoice.into(),
            }),
        ),
        (
            "invoice_unused",
            invoice,
            Qpay(QpayEvent::InvoiceUnused {
                invoice_id: invoice.into(),
            }),
        ),
        (
            "invoice_failed",
            "QPay did not answer in time",
            Qpay(QpayEvent::InvoiceFailed {
                why: "QPay did not answer in time".into(),
            }),
        ),
        (
            "invoice_cancelled",
            "cancelled",
            Qpay(QpayEvent::InvoiceCancelled(InvoiceCancel::Cancelled)),
        ),
        (
            "invoice_cancelled",
            "already gone",
            Qpay(QpayEvent::InvoiceCancelled(InvoiceCancel::AlreadyGone)),
        ),
        (
            "invoice_cancelled",
            "paid",
            Qpay(QpayEvent::InvoiceCancelled(InvoiceCancel::FoundPaid)),
        ),
        (
            "callback",
            "912213777662361",
            Qpay(QpayEvent::Callback {
                payment_id: "912213777662361".into(),
            }),
        ),
        (
            "callback",
            "",
            Qpay(QpayEvent::Callback {
                payment_id: String::new(),
            }),
        ),
        (
            "checked",
            "callback: QPay says 7500.00 of 7500 paid in 1 payment(s)",
            Qpay(QpayEvent::Checked {
                trigger: CheckTrigger::Callback,
                paid: mnt(7_500),
                exact: "7500.00".into(),
                total: mnt(7_500),
                payments: 1,
            }),
        ),
        (
            "checked",
            "admin re-check: QPay says 12500.50 of 25001 paid in 2 payment(s)",
            Qpay(QpayEvent::Checked {
                trigger: CheckTrigger::OwnerRecheck,
                paid: mnt(12_500),
                exact: "12500.50".into(),
                total: mnt(25_001),
                payments: 2,
            }),
        ),
        (
            "checked",
            "reconciler: QPay says 0 of 25000 paid in 0 payment(s)",
            Qpay(QpayEvent::Checked {
                trigger: CheckTrigger::Reconciler,
                paid: Mnt::ZERO,
                exact: "0".into(),
                total: mnt(25_000),
                payments: 0,
            }),
        ),
        (
            "check_failed",
            "check now: QPay answered HTTP 500: SYSTEM_BUSY",
            Qpay(QpayEvent::CheckFailed {
                trigger: CheckTrigger::CheckNow,
                why: "QPay answered HTTP 500: SYSTEM_BUSY".into(),
            }),
        ),
        (
            "foreign_currency",
            "payment 912213777662361 of 100.00 USD is not in tögrög: not counted",
            Qpay(QpayEvent::ForeignCurrency {
                payment_id: "912213777662361".into(),
                amount: "100.00 USD".into(),
            }),
        ),
        (
            "state",
            "awaiting -> paid",
            Order(OrderEvent::StateMoved {
                from: PaymentState::AwaitingPayment,
                to: PaymentState::Paid,
                why: None,
            }),
        ),
        (
            "state",
            "partially-paid -> expired (not paid in time)",
            Order(OrderEvent::StateMoved {
                from: PaymentState::PartiallyPaid,
                to: PaymentState::Expired,
                why: Some(EndedBecause::NotPaidInTime),
            }),
        ),
        (
            "state",
            "awaiting -> expired (no invoice was made)",
            Order(OrderEvent::StateMoved {
                from: PaymentState::AwaitingPayment,
                to: PaymentState::Expired,
                why: Some(EndedBecause::NoInvoice),
            }),
        ),
        (
            "fulfilment",
            "new -> packed",
            Order(OrderEvent::Fulfilled {
                from: Fulfilment::New,
                to: Fulfilment::Packed,
                courier_note: None,
            }),
        ),
        (
            "fulfilment",
            "packed -> shipped: Бат-Эрдэнэ, 9911 2233, 17-19 цагт",
            Order(OrderEvent::Fulfilled {
                from: Fulfilment::Packed,
                to: Fulfilment::Shipped,
                courier_note: Some("Бат-Эрдэнэ, 9911 2233, 17-19 цагт".into()),
            }),
        ),
        (
            "fulfilment",
            "new -> picked-up",
            Order(OrderEvent::Fulfilled {
                from: Fulfilment::New,
                to: Fulfilment::PickedUp,
                courier_note: None,
            }),
        ),
        (
            "received",
            "cash 7,500₮ received: Болд, гарт",
            Order(OrderEvent::Received {
                way: ShopMoney::Cash,
                amount: mnt(7_500),
                note: Some("Болд, гарт".into()),
            }),
        ),
        (
            "received",
            "transfer 25,000₮ received",
            Order(OrderEvent::Received {
                way: ShopMoney::Transfer,
                amount: mnt(25_000),
                note: None,
            }),
        ),
        ("made", "made by the owner", Order(OrderEvent::Made { discount: None })),
        (
            "made",
            "made by the owner; 2,000₮ off: байнгын үйлчлүүлэгч: ах нь",
            Order(OrderEvent::Made {
                discount: Some((mnt(2_000), "байнгын үйлчлүүлэгч: ах нь".into())),
            }),
        ),
        (
            "admin",
            "re-check with QPay",
            Order(OrderEvent::Asked(OwnerRequest::Recheck)),
        ),
        (
            "admin",
            "issue the e-barimt again",
            Order(OrderEvent::Asked(OwnerRequest::EbarimtRetry)),
        ),
        (
            "admin",
            "cancel the e-barimt",
            Order(OrderEvent::Asked(OwnerRequest::EbarimtCancel)),
        ),
        (
            "admin",
            "send the pay link by SMS",
            Order(OrderEvent::Asked(OwnerRequest::PayLinkBySms)),
        ),
        (
            "admin",
            "send notice:paid:sms again",
            Order(OrderEvent::Asked(OwnerRequest::Resend(paid_sms))),
        ),
        (
            "code_used_up",
            "TSAGAAN10",
            Order(OrderEvent::CodeUsedUp {
                code: "TSAGAAN10".into(),
            }),
        ),
        (
            "refund",
            "5,000₮ of payment 912213777662361 returned outside QPay: Хаан банк: 5000****",
            Refund(RefundEvent::ByHand {
                amount: mnt(5_000),
                payment_id: "912213777662361".into(),
                note: "Хаан банк: 5000****".into(),
            }),
        ),
        (
            "refund",
            "25,000₮ of card payment 3f2b-card sent to QPay for refund",
            Refund(RefundEvent::SentToQpay {
                amount: mnt(25_000),
                payment_id: "3f2b-card".into(),
            }),
        ),
        (
            "refund",
            "QPay did not answer the refund (timed out (after 1s)): re-check to see how it ended",
            Refund(RefundEvent::Unanswered {
                why: "timed out (after 1s)".into(),
            }),
        ),
        (
            "refund",
            "QPay refunded the card payment",
            Refund(RefundEvent::Done { status: None }),
        ),
        (
            "refund",
            "QPay says the payment is REFUNDED",
            Refund(RefundEvent::Done {
                status: Some("REFUNDED".into()),
            }),
        ),
        (
            "refund",
            "re-check: QPay says the payment is REFUNDED",
            Refund(RefundEvent::Done {
                status: Some("REFUNDED".into()),
            }),
        ),
        (
            "refund_failed",
            "QPay refused the refund: PAYMENT_SETTLED",
            Refund(RefundEvent::Failed {
                why: "PAYMENT_SETTLED".into(),
            }),
        ),
        (
            "refund_failed",
            "QPay says the payment is PAID",
            Refund(RefundEvent::Failed { why: "PAID".into() }),
        ),
        (
            "stock",
            "refunded in full before shipping: stock back",
            Refund(RefundEvent::StockBack),
        ),
        ("owner_notified", "", Message(MessageEvent::OwnerNotified)),
        (
            "notice_sent",
            "paid sms to 99112233",
            Message(MessageEvent::Sent {
                notice: paid_sms,
                to: "99112233".into(),
            }),
        ),
        (
            "notice_sent",
            "new-paid-order email to owner@shop.mn",
            Message(MessageEvent::Sent {
                notice: Notice::Order(Event::NewPaidOrder, Channel::Email),
                to: "owner@shop.mn".into(),
            }),
        ),
        (
            "notice_sent",
            "lookup-code sms to 99112233",
            Message(MessageEvent::Sent {
                notice: Notice::LookupCode,
                to: "99112233".into(),
            }),
        ),
        (
            "notice_skipped",
            "reminder sms",
            Message(MessageEvent::Skipped {
                notice: Notice::Order(Event::Reminder, Channel::Sms),
            }),
        ),
        (
            "notice_skipped",
            "lookup-code sms",
            Message(MessageEvent::Skipped {
                notice: Notice::LookupCode,
            }),
        ),
        (
            "notice_refused",
            "placed sms to 99112233: 422 cannot send: number blocked",
            Message(MessageEvent::Refused {
                notice: Notice::Order(Event::Placed, Channel::Sms),
                to: "99112233".into(),
                why: "422 cannot send: number blocked".into(),
            }),
        ),
        (
            "ebarimt_issued",
            "AB 12345678",
            Ebarimt(EbarimtEvent::Issued {
                lottery: "AB 12345678".into(),
            }),
        ),
        (
            "ebarimt_refused",
            "BAD_TIN",
            Ebarimt(EbarimtEvent::Refused { why: "BAD_TIN".into() }),
        ),
        (
            "ebarimt_failed",
            "QPay refused",
            Ebarimt(EbarimtEvent::Refused {
                why: "QPay refused".into(),
            }),
        ),
        (
            "ebarimt_unknown",
            "timed out",
            Ebarimt(EbarimtEvent::Unknown {
                why: "timed out".into(),
            }),
        ),
        (
            "ebarimt_cancelled",
            "",
            Ebarimt(EbarimtEvent::Cancelled { lottery: String::new() }),
        ),
        (
            "ebarimt_cancel_refused",
            "BARIMT_LOCKED",
            Ebarimt(EbarimtEvent::CancelRefused {
                why: "BARIMT_LOCKED".into(),
            }),
        ),
    ]
}

#[test]
fn every_line_the_shop_writes_reads_as_its_event() {
    for (kind, detail, event) in written() {
        assert_eq!(TimelineEvent::read(kind, detail), event, "{kind}: {detail:?}");
    }
}

#[test]
fn a_line_of_another_shape_is_kept_as_stored_never_guessed() {
    let unreadable = [
        ("paid_by_pigeon", "a kind the shop never wrote"),
        ("", ""),
        ("state", "awaiting -> shipped"),
        ("state", "awaiting -> expired (the moon was full)"),
        ("state", "awaiting paid"),
        ("fulfilment", "new -> lost"),
        ("checked", "callback: QPay says lots of 7500 paid in 1 payment(s)"),
        ("checked", "pigeon: QPay says 7500.00 of 7500 paid in 1 payment(s)"),
        ("checked", "callback: QPay says -5 of 7500 paid in 1 payment(s)"),
        ("check_failed", "no trigger here"),
        ("invoice_cancelled", "maybe"),
        ("received", "cheque 7,500₮ received"),
        ("received", "cash seven received"),
        ("made", "made by a stranger"),
        ("admin", "paint the shop"),
        ("admin", "send notice:pigeon:sms again"),
        ("refund", "refunded somehow"),
        ("refund", "5,000₮ of payment 1 returned by owl"),
        ("refund_failed", "it went wrong"),
        ("stock", "stock counted"),
        ("notice_sent", "paid pigeon to 99112233"),
        ("notice_sent", "paid sms"),
        ("notice_skipped", "paid sms to 99112233"),
        ("notice_refused", "paid sms to 99112233"),
        ("notice_sent", "lookup-code email to a@b.mn"),
    ];
    for (kind, detail) in unreadable {
        assert_eq!(
            TimelineEvent::read(kind, detail),
            other(kind, detail),
            "{kind}: {detail:?}"
        );
    }
}

#[test]
fn a_messages_outcome_is_read_from_its_own_lines_only() {
    let paid_sms = Notice::Order(Event::Paid, Channel::Sms);
    let cases = [
        ("notice_sent", "paid sms to 99112233", Some("sent")),
        ("notice_skipped", "paid sms", Some("skipped")),
        ("notice_refused", "paid sms to 99112233: blocked", Some("refused")),
        ("notice_sent", "paid email to a@b.mn", None),
        ("notice_sent", "placed sms to 99112233", None),
        ("state", "awaiting -> paid", None),
        ("paid sms", "paid sms", None),
    ];
    for (kind, detail, outcome) in cases {
        assert_eq!(
            TimelineEvent::read(kind, detail).outcome_of(paid_sms),
            outcome,
            "{kind}: {detail}"
        );
    }
}

#[test]
fn a_check_trigger_and_an_end_read_as_they_are_written() {
    for trigger in CheckTrigger::ALL {
        assert_eq!(CheckTrigger::parse(trigger.as_str()), Some(trigger));
    }
    for why in [EndedBecause::NotPaidInTime, EndedBecause::NoInvoice] {
        assert_eq!(EndedBecause::parse(why.as_str()), Some(why));
    }
    assert_eq!(CheckTrigger::parse("Callback"), None);
}
