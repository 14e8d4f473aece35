//! Sending an e-mail (server only): to the built-in capture in `local` mode (shown beside the SMS at
//! `/sms-sandbox/`), or over SMTP with lettre (`EMAIL_MODE=smtp`), STARTTLS or implicit TLS. A server's 5xx answer
//! (a mailbox it will never take) is permanent: recorded, not tried again; anything else is tried again by the outbox.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::{
        authentication::Credentials,
        client::{Certificate, Tls, TlsParameters},
    },
};
use secrecy::ExposeSecret;

use super::{SendError, capture::Capture, sms::Sms};
use crate::config::{EmailMode, SmtpTls};

/// A server that does not answer in this long is tried again later.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// One e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// What it is about (`paid`, …) and for which order: kept by the capture.
    pub kind: &'a str,
    pub order_no: &'a str,
}

#[derive(Clone)]
pub enum Mailer {
    Local(Capture),
    /// `EMAIL_MODE=local` beside a real QPay: nothing is sent, each e-mail recorded as refused with why.
    Off,
    /// Boxed: the transport is large beside the capture's handle.
    Smtp(Box<Smtp>),
}

#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Local(_) => f.write_str("Mailer::Local"),
            Mailer::Off => f.write_str("Mailer::Off"),
            Mailer::Smtp(smtp) => write!(f, "Mailer::Smtp(from {})", smtp.from),
        }
    }
}

impl Mailer {
    /// The mailer `mode` asks for; `capture` keeps what `local` mode sends. Fails on settings lettre refuses (a
    /// sender that is not an address, a CA file that is not PEM).
    pub fn new(mode: &EmailMode, capture: Capture) -> Result<Mailer, String> {
        let EmailMode::Smtp {
            host,
            port,
            tls,
            credentials,
            from,
            ca_pem,
        } = mode
        else {
            return Ok(Mailer::Local(capture));
        };
        let from: Mailbox = from.parse().map_err(|e| format!("EMAIL_FROM: {e}"))?;
        let parameters = || -> Result<TlsParameters, String> {
            let mut builder = TlsParameters::builder(host.clone());
            if let Some(pem) = ca_pem {
                let authority = Certificate::from_pem(pem).map_err(|e| format!("SMTP_CA_FILE: {e}"))?;
                builder = builder.add_root_certificate(authority);
            }
            builder.build_rustls().map_err(|e| format!("SMTP TLS: {e}"))
        };
        let tls = match tls {
            SmtpTls::StartTls => Tls::Required(parameters()?),
            SmtpTls::Implicit => Tls::Wrapper(parameters()?),
            SmtpTls::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
            .port(*port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some((user, password)) = credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.expose_secret().to_owned()));
        }
        Ok(Mailer::Smtp(Box::new(Smtp {
            transport: builder.build(),
            from,
        })))
    }

    /// Sends `email` from `from_name` (the shop's name) at the address `EMAIL_FROM` gives.
    pub async fn send(&self, email: &Email<'_>, from_name: &str) -> Result<(), SendError> {
        match self {
            Mailer::Off => Err(SendError::Refused("no mail server: set EMAIL_MODE=smtp".into())),
            Mailer::Local(capture) => {
                let text = format!("From: {from_name}\n{}\n\n{}", email.subject, email.body);
                let sms = Sms {
                    to: email.to,
                    text: &text,
                    kind: email.kind,
                    order_no: email.order_no,
                };
                capture.accept(&sms).await
            }
            Mailer::Smtp(smtp) => {
                let Smtp { transport, from } = smtp.as_ref();
                let to: Mailbox = email
                    .to
                    .parse()
                    .map_err(|e| SendError::Refused(format!("not an address: {e}")))?;
                // The shop's name before the address `EMAIL_FROM` gives.
                let from = Mailbox::new(Some(from_name.to_owned()), from.email.clone());
                let message = Message::builder()
                    .from(from)
                    .to(to)
                    .subject(email.subject)
                    .message_id(None)
                    .header(ContentType::TEXT_PLAIN)
                    .body(email.body.to_owned())
                    .map_err(|e| SendError::Refused(e.to_string()))?;
                match transport.send(message).await {
                    Ok(_) => Ok(()),
                    Err(error) if refuses_the_recipient(&error) => Err(SendError::Refused(error.to_string())),
                    Err(error) => {
                        if error.is_permanent() {
                            // A sign-in, a sender or a relay the server refuses: the shop's settings, not this
                            // shopper; tried again, and loud in the log.
                            tracing::error!(%error, "the SMTP server refuses the shop's mail: check SMTP_* and EMAIL_FROM");
                        }
                        Err(SendError::Unavailable(error.to_string()))
                    }
                }
            }
        }
    }
}

/// A 5xx answer about the recipient's mailbox (550 no such mailbox, 551 not local, 553 a name it will not take):
/// this address will never get mail, so it is not tried again. Other permanent answers (535 a wrong password,
/// 5.7.x policy such as relay denied) are the shop's settings and are tried again.
fn refuses_the_recipient(error: &lettre::transport::smtp::Error) -> bool {
    let code = error.status().map(|code| code.to_string());
    matches!(code.as_deref(), Some("550" | "551" | "553")) && !error.to_string().contains("5.7.")
}
