//! Making the order's QPay invoice, once: `sender_invoice_no` is the order number, the lines are the order's items,
//! and the callback URL carries the order's secret token.

use crate::{
    config::EbarimtSettings,
    db::{
        DbError, now_ms, orders,
        outbox::MessageKind,
        payments::{self, Claim, NewInvoice},
    },
    domain::{
        Mnt,
        ebarimt::{TenThousandths, taxes_in},
        invoice_lines::{LineAmounts, LineError, item_lines, lines_total},
    },
    qpay::{InvoiceCreated, InvoiceLine, InvoiceRequest, LineTax, QpayAmount, TaxCode, TaxType},
};

use super::service::PaymentService;

/// A create call is cut off after this long, so that a claim older than `STALE_CLAIM_MS` has no live holder.
const CREATE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(90);
pub(super) const STALE_CLAIM_MS: i64 = 5 * 60 * 1000;
/// QPay's limit for `line_description` (SPEC.md §3.1).
const LINE_DESCRIPTION_MAX: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceOutcome {
    /// The order has its invoice (or needs none any more).
    Ready,
    /// Another request is making it right now.
    Pending,
    /// QPay did not make it; the order waits for "try again".
    Failed,
}

impl PaymentService {
    /// Makes the order's invoice unless it has one. Two concurrent calls never make two: the first claims the row.
    #[tracing::instrument(skip(self))]
    pub async fn ensure_invoice(&self, order_no: &str) -> Result<InvoiceOutcome, DbError> {
        let Some(order) = orders::find_by_no(&self.db, order_no).await? else {
            return Ok(InvoiceOutcome::Failed);
        };
        // "Needs none": paid, over, or paid to the shop itself (cash, a transfer), which QPay has no part in.
        if !order.payment_state.is_payable() || order.pay_method.is_offline() {
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
        let ebarimt = self.settings.ebarimt.as_ref();
        // A shop with e-barimt may have an e-barimt-enabled invoice code of its own (SPEC.md §3.1).
        let invoice_code = ebarimt
            .and_then(|e| e.invoice_code.as_deref())
            .unwrap_or(self.qpay.invoice_code());
        let mut request = InvoiceRequest::simple(
            invoice_code,
            &order.order_no,
            // What the bank app shows: the shop's name and the order number, within QPay's limit (SPEC.md §3.1).
            self.identity.current().invoice_description(&order.order_no),
            order.total.amount(),
            callback_url,
        );
        // Without it QPay refuses a payment below the total; with it the order may be "partially paid".
        request.allow_partial = Some(self.settings.allow_partial);
        let charges = Charges {
            delivery_zone: order.delivery_zone.as_deref(),
            delivery_mnt: order.delivery_fee.amount(),
            delivery_waived_mnt: order.delivery_waived.amount(),
            total_mnt: order.total.amount(),
        };
        let lines = match invoice_lines(&charges, &items) {
            Ok(lines) => lines,
            Err(error) => {
                // Never an invoice whose lines say another amount: the order waits, its timeline says why.
                tracing::error!(%error, "the invoice's lines do not make the order's total");
                payments::release_claim(&self.db, order.id, claim).await?;
                payments::record_event(self.db.pool(), order.id, "invoice_failed", &error.to_string()).await?;
                return Ok(InvoiceOutcome::Failed);
            }
        };
        let (sources, lines): (Vec<LineOf>, Vec<InvoiceLine>) = lines.into_iter().unzip();
        request.lines = lines;
        if let Some(ebarimt) = ebarimt {
            let codes = crate::db::ebarimt::classification_codes_of(&self.db, order.id).await?;
            let line_codes: Vec<Option<String>> = sources
                .iter()
                .map(|source| match source {
                    LineOf::Item(index) => codes.get(*index).cloned().flatten(),
                    LineOf::Delivery => Some(ebarimt.delivery_classification_code.clone()),
                })
                .collect();
            with_receipt_details(&mut request, &line_codes, ebarimt);
        }
        let created = match tokio::time::timeout(CREATE_DEADLINE, self.qpay.create_invoice(&request)).await {
            Ok(result) => result,
            Err(_) => Err(crate::qpay::QpayError::Timeout),
        };
        match created {
            Ok(created) => self.store_created(order_no, order.id, claim, &created).await,
            Err(error) => {
                // A failed or timed-out create is not repeated blindly; the shopper's "try again" makes a new attempt.
                tracing::warn!(%error, "QPay invoice create failed");
                payments::release_claim(&self.db, order.id, claim).await?;
                payments::record_event(self.db.pool(), order.id, "invoice_failed", &error.to_string()).await?;
                Ok(InvoiceOutcome::Failed)
            }
        }
    }

    /// Keeps the invoice QPay made for the claim, unless the claim was taken over meanwhile.
    async fn store_created(
        &self,
        order_no: &str,
        order_id: i64,
        claim: Claim,
        created: &InvoiceCreated,
    ) -> Result<InvoiceOutcome, DbError> {
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
        if !payments::store_invoice(&self.db, order_id, claim, &invoice, expires_at, first_check).await? {
            // Taken over meanwhile: the other holder's invoice is the one the shopper sees.
            payments::record_event(self.db.pool(), order_id, "invoice_unused", &created.invoice_id).await?;
            return Ok(InvoiceOutcome::Pending);
        }
        payments::record_event(self.db.pool(), order_id, "invoice_created", &created.invoice_id).await?;
        tracing::info!(invoice_id = %created.invoice_id, "QPay invoice created");
        // Cancelled or expired while QPay made it: its cancel may have run before there was an invoice id to
        // cancel, so it runs again now that there is one (read after storing: a move after this read finds
        // the id itself).
        let now_payable = orders::find_by_no(&self.db, order_no)
            .await?
            .is_some_and(|order| order.payment_state.is_payable());
        if !now_payable {
            tracing::info!("the order ended while its invoice was made: the invoice is cancelled");
            crate::db::outbox::deliver_again(&self.db, order_id, MessageKind::CancelInvoice, now_ms()).await?;
        }
        Ok(InvoiceOutcome::Ready)
    }
}

/// What an order adds to its items' lines, as frozen when it was placed.
struct Charges<'a> {
    delivery_zone: Option<&'a str>,
    delivery_mnt: i64,
    delivery_waived_mnt: i64,
    /// The invoice's amount: items − discount + delivery − delivery waived.
    total_mnt: i64,
}

