//! The owner's side of the shop: signing in, reading orders, and acting on them (through the payment service for
//! anything that moves money or asks QPay). Built once at start-up; the admin server functions call it.
//!
//! A section's service lives in its `service.rs` (catalog, codes, delivery, draft, staff). [`AdminService`] is the
//! orders' service; a section needing only its handles extends it instead of adding a struct to the graph:
//! `refunds.rs`, `messages.rs`, `cash.rs`, `glance.rs`, `reports/`, `slips/`, the settings pages' `service.rs`,
//! `staff/service.rs` (`signed_in_account`) and `draft/service.rs` (`pay_link`).

use super::{
    AdminOrderRow, AdminOrderView, AdminOrdersData, OrderQuery, RefundView,
    auth::{AdminAuth, AdminError},
};
use crate::{
    db::{
        Db, DbError,
        admin_orders::{self, OrderFilter},
        admins::AdminRow,
        orders,
        outbox::{self, MessageKind},
        refunds, timeline,
    },
    domain::{
        Fulfilment, Mnt, OrderNo, OwnerAction, PaymentState,
        owner_action::{self, OrderFacts, ReceiptFacts},
        pay_method::is_own_payment,
        staff::Duty,
        ub_day::DAY_MS,
    },
    error::AppError,
    i18n::Lang,
    messaging::Messenger,
    payment::{orders::OrderService, service::PaymentService},
    ub_time,
};

pub const PAGE_SIZE: i64 = 25;
const FULFILMENT: [&str; 5] = ["new", "packed", "shipped", "delivered", "picked-up"];

/// The filter a query asks for. Unknown values fall back to the defaults rather than failing: the query string is
/// the owner's address bar.
pub(super) fn filter_of(query: &OrderQuery) -> OrderFilter {
    let payment_state = match query.payment.as_deref() {
        Some("all") => None,
        Some(state @ (admin_orders::REFUNDED | admin_orders::TO_HANDLE)) => Some(state.to_owned()),
        Some(state) if PaymentState::parse(state).is_some() => Some(state.to_owned()),
        _ => Some(admin_orders::TO_HANDLE.to_owned()),
    };
    let fulfilment = match query.fulfilment.as_deref() {
        Some("all") => None,
        Some(state) if FULFILMENT.contains(&state) => Some(state.to_owned()),
        _ => Some("new".to_owned()),
    };
    let search: Option<String> = query
        .q
        .as_deref()
        .map(|q| {
            q.trim()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(20)
                .collect::<String>()
        })
        .filter(|q| !q.is_empty())
        .map(|q| q.to_ascii_uppercase());
    OrderFilter {
        payment_state,
        fulfilment,
        from_ms: query.from.as_deref().and_then(ub_time::day_start_ms),
        // Up to the end of the `to` day.
        until_ms: query
            .to
            .as_deref()
            .and_then(ub_time::day_start_ms)
            .map(|start| start + DAY_MS),
        search,
        attention: query.attention.as_deref() == Some(super::ATTENTION_ONLY),
    }
}

#[derive(Debug, Clone)]
pub struct AdminService {
    pub(super) db: Db,
    auth: AdminAuth,
    pub(super) orders: OrderService,
    pub(super) payments: PaymentService,
    pub(super) messenger: Messenger,
    pub(super) identity: crate::shop_identity::IdentityCache,
    /// The sales report's sums, kept until an order moves.
    pub(super) report_sums: super::reports::SumsCache,
}

/// What came of a sign-in.
#[derive(Debug)]
pub enum SignIn {
    /// The account, the owner's or a staff member's, whose password matched.
    Account(AdminRow),
    /// Why not, in the owner's language.
    Refused(String),
}

impl AdminService {
    pub fn new(
        db: Db,
        orders: OrderService,
        payments: PaymentService,
        messenger: Messenger,
        identity: crate::shop_identity::IdentityCache,
    ) -> Self {
        AdminService {
            auth: AdminAuth::new(db.clone()),
            db,
            orders,
            payments,
            messenger,
            identity,
            report_sums: super::reports::SumsCache::default(),
        }
    }

    /// Checks the e-mail and password sent from `address` (with the slowdown and lockout of `auth.rs`).
    pub async fn sign_in(
        &self,
        address: Option<std::net::IpAddr>,
        email: &str,
        password: &str,
        lang: Lang,
    ) -> Result<SignIn, DbError> {
        // Bounded before hashing: argon2 over a megabyte of "password" is a cheap way to load the server.
        let password: String = password.chars().take(200).collect();
        let address = address.map(crate::web::client::network_key).unwrap_or_default();
        let notice = match self.auth.sign_in(&address, email, &password).await {
            Ok(account) => return Ok(SignIn::Account(account)),
            Err(AdminError::Db(error)) => return Err(error),
            Err(AdminError::LockedOut { minutes }) => {
                lang.admin().locked_out.replace("{minutes}", &minutes.to_string())
            }
            Err(_) => lang.admin().sign_in_refused.to_owned(),
        };
        Ok(SignIn::Refused(notice))
    }

