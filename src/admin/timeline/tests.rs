use super::*;

/// Whether `text` has a machine word such as `invoice_created`: a lower-case letter on each side of an underscore
/// (`[a-z]+_[a-z]+`; QPay's `SYSTEM_BUSY` is a code, quoted as QPay says it, and only ever in the detail).
fn has_snake_case(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_lowercase() && w[1] == '_' && w[2].is_ascii_lowercase())
}

fn said(kind: &str, detail: &str, lang: Lang) -> Said {
    sentence(&TimelineEvent::read(kind, detail), lang)
}

/// (kind, detail) as stored → the sentence in Mongolian, in English, and the detail beside it.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const CASES: [Case; 11] = [
    (
        "state",
        "awaiting -> paid",
        "Төлбөрийн төлөв: Төлбөр хүлээгдэж байна → Төлөгдсөн.",
        "Payment: Awaiting payment → Paid.",
        None,
    ),
    (
        "checked",
        "callback: QPay says 7500.00 of 7500 paid in 1 payment(s)",
        "QPay-ээс шалгав (QPay-ийн мэдэгдлээр): нийт 7,500₮, төлөгдсөн 7,500₮, төлбөрийн тоо 1.",
        "Checked with QPay (on QPay's callback): 7,500₮ of 7,500₮ paid, in 1 payment(s).",
        Some("QPay: 7500.00"),
    ),
    (
        "invoice_created",
        "f1d3ee5b-5ab7",
        "QPay нэхэмжлэл үүслээ.",
        "The QPay invoice was made.",
        Some("f1d3ee5b-5ab7"),
    ),
    (
        "callback",
        "912213777662361",
        "QPay төлбөрийн мэдэгдэл илгээлээ.",
        "QPay called back about a payment.",
        Some("912213777662361"),
    ),
    (
        "owner_notified",
        "",
        "Шинэ захиалгын тухай эзэнд мэдэгдлээ.",
        "The owner was told of the order.",
        None,
    ),
    (
        "fulfilment",
        "packed -> shipped: Бат, 17-19 цагт",
        "Хүргэлт: Савласан → Илгээсэн. Хүргэгч: Бат, 17-19 цагт",
        "Fulfilment: Packed → Shipped. Courier: Бат, 17-19 цагт",
        None,
    ),
    (
        "refund",
        "5,000₮ of payment 912213777662361 returned outside QPay: Хаан банк",
        "5,000₮ QPay-ээс гадуур, гараар буцаалаа. Тэмдэглэл: Хаан банк",
        "5,000₮ returned by hand, outside QPay. Note: Хаан банк",
        Some("912213777662361"),
    ),
    (
        "notice_sent",
        "paid sms to 99112233",
        "Мессеж илгээлээ: Төлөгдсөн · SMS.",
        "Message sent: Paid · SMS.",
        Some("99112233"),
    ),
    (
        "received",
        "cash 7,500₮ received",
        "Бэлнээр 7,500₮ хүлээн авлаа.",
        "7,500₮ received in cash.",
        None,
    ),
    (
        "admin",
        "send notice:paid:sms again",
        "Мессежийг дахин илгээхээр хүслээ: Төлөгдсөн · SMS.",
        "Asked to send a message again: Paid · SMS.",
        None,
    ),
    // A line the shop cannot read: a sentence all the same, the line as stored beside it.
    (
        "paid_by_pigeon",
        "coo",
        "Бусад үйл явдал.",
        "Another event.",
        Some("paid_by_pigeon: coo"),
    ),
];

#[test]
fn each_entry_is_a_sentence_in_the_pages_language_with_its_ids_beside_it() {
    for (kind, detail, mn, en, beside) in CASES {
        let beside = beside.map(str::to_owned);
        assert_eq!(
            said(kind, detail, Lang::Mn),
            (mn.to_owned(), beside.clone()),
            "{kind}: {detail}"
        );
        assert_eq!(
            said(kind, detail, Lang::En),
            (en.to_owned(), beside),
            "{kind}: {detail}"
        );
    }
}

