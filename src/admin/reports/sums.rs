//! The report's numbers for a period, read once and kept until an order is placed or moves.
//!
//! At a real shop's size a year's report reads every order line of the year (docs/PERFORMANCE.md: the shop at
//! scale), far more than a page may take each time the owner looks. The numbers only change when an order does, and
//! every such write sets `orders.updated_at`, so a kept copy is checked against its newest value (one index read,
//! `reports::sales_mark`) and read again when it moved. The mark is read before the sums: an order moving while
//! they are read leaves a mark older than the sums, and the next look reads them again, never the reverse. Names are
//! not kept: they are read with each report, so a product renamed shows its new name at once.

use std::sync::{Arc, Mutex};

use crate::{
    db::{
        Db, DbError,
        reports::{self, CodeSales, FeeSums, GroupSales},
    },
    domain::{Mnt, pay_method::PayMethod, report::Period, report::top::Sold},
};

/// Everything the report sums for a period and the one before it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sums {
    /// (day number, orders, revenue) of each day with sales.
    pub by_day: Vec<(i64, i64, Mnt)>,
    pub fees: FeeSums,
    pub before: (i64, Mnt),
    pub fees_before: FeeSums,
    pub sold: Vec<Sold>,
    pub zones: Vec<GroupSales<(String, Option<String>)>>,
    pub districts: Vec<GroupSales<String>>,
    pub methods: Vec<GroupSales<PayMethod>>,
    pub codes: CodeSales,
}

/// Periods' sums as read at a mark, the most recently asked last; a few periods are kept (the owner switches
/// between today, the week, the month).
#[derive(Debug, Clone, Default)]
pub struct SumsCache(Arc<Mutex<Vec<Kept>>>);

#[derive(Debug)]
struct Kept {
    period: Period,
    mark: i64,
    sums: Arc<Sums>,
}

const KEPT_PERIODS: usize = 8;

impl SumsCache {
    /// The sums of `period`, kept ones when no order moved since they were read.
    pub(super) async fn get(&self, db: &Db, period: Period) -> Result<Arc<Sums>, DbError> {
        let mark = reports::sales_mark(db).await?;
        if let Some(sums) = self.kept(period, mark) {
            return Ok(sums);
        }
        let sums = Arc::new(read(db, period).await?);
        let mut kept = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.retain(|k| k.period != period);
        if kept.len() >= KEPT_PERIODS {
            kept.remove(0);
        }
        kept.push(Kept {
            period,
            mark,
            sums: sums.clone(),
        });
        Ok(sums)
    }

    fn kept(&self, period: Period, mark: i64) -> Option<Arc<Sums>> {
        let mut kept = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let at = kept.iter().position(|k| k.period == period && k.mark == mark)?;
        let found = kept.remove(at);
        let sums = found.sums.clone();
        kept.push(found);
        Some(sums)
    }
}

async fn read(db: &Db, period: Period) -> Result<Sums, DbError> {
    let (from, until) = (period.start_ms(), period.end_ms());
    let previous = period.previous();
    let (before_from, before_until) = (previous.start_ms(), previous.end_ms());
    Ok(Sums {
        by_day: reports::by_day(db, from, until).await?,
        fees: reports::qpay_fees(db, from, until).await?,
        before: reports::totals(db, before_from, before_until).await?,
        fees_before: reports::qpay_fees(db, before_from, before_until).await?,
        sold: reports::by_variant(db, from, until).await?,
        zones: reports::by_zone(db, from, until).await?,
        districts: reports::by_district(db, from, until).await?,
        methods: reports::by_method(db, from, until).await?,
        codes: reports::with_codes(db, from, until).await?,
    })
}
