//! The owner's terms on an order they make, as the draft's form posts them beside the customer's (checkout's)
//! fields, checked into `DraftTerms` (`domain::draft`): every problem at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        Mnt,
        catalog::PRICE_MAX,
        draft::{DraftTerms, REASON_MAX},
    },
};

/// The owner's terms as typed: every field a string, as a browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftTermsForm {
    /// The delivery fee in ₮; empty takes the zone's fee, as checkout does.
    #[serde(default)]
    pub fee: String,
    /// Taken off the items, in ₮; empty is none.
    #[serde(default)]
    pub discount: String,
    #[serde(default)]
    pub reason: String,
}

/// Whole tögrög from 0 to [`PRICE_MAX`], as the owner writes them (`7,000₮`).
fn amount(typed: &str) -> Option<Mnt> {
    Mnt::parse_input(typed).filter(|amount| amount.amount() <= PRICE_MAX)
}

impl DraftTermsForm {
    /// The terms, or every problem with them: a fee or discount that is not whole tögrög from 0, a discount
    /// without its reason, a reason longer than a line.
    pub fn parse(&self) -> Result<DraftTerms, Vec<FieldError>> {
        let mut check = Check::default();
        let fee = match self.fee.trim() {
            "" => None,
            typed => {
                let fee = amount(typed);
                if fee.is_none() {
                    check.fail("fee", Problem::NotAPrice);
                }
                fee
            }
        };
        let discount = match self.discount.trim() {
            "" => Some(Mnt::ZERO),
            typed => amount(typed),
        };
        if discount.is_none() {
            check.fail("discount", Problem::NotAPrice);
        }
        let discount = discount.unwrap_or(Mnt::ZERO);
        let reason = self.reason.trim();
        if discount > Mnt::ZERO && reason.is_empty() {
            check.fail("reason", Problem::Required);
        } else if reason.chars().count() > REASON_MAX || reason.contains(['\n', '\r']) {
            check.fail("reason", Problem::TooLong);
        }
        check.done(DraftTerms {
            fee,
            discount,
            reason: (discount > Mnt::ZERO).then(|| reason.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(fee: &str, discount: &str, reason: &str) -> DraftTermsForm {
        DraftTermsForm {
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
                .map(|(field, problem)| FieldError::new(field, *problem))
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
}
