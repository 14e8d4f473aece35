//! The catalog's forms as a browser posts them (a product, a variant, a category: every field a string, a
//! checkbox sent only when ticked), checked into the domain's values (`domain::catalog`). Every problem is reported
//! against its field, all at once, so the form shows each next to its input.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        Mnt,
        catalog::{
            DESCRIPTION_MAX, NAME_MAX, PRICE_MAX, SLUG_MAX, STOCK_MAX, ValidCategory, ValidProduct, ValidVariant,
            is_classification_code, is_sku, is_slug,
        },
        money::whole_number,
        picture::ALT_MAX,
    },
};

/// The product form. The fields without a default were required of the form before it was one struct: a post
/// without them does not decode (400).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductForm {
    pub slug: String,
    pub category: String,
    pub name_mn: String,
    pub name_en: String,
    #[serde(default)]
    pub description_mn: String,
    #[serde(default)]
    pub description_en: String,
    /// The checkbox: sent (`on`) only when ticked.
    #[serde(default)]
    pub archived: Option<String>,
    /// The classification code of the goods on e-barimt receipts: digits, or empty for the shop's default.
    #[serde(default)]
    pub classification_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantForm {
    pub sku: String,
    pub name_mn: String,
    pub name_en: String,
    pub price: String,
    pub stock: String,
    /// The stock the form showed when it was opened (empty for a new variant): a save changes the stock by the
    /// difference, so units sold while the owner was typing are not counted back.
    #[serde(default)]
    pub stock_shown: String,
    /// Its low-stock level (`domain::stock`); empty for the shop's default.
    #[serde(default)]
    pub low_stock: String,
    #[serde(default)]
    pub archived: Option<String>,
}

/// A picture's words for a shopper who cannot see it, and the variant it shows, as its form posts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureForm {
    #[serde(default)]
    pub alt_mn: String,
    #[serde(default)]
    pub alt_en: String,
    /// A variant's id, or empty for the product as a whole.
    #[serde(default)]
    pub variant: String,
}

/// A picture's form, checked; whether the variant is the product's is the service's to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPicture {
    pub alt_mn: String,
    pub alt_en: String,
    pub variant_id: Option<i64>,
}

