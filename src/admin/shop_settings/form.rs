//! The shop's identity form as a browser posts it, checked into a `ShopIdentity` (`domain::shop_identity`):
//! every field's mistake at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        District, Email,
        delivery::KHOROO_MAX,
        email::EmailError,
        shop_identity::{
            ColourError, Contacts, LINE_MAX, NAME_MAX, Rgb, SHORT_MAX, ShopIdentity, Social, WeekHours, is_map_link,
            parse_contact_phone,
        },
    },
};

/// The days' fields, Monday first.
pub const DAYS: [&str; 7] = [
    "hours_1", "hours_2", "hours_3", "hours_4", "hours_5", "hours_6", "hours_7",
];

/// The form as posted: every field a string, empty when left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdentityForm {
    pub name_mn: String,
    pub name_en: String,
    pub short_name: String,
    pub tagline_mn: String,
    pub tagline_en: String,
    pub accent: String,
    pub phones: String,
    pub email: String,
    pub district: String,
    pub khoroo: String,
    pub street_mn: String,
    pub street_en: String,
    pub map_url: String,
    pub hours_1: String,
    pub hours_2: String,
    pub hours_3: String,
    pub hours_4: String,
    pub hours_5: String,
    pub hours_6: String,
    pub hours_7: String,
    pub facebook: String,
    pub instagram: String,
    pub messenger: String,
}

impl IdentityForm {
    /// The form as the identity is now, to show it.
    pub fn from_identity(identity: &ShopIdentity) -> Self {
        let c = &identity.contacts;
        let day = |n: usize| WeekHours::day_text(c.hours.0[n]);
        IdentityForm {
            name_mn: if identity.named {
                identity.name_mn.clone()
            } else {
                String::new()
            },
            name_en: identity.name_en.clone(),
            short_name: identity.short_name.clone(),
            tagline_mn: identity.tagline_mn.clone(),
            tagline_en: identity.tagline_en.clone(),
            accent: identity.accent.map(Rgb::hex).unwrap_or_default(),
            phones: c.phones.join(", "),
            email: c.email.clone(),
            district: c.district.clone(),
            khoroo: c.khoroo.map(|k| k.to_string()).unwrap_or_default(),
            street_mn: c.street_mn.clone(),
            street_en: c.street_en.clone(),
            map_url: c.map_url.clone(),
            hours_1: day(0),
            hours_2: day(1),
            hours_3: day(2),
            hours_4: day(3),
            hours_5: day(4),
            hours_6: day(5),
            hours_7: day(6),
            facebook: c.facebook.clone(),
            instagram: c.instagram.clone(),
            messenger: c.messenger.clone(),
        }
    }

    /// The seven days' hours as typed, Monday first (the fields of [`DAYS`]).
    pub fn days(&self) -> [&str; 7] {
        [
            &self.hours_1,
            &self.hours_2,
            &self.hours_3,
            &self.hours_4,
            &self.hours_5,
            &self.hours_6,
            &self.hours_7,
        ]
    }

    /// The identity, or every field's mistake at once.
    pub fn parse(&self) -> Result<ShopIdentity, Vec<FieldError>> {
        let mut check = Check::default();
        let name_mn = check.text("name_mn", &self.name_mn, NAME_MAX, true);
        let name_en = check.text("name_en", &self.name_en, NAME_MAX, false);
        let short_name = check.text("short_name", &self.short_name, SHORT_MAX, false);
        let tagline_mn = check.text("tagline_mn", &self.tagline_mn, LINE_MAX, false);
        let tagline_en = check.text("tagline_en", &self.tagline_en, LINE_MAX, false);
        let accent = match self.accent.trim() {
            "" => None,
            typed => match Rgb::parse_accent(typed) {
                Ok(colour) => Some(colour),
                Err(ColourError::NotAColour) => fail(&mut check, "accent", Problem::NotAColour),
                Err(ColourError::LowContrast(_)) => fail(&mut check, "accent", Problem::LowContrast),
            },
        };
        let contacts = self.contacts(&mut check);
        check.done(ShopIdentity {
            named: true,
            name_mn,
            name_en,
            short_name,
            tagline_mn,
            tagline_en,
            accent,
            contacts,
            pages: Vec::new(),
            logo: None,
        })
    }

