//! Discount codes (the rules in `domain::discount`): reading a code with its limits and targets, counting
//! a use when its order is paid, the owner's list with each code's figures, and the owner's changes.

use sqlx::{Any, Transaction};

use super::{Db, DbError, now_ms, stored};
use crate::domain::{
    discount::CodeRules,
    pricing::{CodeKind, Percent},
};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CodeRow {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub percent: Option<i64>,
    pub amount_mnt: Option<i64>,
    pub min_order_mnt: Option<i64>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub max_uses: Option<i64>,
    pub max_uses_per_phone: Option<i64>,
    pub uses: i64,
    pub active: i64,
}

impl CodeRow {
    /// The code's rules; a stored kind, percent or amount no version of the shop writes is an error (`stored.rs`),
    /// and so is a minimum order below nothing: never read as "no minimum".
    pub fn rules(&self) -> Result<CodeRules, DbError> {
        const CODES: &str = "discount_codes";
        let shown = |value: Option<i64>| value.map_or_else(|| "NULL".to_owned(), |value| value.to_string());
        let kind = match self.kind.as_str() {
            "percent" => CodeKind::Percent(
                self.percent
                    .and_then(Percent::new)
                    .ok_or_else(|| stored::corrupt(CODES, "percent", shown(self.percent)))?,
            ),
            "fixed" => match self.amount_mnt {
                Some(amount) => CodeKind::Fixed(stored::amount(CODES, "amount_mnt", amount)?),
                None => return Err(stored::corrupt(CODES, "amount_mnt", shown(None))),
            },
            "free-delivery" => CodeKind::FreeDelivery,
            other => return Err(stored::corrupt(CODES, "kind", other)),
        };
        Ok(CodeRules {
            kind,
            active: self.active == 1,
            min_order: stored::optional_amount(CODES, "min_order_mnt", self.min_order_mnt)?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            max_uses: self.max_uses,
            max_uses_per_phone: self.max_uses_per_phone,
        })
    }
}

const SELECT_CODE: &str = "SELECT id, code, kind, percent, amount_mnt, min_order_mnt, starts_at, ends_at, max_uses, \
                           max_uses_per_phone, uses, active FROM discount_codes";

/// The code as stored (upper-case: `domain::discount::normalize`).
pub async fn find(db: &Db, code: &str) -> Result<Option<CodeRow>, DbError> {
    Ok(sqlx::query_as(&format!("{SELECT_CODE} WHERE code = $1"))
        .bind(code)
        .fetch_optional(db.pool())
        .await?)
}

/// What a code is limited to: categories and products; both empty when it applies to every item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub categories: Vec<i64>,
    pub products: Vec<i64>,
}

impl Targets {
    pub fn applies_to(&self, category_id: i64, product_id: i64) -> bool {
        (self.categories.is_empty() && self.products.is_empty())
            || self.categories.contains(&category_id)
            || self.products.contains(&product_id)
    }
}

pub async fn targets(db: &Db, code_id: i64) -> Result<Targets, DbError> {
    let rows: Vec<(Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT category_id, product_id FROM discount_code_targets WHERE code_id = $1")
            .bind(code_id)
            .fetch_all(db.pool())
            .await?;
    Ok(Targets {
        categories: rows.iter().filter_map(|(category, _)| *category).collect(),
        products: rows.iter().filter_map(|(_, product)| *product).collect(),
    })
}

/// Paid orders with `phone` that used the code.
pub async fn uses_by_phone(db: &Db, code_id: i64, phone: &str) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM discount_code_uses WHERE code_id = $1 AND phone = $2")
            .bind(code_id)
            .bind(phone)
            .fetch_one(db.pool())
            .await?,
    )
}

/// What came of counting a paid order's use of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Counted,
    /// Counted before (a second settlement of the same order): nothing changed.
    Already,
    /// The code's last use, or this phone's, went to another order paid first.
    UsedUp,
}

/// Counts the order's use of its code in the paid move's transaction. The total limit holds under concurrency
/// because the count is raised by one conditional UPDATE of the code's row (PostgreSQL locks the row and re-checks
/// the condition for the second of two racing transactions; SQLite runs write transactions one at a time); the
/// per-phone limit is counted under a lock on the code and phone.
pub async fn count_use(
    db: &Db,
    tx: &mut Transaction<'static, Any>,
    order_id: i64,
    code_id: i64,
    phone: &str,
) -> Result<Counted, DbError> {
    let already: Option<i64> = sqlx::query_scalar("SELECT order_id FROM discount_code_uses WHERE order_id = $1")
        .bind(order_id)
        .fetch_optional(&mut **tx)
        .await?;
    if already.is_some() {
        return Ok(Counted::Already);
    }
    db.lock_key(tx, &format!("code-use:{code_id}:{phone}")).await?;
    let by_phone: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM discount_code_uses WHERE code_id = $1 AND phone = $2")
        .bind(code_id)
        .bind(phone)
        .fetch_one(&mut **tx)
        .await?;
    let raised = sqlx::query(
        "UPDATE discount_codes SET uses = uses + 1 WHERE id = $1 \
         AND (max_uses IS NULL OR uses < max_uses) AND (max_uses_per_phone IS NULL OR $2 < max_uses_per_phone)",
    )
    .bind(code_id)
    .bind(by_phone)
    .execute(&mut **tx)
    .await?;
    if raised.rows_affected() == 0 {
        return Ok(Counted::UsedUp);
    }
    sqlx::query("INSERT INTO discount_code_uses (order_id, code_id, phone, used_at) VALUES ($1, $2, $3, $4)")
        .bind(order_id)
        .bind(code_id)
        .bind(phone)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok(Counted::Counted)
}

