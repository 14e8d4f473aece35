//! E-mail to the shopper (when they gave an address at checkout) and the owner: `EMAIL_MODE=local` (the
//! default) keeps them in the built-in capture beside the SMS at `/sms-sandbox/`; `EMAIL_MODE=smtp` sends them
//! through an SMTP server: `SMTP_HOST`, `SMTP_PORT`, `SMTP_TLS` (`starttls`, the default; `tls` for implicit TLS on
//! 465; `none` only for a server on this machine), `SMTP_USER` and `SMTP_PASSWORD` (a secret) when it asks for a
//! sign-in, `EMAIL_FROM`, and `SMTP_CA_FILE` for a server whose certificate a private authority signed.

use secrecy::SecretString;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS before anything is sent; refused if the server does not offer it.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Implicit,
    /// No encryption: only a relay on the same machine.
    None,
}

#[derive(Debug, Clone)]
pub enum EmailMode {
    Local,
    Smtp {
        host: String,
        port: u16,
        tls: SmtpTls,
        /// User and password, when the server asks for a sign-in.
        credentials: Option<(String, SecretString)>,
        from: String,
        /// PEM of an extra authority to trust.
        ca_pem: Option<Vec<u8>>,
    },
}

impl EmailMode {
    /// Reads the variables through `get`, adding a line to `problems` for each bad one.
    pub fn read(get: &impl Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> EmailMode {
        match get("EMAIL_MODE").as_deref() {
            None | Some("local") => EmailMode::Local,
            Some("smtp") => {
                let mut required = |name: &str| {
                    get(name).unwrap_or_else(|| {
                        problems.push(format!("{name}: required with EMAIL_MODE=smtp"));
                        String::new()
                    })
                };
                let host = required("SMTP_HOST");
                let from = required("EMAIL_FROM");
                let tls = match get("SMTP_TLS").as_deref() {
                    None | Some("starttls") => SmtpTls::StartTls,
                    Some("tls") => SmtpTls::Implicit,
                    Some("none") => SmtpTls::None,
                    Some(other) => {
                        problems.push(format!("SMTP_TLS: must be starttls, tls or none, not {other:?}"));
                        SmtpTls::StartTls
                    }
                };
                let default_port = match tls {
                    SmtpTls::StartTls => 587,
                    SmtpTls::Implicit => 465,
                    SmtpTls::None => 25,
                };
                let port = match get("SMTP_PORT").map(|port| port.parse::<u16>()) {
                    None => default_port,
                    Some(Ok(port)) if port > 0 => port,
                    Some(_) => {
                        problems.push("SMTP_PORT: must be a port number".into());
                        default_port
                    }
                };
                // `Shop <shop@example.mn>` or a bare address.
                let address = from
                    .rsplit_once('<')
                    .and_then(|(_, rest)| rest.strip_suffix('>'))
                    .unwrap_or(&from);
                if !from.is_empty() && crate::domain::Email::parse(address).is_err() {
                    problems.push(format!("EMAIL_FROM: must be an e-mail address, not {from:?}"));
                }
                let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
                if tls == SmtpTls::None && !host.is_empty() && !loopback {
                    // Without TLS a password, and every shopper's address, would cross the network in the clear.
                    problems.push(format!(
                        "SMTP_TLS: none only for a server on this machine, not {host:?}"
                    ));
                }
                let credentials = match (get("SMTP_USER"), get("SMTP_PASSWORD")) {
                    (Some(user), Some(password)) => Some((user, SecretString::from(password))),
                    (None, None) => None,
                    _ => {
                        problems.push("SMTP_USER and SMTP_PASSWORD: set both or neither".into());
                        None
                    }
                };
                let ca_pem = get("SMTP_CA_FILE").and_then(|path| match std::fs::read(&path) {
                    Ok(pem) => Some(pem),
                    Err(error) => {
                        problems.push(format!("SMTP_CA_FILE: cannot read {path}: {error}"));
                        None
                    }
                });
                EmailMode::Smtp {
                    host,
                    port,
                    tls,
                    credentials,
                    from,
                    ca_pem,
                }
            }
            Some(other) => {
                problems.push(format!("EMAIL_MODE: must be local or smtp, not {other:?}"));
                EmailMode::Local
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> (EmailMode, Vec<String>) {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut problems = Vec::new();
        let mode = EmailMode::read(&|name| vars.get(name).cloned(), &mut problems);
        (mode, problems)
    }

    #[test]
    fn local_is_the_default_and_smtp_needs_a_host_and_a_sender() {
        assert!(matches!(read(&[]).0, EmailMode::Local));
        let (_, problems) = read(&[("EMAIL_MODE", "smtp")]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let (mode, problems) = read(&[
            ("EMAIL_MODE", "smtp"),
            ("SMTP_HOST", "mail.mn"),
            ("EMAIL_FROM", "shop@d.mn"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let EmailMode::Smtp { port, tls, .. } = mode else {
            panic!()
        };
        assert_eq!((port, tls), (587, SmtpTls::StartTls));
        let (mode, _) = read(&[
            ("EMAIL_MODE", "smtp"),
            ("SMTP_HOST", "h"),
            ("EMAIL_FROM", "a@b.c"),
            ("SMTP_TLS", "tls"),
        ]);
        assert!(matches!(
            mode,
            EmailMode::Smtp {
                port: 465,
                tls: SmtpTls::Implicit,
                ..
            }
        ));
        let (_, problems) = read(&[
            ("EMAIL_MODE", "smtp"),
            ("SMTP_HOST", "h"),
            ("EMAIL_FROM", "Дэлгүүр <shop@d.mn>"),
        ]);
        assert!(problems.is_empty(), "a name and an address: {problems:?}");
    }

    #[test]
    fn bad_values_are_named() {
        let base = [("EMAIL_MODE", "smtp"), ("SMTP_HOST", "h"), ("EMAIL_FROM", "a@b.c")];
        let cases: [(&str, &str, &str); 4] = [
            ("SMTP_TLS", "ssl", "SMTP_TLS"),
            ("SMTP_PORT", "0", "SMTP_PORT"),
            ("SMTP_USER", "u", "SMTP_USER and SMTP_PASSWORD"),
            ("EMAIL_FROM", "Shop <shop>", "EMAIL_FROM"),
        ];
        for (name, value, named) in cases {
            let mut vars: Vec<(&str, &str)> = base.iter().copied().filter(|(n, _)| *n != name).collect();
            vars.push((name, value));
            let (_, problems) = read(&vars);
            assert!(
                problems.iter().any(|p| p.starts_with(named)),
                "{name}={value}: {problems:?}"
            );
        }
        assert!(read(&[("EMAIL_MODE", "pigeon")]).1[0].starts_with("EMAIL_MODE"));
    }

    #[test]
    fn no_tls_only_to_a_server_on_this_machine() {
        let with = |host: &'static str| {
            read(&[
                ("EMAIL_MODE", "smtp"),
                ("SMTP_HOST", host),
                ("EMAIL_FROM", "a@b.c"),
                ("SMTP_TLS", "none"),
            ])
            .1
        };
        assert!(with("mail.mn")[0].starts_with("SMTP_TLS: none only"));
        assert!(with("127.0.0.1").is_empty());
        assert!(with("localhost").is_empty());
    }
}
