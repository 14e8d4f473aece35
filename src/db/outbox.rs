//! The outbox: work that must happen after a payment state change, written in the same transaction as the change,
//! and delivered at least once by `payment::outbox`.

use sqlx::{Any, Executor, Transaction};

use super::{Db, DbError};
use crate::domain::{
    notice::{Audience, Channel, Event},
    sms_budget::{self, SmsSent},
};

/// What a message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Tell the shop owner an order was paid.
    NotifyOwner,
    /// Tell the shop owner an order to be paid in cash, at pickup or by transfer was placed (the webhook's
    /// `order.placed`).
    NotifyOwnerPlaced,
    /// Cancel the QPay invoice of an order that expired or was cancelled, so it can no longer be paid.
    CancelInvoice,
    /// Have QPay issue the e-barimt receipts of a paid order (`payment::ebarimt`).
    IssueReceipt,
    /// Cancel the e-barimt receipts of a refunded order.
    CancelReceipt,
    /// Tell the shopper or the owner of an event by SMS or e-mail (`domain::notice`): one per order, event and
    /// channel, so the recipient (the order's shopper, or the owner) hears of each event once.
    Notice(Event, Channel),
    /// Send the code of lookup `id` (`db::order_lookups`) to the order's phone: one per lookup.
    LookupCode(i64),
    /// Send staff invitation `id` (`db::staff`) by this channel: a message of no order, one per invitation and
    /// channel.
    StaffInvite(i64, Channel),
    /// Tell the owner that texts were held over the SMS budget on Ulaanbaatar day `day` (`domain::sms_budget`): a
    /// message of no order, one per day and channel.
    HeldNote(i64, Channel),
    /// Tell the owner variant `.0` ran low, its crossing number `.1` (`db::stock::moved`): of no order, one per crossing.
    LowStock(i64, i64, Channel),
}

impl MessageKind {
    /// The kind as stored: `notify_owner`, …, `notice:paid:sms`.
    pub fn key(self) -> String {
        match self {
            MessageKind::NotifyOwner => "notify_owner".into(),
            MessageKind::NotifyOwnerPlaced => "notify_owner_placed".into(),
            MessageKind::CancelInvoice => "cancel_invoice".into(),
            MessageKind::IssueReceipt => "issue_receipt".into(),
            MessageKind::CancelReceipt => "cancel_receipt".into(),
            MessageKind::Notice(event, channel) => format!("notice:{}:{}", event.as_str(), channel.as_str()),
            MessageKind::LookupCode(id) => format!("lookup_code:{id}"),
            MessageKind::StaffInvite(id, channel) => format!("staff_invite:{id}:{}", channel.as_str()),
            MessageKind::HeldNote(day, channel) => format!("sms_held:{day}:{}", channel.as_str()),
            MessageKind::LowStock(id, n, channel) => format!("low_stock:{id}:{n}:{}", channel.as_str()),
        }
    }

    pub fn parse(text: &str) -> Option<MessageKind> {
        if let Some(notice) = text.strip_prefix("notice:") {
            let (event, channel) = notice.split_once(':')?;
            return Some(MessageKind::Notice(Event::parse(event)?, Channel::parse(channel)?));
        }
        if let Some(id) = text.strip_prefix("lookup_code:") {
            return id.parse().ok().map(MessageKind::LookupCode);
        }
        if let Some(invite) = text.strip_prefix("staff_invite:") {
            let (id, channel) = invite.split_once(':')?;
            return Some(MessageKind::StaffInvite(id.parse().ok()?, Channel::parse(channel)?));
        }
        if let Some(held) = text.strip_prefix("sms_held:") {
            let (day, channel) = held.split_once(':')?;
            return Some(MessageKind::HeldNote(day.parse().ok()?, Channel::parse(channel)?));
        }
        if let Some(low) = text.strip_prefix("low_stock:") {
            let mut parts = low.splitn(3, ':');
            let (id, n, channel) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?);
            return Some(MessageKind::LowStock(id, n, Channel::parse(channel)?));
        }
        [
            MessageKind::NotifyOwner,
            MessageKind::NotifyOwnerPlaced,
            MessageKind::CancelInvoice,
            MessageKind::IssueReceipt,
            MessageKind::CancelReceipt,
        ]
        .into_iter()
        .find(|kind| kind.key() == text)
    }
}

