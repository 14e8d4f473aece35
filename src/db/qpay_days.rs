//! The day's check of QPay's payment list (issue #22): the shop's side of a day (the invoices and payments QPay's
//! rows name, the payments recorded in the day), and each run with its findings (`qpay_day_checks`,
//! `qpay_day_findings`), kept for the owner's report.

use super::{Db, DbError, IDS_PER_QUERY, now_ms, placeholders, stored};
use crate::domain::{
    Mnt,
    pay_method::is_own_payment,
    qpay_day::{Finding, FindingKind, KnownInvoice, RecordedPayment},
};

/// Who runs the background job's check, as `run_by` records it; the owner's runs record their e-mail.
pub const DAILY: &str = "daily";

/// A run of the check, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCheckRow {
    pub id: i64,
    pub day: String,
    pub run_by: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub pages: i64,
    pub listed: i64,
    pub matched: i64,
    pub error: Option<String>,
}

/// Starts a run of `day`; `None` when `run_by` is [`DAILY`] and the day's daily run exists already (another
/// instance, or an earlier tick, took it).
pub async fn start(db: &Db, day: &str, run_by: &str) -> Result<Option<i64>, DbError> {
    let id = sqlx::query_scalar(
        "INSERT INTO qpay_day_checks (day, run_by, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(day)
    .bind(run_by)
    .bind(now_ms())
    .fetch_optional(db.pool())
    .await?;
    Ok(id)
}

/// What a finished run counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub pages: i64,
    pub listed: i64,
    pub matched: i64,
}

