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
    },
    qpay::{InvoiceLine, InvoiceRequest, LineDiscount, LineTax, QpayAmount, TaxCode, TaxType},
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
        if !crate::db::stored_payment_state(&order.payment_state)?.is_payable() || order.pay_method().is_offline() {
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
            order.total_mnt,
            callback_url,
        );
        // Without it QPay refuses a payment below the total; with it the order may be "partially paid".
        request.allow_partial = Some(self.settings.allow_partial);
        let charges = Charges {
            discount_code: order.discount_code.as_deref(),
            delivery_zone: order.delivery_zone.as_deref(),
            delivery_mnt: order.delivery_mnt,
            delivery_waived_mnt: order.delivery_waived_mnt,
        };
        request.lines = invoice_lines(&charges, &items);
        if let Some(ebarimt) = ebarimt {
            let mut codes = crate::db::ebarimt::classification_codes_of(&self.db, order.id).await?;
            codes.truncate(items.len());
            codes.resize(items.len(), None);
            if order.delivery_mnt > 0 {
                codes.push(Some(ebarimt.delivery_classification_code.clone()));
            }
            with_receipt_details(&mut request, &codes, ebarimt);
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
                    .map(|order| crate::db::stored_payment_state(&order.payment_state))
                    .transpose()?
                    .is_some_and(|state| state.is_payable());
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
    discount_code: Option<&'a str>,
    delivery_zone: Option<&'a str>,
    delivery_mnt: i64,
    delivery_waived_mnt: i64,
}

/// The invoice's lines, so the shopper's bank app shows what the total is made of: each item with its share of the
/// discount in QPay's `discounts` (SPEC.md §3.1), and the delivery as a line of its own (its own classification
/// code on the receipt), with a free-delivery code's waiver as its discount. The lines add up to the order's total.
fn invoice_lines(order: &Charges<'_>, items: &[orders::ItemRow]) -> Vec<InvoiceLine> {
    let discount = |amount: i64| {
        (amount > 0)
            .then(|| LineDiscount {
                discount_code: order.discount_code.map(str::to_owned),
                description: match order.discount_code {
                    Some(code) => format!("Хөнгөлөлт {code}"),
                    None => "Хөнгөлөлт".into(),
                },
                amount: QpayAmount::from(amount),
                note: None,
            })
            .into_iter()
            .collect::<Vec<_>>()
    };
    let mut lines: Vec<InvoiceLine> = items
        .iter()
        .map(|item| InvoiceLine {
            line_description: described(&format!("{} ({})", item.product_name, item.variant_name)),
            line_quantity: QpayAmount::from(item.quantity),
            line_unit_price: QpayAmount::from(item.unit_price_mnt),
            discounts: discount(item.discount_mnt),
            ..InvoiceLine::default()
        })
        .collect();
    if order.delivery_mnt > 0 {
        let label = order.delivery_zone.unwrap_or_default();
        lines.push(InvoiceLine {
            line_description: described(&format!("Хүргэлт {label}")),
            line_quantity: QpayAmount::from(1_i64),
            line_unit_price: QpayAmount::from(order.delivery_mnt),
            discounts: discount(order.delivery_waived_mnt),
            ..InvoiceLine::default()
        });
    }
    lines
}

fn described(text: &str) -> String {
    text.trim().chars().take(LINE_DESCRIPTION_MAX).collect()
}

/// What QPay needs on an invoice to issue its e-barimt (SPEC.md §3.1): VAT as the tax type, the shop's district,
/// and on each line its classification code (the product's own, else the shop's; the delivery's) and the VAT (and
/// city tax) inside what the line costs after its discount.
fn with_receipt_details(request: &mut InvoiceRequest, codes: &[Option<String>], ebarimt: &EbarimtSettings) {
    request.tax_type = Some(TaxType::Vat);
    request.district_code = Some(ebarimt.district_code.clone()).filter(|code| !code.is_empty());
    for (index, line) in request.lines.iter_mut().enumerate() {
        let code = codes.get(index).cloned().flatten();
        line.classification_code = code
            .or_else(|| Some(ebarimt.classification_code.clone()))
            .filter(|code| !code.is_empty());
        // The lines are built from whole tögrög (`invoice_lines`).
        let whole = |amount: QpayAmount| amount.to_mnt().unwrap_or(0);
        let discounted = whole(line.line_quantity) * whole(line.line_unit_price)
            - line.discounts.iter().map(|d| whole(d.amount)).sum::<i64>();
        let Some(taxes) = Mnt::new(discounted)
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
        orders::ItemRow {
            product_name: "Ааруул".into(),
            variant_name: "500 г".into(),
            unit_price_mnt,
            quantity,
            line_total_mnt: unit_price_mnt * quantity,
            discount_mnt,
        }
    }

    #[test]
    fn the_lines_carry_the_discount_and_the_delivery_and_add_up_to_the_total() {
        let charges = Charges {
            discount_code: Some("SPRING10"),
            delivery_zone: Some("Хотын төв"),
            delivery_mnt: 5_000,
            delivery_waived_mnt: 0,
        };
        let lines = invoice_lines(&charges, &[item(12_500, 2, 2_500), item(3_000, 1, 0)]);
        let body = serde_json::to_value(&lines).unwrap();
        assert_eq!(body[0]["discounts"][0]["amount"], 2_500);
        assert_eq!(body[0]["discounts"][0]["discount_code"], "SPRING10");
        assert!(body[1].get("discounts").is_none(), "no discount, no entry: {body}");
        assert_eq!(body[2]["line_description"], "Хүргэлт Хотын төв");
        assert_eq!(body[2]["line_unit_price"], 5_000);
        let total: i64 = lines
            .iter()
            .map(|line| {
                line.line_quantity.to_mnt().unwrap() * line.line_unit_price.to_mnt().unwrap()
                    - line.discounts.iter().map(|d| d.amount.to_mnt().unwrap()).sum::<i64>()
            })
            .sum();
        assert_eq!(total, 25_000 - 2_500 + 3_000 + 5_000);

        let mut request = InvoiceRequest::simple("SHOP_INVOICE", "D-1", "Delguur D-1", total, "https://shop.mn/cb");
        request.lines = lines;
        with_receipt_details(&mut request, &[None, None, Some("6511000".into())], &settings());
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(body["lines"][2]["classification_code"], "6511000");
        // VAT on what the line costs after its discount: 22,500 × 10 / 112.
        assert_eq!(body["lines"][0]["taxes"][0]["amount"], "2008.9286");

        let free = Charges {
            delivery_waived_mnt: 5_000,
            ..charges
        };
        let lines = invoice_lines(&free, &[item(3_000, 1, 0)]);
        assert_eq!(
            lines[1].discounts[0].amount,
            QpayAmount::from(5_000_i64),
            "waived delivery shown as its discount"
        );
        let pickup = Charges {
            delivery_mnt: 0,
            delivery_zone: None,
            ..charges
        };
        assert_eq!(
            invoice_lines(&pickup, &[item(3_000, 1, 0)]).len(),
            1,
            "no delivery line for a free delivery"
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
