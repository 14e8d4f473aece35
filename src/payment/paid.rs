//! What the move to paid writes besides the state, in its transaction: the messages it causes (the owner's webhook,
//! the e-barimt receipt, the shopper's and the owner's SMS) and the discount code's use.

use sqlx::{Any, Transaction};

use super::{service::PaymentService, settle::PAID_BUT};
use crate::{
    db::{
        DbError,
        discount_codes::{self, Counted},
        orders::{self, OrderRow},
        outbox::{self, MessageKind},
        payments,
    },
    domain::notice::Event,
};

impl PaymentService {
    /// One message of each kind per order (the outbox's key), however often the order is settled. QPay issues
    /// e-barimt receipts for its own payments only (`ebarimt/create` takes a QPay payment id, SPEC.md §5), so
    /// money the shop took itself gets none through it: the owner issues that receipt in the e-barimt app.
    pub(super) async fn tell_of_payment(
        &self,
        tx: &mut Transaction<'static, Any>,
        order: &OrderRow,
        now: i64,
    ) -> Result<(), DbError> {
        let order_id = order.id;
        outbox::enqueue(&mut **tx, order_id, MessageKind::NotifyOwner, now).await?;
        for event in [Event::Paid, Event::NewPaidOrder] {
            outbox::enqueue_notice(tx, order_id, event, now).await?;
        }
        if self.settings.ebarimt.is_some() && !order.pay_method.is_offline() {
            outbox::enqueue(&mut **tx, order_id, MessageKind::IssueReceipt, now).await?;
        }
        Ok(())
    }

    /// Counts the order's use of its code (`db::discount_codes::count_use`); an order paid after the code's last
    /// use went to another is flagged for the owner.
    pub(super) async fn count_code_use(
        &self,
        tx: &mut Transaction<'static, Any>,
        order: &OrderRow,
    ) -> Result<(), DbError> {
        let (Some(code_id), Some(code)) = (order.discount_code_id, &order.discount_code) else {
            return Ok(());
        };
        if discount_codes::count_use(&self.db, tx, order.id, code_id, &order.phone).await? == Counted::UsedUp {
            // The shopper has paid the discounted total; the owner honours it or asks for the rest.
            let reason = format!(
                "{PAID_BUT} code {code} was used up by orders paid first: {} off given beyond its limit",
                order.discount.saturating_add(order.delivery_waived)
            );
            payments::record_event(&mut **tx, order.id, "code_used_up", code).await?;
            orders::reflag(tx, order.id, &[], Some(&reason)).await?;
        }
        Ok(())
    }
}
