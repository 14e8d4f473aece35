//! The checkout form: what the shopper typed, checked field by field. Every problem is reported at once, next to
//! its field, in the shopper's language.

use serde::{Deserialize, Serialize};

use super::{CustomerDetails, Delivery};
use crate::{
    cart::{DeliveryForm, code_message},
    domain::{
        District, Email, Phone,
        aimag::AIMAGS,
        discount::CodeRefusal,
        ebarimt::{Receiver, RegisterNo, RegisterNoError},
        pay_method::PayMethod,
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
    /// `delivery` (in Ulaanbaatar), `countryside` or `pickup`.
    #[serde(default)]
    pub delivery: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub khoroo: String,
    /// For the countryside: the aimag's code and the soum (or the aimag's centre) by name.
    #[serde(default)]
    pub aimag: String,
    #[serde(default)]
    pub soum: String,
    #[serde(default)]
    pub address: String,
    /// The pickup point's id.
    #[serde(default)]
    pub pickup_point: String,
    #[serde(default)]
    pub discount_code: String,
    #[serde(default)]
    pub note: String,
    /// The e-barimt receipt, asked only when e-barimt is on: `citizen` or `company`; empty when not asked.
    #[serde(default)]
    pub receipt: String,
    /// A company's register number, for a company receipt.
    #[serde(default)]
    pub register_no: String,
    /// How the shopper pays (`domain::pay_method::PayMethod`'s name); empty is QPay.
    #[serde(default)]
    pub pay_method: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Phone,
    Email,
    Delivery,
    District,
    Khoroo,
    Aimag,
    Soum,
    Address,
    PickupPoint,
    DiscountCode,
    Note,
    Receipt,
    RegisterNo,
    PayMethod,
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
    /// No delivery zone covers this district and khoroo.
    NoZone,
    UnknownAimag,
    /// The shop does not send to the countryside.
    NoCountryside,
    UnknownPickupPoint,
    Code(CodeRefusal),
    /// Too many new codes tried in a short time.
    TooManyCodes,
    /// The shop does not take this way to pay, or not for where the order goes.
    PayMethodUnavailable,
}

impl FieldError {
    pub fn message(self, lang: Lang) -> String {
        let texts = lang.checkout();
        match self {
            FieldError::Required => texts.error_required.into(),
            FieldError::TooLong(max) => texts.error_too_long.replace("{max}", &max.to_string()),
            FieldError::PhoneLength => texts.error_phone_length.into(),
            FieldError::PhoneNotMobile => texts.error_phone_not_mobile.into(),
            FieldError::EmailInvalid => texts.error_email_invalid.into(),
            FieldError::UnknownDistrict => texts.error_unknown_district.into(),
            FieldError::KhorooInvalid => texts.error_khoroo_invalid.into(),
            FieldError::RegisterNoLength => texts.error_register_no_length.into(),
            FieldError::RegisterNoDigits => texts.error_register_no_digits.into(),
            FieldError::NoZone => texts.error_no_zone.into(),
            FieldError::UnknownAimag => texts.error_unknown_aimag.into(),
            FieldError::NoCountryside => texts.error_no_countryside.into(),
            FieldError::UnknownPickupPoint => texts.error_unknown_pickup_point.into(),
            FieldError::Code(refusal) => code_message(refusal, lang),
            FieldError::TooManyCodes => texts.code_too_many_tries.into(),
            FieldError::PayMethodUnavailable => texts.error_pay_method_unavailable.into(),
        }
    }
}

pub type FieldErrors = Vec<(Field, FieldError)>;

impl CheckoutForm {
    /// The shopper's details, or every problem with the form.
    pub fn validate(&self) -> Result<CustomerDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required(&mut errors, Field::Name, &self.name, 100);
        let phone = self.phone_field(&mut errors);
        let email = self.email_field(&mut errors);
        let note = optional(&mut errors, Field::Note, &self.note, 1000);
        let delivery = self.delivery_fields(&mut errors);
        let receipt = self.receipt_fields(&mut errors);
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

    /// The phone number, or its problem pushed onto `errors`.
    fn phone_field(&self, errors: &mut FieldErrors) -> Option<Phone> {
        match Phone::parse(&self.phone) {
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
        }
    }

    /// The e-mail address if one was given, or its problem pushed onto `errors`.
    fn email_field(&self, errors: &mut FieldErrors) -> Option<String> {
        let email = optional(errors, Field::Email, &self.email, 255);
        if email.as_deref().is_some_and(|e| Email::parse(e).is_err()) {
            errors.push((Field::Email, FieldError::EmailInvalid));
        }
        email
    }

    /// Where the order goes, or the delivery fields' problems pushed onto `errors`.
    fn delivery_fields(&self, errors: &mut FieldErrors) -> Option<Delivery> {
        match self.delivery.as_str() {
            "pickup" => match self.pickup_point.trim().parse::<i64>() {
                Ok(point_id) => Some(Delivery::Pickup { point_id }),
                Err(_) => {
                    errors.push((Field::PickupPoint, FieldError::UnknownPickupPoint));
                    None
                }
            },
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
                let address = required(errors, Field::Address, &self.address, 500);
                match (district, khoroo, address) {
                    (Some(district), Some(khoroo), Some(address)) => Some(Delivery::Ulaanbaatar {
                        district: district.into(),
                        khoroo: khoroo.to_string(),
                        address,
                    }),
                    _ => None,
                }
            }
            "countryside" => {
                let aimag = AIMAGS.iter().find(|a| a.code == self.aimag.trim()).map(|a| a.code);
                if aimag.is_none() {
                    errors.push((Field::Aimag, FieldError::UnknownAimag));
                }
                let soum = required(errors, Field::Soum, &self.soum, 100);
                let address = required(errors, Field::Address, &self.address, 500);
                match (aimag, soum, address) {
                    (Some(aimag), Some(soum), Some(address)) => Some(Delivery::Countryside {
                        aimag: aimag.into(),
                        soum,
                        address,
                    }),
                    _ => None,
                }
            }
            _ => {
                errors.push((Field::Delivery, FieldError::Required));
                None
            }
        }
    }

    /// The e-barimt receipt asked for (`None` when not asked), or its problem pushed onto `errors`.
    fn receipt_fields(&self, errors: &mut FieldErrors) -> Option<Receiver> {
        match self.receipt.as_str() {
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
        }
    }
}

impl CheckoutForm {
    /// The way to pay the form names; empty is QPay, an unknown name `None`. Whether the shop offers it for this
    /// order is checked when the order is placed.
    pub fn pay_method(&self) -> Option<PayMethod> {
        match self.pay_method.trim() {
            "" => Some(PayMethod::Qpay),
            name => PayMethod::parse(name),
        }
    }

    /// The delivery fields, as the cart's running total reads them.
    pub fn delivery_form(&self) -> DeliveryForm {
        DeliveryForm {
            delivery: self.delivery.clone(),
            district: self.district.clone(),
            khoroo: self.khoroo.clone(),
            aimag: self.aimag.clone(),
            pickup_point: self.pickup_point.clone(),
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

#[cfg(test)]
mod tests;
