//! Discount codes: whether a code may be used on a basket now, and how an order's discount is shared
//! among its items (each item's QPay invoice lines are priced after its share, `invoice_lines.rs`, and the receipt's
//! VAT is on what is left).
//!
//! A use counts only when its order is paid: placing checks the uses paid so far, and the paid move raises the
//! count only while it is below the limit (`db::discount_codes::count_use`), so of two orders racing for the last
//! use, the second to be paid is flagged for the owner instead of counting.

use super::{Mnt, pricing::CodeKind};

/// The longest code, in characters.
pub const CODE_MAX: usize = 30;
/// More uses than any promotion of a small shop, and far from overflowing a count.
pub const USES_MAX: i64 = 1_000_000;

/// A code as typed: trimmed and upper-case, the form it is stored and shown in.
pub fn normalize(code: &str) -> String {
    code.trim().to_uppercase()
}

/// A new code, checked (the owner's form, `admin/codes/form.rs`), its days still as typed: the caller turns them
/// into times in Ulaanbaatar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCode {
    pub code: String,
    pub kind: CodeKind,
    pub min_order: Option<Mnt>,
    /// `YYYY-MM-DD`: from the start of `starts` to the end of `ends`.
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub max_uses: Option<i64>,
    pub max_uses_per_phone: Option<i64>,
    /// Category and product slugs; both empty: every item.
    pub categories: Vec<String>,
    pub products: Vec<String>,
}

/// What the shop says a code may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRules {
    pub kind: CodeKind,
    pub active: bool,
    /// The goods must come to at least this (before the discount).
    pub min_order: Option<Mnt>,
    /// UTC milliseconds; usable from `starts_at` up to, not including, `ends_at`.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub max_uses: Option<i64>,
    pub max_uses_per_phone: Option<i64>,
}

/// What is known of a code's use when a basket asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeUse {
    pub now_ms: i64,
    pub items: Mnt,
    /// Of `items`, what the code applies to (its categories or products).
    pub eligible: Mnt,
    /// Paid orders that used it, in all and by this phone (when the phone is known yet).
    pub uses: i64,
    pub uses_by_phone: i64,
}

/// Why a code cannot be used; each has a message in the shopper's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum CodeRefusal {
    #[error("no such code")]
    Unknown,
    #[error("the code is switched off")]
    Inactive,
    #[error("the code is not valid yet")]
    NotYet,
    #[error("the code has expired")]
    Expired,
    #[error("the code is used up")]
    UsedUp,
    #[error("this phone has used the code already")]
    UsedUpByPhone,
    #[error("the code needs goods of at least {0}")]
    BelowMinimum(Mnt),
    #[error("the code applies to none of these items")]
    NotApplicable,
    /// A free-delivery code on an order whose delivery is free anyway (a pickup, a fee already waived by the
    /// zone's threshold): it would spend a use on nothing.
    #[error("delivery is free already")]
    DeliveryFreeAlready,
}

impl CodeRules {
    /// The code's discount kind when it may be used for `usage`, or why not.
    pub fn allows(&self, usage: CodeUse) -> Result<CodeKind, CodeRefusal> {
        if !self.active {
            return Err(CodeRefusal::Inactive);
        }
        if self.starts_at.is_some_and(|start| usage.now_ms < start) {
            return Err(CodeRefusal::NotYet);
        }
        if self.ends_at.is_some_and(|end| usage.now_ms >= end) {
            return Err(CodeRefusal::Expired);
        }
        if self.max_uses.is_some_and(|max| usage.uses >= max) {
            return Err(CodeRefusal::UsedUp);
        }
        if self.max_uses_per_phone.is_some_and(|max| usage.uses_by_phone >= max) {
            return Err(CodeRefusal::UsedUpByPhone);
        }
        if let Some(min) = self.min_order.filter(|min| usage.items < *min) {
            return Err(CodeRefusal::BelowMinimum(min));
        }
        // A free-delivery code is about the delivery, not the items.
        if usage.eligible == Mnt::ZERO && self.kind != CodeKind::FreeDelivery {
            return Err(CodeRefusal::NotApplicable);
        }
        Ok(self.kind)
    }
}

