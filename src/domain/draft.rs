//! An order the owner makes for a customer (`/admin/orders/new`, issue #20): the terms the owner types beside the
//! customer's details (a delivery fee by hand, a discount in ₮ with its reason), checked; how the owner's search
//! finds a variant by name or SKU; and the short text with the pay link to paste in a chat.

use serde::{Deserialize, Serialize};

use super::{
    Mnt,
    catalog::{FieldError, PRICE_MAX, Problem},
    notice::{Event, Facts, sms_text},
};
use crate::i18n::Lang;

/// A discount's reason: one line the timeline keeps.
pub const REASON_MAX: usize = 200;
/// A search finds at most this many variants; the owner types more of the name to find the rest.
pub const FOUND_MAX: usize = 20;
/// Longer queries are cut here.
pub const QUERY_MAX: usize = 60;

/// The owner's terms as typed: every field a string, as a browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftTermsInput {
    /// The delivery fee in ₮; empty takes the zone's fee, as checkout does.
    #[serde(default)]
    pub fee: String,
    /// Taken off the items, in ₮; empty is none.
    #[serde(default)]
    pub discount: String,
    #[serde(default)]
    pub reason: String,
}

/// The owner's terms, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftTerms {
    pub fee: Option<Mnt>,
    pub discount: Mnt,
    /// Given with every discount, so the timeline and the report say why.
    pub reason: Option<String>,
}

impl DraftTermsInput {
    /// The terms, or every problem with them: a fee or discount that is not whole tögrög from 0, a discount
    /// without its reason, a reason longer than a line.
    pub fn parse(&self) -> Result<DraftTerms, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, problem| {
            errors.push(FieldError {
                field: field.to_owned(),
                problem,
            })
        };
        let fee = match self.fee.trim() {
            "" => None,
            typed => {
                let fee = amount(typed);
                if fee.is_none() {
                    fail("fee", Problem::NotAPrice);
                }
                fee
            }
        };
        let discount = match self.discount.trim() {
            "" => Some(Mnt::ZERO),
            typed => amount(typed),
        };
        if discount.is_none() {
            fail("discount", Problem::NotAPrice);
        }
        let discount = discount.unwrap_or(Mnt::ZERO);
        let reason = self.reason.trim();
        if discount > Mnt::ZERO && reason.is_empty() {
            fail("reason", Problem::Required);
        } else if reason.chars().count() > REASON_MAX || reason.contains(['\n', '\r']) {
            fail("reason", Problem::TooLong);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DraftTerms {
            fee,
            discount,
            reason: (discount > Mnt::ZERO).then(|| reason.to_owned()),
        })
    }
}

/// Whole tögrög from 0 to [`PRICE_MAX`], with or without thousands separators as the owner may type them.
fn amount(typed: &str) -> Option<Mnt> {
    let digits: String = typed
        .trim_end_matches('₮')
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let amount = digits.parse::<i64>().ok().filter(|a| *a <= PRICE_MAX)?;
    Mnt::new(amount).ok()
}

/// The owner's discount may take off at most what the items cost: more would silently be cut to it.
pub fn discount_fits(discount: Mnt, items: Mnt) -> bool {
    discount <= items
}

/// The owner's query as searched: trimmed, at most [`QUERY_MAX`] characters, lower case.
pub fn query_of(typed: &str) -> String {
    typed.trim().chars().take(QUERY_MAX).collect::<String>().to_lowercase()
}

/// Whether every word of `query` (from [`query_of`]) is in one of `fields` (names in both languages, the SKU),
/// ignoring case in any script: `цагаан` finds «Цагаан сүү». (SQLite's `LOWER` knows only ASCII, so this is
/// matched here, the same on both engines.)
pub fn matches(query: &str, fields: &[&str]) -> bool {
    let fields: Vec<String> = fields.iter().map(|field| field.to_lowercase()).collect();
    query
        .split_whitespace()
        .all(|word| fields.iter().any(|field| field.contains(word)))
}

