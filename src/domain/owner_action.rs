//! What the owner can do to an order from its page. The page offers a set of these ([`offered`]), its buttons post
//! their names, and the server parses the name back before doing anything: one list of names, not strings typed
//! twice.

use serde::{Deserialize, Serialize};

use super::{
    Fulfilment, PaymentState,
    pay_method::{PayMethod, may_fulfil},
};
use crate::i18n::Lang;

/// Sent and stored by its name (`recheck`, `shipped`, ...), as forms post it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum OwnerAction {
    /// Ask QPay how the order stands (and how its pending refunds ended).
    Recheck,
    /// Cancel an unpaid order whose goods are still in the shop: its stock goes back, its QPay invoice is cancelled.
    Cancel,
    /// Move packing and delivery forward.
    Fulfil(Fulfilment),
    /// Ask QPay again for an e-barimt receipt of a QPay payment it refused (or that was given up on).
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

/// What an order's buttons are decided from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderFacts {
    pub method: PayMethod,
    pub state: PaymentState,
    pub fulfilment: Fulfilment,
    /// Money recorded for it so far, QPay's or the shop's own.
    pub paid_mnt: i64,
    pub refunded_in_full: bool,
    pub receipts: ReceiptFacts,
}

/// How the order's e-barimt receipts stand. QPay issues receipts for its own payments only (`ebarimt/create` takes
/// a QPay payment id, SPEC.md §5): money the shop took itself (cash, a transfer) is neither asked for nor counted
/// as a receipt missing; the owner issues that receipt in the e-barimt app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReceiptFacts {
    /// The shop issues receipts now (`EBARIMT`).
    pub ebarimt_on: bool,
    /// The order's QPay payments, each of which gets a receipt.
    pub qpay_payments: usize,
    /// Receipts asked for those payments, whatever became of them.
    pub asked: usize,
    /// One of them refused, or of unknown outcome.
    pub troubled: bool,
    /// The first request is on its way.
    pub coming: bool,
    /// One of them issued (cancellable even with e-barimt off: each goes through its own API).
    pub issued: bool,
}

/// Whether the order's goods are still in the shop: new or packed. Shipped, delivered or picked up, they are with
/// the courier or the shopper.
pub fn goods_in_the_shop(fulfilment: Fulfilment) -> bool {
    matches!(fulfilment, Fulfilment::New | Fulfilment::Packed)
}

/// Whether the owner may cancel the order: awaiting payment, nothing paid, and its goods still in the shop.
/// Cancelling gives the stock back and makes the order over, so money recorded later is refused. A cash order goes
/// out unpaid: once shipped, delivered or picked up, a cancel would count goods as back on the shelf that are with
/// the courier or the shopper, and then refuse the cash when it comes. So it is never offered, nor done, past
/// packed; the cash is recorded when it comes.
pub fn may_cancel(state: PaymentState, paid_mnt: i64, fulfilment: Fulfilment) -> bool {
    state == PaymentState::AwaitingPayment && paid_mnt == 0 && goods_in_the_shop(fulfilment)
}

/// Why a cancel was refused, for the owner in `lang`: the goods have left the shop (see [`may_cancel`]).
pub fn goods_gone(lang: Lang) -> &'static str {
    lang.admin().cancel_goods_gone
}

