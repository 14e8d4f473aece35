//! The "new discount code" form as a browser posts it, checked into a code (`domain::discount::ValidCode`): every
//! problem reported against its field at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        Mnt,
        catalog::PRICE_MAX,
        discount::{CODE_MAX, USES_MAX, ValidCode, normalize},
        pricing::{CodeKind, Percent},
    },
};

/// The form as posted: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
    /// `percent`, `fixed` or `free-delivery`.
    #[serde(default)]
    pub kind: String,
    /// The percent (1–100) or the amount in ₮; empty for free delivery.
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub min_order: String,
    /// Ulaanbaatar days, `YYYY-MM-DD`: from the start of `starts` to the end of `ends`.
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub max_uses: String,
    #[serde(default)]
    pub max_uses_per_phone: String,
    /// Category and product slugs, comma-separated; both empty: every item.
    #[serde(default)]
    pub categories: String,
    #[serde(default)]
    pub products: String,
}

/// A whole number from 1 to `max`, as typed.
fn number(text: &str, max: i64) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|n| (1..=max).contains(n))
}

/// An amount of ₮ from 1 to [`PRICE_MAX`], as the owner writes it (`20,000₮`).
fn amount(text: &str) -> Option<Mnt> {
    Mnt::parse_input(text).filter(|amount| (1..=PRICE_MAX).contains(&amount.amount()))
}

/// Empty (`None`), or what `parse` reads, `wrong` against `field` when it reads nothing.
fn optional<T>(
    check: &mut Check,
    field: &str,
    text: &str,
    wrong: Problem,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if text.trim().is_empty() {
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        check.fail(field, wrong);
    }
    parsed
}

