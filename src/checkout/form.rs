//! The checkout form: what the shopper typed, checked field by field. Every problem is reported at once, next to
//! its field, in the shopper's language.

use serde::{Deserialize, Serialize};

use super::{CustomerDetails, Delivery};
use crate::{
    domain::{
        District, Phone,
        ebarimt::{Receiver, RegisterNo, RegisterNoError},
        phone::PhoneError,
    },
    i18n::Lang,
};

/// The form as posted: every field a string, as a browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// `delivery` or `pickup`.
    #[serde(default)]
    pub delivery: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub khoroo: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub note: String,
    /// The e-barimt receipt, asked only when e-barimt is on: `citizen` or `company`; empty when not asked.
    #[serde(default)]
    pub receipt: String,
    /// A company's register number, for a company receipt.
    #[serde(default)]
    pub register_no: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Phone,
    Email,
    Delivery,
    District,
    Khoroo,
    Address,
    Note,
    Receipt,
    RegisterNo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooLong(usize),
    PhoneLength,
    PhoneNotMobile,
    EmailInvalid,
    UnknownDistrict,
    KhorooInvalid,
    RegisterNoLength,
    RegisterNoDigits,
}

impl FieldError {
    pub fn message(self, lang: Lang) -> String {
        let mn = lang == Lang::Mn;
        match self {
            FieldError::Required => if mn {
                "Заавал бөглөнө үү."
            } else {
                "Please fill this in."
            }
            .into(),
            FieldError::TooLong(max) if mn => format!("{max} тэмдэгтээс ихгүй байна."),
            FieldError::TooLong(max) => format!("At most {max} characters."),
            FieldError::PhoneLength => if mn {
                "Утасны дугаар 8 оронтой байна."
            } else {
                "A phone number has 8 digits."
            }
            .into(),
            FieldError::PhoneNotMobile => if mn {
                "Гар утасны дугаар 6, 8 эсвэл 9-өөр эхэлнэ."
            } else {
                "A mobile number starts with 6, 8 or 9."
            }
            .into(),
            FieldError::EmailInvalid => if mn {
                "Имэйл хаяг буруу байна."
            } else {
                "This is not an e-mail address."
            }
            .into(),
            FieldError::UnknownDistrict => if mn {
                "Дүүргээ сонгоно уу."
            } else {
                "Please choose a district."
            }
            .into(),
            FieldError::KhorooInvalid => if mn {
                "Хорооны дугаар 1-45 хооронд байна."
            } else {
                "A khoroo number is between 1 and 45."
            }
            .into(),
            FieldError::RegisterNoLength => if mn {
                "Байгууллагын регистрийн дугаар 7 оронтой байна."
            } else {
                "A company register number has 7 digits."
            }
            .into(),
            FieldError::RegisterNoDigits => if mn {
                "Регистрийн дугаар зөвхөн цифрээс бүрдэнэ."
            } else {
                "A register number has digits only."
            }
            .into(),
        }
    }
}

pub type FieldErrors = Vec<(Field, FieldError)>;

impl CheckoutForm {
    /// The shopper's details, or every problem with the form.
    pub fn validate(&self) -> Result<CustomerDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required(&mut errors, Field::Name, &self.name, 100);
        let phone = match Phone::parse(&self.phone) {
            Ok(phone) => Some(phone),
            Err(_) if self.phone.trim().is_empty() => {
                errors.push((Field::Phone, FieldError::Required));
                None
            }
            Err(PhoneError::Length) => {
                errors.push((Field::Phone, FieldError::PhoneLength));
                None
            }
            Err(PhoneError::NotMobile) => {
                errors.push((Field::Phone, FieldError::PhoneNotMobile));
                None
            }
        };
        let email = optional(&mut errors, Field::Email, &self.email, 255);
        if email.as_deref().is_some_and(|e| !looks_like_email(e)) {
            errors.push((Field::Email, FieldError::EmailInvalid));
        }
        let note = optional(&mut errors, Field::Note, &self.note, 1000);
        let delivery = match self.delivery.as_str() {
            "pickup" => Some(Delivery::Pickup),
            "delivery" => {
                let district = District::by_code(self.district.trim()).map(|d| d.code);
                if district.is_none() {
                    errors.push((Field::District, FieldError::UnknownDistrict));
                }
                let khoroo = self.khoroo.trim().parse::<u8>().ok().filter(|k| (1..=45).contains(k));
                if khoroo.is_none() {
                    let error = if self.khoroo.trim().is_empty() {
                        FieldError::Required
                    } else {
                        FieldError::KhorooInvalid
                    };
                    errors.push((Field::Khoroo, error));
                }
                let address = required(&mut errors, Field::Address, &self.address, 500);
                match (district, khoroo, address) {
                    (Some(district), Some(khoroo), Some(address)) => Some(Delivery::Ulaanbaatar {
                        district: district.into(),
                        khoroo: khoroo.to_string(),
                        address,
                    }),
                    _ => None,
                }
            }
            _ => {
                errors.push((Field::Delivery, FieldError::Required));
                None
            }
        };
        let receipt = match self.receipt.as_str() {
            "" => None,
            "citizen" => Some(Receiver::Citizen),
            "company" => match RegisterNo::parse(&self.register_no) {
                Ok(register_no) => Some(Receiver::Company(register_no)),
                Err(error) => {
                    let error = match error {
                        RegisterNoError::Missing => FieldError::Required,
                        RegisterNoError::NotDigits => FieldError::RegisterNoDigits,
                        RegisterNoError::Length => FieldError::RegisterNoLength,
                    };
                    errors.push((Field::RegisterNo, error));
                    None
                }
            },
            _ => {
                errors.push((Field::Receipt, FieldError::Required));
                None
            }
        };
        match (name, phone, delivery) {
            (Some(name), Some(phone), Some(delivery)) if errors.is_empty() => Ok(CustomerDetails {
                name,
                phone,
                email,
                delivery,
                note,
                receipt,
            }),
            _ => Err(errors),
        }
    }
}

