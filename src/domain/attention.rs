//! Why an order needs the owner. The order keeps its reasons in one text, separated by [`SEPARATOR`]; each reason
//! begins with the name of its kind ("Part paid", "Paid, but", ...), so a move removes only the reasons it resolves
//! and every other one stays (a move never clears what it did not settle).

/// Between two reasons in the order's attention text.
pub const SEPARATOR: &str = " · ";

/// How the flag begins while a QPay refund waits for its answer: a step of a refund, not trouble, so the owner is
/// not messaged about it (it goes when the refund ends either way).
pub const WAITING_FOR_QPAY_REFUND: &str = "refund sent to QPay, waiting for its answer (re-check if this stays)";

/// Whether adding `add` to `current` should tell the owner: a reason the order did not have, that is not blank
/// and is trouble rather than a step of a refund.
pub fn tells_owner(current: Option<&str>, add: &str) -> bool {
    let add = add.trim();
    let had = current
        .unwrap_or_default()
        .split(SEPARATOR)
        .any(|reason| reason.trim() == add);
    !add.is_empty() && !had && !add.starts_with(WAITING_FOR_QPAY_REFUND)
}

/// The attention text after a move: `current`'s reasons without those beginning with one of `resolves`, then
/// `add` unless it is there already; `None` when no reason is left.
pub fn after(current: Option<&str>, resolves: &[&str], add: Option<&str>) -> Option<String> {
    let mut reasons: Vec<&str> = current
        .unwrap_or_default()
        .split(SEPARATOR)
        .map(str::trim)
        .filter(|reason| !reason.is_empty())
        .filter(|reason| !resolves.iter().any(|prefix| reason.starts_with(prefix)))
        .collect();
    if let Some(add) = add.map(str::trim).filter(|add| !add.is_empty())
        && !reasons.contains(&add)
    {
        reasons.push(add);
    }
    (!reasons.is_empty()).then(|| reasons.join(SEPARATOR))
}

#[cfg(test)]
mod tests {
    use super::{WAITING_FOR_QPAY_REFUND, after, tells_owner};

    #[test]
    fn only_new_trouble_tells_the_owner() {
        let part = "Part paid: 10,000₮ of 25,000₮";
        let waiting = format!("{WAITING_FOR_QPAY_REFUND}: 25,000₮");
        let cases: [(Option<&str>, &str, bool); 6] = [
            (None, part, true),
            (Some(part), part, false),
            (
                Some(&format!("E-barimt: lost · {part}")),
                " Part paid: 10,000₮ of 25,000₮ ",
                false,
            ),
            (Some(part), "Paid, but the order had expired", true),
            (None, "  ", false),
            (None, &waiting, false),
        ];
        for (current, add, expected) in cases {
            assert_eq!(tells_owner(current, add), expected, "{current:?} + {add:?}");
        }
    }

    #[test]
    fn a_move_removes_only_the_reasons_it_resolves() {
        let part = "Part paid: 10,000₮ of 25,000₮";
        let ebarimt = "E-barimt: QPay's answer was lost";
        let both = format!("{part} · {ebarimt}");
        // (current, resolves, add) -> after
        type Case<'a> = (Option<&'a str>, &'a [&'a str], Option<&'a str>, Option<&'a str>);
        let cases: [Case; 8] = [
            (None, &["Part paid"], None, None),
            (None, &[], Some(part), Some(part)),
            (Some(part), &["Part paid"], None, None),
            (Some(ebarimt), &["Part paid"], None, Some(ebarimt)),
            (Some(&both), &["Part paid"], None, Some(ebarimt)),
            (
                Some(ebarimt),
                &["Part paid"],
                Some("Paid, but x"),
                Some("E-barimt: QPay's answer was lost · Paid, but x"),
            ),
            // Added once, however often the same reason is raised.
            (Some(part), &[], Some(part), Some(part)),
            (Some(&both), &["Part paid", "E-barimt"], Some(" "), None),
        ];
        for (current, resolves, add, expected) in cases {
            assert_eq!(
                after(current, resolves, add).as_deref(),
                expected,
                "{current:?} {resolves:?} {add:?}"
            );
        }
    }
}
