//! The caps on stock held by unpaid orders (`domain::holds`): `MAX_UNITS_PER_ITEM`, `MAX_UNITS_PER_ORDER`,
//! `MAX_HELD_UNITS_PER_PHONE`, `MAX_HELD_UNITS_PER_ADDRESS`, and the unpaid cash and transfer orders
//! `MAX_UNPAID_OFFLINE_PER_PHONE`, `MAX_UNPAID_OFFLINE_PER_ADDRESS`.

use crate::domain::{Quantity, holds::HoldLimits};

/// Reads the variables through `get`, adding a line to `problems` for each bad one.
pub fn read(get: &impl Fn(&str) -> Option<String>, problems: &mut Vec<String>) -> HoldLimits {
    let mut limits = HoldLimits::default();
    let caps: [(&str, &mut i64); 6] = [
        ("MAX_UNITS_PER_ITEM", &mut limits.per_item),
        ("MAX_UNITS_PER_ORDER", &mut limits.per_order),
        ("MAX_HELD_UNITS_PER_PHONE", &mut limits.per_phone),
        ("MAX_HELD_UNITS_PER_ADDRESS", &mut limits.per_address),
        ("MAX_UNPAID_OFFLINE_PER_PHONE", &mut limits.offline_per_phone),
        ("MAX_UNPAID_OFFLINE_PER_ADDRESS", &mut limits.offline_per_address),
    ];
    for (name, cap) in caps {
        let Some(value) = get(name) else { continue };
        match value.parse::<i64>() {
            Ok(units) if units >= 1 => *cap = units,
            _ => problems.push(format!("{name}: must be a whole number from 1 up, not {value:?}")),
        }
    }
    if limits.per_item > Quantity::MAX {
        // A cart holds at most this many of one variant anyway.
        limits.per_item = Quantity::MAX;
    }
    limits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_settings_and_mistakes() {
        let mut problems = Vec::new();
        assert_eq!(read(&|_| None, &mut problems), HoldLimits::default());
        let limits = read(
            &|name| match name {
                "MAX_UNITS_PER_ITEM" => Some("3".into()),
                "MAX_HELD_UNITS_PER_ADDRESS" => Some("500".into()),
                _ => None,
            },
            &mut problems,
        );
        assert_eq!((limits.per_item, limits.per_address), (3, 500));
        assert!(problems.is_empty());
        read(&|_| Some("0".into()), &mut problems);
        read(&|_| Some("many".into()), &mut problems);
        assert_eq!(problems.len(), 12, "each bad variable named: {problems:?}");
    }
}
