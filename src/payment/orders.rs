//! Reading an order for its page, with the access rule: the session that placed it, or its view key.

use qrcode::{QrCode, render::svg};
use subtle::ConstantTimeEq;

use super::{BankLinkView, InvoiceView, OrderItemView, OrderView, PaymentView, ReceiptView};
use crate::{
    db::{
        Db, DbError,
        ebarimt::ReceiptRow,
        now_ms,
        orders::{self, OrderRow},
        outbox::MessageKind,
        payments::{self, InvoiceRow},
    },
    domain::{
        Mnt, PaymentState,
        pay_method::{PayMethod, is_own_payment},
    },
    i18n::Lang,
    qpay::BankAppLink,
    ui::{DeliveryView, PriceView},
};

#[derive(Debug, Clone)]
pub struct OrderService {
    db: Db,
    public_url: String,
}

impl OrderService {
    pub fn new(db: Db, public_url: String) -> Self {
        OrderService { db, public_url }
    }

    /// The order's short pay link (`/o/{order_no}/{key}`, `server::routes`): its page with its view key, which opens
    /// in any browser. The shopper's SMS carries the same.
    pub fn pay_link(&self, order_no: &str, view_key: &str) -> String {
        format!("{}/o/{order_no}/{view_key}", self.public_url)
    }

    /// The order if the caller may see it; `None` when there is no such order or they may not: from outside the two
    /// look the same.
    pub async fn find_accessible(
        &self,
        order_no: &str,
        shopper: Option<&str>,
        key: Option<&str>,
    ) -> Result<Option<OrderRow>, DbError> {
        // Anything that is not an order number (a typo, a stranger's probe) is not looked up at all.
        let Ok(order_no) = crate::domain::OrderNo::parse(order_no) else {
            return Ok(None);
        };
        let Some(order) = orders::find_by_no(&self.db, order_no.as_str()).await? else {
            return Ok(None);
        };
        let by_session = shopper.is_some() && order.session_id.as_deref() == shopper;
        let by_key = key.is_some_and(|key| bool::from(key.as_bytes().ct_eq(order.view_key.as_bytes())));
        Ok((by_session || by_key).then_some(order))
    }

    pub async fn state(
        &self,
        order_no: &str,
        shopper: Option<&str>,
        key: Option<&str>,
    ) -> Result<Option<PaymentState>, DbError> {
        let order = self.find_accessible(order_no, shopper, key).await?;
        Ok(order.map(|order| order.payment_state))
    }

    pub async fn view(
        &self,
        order_no: &str,
        shopper: Option<&str>,
        key: Option<&str>,
        lang: Lang,
    ) -> Result<Option<OrderView>, DbError> {
        let Some(order) = self.find_accessible(order_no, shopper, key).await? else {
            return Ok(None);
        };
        let state = order.payment_state;
        let items = orders::items_of(&self.db, order.id).await?;
        let invoice = payments::invoice_of(&self.db, order.id).await?;
        let confirmed = payments::payments_of(&self.db, order.id).await?;
        let delivery = destination(&order, lang);
        let (receipts, receipt_coming) = self.receipts(&order).await?;
        let offline = self.offline_pay(&order, lang).await?;
        let invoice_failed = state.is_payable() && invoice.is_none() && offline.is_none();
        let invoice_pending = state.is_payable() && invoice.as_ref().is_some_and(|i| i.state == "creating");
        let invoice = invoice.filter(|i| i.state == "open").and_then(invoice_view);
        Ok(Some(OrderView {
            offline,
            view_link: format!("{}/orders/{}?key={}", self.public_url, order.order_no, order.view_key),
            key: key.map(str::to_owned),
            state,
            total: order.total,
            price: price_of(&order, lang),
            paid: order.paid,
            items: items
                .into_iter()
                .map(|item| OrderItemView {
                    product_name: item.product_name,
                    variant_name: item.variant_name,
                    unit_price: item.unit_price,
                    quantity: item.quantity,
                    line_total: item.line_total,
                })
                .collect(),
            payments: confirmed
                .into_iter()
                .map(|p| PaymentView {
                    payment_id: p.qpay_payment_id,
                    method: p.method,
                    wallet: p.wallet,
                    amount: p.amount,
                    time: crate::ub_time::clock(p.confirmed_at),
                })
                .collect(),
            invoice,
            invoice_failed,
            invoice_pending,
            last_check_failed: state.is_payable() && payments::last_check_failed(&self.db, order.id).await?,
            receipts: receipts.into_iter().map(receipt_view).collect(),
            receipt_coming,
            order_no: order.order_no,
            customer_name: order.customer_name,
            phone: order.phone,
            delivery,
            note: order.note,
        }))
    }

    /// The order's e-barimt receipts, and whether one is still coming. Receipts come once paid; only then are they
    /// read.
    async fn receipts(&self, order: &OrderRow) -> Result<(Vec<ReceiptRow>, bool), DbError> {
        if order.payment_state != PaymentState::Paid {
            return Ok((Vec::new(), false));
        }
        let mut receipts = crate::db::ebarimt::receipts_of(&self.db, order.id).await?;
        // Of QPay's payments only: one asked for money the shop took itself (before that was left out) was
        // refused, and is nobody's to issue again.
        receipts.retain(|receipt| !is_own_payment(&receipt.payment_id));
        // Coming while the first request is on its way; after a refusal or a lost answer the page stops
        // reloading itself and says so.
        let troubled = receipts
            .iter()
            .any(|r| matches!(r.state.as_str(), "failed" | "unknown"));
        let pending = crate::db::outbox::pending(&self.db, order.id, MessageKind::IssueReceipt).await?;
        Ok((receipts, pending && !troubled))
    }

