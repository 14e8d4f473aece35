//! Orders paid to the shop itself: cash to the courier or at the pickup point, a bank transfer. No
//! QPay invoice; the owner or staff record the money from the order's page, and that goes through the same step as
//! a QPay payment (`moves::apply_payment`: the forward-only move, the messages, the code's use). An order whose
//! time to pay runs out not paid in full, while nobody has packed it, ends as any unpaid order does
//! (`moves::end_unpaid`): its stock back, the shopper told, and money already paid flagged for the owner to return.

use super::{moves::MovedBy, service::PaymentService};
use crate::{
    db::{
        DbError,
        orders::{self},
        payments::{self, ConfirmedPayment},
        timeline,
    },
    domain::{
        Fulfilment, Mnt, PaymentState,
        pay_method::{Refused, own_payment_id, receive},
    },
};

/// What came of money the shop recorded.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    /// Recorded; the order is now in this state (`paid` or `partially-paid`).
    Recorded(crate::domain::PaymentState),
    /// Nothing was recorded, and why.
    Refused(Refused),
}

impl PaymentService {
    /// Records `amount` tögrög received for the order by `actor`, with their `note` (who paid, the transfer's
    /// reference): all that is left makes it paid; less makes it part paid when part payments are allowed. The
    /// order is read under its lock, so two marks at once record one payment.
    #[tracing::instrument(skip(self, note))]
    pub async fn receive_offline(
        &self,
        order_no: &str,
        amount: i64,
        note: &str,
        actor: &str,
    ) -> Result<Option<Received>, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(None);
        };
        let method = order.pay_method;
        let mut tx = self.db.begin_write().await?;
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        let (current, total, paid) = (facts.payment_state, order.total, facts.paid);
        let target = match receive(method, current, total, paid, amount, self.settings.allow_partial) {
            Ok(target) => target,
            Err(refused) => return Ok(Some(Received::Refused(refused))),
        };
        let count = payments::count_of(&mut *tx, order.id).await?;
        let id = own_payment_id(&order.order_no, count + 1);
        let payment = ConfirmedPayment {
            qpay_payment_id: &id,
            status: if target == crate::domain::PaymentState::Paid {
                "PAID"
            } else {
                "PARTIAL"
            },
            amount_mnt: amount,
            method: method.recorded_as(),
            wallet: None,
            fee_cents: None,
        };
        if !payments::insert_payment(&mut *tx, order.id, &payment).await? {
            // The same payment number written meanwhile: the lock makes this a payment recorded twice at once.
            return Ok(Some(Received::Refused(Refused::AlreadyPaid)));
        }
        let paid_now = facts.paid.amount() + amount;
        let note: String = note.trim().chars().take(200).collect();
        let received = Mnt::new(amount).unwrap_or_default();
        let what = format!("{} {received} received: {note}", method.recorded_as().to_lowercase());
        timeline::record_by(&mut *tx, order.id, "received", what.trim_end_matches(": "), actor).await?;
        let by = MovedBy::Person(actor);
        let moved = self
            .apply_payment(&mut tx, &order, &facts, paid_now, target, by)
            .await?;
        if target != current && !moved {
            // Read under the lock, so nothing else moved it: cannot happen, and nothing is written if it does.
            return Ok(Some(Received::Refused(Refused::AlreadyPaid)));
        }
        tx.commit().await?;
        tracing::info!(%order_no, amount, to = target.as_str(), by = actor, "money received by the shop");
        Ok(Some(Received::Recorded(target)))
    }

    /// Ends the orders paid to the shop whose time to pay is over, not paid in full, and that nobody has packed:
    /// expired as any unpaid order (`end_unpaid`), a part-paid one flagged with the money to return; how many.
    pub async fn expire_offline_due(&self, now: i64) -> Result<usize, DbError> {
        let mut expired = 0;
        for (order_id, order_no) in crate::db::checks::offline_overdue(&self.db, now, 100).await? {
            // One order that cannot be read (a corrupt row) must not keep every other from expiring.
            match self.expire_offline(order_id, &order_no, now).await {
                Ok(true) => expired += 1,
                Ok(false) => {}
                Err(error) => tracing::error!(%order_no, %error, "could not expire an unpaid order"),
            }
        }
        Ok(expired)
    }

    /// Ends one order paid to the shop whose time to pay is over, when it still is: true when it did.
    async fn expire_offline(&self, order_id: i64, order_no: &str, now: i64) -> Result<bool, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(false);
        };
        let mut tx = self.db.begin_write().await?;
        // Read again under the lock: money recorded or a packing meanwhile keeps the order.
        let facts = orders::payment_facts(&mut tx, order_id, self.db.row_lock()).await?;
        let due = order.pay_by.is_some_and(|pay_by| pay_by <= now)
            && matches!(
                facts.payment_state,
                PaymentState::AwaitingPayment | PaymentState::PartiallyPaid
            )
            && facts.fulfilment == Fulfilment::New;
        let why = "not paid in time";
        let ended = due
            && self
                .end_unpaid(&mut tx, &order, &facts, PaymentState::Expired, why, MovedBy::Shop)
                .await?;
        tx.commit().await?;
        if ended {
            tracing::info!(%order_no, paid_mnt = facts.paid.amount(), "unpaid order expired");
        }
        Ok(ended)
    }
}
