//! The report's top lists, ranked from one read of what each variant sold in the period (`db::reports::by_variant`):
//! the variants as they are, the products as their variants' sums. One pass over the period's order lines serves
//! all four lists, where a query per list would read them four times (docs/PERFORMANCE.md, the shop at scale).

use super::TOP;
use crate::domain::Mnt;

/// What one variant (or, summed, one product) sold in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sold {
    pub variant: i64,
    pub product: i64,
    pub units: i64,
    pub revenue: Mnt,
}

/// What a top list ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    Revenue,
    Units,
}

/// The [`TOP`] variants by `rank`, ties by the other measure, then by the variant's id: the same order on every
/// engine and every run.
pub fn variants(sold: &[Sold], rank: Rank) -> Vec<Sold> {
    ranked(sold.to_vec(), rank, |s| s.variant)
}

/// The [`TOP`] products by `rank`, each its variants summed, ties as [`variants`] by the product's id. A product's
/// line carries its lowest variant's id, to name the product by.
pub fn products(sold: &[Sold], rank: Rank) -> Vec<Sold> {
    let mut by_product: Vec<Sold> = sold.to_vec();
    by_product.sort_by_key(|s| (s.product, s.variant));
    let mut summed: Vec<Sold> = Vec::new();
    for s in by_product {
        match summed.last_mut() {
            Some(last) if last.product == s.product => {
                last.units = last.units.saturating_add(s.units);
                last.revenue = last.revenue.saturating_add(s.revenue);
            }
            _ => summed.push(s),
        }
    }
    ranked(summed, rank, |s| s.product)
}

fn ranked(mut lines: Vec<Sold>, rank: Rank, id: impl Fn(&Sold) -> i64) -> Vec<Sold> {
    lines.sort_by(|a, b| {
        let (first, second) = match rank {
            Rank::Revenue => (b.revenue.cmp(&a.revenue), b.units.cmp(&a.units)),
            Rank::Units => (b.units.cmp(&a.units), b.revenue.cmp(&a.revenue)),
        };
        first.then(second).then_with(|| id(a).cmp(&id(b)))
    });
    lines.truncate(usize::try_from(TOP).unwrap_or(usize::MAX));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sold(variant: i64, product: i64, units: i64, revenue: i64) -> Sold {
        Sold {
            variant,
            product,
            units,
            revenue: Mnt::new(revenue).unwrap(),
        }
    }

    #[test]
    fn variants_rank_by_the_measure_then_the_other_then_their_id() {
        let lines = [
            sold(1, 10, 5, 50_000),
            sold(2, 10, 9, 45_000),
            sold(3, 20, 5, 50_000),
            sold(4, 30, 5, 60_000),
            sold(5, 30, 9, 10_000),
        ];
        let ids = |list: Vec<Sold>| list.iter().map(|s| s.variant).collect::<Vec<_>>();
        assert_eq!(ids(variants(&lines, Rank::Revenue)), [4, 1, 3, 2, 5]);
        assert_eq!(ids(variants(&lines, Rank::Units)), [2, 5, 4, 1, 3]);
    }

    #[test]
    fn products_sum_their_variants_and_are_named_by_the_lowest() {
        let lines = [
            sold(7, 30, 1, 60_000),
            sold(2, 10, 9, 45_000),
            sold(1, 10, 5, 50_000),
            sold(3, 20, 5, 50_000),
            sold(5, 30, 9, 10_000),
        ];
        let by_revenue = products(&lines, Rank::Revenue);
        assert_eq!(
            by_revenue,
            [sold(1, 10, 14, 95_000), sold(5, 30, 10, 70_000), sold(3, 20, 5, 50_000)]
        );
        let by_units: Vec<i64> = products(&lines, Rank::Units).iter().map(|s| s.product).collect();
        assert_eq!(by_units, [10, 30, 20]);
    }

    #[test]
    fn a_list_stops_at_the_top_ten_and_an_empty_period_has_none() {
        let many: Vec<Sold> = (1..=25).map(|n| sold(n, n, n, n * 1_000)).collect();
        let top = variants(&many, Rank::Units);
        assert_eq!(top.len(), 10);
        assert_eq!(top[0].variant, 25);
        assert!(products(&[], Rank::Revenue).is_empty());
    }
}
