//! The owner's draft order: its lines kept in the owner's session (checked like a cart's), the page's search, and
//! placing it through the shopper's checkout with the owner's terms.

use super::{DraftAttempt, DraftLine, DraftPageData, FoundVariant, PayLink, form::DraftTermsForm};
use crate::{
    admin::{Account, service::AdminService},
    cart::{
        CartNotice,
        service::{CartError, CartService},
    },
    checkout::{
        CustomerDetails,
        form::{CheckoutForm, Field, FieldError},
        service::{CheckoutError, CheckoutService, OwnerTerms, PlaceOrder, refusal},
    },
    db::{Db, DbError, now_ms, orders::OrderRow, outbox, products, timeline},
    domain::{
        CartLine, OrderNo, PaymentState,
        draft::{DraftTerms, FOUND_MAX, QUERY_MAX, matches, pay_text, query_of},
        notice::{Channel, Event},
        staff::Duty,
    },
    error::AppError,
    i18n::Lang,
    messaging::Messenger,
    web::{Kept, VisitorSession},
};

const LINES: Kept<Vec<CartLine>> = Kept::new("admin_draft_lines");
const KEY: Kept<String> = Kept::new("admin_draft_key");

/// The draft this session is building: its lines, and the key that makes posting it twice one order.
pub struct Draft {
    session: VisitorSession,
    lines: Vec<CartLine>,
}

impl Draft {
    pub async fn of(session: &VisitorSession) -> Result<Draft, AppError> {
        Ok(Draft {
            session: session.clone(),
            lines: session.recall(&LINES).await?.unwrap_or_default(),
        })
    }

    async fn key(&self) -> Result<String, AppError> {
        if let Some(key) = self.session.recall(&KEY).await? {
            return Ok(key);
        }
        let key = crate::random::token(32);
        self.session.remember(&KEY, &key).await?;
        Ok(key)
    }

    /// After its order is placed: an empty draft and a new key for the next one.
    pub async fn clear(&self) -> Result<(), AppError> {
        self.session.forget(&LINES).await?;
        self.session.forget(&KEY).await
    }
}

/// What came of placing a draft.
pub enum Placed {
    Order { order_no: OrderNo, created: bool },
    SentBack(Box<DraftAttempt>),
}

/// Where adding a variant returns to: the page, with the search as it was.
pub fn back_to(typed: &str) -> String {
    let typed: String = typed.trim().chars().take(QUERY_MAX).collect();
    if typed.is_empty() {
        return "/admin/orders/new".to_owned();
    }
    format!("/admin/orders/new?q={}", crate::admin::pages::encode(&typed))
}

#[derive(Debug, Clone)]
pub struct DraftService {
    db: Db,
    cart: CartService,
    checkout: CheckoutService,
    messenger: Messenger,
}

impl DraftService {
    pub fn new(db: Db, cart: CartService, checkout: CheckoutService, messenger: Messenger) -> Self {
        DraftService {
            db,
            cart,
            checkout,
            messenger,
        }
    }

