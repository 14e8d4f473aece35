//! How payments are followed up: the invoice's lifetime, the reconciler's schedule and budget, partial payments, the
//! owner's notification hook.

use std::time::Duration;
use url::Url;

use crate::domain::CheckSchedule;

#[derive(Debug, Clone)]
pub struct PaymentSettings {
    /// How long a shopper has to pay an invoice (`INVOICE_LIFETIME`, default 30m).
    pub invoice_lifetime_ms: i64,
    /// When unpaid invoices are checked with QPay (`RECONCILE_SCHEDULE`, `RECONCILE_MIN_GAP`).
    pub checks: CheckSchedule,
    /// At most this many reconciler checks per minute per app instance (`RECONCILE_MAX_PER_MINUTE`).
    pub checks_per_minute: u32,
    /// How often the reconciler and the outbox worker look for work (`WORKER_TICK`, default 5s).
    pub worker_tick: Duration,
    /// Whether QPay may take less than the total (`QPAY_ALLOW_PARTIAL`); the order is then "partially paid".
    pub allow_partial: bool,
    /// Where a paid order is announced with a JSON POST (`OWNER_WEBHOOK_URL`); without it, the log only.
    pub owner_webhook: Option<Url>,
    /// How long one QPay request may take (`QPAY_TIMEOUT`, default 10s).
    pub qpay_timeout: Duration,
    /// E-barimt VAT receipts for paid orders (`EBARIMT`, `EBARIMT_*`); `None` when off, the default.
    pub ebarimt: Option<super::EbarimtSettings>,
    /// Text messages to the shopper and the owner (`SMS_MODE`, `SMS_*`, `OWNER_PHONE`).
    pub sms: super::SmsSettings,
    /// E-mail to the shopper and the owner (`EMAIL_MODE`, `SMTP_*`, `EMAIL_FROM`).
    pub email: super::EmailMode,
}

impl Default for PaymentSettings {
    fn default() -> Self {
        PaymentSettings {
            invoice_lifetime_ms: 30 * 60_000,
            checks: CheckSchedule::default(),
            checks_per_minute: 120,
            worker_tick: Duration::from_secs(5),
            allow_partial: false,
            owner_webhook: None,
            qpay_timeout: Duration::from_secs(10),
            ebarimt: None,
            sms: super::SmsSettings::default(),
            email: super::EmailMode::Local,
        }
    }
}

impl PaymentSettings {
    /// Reads the variables through `get`, adding a line to `problems` for each bad one.
    pub fn read(get: &impl Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> PaymentSettings {
        let mut settings = PaymentSettings::default();
        let mut report = |name: &str, why: String| problems.push(format!("{name}: {why}"));
        if let Some(value) = get("INVOICE_LIFETIME") {
            match parse_duration(&value) {
                Ok(lifetime) if lifetime >= Duration::from_secs(1) => settings.invoice_lifetime_ms = millis(lifetime),
                Ok(_) => report("INVOICE_LIFETIME", "must be at least 1s".into()),
                Err(why) => report("INVOICE_LIFETIME", why),
            }
        }
        if let Some(value) = get("RECONCILE_SCHEDULE") {
            match parse_schedule(&value) {
                Ok(offsets) => settings.checks.offsets_ms = offsets,
                Err(why) => report("RECONCILE_SCHEDULE", why),
            }
        }
        if let Some(value) = get("RECONCILE_MIN_GAP") {
            match parse_duration(&value) {
                Ok(gap) if gap >= Duration::from_millis(100) => settings.checks.min_gap_ms = millis(gap),
                Ok(_) => report("RECONCILE_MIN_GAP", "must be at least 100ms".into()),
                Err(why) => report("RECONCILE_MIN_GAP", why),
            }
        }
        if let Some(value) = get("RECONCILE_MAX_PER_MINUTE") {
            match value.parse::<u32>() {
                Ok(cap) if cap > 0 => settings.checks_per_minute = cap,
                _ => report(
                    "RECONCILE_MAX_PER_MINUTE",
                    format!("must be a whole number above 0, not {value:?}"),
                ),
            }
        }
        if let Some(value) = get("WORKER_TICK") {
            match parse_duration(&value) {
                Ok(tick) if tick >= Duration::from_millis(10) => settings.worker_tick = tick,
                Ok(_) => report("WORKER_TICK", "must be at least 10ms".into()),
                Err(why) => report("WORKER_TICK", why),
            }
        }
        if let Some(value) = get("QPAY_TIMEOUT") {
            match parse_duration(&value) {
                Ok(timeout) if timeout >= Duration::from_millis(100) => settings.qpay_timeout = timeout,
                Ok(_) => report("QPAY_TIMEOUT", "must be at least 100ms".into()),
                Err(why) => report("QPAY_TIMEOUT", why),
            }
        }
        match get("QPAY_ALLOW_PARTIAL").as_deref() {
            None | Some("false") | Some("0") => {}
            Some("true") | Some("1") => settings.allow_partial = true,
            Some(other) => report("QPAY_ALLOW_PARTIAL", format!("must be true or false, not {other:?}")),
        }
        if let Some(value) = get("OWNER_WEBHOOK_URL") {
            match Url::parse(&value) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => settings.owner_webhook = Some(url),
                _ => report(
                    "OWNER_WEBHOOK_URL",
                    format!("must be an http:// or https:// address, not {value:?}"),
                ),
            }
        }
        settings.ebarimt = super::EbarimtSettings::read(get, problems);
        settings.sms = super::SmsSettings::read(get, problems);
        settings.email = super::EmailMode::read(get, problems);
        settings
    }
}

