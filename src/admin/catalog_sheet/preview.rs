//! An import's preview in the owner's words: its numbers, then the first [`LISTED`] new products and changes.

use super::{ChangeLine, LISTED, Preview};
use crate::{
    domain::catalog_sheet::{Column, Plan, Sheet, Target},
    i18n::Lang,
};

/// The plan in the owner's words: its numbers, then the first [`LISTED`] new products and changes.
pub(super) fn describe(preview: &mut Preview, sheet: &Sheet, plan: &Plan, lang: Lang) {
    let texts = lang.sheet();
    let counts = plan.counts;
    let lines: Vec<(&str, usize)> = match sheet {
        Sheet::Catalog(_) => vec![
            (texts.products_created, counts.products_created),
            (texts.products_changed, counts.products_changed),
            (texts.products_unchanged, counts.products_unchanged),
            (texts.products_not_in_sheet, counts.products_not_in_sheet),
            (texts.variants_created, counts.variants_created),
            (texts.variants_changed, counts.variants_changed),
            (texts.variants_unchanged, counts.variants_unchanged),
        ],
        Sheet::Stocktake(_) => vec![
            (texts.counts_changed, counts.variants_changed),
            (texts.variants_unchanged, counts.variants_unchanged),
        ],
    };
    preview.counts = lines
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(text, n)| text.replace("{n}", &n.to_string()))
        .collect();
    // A catalog sheet sets counts on the shelf as written: an old export imported again would put back the stock
    // of its day. Said apart, so it is not missed among a bulk price change's lines.
    let counts_set = plan
        .changes
        .iter()
        .filter(|change| matches!(change.target, Target::Variant { .. }))
        .filter(|change| change.fields.iter().any(|field| field.field == Column::Stock))
        .count();
    if matches!(sheet, Sheet::Catalog(_)) && counts_set > 0 {
        preview
            .counts
            .push(texts.stock_warning.replace("{n}", &counts_set.to_string()));
    }
    preview.anything = !plan.is_empty();
    let row = |row: usize| texts.row_only.replace("{row}", &row.to_string());
    preview.creates = plan
        .creates
        .iter()
        .take(LISTED)
        .map(|product| {
            let name = lang.pick(&product.name_mn, &product.name_en);
            format!("{} · {} · {name}", row(product.row), product.handle)
        })
        .collect();
    let value = |text: &str| {
        if text.is_empty() {
            texts.empty_value.to_owned()
        } else {
            text.to_owned()
        }
    };
    preview.changes = plan
        .changes
        .iter()
        .take(LISTED)
        .map(|change| {
            let what = match &change.target {
                Target::Product { new, .. } => &new.handle,
                Target::Variant { new, .. } => &new.sku,
                Target::Count { new, .. } => &new.sku,
            };
            ChangeLine {
                what: format!("{} · {what}", row(change.row)),
                fields: change
                    .fields
                    .iter()
                    .map(|field| {
                        texts
                            .field_change
                            .replace("{field}", field.field.header())
                            .replace("{old}", &value(&field.old))
                            .replace("{new}", &value(&field.new))
                    })
                    .collect(),
            }
        })
        .collect();
    preview.more = plan.creates.len().saturating_sub(LISTED) + plan.changes.len().saturating_sub(LISTED);
}
