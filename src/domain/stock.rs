//! Stock running low (issue #22): the level a variant is "running low" at, when a stock move crosses it (the owner
//! is told once per crossing), "only N left" on the product page, and the owner's message about it.

use crate::i18n::Lang;

/// The shop's low-stock level until the owner sets one.
pub const DEFAULT_LOW_STOCK: i64 = 3;

/// The owner's stock settings: the level of a variant without its own, and the stock at or below which the product
/// page says "only N left" (`None`: never, the default, as the owner may not want to show how little is left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockSettings {
    pub low_stock_default: i64,
    pub few_left: Option<i64>,
}

impl Default for StockSettings {
    fn default() -> Self {
        StockSettings {
            low_stock_default: DEFAULT_LOW_STOCK,
            few_left: None,
        }
    }
}

impl StockSettings {
    /// A variant's level: its own, else the shop's default.
    pub fn level_of(&self, own: Option<i64>) -> i64 {
        own.unwrap_or(self.low_stock_default)
    }
}

/// Whether a move from `before` to `after` crosses `level` downwards: above it before, at or below it after. A
/// second move further down does not (it was not above), and one back above re-arms the next crossing, so the
/// owner hears once per crossing, not once per order.
pub fn crosses(before: i64, after: i64, level: i64) -> bool {
    before > level && after <= level
}

/// Whether a variant is running low: at or below its level.
pub fn is_low(stock: i64, level: i64) -> bool {
    stock <= level
}

/// How many are left to show as "only N left": while some are, at or below the owner's threshold, if one is set.
pub fn few_left(stock: i64, threshold: Option<i64>) -> Option<i64> {
    threshold
        .filter(|threshold| stock > 0 && stock <= *threshold)
        .map(|_| stock)
}

/// The owner's text about a variant that crossed its level: what it is, how many are left, and its page.
pub fn low_stock_sms(shop: &str, name: &str, left: i64, link: &str, lang: Lang) -> String {
    fill(lang.stock().low_sms, shop, name, left, link)
}

/// The owner's e-mail about it: subject and body.
pub fn low_stock_email(shop: &str, name: &str, left: i64, link: &str, lang: Lang) -> (String, String) {
    let texts = lang.stock();
    (
        fill(texts.low_subject, shop, name, left, link),
        fill(texts.low_body, shop, name, left, link),
    )
}

fn fill(text: &str, shop: &str, name: &str, left: i64, link: &str) -> String {
    text.replace("{shop}", shop)
        .replace("{name}", name)
        .replace("{left}", &left.to_string())
        .replace("{link}", link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_crosses_the_level_only_from_above_to_at_or_below() {
        // (before, after, level, crosses)
        let table = [
            (5, 3, 3, true),  // lands on the level
            (5, 1, 3, true),  // goes past it
            (4, 0, 3, true),  // sold out at once
            (3, 2, 3, false), // already at it: told before
            (2, 1, 3, false), // further down: no second message
            (5, 4, 3, false), // still above
            (1, 6, 3, false), // restocked above: re-armed, no message
            (6, 3, 3, true),  // the next crossing after a restock
            (3, 3, 3, false), // no move (a level or name changed)
            (1, 0, 0, true),  // level 0: told when sold out
            (0, 0, 0, false),
        ];
        for (before, after, level, expected) in table {
            assert_eq!(crosses(before, after, level), expected, "{before} → {after} at {level}");
        }
    }

    #[test]
    fn a_variant_without_a_level_takes_the_shops() {
        let settings = StockSettings::default();
        assert_eq!(settings.level_of(None), DEFAULT_LOW_STOCK);
        assert_eq!(settings.level_of(Some(0)), 0);
        assert!(is_low(3, 3) && is_low(0, 3) && !is_low(4, 3));
    }

    #[test]
    fn only_n_left_shows_within_the_threshold_and_never_when_off_or_sold_out() {
        assert_eq!(few_left(2, Some(5)), Some(2));
        assert_eq!(few_left(5, Some(5)), Some(5));
        assert_eq!(few_left(6, Some(5)), None);
        assert_eq!(few_left(0, Some(5)), None);
        assert_eq!(few_left(1, None), None);
    }

    #[test]
    fn the_owners_texts_name_the_variant_and_what_is_left() {
        for lang in Lang::ALL {
            let text = low_stock_sms("Дэлгүүр", "Аяга — Цэнхэр", 2, "https://shop.mn/admin/products/7", lang);
            assert!(text.contains("Аяга — Цэнхэр") && text.contains('2') && text.contains("/admin/products/7"));
            let (subject, body) = low_stock_email("Дэлгүүр", "Аяга", 0, "https://x/admin", lang);
            assert!(subject.contains("Аяга") && body.contains("https://x/admin"));
        }
    }
}