/// A code on the owner's list with what it did: the uses counted against its limit, paid orders that carried it
/// beyond the limit (flagged for the owner), what its paid orders were given off (discount and waived delivery),
/// and what they paid, less refunds.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CodeFigures {
    #[sqlx(flatten)]
    pub code: CodeRow,
    pub over_limit: i64,
    pub discounted_mnt: i64,
    pub sold_mnt: i64,
}

pub async fn list_with_figures(db: &Db) -> Result<Vec<CodeFigures>, DbError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.code, c.kind, c.percent, c.amount_mnt, c.min_order_mnt, c.starts_at, c.ends_at, c.max_uses, \
                c.max_uses_per_phone, c.active, c.uses, COUNT(o.id) - COUNT(u.order_id) AS over_limit, \
                CAST(COALESCE(SUM(o.discount_mnt + o.delivery_waived_mnt), 0) AS BIGINT) AS discounted_mnt, \
                CAST(COALESCE(SUM(o.total_mnt - o.refunded_mnt), 0) AS BIGINT) AS sold_mnt \
         FROM discount_codes c \
         LEFT JOIN orders o ON o.discount_code_id = c.id AND o.payment_state = 'paid' \
         LEFT JOIN discount_code_uses u ON u.order_id = o.id \
         GROUP BY c.id, c.code, c.kind, c.percent, c.amount_mnt, c.min_order_mnt, c.starts_at, c.ends_at, \
                  c.max_uses, c.max_uses_per_phone, c.active, c.uses \
         ORDER BY c.id DESC",
    )
    .fetch_all(db.pool())
    .await?)
}

/// A code as the owner creates it (already checked by the admin's form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    pub code: String,
    pub kind: &'static str,
    pub percent: Option<i64>,
    pub amount_mnt: Option<i64>,
    pub min_order_mnt: Option<i64>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub max_uses: Option<i64>,
    pub max_uses_per_phone: Option<i64>,
    pub categories: Vec<i64>,
    pub products: Vec<i64>,
}

/// Creates the code with its targets; `None` when a code with this name exists.
pub async fn create(db: &Db, code: &NewCode) -> Result<Option<i64>, DbError> {
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO discount_codes (code, kind, percent, amount_mnt, min_order_mnt, starts_at, ends_at, max_uses, \
                                     max_uses_per_phone, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&code.code)
    .bind(code.kind)
    .bind(code.percent)
    .bind(code.amount_mnt)
    .bind(code.min_order_mnt)
    .bind(code.starts_at)
    .bind(code.ends_at)
    .bind(code.max_uses)
    .bind(code.max_uses_per_phone)
    .bind(now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    for (category, product) in code
        .categories
        .iter()
        .map(|c| (Some(*c), None))
        .chain(code.products.iter().map(|p| (None, Some(*p))))
    {
        sqlx::query("INSERT INTO discount_code_targets (code_id, category_id, product_id) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(category)
            .bind(product)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// Switches a code on or off; false when there is no such code.
pub async fn set_active(db: &Db, code_id: i64, active: bool) -> Result<bool, DbError> {
    let changed = sqlx::query("UPDATE discount_codes SET active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(code_id)
        .execute(db.pool())
        .await?;
    Ok(changed.rows_affected() == 1)
}

/// The ids of the categories (`table` `categories`) or products (`products`) with these slugs, in the same order;
/// `None` for a slug there is none of.
pub async fn ids_of(db: &Db, table: Catalog, slugs: &[String]) -> Result<Vec<Option<i64>>, DbError> {
    let sql = match table {
        Catalog::Categories => "SELECT id FROM categories WHERE slug = $1",
        Catalog::Products => "SELECT id FROM products WHERE slug = $1",
    };
    let mut ids = Vec::with_capacity(slugs.len());
    for slug in slugs {
        ids.push(sqlx::query_scalar(sql).bind(slug).fetch_optional(db.pool()).await?);
    }
    Ok(ids)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalog {
    Categories,
    Products,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_stored_as_the_shop_never_writes_it_is_corrupt_never_another_code() {
        let code = |kind: &str, percent, amount_mnt, min_order_mnt| CodeRow {
            id: 1,
            code: "SAR".into(),
            kind: kind.into(),
            percent,
            amount_mnt,
            min_order_mnt,
            starts_at: None,
            ends_at: None,
            max_uses: None,
            max_uses_per_phone: None,
            uses: 0,
            active: 1,
        };
        assert!(code("percent", Some(10), None, Some(20_000)).rules().is_ok());
        let cases = [
            (code("bogo", None, None, None), "kind"),
            (code("percent", Some(0), None, None), "percent"),
            (code("fixed", None, None, None), "amount_mnt"),
            (code("fixed", None, Some(-1), None), "amount_mnt"),
            // A minimum below nothing is not "no minimum".
            (code("free-delivery", None, None, Some(-1)), "min_order_mnt"),
        ];
        for (row, column) in cases {
            let error = row.rules().unwrap_err();
            let named = matches!(error, DbError::Corrupt { table: "discount_codes", column: c, .. } if c == column);
            assert!(named, "{column}: {error}");
        }
    }
}
