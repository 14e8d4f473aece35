//! Reading an order for its page, with the access rule: the session that placed it, or its view key.

use subtle::ConstantTimeEq;

use super::{OrderItemView, OrderView};
use crate::{
    checkout::form::DISTRICTS,
    db::{Db, DbError, orders},
    domain::{Mnt, PaymentState},
    i18n::Lang,
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

    /// `None` when there is no such order or the caller may not see it: the two look the same from outside.
    pub async fn view(
        &self,
        order_no: &str,
        shopper: Option<&str>,
        key: Option<&str>,
        lang: Lang,
    ) -> Result<Option<OrderView>, DbError> {
        let Some(order) = orders::find_by_no(&self.db, &order_no.to_ascii_uppercase()).await? else {
            return Ok(None);
        };
        let by_session = shopper.is_some() && order.session_id.as_deref() == shopper;
        let by_key = key.is_some_and(|key| bool::from(key.as_bytes().ct_eq(order.view_key.as_bytes())));
        if !(by_session || by_key) {
            return Ok(None);
        }
        let items = orders::items_of(&self.db, order.id).await?;
        let strings = lang.strings();
        let delivery = match (order.delivery.as_str(), &order.district, &order.khoroo, &order.address) {
            ("delivery", Some(district), Some(khoroo), Some(address)) => {
                let district = DISTRICTS
                    .iter()
                    .find(|d| d.0 == district)
                    .map_or(district.as_str(), |d| lang.pick(d.1, d.2));
                format!("{district}, {khoroo}-{}, {address}", strings.khoroo_short)
            }
            _ => strings.pickup.to_owned(),
        };
        Ok(Some(OrderView {
            view_link: format!("{}/orders/{}?key={}", self.public_url, order.order_no, order.view_key),
            state: PaymentState::parse(&order.payment_state).unwrap_or(PaymentState::AwaitingPayment),
            total: Mnt::new(order.total_mnt).unwrap_or_default(),
            paid: Mnt::new(order.paid_mnt).unwrap_or_default(),
            order_no: order.order_no,
            items: items
                .into_iter()
                .map(|item| OrderItemView {
                    product_name: item.product_name,
                    variant_name: item.variant_name,
                    unit_price: Mnt::new(item.unit_price_mnt).unwrap_or_default(),
                    quantity: item.quantity,
                    line_total: Mnt::new(item.line_total_mnt).unwrap_or_default(),
                })
                .collect(),
            customer_name: order.customer_name,
            phone: order.phone,
            delivery,
            note: order.note,
        }))
    }
}
