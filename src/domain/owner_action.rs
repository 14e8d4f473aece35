//! What the owner can do to an order from its page. The page offers a set of these, its buttons post their names,
//! and the server parses the name back before doing anything: one list of names, not strings typed twice.

use serde::{Deserialize, Serialize};

use super::Fulfilment;

/// Sent and stored by its name (`recheck`, `shipped`, ...), as forms post it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
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

impl From<OwnerAction> for &'static str {
    fn from(action: OwnerAction) -> &'static str {
        action.as_str()
    }
}

impl TryFrom<String> for OwnerAction {
    type Error = String;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        OwnerAction::parse(&name).ok_or_else(|| format!("no owner action {name:?}"))
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
        let json = serde_json::to_string(&[OwnerAction::Recheck, OwnerAction::Fulfil(Fulfilment::PickedUp)]).unwrap();
        assert_eq!(json, r#"["recheck","picked-up"]"#);
        for unknown in ["", "Recheck", "refund", "new ", "ebarimt"] {
            assert_eq!(OwnerAction::parse(unknown), None, "{unknown:?}");
        }
    }
}