/// Adds the message unless the order has one of this kind already; true when added.
pub async fn enqueue<'e>(
    executor: impl Executor<'e, Database = Any>,
    order_id: i64,
    kind: MessageKind,
    now: i64,
) -> Result<bool, DbError> {
    let added = sqlx::query(
        "INSERT INTO outbox (order_id, kind, next_attempt_at, created_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (order_id, kind) DO NOTHING",
    )
    .bind(order_id)
    .bind(kind.key())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Adds a message that belongs to no order (a staff invitation), unless one of this kind exists; true when added.
pub async fn enqueue_alone<'e>(
    executor: impl Executor<'e, Database = Any>,
    kind: MessageKind,
    now: i64,
) -> Result<bool, DbError> {
    let added = sqlx::query(
        "INSERT INTO outbox (order_id, kind, next_attempt_at, created_at) VALUES (NULL, $1, $2, $2) \
         ON CONFLICT (kind) WHERE order_id IS NULL DO NOTHING",
    )
    .bind(kind.key())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Adds the messages that tell of `event`: an SMS, and an e-mail when there is an address to write to (the
/// owner's is looked up when it is sent; the shopper's is the order's, given at checkout). At most one of each per
/// order, event and channel.
pub async fn enqueue_notice(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    event: Event,
    now: i64,
) -> Result<(), DbError> {
    let sms = MessageKind::Notice(event, Channel::Sms);
    let to_owner = event.audience() == Audience::Owner;
    if sms_budget::limited(event) {
        enqueue_limited(tx, order_id, sms, now).await?;
    } else {
        enqueue(&mut **tx, order_id, sms, now).await?;
    }
    sqlx::query(
        "INSERT INTO outbox (order_id, kind, next_attempt_at, created_at) \
         SELECT id, $2, $3, $3 FROM orders WHERE id = $1 AND ($4 = 1 OR COALESCE(email, '') <> '') \
         ON CONFLICT (order_id, kind) DO NOTHING",
    )
    .bind(order_id)
    .bind(MessageKind::Notice(event, Channel::Email).key())
    .bind(now)
    .bind(i64::from(to_owner))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What became of a text written by [`enqueue_limited`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    /// Written, to be sent.
    Added,
    /// Written 'held': over the budget, never sent unless the owner asks.
    Held,
    /// The order had this message already.
    Already,
}

/// Adds a text that a stranger can cause without paying (`domain::sms_budget`): to the order's phone, an unpaid
/// order's "placed", reminder or "expired", or a find-my-order code; to the owner, a new cash or transfer order. Over the phone's or the shop's budget it is
/// written 'held' (never sent) and the owner is told, once per Ulaanbaatar day. Counted in the caller's
/// transaction: on PostgreSQL two texts written at the same instant may both pass the last place.
pub async fn enqueue_limited(
    tx: &mut Transaction<'_, Any>,
    order_id: i64,
    kind: MessageKind,
    now: i64,
) -> Result<Queued, DbError> {
    let to_owner = matches!(kind, MessageKind::Notice(event, _) if event.audience() == Audience::Owner);
    let phone: String = if to_owner {
        sms_budget::OWNER.to_owned()
    } else {
        sqlx::query_scalar("SELECT phone FROM orders WHERE id = $1")
            .bind(order_id)
            .fetch_one(&mut **tx)
            .await?
    };
    let budget = super::notice_settings::budget(&mut **tx).await?;
    // Both counts in one statement: this runs in the transaction of every order placed.
    let (to_phone_last_day, by_shop_last_hour): (i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND created_at > $2 AND state <> 'held'), \
           (SELECT COUNT(*) FROM outbox WHERE recipient IS NOT NULL AND created_at > $3 AND state <> 'held')",
    )
    .bind(&phone)
    .bind(now - crate::domain::ub_day::DAY_MS)
    .bind(now - crate::domain::ub_day::HOUR_MS)
    .fetch_one(&mut **tx)
    .await?;
    let allowed = budget.allows(SmsSent {
        // The owner's own phone has no daily budget: only the shop's hour counts its texts.
        to_phone_last_day: if to_owner { 0 } else { to_phone_last_day },
        by_shop_last_hour,
    });
    let state = if allowed { "pending" } else { "held" };
    let added = sqlx::query(
        "INSERT INTO outbox (order_id, kind, next_attempt_at, created_at, recipient, state, last_error) \
         VALUES ($1, $2, $3, $3, $4, $5, $6) ON CONFLICT (order_id, kind) DO NOTHING",
    )
    .bind(order_id)
    .bind(kind.key())
    .bind(now)
    .bind(&phone)
    .bind(state)
    .bind((!allowed).then_some("held: over the limit"))
    .execute(&mut **tx)
    .await?;
    if added.rows_affected() == 0 {
        return Ok(Queued::Already);
    }
    if allowed {
        return Ok(Queued::Added);
    }
    tracing::warn!(order_id, kind = %kind.key(), to_phone_last_day, by_shop_last_hour, "text held: over the SMS budget");
    let day = crate::domain::ub_day::of(now);
    for channel in [Channel::Sms, Channel::Email] {
        enqueue_alone(&mut **tx, MessageKind::HeldNote(day, channel), now).await?;
    }
    Ok(Queued::Held)
}

/// How many texts were held over the budget since `since`.
pub async fn held_since(db: &Db, since: i64) -> Result<i64, DbError> {
    let sql = "SELECT COUNT(*) FROM outbox WHERE state = 'held' AND created_at >= $1";
    Ok(sqlx::query_scalar(sql).bind(since).fetch_one(db.pool()).await?)
}

/// Adds a reminder (an SMS, and an e-mail to a shopper who gave an address) for each unpaid order whose invoice
/// runs out within `before_ms`, once per order: the outbox's key keeps a second tick from adding another. An invoice
/// shorter than `before_ms` gets none: a reminder right after the "placed" message would only be noise.
pub async fn enqueue_reminders(db: &Db, now: i64, before_ms: i64) -> Result<u64, DbError> {
    // Which unpaid orders are due one; the outbox's key keeps an order from getting two.
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT o.id FROM orders o JOIN qpay_invoices i ON i.order_id = o.id \
         WHERE o.payment_state = 'awaiting' AND i.state = 'open' AND i.expires_at > $1 \
           AND i.expires_at <= $2 AND i.expires_at - $3 >= i.created_at \
           AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.order_id = o.id AND b.kind = $4)",
    )
    .bind(now)
    .bind(now + before_ms)
    .bind(before_ms)
    .bind(MessageKind::Notice(Event::Reminder, Channel::Sms).key())
    .fetch_all(db.pool())
    .await?;
    let mut added = 0;
    for order_id in due {
        // One transaction per order: the SMS counted against the budget, and the e-mail beside it.
        let mut tx = db.begin_write().await?;
        if enqueue_limited(
            &mut tx,
            order_id,
            MessageKind::Notice(Event::Reminder, Channel::Sms),
            now,
        )
        .await?
            != Queued::Already
        {
            added += 1;
        }
        let mailed = sqlx::query(
            "INSERT INTO outbox (order_id, kind, next_attempt_at, created_at) \
             SELECT id, $2, $3, $3 FROM orders WHERE id = $1 AND COALESCE(email, '') <> '' \
             ON CONFLICT (order_id, kind) DO NOTHING",
        )
        .bind(order_id)
        .bind(MessageKind::Notice(Event::Reminder, Channel::Email).key())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        added += mailed.rows_affected();
        tx.commit().await?;
    }
    Ok(added)
}