/// Shares `discount` among the lines it applies to (`eligible[i]` false: the line gets nothing), in proportion to
/// their totals, in whole tögrög that add up exactly; a remainder goes one tögrög at a time to the lines with the
/// largest fractions, then the earliest. No line gets more than its total.
pub fn spread(discount: Mnt, lines: &[(Mnt, bool)]) -> Vec<Mnt> {
    let base: i128 = lines
        .iter()
        .filter(|(_, eligible)| *eligible)
        .map(|(total, _)| i128::from(total.amount()))
        .sum();
    let discount = i128::from(discount.amount()).min(base);
    if base == 0 || discount == 0 {
        return vec![Mnt::ZERO; lines.len()];
    }
    let mut shares: Vec<(i128, i128)> = lines
        .iter()
        .map(|(total, eligible)| match eligible {
            true => {
                let exact = i128::from(total.amount()) * discount;
                (exact / base, exact % base)
            }
            false => (0, -1),
        })
        .collect();
    let mut left = discount - shares.iter().map(|(whole, _)| whole).sum::<i128>();
    let mut order: Vec<usize> = (0..lines.len()).filter(|i| lines[*i].1).collect();
    order.sort_by(|a, b| shares[*b].1.cmp(&shares[*a].1).then(a.cmp(b)));
    for index in order.into_iter().cycle() {
        if left == 0 {
            break;
        }
        if shares[index].0 < i128::from(lines[index].0.amount()) {
            shares[index].0 += 1;
            left -= 1;
        }
    }
    shares
        .into_iter()
        .map(|(whole, _)| Mnt::new(i64::try_from(whole).unwrap_or(0)).unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricing::Percent;

    fn mnt(amount: i64) -> Mnt {
        Mnt::new(amount).unwrap()
    }

    fn rules() -> CodeRules {
        CodeRules {
            kind: CodeKind::Percent(Percent::new(10).unwrap()),
            active: true,
            min_order: Some(mnt(20_000)),
            starts_at: Some(1_000),
            ends_at: Some(2_000),
            max_uses: Some(3),
            max_uses_per_phone: Some(1),
        }
    }

    fn usage() -> CodeUse {
        CodeUse {
            now_ms: 1_500,
            items: mnt(30_000),
            eligible: mnt(30_000),
            uses: 2,
            uses_by_phone: 0,
        }
    }

    #[test]
    fn a_code_is_refused_for_each_of_its_rules() {
        let off = CodeRules {
            active: false,
            ..rules()
        };
        let free_delivery = CodeRules {
            kind: CodeKind::FreeDelivery,
            ..rules()
        };
        type Case = (CodeRules, CodeUse, Result<CodeKind, CodeRefusal>);
        let cases: [Case; 10] = [
            (rules(), usage(), Ok(rules().kind)),
            (off, usage(), Err(CodeRefusal::Inactive)),
            (rules(), CodeUse { now_ms: 999, ..usage() }, Err(CodeRefusal::NotYet)),
            (
                rules(),
                CodeUse {
                    now_ms: 2_000,
                    ..usage()
                },
                Err(CodeRefusal::Expired),
            ),
            (rules(), CodeUse { uses: 3, ..usage() }, Err(CodeRefusal::UsedUp)),
            (
                rules(),
                CodeUse {
                    uses_by_phone: 1,
                    ..usage()
                },
                Err(CodeRefusal::UsedUpByPhone),
            ),
            (
                rules(),
                CodeUse {
                    items: mnt(19_999),
                    eligible: mnt(19_999),
                    ..usage()
                },
                Err(CodeRefusal::BelowMinimum(mnt(20_000))),
            ),
            (
                rules(),
                CodeUse {
                    eligible: Mnt::ZERO,
                    ..usage()
                },
                Err(CodeRefusal::NotApplicable),
            ),
            (
                free_delivery,
                CodeUse {
                    eligible: Mnt::ZERO,
                    ..usage()
                },
                Ok(CodeKind::FreeDelivery),
            ),
            (
                CodeRules {
                    starts_at: None,
                    ends_at: None,
                    max_uses: None,
                    max_uses_per_phone: None,
                    min_order: None,
                    ..rules()
                },
                CodeUse {
                    now_ms: 0,
                    uses: 1_000,
                    uses_by_phone: 1_000,
                    items: mnt(1),
                    eligible: mnt(1),
                },
                Ok(rules().kind),
            ),
        ];
        for (rules, usage, expected) in cases {
            assert_eq!(rules.allows(usage), expected, "{rules:?} {usage:?}");
        }
    }

    #[test]
    fn codes_are_compared_upper_case_without_spaces() {
        assert_eq!(normalize("  spring10 "), "SPRING10");
        assert_eq!(normalize("хавар"), "ХАВАР");
    }

    #[test]
    fn a_discount_is_shared_in_whole_togrog_that_add_up() {
        let lines = |totals: &[(i64, bool)]| -> Vec<(Mnt, bool)> {
            totals
                .iter()
                .map(|(total, eligible)| (mnt(*total), *eligible))
                .collect()
        };
        type Case<'a> = (i64, &'a [(i64, bool)], &'a [i64]);
        let cases: [Case; 7] = [
            (0, &[(1_000, true)], &[0]),
            (100, &[(1_000, true), (1_000, true)], &[50, 50]),
            // 100 in thirds: 33.3 each, the one left to the first.
            (100, &[(1_000, true), (1_000, true), (1_000, true)], &[34, 33, 33]),
            // 1,235 over 10,000 and 2,345: 1,000.4 and 234.6 → the larger fraction gets the tögrög left.
            (1_235, &[(10_000, true), (2_345, true)], &[1_000, 235]),
            (500, &[(1_000, true), (4_000, false)], &[500, 0]),
            // Never more than a line's total, never more than the eligible lines together.
            (9_999, &[(1_000, true), (4_000, false)], &[1_000, 0]),
            (10, &[(1_000, false)], &[0]),
        ];
        for (discount, totals, expected) in cases {
            let shares = spread(mnt(discount), &lines(totals));
            let got: Vec<i64> = shares.iter().map(|share| share.amount()).collect();
            assert_eq!(got, expected, "{discount} over {totals:?}");
        }
    }
}
