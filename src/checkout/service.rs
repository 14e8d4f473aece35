//! The checkout service: the checkout page's data, and a submitted form checked (fields, order limits), placed
//! and sent on to its invoice. Placing an order: in one transaction, the order with a new order number, its items with the prices of the
//! moment taken from the database, and the stock reserved. Placing is idempotent on the checkout form's key: a
//! double click, a refresh or a second tab gets the same order.

use std::net::IpAddr;

use rand::Rng;
use sqlx::{Any, Transaction};

use super::{
    CheckoutAttempt, CheckoutPageData, CustomerDetails, Delivery,
    form::{CheckoutForm, FieldErrors},
};
use crate::{
    cart::service::CartService,
    db::{
        Db, DbError, now_ms,
        orders::{self, NewItem, NewOrder},
    },
    domain::{
        CartLine, Mnt, OrderNo,
        ebarimt::Receiver,
        holds::{HoldLimits, HoldRefusal},
    },
    i18n::Lang,
    limits::{PLACE_ORDER_PER_ADDRESS, PLACE_ORDER_PER_SHOPPER},
    payment::service::PaymentService,
    web::client::network_key,
};

/// What a checkout asks for.
pub struct PlaceOrder<'a> {
    /// The checkout form's one-time key: the same key always gives the same order.
    pub idempotency_key: &'a str,
    pub session_id: Option<&'a str>,
    pub customer: &'a CustomerDetails,
    pub lines: &'a [CartLine],
    pub lang: Lang,
    /// The network address the order comes from, when known: its unpaid orders' stock is capped.
    pub placed_from: Option<IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedOrder {
    pub order_no: OrderNo,
    pub view_key: String,
    pub total: Mnt,
    /// False when the key had placed this order before and nothing new was written.
    pub created: bool,
}

/// A checkout form as posted, with what the request knows of who sent it.
pub struct Submission {
    pub form: CheckoutForm,
    /// The form's one-time key (already checked to be of the shape this site hands out).
    pub key: String,
    pub lines: Vec<CartLine>,
    pub shopper: String,
    pub address: Option<IpAddr>,
    pub lang: Lang,
}

/// What came of a submitted checkout form.
#[derive(Debug)]
pub enum Submitted {
    /// The order exists (`created` is false when the key had placed it before); its invoice has been asked for.
    Placed {
        order_no: OrderNo,
        created: bool,
    },
    EmptyCart,
    /// Back to the checkout page with the form as typed, its field errors or a notice about the whole order.
    SentBack(Box<CheckoutAttempt>),
}

#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty")]
    EmptyCart,
    #[error("variant {0} is not for sale")]
    UnknownVariant(i64),
    #[error("only {available} left of variant {variant_id}")]
    NotEnoughStock { variant_id: i64, available: i64 },
    #[error("the order total overflows")]
    TotalOverflow,
    #[error(transparent)]
    Held(#[from] HoldRefusal),
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(Debug, Clone)]
pub struct CheckoutService {
    db: Db,
    cart: CartService,
    payments: PaymentService,
    holds: HoldLimits,
}

impl CheckoutService {
    pub fn new(db: Db, cart: CartService, payments: PaymentService, holds: HoldLimits) -> Self {
        CheckoutService {
            db,
            cart,
            payments,
            holds,
        }
    }

    fn issues_receipts(&self) -> bool {
        self.payments.settings().ebarimt.is_some()
    }

    /// The checkout page with the cart at today's prices and an empty form
    /// ([`CheckoutPageData::with_attempt`] puts back what the shopper sent last).
    pub async fn page(&self, lines: &[CartLine], key: String, lang: Lang) -> Result<CheckoutPageData, DbError> {
        Ok(CheckoutPageData {
            cart: self.cart.view(lines, lang).await?,
            form: CheckoutForm::default(),
            errors: FieldErrors::new(),
            notice: None,
            key,
            ebarimt: self.issues_receipts(),
        })
    }

