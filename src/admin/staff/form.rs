//! The invitation form as a browser posts it, checked into an `Invite` (`domain::staff`): the address the new staff
//! member signs in with, and an optional phone, every field's mistake at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        Email, Phone,
        email::{EMAIL_MAX, EmailError},
        staff::Invite,
    },
};

/// The owner's invitation form, as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl InviteForm {
    /// The invitation, or every field's mistake at once.
    pub fn parse(&self) -> Result<Invite, Vec<FieldError>> {
        let mut check = Check::default();
        let email = match Email::parse(&self.email) {
            Ok(email) => email.lowercased().into_string(),
            Err(EmailError::Missing) => {
                check.fail("email", Problem::Required);
                String::new()
            }
            Err(EmailError::Invalid) => {
                check.fail("email", Problem::NotAnEmail);
                String::new()
            }
        };
        if email.len() > EMAIL_MAX {
            check.fail("email", Problem::NotAnEmail);
        }
        let phone = match self.phone.trim() {
            "" => None,
            given => match Phone::parse(given) {
                Ok(phone) => Some(phone.as_str().to_owned()),
                Err(_) => {
                    check.fail("phone", Problem::NotAPhone);
                    None
                }
            },
        };
        check.done(Invite { email, phone })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_needs_an_address_and_takes_a_phone() {
        let input = |email: &str, phone: &str| InviteForm {
            email: email.into(),
            phone: phone.into(),
        };
        assert_eq!(
            input(" Packer@Shop.MN ", "").parse(),
            Ok(Invite {
                email: "packer@shop.mn".into(),
                phone: None
            })
        );
        assert_eq!(
            input("packer@shop.mn", "9911 2233").parse(),
            Ok(Invite {
                email: "packer@shop.mn".into(),
                phone: Some("99112233".into())
            })
        );
        let problems = |email: &str, phone: &str| {
            input(email, phone)
                .parse()
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(problems("", ""), [("email".into(), Problem::Required)]);
        assert_eq!(
            problems("packer", "123"),
            [
                ("email".into(), Problem::NotAnEmail),
                ("phone".into(), Problem::NotAPhone)
            ]
        );
        let long = format!("{}@shop.mn", "a".repeat(EMAIL_MAX));
        assert_eq!(problems(&long, ""), [("email".into(), Problem::NotAnEmail)]);
    }
}
