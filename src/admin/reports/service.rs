//! The sales report read: the admin service's part for `/admin/reports` (see `admin/service.rs` for why it extends
//! `AdminService`). The period's rules are `domain::report`'s, the sums `db::reports`'s; this puts names on them in
//! the owner's language.

use super::{CodesEffect, DayFigures, Fees, Figures, Line, QpayChecks, Report, ReportQuery};
use crate::{
    admin::{
        form::{FieldError, Problem},
        service::AdminService,
    },
    db::{
        DbError, qpay_days,
        reports::{self, FeeSums, GroupSales, Named},
    },
    domain::{
        Mnt,
        aimag::Aimag,
        district::District,
        report::{
            self, Asked, Choice, Period, PeriodProblem,
            top::{self, Rank, Sold},
        },
        ub_day,
    },
    i18n::Lang,
};

/// The period the query asks for when today is the day number `today`, or its fields' mistakes. An unknown
/// `period` is the default, the last 7 days: it comes from a select, so only a hand-edited address has another.
pub(super) fn period_of(query: &ReportQuery, today: i64) -> Result<Period, Vec<FieldError>> {
    let text = |value: &Option<String>| value.as_deref().unwrap_or("").trim().to_owned();
    let choice = query.period.as_deref().and_then(Choice::parse).unwrap_or(Choice::Days7);
    let (month, from, to) = (text(&query.month), text(&query.from), text(&query.to));
    let asked = Asked {
        choice,
        month: &month,
        from: &from,
        to: &to,
    };
    report::period(asked, today).map_err(|problems| {
        problems
            .into_iter()
            .map(|(field, problem)| {
                let problem = match problem {
                    PeriodProblem::NotADate => Problem::NotADate,
                    PeriodProblem::EndsBeforeStart => Problem::EndsBeforeStart,
                    PeriodProblem::TooLong => Problem::TooLong,
                };
                FieldError::new(field, problem)
            })
            .collect()
    })
}

impl AdminService {
    /// The report for `query` at `now_ms`, in `lang`; or the period's mistakes.
    pub(in crate::admin) async fn report(
        &self,
        query: &ReportQuery,
        now_ms: i64,
        lang: Lang,
    ) -> Result<Result<Report, Vec<FieldError>>, DbError> {
        let period = match period_of(query, ub_day::of(now_ms)) {
            Ok(period) => period,
            Err(errors) => return Ok(Err(errors)),
        };
        let previous = period.previous();
        let sums = self.report_sums.get(&self.db, period).await?;
        let by_day: Vec<(i64, (Mnt, i64))> = sums
            .by_day
            .iter()
            .map(|&(day, orders, revenue)| (day, (revenue, orders)))
            .collect();
        // The period's headline is its days summed rather than a query of its own: the same orders by the same
        // clause, each on exactly one day, summed as integers, so the two cannot differ.
        let (orders, revenue) = by_day.iter().fold(
            (0_i64, Mnt::ZERO),
            |(orders, revenue), (_, (day_revenue, day_orders))| {
                (orders + *day_orders, revenue.saturating_add(*day_revenue))
            },
        );
        let days = report::every_day(period, &by_day)
            .into_iter()
            .map(|(day, (revenue, orders))| DayFigures {
                day: report::day_text(day),
                revenue,
                orders,
            })
            .collect();
        let tops = [
            top::products(&sums.sold, Rank::Revenue),
            top::products(&sums.sold, Rank::Units),
            top::variants(&sums.sold, Rank::Revenue),
            top::variants(&sums.sold, Rank::Units),
        ];
        let ids: Vec<i64> = tops.iter().flatten().map(|sold| sold.variant).collect();
        let names = reports::names(&self.db, &ids).await?;
        let items = |list: &[Sold], variant_too: bool| -> Vec<Line> {
            list.iter()
                .map(|sold| item_line(sold, &names, variant_too, lang))
                .collect()
        };
        let (first, last) = (report::day_text(period.first), report::day_text(period.last()));
        let checks = qpay_days::summary(&self.db, &first, &last).await?;
        Ok(Ok(Report {
            first,
            last,
            previous_first: report::day_text(previous.first),
            previous_last: report::day_text(previous.last()),
            now: headline(orders, revenue, sums.fees),
            before: headline(sums.before.0, sums.before.1, sums.fees_before),
            days,
            products_by_revenue: items(&tops[0], false),
            products_by_units: items(&tops[1], false),
            variants_by_revenue: items(&tops[2], true),
            variants_by_units: items(&tops[3], true),
            zones: lines(&sums.zones, |key| zone_name(key, lang)),
            districts: lines(&sums.districts, |code| place_name(code, lang)),
            methods: lines(&sums.methods, |method| method.label(lang).to_owned()),
            codes: CodesEffect {
                orders: sums.codes.orders,
                discounted: sums.codes.discounted,
                revenue: sums.codes.revenue,
            },
            qpay_checks: QpayChecks {
                days: period.days(),
                days_checked: checks.days_checked,
                recovered: checks.recovered,
                flagged: checks.flagged,
            },
        }))
    }
}