fn required(errors: &mut FieldErrors, field: Field, value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        errors.push((field, FieldError::Required));
        return None;
    }
    if value.chars().count() > max {
        errors.push((field, FieldError::TooLong(max)));
        return None;
    }
    Some(value.to_owned())
}

fn optional(errors: &mut FieldErrors, field: Field, value: &str, max: usize) -> Option<String> {
    if value.trim().is_empty() {
        None
    } else {
        required(errors, field, value, max)
    }
}

/// Something@something.something, without spaces: enough to catch typos without refusing real addresses.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> CheckoutForm {
        CheckoutForm {
            name: " Болд ".into(),
            phone: "9911-2233".into(),
            email: "".into(),
            delivery: "delivery".into(),
            district: "bayangol".into(),
            khoroo: "3".into(),
            address: "10-р байр, 25 тоот".into(),
            note: "".into(),
            receipt: "".into(),
            register_no: "".into(),
        }
    }

    #[test]
    fn a_receipt_is_a_persons_or_a_companys_with_its_register_number() {
        let with = |receipt: &str, register_no: &str| {
            CheckoutForm {
                receipt: receipt.into(),
                register_no: register_no.into(),
                ..filled()
            }
            .validate()
        };
        assert_eq!(with("", "").unwrap().receipt, None, "not asked: e-barimt is off");
        assert_eq!(with("citizen", "whatever").unwrap().receipt, Some(Receiver::Citizen));
        assert_eq!(
            with("company", "123 4567").unwrap().receipt,
            Some(Receiver::Company(RegisterNo::parse("1234567").unwrap()))
        );
        assert_eq!(
            with("company", "").unwrap_err(),
            [(Field::RegisterNo, FieldError::Required)]
        );
        assert_eq!(
            with("company", "123456").unwrap_err(),
            [(Field::RegisterNo, FieldError::RegisterNoLength)]
        );
        assert_eq!(
            with("company", "12345x7").unwrap_err(),
            [(Field::RegisterNo, FieldError::RegisterNoDigits)]
        );
        assert_eq!(with("shop", "").unwrap_err(), [(Field::Receipt, FieldError::Required)]);
        assert_eq!(
            FieldError::RegisterNoLength.message(Lang::Mn),
            "Байгууллагын регистрийн дугаар 7 оронтой байна."
        );
    }

    #[test]
    fn a_complete_form_gives_the_details() {
        let details = filled().validate().unwrap();
        assert_eq!(details.name, "Болд");
        assert_eq!(details.phone.as_str(), "99112233");
        assert_eq!(details.email, None);
        assert_eq!(
            details.delivery,
            Delivery::Ulaanbaatar {
                district: "bayangol".into(),
                khoroo: "3".into(),
                address: "10-р байр, 25 тоот".into()
            }
        );
        let pickup = CheckoutForm {
            delivery: "pickup".into(),
            district: "".into(),
            khoroo: "".into(),
            address: "".into(),
            ..filled()
        };
        assert_eq!(pickup.validate().unwrap().delivery, Delivery::Pickup);
    }

    #[test]
    fn every_problem_is_reported_next_to_its_field() {
        let form = CheckoutForm {
            name: "  ".into(),
            phone: "7011 2233".into(),
            email: "bold@".into(),
            district: "darkhan".into(),
            khoroo: "99".into(),
            address: "".into(),
            ..filled()
        };
        assert_eq!(
            form.validate().unwrap_err(),
            vec![
                (Field::Name, FieldError::Required),
                (Field::Phone, FieldError::PhoneNotMobile),
                (Field::Email, FieldError::EmailInvalid),
                (Field::District, FieldError::UnknownDistrict),
                (Field::Khoroo, FieldError::KhorooInvalid),
                (Field::Address, FieldError::Required),
            ]
        );
        let form = CheckoutForm {
            phone: "".into(),
            delivery: "".into(),
            note: "x".repeat(1001),
            ..filled()
        };
        assert_eq!(
            form.validate().unwrap_err(),
            vec![
                (Field::Phone, FieldError::Required),
                (Field::Note, FieldError::TooLong(1000)),
                (Field::Delivery, FieldError::Required)
            ]
        );
    }

    #[test]
    fn messages_exist_in_both_languages() {
        for error in [
            FieldError::Required,
            FieldError::PhoneLength,
            FieldError::KhorooInvalid,
            FieldError::TooLong(9),
        ] {
            assert_ne!(error.message(Lang::Mn), error.message(Lang::En));
        }
        assert_eq!(
            FieldError::PhoneLength.message(Lang::Mn),
            "Утасны дугаар 8 оронтой байна."
        );
    }
}
