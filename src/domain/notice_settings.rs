//! The owner's message settings (`/admin/messages`, issue #19): where the owner hears of paid orders and trouble,
//! and whether an unpaid order gets a reminder before its invoice runs out. The form's rules, as one pure function.

use serde::{Deserialize, Serialize};

use super::{
    Phone,
    catalog::{FieldError, Problem},
    sms_budget::SmsBudget,
};

/// The settings as kept. Empty means "not set": no owner's phone falls back to `OWNER_PHONE`, no reminder is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSettings {
    pub owner_phone: Option<String>,
    pub owner_email: Option<String>,
    /// Minutes before an unpaid order's invoice runs out that its shopper is reminded; `None`: no reminder.
    pub reminder_minutes: Option<i64>,
    /// The SMS budget (`domain::sms_budget`): texts a stranger can cause to one phone in 24 hours, and from the
    /// shop in an hour; `None`: the default.
    #[serde(default)]
    pub sms_per_phone_day: Option<i64>,
    #[serde(default)]
    pub sms_per_hour: Option<i64>,
}

/// The form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSettingsInput {
    pub owner_phone: String,
    pub owner_email: String,
    pub reminder_minutes: String,
    #[serde(default)]
    pub sms_per_phone_day: String,
    #[serde(default)]
    pub sms_per_hour: String,
}

/// A reminder at most this long before the invoice runs out: a day.
pub const MAX_REMINDER_MINUTES: i64 = 24 * 60;

impl NoticeSettingsInput {
    pub fn from_settings(settings: &NoticeSettings) -> Self {
        NoticeSettingsInput {
            owner_phone: settings.owner_phone.clone().unwrap_or_default(),
            owner_email: settings.owner_email.clone().unwrap_or_default(),
            reminder_minutes: settings.reminder_minutes.map(|m| m.to_string()).unwrap_or_default(),
            sms_per_phone_day: settings.sms_per_phone_day.map(|n| n.to_string()).unwrap_or_default(),
            sms_per_hour: settings.sms_per_hour.map(|n| n.to_string()).unwrap_or_default(),
        }
    }

    /// The settings, or every field's mistake at once.
    pub fn parse(&self) -> Result<NoticeSettings, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, problem: Problem| {
            problems.push(FieldError {
                field: field.into(),
                problem,
            })
        };
        let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let owner_phone = match text(&self.owner_phone).map(|p| Phone::parse(&p)) {
            None => None,
            Some(Ok(phone)) => Some(phone.as_str().to_owned()),
            Some(Err(_)) => {
                problem("owner_phone", Problem::NotAPhone);
                None
            }
        };
        let owner_email = text(&self.owner_email).map(|e| e.to_lowercase());
        if owner_email.as_deref().is_some_and(|e| !looks_like_email(e)) {
            problem("owner_email", Problem::NotAnEmail);
        }
        let reminder_minutes = match text(&self.reminder_minutes).map(|m| m.parse::<i64>()) {
            None => None,
            Some(Ok(minutes)) if (1..=MAX_REMINDER_MINUTES).contains(&minutes) => Some(minutes),
            Some(_) => {
                problem("reminder_minutes", Problem::NotMinutes);
                None
            }
        };
        let mut count = |field: &str, value: &str| match text(value).map(|n| n.parse::<i64>()) {
            None => None,
            Some(Ok(count)) if (1..=SmsBudget::MOST).contains(&count) => Some(count),
            Some(_) => {
                problem(field, Problem::NotACount);
                None
            }
        };
        let sms_per_phone_day = count("sms_per_phone_day", &self.sms_per_phone_day);
        let sms_per_hour = count("sms_per_hour", &self.sms_per_hour);
        if problems.is_empty() {
            Ok(NoticeSettings {
                owner_phone,
                owner_email,
                reminder_minutes,
                sms_per_phone_day,
                sms_per_hour,
            })
        } else {
            Err(problems)
        }
    }
}

/// Something@something.something, without spaces: enough to catch a typo without refusing a real address.
pub fn looks_like_email(email: &str) -> bool {
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

    fn input(phone: &str, email: &str, minutes: &str) -> NoticeSettingsInput {
        NoticeSettingsInput {
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
        let budget = |per_phone: &str, per_hour: &str| NoticeSettingsInput {
            sms_per_phone_day: per_phone.into(),
            sms_per_hour: per_hour.into(),
            ..Default::default()
        };
        type Case = (NoticeSettingsInput, Result<NoticeSettings, Vec<&'static str>>);
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
        let form = NoticeSettingsInput {
            sms_per_phone_day: "7".into(),
            sms_per_hour: "90".into(),
            ..input("88001122", "o@shop.mn", "45")
        };
        let settings = form.parse().unwrap();
        assert_eq!(NoticeSettingsInput::from_settings(&settings), form);
    }
}
