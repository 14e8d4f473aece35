//! Placing an order: in one transaction, the order with a new order number, its items with the prices of the
//! moment taken from the database, and the stock reserved. Placing is idempotent on the checkout form's key: a
//! double click, a refresh or a second tab gets the same order.

use rand::Rng;

use super::{CartLine, CustomerDetails, Delivery};
use crate::cart::MAX_QUANTITY;
use crate::{
    db::{
        Db, DbError, now_ms,
        orders::{self, NewItem, NewOrder},
    },
    domain::{Mnt, OrderNo, ebarimt::Receiver},
    i18n::Lang,
};

/// What a checkout asks for.
pub struct PlaceOrder<'a> {
    /// The checkout form's one-time key: the same key always gives the same order.
    pub idempotency_key: &'a str,
    pub session_id: Option<&'a str>,
    pub customer: &'a CustomerDetails,
    pub lines: &'a [CartLine],
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedOrder {
    pub order_no: OrderNo,
    pub view_key: String,
    pub total: Mnt,
    /// False when the key had placed this order before and nothing new was written.
    pub created: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty")]
    EmptyCart,
    #[error("quantity {0} is not between 1 and 1000")]
    InvalidQuantity(i64),
    #[error("variant {0} is not for sale")]
    UnknownVariant(i64),
    #[error("only {available} left of variant {variant_id}")]
    NotEnoughStock { variant_id: i64, available: i64 },
    #[error("the order total overflows")]
    TotalOverflow,
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(Debug, Clone)]
pub struct CheckoutService {
    db: Db,
}

impl CheckoutService {
    pub fn new(db: Db) -> Self {
        CheckoutService { db }
    }

    #[tracing::instrument(skip_all, fields(lines = request.lines.len()))]
    pub async fn place_order(&self, request: &PlaceOrder<'_>) -> Result<PlacedOrder, CheckoutError> {
        loop {
            let mut tx = self.db.begin_write().await?;
            if let Some(placed) = orders::placed_with_key(&mut tx, request.idempotency_key).await? {
                let order_no = OrderNo::parse(&placed.order_no).expect("stored order numbers are valid");
                let total = Mnt::new(placed.total_mnt).unwrap_or_default();
                return Ok(PlacedOrder {
                    order_no,
                    view_key: placed.view_key,
                    total,
                    created: false,
                });
            }
            // After the key: posting the form again once the order emptied the cart still finds the order.
            if request.lines.is_empty() {
                return Err(CheckoutError::EmptyCart);
            }
            if let Some(line) = request.lines.iter().find(|l| !(1..=MAX_QUANTITY).contains(&l.quantity)) {
                return Err(CheckoutError::InvalidQuantity(line.quantity));
            }
            let mut items = Vec::with_capacity(request.lines.len());
            let mut total = Mnt::ZERO;
            // Rows are locked in variant order, so two carts with the same variants in another order cannot deadlock
            // on PostgreSQL.
            let mut lines = request.lines.to_vec();
            lines.sort_by_key(|line| line.variant_id);
            for line in &lines {
                let variant = orders::variant_for_sale(&mut tx, line.variant_id)
                    .await?
                    .ok_or(CheckoutError::UnknownVariant(line.variant_id))?;
                if !orders::reserve_stock(&mut tx, variant.id, line.quantity).await? {
                    return Err(CheckoutError::NotEnoughStock {
                        variant_id: variant.id,
                        available: variant.stock,
                    });
                }
                let price = Mnt::new(variant.price_mnt).map_err(|_| CheckoutError::TotalOverflow)?;
                let line_total = price
                    .checked_mul(line.quantity)
                    .map_err(|_| CheckoutError::TotalOverflow)?;
                total = total
                    .checked_add(line_total)
                    .map_err(|_| CheckoutError::TotalOverflow)?;
                items.push((variant, line.quantity, line_total));
            }

            let order_no = OrderNo::from_random(rand::rng().random());
            let view_key = crate::random::token(32);
            let callback_token = crate::random::token(32);
            let (delivery, district, khoroo, address) = match &request.customer.delivery {
                Delivery::Pickup => ("pickup", None, None, None),
                Delivery::Ulaanbaatar {
                    district,
                    khoroo,
                    address,
                } => (
                    "delivery",
                    Some(district.as_str()),
                    Some(khoroo.as_str()),
                    Some(address.as_str()),
                ),
            };
            let inserted = orders::insert_order(
                &mut tx,
                &NewOrder {
                    order_no: order_no.as_str(),
                    view_key: &view_key,
                    callback_token: &callback_token,
                    session_id: request.session_id,
                    idempotency_key: request.idempotency_key,
                    customer_name: &request.customer.name,
                    phone: request.customer.phone.as_str(),
                    email: request.customer.email.as_deref(),
                    delivery,
                    district,
                    khoroo,
                    address,
                    note: request.customer.note.as_deref(),
                    lang: request.lang.code(),
                    total_mnt: total.amount(),
                    now_ms: now_ms(),
                    ebarimt_receiver_type: request.customer.receipt.as_ref().map(|r| match r {
                        Receiver::Citizen => "CITIZEN",
                        Receiver::Company(_) => "COMPANY",
                    }),
                    ebarimt_receiver: match &request.customer.receipt {
                        Some(Receiver::Company(register_no)) => Some(register_no.as_str()),
                        _ => None,
                    },
                },
            )
            .await?;
            let Some(order_id) = inserted else {
                // Another checkout with the same key won the race (PostgreSQL), or the order number was taken:
                // start again, which returns that order or draws a new number.
                tx.rollback().await.map_err(DbError::from)?;
                continue;
            };
            for (variant, quantity, line_total) in &items {
                let item = NewItem {
                    variant_id: variant.id,
                    product_name: request.lang.pick(&variant.product_name_mn, &variant.product_name_en),
                    variant_name: request.lang.pick(&variant.variant_name_mn, &variant.variant_name_en),
                    unit_price_mnt: variant.price_mnt,
                    quantity: *quantity,
                    line_total_mnt: line_total.amount(),
                };
                orders::insert_item(&mut tx, order_id, &item).await?;
            }
            tx.commit().await.map_err(DbError::from)?;
            tracing::info!(order_no = %order_no, total = %total, "order placed");
            return Ok(PlacedOrder {
                order_no,
                view_key,
                total,
                created: true,
            });
        }
    }
}
