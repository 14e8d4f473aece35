//! The checkout service: the checkout page's data, and a submitted form checked (fields, order limits), placed
//! (`place.rs`) and sent on to its invoice.

use std::net::IpAddr;

use super::{
    CheckoutAttempt, CheckoutPageData, CustomerDetails, PickupChoice,
    form::{CheckoutForm, Field, FieldError, FieldErrors},
};
use crate::{
    cart::{CartView, pricing::DeliveryRefusal, service::CartService},
    db::{Db, DbError},
    domain::{
        CartLine, Mnt, OrderNo,
        discount::CodeRefusal,
        holds::{HoldLimits, HoldRefusal},
        pay_method::PayMethod,
    },
    i18n::Lang,
    limits::{PLACE_ORDER_PER_ADDRESS, PLACE_ORDER_PER_SHOPPER},
    payment::service::PaymentService,
    ui::PriceView,
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
    /// The discount code the shopper typed, if any.
    pub discount_code: Option<&'a str>,
    /// How the shopper pays: QPay, or a way the shop offers beside it (`/admin/payments`).
    pub pay_method: PayMethod,
    /// For an order the owner makes for a customer (`/admin/orders/new`): who, and their own terms.
    pub made_by: Option<OwnerTerms<'a>>,
}

/// What the owner may set on an order they make, beside what a shopper's checkout reads from the database.
#[derive(Debug, Clone, Copy)]
pub struct OwnerTerms<'a> {
    /// The account that made it (the timeline and the order say who).
    pub by: &'a str,
    /// A delivery fee typed by hand instead of the zone's (`None`: the zone's, as at checkout).
    pub fee: Option<Mnt>,
    /// Taken off the items, with its reason; at most the items' sum. No discount code goes with it.
    pub discount: Mnt,
    pub reason: Option<&'a str>,
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
    #[error("the shop does not deliver there: {0:?}")]
    Delivery(DeliveryRefusal),
    /// The way to pay is off, or does not fit where the order goes (cash on delivery to a pickup point).
    #[error("the shop does not take {0:?} for this order")]
    PayMethod(PayMethod),
    #[error(transparent)]
    Code(#[from] CodeRefusal),
    /// The owner's discount on an order they make is more than its items cost.
    #[error("a discount of more than the items' {items}")]
    DiscountTooLarge { items: Mnt },
    /// A code would leave nothing to pay, and QPay cannot take an invoice of 0₮.
    #[error("nothing to pay")]
    NothingToPay,
    #[error(transparent)]
    Held(#[from] HoldRefusal),
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(Debug, Clone)]
pub struct CheckoutService {
    pub(super) db: Db,
    pub(super) cart: CartService,
    payments: PaymentService,
    pub(super) holds: HoldLimits,
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

    /// The checkout page with the cart at today's prices, priced with the form's delivery choice and code
    /// ([`CheckoutPageData::with_attempt`] puts back the rest of what the shopper sent last).
    pub async fn page(
        &self,
        lines: &[CartLine],
        key: String,
        form: &CheckoutForm,
        lang: Lang,
    ) -> Result<CheckoutPageData, DbError> {
        let cart = self.cart.view(lines, lang).await?;
        let price = self.price_of(&cart, form, lang).await?;
        let pickup_points = self.pickup_choices(lang).await?;
        Ok(CheckoutPageData {
            cart,
            price,
            pickup_points,
            form: CheckoutForm::default(),
            errors: FieldErrors::new(),
            notice: None,
            key,
            ebarimt: self.issues_receipts(),
            pay_methods: self.pay_methods(lang).await?,
        })
    }

    /// The pickup points, each with its name, address and opening hours.
    pub async fn pickup_choices(&self, lang: Lang) -> Result<Vec<PickupChoice>, DbError> {
        Ok(crate::db::delivery::pickup_points(&self.db)
            .await?
            .into_iter()
            .map(|point| PickupChoice {
                id: point.id,
                label: format!(
                    "{} — {} ({})",
                    lang.pick(&point.name_mn, &point.name_en),
                    lang.pick(&point.address_mn, &point.address_en),
                    lang.pick(&point.hours_mn, &point.hours_en)
                ),
            })
            .collect())
    }

    /// The ways to pay that are on, as checkout offers them.
    pub async fn pay_methods(&self, lang: Lang) -> Result<Vec<(String, String)>, DbError> {
        let settings = crate::db::pay_settings::get(&self.db).await?;
        Ok(PayMethod::ALL
            .into_iter()
            .filter(|method| settings.is_on(*method))
            .map(|method| (method.as_str().to_owned(), method.label(lang).to_owned()))
            .collect())
    }

    /// What the cart's lines cost with the form's delivery choice and code, at today's prices.
    pub async fn quote(&self, lines: &[CartLine], form: &CheckoutForm, lang: Lang) -> Result<PriceView, DbError> {
        let cart = self.cart.view(lines, lang).await?;
        self.price_of(&cart, form, lang).await
    }

    async fn price_of(&self, cart: &CartView, form: &CheckoutForm, lang: Lang) -> Result<PriceView, DbError> {
        let choice = form.delivery_form().choice();
        // No phone: a quote must not tell whoever asks whether a number has used a code (placing checks it).
        self.cart
            .price_view(
                &cart.priced_lines(),
                Some(form.discount_code.as_str()),
                None,
                choice.as_ref(),
                lang,
            )
            .await
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
            let notice = lang.checkout().too_many.to_owned();
            return sent_back(form, FieldErrors::new(), Some(notice));
        }
        let Some(pay_method) = form.pay_method() else {
            return sent_back(form, vec![(Field::PayMethod, FieldError::PayMethodUnavailable)], None);
        };
        let discount_code = form.discount_code.trim().to_owned();
        let request = PlaceOrder {
            idempotency_key: &key,
            session_id: Some(&shopper),
            customer: &customer,
            lines: &lines,
            lang,
            placed_from: address,
            discount_code: Some(discount_code.as_str()).filter(|code| !code.is_empty()),
            pay_method,
            made_by: None,
        };
        match self.place_and_invoice(&request).await {
            Ok(placed) => Ok(Submitted::Placed {
                order_no: placed.order_no,
                created: placed.created,
            }),
            Err(CheckoutError::Db(error)) => Err(error),
            Err(CheckoutError::EmptyCart) => Ok(Submitted::EmptyCart),
            Err(refused) => {
                let (errors, notice) = refusal(&refused, lang);
                sent_back(form, errors, notice)
            }
        }
    }

    /// The number of the order this form's key placed already, if any.
    pub async fn placed_with(&self, key: &str) -> Result<Option<String>, DbError> {
        let placed = crate::db::orders::placed_with_key(self.db.pool(), key).await?;
        Ok(placed.map(|placed| placed.order_no))
    }

    /// Places the order and asks for its invoice: the shopper's checkout and the order the owner makes.
    pub async fn place_and_invoice(&self, request: &PlaceOrder<'_>) -> Result<PlacedOrder, CheckoutError> {
        let placed = self.place_order(request).await?;
        // The order is saved; if QPay fails now, its page says so and offers "try again". (An order paid to the shop
        // itself gets no invoice.)
        if let Err(error) = self.payments.ensure_invoice(placed.order_no.as_str()).await {
            tracing::error!(%error, "could not record the invoice attempt");
        }
        Ok(placed)
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
}

/// What to tell whoever placed the order when it was refused: a field's error, or a notice about the whole order.
pub fn refusal(refused: &CheckoutError, lang: Lang) -> (FieldErrors, Option<String>) {
    let error = match refused {
        CheckoutError::Delivery(refusal) => match refusal {
            DeliveryRefusal::NoZone => (Field::District, FieldError::NoZone),
            DeliveryRefusal::NoCountryside => (Field::Aimag, FieldError::NoCountryside),
            DeliveryRefusal::UnknownPickupPoint => (Field::PickupPoint, FieldError::UnknownPickupPoint),
        },
        CheckoutError::PayMethod(_) => (Field::PayMethod, FieldError::PayMethodUnavailable),
        CheckoutError::Code(refusal) => (Field::DiscountCode, FieldError::Code(*refusal)),
        refused => return (FieldErrors::new(), Some(refused_message(refused, lang))),
    };
    (vec![error], None)
}

fn refused_message(error: &CheckoutError, lang: Lang) -> String {
    match error {
        CheckoutError::Held(refusal) => match *refusal {
            HoldRefusal::PerItem { max, .. } => lang.checkout().cap_item.replace("{max}", &max.to_string()),
            HoldRefusal::PerOrder { max } => lang.checkout().cap_order.replace("{max}", &max.to_string()),
            HoldRefusal::PerPhone { held, max } => lang
                .checkout()
                .cap_held
                .replace("{held}", &held.to_string())
                .replace("{max}", &max.to_string()),
            HoldRefusal::PerAddress { held, max } => lang
                .checkout()
                .cap_held_from
                .replace("{held}", &held.to_string())
                .replace("{max}", &max.to_string()),
            HoldRefusal::OfflinePerPhone { max } | HoldRefusal::OfflinePerAddress { max } => {
                lang.checkout().cap_offline.replace("{max}", &max.to_string())
            }
        },
        CheckoutError::NotEnoughStock { available, .. } => lang
            .checkout()
            .stock_changed
            .replace("{available}", &available.to_string()),
        CheckoutError::NothingToPay => lang.checkout().nothing_to_pay.to_owned(),
        CheckoutError::DiscountTooLarge { items } => lang
            .checkout()
            .discount_too_large
            .replace("{items}", &items.to_string()),
        _ => lang.checkout().cart_changed.to_owned(),
    }
}
