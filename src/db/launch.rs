//! The going-live checklist's facts (`domain::going_live`): its marks (`launch_marks`, one row each), the counts it
//! reads from the catalog, delivery and orders, and [`state`], which gathers them with the configuration and the
//! shop's identity for `/admin` and `delguur check-config` alike.

use super::{Db, DbError, now_ms, stored::corrupt};
use crate::{
    config::{Config, EmailMode, QpayConfig, QpayMode, SmsMode},
    domain::{
        PaymentState,
        going_live::{LaunchState, Mark, Marks, QpayStage, qpay_fingerprint},
        pay_method::PayMethod,
        shop_identity::ShopIdentity,
    },
    i18n::Lang,
};

/// Records `mark` now, replacing the one before.
pub async fn record(db: &Db, mark: Mark, detail: &str) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO launch_marks (mark, at, detail) VALUES ($1, $2, $3) \
         ON CONFLICT (mark) DO UPDATE SET at = excluded.at, detail = excluded.detail",
    )
    .bind(mark.as_str())
    .bind(now_ms())
    .bind(detail)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records that QPay issued a token for `qpay` as it is configured now.
pub async fn record_qpay_token(db: &Db, qpay: &QpayConfig) -> Result<(), DbError> {
    record(db, Mark::QpayToken, &fingerprint(qpay)).await
}

/// The QPay a token is issued by, as [`qpay_fingerprint`] names it.
pub fn fingerprint(qpay: &QpayConfig) -> String {
    qpay_fingerprint(qpay.mode.as_str(), qpay.base_url.as_str(), &qpay.client_id)
}

/// Every mark recorded; a mark no version of the shop writes is corrupt.
pub async fn marks(db: &Db) -> Result<Marks, DbError> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as("SELECT mark, at, detail FROM launch_marks")
        .fetch_all(db.pool())
        .await?;
    let mut marks = Marks::default();
    for (name, at, detail) in rows {
        let mark = Mark::parse(&name).ok_or_else(|| corrupt("launch_marks", "mark", &name))?;
        marks.add(mark, at, detail);
    }
    Ok(marks)
}

/// Products on sale with a stored picture and a variant on sale in stock. A stored picture is one the owner
/// uploaded, or, in a demo shop, one drawn at seeding (a real shop starts with `SEED_DEMO_CATALOG=false`); the
/// placeholder and the SVG drawings of demo shops seeded before are not stored pictures.
pub async fn products_ready(db: &Db) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT p.id) FROM products p JOIN variants v ON v.product_id = p.id \
         WHERE p.archived = 0 AND v.archived = 0 AND v.stock > 0 \
           AND EXISTS (SELECT 1 FROM product_pictures pp WHERE pp.product_id = p.id)",
    )
    .fetch_one(db.pool())
    .await?)
}

/// Whether a shopper can get an order: an active delivery zone or pickup point (countryside delivery alone leaves
/// Ulaanbaatar, where most orders are, without a way).
pub async fn delivers(db: &Db) -> Result<bool, DbError> {
    let ways: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM delivery_zones WHERE active = 1) \
                + (SELECT COUNT(*) FROM pickup_points WHERE active = 1)",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(ways > 0)
}

/// Whether an order was ever paid through QPay (the emulator's too).
pub async fn paid_through_qpay(db: &Db) -> Result<bool, DbError> {
    let paid: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT 1 FROM orders WHERE payment_method = $1 AND payment_state = $2 LIMIT 1) t",
    )
    .bind(PayMethod::Qpay.as_str())
    .bind(PaymentState::Paid.as_str())
    .fetch_one(db.pool())
    .await?;
    Ok(paid > 0)
}

/// The checklist's facts as the shop stands: the database's, the configuration's (QPay, messages, e-barimt) and
/// the identity's (its name, logo and contacts as the pages show them).
pub async fn state(db: &Db, config: &Config, identity: &ShopIdentity) -> Result<LaunchState, DbError> {
    let marks = marks(db).await?;
    let contacts = &identity.contacts;
    Ok(LaunchState {
        named: identity.named,
        logo: identity.logo.is_some(),
        phone: !contacts.phones.is_empty(),
        email_or_address: !contacts.email.is_empty() || !identity.address(Lang::Mn).is_empty(),
        products_ready: products_ready(db).await?,
        delivery: delivers(db).await?,
        qpay: stage(config.qpay.mode),
        qpay_checked: marks.qpay_token.as_deref() == Some(fingerprint(&config.qpay).as_str()),
        paid_through_qpay: paid_through_qpay(db).await?,
        messages_real: !matches!(config.payments.sms.mode, SmsMode::Local)
            && !matches!(config.payments.email, EmailMode::Local),
        messages_left_local: marks.messages_left_local,
        ebarimt_on: config.payments.ebarimt.is_some(),
        ebarimt_off: marks.ebarimt_off,
        backup_at: marks.backup_at,
        backup_elsewhere: marks.backup_elsewhere,
    })
}

fn stage(mode: QpayMode) -> QpayStage {
    match mode {
        QpayMode::Local => QpayStage::Local,
        QpayMode::Sandbox => QpayStage::Sandbox,
        QpayMode::Live => QpayStage::Live,
    }
}
