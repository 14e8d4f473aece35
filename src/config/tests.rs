//! The configuration read from sets of variables: defaults, every mistake named, secrets hidden.

use super::*;
use std::collections::HashMap;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(|name| vars.get(name).cloned())
}

#[test]
fn defaults_run_the_demo_shop_on_sqlite_and_the_emulator() {
    let config = config(&[]).unwrap();
    assert_eq!(config.database_url.expose(), "sqlite://data/delguur.db");
    assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
    assert_eq!(config.public_link("/healthz"), "http://127.0.0.1:3000/healthz");
    assert_eq!(config.qpay.mode, QpayMode::Local);
    assert_eq!(config.qpay.base_url.as_str(), "http://127.0.0.1:3000/qpay-sandbox/v2");
    assert_eq!(config.qpay.client_id, "TEST_MERCHANT");
    assert_eq!(config.qpay.invoice_code, "TEST_INVOICE");
    assert!(config.seed_demo_catalog);
    assert!(!config.cookies_secure());
}

#[test]
fn live_mode_without_credentials_names_each_missing_variable() {
    let err = config(&[("QPAY_MODE", "live")]).unwrap_err();
    assert_eq!(err.problems.len(), 3, "{err}");
    for name in ["QPAY_CLIENT_ID", "QPAY_CLIENT_SECRET", "QPAY_INVOICE_CODE"] {
        assert!(err.to_string().contains(name), "{name} missing from {err}");
    }
}

#[test]
fn live_mode_with_credentials_uses_the_production_host() {
    let config = config(&[
        ("QPAY_MODE", "live"),
        ("QPAY_CLIENT_ID", "SHOP"),
        ("QPAY_CLIENT_SECRET", "s3cret"),
        ("QPAY_INVOICE_CODE", "SHOP_INVOICE"),
        ("PUBLIC_URL", "https://shop.mn"),
    ])
    .unwrap();
    assert_eq!(config.qpay.base_url.as_str(), "https://merchant.qpay.mn/v2");
    assert!(config.cookies_secure());
}

#[test]
fn the_emulator_is_never_the_silent_default_on_a_public_address() {
    let err = config(&[("PUBLIC_URL", "https://shop.mn")]).unwrap_err();
    assert!(err.problems[0].starts_with("QPAY_MODE: must be set"), "{err}");
    assert!(
        config(&[("PUBLIC_URL", "https://shop.mn"), ("QPAY_MODE", "local")]).is_ok(),
        "asked for by name"
    );
    assert!(config(&[("PUBLIC_URL", "http://localhost:3000")]).is_ok());
}

#[test]
fn every_malformed_variable_is_reported_at_once() {
    let err = config(&[
        ("DATABASE_URL", "mysql://localhost/shop"),
        ("DELGUUR_ADDR", "localhost"),
        ("PUBLIC_URL", "shop.mn"),
        ("SEED_DEMO_CATALOG", "maybe"),
    ])
    .unwrap_err();
    let names: Vec<&str> = err.problems.iter().map(|p| p.split(':').next().unwrap()).collect();
    assert_eq!(
        names,
        ["DATABASE_URL", "DELGUUR_ADDR", "PUBLIC_URL", "SEED_DEMO_CATALOG"]
    );
    let err = config(&[("QPAY_MODE", "prod")]).unwrap_err();
    assert_eq!(
        err.problems,
        ["QPAY_MODE: must be local, sandbox or live, not \"prod\""]
    );
}

#[test]
fn secrets_never_show_in_debug_output() {
    let config = config(&[
        ("DATABASE_URL", "postgres://shop:db-password@localhost/shop"),
        ("QPAY_CLIENT_SECRET", "qpay-secret-value"),
    ])
    .unwrap();
    let shown = format!("{config:?}");
    assert!(!shown.contains("db-password"), "{shown}");
    assert!(!shown.contains("qpay-secret-value"), "{shown}");
    assert!(shown.contains("postgres://shop:***@localhost/shop"), "{shown}");
}
