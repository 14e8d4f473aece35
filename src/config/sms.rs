//! Text messages to the shopper and the owner: `SMS_MODE=local` (the default) keeps them in the built-in
//! capture at `/sms-sandbox/`; `SMS_MODE=http` sends them through an HTTP SMS gateway as Mongolian providers offer
//! one: a GET or POST to `SMS_URL`, whose `{key}`, `{from}`, `{to}` and `{text}` are filled in (URL-encoded), with
//! `SMS_KEY` (a secret) and `SMS_SENDER`. `OWNER_PHONE` is where the owner's messages go.

use secrecy::SecretString;

use crate::domain::Phone;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsMethod {
    Get,
    Post,
}

#[derive(Debug, Clone)]
pub enum SmsMode {
    Local,
    Http {
        /// With `{key}`, `{from}`, `{to}` and `{text}` to fill in.
        url: String,
        method: SmsMethod,
        key: SecretString,
        sender: String,
    },
}

#[derive(Debug, Clone)]
pub struct SmsSettings {
    pub mode: SmsMode,
    /// The owner's mobile number for new paid orders and problems; none: the owner gets no SMS.
    pub owner_phone: Option<Phone>,
}

impl Default for SmsSettings {
    fn default() -> Self {
        SmsSettings {
            mode: SmsMode::Local,
            owner_phone: None,
        }
    }
}

impl SmsSettings {
    /// Reads the variables through `get`, adding a line to `problems` for each bad one.
    pub fn read(get: &impl Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> SmsSettings {
        let owner_phone = get("OWNER_PHONE").and_then(|value| match Phone::parse(&value) {
            Ok(phone) => Some(phone),
            Err(_) => {
                problems.push(format!("OWNER_PHONE: must be a Mongolian mobile number, not {value:?}"));
                None
            }
        });
        let mode = match get("SMS_MODE").as_deref() {
            None | Some("local") => SmsMode::Local,
            Some("http") => {
                let mut required = |name: &str| {
                    get(name).unwrap_or_else(|| {
                        problems.push(format!("{name}: required when SMS_MODE=http"));
                        String::new()
                    })
                };
                let url = required("SMS_URL");
                let key = SecretString::from(required("SMS_KEY"));
                let sender = required("SMS_SENDER");
                let web = url.starts_with("http://") || url.starts_with("https://");
                if !url.is_empty() && !web {
                    problems.push(format!("SMS_URL: must be an http:// or https:// address, not {url:?}"));
                }
                let posted = get("SMS_METHOD").as_deref() == Some("post");
                if !url.is_empty() && !url.contains("{to}") && !posted {
                    problems.push("SMS_URL: must contain {to} and {text} for SMS_METHOD=get".into());
                }
                let method = match get("SMS_METHOD").as_deref() {
                    None | Some("get") => SmsMethod::Get,
                    Some("post") => SmsMethod::Post,
                    Some(other) => {
                        problems.push(format!("SMS_METHOD: must be get or post, not {other:?}"));
                        SmsMethod::Get
                    }
                };
                SmsMode::Http {
                    url,
                    method,
                    key,
                    sender,
                }
            }
            Some(other) => {
                problems.push(format!("SMS_MODE: must be local or http, not {other:?}"));
                SmsMode::Local
            }
        };
        SmsSettings { mode, owner_phone }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> (SmsSettings, Vec<String>) {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut problems = Vec::new();
        let settings = SmsSettings::read(&|name| vars.get(name).cloned(), &mut problems);
        (settings, problems)
    }

    #[test]
    fn local_by_default_and_http_needs_its_gateway() {
        let (settings, problems) = read(&[]);
        assert!(matches!(settings.mode, SmsMode::Local) && problems.is_empty());
        let (_, problems) = read(&[("SMS_MODE", "http")]);
        assert_eq!(
            problems,
            [
                "SMS_URL: required when SMS_MODE=http",
                "SMS_KEY: required when SMS_MODE=http",
                "SMS_SENDER: required when SMS_MODE=http"
            ]
        );
        let (settings, problems) = read(&[
            ("SMS_MODE", "http"),
            (
                "SMS_URL",
                "https://sms.example.mn/send?key={key}&from={from}&to={to}&text={text}",
            ),
            ("SMS_KEY", "k"),
            ("SMS_SENDER", "DELGUUR"),
            ("OWNER_PHONE", "9911 2233"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(matches!(
            settings.mode,
            SmsMode::Http {
                method: SmsMethod::Get,
                ..
            }
        ));
        assert_eq!(
            settings.owner_phone.map(|p| p.as_str().to_owned()).as_deref(),
            Some("99112233")
        );
        let (_, problems) = read(&[("SMS_MODE", "smpp"), ("OWNER_PHONE", "123")]);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
