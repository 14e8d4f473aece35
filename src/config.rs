//! Typed configuration, read once from the environment and validated at start-up.
//!
//! Every variable has a default that makes the demo shop work (`.env.example` lists them). A bad value is reported
//! together with every other bad value, so one start-up shows everything that needs fixing.

mod ebarimt;
mod email;
pub mod holds;
mod media;
mod payments;
mod report;
mod sms;

pub use ebarimt::{EbarimtApi, EbarimtSettings};
pub use email::{EmailMode, SmtpTls};
pub use media::{MediaSettings, PictureStoreKind};
pub use payments::{PaymentSettings, millis, parse_duration};
pub use sms::{SmsMethod, SmsMode, SmsSettings};

use secrecy::{ExposeSecret, SecretString};
use std::{fmt, net::SocketAddr};
use url::Url;

/// Where QPay requests go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QpayMode {
    /// The built-in QPay emulator, mounted in this process under `/qpay-sandbox`.
    Local,
    /// QPay's public merchant sandbox.
    Sandbox,
    /// Real payments.
    Live,
}

impl QpayMode {
    fn parse(value: &str) -> Option<QpayMode> {
        match value {
            "local" => Some(QpayMode::Local),
            "sandbox" => Some(QpayMode::Sandbox),
            "live" => Some(QpayMode::Live),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QpayMode::Local => "local",
            QpayMode::Sandbox => "sandbox",
            QpayMode::Live => "live",
        }
    }
}

/// A database URL whose password never reaches a log.
#[derive(Clone)]
pub struct DatabaseUrl(SecretString);

impl DatabaseUrl {
    pub fn parse(value: &str) -> Result<DatabaseUrl, String> {
        let valid =
            value.starts_with("sqlite:") || value.starts_with("postgres://") || value.starts_with("postgresql://");
        if !valid {
            return Err("must start with sqlite: or postgres://".into());
        }
        Ok(DatabaseUrl(SecretString::from(value.to_owned())))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The file of a SQLite database (`None` for PostgreSQL and in-memory SQLite).
    pub fn sqlite_path(&self) -> Option<std::path::PathBuf> {
        let rest = self.expose().strip_prefix("sqlite:")?.trim_start_matches("//");
        let path = rest.split_once('?').map_or(rest, |(path, _)| path);
        (!path.is_empty() && path != ":memory:").then(|| path.into())
    }
}

/// Shows the URL with its password, in the user part or in the query string, replaced by `***`.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Ok(mut url) = Url::parse(self.expose()) else {
            return f.write_str(self.expose());
        };
        if url.password().is_some() {
            let _ = url.set_password(Some("***"));
        }
        if url.query().is_some() {
            let pairs: Vec<(String, String)> = url
                .query_pairs()
                .map(|(key, value)| {
                    let secret = key.to_ascii_lowercase().contains("password");
                    (key.into_owned(), if secret { "***".into() } else { value.into_owned() })
                })
                .collect();
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
        write!(f, "{url}")
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

#[derive(Debug, Clone)]
pub struct QpayConfig {
    pub mode: QpayMode,
    /// Base URL including `/v2`, without a trailing slash.
    pub base_url: Url,
    pub client_id: String,
    pub client_secret: SecretString,
    pub invoice_code: String,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub addr: SocketAddr,
    /// The address shoppers and QPay's callbacks reach this shop at, without a trailing slash.
    pub public_url: Url,
    pub qpay: QpayConfig,
    pub seed_demo_catalog: bool,
    pub payments: PaymentSettings,
    pub media: MediaSettings,
    /// How much stock unpaid orders may hold per item, order, phone and address (`MAX_UNITS_PER_ITEM`, ...).
    pub holds: crate::domain::holds::HoldLimits,
    /// The first shop owner, made at start-up when there is none yet (`ADMIN_EMAIL`, `ADMIN_PASSWORD`).
    pub first_owner: Option<(String, SecretString)>,
    /// `BENCH_BASELINE=true`: serve `/_baseline/…`, pre-rendered copies of pages for `make bench` (`baseline.rs`).
    pub bench_baseline: bool,
}

/// Every problem found in the environment, one line each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration:\n  - {}", .problems.join("\n  - "))]
pub struct ConfigError {
    pub problems: Vec<String>,
}

const MIN_OWNER_PASSWORD_CHARS: usize = 10;
const DEFAULT_DATABASE_URL: &str = "sqlite://data/delguur.db";
const DEFAULT_ADDR: &str = "127.0.0.1:3000";
const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";
const SANDBOX_BASE_URL: &str = "https://merchant-sandbox.qpay.mn/v2";
const LIVE_BASE_URL: &str = "https://merchant.qpay.mn/v2";
// QPay's public sandbox merchant (SPEC.md §1); the emulator accepts the same pair.
const SANDBOX_CLIENT_ID: &str = "TEST_MERCHANT";
const SANDBOX_CLIENT_SECRET: &str = "123456";
const SANDBOX_INVOICE_CODE: &str = "TEST_INVOICE";

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests can give variables without touching the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut problems = Vec::new();
        let mut check = |name: &str, result: Result<(), String>| {
            if let Err(why) = result {
                problems.push(format!("{name}: {why}"));
            }
        };

        let database_url = DatabaseUrl::parse(&get("DATABASE_URL").unwrap_or(DEFAULT_DATABASE_URL.into()));
        check("DATABASE_URL", database_url.as_ref().map(|_| ()).map_err(Clone::clone));

        let addr = get("DELGUUR_ADDR")
            .unwrap_or(DEFAULT_ADDR.into())
            .parse::<SocketAddr>()
            .map_err(|_| "must be an IP address and port, such as 127.0.0.1:3000".to_owned());
        check("DELGUUR_ADDR", addr.as_ref().map(|_| ()).map_err(Clone::clone));

        let public_url = parse_http_url(&get("PUBLIC_URL").unwrap_or(DEFAULT_PUBLIC_URL.into()));
        check("PUBLIC_URL", public_url.as_ref().map(|_| ()).map_err(Clone::clone));

        let mode = get("QPAY_MODE").unwrap_or("local".into());
        let mode = QpayMode::parse(&mode).ok_or_else(|| format!("must be local, sandbox or live, not {mode:?}"));
        check("QPAY_MODE", mode.as_ref().map(|_| ()).map_err(Clone::clone));

        let seed = flag(get("SEED_DEMO_CATALOG").as_deref(), true);
        check("SEED_DEMO_CATALOG", seed.as_ref().map(|_| ()).map_err(Clone::clone));
        let bench_baseline = flag(get("BENCH_BASELINE").as_deref(), false);
        check(
            "BENCH_BASELINE",
            bench_baseline.as_ref().map(|_| ()).map_err(Clone::clone),
        );

        // The emulator lets anyone mark an invoice paid: on a public address it must be asked for by name.
        if let (Ok(QpayMode::Local), Ok(url), None) = (&mode, &public_url, get("QPAY_MODE"))
            && !is_loopback(url)
        {
            problems.push(format!(
                "QPAY_MODE: must be set when PUBLIC_URL ({url}) is not a local address; the default, local, \
                 runs the built-in QPay emulator, which lets anyone mark orders paid"
            ));
        }

        let qpay = match (&mode, &public_url) {
            (Ok(mode), Ok(public_url)) => Some(qpay_config(*mode, public_url, &get, &mut problems)),
            _ => None,
        };
        let payments = PaymentSettings::read(&get, &mut problems);
        let media = MediaSettings::read(&get, &mut problems);
        let holds = holds::read(&get, &mut problems);
        let first_owner = match (get("ADMIN_EMAIL"), get("ADMIN_PASSWORD")) {
            (None, None) => None,
            (Some(email), Some(password)) if password.chars().count() >= MIN_OWNER_PASSWORD_CHARS => {
                Some((email, SecretString::from(password)))
            }
            (Some(_), Some(_)) => {
                problems.push(format!(
                    "ADMIN_PASSWORD: must have at least {MIN_OWNER_PASSWORD_CHARS} characters"
                ));
                None
            }
            _ => {
                problems.push("ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither".into());
                None
            }
        };

        match (database_url, addr, public_url, qpay, seed, bench_baseline) {
            (Ok(database_url), Ok(addr), Ok(public_url), Some(qpay), Ok(seed_demo_catalog), Ok(bench_baseline))
                if problems.is_empty() =>
            {
                Ok(Config {
                    database_url,
                    addr,
                    public_url,
                    qpay,
                    seed_demo_catalog,
                    payments,
                    media,
                    holds,
                    first_owner,
                    bench_baseline,
                })
            }
            _ => Err(ConfigError { problems }),
        }
    }

    /// Whether cookies must carry `Secure`: whenever shoppers reach the shop over HTTPS.
    pub fn cookies_secure(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// `PUBLIC_URL` joined with a path that starts with `/`.
    pub fn public_link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.as_str().trim_end_matches('/'))
    }
}

