//! Orders paid to the shop itself (issue #20): cash to the courier or at the pickup point, a bank transfer. No
//! QPay invoice; the owner or staff record the money from the order's page, and that moves the order through the
//! same forward-only states, in one transaction with what the move implies (`settle::follow_move`: the messages,
//! the code's use), as a QPay payment does. An order whose time to pay runs out unpaid, while nobody has packed
//! it, expires and gives its stock back.

use super::service::PaymentService;
use crate::{
    db::{
        DbError,
        orders::{self},
        outbox,
        payments::{self, ConfirmedPayment},
        timeline,
    },
    domain::{
        Mnt,
        notice::Event,
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
        let method = order.pay_method();
        let mut tx = self.db.begin_write().await?;
        let facts = orders::payment_facts(&mut tx, order.id, self.db.row_lock()).await?;
        let current = crate::db::stored_payment_state(&facts.payment_state)?;
        let total = Mnt::new(order.total_mnt).unwrap_or_default();
        let paid = Mnt::new(facts.paid_mnt).unwrap_or_default();
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
        };
        if !payments::insert_payment(&mut *tx, order.id, &payment).await? {
            // The same payment number written meanwhile: the lock makes this a payment recorded twice at once.
            return Ok(Some(Received::Refused(Refused::AlreadyPaid)));
        }
        let paid_now = facts.paid_mnt + amount;
        orders::record_paid_amount(&mut *tx, order.id, paid_now).await?;
        let moves = target != current;
        if moves && !orders::move_payment_state(&mut *tx, order.id, &[current.as_str()], target.as_str()).await? {
            // Read under the lock, so nothing else moved it: cannot happen, and nothing is written if it does.
            return Ok(Some(Received::Refused(Refused::AlreadyPaid)));
        }
        let note: String = note.trim().chars().take(200).collect();
        let received = Mnt::new(amount).unwrap_or_default();
        let what = format!("{} {received} received: {note}", method.recorded_as().to_lowercase());
        timeline::record_by(&mut *tx, order.id, "received", what.trim_end_matches(": "), actor).await?;
        if moves {
            let change = format!("{} -> {}", current.as_str(), target.as_str());
            timeline::record_by(&mut *tx, order.id, "state", &change, actor).await?;
            self.follow_move(&mut tx, &order, &facts, target, paid_now).await?;
        }
        tx.commit().await?;
        tracing::info!(%order_no, amount, to = target.as_str(), by = actor, "money received by the shop");
        Ok(Some(Received::Recorded(target)))
    }

    /// Expires the orders paid to the shop whose time to pay is over and that nobody has packed; how many.
    pub async fn expire_offline_due(&self, now: i64) -> Result<usize, DbError> {
        let mut expired = 0;
        for (order_id, order_no) in crate::db::checks::offline_overdue(&self.db, now, 100).await? {
            let mut tx = self.db.begin_write().await?;
            if orders::expire_offline(&mut tx, order_id, now).await? {
                orders::release_stock(&mut tx, order_id, self.db.row_lock()).await?;
                payments::record_event(&mut *tx, order_id, "state", "awaiting -> expired (not paid in time)").await?;
                outbox::enqueue_notice(&mut tx, order_id, Event::Expired, now).await?;
                expired += 1;
                tracing::info!(%order_no, "unpaid order expired");
            }
            tx.commit().await?;
        }
        Ok(expired)
    }
}