/// What an invoice line is for: one of the order's items (by its place among them), or the delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineOf {
    Item(usize),
    Delivery,
}

/// Why an order's items cannot make its invoice; none of these is an order the shop places.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum LinesError {
    #[error("item {0}: {1}")]
    Item(usize, LineError),
    #[error("the invoice's lines come to {lines:?}₮, not the order's total {amount}₮")]
    NotAddingUp { lines: Option<i64>, amount: i64 },
}

/// The invoice's lines, so the bank app shows what the total is made of, written so QPay can read them one way only:
/// each item at its price after its share of the discount, in whole tögrög (`domain::invoice_lines`: one line, or two
/// a tögrög apart where the discount does not divide among the units, none when free), and the delivery fee charged
/// as a line of its own (its own classification code on the receipt), none when 0. No `discounts`: SPEC.md §3.1 does
/// not say how QPay reads them. Σ quantity × unit price is the order's total, or there is no invoice.
fn invoice_lines(order: &Charges<'_>, items: &[orders::ItemRow]) -> Result<Vec<(LineOf, InvoiceLine)>, LinesError> {
    let line = |description: &str, amounts: LineAmounts| InvoiceLine {
        line_description: described(description),
        line_quantity: QpayAmount::from(amounts.quantity),
        line_unit_price: QpayAmount::from(amounts.unit_price),
        ..InvoiceLine::default()
    };
    let mut lines = Vec::with_capacity(items.len() * 2 + 1);
    let mut amounts = Vec::with_capacity(items.len() * 2 + 1);
    for (index, item) in items.iter().enumerate() {
        let description = format!("{} ({})", item.product_name, item.variant_name);
        let parts = item_lines(item.quantity, item.unit_price.amount(), item.discount.amount())
            .map_err(|error| LinesError::Item(index, error))?;
        for part in parts {
            lines.push((LineOf::Item(index), line(&description, part)));
            amounts.push(part);
        }
    }
    let delivery = order.delivery_mnt - order.delivery_waived_mnt;
    if delivery > 0 {
        let label = order.delivery_zone.unwrap_or_default();
        let part = LineAmounts {
            quantity: 1,
            unit_price: delivery,
        };
        lines.push((LineOf::Delivery, line(&format!("Хүргэлт {label}"), part)));
        amounts.push(part);
    }
    match lines_total(&amounts) {
        Some(sum) if sum == order.total_mnt => Ok(lines),
        sum => Err(LinesError::NotAddingUp {
            lines: sum,
            amount: order.total_mnt,
        }),
    }
}

fn described(text: &str) -> String {
    text.trim().chars().take(LINE_DESCRIPTION_MAX).collect()
}

/// What QPay needs on an invoice to issue its e-barimt (SPEC.md §3.1): VAT as the tax type, the shop's district,
/// and on each line (`codes` has one entry per line) its classification code (the product's own, else the shop's;
/// the delivery's) and the VAT (and city tax) inside what the line costs, quantity × its discounted unit price.
fn with_receipt_details(request: &mut InvoiceRequest, codes: &[Option<String>], ebarimt: &EbarimtSettings) {
    request.tax_type = Some(TaxType::Vat);
    request.district_code = Some(ebarimt.district_code.clone()).filter(|code| !code.is_empty());
    for (index, line) in request.lines.iter_mut().enumerate() {
        let code = codes.get(index).cloned().flatten();
        line.classification_code = code
            .or_else(|| Some(ebarimt.classification_code.clone()))
            .filter(|code| !code.is_empty());
        // The lines are whole tögrög with the discount in the price (`invoice_lines`): a line costs q × p.
        let whole = |amount: QpayAmount| amount.to_mnt().unwrap_or(0);
        let cost = whole(line.line_quantity)
            .checked_mul(whole(line.line_unit_price))
            .unwrap_or(0);
        let Some(taxes) = Mnt::new(cost)
            .ok()
            .filter(|total| *total > Mnt::ZERO)
            .and_then(|total| taxes_in(total, ebarimt.city_tax_percent))
        else {
            continue;
        };
        let amount = |tax: TenThousandths| QpayAmount::new(rust_decimal::Decimal::new(tax.get(), 4));
        line.taxes.push(LineTax {
            tax_code: TaxCode::Vat,
            description: "НӨАТ".into(),
            amount: amount(taxes.vat),
            city_tax: None,
            note: None,
        });
        if ebarimt.city_tax_percent > 0 {
            line.taxes.push(LineTax {
                tax_code: TaxCode::CityTax,
                description: "НХАТ".into(),
                amount: amount(taxes.city_tax),
                city_tax: None,
                note: None,
            });
        }
    }
}

#[cfg(test)]
mod tests;