/// The text the owner pastes in a chat: the order, its total and its pay link, as the shopper's "placed" SMS
/// says it.
pub fn pay_text(order_no: &str, total: Mnt, link: &str, lang: Lang) -> String {
    let facts = Facts {
        order_no,
        total,
        link,
        detail: "",
        amount: Mnt::ZERO,
        minutes: 0,
    };
    sms_text(Event::Placed, &facts, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(fee: &str, discount: &str, reason: &str) -> DraftTermsInput {
        DraftTermsInput {
            fee: fee.into(),
            discount: discount.into(),
            reason: reason.into(),
        }
    }

    fn mnt(amount: i64) -> Mnt {
        Mnt::new(amount).unwrap()
    }

    #[test]
    fn terms_are_checked_field_by_field() {
        let ok = |fee: Option<i64>, discount: i64, reason: Option<&str>| {
            Ok(DraftTerms {
                fee: fee.map(mnt),
                discount: mnt(discount),
                reason: reason.map(str::to_owned),
            })
        };
        let problems = |list: &[(&str, Problem)]| {
            Err(list
                .iter()
                .map(|(field, problem)| FieldError {
                    field: (*field).into(),
                    problem: *problem,
                })
                .collect::<Vec<_>>())
        };
        let cases = [
            (input("", "", ""), ok(None, 0, None)),
            (input("0", "", ""), ok(Some(0), 0, None)),
            (input(" 7,000₮ ", "", ""), ok(Some(7_000), 0, None)),
            (
                input("", "2 500", " regular customer "),
                ok(None, 2_500, Some("regular customer")),
            ),
            (input("", "0", "ignored without a discount"), ok(None, 0, None)),
            (input("-5", "", ""), problems(&[("fee", Problem::NotAPrice)])),
            (input("5.5", "", ""), problems(&[("fee", Problem::NotAPrice)])),
            (
                input("", "1000000001", "too much"),
                problems(&[("discount", Problem::NotAPrice)]),
            ),
            (input("", "abc", ""), problems(&[("discount", Problem::NotAPrice)])),
            (input("", "1000", "  "), problems(&[("reason", Problem::Required)])),
            (
                input("", "1000", &"x".repeat(201)),
                problems(&[("reason", Problem::TooLong)]),
            ),
            (
                input("", "1000", "two\nlines"),
                problems(&[("reason", Problem::TooLong)]),
            ),
            (
                input("x", "y", ""),
                problems(&[("fee", Problem::NotAPrice), ("discount", Problem::NotAPrice)]),
            ),
        ];
        for (typed, expected) in cases {
            assert_eq!(typed.parse(), expected, "{typed:?}");
        }
        assert!(
            input("", "1000", &"ө".repeat(200)).parse().is_ok(),
            "characters, not bytes"
        );
    }

    #[test]
    fn a_discount_takes_at_most_the_items() {
        assert!(discount_fits(mnt(0), mnt(0)));
        assert!(discount_fits(mnt(25_000), mnt(25_000)));
        assert!(!discount_fits(mnt(25_001), mnt(25_000)));
    }

    #[test]
    fn search_ignores_case_in_any_script_and_needs_every_word() {
        let fields = ["Цагаан сүү", "White milk", "1 литр", "1 litre", "MILK-1L"];
        let cases = [
            ("цагаан", true),
            ("ЦАГААН СҮҮ", true),
            ("milk-1l", true),
            ("сүү литр", true),
            ("white", true),
            ("сүү aaruul", false),
            ("хар", false),
        ];
        for (typed, expected) in cases {
            assert_eq!(matches(&query_of(typed), &fields), expected, "{typed}");
        }
        assert!(
            matches(&query_of("   "), &fields),
            "an empty query matches all; the service asks for one"
        );
        assert_eq!(query_of(&"я".repeat(100)).chars().count(), QUERY_MAX);
    }

    #[test]
    fn the_pay_text_names_the_order_its_total_and_link() {
        let link = "https://shop.mn/o/AB12CD34/k";
        assert_eq!(
            pay_text("AB12CD34", mnt(32_500), link, Lang::Mn),
            "Захиалга AB12CD34: 32,500₮. Төлөх: https://shop.mn/o/AB12CD34/k"
        );
        assert_eq!(
            pay_text("AB12CD34", mnt(32_500), link, Lang::En),
            "Order AB12CD34: 32,500₮. Pay here: https://shop.mn/o/AB12CD34/k"
        );
    }
}
