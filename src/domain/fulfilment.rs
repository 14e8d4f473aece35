//! Where a paid order is in packing and delivery. Moves only go forward, and only for a paid order.

use serde::{Deserialize, Serialize};

use super::notice::Event;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fulfilment {
    New,
    Packed,
    Shipped,
    Delivered,
    /// Collected by the shopper (pickup orders).
    PickedUp,
}

impl Fulfilment {
    pub const ALL: [Fulfilment; 5] = [
        Fulfilment::New,
        Fulfilment::Packed,
        Fulfilment::Shipped,
        Fulfilment::Delivered,
        Fulfilment::PickedUp,
    ];

    /// The name stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Fulfilment::New => "new",
            Fulfilment::Packed => "packed",
            Fulfilment::Shipped => "shipped",
            Fulfilment::Delivered => "delivered",
            Fulfilment::PickedUp => "picked-up",
        }
    }

    pub fn parse(text: &str) -> Option<Fulfilment> {
        Fulfilment::ALL.into_iter().find(|f| f.as_str() == text)
    }

    pub fn can_move_to(self, next: Fulfilment) -> bool {
        use Fulfilment::*;
        matches!(
            (self, next),
            (New, Packed) | (Packed, Shipped) | (Shipped, Delivered) | (New | Packed, PickedUp)
        )
    }

    /// Where the order can go next, in the order the owner usually takes.
    pub fn next_steps(self) -> Vec<Fulfilment> {
        Fulfilment::ALL
            .into_iter()
            .filter(|&next| self.can_move_to(next))
            .collect()
    }

    /// What the shopper is told when the order moves here: a pickup order packed is ready to collect.
    pub fn shopper_notice(self, pickup: bool) -> Option<Event> {
        match (self, pickup) {
            (Fulfilment::Packed, true) => Some(Event::ReadyForPickup),
            (Fulfilment::Shipped, _) => Some(Event::Shipped),
            (Fulfilment::Delivered, _) => Some(Event::Delivered),
            _ => None,
        }
    }
}

/// The courier's note the owner adds when shipping is at most this long: the SMS shortens it further to fit.
pub const COURIER_NOTE_CHARS: usize = 200;

/// The courier's note as kept: trimmed, line breaks and other control characters made spaces; `Err` with the
/// limit when it is longer than [`COURIER_NOTE_CHARS`].
pub fn courier_note(typed: &str) -> Result<String, usize> {
    let note: String = typed
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if note.chars().count() > COURIER_NOTE_CHARS {
        Err(COURIER_NOTE_CHARS)
    } else {
        Ok(note)
    }
}

#[cfg(test)]
mod tests {
    use super::Fulfilment::{self, *};
    use super::{COURIER_NOTE_CHARS, courier_note};

    #[test]
    fn an_order_is_packed_then_shipped_then_delivered_or_picked_up() {
        assert_eq!(New.next_steps(), [Packed, PickedUp]);
        assert_eq!(Packed.next_steps(), [Shipped, PickedUp]);
        assert_eq!(Shipped.next_steps(), [Delivered]);
        assert!(Delivered.next_steps().is_empty());
        assert!(PickedUp.next_steps().is_empty());
        assert!(!Shipped.can_move_to(New), "never backwards");
    }

    #[test]
    fn a_move_tells_the_shopper_what_it_means_for_them() {
        use crate::domain::notice::Event;
        type Case = (Fulfilment, bool, Option<Event>);
        let cases: [Case; 6] = [
            (Packed, true, Some(Event::ReadyForPickup)),
            (Packed, false, None),
            (Shipped, false, Some(Event::Shipped)),
            (Delivered, false, Some(Event::Delivered)),
            (PickedUp, true, None),
            (New, false, None),
        ];
        for (to, pickup, expected) in cases {
            assert_eq!(to.shopper_notice(pickup), expected, "{to:?} pickup={pickup}");
        }
    }

    #[test]
    fn names_round_trip() {
        for state in Fulfilment::ALL {
            assert_eq!(Fulfilment::parse(state.as_str()), Some(state));
        }
        assert_eq!(Fulfilment::parse("lost"), None);
    }

    #[test]
    fn a_couriers_note_is_kept_on_one_line_within_its_limit() {
        let long = "х".repeat(COURIER_NOTE_CHARS + 1);
        let cases: [(&str, Result<&str, usize>); 4] = [
            ("  Бат, 9911 2233 ", Ok("Бат, 9911 2233")),
            ("Бат\n18 цагт\tирнэ", Ok("Бат 18 цагт ирнэ")),
            ("", Ok("")),
            (&long, Err(COURIER_NOTE_CHARS)),
        ];
        for (typed, expected) in cases {
            assert_eq!(courier_note(typed).as_deref().map_err(|e| *e), expected, "{typed:?}");
        }
    }
}