/// Whole milliseconds, as the database keeps times.
pub fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// `1500ms`, `90s`, `30m` or `2h`.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    let split = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let bad = || format!("must be a number with ms, s, m or h, such as 30m, not {value:?}");
    let number: u64 = number.parse().map_err(|_| bad())?;
    let unit_ms = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(bad()),
    };
    number.checked_mul(unit_ms).map(Duration::from_millis).ok_or_else(bad)
}

/// `1m,3m,10m,25m`: ascending offsets after the invoice was made.
fn parse_schedule(value: &str) -> Result<Vec<i64>, String> {
    let offsets = value
        .split(',')
        .map(|part| parse_duration(part).map(millis))
        .collect::<Result<Vec<_>, _>>()?;
    if offsets.is_empty() || offsets.windows(2).any(|pair| pair[0] >= pair[1]) {
        return Err(format!(
            "must be ascending durations separated by commas, not {value:?}"
        ));
    }
    Ok(offsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(vars: &[(&str, &str)]) -> (PaymentSettings, Vec<String>) {
        let vars: HashMap<&str, &str> = vars.iter().copied().collect();
        let mut problems = Vec::new();
        let settings = PaymentSettings::read(&|name| vars.get(name).map(|v| v.to_string()), &mut problems);
        (settings, problems)
    }

    #[test]
    fn durations_take_a_unit() {
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert!(parse_duration("30").is_err());
        assert!(parse_duration("-5s").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
    }

    #[test]
    fn the_defaults_follow_qpays_no_polling_rule() {
        let (settings, problems) = read(&[]);
        assert!(problems.is_empty());
        assert_eq!(settings.invoice_lifetime_ms, 1_800_000);
        assert_eq!(settings.checks.offsets_ms, [60_000, 180_000, 600_000, 1_500_000]);
        assert_eq!(settings.checks.min_gap_ms, 60_000);
        assert!(!settings.allow_partial);
    }

    #[test]
    fn every_setting_can_be_changed_and_bad_ones_are_named() {
        let (settings, problems) = read(&[
            ("INVOICE_LIFETIME", "5s"),
            ("RECONCILE_SCHEDULE", "1s,2s"),
            ("RECONCILE_MIN_GAP", "500ms"),
            ("WORKER_TICK", "100ms"),
            ("QPAY_ALLOW_PARTIAL", "true"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.invoice_lifetime_ms, 5_000);
        assert_eq!(settings.checks.offsets_ms, [1_000, 2_000]);
        assert_eq!(settings.worker_tick, Duration::from_millis(100));
        assert!(settings.allow_partial);
        let (_, problems) = read(&[
            ("RECONCILE_SCHEDULE", "3m,1m"),
            ("RECONCILE_MAX_PER_MINUTE", "0"),
            ("OWNER_WEBHOOK_URL", "ftp://x"),
        ]);
        let names: Vec<&str> = problems.iter().map(|p| p.split(':').next().unwrap()).collect();
        assert_eq!(
            names,
            ["RECONCILE_SCHEDULE", "RECONCILE_MAX_PER_MINUTE", "OWNER_WEBHOOK_URL"]
        );
    }
}