    /// When the owner's list last had news (Unix ms, 0 before the first): a payment, or a cash or transfer order.
    pub async fn orders_stamp(&self) -> Result<i64, DbError> {
        admin_orders::latest_news_at(&self.db).await
    }

    pub async fn orders_page(&self, who: super::Account, query: OrderQuery) -> Result<AdminOrdersData, DbError> {
        let db = &self.db;
        let filter = filter_of(&query);
        let (count, total) = admin_orders::count_and_total(db, &filter).await?;
        let pages = u32::try_from((count + PAGE_SIZE - 1) / PAGE_SIZE)
            .unwrap_or(u32::MAX)
            .max(1);
        let page = query.page.unwrap_or(1).clamp(1, pages);
        let offset = i64::from(page - 1) * PAGE_SIZE;
        let rows = admin_orders::list(db, &filter, offset, PAGE_SIZE)
            .await?
            .into_iter()
            .map(|row| AdminOrderRow {
                order_no: row.order_no,
                placed: ub_time::clock(row.created_at),
                customer_name: row.customer_name,
                phone: row.phone,
                total: row.total,
                discount: row
                    .discount_code
                    .clone()
                    .map(|code| (code, row.discount.saturating_add(row.delivery_waived))),
                refunded: row.refunded,
                payment_state: row.payment_state.as_str().to_owned(),
                fulfilment: row.fulfilment.as_str().to_owned(),
                attention: row.attention,
                pay_method: row.pay_method,
            })
            .collect();
        let (catalog, lang) = (who.may(crate::domain::staff::Duty::Catalog), crate::i18n::use_lang());
        let glance = self.glance(crate::db::now_ms(), catalog, lang).await?;
        Ok(AdminOrdersData {
            who,
            query,
            rows,
            count,
            total,
            page,
            pages,
            stamp: admin_orders::latest_news_at(db).await?,
            glance,
        })
    }

    /// One order as the owner sees it; `None` when there is no such order.
    pub async fn order_detail(
        &self,
        who: super::Account,
        order_no: &str,
        lang: Lang,
        notice: Option<String>,
    ) -> Result<Option<AdminOrderView>, AppError> {
        let Ok(order_no) = OrderNo::parse(order_no) else {
            return Ok(None);
        };
        let db = &self.db;
        let Some(row) = orders::find_by_no(db, order_no.as_str()).await? else {
            return Ok(None);
        };
        // The shopper's view of the same order (items, payments, delivery), opened with its own key.
        let Some(order) = self
            .orders
            .view(order_no.as_str(), None, Some(&row.view_key), lang)
            .await?
        else {
            return Ok(None);
        };
        let timeline = timeline::events_of(db, row.id)
            .await?
            .into_iter()
            .map(|entry| super::timeline::entry(entry, lang))
            .collect();
        let (fulfilment, state) = (row.fulfilment, row.payment_state);
        let refunds = refunds::refunds_of(db, row.id).await?;
        // Nothing is refunded while the invoice still takes money (see RefundRefusal::OrderStillPayable).
        let refundable = if state.is_payable() || !who.may(Duty::Money) {
            Vec::new()
        } else {
            super::refunds::refundable_payments(refunds::payments_to_refund(db, row.id).await?)
        };
        let method = row.pay_method;
        // The receipts are QPay's payments' only (`OrderService::view`); the shop's own payments get none.
        let receipts = &order.receipts;
        let facts = OrderFacts {
            method,
            state,
            fulfilment,
            paid_mnt: row.paid.amount(),
            refunded_in_full: row.paid > Mnt::ZERO && row.refunded >= row.paid,
            receipts: ReceiptFacts {
                ebarimt_on: self.payments.settings().ebarimt.is_some(),
                qpay_payments: order.payments.iter().filter(|p| !is_own_payment(&p.payment_id)).count(),
                asked: receipts.len(),
                troubled: receipts
                    .iter()
                    .any(|r| matches!(r.state.as_str(), "failed" | "unknown")),
                coming: order.receipt_coming,
                issued: receipts.iter().any(|r| r.state == "issued"),
            },
        };
        let mut actions = owner_action::offered(&facts);
        // Only what this account's role may do (the server function checks it again).
        actions.retain(|action| who.may(action.duty()));
        // A transfer is the owner's to confirm (`PayMethod::duty_to_record`); cash is staff's too.
        let to_collect = (method.is_offline() && state.is_payable() && who.may(method.duty_to_record()))
            .then(|| row.total.saturating_sub(row.paid));
        Ok(Some(AdminOrderView {
            pay_link: self.pay_link(&who, &row, state),
            pay_method: method.label(lang).to_owned(),
            to_collect,
            who,
            order,
            fulfilment,
            attention: row.attention,
            placed: ub_time::clock(row.created_at),
            email: row.email,
            timeline,
            messages: self.messages_of(row.id, lang).await?,
            actions,
            refunded: row.refunded,
            refunds: refunds
                .into_iter()
                .map(|refund| RefundView {
                    payment_id: refund.qpay_payment_id,
                    amount: refund.amount,
                    way: refund.way,
                    state: refund.state,
                    note: refund.note,
                    actor: refund.actor,
                    time: ub_time::clock(refund.created_at),
                })
                .collect(),
            refundable,
            notice,
        }))
    }
}

