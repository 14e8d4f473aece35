//! What the owner types into the delivery forms (a zone, a pickup point, countryside delivery), checked: every
//! problem reported against its field at once, as the catalog forms do.

use serde::{Deserialize, Serialize};

use super::{
    District, Mnt,
    aimag::AIMAGS,
    catalog::{FieldError, NAME_MAX, PRICE_MAX, Problem},
    delivery::WHOLE_DISTRICT,
};

/// A delivery zone as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneInput {
    pub name_mn: String,
    pub name_en: String,
    pub fee: String,
    pub free_from: String,
    pub promise_mn: String,
    pub promise_en: String,
    /// District codes, comma-separated; `khan-uul:17` for one khoroo.
    pub areas: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidZone {
    pub name_mn: String,
    pub name_en: String,
    pub fee: Mnt,
    pub free_from: Option<Mnt>,
    pub promise_mn: String,
    pub promise_en: String,
    /// (district code, khoroo or [`WHOLE_DISTRICT`]).
    pub areas: Vec<(String, i64)>,
    pub active: bool,
}

/// A pickup point as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupInput {
    pub name_mn: String,
    pub name_en: String,
    pub address_mn: String,
    pub address_en: String,
    pub hours_mn: String,
    pub hours_en: String,
    pub active: bool,
}

/// Countryside delivery as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountrysideInput {
    pub fee: String,
    pub free_from: String,
    pub method_mn: String,
    pub method_en: String,
    pub promise_mn: String,
    pub promise_en: String,
    /// `aimag=fee`, comma-separated, for aimags with a fee of their own.
    pub fees: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCountryside {
    pub fee: Mnt,
    pub free_from: Option<Mnt>,
    pub method_mn: String,
    pub method_en: String,
    pub promise_mn: String,
    pub promise_en: String,
    pub fees: Vec<(String, Mnt)>,
    pub active: bool,
}

/// Collects the problems of one form.
struct Check(Vec<FieldError>);

impl Check {
    fn problem(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.into(),
            problem,
        });
    }

    fn text(&mut self, field: &str, value: &str, required: bool) -> String {
        let value = value.trim();
        if required && value.is_empty() {
            self.problem(field, Problem::Required);
        } else if value.chars().count() > NAME_MAX {
            self.problem(field, Problem::TooLong);
        }
        value.to_owned()
    }

    /// A fee: whole tögrög from 0.
    fn fee(&mut self, field: &str, value: &str) -> Mnt {
        match amount(value, 0) {
            Some(fee) => fee,
            None => {
                self.problem(field, Problem::NotAPrice);
                Mnt::ZERO
            }
        }
    }

    /// An optional threshold: empty, or whole tögrög from 1.
    fn threshold(&mut self, field: &str, value: &str) -> Option<Mnt> {
        if value.trim().is_empty() {
            return None;
        }
        let threshold = amount(value, 1);
        if threshold.is_none() {
            self.problem(field, Problem::NotAPrice);
        }
        threshold
    }

    fn done<T>(self, valid: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(valid) } else { Err(self.0) }
    }
}

fn amount(value: &str, min: i64) -> Option<Mnt> {
    let amount = value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|a| (min..=PRICE_MAX).contains(a))?;
    Mnt::new(amount).ok()
}

impl ZoneInput {
    pub fn validate(&self) -> Result<ValidZone, Vec<FieldError>> {
        let mut check = Check(Vec::new());
        let name_mn = check.text("name_mn", &self.name_mn, true);
        let name_en = check.text("name_en", &self.name_en, false);
        let fee = check.fee("fee", &self.fee);
        let free_from = check.threshold("free_from", &self.free_from);
        let promise_mn = check.text("promise_mn", &self.promise_mn, false);
        let promise_en = check.text("promise_en", &self.promise_en, false);
        let mut areas = Vec::new();
        for area in self.areas.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            let (district, khoroo) = match area.split_once(':') {
                Some((district, khoroo)) => (district.trim(), khoroo.trim().parse::<i64>().ok()),
                None => (area, Some(WHOLE_DISTRICT)),
            };
            let district = District::by_code(&district.to_lowercase());
            match (district, khoroo) {
                (Some(district), Some(khoroo)) if (0..=45).contains(&khoroo) => {
                    let area = (district.code.to_owned(), khoroo);
                    if !areas.contains(&area) {
                        areas.push(area);
                    }
                }
                _ => {
                    check.problem("areas", Problem::UnknownDistrict);
                    break;
                }
            }
        }
        check.done(ValidZone {
            name_en: if name_en.is_empty() { name_mn.clone() } else { name_en },
            name_mn,
            fee,
            free_from,
            promise_en: if promise_en.is_empty() {
                promise_mn.clone()
            } else {
                promise_en
            },
            promise_mn,
            areas,
            active: self.active,
        })
    }
}

