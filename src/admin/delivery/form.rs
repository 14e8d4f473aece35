//! The delivery forms as a browser posts them (a zone, a pickup point, countryside delivery: every field a string, a
//! checkbox sent only when ticked), checked into the domain's values (`domain::delivery`): every problem reported
//! against its field at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        Mnt,
        catalog::{NAME_MAX, PRICE_MAX},
        delivery::{ValidCountryside, ValidPickup, ValidZone, parse_aimag_fees, parse_areas},
    },
};

/// A delivery zone as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneForm {
    #[serde(default)]
    pub name_mn: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub fee: String,
    #[serde(default)]
    pub free_from: String,
    #[serde(default)]
    pub promise_mn: String,
    #[serde(default)]
    pub promise_en: String,
    /// District codes, comma-separated; `khan-uul:17` for one khoroo.
    #[serde(default)]
    pub areas: String,
    /// The checkbox: sent (`on`) only when ticked.
    #[serde(default)]
    pub active: Option<String>,
}

/// A pickup point as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupForm {
    #[serde(default)]
    pub name_mn: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub address_mn: String,
    #[serde(default)]
    pub address_en: String,
    #[serde(default)]
    pub hours_mn: String,
    #[serde(default)]
    pub hours_en: String,
    #[serde(default)]
    pub active: Option<String>,
}

/// Countryside delivery as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountrysideForm {
    #[serde(default)]
    pub fee: String,
    #[serde(default)]
    pub free_from: String,
    #[serde(default)]
    pub method_mn: String,
    #[serde(default)]
    pub method_en: String,
    #[serde(default)]
    pub promise_mn: String,
    #[serde(default)]
    pub promise_en: String,
    /// `aimag=fee`, comma-separated, for aimags with a fee of their own.
    #[serde(default)]
    pub fees: String,
    #[serde(default)]
    pub active: Option<String>,
}

/// Whole tögrög from `min` to [`PRICE_MAX`], as the owner writes them (`5,000₮`).
fn amount(value: &str, min: i64) -> Option<Mnt> {
    Mnt::parse_input(value).filter(|amount| (min..=PRICE_MAX).contains(&amount.amount()))
}

/// A fee: whole tögrög from 0.
fn fee(check: &mut Check, field: &str, value: &str) -> Mnt {
    amount(value, 0).unwrap_or_else(|| {
        check.fail(field, Problem::NotAPrice);
        Mnt::ZERO
    })
}

/// An optional threshold: empty, or whole tögrög from 1.
fn threshold(check: &mut Check, field: &str, value: &str) -> Option<Mnt> {
    if value.trim().is_empty() {
        return None;
    }
    let threshold = amount(value, 1);
    if threshold.is_none() {
        check.fail(field, Problem::NotAPrice);
    }
    threshold
}

/// The English text, or the Mongolian when it was left empty.
fn or_mn(en: String, mn: &str) -> String {
    if en.is_empty() { mn.to_owned() } else { en }
}

impl ZoneForm {
    pub fn parse(&self) -> Result<ValidZone, Vec<FieldError>> {
        let mut check = Check::default();
        let name_mn = check.text("name_mn", &self.name_mn, NAME_MAX, true);
        let name_en = check.text("name_en", &self.name_en, NAME_MAX, false);
        let fee = fee(&mut check, "fee", &self.fee);
        let free_from = threshold(&mut check, "free_from", &self.free_from);
        let promise_mn = check.text("promise_mn", &self.promise_mn, NAME_MAX, false);
        let promise_en = check.text("promise_en", &self.promise_en, NAME_MAX, false);
        let areas = parse_areas(&self.areas).unwrap_or_else(|| {
            check.fail("areas", Problem::UnknownDistrict);
            Vec::new()
        });
        check.done(ValidZone {
            name_en: or_mn(name_en, &name_mn),
            name_mn,
            fee,
            free_from,
            promise_en: or_mn(promise_en, &promise_mn),
            promise_mn,
            areas,
            active: self.active.is_some(),
        })
    }
}

impl PickupForm {
    pub fn parse(&self) -> Result<ValidPickup, Vec<FieldError>> {
        let mut check = Check::default();
        let name_mn = check.text("name_mn", &self.name_mn, NAME_MAX, true);
        let address_mn = check.text("address_mn", &self.address_mn, NAME_MAX, true);
        let hours_mn = check.text("hours_mn", &self.hours_mn, NAME_MAX, false);
        let name_en = check.text("name_en", &self.name_en, NAME_MAX, false);
        let address_en = check.text("address_en", &self.address_en, NAME_MAX, false);
        let hours_en = check.text("hours_en", &self.hours_en, NAME_MAX, false);
        check.done(ValidPickup {
            name_en: or_mn(name_en, &name_mn),
            address_en: or_mn(address_en, &address_mn),
            hours_en: or_mn(hours_en, &hours_mn),
            name_mn,
            address_mn,
            hours_mn,
            active: self.active.is_some(),
        })
    }
}