    fn contacts(&self, check: &mut Check) -> Contacts {
        let phones: Vec<String> = self
            .phones
            .split([',', ';'])
            .filter(|p| !p.trim().is_empty())
            .filter_map(|p| parse_contact_phone(p).or_else(|| fail(check, "phones", Problem::NotContactPhones)))
            .collect();
        let email = match Email::parse(&self.email) {
            Ok(email) => email.into_string(),
            Err(EmailError::Missing) => String::new(),
            Err(EmailError::Invalid) => fail(check, "email", Problem::NotAnEmail).unwrap_or_default(),
        };
        let district = match self.district.trim() {
            "" => String::new(),
            code if District::by_code(code).is_some() => code.to_owned(),
            _ => fail(check, "district", Problem::UnknownDistrict).unwrap_or_default(),
        };
        let khoroo = match self.khoroo.trim() {
            "" => None,
            typed => match typed.parse::<i64>() {
                Ok(n) if (1..=KHOROO_MAX).contains(&n) => Some(n),
                _ => fail(check, "khoroo", Problem::UnknownDistrict),
            },
        };
        let mut hours = WeekHours::default();
        for ((slot, typed), field) in hours.0.iter_mut().zip(self.days()).zip(DAYS) {
            *slot = WeekHours::parse_day(typed).unwrap_or_else(|_| fail(check, field, Problem::NotTimes).flatten());
        }
        Contacts {
            phones,
            email,
            district,
            khoroo,
            street_mn: check.text("street_mn", &self.street_mn, LINE_MAX, false),
            street_en: check.text("street_en", &self.street_en, LINE_MAX, false),
            map_url: link(check, "map_url", &self.map_url, is_map_link),
            hours,
            facebook: link(check, "facebook", &self.facebook, |url| Social::Facebook.accepts(url)),
            instagram: link(check, "instagram", &self.instagram, |url| {
                Social::Instagram.accepts(url)
            }),
            messenger: link(check, "messenger", &self.messenger, |url| {
                Social::Messenger.accepts(url)
            }),
        }
    }
}

/// Notes `problem` against `field`; nothing to keep.
fn fail<T>(check: &mut Check, field: &str, problem: Problem) -> Option<T> {
    check.fail(field, problem);
    None
}

/// A link the field takes (empty: none), within [`LINE_MAX`].
fn link(check: &mut Check, field: &str, typed: &str, accepts: impl Fn(&str) -> bool) -> String {
    let url = check.text(field, typed, LINE_MAX, false);
    if url.is_empty() || accepts(&url) {
        url
    } else {
        fail::<()>(check, field, Problem::NotALink);
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> IdentityForm {
        IdentityForm {
            name_mn: " Номин ноолуур ".into(),
            name_en: "Nomin Cashmere".into(),
            short_name: "Номин".into(),
            accent: "#1D4E89".into(),
            phones: "9911 2233, 7011-2233".into(),
            email: "hello@nomin.mn".into(),
            district: "sukhbaatar".into(),
            khoroo: "1".into(),
            hours_1: "09:00-18:00".into(),
            facebook: "https://facebook.com/nomin".into(),
            ..IdentityForm::default()
        }
    }

    #[test]
    fn a_filled_form_is_the_shop_s_identity_and_shows_again_as_typed() {
        let identity = filled().parse().unwrap();
        assert_eq!(identity.name_mn, "Номин ноолуур");
        assert_eq!(identity.accent, Rgb::parse("#1d4e89"));
        assert_eq!(identity.contacts.phones, ["99112233", "70112233"]);
        assert_eq!(identity.contacts.hours.0[0], Some((540, 1080)));
        assert_eq!(identity.contacts.hours.0[1], None);
        let again = IdentityForm::from_identity(&identity);
        assert_eq!(again.parse().unwrap(), identity);
        assert_eq!(again.accent, "#1d4e89");
    }

    #[test]
    fn every_mistake_is_told_beside_its_field() {
        let form = IdentityForm {
            name_mn: "".into(),
            short_name: "Ш".repeat(SHORT_MAX + 1),
            accent: "#ffee00".into(),
            phones: "9911 2233, 12".into(),
            email: "hello@".into(),
            district: "paris".into(),
            khoroo: "46".into(),
            hours_3: "18:00-09:00".into(),
            facebook: "https://evil.mn/nomin".into(),
            map_url: "javascript:alert(1)".into(),
            ..IdentityForm::default()
        };
        let errors = form.parse().unwrap_err();
        let found: Vec<(&str, Problem)> = errors.iter().map(|e| (e.field.as_str(), e.problem)).collect();
        assert_eq!(
            found,
            [
                ("name_mn", Problem::Required),
                ("short_name", Problem::TooLong),
                ("accent", Problem::LowContrast),
                ("phones", Problem::NotContactPhones),
                ("email", Problem::NotAnEmail),
                ("district", Problem::UnknownDistrict),
                ("khoroo", Problem::UnknownDistrict),
                ("hours_3", Problem::NotTimes),
                ("map_url", Problem::NotALink),
                ("facebook", Problem::NotALink),
            ]
        );
        let colour = IdentityForm {
            accent: "blue".into(),
            ..filled()
        };
        assert_eq!(colour.parse().unwrap_err()[0].problem, Problem::NotAColour);
    }
}