impl PictureForm {
    pub fn parse(&self) -> Result<ValidPicture, Vec<FieldError>> {
        let mut check = Check::default();
        let alt_mn = check.text("alt_mn", &self.alt_mn, ALT_MAX, false);
        let alt_en = check.text("alt_en", &self.alt_en, ALT_MAX, false);
        let variant_id = match self.variant.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    check.fail("variant", Problem::UnknownVariant);
                    None
                }
            },
        };
        check.done(ValidPicture {
            alt_mn,
            alt_en,
            variant_id,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub slug: String,
    pub name_mn: String,
    pub name_en: String,
}

/// The slug, trimmed, after its problem: `Required` when empty, `NotASlug` when it cannot be part of an address.
fn slug(check: &mut Check, field: &str, typed: &str) -> String {
    let slug = typed.trim();
    if slug.is_empty() {
        check.fail(field, Problem::Required);
    } else if !is_slug(slug) {
        check.fail(field, Problem::NotASlug);
    }
    slug.to_owned()
}

impl ProductForm {
    /// Trimmed, and checked field by field.
    pub fn parse(&self) -> Result<ValidProduct, Vec<FieldError>> {
        let mut check = Check::default();
        let classification_code = self.classification_code.trim().to_owned();
        if !is_classification_code(&classification_code) {
            check.fail("classification_code", Problem::NotAClassificationCode);
        }
        let slug = slug(&mut check, "slug", &self.slug);
        let category = check.text("category", &self.category, SLUG_MAX, true);
        let name_mn = check.text("name_mn", &self.name_mn, NAME_MAX, true);
        let name_en = check.text("name_en", &self.name_en, NAME_MAX, true);
        let description_mn = check.text("description_mn", &self.description_mn, DESCRIPTION_MAX, false);
        let description_en = check.text("description_en", &self.description_en, DESCRIPTION_MAX, false);
        check.done(ValidProduct {
            slug,
            category,
            name_mn,
            name_en,
            description_mn,
            description_en,
            archived: self.archived.is_some(),
            classification_code,
        })
    }
}

impl VariantForm {
    /// Trimmed, the price and stock read as the owner writes them (`12,500₮`), and checked field by field.
    pub fn parse(&self) -> Result<ValidVariant, Vec<FieldError>> {
        let mut check = Check::default();
        let sku = self.sku.trim().to_owned();
        if sku.is_empty() {
            check.fail("sku", Problem::Required);
        } else if !is_sku(&sku) {
            check.fail("sku", Problem::NotASku);
        }
        let name_mn = check.text("name_mn", &self.name_mn, NAME_MAX, true);
        let name_en = check.text("name_en", &self.name_en, NAME_MAX, true);
        let price = Mnt::parse_input(&self.price)
            .map(Mnt::amount)
            .filter(|price| (1..=PRICE_MAX).contains(price));
        if price.is_none() {
            check.fail("price", Problem::NotAPrice);
        }
        let stock = whole_number(&self.stock).filter(|stock| *stock <= STOCK_MAX);
        if stock.is_none() {
            check.fail("stock", Problem::NotAStock);
        }
        let low_stock = whole_number(&self.low_stock).filter(|level| *level <= STOCK_MAX);
        if low_stock.is_none() && !self.low_stock.trim().is_empty() {
            check.fail("low_stock", Problem::NotAStock);
        }
        check.done(ValidVariant {
            sku,
            name_mn,
            name_en,
            price_mnt: price.unwrap_or_default(),
            stock: stock.unwrap_or_default(),
            stock_shown: whole_number(&self.stock_shown),
            low_stock,
            archived: self.archived.is_some(),
        })
    }
}

impl CategoryForm {
    pub fn parse(&self) -> Result<ValidCategory, Vec<FieldError>> {
        let mut check = Check::default();
        let slug = slug(&mut check, "slug", &self.slug);
        let name_mn = check.text("name_mn", &self.name_mn, NAME_MAX, true);
        let name_en = check.text("name_en", &self.name_en, NAME_MAX, true);
        check.done(ValidCategory { slug, name_mn, name_en })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(errors: Vec<FieldError>) -> Vec<(String, Problem)> {
        errors.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    fn product() -> ProductForm {
        ProductForm {
            slug: " khuushuur ".into(),
            category: "food".into(),
            name_mn: "Хуушуур".into(),
            name_en: "Khuushuur".into(),
            ..ProductForm::default()
        }
    }

    #[test]
    fn a_product_is_trimmed_and_needs_a_slug_and_both_names() {
        let valid = product().parse().unwrap();
        assert_eq!(valid.slug, "khuushuur");
        let empty = ProductForm::default().parse().unwrap_err();
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
            let input = ProductForm {
                slug: bad.into(),
                ..product()
            };
            assert_eq!(
                problems(input.parse().unwrap_err()),
                [("slug".into(), Problem::NotASlug)],
                "{bad}"
            );
        }
        let ok = ProductForm {
            slug: "cup-2".into(),
            ..product()
        };
        assert!(ok.parse().is_ok());
    }

    #[test]
    fn a_classification_code_is_digits_or_left_to_the_shops_default() {
        let with = |code: &str| {
            ProductForm {
                classification_code: code.into(),
                ..product()
            }
            .parse()
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
        let long = ProductForm {
            name_mn: "я".repeat(NAME_MAX),
            ..product()
        };
        assert!(long.parse().is_ok(), "120 Cyrillic letters are 240 bytes but fit");
        let longer = ProductForm {
            description_en: "x".repeat(DESCRIPTION_MAX + 1),
            ..product()
        };
        assert_eq!(
            problems(longer.parse().unwrap_err()),
            [("description_en".into(), Problem::TooLong)]
        );
    }

    #[test]
    fn the_archived_box_is_ticked_when_sent() {
        let archived = ProductForm {
            archived: Some("on".into()),
            ..product()
        };
        assert!(archived.parse().unwrap().archived);
        assert!(!product().parse().unwrap().archived);
    }

    fn variant(price: &str, stock: &str) -> VariantForm {
        VariantForm {
            sku: "cup-blue".into(),
            name_mn: "Цэнхэр".into(),
            name_en: "Blue".into(),
            price: price.into(),
            stock: stock.into(),
            stock_shown: String::new(),
            low_stock: String::new(),
            archived: None,
        }
    }

    #[test]
    fn prices_are_whole_togrog_written_as_people_write_them() {
        assert_eq!(variant("12,500₮", "3").parse().unwrap().price_mnt, 12_500);
        assert_eq!(variant("12 500", "0").parse().unwrap().stock, 0);
        for bad in ["", "0", "-5", "12.5", "1e3", "abc", "1000000001"] {
            assert_eq!(
                problems(variant(bad, "1").parse().unwrap_err()),
                [("price".into(), Problem::NotAPrice)],
                "{bad:?}"
            );
        }
        for bad in ["", "-1", "1000001", "x"] {
            assert_eq!(
                problems(variant("100", bad).parse().unwrap_err()),
                [("stock".into(), Problem::NotAStock)],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_edit_knows_the_stock_it_started_from() {
        let edit = VariantForm {
            stock_shown: "12".into(),
            ..variant("100", "15")
        };
        let valid = edit.parse().unwrap();
        assert_eq!((valid.stock, valid.stock_shown), (15, Some(12)));
        assert_eq!(variant("100", "15").parse().unwrap().stock_shown, None);
    }

    #[test]
    fn skus_are_plain() {
        let bad = VariantForm {
            sku: "cup blue".into(),
            ..variant("1", "1")
        };
        assert_eq!(problems(bad.parse().unwrap_err()), [("sku".into(), Problem::NotASku)]);
    }

    #[test]
    fn a_category_needs_a_slug_and_both_names() {
        let input = CategoryForm {
            slug: "Food".into(),
            name_mn: "Хоол".into(),
            name_en: " ".into(),
        };
        assert_eq!(
            problems(input.parse().unwrap_err()),
            [
                ("slug".into(), Problem::NotASlug),
                ("name_en".into(), Problem::Required)
            ]
        );
    }

    #[test]
    fn a_picture_s_words_are_short_and_its_variant_a_number() {
        let input = PictureForm {
            alt_mn: " Цэнхэр аяга ".into(),
            alt_en: String::new(),
            variant: "12".into(),
        };
        let valid = input.parse().unwrap();
        assert_eq!((valid.alt_mn.as_str(), valid.variant_id), ("Цэнхэр аяга", Some(12)));
        let whole = PictureForm::default().parse().unwrap();
        assert_eq!(whole.variant_id, None);
        let bad = PictureForm {
            alt_mn: "а".repeat(ALT_MAX + 1),
            alt_en: String::new(),
            variant: "blue".into(),
        };
        assert_eq!(
            problems(bad.parse().unwrap_err()),
            [
                ("alt_mn".into(), Problem::TooLong),
                ("variant".into(), Problem::UnknownVariant)
            ]
        );
    }
}
