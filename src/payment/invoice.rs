//! Making the order's QPay invoice, once: `sender_invoice_no` is the order number, the lines are the order's items,
//! and the callback URL carries the order's secret token.

use crate::{
    config::PaymentSettings,
    db::{
        Db, DbError, now_ms, orders,
        payments::{self, NewInvoice},
    },
    domain::PaymentState,
    qpay::{InvoiceLine, InvoiceRequest, QpayAmount, QpayClient},
};

/// A create call is cut off after this long, so that a claim older than `STALE_CLAIM_MS` has no live holder.
const CREATE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(90);
pub(super) const STALE_CLAIM_MS: i64 = 5 * 60 * 1000;
/// QPay's limit for `line_description` (SPEC.md §3.1).
const LINE_DESCRIPTION_MAX: usize = 255;

/// Makes invoices, confirms payments (`settle.rs`) and keeps the payment log.
#[derive(Clone)]
pub struct PaymentService {
    pub(super) db: Db,
    pub(super) qpay: QpayClient,
    pub(super) public_url: String,
    pub(super) settings: PaymentSettings,
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
    pub fn new(db: Db, qpay: QpayClient, public_url: String, settings: PaymentSettings) -> Self {
        PaymentService {
            db,
            qpay,
            public_url,
            settings,
        }
    }

    pub fn qpay(&self) -> &QpayClient {
        &self.qpay
    }

    pub fn settings(&self) -> &PaymentSettings {
        &self.settings
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
        let claim = match payments::invoice_of(&self.db, order.id).await? {
            Some(invoice) if invoice.state != "creating" => return Ok(InvoiceOutcome::Ready),
            // A claim older than any QPay call may take was left by a process that died: take it over.
            Some(_) => payments::take_over_stale_claim(&self.db, order.id, STALE_CLAIM_MS).await?,
            None => payments::claim_invoice(&self.db, order.id).await?,
        };
        let Some(claim) = claim else {
            return Ok(InvoiceOutcome::Pending);
        };
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
        // Without it QPay refuses a payment below the total; with it the order may be "partially paid".
        request.allow_partial = Some(self.settings.allow_partial);
        request.lines = items
            .iter()
            .map(|item| InvoiceLine {
                line_description: format!("{} ({})", item.product_name, item.variant_name)
                    .chars()
                    .take(LINE_DESCRIPTION_MAX)
                    .collect(),
                line_quantity: QpayAmount::from(item.quantity),
                line_unit_price: QpayAmount::from(item.unit_price_mnt),
                ..InvoiceLine::default()
            })
            .collect();
        let created = match tokio::time::timeout(CREATE_DEADLINE, self.qpay.create_invoice(&request)).await {
            Ok(result) => result,
            Err(_) => Err(crate::qpay::QpayError::Timeout),
        };
        match created {
            Ok(created) => {
                let urls_json = serde_json::to_string(&created.urls).unwrap_or_else(|_| "[]".into());
                let invoice = NewInvoice {
                    invoice_id: &created.invoice_id,
                    qr_text: &created.qr_text,
                    qr_image: &created.qr_image,
                    short_url: created.short_url.as_deref(),
                    urls_json: &urls_json,
                };
                let now = now_ms();
                let expires_at = now + self.settings.invoice_lifetime_ms;
                let first_check = self.settings.checks.first(now, expires_at);
                if !payments::store_invoice(&self.db, order.id, claim, &invoice, expires_at, first_check).await? {
                    // Taken over meanwhile: the other holder's invoice is the one the shopper sees.
                    payments::record_event(self.db.pool(), order.id, "invoice_unused", &created.invoice_id).await?;
                    return Ok(InvoiceOutcome::Pending);
                }
                payments::record_event(self.db.pool(), order.id, "invoice_created", &created.invoice_id).await?;
                tracing::info!(invoice_id = %created.invoice_id, "QPay invoice created");
                Ok(InvoiceOutcome::Ready)
            }
            Err(error) => {
                // A failed or timed-out create is not repeated blindly; the shopper's "try again" makes a new attempt.
                tracing::warn!(%error, "QPay invoice create failed");
                payments::release_claim(&self.db, order.id, claim).await?;
                payments::record_event(self.db.pool(), order.id, "invoice_failed", &error.to_string()).await?;
                Ok(InvoiceOutcome::Failed)
            }
        }
    }
}
