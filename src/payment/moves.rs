//! The one way an order's payment state moves: money applied to it, whether QPay's check found it or
//! the shop recorded it (`apply_payment`), and an unpaid order ended, whether its time ran out or the owner
//! cancelled it (`end_unpaid`). Both run in the caller's transaction on the order as read under its lock
//! (`orders::payment_facts`), move the state forward only, record the move in the order's timeline (with who made
//! it, when a person did), and do what the move implies (`follow_move`): the messages, the code's use, the stock,
//! the invoice's cancel, the flags. A new way to pay, a new expiry or a new side effect is written here, once.

use sqlx::{Any, Transaction};

use super::{
    service::PaymentService,
    settle::{PAID_BUT, PART_PAID},
};
use crate::{
    db::{
        DbError, now_ms,
        orders::{self, OrderRow, PaymentFacts},
        outbox::{self, MessageKind},
        payments, timeline,
    },
    domain::{Mnt, PaymentState, notice::Event, pay_method::PayMethod},
};

/// Who moved the order, for its timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovedBy<'a> {
    /// The shop's own work: QPay's check (a callback, the reconciler, "check now"), an expiry.
    Shop,
    /// A person signed in to the admin: their e-mail address.
    Person(&'a str),
}

/// A move of the order's payment state: from what `facts` read, in the moving transaction under the order's lock,
/// to `to`, with `paid_mnt` paid (all its payments, in whole tögrög) once it is made.
struct StateMove<'a> {
    order: &'a OrderRow,
    facts: &'a PaymentFacts,
    to: PaymentState,
    paid_mnt: i64,
}

impl PaymentService {
    /// Applies money to the order: its paid amount becomes `paid_mnt` (all its payments, in whole tögrög) and its
    /// state `to` (what the money makes it: `domain::PaymentState::after_check` for QPay, `pay_method::receive` for
    /// the shop's own). True when the state moved.
    pub(super) async fn apply_payment(
        &self,
        tx: &mut Transaction<'static, Any>,
        order: &OrderRow,
        facts: &PaymentFacts,
        paid_mnt: i64,
        to: PaymentState,
        by: MovedBy<'_>,
    ) -> Result<bool, DbError> {
        orders::record_paid_amount(&mut **tx, order.id, paid_mnt).await?;
        let step = StateMove {
            order,
            facts,
            to,
            paid_mnt,
        };
        self.move_state(tx, step, by, "").await
    }

    /// Ends an order not paid in full: `Expired` when its time to pay ran out (QPay's invoice, or the shop's own
    /// wait for cash or a transfer), `Cancelled` by the owner. Whatever ended it, the same follows: its stock goes
    /// back, its QPay invoice is cancelled, the shopper is told it expired, and money already paid flags it for the
    /// owner to return or complete. `why` goes into the timeline. True when it moved.
    pub(super) async fn end_unpaid(
        &self,
        tx: &mut Transaction<'static, Any>,
        order: &OrderRow,
        facts: &PaymentFacts,
        to: PaymentState,
        why: &str,
        by: MovedBy<'_>,
    ) -> Result<bool, DbError> {
        debug_assert!(matches!(to, PaymentState::Expired | PaymentState::Cancelled), "{to:?}");
        let step = StateMove {
            order,
            facts,
            to,
            paid_mnt: facts.paid.amount(),
        };
        self.move_state(tx, step, by, why).await
    }

    /// Makes the move, once: false when the state is there already or something else moved it first.
    async fn move_state(
        &self,
        tx: &mut Transaction<'static, Any>,
        step: StateMove<'_>,
        by: MovedBy<'_>,
        why: &str,
    ) -> Result<bool, DbError> {
        let (order, from, to) = (step.order, step.facts.payment_state, step.to);
        if from == to || !orders::move_payment_state(&mut **tx, order.id, &[from.as_str()], to.as_str()).await? {
            return Ok(false);
        }
        let mut change = format!("{} -> {}", from.as_str(), to.as_str());
        if !why.is_empty() {
            change = format!("{change} ({why})");
        }
        match by {
            MovedBy::Shop => payments::record_event(&mut **tx, order.id, "state", &change).await?,
            MovedBy::Person(who) => timeline::record_by(&mut **tx, order.id, "state", &change, who).await?,
        }
        self.follow_move(tx, step).await?;
        Ok(true)
    }

    /// What a move implies, in the moving transaction.
    async fn follow_move(&self, tx: &mut Transaction<'static, Any>, step: StateMove<'_>) -> Result<(), DbError> {
        let StateMove {
            order,
            facts,
            to,
            paid_mnt,
        } = step;
        let now = now_ms();
        let from = facts.payment_state.as_str();
        match to {
            PaymentState::Paid => {
                self.tell_of_payment(tx, order, now).await?;
                let stock_held =
                    facts.stock_reserved == 1 || orders::reserve_again(tx, order.id, self.db.row_lock()).await?;
                let reason = if facts.refunded > Mnt::ZERO {
                    Some(format!(
                        "{PAID_BUT} {} of it was refunded before the rest came: collect that again or refund the rest \
                         before shipping",
                        facts.refunded
                    ))
                } else if !stock_held {
                    Some(format!(
                        "{PAID_BUT} the stock is gone (paid after the order {from}): deliver later or refund"
                    ))
                } else {
                    None
                };
                // Paid in full resolves a "part paid" flag, and only that: any other reason stays.
                orders::reflag(tx, order.id, &[PART_PAID], reason.as_deref()).await?;
                self.count_code_use(tx, order).await?;
            }
            PaymentState::Expired | PaymentState::Cancelled => {
                orders::release_stock(tx, order.id, self.db.row_lock()).await?;
                if order.pay_method == PayMethod::Qpay && payments::has_invoice(&mut **tx, order.id).await? {
                    // So QPay's invoice, or one still being made, can no longer be paid. An order paid to the shop
                    // itself has none, nor has one whose invoice was never made.
                    outbox::enqueue(&mut **tx, order.id, MessageKind::CancelInvoice, now).await?;
                }
                if to == PaymentState::Expired {
                    outbox::enqueue_notice(tx, order.id, Event::Expired, now).await?;
                }
                if paid_mnt > 0 {
                    // Money that comes after a QPay order ended is still settled (late money takes the stock
                    // again); money the shop records is refused once the order is over, so what was paid goes back.
                    let what_now = if order.pay_method.is_offline() {
                        "return it by hand (a manual refund)"
                    } else {
                        "refund it or ask for the rest"
                    };
                    let reason = format!(
                        "{PART_PAID}: {} of {} came before the time to pay ran out: {what_now}",
                        Mnt::new(paid_mnt).unwrap_or_default(),
                        order.total
                    );
                    orders::reflag(tx, order.id, &[PART_PAID], Some(&reason)).await?;
                }
            }
            PaymentState::AwaitingPayment | PaymentState::PartiallyPaid => {}
        }
        Ok(())
    }
}