/// A true/false setting: `true`/`1` or `false`/`0`; `default` when unset.
fn flag(value: Option<&str>, default: bool) -> Result<bool, String> {
    match value {
        None => Ok(default),
        Some("true") | Some("1") => Ok(true),
        Some("false") | Some("0") => Ok(false),
        Some(other) => Err(format!("must be true or false, not {other:?}")),
    }
}

fn qpay_config(
    mode: QpayMode,
    public_url: &Url,
    get: &impl Fn(&str) -> Option<String>,
    problems: &mut Vec<String>,
) -> QpayConfig {
    let default_base = match mode {
        QpayMode::Local => format!("{}/qpay-sandbox/v2", public_url.as_str().trim_end_matches('/')),
        QpayMode::Sandbox => SANDBOX_BASE_URL.into(),
        QpayMode::Live => LIVE_BASE_URL.into(),
    };
    let base_url = match parse_http_url(&get("QPAY_BASE_URL").unwrap_or(default_base.clone())) {
        Ok(url) => url,
        Err(why) => {
            problems.push(format!("QPAY_BASE_URL: {why}"));
            Url::parse(&default_base).expect("default QPay base URLs are valid")
        }
    };
    // The emulator and QPay's public sandbox both take the published test merchant; live payments need the shop's own.
    let mut credential = |name: &str, sandbox_default: &str| match (get(name), mode) {
        (Some(value), _) => value,
        (None, QpayMode::Live) => {
            problems.push(format!(
                "{name}: required when QPAY_MODE=live (QPay gives it to the merchant)"
            ));
            String::new()
        }
        (None, _) => sandbox_default.to_owned(),
    };
    let client_id = credential("QPAY_CLIENT_ID", SANDBOX_CLIENT_ID);
    let client_secret = SecretString::from(credential("QPAY_CLIENT_SECRET", SANDBOX_CLIENT_SECRET));
    let invoice_code = credential("QPAY_INVOICE_CODE", SANDBOX_INVOICE_CODE);
    QpayConfig {
        mode,
        base_url,
        client_id,
        client_secret,
        invoice_code,
    }
}

/// Whether the URL points at this machine (127.0.0.0/8, ::1 or localhost).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

/// An absolute `http` or `https` URL without a query or fragment.
fn parse_http_url(value: &str) -> Result<Url, String> {
    let url = Url::parse(value).map_err(|e| format!("{e} in {value:?}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("must be an http:// or https:// address, not {value:?}"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("must not have a query or fragment".into());
    }
    Ok(url)
}

#[cfg(test)]
mod tests;