impl CodeForm {
    /// The code, or every problem with the form. `day_ok` says whether a day is a real `YYYY-MM-DD`.
    pub fn parse(&self, day_ok: impl Fn(&str) -> bool) -> Result<ValidCode, Vec<FieldError>> {
        let mut check = Check::default();
        let code = normalize(&self.code);
        if code.is_empty() {
            check.fail("code", Problem::Required);
        } else if code.chars().count() > CODE_MAX {
            check.fail("code", Problem::TooLong);
        } else if !code.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            check.fail("code", Problem::NotACode);
        }
        let kind = self.code_kind(&mut check);
        let min_order = optional(&mut check, "min_order", &self.min_order, Problem::NotAPrice, amount);
        let count = |text: &str| number(text, USES_MAX);
        let max_uses = optional(&mut check, "max_uses", &self.max_uses, Problem::NotACount, count);
        let per_phone = optional(
            &mut check,
            "max_uses_per_phone",
            &self.max_uses_per_phone,
            Problem::NotACount,
            count,
        );
        let day = |text: &str| Some(text.trim().to_owned()).filter(|day| !day.is_empty());
        let (starts, ends) = (day(&self.starts), day(&self.ends));
        for (field, value) in [("starts", &starts), ("ends", &ends)] {
            if value.as_deref().is_some_and(|d| !day_ok(d)) {
                check.fail(field, Problem::NotADate);
            }
        }
        // `YYYY-MM-DD` days compare as text.
        if let (Some(starts), Some(ends)) = (&starts, &ends)
            && day_ok(starts)
            && day_ok(ends)
            && ends < starts
        {
            check.fail("ends", Problem::EndsBeforeStart);
        }
        let slugs = |text: &str| -> Vec<String> {
            text.split(',')
                .map(|slug| slug.trim().to_lowercase())
                .filter(|slug| !slug.is_empty())
                .collect()
        };
        check.done(ValidCode {
            code,
            // A code without its kind has that problem, so this stand-in is never returned.
            kind: kind.unwrap_or(CodeKind::FreeDelivery),
            min_order,
            starts,
            ends,
            max_uses,
            max_uses_per_phone: per_phone,
            categories: slugs(&self.categories),
            products: slugs(&self.products),
        })
    }

    /// What the code gives, or its problems: `kind` unknown, or a percent or amount `value` that is not one.
    fn code_kind(&self, check: &mut Check) -> Option<CodeKind> {
        let kind = match self.kind.as_str() {
            "percent" => number(&self.value, 100).and_then(Percent::new).map(CodeKind::Percent),
            "fixed" => amount(&self.value).map(CodeKind::Fixed),
            "free-delivery" => Some(CodeKind::FreeDelivery),
            _ => {
                check.fail("kind", Problem::Required);
                return None;
            }
        };
        if kind.is_none() {
            let wrong = if self.kind == "percent" {
                Problem::NotAPercent
            } else {
                Problem::NotAPrice
            };
            check.fail("value", wrong);
        }
        kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_ok(day: &str) -> bool {
        day.len() == 10 && day.starts_with("2026-")
    }

    fn input() -> CodeForm {
        CodeForm {
            code: " spring10 ".into(),
            kind: "percent".into(),
            value: "10".into(),
            min_order: "20000".into(),
            starts: "2026-12-01".into(),
            ends: "2026-12-31".into(),
            max_uses: "100".into(),
            max_uses_per_phone: "1".into(),
            categories: "dairy, Honey".into(),
            products: "".into(),
        }
    }

    #[test]
    fn a_complete_form_gives_the_code_upper_case() {
        let code = input().parse(day_ok).unwrap();
        assert_eq!(code.code, "SPRING10");
        assert_eq!(code.kind, CodeKind::Percent(Percent::new(10).unwrap()));
        assert_eq!(code.min_order, Mnt::new(20_000).ok());
        assert_eq!((code.max_uses, code.max_uses_per_phone), (Some(100), Some(1)));
        assert_eq!(code.categories, ["dairy", "honey"]);
        let free = CodeForm {
            kind: "free-delivery".into(),
            value: "".into(),
            min_order: "".into(),
            starts: "".into(),
            ends: "".into(),
            max_uses: "".into(),
            max_uses_per_phone: "".into(),
            ..input()
        };
        let free = free.parse(day_ok).unwrap();
        assert_eq!(free.kind, CodeKind::FreeDelivery);
        assert_eq!((free.min_order, free.starts, free.max_uses), (None, None, None));
        let fixed = CodeForm {
            kind: "fixed".into(),
            value: "5,000₮".into(),
            min_order: "20 000".into(),
            ..input()
        };
        let fixed = fixed.parse(day_ok).unwrap();
        assert_eq!(
            fixed.kind,
            CodeKind::Fixed(Mnt::new(5_000).unwrap()),
            "amounts as the owner writes them"
        );
        assert_eq!(fixed.min_order, Mnt::new(20_000).ok());
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let field = |errors: Vec<FieldError>| -> Vec<(String, Problem)> {
            errors.into_iter().map(|e| (e.field, e.problem)).collect()
        };
        type Case = (CodeForm, Vec<(&'static str, Problem)>);
        let cases: Vec<Case> = vec![
            (
                CodeForm {
                    code: "".into(),
                    value: "101".into(),
                    ..input()
                },
                vec![("code", Problem::Required), ("value", Problem::NotAPercent)],
            ),
            (
                CodeForm {
                    code: "SPRING 10".into(),
                    kind: "fixed".into(),
                    value: "-5".into(),
                    ..input()
                },
                vec![("code", Problem::NotACode), ("value", Problem::NotAPrice)],
            ),
            (
                CodeForm {
                    kind: "gift".into(),
                    max_uses: "0".into(),
                    starts: "2026-12-31".into(),
                    ends: "2026-12-01".into(),
                    ..input()
                },
                vec![
                    ("kind", Problem::Required),
                    ("max_uses", Problem::NotACount),
                    ("ends", Problem::EndsBeforeStart),
                ],
            ),
            (
                CodeForm {
                    starts: "tomorrow".into(),
                    min_order: "many".into(),
                    ..input()
                },
                vec![("min_order", Problem::NotAPrice), ("starts", Problem::NotADate)],
            ),
        ];
        for (input, expected) in cases {
            let expected: Vec<(String, Problem)> = expected.into_iter().map(|(f, p)| (f.into(), p)).collect();
            assert_eq!(field(input.parse(day_ok).unwrap_err()), expected, "{input:?}");
        }
    }
}
