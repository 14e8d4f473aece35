//! How many texts a stranger can make the shop send. An unpaid order texts the phone typed at
//! checkout, unverified, when it is placed, when it is reminded and when it expires, and find-my-order texts a code
//! to it: all a stranger can cause without paying, each an SMS the shop pays for. These are limited per phone in a
//! day and for the whole shop in an hour; one over either limit is held (never sent) and the owner told, once per
//! Ulaanbaatar day (`ub_day.rs`). Texts that follow a payment or the owner's own work (paid, shipped, refunded, …)
//! are not limited: nobody causes them for free.

use super::notice::Event;
use crate::i18n::Lang;

/// The limits, as the owner set them at `/admin/messages` or by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsBudget {
    /// Texts to one phone in 24 hours.
    pub per_phone_per_day: i64,
    /// Texts of the whole shop in an hour.
    pub per_hour: i64,
}

impl SmsBudget {
    /// A shopper's own orders in a day rarely need more than a few such texts each (placed, a reminder, a code);
    /// 15 leaves room for several orders and stops a stranger at 15 a day to a victim.
    pub const DEFAULT_PER_PHONE_PER_DAY: i64 = 15;
    /// About 100 unpaid orders an hour, more than a small shop sees at its busiest.
    pub const DEFAULT_PER_HOUR: i64 = 200;
    /// The largest limit the owner may set: past it there is no limit worth the name.
    pub const MOST: i64 = 100_000;

    /// The owner's settings, each falling back to its default when not set.
    pub fn of(per_phone_per_day: Option<i64>, per_hour: Option<i64>) -> SmsBudget {
        SmsBudget {
            per_phone_per_day: per_phone_per_day.unwrap_or(Self::DEFAULT_PER_PHONE_PER_DAY),
            per_hour: per_hour.unwrap_or(Self::DEFAULT_PER_HOUR),
        }
    }

    /// Whether one more text may go, after `sent` of the limited kinds (held ones not counted).
    pub fn allows(self, sent: SmsSent) -> bool {
        sent.to_phone_last_day < self.per_phone_per_day && sent.by_shop_last_hour < self.per_hour
    }
}

impl Default for SmsBudget {
    fn default() -> Self {
        SmsBudget::of(None, None)
    }
}

/// Texts of the limited kinds already written (and not held).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsSent {
    /// To this phone in the last 24 hours.
    pub to_phone_last_day: i64,
    /// By the whole shop in the last hour.
    pub by_shop_last_hour: i64,
}

/// Whether the text about `event` is one a stranger can cause without paying: the shopper's of an unpaid order,
/// and the owner's of a new order to be paid in cash or by transfer (counted for the shop's hour only: the owner's
/// phone is the owner's to fill).
pub fn limited(event: Event) -> bool {
    matches!(
        event,
        Event::Placed | Event::Reminder | Event::Expired | Event::NewOfflineOrder
    )
}

/// What a text to the owner is counted as, in place of a phone number: the owner's phone is read when it is sent.
pub const OWNER: &str = "owner";

/// The owner's SMS of the day's held texts: how many so far, and the page where the limits are set.
pub fn held_sms(count: i64, link: &str, lang: Lang) -> String {
    lang.messages()
        .held_sms
        .replace("{count}", &count.to_string())
        .replace("{link}", link)
}

/// The owner's e-mail of the day's held texts: subject and body.
pub fn held_email(count: i64, budget: SmsBudget, link: &str, lang: Lang) -> (String, String) {
    let SmsBudget {
        per_phone_per_day,
        per_hour,
    } = budget;
    let texts = lang.messages();
    let body = texts
        .held_body
        .replace("{count}", &count.to_string())
        .replace("{per_phone_per_day}", &per_phone_per_day.to_string())
        .replace("{per_hour}", &per_hour.to_string())
        .replace("{link}", link);
    (texts.held_subject.to_owned(), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_goes_while_both_budgets_have_room() {
        let budget = SmsBudget {
            per_phone_per_day: 3,
            per_hour: 10,
        };
        // (to the phone today, by the shop this hour) -> allowed
        let cases = [
            ((0, 0), true),
            ((2, 9), true),
            ((3, 0), false),
            ((0, 10), false),
            ((3, 10), false),
            ((2, 11), false),
        ];
        for ((to_phone_last_day, by_shop_last_hour), allowed) in cases {
            let sent = SmsSent {
                to_phone_last_day,
                by_shop_last_hour,
            };
            assert_eq!(budget.allows(sent), allowed, "{sent:?}");
        }
    }

    #[test]
    fn unset_limits_are_the_defaults() {
        assert_eq!(SmsBudget::of(None, Some(50)).per_phone_per_day, 15);
        assert_eq!(SmsBudget::of(None, Some(50)).per_hour, 50);
        assert_eq!(SmsBudget::default().per_hour, SmsBudget::DEFAULT_PER_HOUR);
    }

    #[test]
    fn only_what_a_stranger_causes_for_free_is_limited() {
        let limited_events: Vec<Event> = Event::ALL.into_iter().filter(|e| limited(*e)).collect();
        assert_eq!(
            limited_events,
            [Event::Placed, Event::Reminder, Event::Expired, Event::NewOfflineOrder]
        );
    }

    #[test]
    fn the_owners_note_fits_two_segments() {
        let link = "https://a-long-shop-name.mn/admin/messages";
        for lang in [Lang::Mn, Lang::En] {
            let text = held_sms(100_000, link, lang);
            assert!(super::super::notice::segments(&text) <= 2, "{text}");
            let (_, body) = held_email(7, SmsBudget::default(), link, lang);
            assert!(body.contains("7") && body.contains("15") && body.contains("200") && body.contains(link));
        }
    }
}
