//! Making the order's QPay invoice, once: `sender_invoice_no` is the order number, the lines are the order's items,
//! and the callback URL carries the order's secret token.

use crate::{
    db::{
        Db, DbError, now_ms, orders,
        payments::{self, NewInvoice},
    },
    domain::PaymentState,
    qpay::{InvoiceLine, InvoiceRequest, QpayAmount, QpayClient},
};

/// How long a shopper has to pay an invoice.
pub const INVOICE_LIFETIME_MS: i64 = 30 * 60 * 1000;
/// Longer than the QPay client's timeouts and retries together: a claim this old belongs to no running request.
const STALE_CLAIM_MS: i64 = 60 * 1000;

/// Makes invoices, confirms payments (`settle.rs`) and keeps the payment log.
#[derive(Clone)]
pub struct PaymentService {
    pub(super) db: Db,
    pub(super) qpay: QpayClient,
    pub(super) public_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceOutcome {
    /// The order has its invoice (or needs none any more).
    Ready,
    /// Another request is making it right now.
    Pending,
    /// QPay did not make it; the order waits for "try again".
    Failed,
}

impl std::fmt::Debug for PaymentService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentService")
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

impl PaymentService {
    pub fn new(db: Db, qpay: QpayClient, public_url: String) -> Self {
        PaymentService { db, qpay, public_url }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Makes the order's invoice unless it has one. Two concurrent calls never make two: the first claims the row.
    #[tracing::instrument(skip(self))]
    pub async fn ensure_invoice(&self, order_no: &str) -> Result<InvoiceOutcome, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(InvoiceOutcome::Failed);
        };
        if !PaymentState::parse(&order.payment_state).is_some_and(PaymentState::is_payable) {
            return Ok(InvoiceOutcome::Ready);
        }
        let claimed = match payments::invoice_of(&self.db, order.id).await? {
            Some(invoice) if invoice.state != "creating" => return Ok(InvoiceOutcome::Ready),
            // A claim older than any QPay call can take was left by a process that died: take it over.
            Some(_) => payments::take_over_stale_claim(&self.db, order.id, STALE_CLAIM_MS).await?,
            None => payments::claim_invoice(&self.db, order.id, now_ms() + INVOICE_LIFETIME_MS).await?,
        };
        if !claimed {
            return Ok(InvoiceOutcome::Pending);
        }
        let items = orders::items_of(&self.db, order.id).await?;
        let callback_url = format!(
            "{}/qpay/callback/{}?token={}",
            self.public_url, order.order_no, order.callback_token
        );
        let mut request = InvoiceRequest::simple(
            self.qpay.invoice_code(),
            &order.order_no,
            format!("Delguur {}", order.order_no),
            order.total_mnt,
            callback_url,
        );
        request.lines = items
            .iter()
            .map(|item| InvoiceLine {
                line_description: format!("{} ({})", item.product_name, item.variant_name),
                line_quantity: QpayAmount::from(item.quantity),
                line_unit_price: QpayAmount::from(item.unit_price_mnt),
                ..InvoiceLine::default()
            })
            .collect();
        match self.qpay.create_invoice(&request).await {
            Ok(created) => {
                let urls_json = serde_json::to_string(&created.urls).unwrap_or_else(|_| "[]".into());
                let invoice = NewInvoice {
                    invoice_id: &created.invoice_id,
                    qr_text: &created.qr_text,
                    qr_image: &created.qr_image,
                    short_url: created.short_url.as_deref(),
                    urls_json: &urls_json,
                };
                payments::store_invoice(&self.db, order.id, &invoice).await?;
                payments::record_event(self.db.pool(), order.id, "invoice_created", &created.invoice_id).await?;
                tracing::info!(invoice_id = %created.invoice_id, "QPay invoice created");
                Ok(InvoiceOutcome::Ready)
            }
            Err(error) => {
                // A failed or timed-out create is not repeated blindly; the shopper's "try again" makes a new attempt.
                tracing::warn!(%error, "QPay invoice create failed");
                payments::release_claim(&self.db, order.id).await?;
                payments::record_event(self.db.pool(), order.id, "invoice_failed", &error.to_string()).await?;
                Ok(InvoiceOutcome::Failed)
            }
        }
    }
}
