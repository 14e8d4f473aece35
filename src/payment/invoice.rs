//! Making the order's QPay invoice, once: `sender_invoice_no` is the order number, the lines are the order's items,
//! and the callback URL carries the order's secret token.

use crate::{
    config::EbarimtSettings,
    db::{
        DbError, now_ms, orders,
        outbox::MessageKind,
        payments::{self, NewInvoice},
    },
    domain::{
        Mnt,
        ebarimt::{TenThousandths, taxes_in},
        invoice_lines::{LineAmounts, LineError, item_lines, lines_total},
    },
    qpay::{InvoiceLine, InvoiceRequest, LineTax, QpayAmount, TaxCode, TaxType},
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
            format!("Delguur {}", order.order_no),
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
                // Cancelled or expired while QPay made it: its cancel may have run before there was an invoice id to
                // cancel, so it runs again now that there is one (read after storing: a move after this read finds
                // the id itself).
                let now_payable = orders::find_by_no(&self.db, order_no)
                    .await?
                    .is_some_and(|order| order.payment_state.is_payable());
                if !now_payable {
                    tracing::info!("the order ended while its invoice was made: the invoice is cancelled");
                    crate::db::outbox::deliver_again(&self.db, order.id, MessageKind::CancelInvoice, now_ms()).await?;
                }
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
mod tests {
    use super::*;

    fn settings() -> EbarimtSettings {
        EbarimtSettings {
            api: crate::config::EbarimtApi::V3,
            district_code: "3505".into(),
            classification_code: "2349010".into(),
            delivery_classification_code: "6511000".into(),
            city_tax_percent: 2,
            invoice_code: None,
        }
    }

    fn item(unit_price_mnt: i64, quantity: i64, discount_mnt: i64) -> orders::ItemRow {
        let mnt = |amount| Mnt::new(amount).unwrap();
        orders::ItemRow {
            product_name: "Ааруул".into(),
            variant_name: "500 г".into(),
            unit_price: mnt(unit_price_mnt),
            quantity,
            line_total: mnt(unit_price_mnt * quantity),
            discount: mnt(discount_mnt),
        }
    }

    /// (quantity, unit price) of each line, as QPay reads it.
    fn amounts(lines: &[(LineOf, InvoiceLine)]) -> Vec<(i64, i64)> {
        let whole = |amount: QpayAmount| amount.to_mnt().unwrap();
        lines
            .iter()
            .map(|(_, line)| (whole(line.line_quantity), whole(line.line_unit_price)))
            .collect()
    }

    #[test]
    fn the_discount_is_in_the_prices_and_the_lines_add_up_to_the_total() {
        // 1,000₮ off 3 × 12,500₮ and 1 × 3,000₮ (shared 926 and 74), with a 5,000₮ delivery: 44,500₮.
        let charges = Charges {
            delivery_zone: Some("Хотын төв"),
            delivery_mnt: 5_000,
            delivery_waived_mnt: 0,
            total_mnt: 44_500,
        };
        let lines = invoice_lines(&charges, &[item(12_500, 3, 926), item(3_000, 1, 74)]).unwrap();
        // 36,574₮ over three units does not divide: 2 × 12,191 + 1 × 12,192.
        assert_eq!(amounts(&lines), [(2, 12_191), (1, 12_192), (1, 2_926), (1, 5_000)]);
        assert_eq!((lines[1].0, lines[3].0), (LineOf::Item(0), LineOf::Delivery));
        let sum: i64 = amounts(&lines).iter().map(|(q, p)| q * p).sum();
        assert_eq!(sum, 44_500, "Σ quantity × unit price is the amount");
        assert_eq!(lines[1].1.line_description, "Ааруул (500 г)", "both halves");
        assert_eq!(lines[3].1.line_description, "Хүргэлт Хотын төв");

        let mut request = InvoiceRequest::simple("SHOP_INVOICE", "D-1", "Delguur D-1", sum, "https://shop.mn/cb");
        request.lines = lines.into_iter().map(|(_, line)| line).collect();
        let codes: [Option<String>; 4] = [None, None, Some("1000001".into()), Some("6511000".into())];
        with_receipt_details(&mut request, &codes, &settings());
        let body = serde_json::to_value(&request).unwrap();
        for line in body["lines"].as_array().unwrap() {
            assert!(line.get("discounts").is_none(), "no discounts: {line}");
        }
        assert_eq!(body["lines"][1]["classification_code"], "2349010", "the shop's");
        assert_eq!(body["lines"][2]["classification_code"], "1000001");
        assert_eq!(body["lines"][3]["classification_code"], "6511000");
        // VAT inside what each line costs: 24,382 × 10 / 112 and 12,192 × 10 / 112.
        assert_eq!(body["lines"][0]["taxes"][0]["amount"], "2176.9643");
        assert_eq!(body["lines"][1]["taxes"][0]["amount"], "1088.5714");
        assert_eq!(body["lines"][3]["taxes"][0]["amount"], "446.4286");

        // A waived or no delivery has no line; a fully discounted item has none either.
        let free = Charges {
            delivery_waived_mnt: 5_000,
            total_mnt: 3_000,
            ..charges
        };
        assert_eq!(
            amounts(&invoice_lines(&free, &[item(3_000, 1, 0)]).unwrap()),
            [(1, 3_000)]
        );
        let pickup = Charges {
            delivery_mnt: 0,
            delivery_zone: None,
            total_mnt: 12_500,
            ..charges
        };
        let lines = invoice_lines(&pickup, &[item(3_000, 1, 3_000), item(12_500, 2, 12_500)]).unwrap();
        assert_eq!((lines[0].0, amounts(&lines)), (LineOf::Item(1), vec![(2, 6_250)]));
    }

    #[test]
    fn lines_that_would_not_make_the_total_are_no_invoice() {
        let charges = Charges {
            delivery_zone: None,
            delivery_mnt: 0,
            delivery_waived_mnt: 0,
            total_mnt: 24_000,
        };
        assert_eq!(
            invoice_lines(&charges, &[item(12_500, 2, 0)]),
            Err(LinesError::NotAddingUp {
                lines: Some(25_000),
                amount: 24_000
            })
        );
        assert_eq!(
            invoice_lines(&charges, &[item(12_500, 2, 0), item(100, 2, 201)]),
            Err(LinesError::Item(1, LineError::DiscountOutOfRange))
        );
    }

    #[test]
    fn an_invoice_for_a_receipt_carries_the_tax_lines_qpay_needs() {
        let mut request = InvoiceRequest::simple("SHOP_INVOICE", "D-1", "Delguur D-1", 1_000_i64, "https://shop.mn/cb");
        request.lines = vec![InvoiceLine {
            line_description: "Ааруул (500 г)".into(),
            line_quantity: QpayAmount::from(2_i64),
            line_unit_price: QpayAmount::from(500_i64),
            ..InvoiceLine::default()
        }];
        with_receipt_details(&mut request, &[None], &settings());
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(body["tax_type"], "1");
        assert_eq!(body["district_code"], "3505");
        let line = &body["lines"][0];
        assert_eq!(line["classification_code"], "2349010");
        assert_eq!(line["taxes"][0]["tax_code"], "VAT");
        assert_eq!(line["taxes"][0]["amount"], "89.2857", "QPay's own example");
        assert_eq!(line["taxes"][1]["tax_code"], "CITY_TAX");
        assert_eq!(line["taxes"][1]["amount"], "17.8571");
    }
}
