//! The owner's discount codes: the list with each code's figures, a new code checked (`form.rs`) and
//! stored, a code switched on or off. Each change is logged with the account that made it.

use super::{CodeSummary, Returned, form::CodeForm};
use crate::{
    admin::form::{FieldError, Problem},
    db::{
        Db, DbError,
        discount_codes::{self, Catalog, CodeRow, NewCode},
    },
    domain::{Mnt, discount::CodeRules, pricing::CodeKind, ub_day::DAY_MS},
    i18n::Lang,
    ub_time,
};

#[derive(Debug, Clone)]
pub struct CodesService {
    db: Db,
}

impl CodesService {
    pub fn new(db: Db) -> Self {
        CodesService { db }
    }

    pub async fn list(&self, lang: Lang) -> Result<Vec<CodeSummary>, DbError> {
        let rows = discount_codes::list_with_figures(&self.db).await?;
        rows.into_iter()
            .map(|row| -> Result<CodeSummary, DbError> {
                // A code stored with a kind or amount the shop never writes is an error, not some other code's terms.
                let rules = row.code.rules()?;
                Ok(CodeSummary {
                    terms: terms_of(&row.code, &rules, lang),
                    id: row.code.id,
                    active: row.code.active == 1,
                    uses: row.code.uses,
                    over_limit: row.over_limit,
                    max_uses: row.code.max_uses,
                    code: row.code.code,
                    // Sums over paid orders, not stored values: what they sold less refunds goes below nothing when
                    // an order paid twice was refunded beyond its total, shown as 0₮.
                    discounted: Mnt::new(row.discounted_mnt).unwrap_or_default(),
                    sold: Mnt::new(row.sold_mnt).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Stores a new code; or the form back with its mistakes (a code that exists, a slug there is none of).
    pub async fn create(
        &self,
        actor: &str,
        input: CodeForm,
        lang: Lang,
    ) -> Result<Result<&'static str, Returned<CodeForm>>, DbError> {
        let sent_back = |input, errors| Ok(Err(Returned { input, errors }));
        let valid = match input.parse(|day| ub_time::day_start_ms(day).is_some()) {
            Ok(valid) => valid,
            Err(errors) => return sent_back(input, errors),
        };
        let categories = discount_codes::ids_of(&self.db, Catalog::Categories, &valid.categories).await?;
        let products = discount_codes::ids_of(&self.db, Catalog::Products, &valid.products).await?;
        let mut errors = Vec::new();
        for (field, ids, problem) in [
            ("categories", &categories, Problem::UnknownCategory),
            ("products", &products, Problem::UnknownProduct),
        ] {
            if ids.iter().any(Option::is_none) {
                errors.push(FieldError::new(field, problem));
            }
        }
        if !errors.is_empty() {
            return sent_back(input, errors);
        }
        let (kind, percent, amount_mnt) = match valid.kind {
            crate::domain::pricing::CodeKind::Percent(p) => ("percent", Some(i64::from(p.get())), None),
            crate::domain::pricing::CodeKind::Fixed(amount) => ("fixed", None, Some(amount.amount())),
            crate::domain::pricing::CodeKind::FreeDelivery => ("free-delivery", None, None),
        };
        let day = |day: &Option<String>| day.as_deref().and_then(ub_time::day_start_ms);
        let code = NewCode {
            code: valid.code.clone(),
            kind,
            percent,
            amount_mnt,
            min_order_mnt: valid.min_order.map(Mnt::amount),
            starts_at: day(&valid.starts),
            // To the end of the last day.
            ends_at: day(&valid.ends).map(|start| start + DAY_MS),
            max_uses: valid.max_uses,
            max_uses_per_phone: valid.max_uses_per_phone,
            categories: categories.into_iter().flatten().collect(),
            products: products.into_iter().flatten().collect(),
        };
        match discount_codes::create(&self.db, &code).await? {
            Some(id) => {
                tracing::info!(%actor, code_id = id, code = %valid.code, "discount code created");
                Ok(Ok(lang.settings().code_created))
            }
            None => sent_back(input, vec![FieldError::new("code", Problem::Taken)]),
        }
    }

    pub async fn switch(&self, actor: &str, id: i64, active: bool, lang: Lang) -> Result<&'static str, DbError> {
        if discount_codes::set_active(&self.db, id, active).await? {
            tracing::info!(%actor, code_id = id, active, "discount code switched");
        }
        Ok(lang.settings().code_changed)
    }
}

/// What the code gives and when, as one line in the owner's language: `10% · from 20,000₮ · 2026-12-01 – …`.
fn terms_of(row: &CodeRow, rules: &CodeRules, lang: Lang) -> String {
    let mut parts = vec![match rules.kind {
        CodeKind::Percent(percent) => format!("{}%", percent.get()),
        CodeKind::Fixed(amount) => amount.to_string(),
        CodeKind::FreeDelivery => lang.settings().code_free_delivery.to_owned(),
    }];
    if let Some(min) = rules.min_order {
        parts.push(format!("{} {min}", lang.settings().code_min_order));
    }
    if row.starts_at.is_some() || row.ends_at.is_some() {
        let day = |at: Option<i64>| {
            at.map(|at| ub_time::clock(at).chars().take(10).collect::<String>())
                .unwrap_or_default()
        };
        parts.push(format!(
            "{} – {}",
            day(row.starts_at),
            day(row.ends_at.map(|end| end - DAY_MS))
        ));
    }
    if let Some(per_phone) = row.max_uses_per_phone {
        parts.push(format!("{}: {per_phone}", lang.settings().code_max_per_phone));
    }
    parts.join(" · ")
}
