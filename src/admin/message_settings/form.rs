//! The message settings form as a browser posts it, checked into the shop's `NoticeSettings`
//! (`domain::notice_settings`): the owner's phone and e-mail, the reminder's minutes and the SMS budget, every
//! field's mistake at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::{
        Email, Phone,
        email::EmailError,
        notice_settings::{MAX_REMINDER_MINUTES, NoticeSettings},
        sms_budget::SmsBudget,
    },
};

/// The form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSettingsForm {
    #[serde(default)]
    pub owner_phone: String,
    #[serde(default)]
    pub owner_email: String,
    #[serde(default)]
    pub reminder_minutes: String,
    #[serde(default)]
    pub sms_per_phone_day: String,
    #[serde(default)]
    pub sms_per_hour: String,
}

/// A whole number from 1 to `max`; empty is `None`, and so is a mistake, with its problem.
fn number(check: &mut Check, field: &str, value: &str, max: i64, wrong: Problem) -> Option<i64> {
    match value.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(number) if (1..=max).contains(&number) => Some(number),
            _ => {
                check.fail(field, wrong);
                None
            }
        },
    }
}

impl MessageSettingsForm {
    /// The form as the settings are now, to show them.
    pub fn from_settings(settings: &NoticeSettings) -> Self {
        MessageSettingsForm {
            owner_phone: settings.owner_phone.clone().unwrap_or_default(),
            owner_email: settings.owner_email.clone().unwrap_or_default(),
            reminder_minutes: settings.reminder_minutes.map(|m| m.to_string()).unwrap_or_default(),
            sms_per_phone_day: settings.sms_per_phone_day.map(|n| n.to_string()).unwrap_or_default(),
            sms_per_hour: settings.sms_per_hour.map(|n| n.to_string()).unwrap_or_default(),
        }
    }

    /// The settings, or every field's mistake at once. An empty field is "not set".
    pub fn parse(&self) -> Result<NoticeSettings, Vec<FieldError>> {
        let mut check = Check::default();
        let owner_phone = match self.owner_phone.trim() {
            "" => None,
            typed => match Phone::parse(typed) {
                Ok(phone) => Some(phone.as_str().to_owned()),
                Err(_) => {
                    check.fail("owner_phone", Problem::NotAPhone);
                    None
                }
            },
        };
        let owner_email = match Email::parse(&self.owner_email) {
            Ok(email) => Some(email.lowercased().into_string()),
            Err(EmailError::Missing) => None,
            Err(EmailError::Invalid) => {
                check.fail("owner_email", Problem::NotAnEmail);
                None
            }
        };
        let reminder_minutes = number(
            &mut check,
            "reminder_minutes",
            &self.reminder_minutes,
            MAX_REMINDER_MINUTES,
            Problem::NotMinutes,
        );
        let sms_per_phone_day = number(
            &mut check,
            "sms_per_phone_day",
            &self.sms_per_phone_day,
            SmsBudget::MOST,
            Problem::NotACount,
        );
        let sms_per_hour = number(
            &mut check,
            "sms_per_hour",
            &self.sms_per_hour,
            SmsBudget::MOST,
            Problem::NotACount,
        );
        check.done(NoticeSettings {
            owner_phone,
            owner_email,
            reminder_minutes,
            sms_per_phone_day,
            sms_per_hour,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(phone: &str, email: &str, minutes: &str) -> MessageSettingsForm {
        MessageSettingsForm {
            owner_phone: phone.into(),
            owner_email: email.into(),
            reminder_minutes: minutes.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_form_gives_settings_or_each_fields_mistake() {
        let set = |phone: Option<&str>, email: Option<&str>, minutes: Option<i64>| NoticeSettings {
            owner_phone: phone.map(Into::into),
            owner_email: email.map(Into::into),
            reminder_minutes: minutes,
            ..Default::default()
        };
        let budget = |per_phone: &str, per_hour: &str| MessageSettingsForm {
            sms_per_phone_day: per_phone.into(),
            sms_per_hour: per_hour.into(),
            ..Default::default()
        };
        type Case = (MessageSettingsForm, Result<NoticeSettings, Vec<&'static str>>);
        let cases: [Case; 12] = [
            (
                budget("5", " 100 "),
                Ok(NoticeSettings {
                    sms_per_phone_day: Some(5),
                    sms_per_hour: Some(100),
                    ..Default::default()
                }),
            ),
            (budget("0", ""), Err(vec!["sms_per_phone_day"])),
            (budget("", "100001"), Err(vec!["sms_per_hour"])),
            (budget("many", "-1"), Err(vec!["sms_per_phone_day", "sms_per_hour"])),
            (input("", "", ""), Ok(NoticeSettings::default())),
            (
                input("8800 1122", " Owner@Shop.MN ", "30"),
                Ok(set(Some("88001122"), Some("owner@shop.mn"), Some(30))),
            ),
            (
                input("+976 99112233", "", "1440"),
                Ok(set(Some("99112233"), None, Some(1440))),
            ),
            (input("1234", "", ""), Err(vec!["owner_phone"])),
            (input("", "owner@", ""), Err(vec!["owner_email"])),
            (input("", "", "0"), Err(vec!["reminder_minutes"])),
            (input("", "", "1441"), Err(vec!["reminder_minutes"])),
            (
                input("5", "a b@c.d", "x"),
                Err(vec!["owner_phone", "owner_email", "reminder_minutes"]),
            ),
        ];
        for (form, expected) in cases {
            let got = form
                .parse()
                .map_err(|p| p.into_iter().map(|e| e.field).collect::<Vec<_>>());
            let expected = expected.map_err(|fields| fields.into_iter().map(String::from).collect::<Vec<_>>());
            assert_eq!(got, expected, "{form:?}");
        }
    }

    #[test]
    fn a_saved_setting_reads_back_into_the_form() {
        let form = MessageSettingsForm {
            sms_per_phone_day: "7".into(),
            sms_per_hour: "90".into(),
            ..input("88001122", "o@shop.mn", "45")
        };
        let settings = form.parse().unwrap();
        assert_eq!(MessageSettingsForm::from_settings(&settings), form);
    }
}
