//! The payment service: everything that moves money or asks QPay. Its methods live beside what they do: making the
//! invoice (`invoice.rs`), settling (`settle.rs`), refunds (`refund.rs`), e-barimt receipts (`ebarimt.rs`); the
//! reconciler and the outbox worker drive it in the background. Messages (SMS, e-mail) are not payment's: they are
//! `messaging::Messenger`'s.

use crate::{
    config::PaymentSettings,
    db::{Db, DbError, orders},
    qpay::QpayClient,
    shop_identity::IdentityCache,
};

/// "Check now" asks QPay at most once in this long per order.
const CHECK_NOW_GAP_MS: i64 = 10_000;

/// Makes invoices, confirms payments and keeps the payment log. Built once at start-up.
#[derive(Clone)]
pub struct PaymentService {
    pub(super) db: Db,
    pub(super) qpay: QpayClient,
    pub(super) public_url: String,
    pub(super) settings: PaymentSettings,
    /// The shop's name, for what the shopper's bank app shows of an invoice.
    pub(super) identity: IdentityCache,
}

impl std::fmt::Debug for PaymentService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentService")
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

impl PaymentService {
    pub fn new(
        db: Db,
        qpay: QpayClient,
        public_url: String,
        settings: PaymentSettings,
        identity: IdentityCache,
    ) -> Self {
        PaymentService {
            db,
            qpay,
            public_url,
            settings,
            identity,
        }
    }

    pub fn qpay(&self) -> &QpayClient {
        &self.qpay
    }

    pub fn settings(&self) -> &PaymentSettings {
        &self.settings
    }

    /// The shopper's "I have paid — check now": settles with QPay unless the order was checked within the last
    /// 10 seconds. A failed check is logged; the page shows the state either way.
    #[tracing::instrument(skip(self))]
    pub async fn check_now(&self, order_id: i64, order_no: &str) -> Result<(), DbError> {
        if orders::take_check_slot(&self.db, order_id, CHECK_NOW_GAP_MS).await?
            && let Err(error) = self.settle(order_no, "check now").await
        {
            tracing::warn!(%error, "check now could not settle the order");
        }
        Ok(())
    }
}
