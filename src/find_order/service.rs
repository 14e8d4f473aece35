//! Finding an order again: a code sent by SMS to the order's phone opens its page in the browser that asked.
//!
//! Nothing a stranger sees depends on whether the number and phone match an order. Every well-formed request that
//! passes the limits makes a lookup, and the session keeps its token; only a matching one sends its code (through
//! the outbox, in the lookup's transaction). A lookup that matched nothing runs out of tries and time the same way.

use std::net::IpAddr;
use subtle::ConstantTimeEq;

use crate::{
    db::{
        Db, DbError, now_ms,
        order_lookups::{self, NewLookup},
        orders,
        outbox::{self, MessageKind},
    },
    domain::{
        OrderNo, Phone,
        order_lookup::{CODE_DIGITS, CODE_MINUTES, CODE_TRIES},
    },
    i18n::Lang,
    limits::{FIND_ORDER_PER_ADDRESS, FIND_ORDER_PER_PAIR, FIND_ORDER_PER_PAIR_DAY},
    web::client::network_key,
};

#[derive(Debug, Clone)]
pub struct FindOrderService {
    db: Db,
}

/// What asking for a code came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// The lookup's token, for the session; a code is on its way if the number and phone matched.
    Lookup(String),
    /// Too many requests from this phone or address this hour.
    Limited,
}

/// What a try of a code came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The right code: the order's page, with its view key.
    Order { order_no: String, view_key: String },
    /// A wrong code; this many tries are left.
    Wrong { tries_left: i64 },
    /// No try left, run out of time, used already, or no lookup at all: ask for a new code.
    Spent,
}

impl FindOrderService {
    pub fn new(db: Db) -> Self {
        FindOrderService { db }
    }

    /// Makes a lookup for `order_no` and `phone`, with a code sent to the phone when they match an order.
    pub async fn ask(
        &self,
        order_no: &OrderNo,
        phone: &Phone,
        address: Option<IpAddr>,
        lang: Lang,
    ) -> Result<Asked, DbError> {
        let address = address.map(network_key).unwrap_or_default();
        // The address first: a stranger trying many phones is stopped there without using up their owners' limits.
        let pair = format!("{}:{}", order_no.as_str(), phone.as_str());
        if !FIND_ORDER_PER_ADDRESS.allow(&self.db, &address).await?
            || !FIND_ORDER_PER_PAIR.allow(&self.db, &pair).await?
            || !FIND_ORDER_PER_PAIR_DAY.allow(&self.db, &pair).await?
        {
            return Ok(Asked::Limited);
        }
        let order = orders::find_by_no(&self.db, order_no.as_str()).await?;
        let matched = order.filter(|order| bool::from(order.phone.as_bytes().ct_eq(phone.as_str().as_bytes())));
        let token = crate::random::token(32);
        let code = crate::random::digits(CODE_DIGITS);
        let now = now_ms();
        let mut tx = self.db.begin_write().await?;
        let lookup = NewLookup {
            token: &token,
            order_id: matched.as_ref().map(|order| order.id),
            code: &code,
            lang: lang.code(),
            tries: CODE_TRIES,
            expires_at: now + CODE_MINUTES * 60_000,
            now,
        };
        let id = order_lookups::create(&mut tx, &lookup).await?;
        if let Some(order) = &matched {
            // A text a stranger can cause: counted against the SMS budget, held when it is spent. The answer is
            // the same either way, so it tells nothing of the budget or the order.
            outbox::enqueue_limited(&mut tx, order.id, MessageKind::LookupCode(id), now).await?;
        }
        tx.commit().await?;
        Ok(Asked::Lookup(token))
    }

    /// Tries `code` (six digits, see `domain::order_lookup::parse_code`) on the lookup `token`.
    pub async fn open(&self, token: &str, code: &str) -> Result<Opened, DbError> {
        let now = now_ms();
        let Some(tried) = order_lookups::count_try(&self.db, token, now).await? else {
            return Ok(Opened::Spent);
        };
        let right = bool::from(tried.code.as_bytes().ct_eq(code.as_bytes()));
        match tried.order_id {
            Some(order_id) if right && order_lookups::use_up(&self.db, tried.id, now).await? => {
                let number = orders::number_of(&self.db, order_id).await?;
                let order = match number {
                    Some(number) => orders::find_by_no(&self.db, &number).await?,
                    None => None,
                };
                Ok(order.map_or(Opened::Spent, |order| Opened::Order {
                    order_no: order.order_no,
                    view_key: order.view_key,
                }))
            }
            _ if tried.tries_left == 0 => Ok(Opened::Spent),
            _ => Ok(Opened::Wrong {
                tries_left: tried.tries_left,
            }),
        }
    }
}
