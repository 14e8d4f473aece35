//! Messages to the shopper and the owner at the steps of an order: which event sends one, to whom, by
//! which channel, and its text in the order's language. An SMS is sized for Cyrillic: Mongolian needs UCS-2, 70
//! characters in one segment, 67 in each of a longer one's, and a text here is at most two segments; a free part
//! (the courier's note, a reason) is shortened to fit, never the order number, amount or link.

use super::Mnt;
use crate::i18n::Lang;

/// What happened to the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// To the shopper, with the pay link.
    Placed,
    Paid,
    Shipped,
    Delivered,
    ReadyForPickup,
    /// Unpaid, shortly before the invoice runs out.
    Reminder,
    Expired,
    Refunded,
    /// To the owner.
    NewPaidOrder,
    /// To the owner: an order to be paid in cash, at pickup or by transfer was placed: it waits for the
    /// shop, not for QPay, and expires unseen otherwise.
    NewOfflineOrder,
    NeedsAttention,
    ReceiptFailed,
    RefundFailed,
}

impl Event {
    pub const ALL: [Event; 13] = [
        Event::Placed,
        Event::Paid,
        Event::Shipped,
        Event::Delivered,
        Event::ReadyForPickup,
        Event::Reminder,
        Event::Expired,
        Event::Refunded,
        Event::NewPaidOrder,
        Event::NewOfflineOrder,
        Event::NeedsAttention,
        Event::ReceiptFailed,
        Event::RefundFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::Placed => "placed",
            Event::Paid => "paid",
            Event::Shipped => "shipped",
            Event::Delivered => "delivered",
            Event::ReadyForPickup => "ready-for-pickup",
            Event::Reminder => "reminder",
            Event::Expired => "expired",
            Event::Refunded => "refunded",
            Event::NewPaidOrder => "new-paid-order",
            Event::NewOfflineOrder => "new-offline-order",
            Event::NeedsAttention => "needs-attention",
            Event::ReceiptFailed => "receipt-failed",
            Event::RefundFailed => "refund-failed",
        }
    }

    pub fn parse(text: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|event| event.as_str() == text)
    }

    /// Whom the event is told to.
    pub fn audience(self) -> Audience {
        match self {
            Event::NewPaidOrder
            | Event::NewOfflineOrder
            | Event::NeedsAttention
            | Event::ReceiptFailed
            | Event::RefundFailed => Audience::Owner,
            _ => Audience::Shopper,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Shopper,
    Owner,
}

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        [Channel::Sms, Channel::Email].into_iter().find(|c| c.as_str() == text)
    }
}

/// What an order's texts are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    /// The shop's short name (`ShopIdentity::short`): every text to a shopper starts with it.
    pub shop: &'a str,
    pub order_no: &'a str,
    pub total: Mnt,
    /// The order's page with its view key, in its short form (`/o/{order_no}/{key}`): the pay link.
    pub link: &'a str,
    /// The courier's note, the pickup point, the reason the order needs the owner, or the shopper's name and phone:
    /// the part shortened when the text is too long.
    pub detail: &'a str,
    /// Refunded, for `Refunded`.
    pub amount: Mnt,
    /// Minutes left to pay, for `Reminder`.
    pub minutes: i64,
}

/// At most this many SMS segments per text.
pub const MAX_SEGMENTS: usize = 2;

/// The SMS for `event`, in `lang`, within [`MAX_SEGMENTS`].
pub fn sms_text(event: Event, facts: &Facts<'_>, lang: Lang) -> String {
    let full = render(event, facts, facts.detail, lang);
    if segments(&full) <= MAX_SEGMENTS {
        return full;
    }
    // Shorten the free part until the text fits; the rest of the template is always short enough (a test says so).
    let detail: Vec<char> = facts.detail.chars().collect();
    let mut keep = detail.len();
    while keep > 0 {
        keep -= 1;
        let short: String = detail[..keep].iter().collect::<String>().trim_end().to_owned() + "…";
        let text = render(event, facts, &short, lang);
        if segments(&text) <= MAX_SEGMENTS {
            return text;
        }
    }
    render(event, facts, "", lang)
}

/// An e-mail's subject and body for `event`, in `lang`: the SMS's words, with nothing shortened.
pub fn email(event: Event, facts: &Facts<'_>, lang: Lang) -> (String, String) {
    let subject = format!(
        "{}: {}",
        facts.shop,
        lang.messages().order_subject.replace("{no}", facts.order_no)
    );
    let mut body = render(event, facts, facts.detail, lang);
    if !facts.link.is_empty() && !body.contains(facts.link) {
        body.push_str("\n\n");
        body.push_str(facts.link);
    }
    (subject, body)
}

/// The text of `event` with the order's facts filled in, and `detail` after it for the events that tell more.
fn render(event: Event, facts: &Facts<'_>, detail: &str, lang: Lang) -> String {
    let texts = lang.messages();
    let (template, tells_more) = match event {
        Event::Placed => (texts.placed, false),
        Event::Paid => (texts.paid, false),
        Event::Shipped => (texts.shipped, true),
        Event::Delivered => (texts.delivered, false),
        Event::ReadyForPickup => (texts.ready_for_pickup, true),
        Event::Reminder => (texts.reminder, false),
        Event::Expired => (texts.expired, false),
        Event::Refunded => (texts.refunded, false),
        Event::NewPaidOrder => (texts.new_paid_order, true),
        Event::NewOfflineOrder => (texts.new_offline_order, true),
        Event::NeedsAttention => (texts.needs_attention, true),
        Event::ReceiptFailed => (texts.receipt_failed, false),
        Event::RefundFailed => (texts.refund_failed, false),
    };
    let text = template
        .replace("{no}", facts.order_no)
        .replace("{total}", &facts.total.to_string())
        .replace("{amount}", &facts.amount.to_string())
        .replace("{minutes}", &facts.minutes.to_string())
        .replace("{link}", facts.link);
    let text = if tells_more && !detail.is_empty() {
        format!("{text} {detail}")
    } else {
        text
    };
    match event.audience() {
        // A shopper may hear from several shops: the text says which.
        Audience::Shopper => format!("{}: {text}", facts.shop),
        Audience::Owner => text,
    }
}

