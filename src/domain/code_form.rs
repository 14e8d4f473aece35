//! What the owner types into the "new discount code" form, checked: every problem reported against its field at
//! once, as the catalog forms do (`domain::catalog::FieldError`).

use serde::{Deserialize, Serialize};

use super::{
    Mnt,
    catalog::{FieldError, PRICE_MAX, Problem},
    pricing::{CodeKind, Percent},
};

pub const CODE_MAX: usize = 30;
/// More uses than any promotion of a small shop, and far from overflowing a count.
pub const USES_MAX: i64 = 1_000_000;

/// The form as posted: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeInput {
    pub code: String,
    /// `percent`, `fixed` or `free-delivery`.
    pub kind: String,
    /// The percent (1–100) or the amount in ₮; empty for free delivery.
    pub value: String,
    pub min_order: String,
    /// Ulaanbaatar days, `YYYY-MM-DD`: from the start of `starts` to the end of `ends`.
    pub starts: String,
    pub ends: String,
    pub max_uses: String,
    pub max_uses_per_phone: String,
    /// Category and product slugs, comma-separated; both empty: every item.
    pub categories: String,
    pub products: String,
}

/// A checked code, its days still as typed (the caller turns them into times in Ulaanbaatar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCode {
    pub code: String,
    pub kind: CodeKind,
    pub min_order: Option<Mnt>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub max_uses: Option<i64>,
    pub max_uses_per_phone: Option<i64>,
    pub categories: Vec<String>,
    pub products: Vec<String>,
}

impl CodeInput {
    /// The code, or every problem with the form. `day_ok` says whether a day is a real `YYYY-MM-DD`.
    pub fn validate(&self, day_ok: impl Fn(&str) -> bool) -> Result<ValidCode, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut problem = |field: &str, problem: Problem| {
            errors.push(FieldError {
                field: field.into(),
                problem,
            })
        };
        let code = super::discount::normalize(&self.code);
        if code.is_empty() {
            problem("code", Problem::Required);
        } else if code.chars().count() > CODE_MAX {
            problem("code", Problem::TooLong);
        } else if !code.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            problem("code", Problem::NotACode);
        }
        let number = |text: &str, max: i64| text.trim().parse::<i64>().ok().filter(|n| (1..=max).contains(n));
        let kind = match self.kind.as_str() {
            "percent" => number(&self.value, 100).and_then(Percent::new).map(CodeKind::Percent),
            "fixed" => number(&self.value, PRICE_MAX)
                .and_then(|amount| Mnt::new(amount).ok())
                .map(CodeKind::Fixed),
            "free-delivery" => Some(CodeKind::FreeDelivery),
            _ => {
                problem("kind", Problem::Required);
                None
            }
        };
        if kind.is_none() && matches!(self.kind.as_str(), "percent" | "fixed") {
            let wrong = if self.kind == "percent" {
                Problem::NotAPercent
            } else {
                Problem::NotAPrice
            };
            problem("value", wrong);
        }
        let mut optional = |field: &str, text: &str, max: i64, wrong: Problem| {
            if text.trim().is_empty() {
                return None;
            }
            let parsed = number(text, max);
            if parsed.is_none() {
                problem(field, wrong);
            }
            parsed
        };
        let min_order = optional("min_order", &self.min_order, PRICE_MAX, Problem::NotAPrice);
        let max_uses = optional("max_uses", &self.max_uses, USES_MAX, Problem::NotACount);
        let per_phone = optional(
            "max_uses_per_phone",
            &self.max_uses_per_phone,
            USES_MAX,
            Problem::NotACount,
        );
        let day = |text: &str| Some(text.trim().to_owned()).filter(|day| !day.is_empty());
        let (starts, ends) = (day(&self.starts), day(&self.ends));
        for (field, value) in [("starts", &starts), ("ends", &ends)] {
            if value.as_deref().is_some_and(|d| !day_ok(d)) {
                problem(field, Problem::NotADate);
            }
        }
        // `YYYY-MM-DD` days compare as text.
        if let (Some(starts), Some(ends)) = (&starts, &ends)
            && day_ok(starts)
            && day_ok(ends)
            && ends < starts
        {
            problem("ends", Problem::EndsBeforeStart);
        }
        let slugs = |text: &str| -> Vec<String> {
            text.split(',')
                .map(|slug| slug.trim().to_lowercase())
                .filter(|slug| !slug.is_empty())
                .collect()
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(ValidCode {
                code,
                kind,
                min_order: min_order.and_then(|amount| Mnt::new(amount).ok()),
                starts,
                ends,
                max_uses,
                max_uses_per_phone: per_phone,
                categories: slugs(&self.categories),
                products: slugs(&self.products),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_ok(day: &str) -> bool {
        day.len() == 10 && day.starts_with("2026-")
    }

    fn input() -> CodeInput {
        CodeInput {
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
        let code = input().validate(day_ok).unwrap();
        assert_eq!(code.code, "SPRING10");
        assert_eq!(code.kind, CodeKind::Percent(Percent::new(10).unwrap()));
        assert_eq!(code.min_order, Mnt::new(20_000).ok());
        assert_eq!((code.max_uses, code.max_uses_per_phone), (Some(100), Some(1)));
        assert_eq!(code.categories, ["dairy", "honey"]);
        let free = CodeInput {
            kind: "free-delivery".into(),
            value: "".into(),
            min_order: "".into(),
            starts: "".into(),
            ends: "".into(),
            max_uses: "".into(),
            max_uses_per_phone: "".into(),
            ..input()
        };
        let free = free.validate(day_ok).unwrap();
        assert_eq!(free.kind, CodeKind::FreeDelivery);
        assert_eq!((free.min_order, free.starts, free.max_uses), (None, None, None));
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let field = |errors: Vec<FieldError>| -> Vec<(String, Problem)> {
            errors.into_iter().map(|e| (e.field, e.problem)).collect()
        };
        type Case = (CodeInput, Vec<(&'static str, Problem)>);
        let cases: Vec<Case> = vec![
            (
                CodeInput {
                    code: "".into(),
                    value: "101".into(),
                    ..input()
                },
                vec![("code", Problem::Required), ("value", Problem::NotAPercent)],
            ),
            (
                CodeInput {
                    code: "SPRING 10".into(),
                    kind: "fixed".into(),
                    value: "-5".into(),
                    ..input()
                },
                vec![("code", Problem::NotACode), ("value", Problem::NotAPrice)],
            ),
            (
                CodeInput {
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
                CodeInput {
                    starts: "tomorrow".into(),
                    min_order: "many".into(),
                    ..input()
                },
                vec![("min_order", Problem::NotAPrice), ("starts", Problem::NotADate)],
            ),
        ];
        for (input, expected) in cases {
            let expected: Vec<(String, Problem)> = expected.into_iter().map(|(f, p)| (f.into(), p)).collect();
            assert_eq!(field(input.validate(day_ok).unwrap_err()), expected, "{input:?}");
        }
    }
}
