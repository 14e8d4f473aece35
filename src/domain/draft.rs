//! An order the owner makes for a customer (`/admin/orders/new`): the terms the owner gives beside the customer's
//! details (a delivery fee by hand, a discount in ₮ with its reason), checked (their form is
//! `admin/draft/form.rs`); how the owner's search finds a variant by name or SKU; and the short text with the pay
//! link to paste in a chat.

use super::{
    Mnt,
    notice::{Event, Facts, sms_text},
};
use crate::i18n::Lang;

/// A discount's reason: one line the timeline keeps.
pub const REASON_MAX: usize = 200;
/// A search finds at most this many variants; the owner types more of the name to find the rest.
pub const FOUND_MAX: usize = 20;
/// Longer queries are cut here.
pub const QUERY_MAX: usize = 60;

/// The owner's terms, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftTerms {
    pub fee: Option<Mnt>,
    pub discount: Mnt,
    /// Given with every discount, so the timeline and the report say why.
    pub reason: Option<String>,
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
pub fn pay_text(shop: &str, order_no: &str, total: Mnt, link: &str, lang: Lang) -> String {
    let facts = Facts {
        shop,
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

    fn mnt(amount: i64) -> Mnt {
        Mnt::new(amount).unwrap()
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
            pay_text("Номин", "AB12CD34", mnt(32_500), link, Lang::Mn),
            "Номин: Захиалга AB12CD34: 32,500₮. Төлөх: https://shop.mn/o/AB12CD34/k"
        );
        assert_eq!(
            pay_text("Nomin", "AB12CD34", mnt(32_500), link, Lang::En),
            "Nomin: Order AB12CD34: 32,500₮. Pay here: https://shop.mn/o/AB12CD34/k"
        );
    }
}
