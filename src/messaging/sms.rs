//! Sending a text message (server only): to the built-in capture in `local` mode (`capture.rs`, shown at
//! `/sms-sandbox/`), or through the shop's HTTP SMS gateway (`SMS_MODE=http`). A gateway's refusal is either
//! permanent (a number it will never take: recorded, not tried again) or passing (tried again by the outbox).

use std::time::Duration;

use secrecy::ExposeSecret;

use super::{SendError, capture::Capture};
use crate::config::{SmsMethod, SmsMode};

/// A gateway that does not answer in this long is tried again later.
const GATEWAY_TIMEOUT: Duration = Duration::from_secs(10);

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sms<'a> {
    pub to: &'a str,
    pub text: &'a str,
    /// What it is about (`paid`, …) and for which order: kept by the capture.
    pub kind: &'a str,
    pub order_no: &'a str,
}

#[derive(Debug, Clone)]
pub enum SmsGateway {
    Local(Capture),
    /// `SMS_MODE=local` beside a real QPay: the capture would never be seen, so nothing is sent and each message is
    /// recorded as refused, with why, on the owner's order page.
    Off,
    Http {
        client: reqwest::Client,
        url: String,
        method: SmsMethod,
        key: secrecy::SecretString,
        sender: String,
    },
}

impl SmsGateway {
    /// The gateway `mode` names; `capture` is the one `local` mode keeps messages in.
    pub fn new(mode: &SmsMode, capture: Capture) -> SmsGateway {
        match mode {
            SmsMode::Local => SmsGateway::Local(capture),
            SmsMode::Http {
                url,
                method,
                key,
                sender,
            } => SmsGateway::Http {
                client: reqwest::Client::builder()
                    .timeout(GATEWAY_TIMEOUT)
                    .build()
                    .unwrap_or_default(),
                url: url.clone(),
                method: *method,
                key: key.clone(),
                sender: sender.clone(),
            },
        }
    }

    pub async fn send(&self, sms: &Sms<'_>) -> Result<(), SendError> {
        match self {
            SmsGateway::Local(capture) => capture.accept(sms).await,
            SmsGateway::Off => Err(SendError::Refused("no SMS gateway: set SMS_MODE=http".into())),
            SmsGateway::Http {
                client,
                url,
                method,
                key,
                sender,
            } => {
                let fields = [
                    ("key", key.expose_secret()),
                    ("from", sender.as_str()),
                    ("to", sms.to),
                    ("text", sms.text),
                ];
                let request = match method {
                    SmsMethod::Get => client.get(fill(url, &fields)),
                    SmsMethod::Post => client.post(fill(url, &fields)).form(&fields),
                };
                let answer = request
                    .send()
                    .await
                    .map_err(|error| SendError::Unavailable(error.without_url().to_string()))?;
                let status = answer.status();
                let body: String = answer.text().await.unwrap_or_default().chars().take(200).collect();
                match status.as_u16() {
                    200..=299 => Ok(()),
                    // The gateway will not take it however often it is asked: a bad number, a refused text.
                    400 | 403 | 404 | 422 => Err(SendError::Refused(format!("{status}: {body}"))),
                    _ => Err(SendError::Unavailable(format!("{status}: {body}"))),
                }
            }
        }
    }
}

/// The URL template with each `{name}` replaced by its URL-encoded value.
fn fill(template: &str, fields: &[(&str, &str)]) -> String {
    fields.iter().fold(template.to_owned(), |url, (name, value)| {
        url.replace(
            &format!("{{{name}}}"),
            &url::form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn the_url_template_is_filled_with_encoded_values() {
        let url = fill(
            "https://sms.mn/send?key={key}&to={to}&text={text}",
            &[("key", "a&b"), ("to", "99112233"), ("text", "Төлөгдлөө 12,500₮")],
        );
        assert_eq!(
            url,
            "https://sms.mn/send?key=a%26b&to=99112233&text=%D0%A2%D3%A9%D0%BB%D3%A9%D0%B3%D0%B4%D0%BB%D3%A9%D3%A9+12%2C500%E2%82%AE"
        );
    }
}
