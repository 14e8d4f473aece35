//! What the configuration resolved to, as `delguur check-config` prints it: every setting with its value, secrets
//! shown only as set or not.

use secrecy::ExposeSecret;
use std::time::Duration;

use super::Config;

fn duration(value: Duration) -> String {
    let ms = value.as_millis();
    if ms.is_multiple_of(60_000) {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1_000) {
        format!("{}s", ms / 1_000)
    } else {
        format!("{ms}ms")
    }
}

fn millis(value: i64) -> String {
    duration(Duration::from_millis(u64::try_from(value).unwrap_or(0)))
}

fn hidden(set: bool) -> String {
    if set {
        "(set, hidden)".into()
    } else {
        "(not set)".into()
    }
}

impl Config {
    /// Each variable's name and resolved value. Secrets (the QPay client secret, the owner's password, a database
    /// password) never appear.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        [
            self.server_and_qpay(),
            self.payment_timing(),
            self.owner_media_and_limits(),
            self.messaging_and_ebarimt(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Where the shop runs and how it reaches QPay.
    fn server_and_qpay(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DATABASE_URL", self.database_url.to_string()),
            ("DELGUUR_ADDR", self.addr.to_string()),
            ("PUBLIC_URL", self.public_url.to_string()),
            ("QPAY_MODE", self.qpay.mode.as_str().to_owned()),
            ("QPAY_BASE_URL", self.qpay.base_url.to_string()),
            ("QPAY_CLIENT_ID", self.qpay.client_id.clone()),
            (
                "QPAY_CLIENT_SECRET",
                hidden(!self.qpay.client_secret.expose_secret().is_empty()),
            ),
            ("QPAY_INVOICE_CODE", self.qpay.invoice_code.clone()),
            (
                "QPAY callback URL",
                self.public_link("/qpay/callback/{order_no}?token=…"),
            ),
        ]
    }

    /// How long an invoice lives, when and how often it is checked, and where the owner's webhook goes.
    fn payment_timing(&self) -> Vec<(&'static str, String)> {
        let payments = &self.payments;
        let schedule: Vec<String> = payments.checks.offsets_ms.iter().map(|&ms| millis(ms)).collect();
        vec![
            ("INVOICE_LIFETIME", millis(payments.invoice_lifetime_ms)),
            ("RECONCILE_SCHEDULE", schedule.join(",")),
            ("RECONCILE_MIN_GAP", millis(payments.checks.min_gap_ms)),
            ("RECONCILE_MAX_PER_MINUTE", payments.checks_per_minute.to_string()),
            ("WORKER_TICK", duration(payments.worker_tick)),
            ("QPAY_TIMEOUT", duration(payments.qpay_timeout)),
            ("QPAY_ALLOW_PARTIAL", payments.allow_partial.to_string()),
            (
                "OWNER_WEBHOOK_URL",
                // Only where it goes: its path or query may carry the receiver's secret.
                payments.owner_webhook.as_ref().map_or("(not set)".into(), |url| {
                    format!("{}://{}/… (path hidden)", url.scheme(), url.host_str().unwrap_or(""))
                }),
            ),
        ]
    }