/// The characters of the GSM 7-bit default alphabet (one septet each; the extension table's take two).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: &str = "^{}\\[~]|€";

/// How many SMS segments `text` takes: GSM 7-bit when every character is in its alphabet (160 septets, 153 per
/// segment of a longer text), else UCS-2 (70 UTF-16 units, 67 per segment).
pub fn segments(text: &str) -> usize {
    let gsm: Option<usize> = text.chars().try_fold(0, |septets, c| {
        if GSM_BASIC.contains(c) {
            Some(septets + 1)
        } else if GSM_EXTENSION.contains(c) {
            Some(septets + 2)
        } else {
            None
        }
    });
    let (length, single, part) = match gsm {
        Some(septets) => (septets, 160, 153),
        None => (text.encode_utf16().count(), 70, 67),
    };
    if length <= single { 1 } else { length.div_ceil(part) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::VIEW_KEY_CHARS;

    /// The longest short name a shop may have.
    const SHOP: &str = "ШШШШШШШШШШШШШШШШШШШШ";

    /// The longest of everything: the longest shop's name, a 12-digit amount, the short pay link on a 30-character address, a long note.
    fn longest<'a>(link: &'a str, detail: &'a str) -> Facts<'a> {
        Facts {
            shop: SHOP,
            order_no: "WWWWWWWW",
            total: Mnt::new(999_999_999_999).unwrap(),
            link,
            detail,
            amount: Mnt::new(999_999_999_999).unwrap(),
            minutes: 1_440,
        }
    }

    #[test]
    fn every_text_in_both_languages_fits_two_segments_at_its_longest() {
        assert_eq!(SHOP.chars().count(), crate::domain::shop_identity::SHORT_MAX);
        let link = format!("https://{}/o/WWWWWWWW/{}", "w".repeat(30), "K".repeat(VIEW_KEY_CHARS));
        let detail = "Хүргэгч: Бат-Эрдэнэ, 9911 2233, 17:00-19:00 цагийн хооронд очно, хаалганы код 1234#".repeat(2);
        for lang in Lang::ALL {
            for event in Event::ALL {
                let text = sms_text(event, &longest(&link, &detail), lang);
                assert!(
                    segments(&text) <= MAX_SEGMENTS,
                    "{event:?} {lang:?}: {} units: {text}",
                    text.encode_utf16().count()
                );
                let from_shop = text.starts_with(&format!("{SHOP}: "));
                assert_eq!(from_shop, event.audience() == Audience::Shopper, "{event:?}: {text}");
                assert!(text.contains("WWWWWWWW"), "{event:?} {lang:?} names the order: {text}");
                let (subject, body) = email(event, &longest(&link, &detail), lang);
                assert!(subject.contains("WWWWWWWW") && !body.is_empty());
            }
        }
    }

    #[test]
    fn a_long_note_is_shortened_and_the_rest_kept() {
        let link = "https://delguur.mn/orders/AB12CD34?key=k";
        let facts = Facts {
            detail: &"Хаалганы код 1234, 5 давхарт гараад баруун тийш, хоёр дахь хаалга. ".repeat(3),
            ..longest(link, "")
        };
        let text = sms_text(Event::Shipped, &facts, Lang::Mn);
        assert!(
            text.starts_with(&format!(
                "{SHOP}: Захиалга WWWWWWWW хүргэлтэд гарлаа. Хаалганы код 1234"
            )),
            "{text}"
        );
        assert!(text.ends_with('…'));
        assert_eq!(segments(&text), 2);
        let short = Facts {
            detail: "Өнөөдөр 18:00",
            ..facts
        };
        assert_eq!(
            sms_text(Event::Shipped, &short, Lang::Mn),
            format!("{SHOP}: Захиалга WWWWWWWW хүргэлтэд гарлаа. Өнөөдөр 18:00")
        );
    }

    #[test]
    fn segments_count_septets_or_utf16_units() {
        type Case = (String, usize);
        let cases: [Case; 7] = [
            ("a".repeat(160), 1),
            ("a".repeat(161), 2),
            ("{".repeat(80), 1),
            ("{".repeat(81), 2),
            ("ө".repeat(70), 1),
            ("ө".repeat(71), 2),
            ("ө".repeat(135), 3),
        ];
        for (text, expected) in cases {
            assert_eq!(segments(&text), expected, "{} chars", text.chars().count());
        }
        assert_eq!(segments("Paid: 12,500₮"), 1, "₮ is not GSM: UCS-2, still one segment");
    }

    #[test]
    fn events_are_stored_by_name_and_know_their_audience() {
        for event in Event::ALL {
            assert_eq!(Event::parse(event.as_str()), Some(event));
        }
        assert_eq!(Event::Paid.audience(), Audience::Shopper);
        assert_eq!(Event::NewPaidOrder.audience(), Audience::Owner);
        assert_eq!(Event::parse("sent"), None);
    }
}
