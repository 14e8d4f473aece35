//! A sheet's `pictures` column against the pictures a product has: a sheet adds pictures, after the ones it has,
//! and only ones sent with it (a `.zip` beside the sheet, drawn by the picture pipeline as an upload is). Taking a
//! picture away or changing their order is done on the product's page, where the owner sees them.

use super::{Column, CurrentProduct, Plan, Problem, ProblemKind, Target};

/// Every problem of the plan's pictures: a name of the sent ones that cannot be used (`refused`, with what is
/// wrong with it), a name neither the product has nor `sent` ([`ProblemKind::PictureNotSent`]),
/// and a product whose pictures, the sent ones left out, are not the ones it has in their order
/// ([`ProblemKind::PicturesRearranged`]). `current` is the catalog the plan was made against.
pub fn picture_problems(
    plan: &Plan,
    current: &[CurrentProduct],
    sent: &[&str],
    refused: &[(String, ProblemKind)],
) -> Vec<Problem> {
    let unsent = |name: &String| {
        if let Some((_, kind)) = refused.iter().find(|(refused, _)| refused == name) {
            Some(kind.clone())
        } else if sent.contains(&name.as_str()) {
            None
        } else {
            Some(ProblemKind::PictureNotSent(name.clone()))
        }
    };
    let mut problems = Vec::new();
    let at = |row, kind| Problem {
        row,
        column: Some(Column::Pictures),
        kind,
    };
    for product in &plan.creates {
        for kind in product.pictures.iter().filter_map(unsent) {
            problems.push(at(product.row, kind));
        }
    }
    for change in &plan.changes {
        let Target::Product { id, new } = &change.target else {
            continue;
        };
        if !change.fields.iter().any(|field| field.field == Column::Pictures) {
            continue;
        }
        let stored: &[String] = current
            .iter()
            .find(|product| product.id == *id)
            .map_or(&[], |product| product.pictures.as_slice());
        let mut kept = Vec::new();
        for name in &new.pictures {
            if stored.contains(name) {
                kept.push(name);
            } else if let Some(kind) = unsent(name) {
                problems.push(at(change.row, kind));
            }
        }
        if !kept.iter().copied().eq(stored.iter()) {
            problems.push(at(change.row, ProblemKind::PicturesRearranged));
        }
    }
    problems.sort_by_key(|problem| problem.row);
    problems
}