impl PickupInput {
    pub fn validate(&self) -> Result<PickupInput, Vec<FieldError>> {
        let mut check = Check(Vec::new());
        let name_mn = check.text("name_mn", &self.name_mn, true);
        let address_mn = check.text("address_mn", &self.address_mn, true);
        let hours_mn = check.text("hours_mn", &self.hours_mn, false);
        let or = |en: String, mn: &str| if en.is_empty() { mn.to_owned() } else { en };
        let valid = PickupInput {
            name_en: or(check.text("name_en", &self.name_en, false), &name_mn),
            address_en: or(check.text("address_en", &self.address_en, false), &address_mn),
            hours_en: or(check.text("hours_en", &self.hours_en, false), &hours_mn),
            name_mn,
            address_mn,
            hours_mn,
            active: self.active,
        };
        check.done(valid)
    }
}

impl CountrysideInput {
    pub fn validate(&self) -> Result<ValidCountryside, Vec<FieldError>> {
        let mut check = Check(Vec::new());
        let fee = check.fee("fee", &self.fee);
        let free_from = check.threshold("free_from", &self.free_from);
        let method_mn = check.text("method_mn", &self.method_mn, true);
        let method_en = check.text("method_en", &self.method_en, false);
        let promise_mn = check.text("promise_mn", &self.promise_mn, false);
        let promise_en = check.text("promise_en", &self.promise_en, false);
        let mut fees = Vec::new();
        for pair in self.fees.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (aimag, fee) = pair.split_once('=').unwrap_or((pair, ""));
            let aimag = AIMAGS.iter().find(|a| a.code == aimag.trim().to_lowercase());
            match (aimag, amount(fee, 0)) {
                (Some(aimag), Some(fee)) => fees.push((aimag.code.to_owned(), fee)),
                _ => {
                    check.problem("fees", Problem::UnknownAimag);
                    break;
                }
            }
        }
        check.done(ValidCountryside {
            fee,
            free_from,
            method_en: if method_en.is_empty() {
                method_mn.clone()
            } else {
                method_en
            },
            method_mn,
            promise_en: if promise_en.is_empty() {
                promise_mn.clone()
            } else {
                promise_en
            },
            promise_mn,
            fees,
            active: self.active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(errors: Vec<FieldError>) -> Vec<(String, Problem)> {
        errors.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_zone_names_its_districts_and_khoroos() {
        let zone = ZoneInput {
            name_mn: " Төв ".into(),
            fee: "5000".into(),
            free_from: "100000".into(),
            promise_mn: "Өнөөдөр".into(),
            areas: "bayangol, Khan-Uul:17, khan-uul:17".into(),
            active: true,
            ..ZoneInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!((zone.name_mn.as_str(), zone.name_en.as_str()), ("Төв", "Төв"));
        assert_eq!(
            (zone.fee, zone.free_from),
            (Mnt::new(5_000).unwrap(), Mnt::new(100_000).ok())
        );
        assert_eq!(zone.areas, [("bayangol".to_owned(), 0), ("khan-uul".to_owned(), 17)]);
        let free = ZoneInput {
            name_mn: "Free".into(),
            fee: "0".into(),
            ..ZoneInput::default()
        };
        assert_eq!(free.validate().unwrap().fee, Mnt::ZERO, "a zone may deliver free");
    }

    #[test]
    fn every_problem_of_a_delivery_form_is_named() {
        type Case = (Result<(), Vec<FieldError>>, Vec<(&'static str, Problem)>);
        let zone = ZoneInput {
            fee: "-1".into(),
            free_from: "0".into(),
            areas: "bayangol, darkhan".into(),
            ..ZoneInput::default()
        };
        let pickup = PickupInput {
            name_mn: "x".repeat(NAME_MAX + 1),
            ..PickupInput::default()
        };
        let countryside = CountrysideInput {
            fee: "12000".into(),
            method_mn: "Шуудан".into(),
            fees: "orkhon=8000, gobi=5000".into(),
            ..CountrysideInput::default()
        };
        let cases: [Case; 3] = [
            (
                zone.validate().map(|_| ()),
                vec![
                    ("name_mn", Problem::Required),
                    ("fee", Problem::NotAPrice),
                    ("free_from", Problem::NotAPrice),
                    ("areas", Problem::UnknownDistrict),
                ],
            ),
            (
                pickup.validate().map(|_| ()),
                vec![("name_mn", Problem::TooLong), ("address_mn", Problem::Required)],
            ),
            (
                countryside.validate().map(|_| ()),
                vec![("fees", Problem::UnknownAimag)],
            ),
        ];
        for (got, expected) in cases {
            let expected: Vec<(String, Problem)> = expected.into_iter().map(|(f, p)| (f.into(), p)).collect();
            assert_eq!(problems(got.unwrap_err()), expected);
        }
        let fees = CountrysideInput {
            fees: "orkhon=8000, TUV=0".into(),
            ..countryside
        };
        assert_eq!(
            fees.validate().unwrap().fees,
            [
                ("orkhon".to_owned(), Mnt::new(8_000).unwrap()),
                ("tuv".to_owned(), Mnt::ZERO)
            ]
        );
    }
}