/// A period's orders, revenue, average order and QPay's fees.
fn headline(orders: i64, revenue: Mnt, fees: FeeSums) -> Figures {
    // Whole tögrög, never negative: the average of amounts that are not negative is not either.
    let average = Mnt::new(report::average(revenue.amount(), orders)).unwrap_or_default();
    Figures {
        revenue,
        orders,
        average,
        fees: Fees {
            payments: fees.payments,
            known: fees.known,
            total: fees.fees,
        },
    }
}

/// A product's line, or with `variant_too` a variant's as `Product · Variant` (the product alone when the variant
/// has no name), in the owner's language, with its units and ₮; one no longer in the catalog by its number.
fn item_line(sold: &Sold, names: &[Named], variant_too: bool, lang: Lang) -> Line {
    let name = match names.iter().find(|named| named.variant == sold.variant) {
        Some(named) => {
            let product = lang.pick(&named.product_mn, &named.product_en);
            let variant = lang.pick(&named.variant_mn, &named.variant_en);
            if variant_too && !variant.is_empty() {
                format!("{product} · {variant}")
            } else {
                product.to_owned()
            }
        }
        None => format!("#{}", sold.product),
    };
    Line {
        name,
        count: sold.units,
        revenue: sold.revenue,
    }
}

/// Groups as lines, named by `name`, the most ₮ first (then by name): the same order on both engines.
fn lines<K>(groups: &[GroupSales<K>], name: impl Fn(&K) -> String) -> Vec<Line> {
    let mut lines: Vec<Line> = groups
        .iter()
        .map(|group| Line {
            name: name(&group.key),
            count: group.orders,
            revenue: group.revenue,
        })
        .collect();
    lines.sort_by(|a, b| b.revenue.cmp(&a.revenue).then_with(|| a.name.cmp(&b.name)));
    lines
}

/// A zone's or pickup point's name as the order kept it.
fn zone_name((kind, name): &(String, Option<String>), lang: Lang) -> String {
    let texts = lang.reports();
    match (kind.as_str(), name) {
        ("pickup", Some(point)) => texts.pickup_at.replace("{point}", point),
        (_, Some(zone)) if !zone.is_empty() => zone.clone(),
        _ => texts.not_recorded.to_owned(),
    }
}

/// An Ulaanbaatar district's or an aimag's name by its code; a code no list has, as stored.
fn place_name(code: &str, lang: Lang) -> String {
    if let Some(district) = District::by_code(code) {
        return lang.pick(district.name_mn, district.name_en).to_owned();
    }
    if let Some(aimag) = Aimag::by_code(code) {
        return lang.pick(aimag.name_mn, aimag.name_en).to_owned();
    }
    if code.is_empty() {
        return lang.reports().not_recorded.to_owned();
    }
    code.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_gives_a_period_or_its_fields_mistakes() {
        let today = report::parse_day("2026-11-25").unwrap();
        let query = |period: &str, from: &str, to: &str| ReportQuery {
            period: Some(period.to_owned()),
            month: None,
            from: Some(from.to_owned()),
            to: Some(to.to_owned()),
        };
        let week = period_of(&ReportQuery::default(), today).unwrap();
        assert_eq!(week.days(), 7, "the last 7 days by default");
        assert_eq!(period_of(&query("nonsense", "", ""), today), Ok(week));
        assert_eq!(
            period_of(&query("custom", "2026-11-09", "2026-11-02"), today),
            Err(vec![FieldError::new("to", Problem::EndsBeforeStart)])
        );
        assert_eq!(
            period_of(&query("custom", "1 Nov", "2026-11-02"), today),
            Err(vec![FieldError::new("from", Problem::NotADate)])
        );
    }
}
