//! Placing an order: in one transaction, the order with a new order number, its items with the prices of the
//! moment taken from the database, what it costs with its code and delivery (`cart::pricing`, frozen on the order),
//! and the stock reserved. Placing is idempotent on the checkout form's key: a double click, a refresh or a second
//! tab gets the same order.

use rand::Rng;
use sqlx::{Any, Transaction};

use super::{
    Delivery,
    service::{CheckoutError, CheckoutService, PlaceOrder, PlacedOrder},
};
use crate::{
    cart::pricing::{CodeTerms, DeliveryChoice, DeliveryTerms, basket, price_without_code},
    db::{
        DbError, now_ms,
        orders::{self, NewItem, NewOrder},
        stock::ShopLevel,
    },
    domain::{
        Mnt, OrderNo,
        discount::{CodeRefusal, spread},
        draft::discount_fits,
        ebarimt::Receiver,
        notice::Event,
        pay_method::{PayMethod, Route},
        pricing::{CodeKind, DeliveryRate, Priced, price},
    },
    web::client::network_key,
};

/// What an order is placed on, read once before its transaction: an owner's change meanwhile gives this order the
/// old terms or the new ones, whole, and the order keeps what it was charged.
struct Terms {
    delivery: DeliveryTerms,
    /// The zone's rate, or the owner's own fee (the zone still says where it goes and what it promises).
    rate: DeliveryRate,
    code: Option<CodeTerms>,
    /// How long an order paid to the shop itself waits for its money (ms), from when it is placed.
    pay_wait: Option<i64>,
}

/// The order's lines as reserved: each variant with its quantity and its total at today's price.
type Reserved = Vec<(orders::VariantForSale, i64, Mnt)>;

/// What the order costs, and each line's share of its discount.
struct Costed {
    priced: Priced,
    shares: Vec<Mnt>,
}

impl CheckoutService {
    /// Places the order in four steps: its terms, then in one transaction its lines reserved and priced, the order
    /// written, and who is told.
    #[tracing::instrument(skip_all, fields(lines = request.lines.len()))]
    pub async fn place_order(&self, request: &PlaceOrder<'_>) -> Result<PlacedOrder, CheckoutError> {
        // A form posted again finds its order even if its zone or code has changed since.
        if let Some(placed) = orders::placed_with_key(self.db.pool(), request.idempotency_key).await? {
            return Ok(placed_before(placed));
        }
        let terms = self.terms(request).await?;
        loop {
            let mut tx = self.db.begin_write().await?;
            // Before the key is looked up: a second submit of the same form waits here, then finds its order.
            self.lock_holder(&mut tx, request).await?;
            if let Some(placed) = orders::placed_with_key(&mut *tx, request.idempotency_key).await? {
                return Ok(placed_before(placed));
            }
            // After the key: posting the form again once the order emptied the cart still finds the order.
            if request.lines.is_empty() {
                return Err(CheckoutError::EmptyCart);
            }
            // The caps on unpaid stock guard against strangers holding it; the owner's own orders are not capped.
            if request.made_by.is_none() {
                self.check_holds(&mut tx, request).await?;
            }
            let items = reserve(&mut tx, request).await?;
            let costed = cost(&items, &terms, request)?;
            let Some((order_id, placed)) = write(&mut tx, request, &terms, &items, &costed).await? else {
                // Another checkout with the same key won the race (PostgreSQL), or the order number was taken:
                // start again, which returns that order or draws a new number.
                tx.rollback().await.map_err(DbError::from)?;
                continue;
            };
            tell(&mut tx, request, order_id, &costed.priced).await?;
            tx.commit().await.map_err(DbError::from)?;
            tracing::info!(order_no = %placed.order_no, total = %placed.total, "order placed");
            return Ok(placed);
        }
    }

    /// The delivery's terms, the way to pay and the code, as the owner's settings are now.
    async fn terms(&self, request: &PlaceOrder<'_>) -> Result<Terms, CheckoutError> {
        let delivery = self
            .cart
            .delivery_terms(&choice_of(&request.customer.delivery), request.lang)
            .await?
            .map_err(CheckoutError::Delivery)?;
        let pay_settings = crate::db::pay_settings::get(&self.db).await?;
        if !pay_settings.offers(request.pay_method, route_of(&request.customer.delivery)) {
            return Err(CheckoutError::PayMethod(request.pay_method));
        }
        let rate = match request.made_by.and_then(|terms| terms.fee) {
            Some(fee) => DeliveryRate { fee, free_from: None },
            None => delivery.rate,
        };
        let code = match request.discount_code.map(str::trim).filter(|code| !code.is_empty()) {
            Some(code) => Some(
                self.cart
                    .code_terms(code, Some(request.customer.phone.as_str()))
                    .await?
                    .ok_or(CodeRefusal::Unknown)?,
            ),
            None => None,
        };
        Ok(Terms {
            delivery,
            rate,
            code,
            pay_wait: pay_settings.wait_ms(request.pay_method),
        })
    }
}