/// Ends the run with its counts and findings, or with why it could not finish.
pub async fn finish(
    db: &Db,
    check_id: i64,
    counts: RunCounts,
    findings: &[Finding],
    error: Option<&str>,
) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    for finding in findings {
        sqlx::query(
            "INSERT INTO qpay_day_findings \
             (check_id, kind, payment_id, order_no, invoice_id, qpay_cents, shop_mnt, outcome) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(check_id)
        .bind(finding.kind.as_str())
        .bind(&finding.payment_id)
        .bind(finding.order_no.as_deref())
        .bind(finding.invoice_id.as_deref())
        .bind(finding.qpay_cents)
        .bind(finding.shop_amount.map(Mnt::amount))
        .bind(&finding.outcome)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE qpay_day_checks SET finished_at = $2, pages = $3, listed = $4, matched = $5, error = $6 WHERE id = $1",
    )
    .bind(check_id)
    .bind(now_ms())
    .bind(counts.pages)
    .bind(counts.listed)
    .bind(counts.matched)
    .bind(error)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a daily run back, so a later tick tries the day again (QPay could not be asked).
pub async fn forget(db: &Db, check_id: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM qpay_day_checks WHERE id = $1")
        .bind(check_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The shop's invoices among `invoice_ids`, with their orders.
pub async fn invoices_named(db: &Db, invoice_ids: &[String]) -> Result<Vec<KnownInvoice>, DbError> {
    let mut known = Vec::new();
    for chunk in invoice_ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT i.invoice_id, o.order_no FROM qpay_invoices i JOIN orders o ON o.id = i.order_id \
             WHERE i.invoice_id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query_as::<sqlx::Any, (String, String)>(&sql);
        for id in chunk {
            query = query.bind(id.as_str());
        }
        for (invoice_id, order_no) in query.fetch_all(db.pool()).await? {
            known.push(KnownInvoice { invoice_id, order_no });
        }
    }
    Ok(known)
}

const RECORDED: &str = "SELECT p.qpay_payment_id, o.order_no, p.amount_mnt, p.confirmed_at \
                        FROM payments p JOIN orders o ON o.id = p.order_id";

/// The QPay payments the shop recorded that `payment_ids` name, and every one recorded in `[from_ms, until_ms)`;
/// money the shop took itself is not QPay's and is left out.
pub async fn recorded(
    db: &Db,
    payment_ids: &[String],
    from_ms: i64,
    until_ms: i64,
) -> Result<Vec<RecordedPayment>, DbError> {
    let mut rows: Vec<(String, String, i64, i64)> = sqlx::query_as(&format!(
        "{RECORDED} WHERE p.confirmed_at >= $1 AND p.confirmed_at < $2"
    ))
    .bind(from_ms)
    .bind(until_ms)
    .fetch_all(db.pool())
    .await?;
    for chunk in payment_ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "{RECORDED} WHERE p.qpay_payment_id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query_as::<sqlx::Any, (String, String, i64, i64)>(&sql);
        for id in chunk {
            query = query.bind(id.as_str());
        }
        rows.extend(query.fetch_all(db.pool()).await?);
    }
    let mut recorded: Vec<RecordedPayment> = Vec::new();
    for (payment_id, order_no, amount, confirmed_at) in rows {
        if is_own_payment(&payment_id) || recorded.iter().any(|r| r.payment_id == payment_id) {
            continue;
        }
        recorded.push(RecordedPayment {
            amount: stored::amount("payments", "amount_mnt", amount)?,
            in_day: (from_ms..until_ms).contains(&confirmed_at),
            payment_id,
            order_no,
        });
    }
    Ok(recorded)
}

/// The latest run of `day` (the owner's or the daily job's) with its findings; `None` before any.
pub async fn latest(db: &Db, day: &str) -> Result<Option<(DayCheckRow, Vec<Finding>)>, DbError> {
    type Row = (i64, String, String, i64, Option<i64>, i64, i64, i64, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, day, run_by, started_at, finished_at, pages, listed, matched, error FROM qpay_day_checks \
         WHERE day = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(day)
    .fetch_optional(db.pool())
    .await?;
    let Some((id, day, run_by, started_at, finished_at, pages, listed, matched, error)) = row else {
        return Ok(None);
    };
    let check = DayCheckRow {
        id,
        day,
        run_by,
        started_at,
        finished_at,
        pages,
        listed,
        matched,
        error,
    };
    type FindingRow = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        String,
    );
    let rows: Vec<FindingRow> = sqlx::query_as(
        "SELECT kind, payment_id, order_no, invoice_id, qpay_cents, shop_mnt, outcome FROM qpay_day_findings \
         WHERE check_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let mut findings = Vec::with_capacity(rows.len());
    for (kind, payment_id, order_no, invoice_id, qpay_cents, shop_mnt, outcome) in rows {
        findings.push(Finding {
            kind: FindingKind::parse(&kind).ok_or_else(|| stored::corrupt("qpay_day_findings", "kind", &kind))?,
            shop_amount: stored::optional_amount("qpay_day_findings", "shop_mnt", shop_mnt)?,
            payment_id,
            order_no,
            invoice_id,
            qpay_cents,
            outcome,
        });
    }
    Ok(Some((check, findings)))
}

/// What the day checks of the days `first..=last` (`YYYY-MM-DD`) found, by each day's latest finished run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChecksSummary {
    /// Days with a finished run.
    pub days_checked: i64,
    /// Payments QPay listed that the shop had lost, now settled.
    pub recovered: i64,
    /// Findings left for the owner: payments of no order, orders QPay does not list, amounts that differ.
    pub flagged: i64,
}

pub async fn summary(db: &Db, first: &str, last: &str) -> Result<ChecksSummary, DbError> {
    let (days_checked, recovered, flagged): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(DISTINCT c.day), \
                CAST(COALESCE(SUM(CASE WHEN f.kind = 'recovered' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN f.kind <> 'recovered' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM qpay_day_checks c LEFT JOIN qpay_day_findings f ON f.check_id = c.id \
         WHERE c.day >= $1 AND c.day <= $2 AND c.id = (SELECT MAX(l.id) FROM qpay_day_checks l \
               WHERE l.day = c.day AND l.finished_at IS NOT NULL AND l.error IS NULL)",
    )
    .bind(first)
    .bind(last)
    .fetch_one(db.pool())
    .await?;
    Ok(ChecksSummary {
        days_checked,
        recovered,
        flagged,
    })
}
