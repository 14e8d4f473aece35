//! The caps on stock held by unpaid orders, counted as an order is placed (`domain::holds`): under a lock on the
//! shopper's phone number and network address, so one shopper's checkouts at once count each other.

use sqlx::{Any, Transaction};

use super::service::{CheckoutError, CheckoutService, PlaceOrder};
use crate::{
    db::{DbError, orders},
    domain::pay_method::PayMethod,
    web::client::network_key,
};

impl CheckoutService {
    /// Locks this shopper's phone number and address for the transaction, so one shopper's checkouts at once run
    /// one after the other and count each other's held stock; taken phone first, then address, then (placing)
    /// variants in id order, the same in every checkout.
    pub(super) async fn lock_holder(
        &self,
        tx: &mut Transaction<'static, Any>,
        request: &PlaceOrder<'_>,
    ) -> Result<(), DbError> {
        let phone = request.customer.phone.as_str();
        self.db.lock_key(tx, &format!("held-by-phone:{phone}")).await?;
        if let Some(address) = request.placed_from {
            let address = network_key(address);
            self.db.lock_key(tx, &format!("held-from:{address}")).await?;
        }
        Ok(())
    }

    /// Whether the order stays within the caps on stock held by unpaid orders (`domain::holds`), counted under the
    /// locks of [`Self::lock_holder`].
    pub(super) async fn check_holds(
        &self,
        tx: &mut Transaction<'static, Any>,
        request: &PlaceOrder<'_>,
    ) -> Result<(), CheckoutError> {
        let held_by_phone = orders::units_held_by_phone(tx, request.customer.phone.as_str()).await?;
        let held_from = match request.placed_from {
            Some(address) => Some(orders::units_held_from(tx, &network_key(address)).await?),
            None => None,
        };
        self.holds.check(request.lines, held_by_phone, held_from)?;
        if request.pay_method != PayMethod::Qpay {
            // An order paid in cash or by transfer holds its stock for days: counted apart, one or a few at a time.
            let phone = request.customer.phone.as_str();
            let by_phone = orders::unpaid_offline_orders(tx, "phone", phone).await?;
            let from = match request.placed_from {
                Some(address) => Some(orders::unpaid_offline_orders(tx, "placed_from", &network_key(address)).await?),
                None => None,
            };
            self.holds.check_offline(by_phone, from)?;
        }
        Ok(())
    }
}
