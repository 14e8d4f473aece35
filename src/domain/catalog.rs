//! The catalog the owner edits, checked: a product, a variant and a category as they are stored, and the rules
//! their values follow (a slug, a SKU, an e-barimt classification code, the longest text, the largest price and
//! stock). The owner's forms that turn typed text into these are in `admin/catalog/form.rs`.

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4_000;
pub const SLUG_MAX: usize = 60;
pub const SKU_MAX: usize = 40;
/// A billion tögrög: more than anything a shop sells online, and far from overflowing a total.
pub const PRICE_MAX: i64 = 1_000_000_000;
pub const STOCK_MAX: i64 = 1_000_000;
/// The most digits of an e-barimt classification code.
pub const CLASSIFICATION_CODE_MAX: usize = 10;

/// A product, checked: every text trimmed and within its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProduct {
    pub slug: String,
    /// The category's slug.
    pub category: String,
    pub name_mn: String,
    pub name_en: String,
    pub description_mn: String,
    pub description_en: String,
    pub archived: bool,
    /// The classification code of the goods on e-barimt receipts: digits, or empty for the shop's default.
    pub classification_code: String,
}

/// A variant, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidVariant {
    pub sku: String,
    pub name_mn: String,
    pub name_en: String,
    pub price_mnt: i64,
    pub stock: i64,
    /// The stock the form showed when it was opened (`None` for a new variant): a save changes the stock by the
    /// difference, so units sold while the owner was typing are not counted back.
    pub stock_shown: Option<i64>,
    /// The stock at or below which it is running low (`domain::stock`); `None`: the shop's default.
    pub low_stock: Option<i64>,
    pub archived: bool,
}

/// A category, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCategory {
    pub slug: String,
    pub name_mn: String,
    pub name_en: String,
}

/// Whether `slug` may be part of a page's address: lowercase Latin letters, digits and `-` (not first or last), at
/// most [`SLUG_MAX`].
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `sku` is a plain stock-keeping code: Latin letters, digits, `-` and `_`, at most [`SKU_MAX`].
pub fn is_sku(sku: &str) -> bool {
    !sku.is_empty() && sku.len() <= SKU_MAX && sku.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `code` is an e-barimt classification code, or empty for the shop's default: up to
/// [`CLASSIFICATION_CODE_MAX`] digits.
pub fn is_classification_code(code: &str) -> bool {
    code.len() <= CLASSIFICATION_CODE_MAX && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_skus_and_classification_codes_are_plain() {
        let too_long = "a".repeat(SLUG_MAX + 1);
        for (slug, ok) in [
            ("cup-2", true),
            ("khuushuur", true),
            ("", false),
            ("Хуушуур", false),
            ("big Cup", false),
            ("-cup", false),
            ("cup-", false),
            ("cup/../x", false),
            (too_long.as_str(), false),
        ] {
            assert_eq!(is_slug(slug), ok, "{slug}");
        }
        for (sku, ok) in [
            ("cup-blue_1", true),
            ("", false),
            ("cup blue", false),
            ("цэнхэр", false),
        ] {
            assert_eq!(is_sku(sku), ok, "{sku}");
        }
        for (code, ok) in [
            ("2349010", true),
            ("", true),
            ("23-49", false),
            ("12345678901", false),
            ("код", false),
        ] {
            assert_eq!(is_classification_code(code), ok, "{code}");
        }
    }
}
