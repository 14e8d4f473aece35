//! Limits on requests that cost us or QPay something (placing an order reserves stock and makes a QPay invoice).
//! The counters live in the database, so a limit holds across every app instance.

use crate::db::{Db, DbError, now_ms, rate_limits};

/// At most `max` hits per `window_ms` for one key.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub window_ms: i64,
    pub max: i64,
}

/// Orders one network address may place in ten minutes (a household or an office shares an address).
pub const PLACE_ORDER_PER_ADDRESS: Limit = Limit {
    name: "place_order:address",
    window_ms: 10 * 60_000,
    max: 30,
};

/// Orders one shopper session may place in ten minutes.
pub const PLACE_ORDER_PER_SHOPPER: Limit = Limit {
    name: "place_order:shopper",
    window_ms: 10 * 60_000,
    max: 10,
};

/// New discount codes one shopper session may try in ten minutes: enough for typos, too few to guess codes.
pub const CODE_TRIES_PER_SHOPPER: Limit = Limit {
    name: "code_tries:shopper",
    window_ms: 10 * 60_000,
    max: 20,
};

/// New discount codes one network address may try in ten minutes.
pub const CODE_TRIES_PER_ADDRESS: Limit = Limit {
    name: "code_tries:address",
    window_ms: 10 * 60_000,
    max: 60,
};

/// Codes one order number and phone may ask for in an hour (`/orders/find`): each costs an SMS and gives five
/// guesses. Counted per pair, so a stranger trying random numbers with someone's phone cannot use up its owner's.
pub const FIND_ORDER_PER_PAIR: Limit = Limit {
    name: "find_order:pair-hour",
    window_ms: 60 * 60_000,
    max: 5,
};

/// The same in a day: 50 guesses a day at one order's million codes, under 2% in a year of trying.
pub const FIND_ORDER_PER_PAIR_DAY: Limit = Limit {
    name: "find_order:pair-day",
    window_ms: 24 * 60 * 60_000,
    max: 10,
};

/// Requests to find an order one network address may make in an hour, matching or not.
pub const FIND_ORDER_PER_ADDRESS: Limit = Limit {
    name: "find_order:address",
    window_ms: 60 * 60_000,
    max: 10,
};

impl Limit {
    /// Counts a hit for `who`; false when the limit is used up.
    pub async fn allow(&self, db: &Db, who: &str) -> Result<bool, DbError> {
        let key = format!("{}:{who}", self.name);
        let allowed = rate_limits::hit(db, &key, now_ms(), self.window_ms, self.max).await?;
        if !allowed {
            tracing::warn!(limit = self.name, "rate limit reached");
        }
        Ok(allowed)
    }
}