impl AdminService {
    /// Does what the owner asked; an action that does not apply (any more) changes nothing. `note` is the courier's,
    /// told to the shopper when the order is shipped (`domain::fulfilment::courier_note`: checked by the caller).
    /// Some notice, in `lang`, when it was refused with a reason the owner should read.
    #[tracing::instrument(skip(self, who, note, lang), fields(by = %who.email))]
    pub async fn act(
        &self,
        who: &super::Account,
        order_no: &str,
        action: OwnerAction,
        note: &str,
        lang: Lang,
    ) -> Result<Option<String>, AppError> {
        let Ok(order_no) = OrderNo::parse(order_no) else {
            return Err(AppError::NotFound);
        };
        let actor = who.email.as_str();
        let payments = &self.payments;
        let db = &self.db;
        let order = orders::find_by_no(db, order_no.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        match action {
            OwnerAction::Recheck => {
                timeline::record_by(db.pool(), order.id, "admin", "re-check with QPay", actor).await?;
                payments.resolve_pending_refunds(order.id).await?;
                if let Err(error) = payments.settle(order_no.as_str(), "admin re-check").await {
                    tracing::warn!(%error, "admin re-check could not settle");
                }
            }
            OwnerAction::Cancel => {
                // An unpaid order is not cancelled once its goods have left the shop (`owner_action::may_cancel`, asked
                // again under the lock by `cancel_unpaid`): the owner is told why.
                let unpaid = order.payment_state == PaymentState::AwaitingPayment && order.paid == Mnt::ZERO;
                if unpaid && !owner_action::goods_in_the_shop(order.fulfilment) {
                    return Ok(Some(owner_action::goods_gone(lang).to_owned()));
                }
                payments.cancel_unpaid(order_no.as_str(), actor).await?;
            }
            OwnerAction::EbarimtRetry | OwnerAction::EbarimtCancel => {
                // Only what the order page offers now: the same rule, read again on the server.
                let offered = self
                    .order_detail(who.clone(), order_no.as_str(), Lang::default(), None)
                    .await?
                    .is_some_and(|view| view.actions.contains(&action));
                if !offered {
                    return Err(AppError::NotFound);
                }
                let (kind, what) = if action == OwnerAction::EbarimtRetry {
                    // The owner checked with QPay that a receipt whose answer was lost was not issued.
                    crate::db::ebarimt::allow_asking_again(db, order.id).await?;
                    (MessageKind::IssueReceipt, "issue the e-barimt again")
                } else {
                    (MessageKind::CancelReceipt, "cancel the e-barimt")
                };
                timeline::record_by(db.pool(), order.id, "admin", what, actor).await?;
                outbox::deliver_again(db, order.id, kind, crate::db::now_ms()).await?;
            }
            OwnerAction::Fulfil(to) => {
                let from = order.fulfilment;
                if !from.can_move_to(to) {
                    return Ok(None);
                }
                // The move and the shopper's message about it in one transaction: one message per move, never one
                // for a move that did not happen.
                let mut tx = db.begin_write().await?;
                if orders::move_fulfilment(&mut *tx, order.id, from.as_str(), to.as_str()).await? {
                    let note = crate::domain::fulfilment::courier_note(note).unwrap_or_default();
                    let mut detail = format!("{} -> {}", from.as_str(), to.as_str());
                    if to == Fulfilment::Shipped && !note.is_empty() {
                        orders::set_courier_note(&mut tx, order.id, &note).await?;
                        detail = format!("{detail}: {note}");
                    }
                    timeline::record_by(&mut *tx, order.id, "fulfilment", &detail, actor).await?;
                    if let Some(event) = to.shopper_notice(order.delivery == "pickup") {
                        outbox::enqueue_notice(&mut tx, order.id, event, crate::db::now_ms()).await?;
                    }
                }
                tx.commit().await.map_err(DbError::from)?;
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_opens_on_orders_to_handle_not_yet_packed() {
        let filter = filter_of(&OrderQuery::default());
        assert_eq!(filter.payment_state.as_deref(), Some("to-handle"));
        assert_eq!(filter.fulfilment.as_deref(), Some("new"));
        let all = filter_of(&OrderQuery {
            payment: Some("all".into()),
            fulfilment: Some("all".into()),
            q: Some(" ab-12 ".into()),
            to: Some("2026-11-23".into()),
            ..OrderQuery::default()
        });
        assert_eq!((all.payment_state, all.fulfilment), (None, None));
        assert_eq!(all.search.as_deref(), Some("AB12"));
        assert_eq!(all.until_ms, Some(1_795_363_200_000 + DAY_MS));
        assert!(!all.attention, "flagged or not, unless asked (glance.rs asks)");
        let odd = filter_of(&OrderQuery {
            payment: Some("'; DROP".into()),
            ..OrderQuery::default()
        });
        assert_eq!(
            odd.payment_state.as_deref(),
            Some("to-handle"),
            "unknown values fall back"
        );
    }
}