/// Reserves each line's stock at today's price. Rows are locked in variant order, so two carts with the same
/// variants in another order cannot deadlock on PostgreSQL.
async fn reserve(tx: &mut Transaction<'static, Any>, request: &PlaceOrder<'_>) -> Result<Reserved, CheckoutError> {
    let mut lines = request.lines.to_vec();
    lines.sort_by_key(|line| line.variant_id);
    let mut items = Vec::with_capacity(lines.len());
    // The shop's default low-stock level, read at most once for all the lines rather than once per line.
    let mut shop_level = ShopLevel::default();
    for line in &lines {
        let variant = orders::variant_for_sale(tx, line.variant_id)
            .await?
            .ok_or(CheckoutError::UnknownVariant(line.variant_id))?;
        if !orders::reserve_stock(tx, variant.id, line.quantity.get(), &mut shop_level).await? {
            return Err(CheckoutError::NotEnoughStock {
                variant_id: variant.id,
                available: variant.stock,
            });
        }
        let price = Mnt::new(variant.price_mnt).map_err(|_| CheckoutError::TotalOverflow)?;
        let line_total = price
            .checked_mul(line.quantity.get())
            .map_err(|_| CheckoutError::TotalOverflow)?;
        items.push((variant, line.quantity.get(), line_total));
    }
    Ok(items)
}

/// What the reserved lines cost with the terms: a code's discount, or the owner's own, shared among the lines.
fn cost(items: &Reserved, terms: &Terms, request: &PlaceOrder<'_>) -> Result<Costed, CheckoutError> {
    let priced_lines: Vec<(Mnt, i64, i64)> = items
        .iter()
        .map(|(variant, _, total)| (*total, variant.category_id, variant.product_id))
        .collect();
    let (priced, eligible) = match (&terms.code, request.made_by) {
        (Some(code), _) => code.price(&priced_lines, terms.rate, true)?,
        (None, Some(owner)) if owner.discount > Mnt::ZERO => {
            // The owner's discount is a fixed amount off every line, as a fixed-amount code would be.
            let all = vec![true; priced_lines.len()];
            let basket = basket(&priced_lines, &all).map_err(|_| CheckoutError::TotalOverflow)?;
            if !discount_fits(owner.discount, basket.items) {
                return Err(CheckoutError::DiscountTooLarge { items: basket.items });
            }
            let priced = price(basket, Some(CodeKind::Fixed(owner.discount)), terms.rate)
                .map_err(|_| CheckoutError::TotalOverflow)?;
            (priced, all)
        }
        (None, _) => {
            let priced = price_without_code(&priced_lines, terms.rate).map_err(|_| CheckoutError::TotalOverflow)?;
            (priced, vec![false; priced_lines.len()])
        }
    };
    if priced.total == Mnt::ZERO {
        return Err(CheckoutError::NothingToPay);
    }
    let lines: Vec<(Mnt, bool)> = priced_lines
        .iter()
        .zip(&eligible)
        .map(|((total, _, _), eligible)| (*total, *eligible))
        .collect();
    let shares = spread(priced.discount, &lines);
    Ok(Costed { priced, shares })
}

/// Writes the order under a new number, and its items; `None` when the key or the number was taken meanwhile.
async fn write(
    tx: &mut Transaction<'static, Any>,
    request: &PlaceOrder<'_>,
    terms: &Terms,
    items: &Reserved,
    costed: &Costed,
) -> Result<Option<(i64, PlacedOrder)>, CheckoutError> {
    let Costed { priced, shares } = costed;
    let placed_from = request.placed_from.map(network_key);
    let order_no = OrderNo::from_random(rand::rng().random());
    let view_key = crate::random::token(crate::domain::order::VIEW_KEY_CHARS);
    let callback_token = crate::random::token(32);
    let place = Place::of(&request.customer.delivery);
    let delivery = &terms.delivery;
    let code = terms.code.as_ref();
    let receipt = request.customer.receipt.as_ref();
    // One moment for the order: its time to pay counts from when it is placed.
    let now = now_ms();
    let inserted = orders::insert_order(
        tx,
        &NewOrder {
            order_no: order_no.as_str(),
            view_key: &view_key,
            callback_token: &callback_token,
            session_id: request.session_id,
            idempotency_key: request.idempotency_key,
            customer_name: &request.customer.name,
            phone: request.customer.phone.as_str(),
            email: request.customer.email.as_deref(),
            delivery: place.kind,
            district: place.district,
            khoroo: place.khoroo,
            aimag: place.aimag,
            soum: place.soum,
            address: place.address,
            pickup_point: delivery.pickup_point.as_deref(),
            delivery_zone: (place.kind == "delivery").then_some(delivery.label.as_str()),
            delivery_promise: Some(delivery.promise.as_str()).filter(|promise| !promise.is_empty()),
            note: request.customer.note.as_deref(),
            lang: request.lang.code(),
            items_mnt: priced.items.amount(),
            discount_mnt: priced.discount.amount(),
            discount_code: code.map(|code| code.code.as_str()),
            discount_code_id: code.map(|code| code.id),
            delivery_mnt: priced.delivery.amount(),
            delivery_waived_mnt: priced.delivery_waived.amount(),
            total_mnt: priced.total.amount(),
            now_ms: now,
            ebarimt_receiver_type: receipt.map(|r| match r {
                Receiver::Citizen => "CITIZEN",
                Receiver::Company(_) => "COMPANY",
            }),
            ebarimt_receiver: match receipt {
                Some(Receiver::Company(register_no)) => Some(register_no.as_str()),
                _ => None,
            },
            placed_from: placed_from.as_deref(),
            payment_method: request.pay_method.as_str(),
            made_by: request.made_by.map(|owner| owner.by),
            discount_reason: request.made_by.and_then(|owner| owner.reason),
            pay_by: terms.pay_wait.map(|wait| now + wait),
        },
    )
    .await?;
    let Some(order_id) = inserted else {
        return Ok(None);
    };
    for ((variant, quantity, line_total), discount) in items.iter().zip(shares) {
        let item = NewItem {
            variant_id: variant.id,
            product_name: request.lang.pick(&variant.product_name_mn, &variant.product_name_en),
            variant_name: request.lang.pick(&variant.variant_name_mn, &variant.variant_name_en),
            unit_price_mnt: variant.price_mnt,
            quantity: *quantity,
            line_total_mnt: line_total.amount(),
            discount_mnt: discount.amount(),
        };
        orders::insert_item(tx, order_id, &item).await?;
    }
    let placed = PlacedOrder {
        order_no,
        view_key,
        total: priced.total,
        created: true,
    };
    Ok(Some((order_id, placed)))
}

