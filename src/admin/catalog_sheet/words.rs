//! The catalog spreadsheet's problems in the owner's language (`domain::catalog_sheet` leaves them as data): each
//! kind's text with its values filled in, and the row and column a spreadsheet shows it at. Compiled for the server
//! and the browser.

use crate::{
    domain::{
        Mnt,
        catalog::{DESCRIPTION_MAX, NAME_MAX, PRICE_MAX, SKU_MAX, SLUG_MAX, STOCK_MAX},
        catalog_sheet::{Column, Problem, ProblemKind},
    },
    i18n::Lang,
};

/// A column as the owner sees it: its header, which is what the file says in either language.
pub fn column_label(column: Column) -> &'static str {
    column.header()
}

/// What is wrong, in `lang`, with its values filled in. Every kind is worded here: a new one is a compile error
/// until it has its text.
pub fn problem_text(lang: Lang, kind: &ProblemKind) -> String {
    let t = lang.sheet();
    match kind {
        ProblemKind::MissingColumn(column) => fill(t.missing_column, "{column}", column_label(*column)),
        ProblemKind::UnknownColumn(name) => fill(t.unknown_column, "{name}", name),
        ProblemKind::RepeatedColumn(column) => fill(t.repeated_column, "{column}", column_label(*column)),
        ProblemKind::TooManyRows { max } => fill(t.too_many_rows, "{max}", grouped(max)),
        ProblemKind::Empty => t.empty.to_owned(),
        ProblemKind::BadHandle => fill(t.bad_handle, "{max}", grouped(SLUG_MAX)),
        ProblemKind::MissingHandle => t.missing_handle.to_owned(),
        ProblemKind::DuplicateHandle { first_row } => fill(t.duplicate_handle, "{first_row}", first_row),
        ProblemKind::MissingName => t.missing_name.to_owned(),
        ProblemKind::TooLong => {
            let names = fill(t.too_long, "{name_max}", grouped(NAME_MAX));
            fill(&names, "{description_max}", grouped(DESCRIPTION_MAX))
        }
        ProblemKind::MissingCategory => t.missing_category.to_owned(),
        ProblemKind::UnknownCategory(name) => fill(t.unknown_category, "{name}", name),
        ProblemKind::BadActive => t.bad_active.to_owned(),
        ProblemKind::BadPicture(name) => fill(t.bad_picture, "{name}", name),
        ProblemKind::Conflicting => t.conflicting.to_owned(),
        ProblemKind::MissingSku => t.missing_sku.to_owned(),
        ProblemKind::BadSku => fill(t.bad_sku, "{max}", grouped(SKU_MAX)),
        ProblemKind::DuplicateSku { first_row } => fill(t.duplicate_sku, "{first_row}", first_row),
        ProblemKind::MissingPrice => t.missing_price.to_owned(),
        ProblemKind::NotWholeTogrog => t.not_whole_togrog.to_owned(),
        ProblemKind::PriceTooSmall => t.price_too_small.to_owned(),
        ProblemKind::PriceTooLarge => {
            // As the shop shows a price: 1,000,000,000₮.
            let max = Mnt::new(PRICE_MAX).unwrap_or_default();
            fill(t.price_too_large, "{max}", max)
        }
        ProblemKind::MissingStock => t.missing_stock.to_owned(),
        ProblemKind::StockBelowZero => t.stock_below_zero.to_owned(),
        ProblemKind::StockTooLarge => fill(t.stock_too_large, "{max}", grouped(STOCK_MAX)),
        ProblemKind::NotANumber => t.not_a_number.to_owned(),
        ProblemKind::UnknownSku => t.unknown_sku.to_owned(),
        ProblemKind::SkuOfAnotherProduct { handle } => fill(t.sku_of_another_product, "{handle}", handle),
        ProblemKind::BelowHeld { held } => count_below_held(lang, *held),
        ProblemKind::PictureNotSent(name) => fill(t.picture_not_sent, "{name}", name),
        ProblemKind::PictureRefused(name) => fill(t.picture_refused, "{name}", name),
        ProblemKind::PictureTooLarge { name, kb } => {
            fill(&fill(t.picture_too_large, "{name}", name), "{kb}", grouped(kb))
        }
        ProblemKind::PicturesRearranged => t.pictures_rearranged.to_owned(),
    }
}

/// A problem as the owner reads it in a list: where it is ("Row 4, column price", or the row alone for the header's
/// or the sheet's), then what is wrong.
pub fn problem_line(lang: Lang, problem: &Problem) -> String {
    let t = lang.sheet();
    let place = match problem.column {
        Some(column) => fill(t.row_column, "{column}", column_label(column)),
        None => t.row_only.to_owned(),
    };
    let place = fill(&place, "{row}", problem.row);
    format!("{place}: {}", problem_text(lang, &problem.kind))
}

/// The applying step's problem: a new count below the `held` units that orders not yet sent hold of the variant
/// (they stay held).
pub fn count_below_held(lang: Lang, held: i64) -> String {
    fill(lang.sheet().count_below_held, "{held}", grouped(held))
}

/// `text` with every `name` in it (a placeholder, `{max}`) replaced by `value`.
fn fill(text: &str, name: &str, value: impl ToString) -> String {
    text.replace(name, &value.to_string())
}

/// A whole number as the shop writes one, its thousands grouped with commas as prices are (`20,000`).
fn grouped(number: impl ToString) -> String {
    let written = number.to_string();
    let (sign, digits) = written.split_at(usize::from(written.starts_with('-')));
    let mut grouped = String::with_capacity(written.len() + digits.len() / 3);
    grouped.push_str(sign);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests;