    /// The first owner, the pictures, the limits on what a shopper may hold, and the demo catalog.
    fn owner_media_and_limits(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "ADMIN_EMAIL",
                self.first_owner
                    .as_ref()
                    .map_or("(not set)".into(), |(email, _)| email.clone()),
            ),
            ("ADMIN_PASSWORD", hidden(self.first_owner.is_some())),
            (
                "PICTURE_STORE",
                match self.media.store {
                    crate::config::PictureStoreKind::Database => "database".to_owned(),
                    crate::config::PictureStoreKind::Folder => {
                        format!("folder ({}/pictures)", self.media.dir.display())
                    }
                },
            ),
            ("MEDIA_DIR", self.media.dir.display().to_string()),
            ("MEDIA_MAX_KB", (self.media.max_bytes / 1024).to_string()),
            ("SHEET_MAX_MB", (self.media.sheet_max_bytes / 1024 / 1024).to_string()),
            ("SHEET_MAX_ROWS", self.media.sheet_max_rows.to_string()),
            ("MAX_UNITS_PER_ITEM", self.holds.per_item.to_string()),
            ("MAX_UNITS_PER_ORDER", self.holds.per_order.to_string()),
            ("MAX_HELD_UNITS_PER_PHONE", self.holds.per_phone.to_string()),
            ("MAX_HELD_UNITS_PER_ADDRESS", self.holds.per_address.to_string()),
            ("MAX_UNPAID_OFFLINE_PER_PHONE", self.holds.offline_per_phone.to_string()),
            (
                "MAX_UNPAID_OFFLINE_PER_ADDRESS",
                self.holds.offline_per_address.to_string(),
            ),
            ("SEED_DEMO_CATALOG", self.seed_demo_catalog.to_string()),
        ]
    }

    /// How the shop sends its text messages and emails, and its e-barimt receipts.
    fn messaging_and_ebarimt(&self) -> Vec<(&'static str, String)> {
        let payments = &self.payments;
        vec![
            (
                "SMS_MODE",
                match &payments.sms.mode {
                    // The URL is shown without its query: a provider may take the key there too.
                    crate::config::SmsMode::Http { url, sender, .. } => format!(
                        "http ({} from {sender}, key hidden)",
                        url.split('?').next().unwrap_or_default()
                    ),
                    crate::config::SmsMode::Local => "local (the capture at /sms-sandbox/)".into(),
                },
            ),
            (
                "OWNER_PHONE",
                payments
                    .sms
                    .owner_phone
                    .as_ref()
                    .map_or("none".into(), |p| p.as_str().to_owned()),
            ),
            (
                "EMAIL_MODE",
                match &payments.email {
                    crate::config::EmailMode::Smtp {
                        host,
                        port,
                        tls,
                        credentials,
                        from,
                        ..
                    } => format!(
                        "smtp ({host}:{port}, {tls:?}, from {from}, {})",
                        if credentials.is_some() {
                            "password hidden"
                        } else {
                            "no sign-in"
                        }
                    ),
                    crate::config::EmailMode::Local => "local (the capture at /sms-sandbox/)".into(),
                },
            ),
            (
                "EBARIMT",
                payments.ebarimt.as_ref().map_or("off".into(), |e| {
                    format!(
                        "{} (district {}, classification {}, delivery {}, city tax {}%, invoice code {})",
                        e.api.as_str(),
                        e.district_code,
                        e.classification_code,
                        e.delivery_classification_code,
                        e.city_tax_percent,
                        e.invoice_code.as_deref().unwrap_or("QPAY_INVOICE_CODE")
                    )
                }),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    #[test]
    fn secrets_are_never_shown() {
        let config = Config::from_lookup(|name| match name {
            "DATABASE_URL" => Some("postgres://shop:db-pass-1@127.0.0.1/shop?sslpassword=key-pass-4".into()),
            "OWNER_WEBHOOK_URL" => Some("https://hooks.example.mn/t/hook-secret-5".into()),
            "SMS_MODE" => Some("http".into()),
            "SMS_URL" => Some("https://sms.example.mn/send?key={key}&to={to}&text={text}&k2=sms-secret-6".into()),
            "SMS_KEY" => Some("sms-secret-7".into()),
            "SMS_SENDER" => Some("DELGUUR".into()),
            "QPAY_MODE" => Some("live".into()),
            "PUBLIC_URL" => Some("https://shop.mn".into()),
            "QPAY_CLIENT_ID" => Some("MY_SHOP".into()),
            "QPAY_CLIENT_SECRET" => Some("qpay-secret-2".into()),
            "QPAY_INVOICE_CODE" => Some("MY_SHOP_INVOICE".into()),
            "ADMIN_EMAIL" => Some("owner@shop.mn".into()),
            "ADMIN_PASSWORD" => Some("owner-pass-3".into()),
            _ => None,
        })
        .unwrap();
        let text: String = config
            .describe()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}\n"))
            .collect();
        for secret in [
            "db-pass-1",
            "qpay-secret-2",
            "owner-pass-3",
            "key-pass-4",
            "hook-secret-5",
            "sms-secret-6",
            "sms-secret-7",
        ] {
            assert!(!text.contains(secret), "{secret} shown in:\n{text}");
        }
        assert!(text.contains("QPAY_BASE_URL=https://merchant.qpay.mn/v2\n"), "{text}");
        assert!(text.contains("QPAY_CLIENT_SECRET=(set, hidden)\n"));
        assert!(text.contains("INVOICE_LIFETIME=30m\n"));
        assert!(
            text.contains("SMS_MODE=http (https://sms.example.mn/send from DELGUUR, key hidden)\n"),
            "{text}"
        );
        assert!(text.contains("RECONCILE_SCHEDULE=1m,3m,10m,25m\n"), "{text}");
        assert!(text.contains("QPAY callback URL=https://shop.mn/qpay/callback/"));
        assert!(
            text.contains("OWNER_WEBHOOK_URL=https://hooks.example.mn/… (path hidden)\n"),
            "{text}"
        );
    }
}