    /// The page: the draft at today's prices, what the search finds, and the form as last sent.
    pub async fn page(
        &self,
        who: Account,
        draft: &Draft,
        typed: &str,
        mut attempt: DraftAttempt,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<DraftPageData, AppError> {
        let cart = self.cart.view(&draft.lines, lang).await?;
        let lines = cart
            .lines
            .into_iter()
            .map(|line| DraftLine {
                variant_id: line.variant_id,
                name: format!("{} ({})", line.product_name, line.variant_name),
                quantity: line.quantity,
                line_total: line.line_total,
                stock: line.stock,
            })
            .collect();
        for (field, default) in [
            (&mut attempt.form.delivery, "delivery"),
            (&mut attempt.form.pay_method, "qpay"),
        ] {
            if field.is_empty() {
                *field = default.to_owned();
            }
        }
        Ok(DraftPageData {
            who,
            query: typed.trim().to_owned(),
            found: self.search(typed, lang).await?,
            lines,
            items: cart.total,
            attempt,
            key: draft.key().await?,
            pickup_points: self.checkout.pickup_choices(lang).await?,
            pay_methods: self.checkout.pay_methods(lang).await?,
            notice,
        })
    }

    /// The variants on sale whose names (in either language) or SKU hold every word typed; none for no query.
    async fn search(&self, typed: &str, lang: Lang) -> Result<Vec<FoundVariant>, DbError> {
        let query = query_of(typed);
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        Ok(products::variants_on_sale(&self.db)
            .await?
            .into_iter()
            .filter(|v| {
                let fields = [
                    v.sku.as_str(),
                    &v.product_name_mn,
                    &v.product_name_en,
                    &v.variant_name_mn,
                    &v.variant_name_en,
                ];
                matches(&query, &fields)
            })
            .take(FOUND_MAX)
            .map(|v| FoundVariant {
                name: format!(
                    "{} ({})",
                    lang.pick(&v.product_name_mn, &v.product_name_en),
                    lang.pick(&v.variant_name_mn, &v.variant_name_en)
                ),
                variant_id: v.variant_id,
                sku: v.sku,
                price: v.price,
                stock: v.stock,
            })
            .collect())
    }

    /// Adds `quantity` of a variant to the draft (`add`), or sets its line to it (0 takes it out), checked as a
    /// cart's line is (on sale, in stock, 1 to 1,000); what came of it, in the owner's language.
    pub async fn change(
        &self,
        draft: &Draft,
        variant_id: &str,
        quantity: &str,
        add: bool,
        lang: Lang,
    ) -> Result<String, AppError> {
        let (Ok(variant_id), Ok(quantity)) = (variant_id.trim().parse::<i64>(), quantity.trim().parse::<i64>()) else {
            return Ok(CartNotice::InvalidQuantity.text(lang));
        };
        let lines = draft.lines.clone();
        let changed = if add {
            self.cart.add(lines, variant_id, quantity, lang).await
        } else {
            self.cart.set(lines, variant_id, quantity, lang).await
        };
        let notice = match changed {
            Ok((lines, notice)) => {
                draft.session.remember(&LINES, &lines).await?;
                notice
            }
            Err(CartError::Refused(notice)) => notice,
            Err(CartError::Db(error)) => return Err(error.into()),
        };
        Ok(match notice {
            CartNotice::Added => lang.admin().draft_added.to_owned(),
            CartNotice::Updated => lang.admin().draft_updated.to_owned(),
            CartNotice::Removed => lang.admin().draft_removed.to_owned(),
            refused => refused.text(lang),
        })
    }

    /// Places the draft for the account `who` (the same checkout a shopper's cart goes through, with the owner's
    /// fee, discount and reason) and asks for its invoice; or the form back with every problem, nothing written.
    pub async fn place(
        &self,
        who: &Account,
        draft: &Draft,
        key: &str,
        form: CheckoutForm,
        terms: DraftTermsForm,
        lang: Lang,
    ) -> Result<Placed, AppError> {
        // Only a key of the shape this page hands out; anything else means "this draft's key".
        let key = if key.len() == 32 && key.chars().all(|c| c.is_ascii_alphanumeric()) {
            key.to_owned()
        } else {
            draft.key().await?
        };
        let mut form = form;
        // No e-barimt choice on the owner's form: a citizen's receipt, as checkout gives by default.
        form.receipt.clear();
        form.register_no.clear();
        form.discount_code.clear();
        let back = |form, terms, errors, term_errors, notice| {
            Ok(Placed::SentBack(Box::new(DraftAttempt {
                form,
                terms,
                errors,
                term_errors,
                notice,
            })))
        };
        let (customer, parsed): (CustomerDetails, DraftTerms) = match (form.validate(), terms.parse()) {
            (Ok(customer), Ok(parsed)) => (customer, parsed),
            (customer, parsed) => {
                let errors = customer.err().unwrap_or_default();
                return back(form, terms, errors, parsed.err().unwrap_or_default(), None);
            }
        };
        let Some(pay_method) = form.pay_method() else {
            let errors = vec![(Field::PayMethod, FieldError::PayMethodUnavailable)];
            return back(form, terms, errors, Vec::new(), None);
        };
        let request = PlaceOrder {
            idempotency_key: &key,
            session_id: None,
            customer: &customer,
            lines: &draft.lines,
            lang,
            placed_from: None,
            discount_code: None,
            pay_method,
            made_by: Some(OwnerTerms {
                by: &who.email,
                fee: parsed.fee,
                discount: parsed.discount,
                reason: parsed.reason.as_deref(),
            }),
        };
        match self.checkout.place_and_invoice(&request).await {
            Ok(placed) => Ok(Placed::Order {
                order_no: placed.order_no,
                created: placed.created,
            }),
            Err(CheckoutError::Db(error)) => Err(error.into()),
            Err(CheckoutError::EmptyCart) => {
                let empty = lang.admin().draft_empty;
                back(form, terms, Vec::new(), Vec::new(), Some(empty.to_owned()))
            }
            Err(refused) => {
                let (errors, notice) = refusal(&refused, lang);
                back(form, terms, errors, Vec::new(), notice)
            }
        }
    }

    /// Has the outbox send the order's pay link to its phone (again, when it was sent before), for the account
    /// `by`; what came of it, in the owner's language.
    pub async fn send_pay_link(&self, by: &str, order_no: &str, lang: Lang) -> Result<String, AppError> {
        let order_no = OrderNo::parse(order_no).map_err(|_| AppError::NotFound)?;
        let order = crate::db::orders::find_by_no(&self.db, order_no.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        if !order.payment_state.is_payable() {
            return Ok(lang.admin().pay_link_not_payable.to_owned());
        }
        if !self.messenger.sends_sms() {
            return Ok(lang.admin().pay_link_no_sms.to_owned());
        }
        timeline::record_by(self.db.pool(), order.id, "admin", "send the pay link by SMS", by).await?;
        let kind = outbox::MessageKind::Notice(Event::Placed, Channel::Sms);
        outbox::deliver_again(&self.db, order.id, kind, now_ms()).await?;
        Ok(lang.admin().pay_link_sending.replace("{phone}", &order.phone))
    }
}

impl AdminService {
    /// An unpaid order's pay link and the text to paste in a chat; `None` once it takes no payment.
    pub(in crate::admin) fn pay_link(&self, who: &Account, row: &OrderRow, state: PaymentState) -> Option<PayLink> {
        if !state.is_payable() {
            return None;
        }
        // The text is for the customer: in the order's language.
        let lang = Lang::from_code(&row.lang).unwrap_or_default();
        let link = self.orders.pay_link(&row.order_no, &row.view_key);
        Some(PayLink {
            text: pay_text(
                self.messenger.identity().short(lang),
                &row.order_no,
                row.total,
                &link,
                lang,
            ),
            link,
            sms: self.messenger.sends_sms() && who.may(Duty::MakeOrders),
        })
    }
}