/// The actions the order's page offers, before the account's role is asked (`OwnerAction::duty`).
pub fn offered(order: &OrderFacts) -> Vec<OwnerAction> {
    let mut actions = vec![OwnerAction::Recheck];
    if may_fulfil(order.method, order.state, order.refunded_in_full) {
        actions.extend(order.fulfilment.next_steps().into_iter().map(OwnerAction::Fulfil));
    }
    if may_cancel(order.state, order.paid_mnt, order.fulfilment) {
        actions.push(OwnerAction::Cancel);
    }
    let receipts = order.receipts;
    let paid = order.state == PaymentState::Paid && !order.refunded_in_full;
    if receipts.ebarimt_on && paid && receipts.qpay_payments > 0 {
        let missing = receipts.asked < receipts.qpay_payments && !receipts.coming;
        if receipts.troubled || missing {
            actions.push(OwnerAction::EbarimtRetry);
        }
    }
    if receipts.issued {
        actions.push(OwnerAction::EbarimtCancel);
    }
    actions
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

    #[test]
    fn an_unpaid_order_is_cancelled_only_while_its_goods_are_in_the_shop() {
        use Fulfilment::*;
        use PayMethod::*;
        use PaymentState::*;
        let facts = |method, state, fulfilment, paid_mnt| OrderFacts {
            method,
            state,
            fulfilment,
            paid_mnt,
            refunded_in_full: false,
            receipts: ReceiptFacts::default(),
        };
        let offered_steps = |order: &OrderFacts| -> (bool, Vec<Fulfilment>) {
            let actions = offered(order);
            let steps = actions
                .iter()
                .filter_map(|action| match action {
                    OwnerAction::Fulfil(step) => Some(*step),
                    _ => None,
                })
                .collect();
            (actions.contains(&OwnerAction::Cancel), steps)
        };
        // (method, state, fulfilment, paid) -> (cancel offered, steps offered)
        type Case = (PayMethod, PaymentState, Fulfilment, i64, bool, Vec<Fulfilment>);
        let cases: [Case; 17] = [
            (Qpay, AwaitingPayment, New, 0, true, vec![]),
            (Qpay, PartiallyPaid, New, 10_000, false, vec![]),
            (Qpay, Paid, New, 30_000, false, vec![Packed, PickedUp]),
            (Qpay, Expired, New, 0, false, vec![]),
            (Qpay, Cancelled, New, 0, false, vec![]),
            (BankTransfer, AwaitingPayment, New, 0, true, vec![]),
            (BankTransfer, PartiallyPaid, New, 10_000, false, vec![]),
            (BankTransfer, Paid, Shipped, 30_000, false, vec![Delivered]),
            (CashOnDelivery, AwaitingPayment, New, 0, true, vec![Packed, PickedUp]),
            (
                CashOnDelivery,
                AwaitingPayment,
                Packed,
                0,
                true,
                vec![Shipped, PickedUp],
            ),
            // Gone with the courier, or delivered: the stock would come back while the goods are away.
            (CashOnDelivery, AwaitingPayment, Shipped, 0, false, vec![Delivered]),
            (CashOnDelivery, AwaitingPayment, Delivered, 0, false, vec![]),
            (
                CashOnDelivery,
                PartiallyPaid,
                Packed,
                10_000,
                false,
                vec![Shipped, PickedUp],
            ),
            (CashOnDelivery, Paid, Delivered, 30_000, false, vec![]),
            (CashOnDelivery, Expired, New, 0, false, vec![]),
            (PayAtPickup, AwaitingPayment, Packed, 0, true, vec![Shipped, PickedUp]),
            (PayAtPickup, AwaitingPayment, PickedUp, 0, false, vec![]),
        ];
        for (method, state, fulfilment, paid, cancel, steps) in cases {
            let order = facts(method, state, fulfilment, paid);
            assert_eq!(
                offered_steps(&order),
                (cancel, steps),
                "{method:?} {state:?} {fulfilment:?} paid {paid}"
            );
            assert_eq!(offered(&order)[0], OwnerAction::Recheck, "always offered");
        }
        for fulfilment in Fulfilment::ALL {
            assert_eq!(
                may_cancel(AwaitingPayment, 0, fulfilment),
                matches!(fulfilment, New | Packed),
                "{fulfilment:?}"
            );
        }
    }

    #[test]
    fn receipts_are_asked_again_only_for_qpay_payments() {
        let order = |method, receipts| OrderFacts {
            method,
            state: PaymentState::Paid,
            fulfilment: Fulfilment::New,
            paid_mnt: 30_000,
            refunded_in_full: false,
            receipts,
        };
        let on = ReceiptFacts {
            ebarimt_on: true,
            ..ReceiptFacts::default()
        };
        let qpay = |asked, troubled, coming| ReceiptFacts {
            qpay_payments: 1,
            asked,
            troubled,
            coming,
            ..on
        };
        // (method, receipts) -> retry offered
        let cases = [
            // Money the shop took itself: no QPay payment, nothing missing, nothing to ask QPay for.
            (PayMethod::CashOnDelivery, on, false),
            (PayMethod::BankTransfer, on, false),
            (PayMethod::Qpay, qpay(0, false, true), false),
            (PayMethod::Qpay, qpay(0, false, false), true),
            (PayMethod::Qpay, qpay(1, true, false), true),
            (PayMethod::Qpay, qpay(1, false, false), false),
            (
                PayMethod::Qpay,
                ReceiptFacts {
                    ebarimt_on: false,
                    ..qpay(0, false, false)
                },
                false,
            ),
        ];
        for (method, receipts, retry) in cases {
            let actions = offered(&order(method, receipts));
            assert_eq!(
                actions.contains(&OwnerAction::EbarimtRetry),
                retry,
                "{method:?} {receipts:?}"
            );
        }
        let refunded = OrderFacts {
            refunded_in_full: true,
            ..order(PayMethod::Qpay, qpay(1, true, false))
        };
        assert!(!offered(&refunded).contains(&OwnerAction::EbarimtRetry));
        let issued = ReceiptFacts {
            issued: true,
            ..ReceiptFacts::default()
        };
        assert!(offered(&order(PayMethod::Qpay, issued)).contains(&OwnerAction::EbarimtCancel));
    }
}