impl CountrysideForm {
    pub fn parse(&self) -> Result<ValidCountryside, Vec<FieldError>> {
        let mut check = Check::default();
        let fee = fee(&mut check, "fee", &self.fee);
        let free_from = threshold(&mut check, "free_from", &self.free_from);
        let method_mn = check.text("method_mn", &self.method_mn, NAME_MAX, true);
        let method_en = check.text("method_en", &self.method_en, NAME_MAX, false);
        let promise_mn = check.text("promise_mn", &self.promise_mn, NAME_MAX, false);
        let promise_en = check.text("promise_en", &self.promise_en, NAME_MAX, false);
        let fees = parse_aimag_fees(&self.fees).unwrap_or_else(|| {
            check.fail("fees", Problem::UnknownAimag);
            Vec::new()
        });
        check.done(ValidCountryside {
            fee,
            free_from,
            method_en: or_mn(method_en, &method_mn),
            method_mn,
            promise_en: or_mn(promise_en, &promise_mn),
            promise_mn,
            fees,
            active: self.active.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::form::ticked;

    fn problems(errors: Vec<FieldError>) -> Vec<(String, Problem)> {
        errors.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_zone_names_its_districts_and_khoroos() {
        let zone = ZoneForm {
            name_mn: " Төв ".into(),
            fee: "5000".into(),
            free_from: "100000".into(),
            promise_mn: "Өнөөдөр".into(),
            areas: "bayangol, Khan-Uul:17, khan-uul:17".into(),
            active: ticked(true),
            ..ZoneForm::default()
        }
        .parse()
        .unwrap();
        assert_eq!((zone.name_mn.as_str(), zone.name_en.as_str()), ("Төв", "Төв"));
        assert_eq!(
            (zone.fee, zone.free_from),
            (Mnt::new(5_000).unwrap(), Mnt::new(100_000).ok())
        );
        assert_eq!(zone.areas, [("bayangol".to_owned(), 0), ("khan-uul".to_owned(), 17)]);
        assert!(zone.active);
        let free = ZoneForm {
            name_mn: "Free".into(),
            fee: "0".into(),
            ..ZoneForm::default()
        };
        assert_eq!(free.parse().unwrap().fee, Mnt::ZERO, "a zone may deliver free");
        let written = ZoneForm {
            name_mn: "Төв".into(),
            fee: "5,000₮".into(),
            free_from: "100 000".into(),
            ..ZoneForm::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            (written.fee, written.free_from),
            (Mnt::new(5_000).unwrap(), Mnt::new(100_000).ok()),
            "amounts as the owner writes them"
        );
    }

    #[test]
    fn every_problem_of_a_delivery_form_is_named() {
        type Case = (Result<(), Vec<FieldError>>, Vec<(&'static str, Problem)>);
        let zone = ZoneForm {
            fee: "-1".into(),
            free_from: "0".into(),
            areas: "bayangol, darkhan".into(),
            ..ZoneForm::default()
        };
        let pickup = PickupForm {
            name_mn: "x".repeat(NAME_MAX + 1),
            ..PickupForm::default()
        };
        let countryside = CountrysideForm {
            fee: "12000".into(),
            method_mn: "Шуудан".into(),
            fees: "orkhon=8000, gobi=5000".into(),
            ..CountrysideForm::default()
        };
        let cases: [Case; 3] = [
            (
                zone.parse().map(|_| ()),
                vec![
                    ("name_mn", Problem::Required),
                    ("fee", Problem::NotAPrice),
                    ("free_from", Problem::NotAPrice),
                    ("areas", Problem::UnknownDistrict),
                ],
            ),
            (
                pickup.parse().map(|_| ()),
                vec![("name_mn", Problem::TooLong), ("address_mn", Problem::Required)],
            ),
            (countryside.parse().map(|_| ()), vec![("fees", Problem::UnknownAimag)]),
        ];
        for (got, expected) in cases {
            let expected: Vec<(String, Problem)> = expected.into_iter().map(|(f, p)| (f.into(), p)).collect();
            assert_eq!(problems(got.unwrap_err()), expected);
        }
        let fees = CountrysideForm {
            fees: "orkhon=8000, TUV=0".into(),
            ..countryside
        };
        assert_eq!(
            fees.parse().unwrap().fees,
            [
                ("orkhon".to_owned(), Mnt::new(8_000).unwrap()),
                ("tuv".to_owned(), Mnt::ZERO)
            ]
        );
    }

    #[test]
    fn a_pickup_point_in_english_falls_back_to_mongolian() {
        let point = PickupForm {
            name_mn: "Төв дэлгүүр".into(),
            address_mn: "Сүхбаатарын талбай 1".into(),
            hours_en: " 10–20 ".into(),
            ..PickupForm::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            (
                point.name_en.as_str(),
                point.address_en.as_str(),
                point.hours_en.as_str()
            ),
            ("Төв дэлгүүр", "Сүхбаатарын талбай 1", "10–20")
        );
        assert!(!point.active);
    }
}
