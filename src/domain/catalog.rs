//! What the owner types into the catalog forms, checked: products, variants, categories. Every problem is reported
//! against its field, all at once, so the form shows each next to its input; the other owner forms share `Problem`.

use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4_000;
pub const SLUG_MAX: usize = 60;
pub const SKU_MAX: usize = 40;
/// A billion tögrög: more than anything a shop sells online, and far from overflowing a total.
pub const PRICE_MAX: i64 = 1_000_000_000;
pub const STOCK_MAX: i64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    /// Only lowercase Latin letters, digits and `-` (it is part of the page's address).
    NotASlug,
    /// Only Latin letters, digits, `-` and `_`.
    NotASku,
    /// A whole number of tögrög from 1 to [`PRICE_MAX`].
    NotAPrice,
    /// A whole number from 0 to [`STOCK_MAX`].
    NotAStock,
    /// Another product, variant or category has it already.
    Taken,
    /// An e-barimt classification code: 1 to 10 digits.
    NotAClassificationCode,
    UnknownCategory,
    /// A discount code: letters, digits, `-` and `_`.
    NotACode,
    /// A whole percent from 1 to 100.
    NotAPercent,
    /// A whole number from 1 up.
    NotACount,
    /// A day as `YYYY-MM-DD`.
    NotADate,
    EndsBeforeStart,
    UnknownProduct,
    /// A delivery zone's area: a district code, optionally `:khoroo` (1–45).
    UnknownDistrict,
    /// Another zone covers this district or khoroo.
    AreaTaken,
    UnknownAimag,
    /// A Mongolian mobile number: 8 digits from 6, 8 or 9.
    NotAPhone,
    NotAnEmail,
    /// Whole minutes from 1 to a day's 1,440.
    NotMinutes,
    NotAnAccount,
    NotHours,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`.
    pub field: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInput {
    pub slug: String,
    pub category: String,
    pub name_mn: String,
    pub name_en: String,
    pub description_mn: String,
    pub description_en: String,
    pub archived: bool,
    /// The classification code of the goods on e-barimt receipts: digits, or empty for the shop's default.
    #[serde(default)]
    pub classification_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantInput {
    pub sku: String,
    pub name_mn: String,
    pub name_en: String,
    pub price: String,
    pub stock: String,
    /// The stock the form showed when it was opened (empty for a new variant): a save changes the stock by the
    /// difference, so units sold while the owner was typing are not counted back.
    pub stock_shown: String,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidVariant {
    pub sku: String,
    pub name_mn: String,
    pub name_en: String,
    pub price_mnt: i64,
    pub stock: i64,
    pub stock_shown: Option<i64>,
    pub archived: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInput {
    pub slug: String,
    pub name_mn: String,
    pub name_en: String,
}

/// Collects the problems of one form.
#[derive(Default)]
struct Check(Vec<FieldError>);

impl Check {
    fn fail(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.to_owned(),
            problem,
        });
    }

    fn text(&mut self, field: &str, value: &str, max: usize, required: bool) {
        if required && value.trim().is_empty() {
            self.fail(field, Problem::Required);
        } else if value.chars().count() > max {
            self.fail(field, Problem::TooLong);
        }
    }

    fn slug(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.fail(field, Problem::Required);
        } else if value.len() > SLUG_MAX
            || value.starts_with('-')
            || value.ends_with('-')
            || !value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.fail(field, Problem::NotASlug);
        }
    }

    fn result<T>(self, valid: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(valid) } else { Err(self.0) }
    }
}

/// A whole number in `min..=max`, written as the owner would: `12,500`, `12 500` or `12500₮`.
fn whole_number(text: &str, min: i64, max: i64) -> Option<i64> {
    let digits: String = text.chars().filter(|c| !matches!(c, ',' | ' ' | '₮')).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| (min..=max).contains(n))
}

impl ProductInput {
    /// Trimmed, and checked field by field.
    pub fn validate(mut self) -> Result<ProductInput, Vec<FieldError>> {
        for value in [
            &mut self.slug,
            &mut self.category,
            &mut self.name_mn,
            &mut self.name_en,
            &mut self.description_mn,
            &mut self.description_en,
            &mut self.classification_code,
        ] {
            *value = value.trim().to_owned();
        }
        let mut check = Check::default();
        let code = &self.classification_code;
        let digits = code.len() <= 10 && code.bytes().all(|b| b.is_ascii_digit());
        if !digits {
            check.fail("classification_code", Problem::NotAClassificationCode);
        }
        check.slug("slug", &self.slug);
        check.text("category", &self.category, SLUG_MAX, true);
        check.text("name_mn", &self.name_mn, NAME_MAX, true);
        check.text("name_en", &self.name_en, NAME_MAX, true);
        check.text("description_mn", &self.description_mn, DESCRIPTION_MAX, false);
        check.text("description_en", &self.description_en, DESCRIPTION_MAX, false);
        check.result(self)
    }
}

impl VariantInput {
    pub fn validate(self) -> Result<ValidVariant, Vec<FieldError>> {
        let sku = self.sku.trim().to_owned();
        let (name_mn, name_en) = (self.name_mn.trim().to_owned(), self.name_en.trim().to_owned());
        let mut check = Check::default();
        if sku.is_empty() {
            check.fail("sku", Problem::Required);
        } else if sku.len() > SKU_MAX || !sku.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            check.fail("sku", Problem::NotASku);
        }
        check.text("name_mn", &name_mn, NAME_MAX, true);
        check.text("name_en", &name_en, NAME_MAX, true);
        let price = whole_number(&self.price, 1, PRICE_MAX);
        if price.is_none() {
            check.fail("price", Problem::NotAPrice);
        }
        let stock = whole_number(&self.stock, 0, STOCK_MAX);
        if stock.is_none() {
            check.fail("stock", Problem::NotAStock);
        }
        check.result(ValidVariant {
            sku,
            name_mn,
            name_en,
            price_mnt: price.unwrap_or_default(),
            stock: stock.unwrap_or_default(),
            stock_shown: whole_number(&self.stock_shown, 0, i64::MAX),
            archived: self.archived,
        })
    }
}

impl CategoryInput {
    pub fn validate(self) -> Result<CategoryInput, Vec<FieldError>> {
        let valid = CategoryInput {
            slug: self.slug.trim().to_owned(),
            name_mn: self.name_mn.trim().to_owned(),
            name_en: self.name_en.trim().to_owned(),
        };
        let mut check = Check::default();
        check.slug("slug", &valid.slug);
        check.text("name_mn", &valid.name_mn, NAME_MAX, true);
        check.text("name_en", &valid.name_en, NAME_MAX, true);
        check.result(valid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(errors: Vec<FieldError>) -> Vec<(String, Problem)> {
        errors.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    fn product() -> ProductInput {
        ProductInput {
            slug: " khuushuur ".into(),
            category: "food".into(),
            name_mn: "Хуушуур".into(),
            name_en: "Khuushuur".into(),
            ..ProductInput::default()
        }
    }

    #[test]
    fn a_product_is_trimmed_and_needs_a_slug_and_both_names() {
        let valid = product().validate().unwrap();
        assert_eq!(valid.slug, "khuushuur");
        let empty = ProductInput::default().validate().unwrap_err();
        assert_eq!(
            problems(empty),
            [
                ("slug".into(), Problem::Required),
                ("category".into(), Problem::Required),
                ("name_mn".into(), Problem::Required),
                ("name_en".into(), Problem::Required),
            ]
        );
    }

    #[test]
    fn slugs_are_addresses() {
        for bad in [
            "Хуушуур",
            "big Cup",
            "-cup",
            "cup-",
            "cup/../x",
            &"a".repeat(SLUG_MAX + 1),
        ] {
            let input = ProductInput {
                slug: bad.into(),
                ..product()
            };
            assert_eq!(
                problems(input.validate().unwrap_err()),
                [("slug".into(), Problem::NotASlug)],
                "{bad}"
            );
        }
        let ok = ProductInput {
            slug: "cup-2".into(),
            ..product()
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn a_classification_code_is_digits_or_left_to_the_shops_default() {
        let with = |code: &str| {
            ProductInput {
                classification_code: code.into(),
                ..product()
            }
            .validate()
        };
        assert_eq!(with(" 2349010 ").unwrap().classification_code, "2349010");
        assert_eq!(with("").unwrap().classification_code, "");
        for bad in ["23-49", "12345678901", "код"] {
            assert_eq!(
                problems(with(bad).unwrap_err()),
                [("classification_code".into(), Problem::NotAClassificationCode)],
                "{bad}"
            );
        }
    }

    #[test]
    fn long_text_is_refused_by_characters_not_bytes() {
        let long = ProductInput {
            name_mn: "я".repeat(NAME_MAX),
            ..product()
        };
        assert!(long.validate().is_ok(), "120 Cyrillic letters are 240 bytes but fit");
        let longer = ProductInput {
            description_en: "x".repeat(DESCRIPTION_MAX + 1),
            ..product()
        };
        assert_eq!(
            problems(longer.validate().unwrap_err()),
            [("description_en".into(), Problem::TooLong)]
        );
    }

    fn variant(price: &str, stock: &str) -> VariantInput {
        VariantInput {
            sku: "cup-blue".into(),
            name_mn: "Цэнхэр".into(),
            name_en: "Blue".into(),
            price: price.into(),
            stock: stock.into(),
            stock_shown: String::new(),
            archived: false,
        }
    }

    #[test]
    fn prices_are_whole_togrog_written_as_people_write_them() {
        assert_eq!(variant("12,500₮", "3").validate().unwrap().price_mnt, 12_500);
        assert_eq!(variant("12 500", "0").validate().unwrap().stock, 0);
        for bad in ["", "0", "-5", "12.5", "1e3", "abc", "1000000001"] {
            assert_eq!(
                problems(variant(bad, "1").validate().unwrap_err()),
                [("price".into(), Problem::NotAPrice)],
                "{bad:?}"
            );
        }
        for bad in ["", "-1", "1000001", "x"] {
            assert_eq!(
                problems(variant("100", bad).validate().unwrap_err()),
                [("stock".into(), Problem::NotAStock)],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_edit_knows_the_stock_it_started_from() {
        let edit = VariantInput {
            stock_shown: "12".into(),
            ..variant("100", "15")
        };
        let valid = edit.validate().unwrap();
        assert_eq!((valid.stock, valid.stock_shown), (15, Some(12)));
        assert_eq!(variant("100", "15").validate().unwrap().stock_shown, None);
    }

    #[test]
    fn skus_are_plain() {
        let bad = VariantInput {
            sku: "cup blue".into(),
            ..variant("1", "1")
        };
        assert_eq!(
            problems(bad.validate().unwrap_err()),
            [("sku".into(), Problem::NotASku)]
        );
    }

    #[test]
    fn a_category_needs_a_slug_and_both_names() {
        let input = CategoryInput {
            slug: "Food".into(),
            name_mn: "Хоол".into(),
            name_en: " ".into(),
        };
        assert_eq!(
            problems(input.validate().unwrap_err()),
            [
                ("slug".into(), Problem::NotASlug),
                ("name_en".into(), Problem::Required)
            ]
        );
    }
}
