//! Messages to the shopper, the owner and staff (server only): what each says and sending it, by SMS or e-mail.
//!
//! - `notices.rs`: an order's messages (`notice:{event}:{channel}`) and the code that finds an order again;
//! - `alone.rs`: the messages of no order: a staff invitation, the owner's note of texts held over the budget;
//! - the channels: `sms.rs` (an HTTP gateway) and `email.rs` (SMTP), each with a [`capture::Capture`] of its own
//!   for local mode (`capture.rs`), and `blot.rs`: a channel's answer made fit to log and keep.
//!
//! The outbox (`db::outbox`) keeps each message until it is delivered; its worker (`payment::outbox`) calls a
//! [`Messenger`] method for each and applies the [`Delivery`] it returns. Below the features: this module imports
//! none of them.

mod alone;
mod blot;
pub mod capture;
pub mod email;
mod notices;
pub mod sms;

use self::email::{Email, Mailer};
use self::sms::{Sms, SmsGateway};
use crate::{
    db::{Db, DbError, payments},
    domain::{notice::Channel, shop_identity::ShopIdentity},
    i18n::Lang,
    shop_identity::IdentityCache,
};

/// What became of one attempt to deliver an outbox message (a message, or one of payment's jobs). `Ok` when the
/// message needs no other attempt; `Err` when it is tried again later. The outbox worker applies it, in one place.
pub type Delivery = Result<Done, Retry>;

/// A message that needs no other attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Delivered, or nothing left to deliver (skipped, or gone since it was written).
    Delivered,
    /// Refused for good (a number the gateway will never take, a mailbox that does not exist): asking again would
    /// be refused again, so it is not. Why, blotted; for an order's message, what was sent to whom before it, which
    /// the outbox notes in the order's timeline (`notice_refused`).
    Refused(String),
}

/// Not delivered now (a channel down or busy, a database error, no answer in time): tried again later, waiting
/// longer each time, until the outbox gives up. Why, blotted, kept as the outbox's `last_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry(pub String);

impl From<DbError> for Retry {
    fn from(error: DbError) -> Retry {
        Retry(error.to_string())
    }
}

impl From<String> for Retry {
    fn from(why: String) -> Retry {
        Retry(why)
    }
}

impl From<&str> for Retry {
    fn from(why: &str) -> Retry {
        Retry(why.to_owned())
    }
}

/// Why a channel (an SMS gateway, a mail server, a capture) did not take a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The channel will never take this message (a number it does not serve, no such mailbox, a text or an address
    /// it refuses).
    #[error("refused: {0}")]
    Refused(String),
    /// Down, busy, or no answer in time: tried again later.
    #[error("not sent: {0}")]
    Unavailable(String),
}

/// Sends the shop's messages: the channels and what the messages need (the database, the shop's address, the
/// owner's phone). Built once at start-up (`services.rs`).
#[derive(Clone)]
pub struct Messenger {
    db: Db,
    /// Text messages (`config::SmsSettings`).
    sms: SmsGateway,
    /// E-mail (`config::EmailMode`).
    mailer: Mailer,
    /// The shop's address, for the links in messages.
    public_url: String,
    /// `OWNER_PHONE`: the owner's phone when the admin's settings name none.
    owner_phone: Option<String>,
    /// Who the messages come from: the shop's name opens each text and signs each e-mail.
    identity: IdentityCache,
}

impl std::fmt::Debug for Messenger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messenger")
            .field("sms", &self.sms)
            .field("mailer", &self.mailer)
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

impl Messenger {
    pub fn new(
        db: Db,
        sms: SmsGateway,
        mailer: Mailer,
        public_url: String,
        owner_phone: Option<String>,
        identity: IdentityCache,
    ) -> Self {
        Messenger {
            db,
            sms,
            mailer,
            public_url,
            owner_phone,
            identity,
        }
    }

    /// The shop as its messages name it now.
    pub fn identity(&self) -> std::sync::Arc<ShopIdentity> {
        self.identity.current()
    }

    /// Whether the shop sends SMS (a gateway, or the local capture beside the emulator).
    pub fn sends_sms(&self) -> bool {
        !matches!(self.sms, SmsGateway::Off)
    }

    /// Sends `sms`. The gateway's answer is blotted first (`blot.rs`): some echo the text, with its code or link.
    async fn send_sms(&self, sms: &Sms<'_>) -> Delivery {
        let answer = self.sms.send(sms).await;
        outcome(
            Channel::Sms,
            sms.kind,
            sms.order_no,
            answer.map_err(|error| blot::blot_error(error, sms.text)),
        )
    }

    /// Sends `mail` from the shop, by its name in `lang`, signed with its contacts. The server's answer is blotted
    /// first, as a gateway's is.
    async fn send_email(&self, mail: &Email<'_>, lang: Lang) -> Delivery {
        let identity = self.identity.current();
        let body = format!("{}\n\n-- \n{}\n", mail.body.trim_end(), identity.signature(lang));
        let mail = &Email {
            body: &body,
            ..mail.clone()
        };
        let answer = self.mailer.send(mail, identity.name(lang)).await;
        let text = format!("{}\n{}", mail.subject, mail.body);
        outcome(
            Channel::Email,
            mail.kind,
            mail.order_no,
            answer.map_err(|error| blot::blot_error(error, &text)),
        )
    }

    /// Appends to order `order_id`'s timeline (its payment log): a message sent or skipped.
    async fn note_in_timeline(&self, order_id: i64, kind: &str, detail: &str) -> Delivery {
        payments::record_event(self.db.pool(), order_id, kind, detail).await?;
        Ok(Done::Delivered)
    }
}

/// A channel's answer as a delivery's outcome, the one place it is decided: refused for good is done (logged, and
/// not asked again), down or busy is tried again later.
fn outcome(channel: Channel, kind: &str, order_no: &str, answer: Result<(), SendError>) -> Delivery {
    let name = match channel {
        Channel::Sms => "SMS",
        Channel::Email => "e-mail",
    };
    match answer {
        Ok(()) => Ok(Done::Delivered),
        Err(SendError::Refused(why)) => {
            tracing::warn!(kind, order_no = %order_no, %why, "{} refused for good", name);
            Ok(Done::Refused(why))
        }
        Err(SendError::Unavailable(why)) => Err(Retry(format!("{name} not sent: {why}"))),
    }
}
