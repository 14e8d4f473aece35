//! The emulator's memory: merchant settings, tokens, invoices, payments, e-barimt receipts, injected faults and
//! counters. Everything random comes from one seeded generator, so a failing test can be replayed with its seed.

use rand::{Rng, SeedableRng, rngs::StdRng};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

use super::faults::FaultRule;

/// What the emulator pretends to be. Set at start-up; `settings` can change at run time through the control API.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The address the emulator is reached at, without a trailing slash, e.g. `http://127.0.0.1:3000/qpay-sandbox`.
    pub public_base: String,
    pub client_id: String,
    pub client_secret: String,
    pub invoice_code: String,
}

/// Behaviour a test may change while the emulator runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Access and refresh tokens live this long; QPay's live for 24 h (SPEC.md §2.1).
    pub token_ttl_seconds: i64,
    /// The error code of a 401 for a missing or expired bearer: production says `NO_CREDENTIALS`, the sandbox
    /// `NO_CREDENDIALS` (SPEC.md §7).
    pub credentials_error: String,
    pub callback: CallbackPolicy,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token_ttl_seconds: 86_400,
            credentials_error: "NO_CREDENTIALS".into(),
            callback: CallbackPolicy::default(),
        }
    }
}

/// How the merchant is called back after a payment. QPay's own retry behaviour is undocumented (SPEC.md §6), so
/// the default is one attempt, and the rest can be switched on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CallbackPolicy {
    /// Never call back (a lost callback).
    pub drop: bool,
    /// Lose this share (0..=1) of callbacks, drawn from the seeded generator.
    pub drop_rate: f64,
    /// Deliver each callback this many times at once (duplicate delivery).
    pub copies: u32,
    /// Wait this long before calling back.
    pub delay_ms: u64,
    /// Call again until the answer is 200 `SUCCESS`, up to `max_attempts`.
    pub retry_until_success: bool,
    pub max_attempts: u32,
    pub retry_interval_ms: u64,
}

impl Default for CallbackPolicy {
    fn default() -> Self {
        CallbackPolicy {
            drop: false,
            drop_rate: 0.0,
            copies: 1,
            delay_ms: 0,
            retry_until_success: false,
            max_attempts: 5,
            retry_interval_ms: 500,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InvoiceStatus {
    #[serde(rename = "OPEN")]
    Open,
    #[serde(rename = "CLOSED")]
    Closed,
    /// One L, as QPay spells it (SPEC.md §3.2).
    #[serde(rename = "CANCELED")]
    Canceled,
}

#[derive(Debug, Clone)]
pub struct Invoice {
    pub id: String,
    pub request: Value,
    pub sender_invoice_no: String,
    pub description: String,
    pub amount: Decimal,
    pub callback_url: String,
    pub status: InvoiceStatus,
    pub allow_partial: bool,
    pub created_at: String,
    pub lines: Vec<Value>,
    pub qr_text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PayMethod {
    P2p,
    Card,
}

#[derive(Debug, Clone)]
pub struct Payment {
    pub id: String,
    pub invoice_id: String,
    /// `PAID`, `PARTIAL`, `REFUNDED` or `CANCELED`.
    pub status: &'static str,
    pub amount: Decimal,
    pub fee: Decimal,
    pub method: PayMethod,
    pub bank_code: String,
    pub date: String,
}

/// Counts a test can read back.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counters {
    /// Requests per endpoint, as `METHOD /v2/route`.
    pub requests: BTreeMap<String, u64>,
    pub tokens_issued: u64,
    pub tokens_refreshed: u64,
    pub faults_injected: u64,
    pub callbacks_dropped: u64,
    pub callbacks_sent: u64,
    pub callbacks_succeeded: u64,
    /// The latest callback attempts, oldest first (at most 500).
    pub callback_attempts: Vec<CallbackAttempt>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CallbackAttempt {
    pub payment_id: String,
    pub url: String,
    pub status: Option<u16>,
    pub body: String,
    pub succeeded: bool,
}

pub struct Sandbox {
    pub config: SandboxConfig,
    /// The seed of `rng`; reset with the same seed to replay a run.
    pub seed: u64,
    pub settings: Settings,
    pub rng: StdRng,
    /// Access and refresh tokens with their expiry, epoch seconds.
    pub access_tokens: HashMap<String, i64>,
    pub refresh_tokens: HashMap<String, i64>,
    pub invoices: HashMap<String, Invoice>,
    pub payments: Vec<Payment>,
    pub receipts: HashMap<String, Value>,
    pub faults: Vec<FaultRule>,
    pub counters: Counters,
}

impl Sandbox {
    pub fn new(config: SandboxConfig, seed: u64) -> Sandbox {
        Sandbox {
            config,
            seed,
            settings: Settings::default(),
            rng: StdRng::seed_from_u64(seed),
            access_tokens: HashMap::new(),
            refresh_tokens: HashMap::new(),
            invoices: HashMap::new(),
            payments: Vec::new(),
            receipts: HashMap::new(),
            faults: Vec::new(),
            counters: Counters::default(),
        }
    }

    /// Forgets everything but the merchant configuration, and reseeds.
    pub fn reset(&mut self, seed: u64) {
        *self = Sandbox::new(self.config.clone(), seed);
    }

    pub fn uuid(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.rng.random())
            .into_uuid()
            .to_string()
    }

    /// `len` random characters from `alphabet`.
    pub fn random_text(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.rng.random_range(0..alphabet.len())] as char)
            .collect()
    }

    /// A P2P payment id: 15 digits that may start with 0, so always a string (SPEC.md §4.1).
    pub fn p2p_payment_id(&mut self) -> String {
        self.random_text(b"0123456789", 15)
    }

    pub fn record_callback(&mut self, attempt: CallbackAttempt) {
        self.counters.callbacks_sent += 1;
        if attempt.succeeded {
            self.counters.callbacks_succeeded += 1;
        }
        if self.counters.callback_attempts.len() >= 500 {
            self.counters.callback_attempts.remove(0);
        }
        self.counters.callback_attempts.push(attempt);
    }

    pub fn paid_total(&self, invoice_id: &str) -> Decimal {
        self.payments
            .iter()
            .filter(|p| p.invoice_id == invoice_id && matches!(p.status, "PAID" | "PARTIAL"))
            .map(|p| p.amount)
            .sum()
    }
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// ISO-8601 UTC with milliseconds, as QPay writes times: `2022-03-11T05:57:47.336Z`.
pub fn iso_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.millisecond()
    )
}
