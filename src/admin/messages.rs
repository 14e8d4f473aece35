//! The order's messages to the shopper and the owner on its owner's page: each with what became of it
//! (sent, refused for good, failing and tried again, given up, waiting), and "send again".

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// The outbox kind (`notice:paid:sms`), which "send again" posts back.
    pub kind: String,
    /// What it is about, in the owner's language.
    pub label: String,
    /// `sent`, `refused`, `skipped`, `retrying`, `given-up`, `held` (over the SMS budget) or `waiting`.
    pub state: String,
    /// The gateway's last answer when it failed.
    pub error: Option<String>,
}

/// Sends one of the order's messages again (the outbox delivers it at once), then back to the order.
#[server]
pub async fn admin_resend_message(
    #[server(default)] order_no: String,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::Money).await?;
    let admin = expect_context::<super::service::AdminService>();
    admin.resend_message(&account.email, &order_no, &kind).await?;
    leptos_axum::redirect(&format!("/admin/orders/{order_no}"));
    Ok(())
}

/// `AdminService`'s part for the order's messages, beside its server function: one action of the order's page,
/// one small file (`admin/service.rs` lists every file that extends the service). A message's name is the
/// timeline's too (`admin/timeline.rs`).
#[cfg(feature = "ssr")]
pub(super) mod service {
    use super::MessageView;
    use crate::{
        admin::service::AdminService,
        db::{
            DbError, orders,
            outbox::{self, MessageKind},
            timeline,
        },
        domain::{
            OrderNo,
            notice::{Channel, Event},
            timeline::Notice,
        },
        error::AppError,
        i18n::Lang,
    };

    impl AdminService {
        /// The order's messages, oldest first, each with what became of it.
        pub async fn messages_of(&self, order_id: i64, lang: Lang) -> Result<Vec<MessageView>, DbError> {
            let events = timeline::events_of(&self.db, order_id).await?;
            let messages = outbox::notices_of(&self.db, order_id).await?;
            Ok(messages
                .into_iter()
                .filter_map(|(kind, state, error)| {
                    let Some(MessageKind::Notice(event, channel)) = MessageKind::parse(&kind) else {
                        return None;
                    };
                    // The last outcome the delivery recorded for this message.
                    let outcome = events
                        .iter()
                        .rev()
                        .find_map(|row| row.event.outcome_of(Notice::Order(event, channel)))
                        .map(str::to_owned);
                    let state = match (state.as_str(), outcome, &error) {
                        ("done", Some(outcome), _) => outcome,
                        ("done", None, _) => "sent".to_owned(),
                        ("failed", _, _) => "given-up".to_owned(),
                        ("held", _, _) => "held".to_owned(),
                        (_, _, Some(_)) => "retrying".to_owned(),
                        _ => "waiting".to_owned(),
                    };
                    Some(MessageView {
                        label: format!("{} · {}", label(event, lang), channel_name(channel, lang)),
                        kind,
                        state,
                        error,
                    })
                })
                .collect())
        }

        /// Has the outbox deliver the message again, asked for by `actor`; only a message the order has.
        pub async fn resend_message(&self, actor: &str, order_no: &str, kind: &str) -> Result<(), AppError> {
            let order_no = OrderNo::parse(order_no).map_err(|_| AppError::NotFound)?;
            let order = orders::find_by_no(&self.db, order_no.as_str())
                .await?
                .ok_or(AppError::NotFound)?;
            let known = outbox::notices_of(&self.db, order.id).await?;
            let Some(kind @ MessageKind::Notice(..)) =
                MessageKind::parse(kind).filter(|_| known.iter().any(|(k, _, _)| k == kind))
            else {
                return Err(AppError::NotFound);
            };
            timeline::record_by(
                self.db.pool(),
                order.id,
                "admin",
                &format!("send {} again", kind.key()),
                actor,
            )
            .await?;
            outbox::deliver_again(&self.db, order.id, kind, crate::db::now_ms()).await?;
            Ok(())
        }
    }

    pub(in crate::admin) fn channel_name(channel: Channel, lang: Lang) -> &'static str {
        match channel {
            Channel::Sms => "SMS",
            Channel::Email => lang.admin().channel_email,
        }
    }

    pub(in crate::admin) fn label(event: Event, lang: Lang) -> &'static str {
        let texts = lang.admin();
        match event {
            Event::Placed => texts.event_placed,
            Event::Paid => texts.event_paid,
            Event::Shipped => texts.event_shipped,
            Event::Delivered => texts.event_delivered,
            Event::ReadyForPickup => texts.event_ready_for_pickup,
            Event::Reminder => texts.event_reminder,
            Event::Expired => texts.event_expired,
            Event::Refunded => texts.event_refunded,
            Event::NewPaidOrder => texts.event_new_paid_order,
            Event::NewOfflineOrder => texts.event_new_offline_order,
            Event::NeedsAttention => texts.event_needs_attention,
            Event::ReceiptFailed => texts.event_receipt_failed,
            Event::RefundFailed => texts.event_refund_failed,
        }
    }
}