#[derive(Debug, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    /// `None` for a message of no order (a staff invitation).
    pub order_id: Option<i64>,
    pub kind: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Takes up to `limit` due messages for delivery until `lease_until`; one worker at a time holds each.
pub async fn claim_due(db: &Db, now: i64, lease_until: i64, limit: i64) -> Result<Vec<Message>, DbError> {
    let sql = format!(
        // MATERIALIZED: PostgreSQL may otherwise run a `LIMIT … SKIP LOCKED` subquery more than once and take
        // more rows than asked for.
        "WITH due AS MATERIALIZED ( \
             SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $3{}) \
         UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1 \
         WHERE state = 'pending' AND next_attempt_at <= $1 AND id IN (SELECT id FROM due) \
         RETURNING id, order_id, kind, attempts",
        db.skip_locked()
    );
    let messages = sqlx::query_as(&sql)
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    Ok(messages)
}

/// Holds a message just taken until `lease_until`, for a delivery that may take longer than the usual lease.
pub async fn extend_lease(db: &Db, message: &Message, lease_until: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE outbox SET next_attempt_at = $3 WHERE id = $1 AND state = 'pending' AND attempts = $2")
        .bind(message.id)
        .bind(message.attempts)
        .bind(lease_until)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn delivered(db: &Db, message: &Message, now: i64) -> Result<(), DbError> {
    // Only the attempt that holds the message (`attempts` as claimed): one whose lease ran out, or that was asked to
    // deliver again meanwhile, cannot mark a later attempt's work done.
    sqlx::query(
        "UPDATE outbox SET state = 'done', delivered_at = $2, last_error = NULL \
         WHERE id = $1 AND state = 'pending' AND attempts = $3",
    )
    .bind(message.id)
    .bind(now)
    .bind(message.attempts)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up (`None`). Only the attempt that holds the
/// message counts (`attempts` as claimed): a worker whose lease ran out cannot undo a later delivery.
pub async fn failed(db: &Db, message: &Message, error: &str, retry_at: Option<i64>) -> Result<(), DbError> {
    let error: String = error.chars().take(500).collect();
    sqlx::query(
        "UPDATE outbox SET last_error = $2, \
                state = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'pending' END, \
                next_attempt_at = COALESCE($3, next_attempt_at) \
         WHERE id = $1 AND state = 'pending' AND attempts = $4",
    )
    .bind(message.id)
    .bind(error)
    .bind(retry_at)
    .bind(message.attempts)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Whether the order's message of this kind is still to be delivered (waiting, or retrying after a failure).
pub async fn pending(db: &Db, order_id: i64, kind: MessageKind) -> Result<bool, DbError> {
    let sql = "SELECT COUNT(*) FROM outbox WHERE order_id = $1 AND kind = $2 AND state = 'pending'";
    let count: i64 = sqlx::query_scalar(sql)
        .bind(order_id)
        .bind(kind.key())
        .fetch_one(db.pool())
        .await?;
    Ok(count > 0)
}

/// The order's message of this kind delivered (again) as soon as a worker looks: written when there is none yet,
/// taken up again with a fresh count of attempts when it was given up or done, and brought forward when it waits
/// for a retry. A delivery in flight may then be run twice at once; each kind's work is safe for that (a receipt
/// is claimed before QPay is asked).
pub async fn deliver_again(db: &Db, order_id: i64, kind: MessageKind, now: i64) -> Result<(), DbError> {
    if !enqueue(db.pool(), order_id, kind, now).await? {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $3, \
                    attempts = CASE WHEN state = 'pending' THEN attempts ELSE 0 END, state = 'pending' \
             WHERE order_id = $1 AND kind = $2",
        )
        .bind(order_id)
        .bind(kind.key())
        .bind(now)
        .execute(db.pool())
        .await?;
    }
    Ok(())
}

/// The order's messages to the shopper and the owner (`notice:…`), oldest first: kind, state and last error.
pub async fn notices_of(db: &Db, order_id: i64) -> Result<Vec<(String, String, Option<String>)>, DbError> {
    Ok(sqlx::query_as(
        "SELECT kind, state, last_error FROM outbox WHERE order_id = $1 AND kind LIKE 'notice:%' ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(db.pool())
    .await?)
}
