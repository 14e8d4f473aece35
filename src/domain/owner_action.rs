//! What the owner can do to an order from its page. The page offers a set of these, its buttons post their names,
//! and the server parses the name back before doing anything: one list of names, not strings typed twice.

use serde::{Deserialize, Serialize};

use super::Fulfilment;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OwnerAction {
    /// Ask QPay how the order stands (and how its pending refunds ended).
    Recheck,
    /// Cancel an unpaid order: its stock goes back, its QPay invoice is cancelled.
    Cancel,
    /// Move packing and delivery forward.
    Fulfil(Fulfilment),
    /// Ask QPay again for an e-barimt receipt it refused (or that was given up on).
    EbarimtRetry,
    /// Cancel the issued e-barimt receipts (a return outside the shop's refunds).
    EbarimtCancel,
}

impl OwnerAction {
    /// The name a form posts.
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerAction::Recheck => "recheck",
            OwnerAction::Cancel => "cancel",
            OwnerAction::Fulfil(step) => step.as_str(),
            OwnerAction::EbarimtRetry => "ebarimt-retry",
            OwnerAction::EbarimtCancel => "ebarimt-cancel",
        }
    }

    pub fn parse(name: &str) -> Option<OwnerAction> {
        let action = match name {
            "recheck" => OwnerAction::Recheck,
            "cancel" => OwnerAction::Cancel,
            "ebarimt-retry" => OwnerAction::EbarimtRetry,
            "ebarimt-cancel" => OwnerAction::EbarimtCancel,
            step => OwnerAction::Fulfil(Fulfilment::parse(step)?),
        };
        Some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_parses_back_from_its_name() {
        let steps = Fulfilment::ALL.map(OwnerAction::Fulfil);
        let others = [
            OwnerAction::Recheck,
            OwnerAction::Cancel,
            OwnerAction::EbarimtRetry,
            OwnerAction::EbarimtCancel,
        ];
        for action in steps.into_iter().chain(others) {
            assert_eq!(OwnerAction::parse(action.as_str()), Some(action), "{action:?}");
        }
        for unknown in ["", "Recheck", "refund", "new ", "ebarimt"] {
            assert_eq!(OwnerAction::parse(unknown), None, "{unknown:?}");
        }
    }
}