    /// Checks the form and the order limits, places the order and asks for its invoice; or says what to fix.
    #[tracing::instrument(skip_all, fields(lines = submission.lines.len()))]
    pub async fn submit(&self, submission: Submission) -> Result<Submitted, DbError> {
        let Submission {
            mut form,
            key,
            lines,
            shopper,
            address,
            lang,
        } = submission;
        if !self.issues_receipts() {
            // Without e-barimt the form has no receipt choice; a stray one is not an error the shopper can fix.
            form.receipt.clear();
            form.register_no.clear();
        }
        let sent_back =
            |form, errors, notice| Ok(Submitted::SentBack(Box::new(CheckoutAttempt { form, errors, notice })));
        let customer = match form.validate() {
            Ok(customer) => customer,
            Err(errors) => return sent_back(form, errors, None),
        };
        if !self.within_order_limits(&shopper, address).await? {
            let notice = lang.strings().checkout_too_many.to_owned();
            return sent_back(form, FieldErrors::new(), Some(notice));
        }
        let request = PlaceOrder {
            idempotency_key: &key,
            session_id: Some(&shopper),
            customer: &customer,
            lines: &lines,
            lang,
            placed_from: address,
        };
        match self.place_order(&request).await {
            Ok(placed) => {
                // The order is saved; if QPay fails now, its page says so and offers "try again".
                if let Err(error) = self.payments.ensure_invoice(placed.order_no.as_str()).await {
                    tracing::error!(%error, "could not record the invoice attempt");
                }
                Ok(Submitted::Placed {
                    order_no: placed.order_no,
                    created: placed.created,
                })
            }
            Err(CheckoutError::Db(error)) => Err(error),
            Err(CheckoutError::EmptyCart) => Ok(Submitted::EmptyCart),
            Err(refused) => sent_back(form, FieldErrors::new(), Some(refused_message(&refused, lang))),
        }
    }

    /// Whether this shopper, and the address they come from, may place another order now.
    async fn within_order_limits(&self, shopper: &str, address: Option<IpAddr>) -> Result<bool, DbError> {
        let by_shopper = PLACE_ORDER_PER_SHOPPER.allow(&self.db, shopper).await?;
        let by_address = match address {
            Some(address) => PLACE_ORDER_PER_ADDRESS.allow(&self.db, &network_key(address)).await?,
            None => true,
        };
        Ok(by_shopper && by_address)
    }

    #[tracing::instrument(skip_all, fields(lines = request.lines.len()))]
    pub async fn place_order(&self, request: &PlaceOrder<'_>) -> Result<PlacedOrder, CheckoutError> {
        loop {
            let mut tx = self.db.begin_write().await?;
            // Before the key is looked up: a second submit of the same form waits here, then finds its order.
            self.lock_holder(&mut tx, request).await?;
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
            self.check_holds(&mut tx, request).await?;
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
                if !orders::reserve_stock(&mut tx, variant.id, line.quantity.get()).await? {
                    return Err(CheckoutError::NotEnoughStock {
                        variant_id: variant.id,
                        available: variant.stock,
                    });
                }
                let price = Mnt::new(variant.price_mnt).map_err(|_| CheckoutError::TotalOverflow)?;
                let line_total = price
                    .checked_mul(line.quantity.get())
                    .map_err(|_| CheckoutError::TotalOverflow)?;
                total = total
                    .checked_add(line_total)
                    .map_err(|_| CheckoutError::TotalOverflow)?;
                items.push((variant, line.quantity.get(), line_total));
            }

            let placed_from = request.placed_from.map(network_key);
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
                    placed_from: placed_from.as_deref(),
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

impl CheckoutService {
    /// Locks this shopper's phone number and address for the transaction, so one shopper's checkouts at once run
    /// one after the other and count each other's held stock; taken phone first, then address, then (placing)
    /// variants in id order, the same in every checkout.
    async fn lock_holder(&self, tx: &mut Transaction<'static, Any>, request: &PlaceOrder<'_>) -> Result<(), DbError> {
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
    async fn check_holds(
        &self,
        tx: &mut Transaction<'static, Any>,
        request: &PlaceOrder<'_>,
    ) -> Result<(), CheckoutError> {
        let held_by_phone = orders::units_held_by_phone(tx, request.customer.phone.as_str()).await?;
        let held_from = match request.placed_from {
            Some(address) => Some(orders::units_held_from(tx, &network_key(address)).await?),
            None => None,
        };
        Ok(self.holds.check(request.lines, held_by_phone, held_from)?)
    }
}

fn refused_message(error: &CheckoutError, lang: Lang) -> String {
    let strings = lang.strings();
    match error {
        CheckoutError::Held(refusal) => match *refusal {
            HoldRefusal::PerItem { max, .. } => strings.checkout_cap_item.replace("{max}", &max.to_string()),
            HoldRefusal::PerOrder { max } => strings.checkout_cap_order.replace("{max}", &max.to_string()),
            HoldRefusal::PerPhone { held, max } => strings
                .checkout_cap_held
                .replace("{held}", &held.to_string())
                .replace("{max}", &max.to_string()),
            HoldRefusal::PerAddress { held, max } => strings
                .checkout_cap_held_from
                .replace("{held}", &held.to_string())
                .replace("{max}", &max.to_string()),
        },
        CheckoutError::NotEnoughStock { available, .. } => strings
            .checkout_stock_changed
            .replace("{available}", &available.to_string()),
        _ => strings.checkout_cart_changed.to_owned(),
    }
}