/// One line of every kind and shape the shop writes (`domain/timeline/tests.rs` holds what each reads as).
const WRITTEN: [(&str, &str); 44] = [
    ("invoice_created", "f1d3ee5b-5ab7-4a0b-bd1c-6e0f1b3c4a55"),
    ("invoice_unused", "f1d3ee5b-5ab7-4a0b-bd1c-6e0f1b3c4a55"),
    ("invoice_failed", "QPay did not answer in time"),
    ("invoice_cancelled", "cancelled"),
    ("invoice_cancelled", "already gone"),
    ("invoice_cancelled", "paid"),
    ("callback", ""),
    (
        "checked",
        "admin re-check: QPay says 12500.50 of 25001 paid in 2 payment(s)",
    ),
    ("checked", "check now: QPay says 0 of 25000 paid in 0 payment(s)"),
    ("checked", "reconciler: QPay says 0 of 25000 paid in 0 payment(s)"),
    (
        "checked",
        "invoice paid at cancel: QPay says 25000.00 of 25000 paid in 1 payment(s)",
    ),
    ("check_failed", "reconciler: QPay answered HTTP 500: SYSTEM_BUSY"),
    (
        "foreign_currency",
        "payment 912213777662361 of 100.00 USD is not in tögrög: not counted",
    ),
    ("state", "partially-paid -> expired (not paid in time)"),
    ("state", "awaiting -> expired (no invoice was made)"),
    ("state", "awaiting -> cancelled"),
    ("state", "expired -> partially-paid"),
    ("fulfilment", "new -> packed"),
    ("fulfilment", "shipped -> delivered"),
    ("fulfilment", "new -> picked-up"),
    ("received", "transfer 25,000₮ received: Khan 5000123456"),
    ("made", "made by the owner"),
    ("made", "made by the owner; 2,000₮ off: regular customer"),
    ("admin", "re-check with QPay"),
    ("admin", "issue the e-barimt again"),
    ("admin", "cancel the e-barimt"),
    ("admin", "send the pay link by SMS"),
    ("code_used_up", "TSAGAAN10"),
    ("refund", "25,000₮ of card payment 3f2b sent to QPay for refund"),
    (
        "refund",
        "QPay did not answer the refund (timed out): re-check to see how it ended",
    ),
    ("refund", "QPay refunded the card payment"),
    ("refund", "QPay says the payment is REFUNDED"),
    ("refund_failed", "QPay refused the refund: PAYMENT_SETTLED"),
    ("stock", "refunded in full before shipping: stock back"),
    ("notice_sent", "new-paid-order email to owner@shop.mn"),
    ("notice_sent", "lookup-code sms to 99112233"),
    ("notice_skipped", "reminder sms"),
    ("notice_refused", "placed sms to 99112233: number blocked"),
    ("ebarimt_issued", "AB 12345678"),
    ("ebarimt_refused", "BAD_TIN"),
    ("ebarimt_unknown", "the process asking for it stopped"),
    ("ebarimt_cancelled", "AB 12345678"),
    ("ebarimt_cancel_refused", "BARIMT_LOCKED"),
    ("ebarimt_failed", "QPay refused"),
];

#[test]
fn no_sentence_has_a_machine_word_or_a_blank_left_in_either_language() {
    for (kind, detail) in WRITTEN {
        let event = TimelineEvent::read(kind, detail);
        assert!(
            !matches!(event, TimelineEvent::Other { .. }),
            "{kind}: {detail} is read"
        );
        let (mn, _) = sentence(&event, Lang::Mn);
        let (en, _) = sentence(&event, Lang::En);
        for text in [&mn, &en] {
            assert!(!text.trim().is_empty(), "{kind}: {detail}");
            assert!(!has_snake_case(text), "a machine word in {text:?}");
            assert!(!text.contains('{') && !text.contains('}'), "a blank left in {text:?}");
        }
        assert!(
            mn.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
            "Mongolian: {mn:?}"
        );
        assert_ne!(mn, en, "{kind}: {detail}");
    }
}

#[test]
fn the_machine_word_check_sees_one() {
    assert!(has_snake_case("invoice_created"));
    assert!(has_snake_case("state awaiting -> paid, then owner_notified"));
    assert!(!has_snake_case("QPay refused the refund: PAYMENT_SETTLED"));
    assert!(!has_snake_case("Payment: Awaiting payment → Paid."));
    assert!(!has_snake_case("_leading and trailing_"));
}