    /// How the shopper pays an order whose money the shop takes itself; `None` for any other way to pay.
    async fn offline_pay(&self, order: &OrderRow, lang: Lang) -> Result<Option<super::OfflinePay>, DbError> {
        let method = order.pay_method;
        if !method.is_offline() {
            return Ok(None);
        }
        let bank = match method {
            PayMethod::BankTransfer => crate::db::pay_settings::get(&self.db).await?.transfer,
            _ => None,
        };
        Ok(Some(super::OfflinePay {
            method: method.as_str().to_owned(),
            label: method.label(lang).to_owned(),
            bank,
            pay_by: order.pay_by.map(crate::ub_time::clock),
            left: order.total.saturating_sub(order.paid),
        }))
    }
}

/// An open invoice as the order's page shows it; `None` when QPay gave it no QR text.
fn invoice_view(i: InvoiceRow) -> Option<InvoiceView> {
    let qr_text = i.qr_text?;
    let banks: Vec<BankAppLink> = i
        .urls_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    Some(InvoiceView {
        qr_svg: qr_svg(&qr_text),
        qr_image: i.qr_image.unwrap_or_default(),
        short_url: i.short_url,
        banks: banks
            .into_iter()
            .filter(|bank| !bank.link.is_empty())
            .map(|bank| BankLinkView {
                name: bank.description,
                logo: bank.logo,
                link: bank.link,
            })
            .collect(),
        expires_at: crate::ub_time::clock(i.expires_at),
        minutes_left: ((i.expires_at - now_ms()) / 60_000).max(0),
        expired: now_ms() >= i.expires_at,
    })
}

/// An e-barimt receipt as the order's page shows it.
fn receipt_view(r: ReceiptRow) -> ReceiptView {
    ReceiptView {
        qr_svg: r.qr_data.as_deref().map(qr_svg).unwrap_or_default(),
        company: r.receiver.filter(|_| r.receiver_type == "COMPANY"),
        state: r.state,
        lottery: r.lottery,
        qr_data: r.qr_data,
        vat: r.vat_amount.as_deref().map(shown_as_money),
        city_tax: r.city_tax_amount.as_deref().map(shown_as_money),
    }
}

/// Where the order goes, in the shopper's language: a district and khoroo, an aimag and soum, or a pickup point.
pub fn destination(order: &OrderRow, lang: Lang) -> String {
    let address = order.address.as_deref().unwrap_or_default();
    match (
        order.delivery.as_str(),
        &order.district,
        &order.khoroo,
        &order.aimag,
        &order.soum,
    ) {
        ("delivery", Some(district), Some(khoroo), _, _) => {
            let district = crate::domain::District::by_code(district)
                .map_or(district.as_str(), |d| lang.pick(d.name_mn, d.name_en));
            format!("{district}, {khoroo}-{}, {address}", lang.checkout().khoroo_short)
        }
        ("delivery", _, _, Some(aimag), Some(soum)) => {
            let aimag = crate::domain::aimag::AIMAGS
                .iter()
                .find(|a| a.code == aimag)
                .map_or(aimag.as_str(), |a| lang.pick(a.name_mn, a.name_en));
            format!("{aimag}, {soum}, {address}")
        }
        _ => match &order.pickup_point {
            Some(point) => format!("{}: {point}", lang.checkout().pickup_at),
            None => lang.checkout().pickup.to_owned(),
        },
    }
}

/// What the order cost, as frozen when it was placed.
pub fn price_of(order: &OrderRow, lang: Lang) -> PriceView {
    let label = match (order.delivery.as_str(), &order.delivery_zone, &order.pickup_point) {
        (_, Some(zone), _) => zone.clone(),
        (_, None, Some(_)) => lang.checkout().pickup_at.to_owned(),
        // Orders placed before delivery zones existed keep no zone's name.
        ("delivery", None, None) => lang.checkout().delivery_ub.to_owned(),
        _ => lang.checkout().pickup.to_owned(),
    };
    PriceView {
        items: order.items,
        code: order.discount_code.clone(),
        code_problem: None,
        discount: order.discount,
        delivery: Some(DeliveryView {
            label,
            promise: order.delivery_promise.clone().unwrap_or_default(),
            fee: order.delivery_fee,
            waived: order.delivery_waived,
        }),
        total: order.total,
        free_delivery: Vec::new(),
    }
}

/// An amount as QPay writes it (`1136.36`), shown as the shop shows money: `1,136.36₮`.
fn shown_as_money(amount: &str) -> String {
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let Ok(whole) = whole.parse::<i64>().map(Mnt::new) else {
        return amount.to_owned();
    };
    let whole = whole.unwrap_or_default().to_string();
    match fraction {
        "" => whole,
        fraction => format!("{}.{fraction}₮", whole.trim_end_matches('₮')),
    }
}

/// The QR code as an inline SVG, made here from `qr_text` (QPay's PNG is kept as a fallback). The owner's packing
/// slips draw the order number with it too (`admin/slips/`).
pub(crate) fn qr_svg(text: &str) -> String {
    match QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::shown_as_money;

    #[test]
    fn qpays_amounts_are_shown_as_the_shop_shows_money() {
        assert_eq!(shown_as_money("1136.36"), "1,136.36₮");
        assert_eq!(shown_as_money("0.00"), "0.00₮");
        assert_eq!(shown_as_money("2272"), "2,272₮");
        assert_eq!(shown_as_money("n/a"), "n/a", "anything else as it came");
    }
}