/// Who hears of the new order, in its transaction. The shopper gets the pay link by SMS, in case the page is closed
/// before paying; an order the owner made is sent when the owner says so ("send by SMS"), as the customer may be
/// paying in the chat.
async fn tell(
    tx: &mut Transaction<'static, Any>,
    request: &PlaceOrder<'_>,
    order_id: i64,
    priced: &Priced,
) -> Result<(), DbError> {
    match request.made_by {
        None => {
            crate::db::outbox::enqueue_notice(tx, order_id, Event::Placed, now_ms()).await?;
            if request.pay_method != PayMethod::Qpay {
                // Such an order waits for the shop, not for QPay: the owner hears of it now, or it expires unseen.
                crate::db::outbox::enqueue_notice(tx, order_id, Event::NewOfflineOrder, now_ms()).await?;
                let kind = crate::db::outbox::MessageKind::NotifyOwnerPlaced;
                crate::db::outbox::enqueue(&mut **tx, order_id, kind, now_ms()).await?;
            }
        }
        Some(owner) => {
            let what = match owner.reason {
                Some(reason) => format!("made by the owner; {} off: {reason}", priced.discount),
                None => "made by the owner".to_owned(),
            };
            crate::db::timeline::record_by(&mut **tx, order_id, "made", &what, owner.by).await?;
        }
    }
    Ok(())
}

/// An order the form's key placed before: nothing new is written.
fn placed_before(placed: orders::PlacedRow) -> PlacedOrder {
    PlacedOrder {
        order_no: OrderNo::parse(&placed.order_no).expect("stored order numbers are valid"),
        view_key: placed.view_key,
        total: placed.total,
        created: false,
    }
}

/// The delivery choice a checked form makes.
fn choice_of(delivery: &Delivery) -> DeliveryChoice {
    match delivery {
        Delivery::Pickup { point_id } => DeliveryChoice::Pickup { point_id: *point_id },
        Delivery::Ulaanbaatar { district, khoroo, .. } => DeliveryChoice::City {
            district: district.clone(),
            // The form checked it is 1 to 45.
            khoroo: khoroo.parse().unwrap_or(0),
        },
        Delivery::Countryside { aimag, .. } => DeliveryChoice::Countryside { aimag: aimag.clone() },
    }
}

/// Where the order goes, as a way to pay cares.
fn route_of(delivery: &Delivery) -> Route {
    match delivery {
        Delivery::Pickup { .. } => Route::Pickup,
        Delivery::Ulaanbaatar { .. } => Route::City,
        Delivery::Countryside { .. } => Route::Countryside,
    }
}

/// Where the order goes, as its row stores it: `delivery` (an Ulaanbaatar district and khoroo, or an aimag and
/// soum) or `pickup`.
struct Place<'a> {
    kind: &'static str,
    district: Option<&'a str>,
    khoroo: Option<&'a str>,
    aimag: Option<&'a str>,
    soum: Option<&'a str>,
    address: Option<&'a str>,
}

impl<'a> Place<'a> {
    fn of(delivery: &'a Delivery) -> Place<'a> {
        let none = Place {
            kind: "pickup",
            district: None,
            khoroo: None,
            aimag: None,
            soum: None,
            address: None,
        };
        match delivery {
            Delivery::Pickup { .. } => none,
            Delivery::Ulaanbaatar {
                district,
                khoroo,
                address,
            } => Place {
                kind: "delivery",
                district: Some(district),
                khoroo: Some(khoroo),
                address: Some(address),
                ..none
            },
            Delivery::Countryside { aimag, soum, address } => Place {
                kind: "delivery",
                aimag: Some(aimag),
                soum: Some(soum),
                address: Some(address),
                ..none
            },
        }
    }
}
