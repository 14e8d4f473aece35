//! The owner's forms' shared vocabulary: what can be wrong with a field ([`Problem`]), a mistake against its field
//! ([`FieldError`]), and [`Check`], which collects a form's mistakes so all of them show at once, each beside its
//! input. Each section's `form.rs` (`catalog/form.rs`, `codes/form.rs`, …) turns the strings a browser posts into
//! the domain's typed values with these; the shopper's checkout has its own (`checkout/form.rs`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    /// Only lowercase Latin letters, digits and `-` (it is part of the page's address).
    NotASlug,
    /// Only Latin letters, digits, `-` and `_`.
    NotASku,
    /// A whole number of tögrög from 1 to `domain::catalog::PRICE_MAX` (from 0 for a fee).
    NotAPrice,
    /// A whole number from 0 to `domain::catalog::STOCK_MAX`.
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
    /// Not one of the product's variants.
    UnknownVariant,
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
    /// Not `#rrggbb`.
    NotAColour,
    /// Too light for white text on it, or for text in it on the page (WCAG AA, 4.5:1).
    LowContrast,
    /// Not an `https://` link (to the site the field names).
    NotALink,
    /// A day's hours: `09:00-18:00`, empty for closed.
    NotTimes,
    /// The shop's phones: eight digits each, separated by commas.
    NotContactPhones,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`.
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        FieldError {
            field: field.to_owned(),
            problem,
        }
    }
}

/// Collects the mistakes of one form, in the order they are found.
#[derive(Debug, Default)]
pub struct Check(Vec<FieldError>);

impl Check {
    pub fn fail(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    /// `value` trimmed, after `Required` when it is empty and `required`, or `TooLong` when it has more than `max`
    /// characters (not bytes: a Cyrillic letter is two).
    pub fn text(&mut self, field: &str, value: &str, max: usize, required: bool) -> String {
        let value = value.trim();
        if required && value.is_empty() {
            self.fail(field, Problem::Required);
        } else if value.chars().count() > max {
            self.fail(field, Problem::TooLong);
        }
        value.to_owned()
    }

    /// `valid` when no mistake was found, else every mistake.
    pub fn done<T>(self, valid: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(valid) } else { Err(self.0) }
    }
}

/// A checkbox as a form sends it, to fill a form in: `on` when ticked, nothing (the field left out) otherwise.
pub fn ticked(on: bool) -> Option<String> {
    on.then(|| "on".to_owned())
}
