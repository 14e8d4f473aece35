//! Telling the shopper and the owner (issue #19): the outbox's `notice:{event}:{channel}` messages, each written in
//! the transaction of the move that causes it and so at most one per order, event and channel. Delivering one
//! renders its text in the order's language (`domain::notice`) and sends it; a gateway that refuses the number for
//! good is recorded in the order's timeline and not asked again, one that is down is tried again by the outbox.

use super::service::PaymentService;
use crate::{
    db::{DbError, orders::OrderRow, payments},
    domain::{
        Mnt,
        notice::{Audience, Channel, Event, Facts, sms_text},
    },
    i18n::Lang,
    sms::{Sms, SmsError},
};

impl PaymentService {
    /// Sends the order's message about `event`; `Err` (tried again later) only while the gateway cannot take it.
    pub async fn send_notice(&self, order: &OrderRow, event: Event, channel: Channel) -> Result<(), String> {
        let what = format!("{} {}", event.as_str(), channel.as_str());
        let recipient = match event.audience() {
            Audience::Shopper => Some(order.phone.clone()),
            Audience::Owner => self.settings.sms.owner_phone.as_ref().map(|p| p.as_str().to_owned()),
        };
        let (Channel::Sms, Some(to)) = (channel, recipient) else {
            // No owner's phone, or a channel not offered yet: nothing to send, and nothing to try again.
            return self.noted(order.id, "notice_skipped", &what).await;
        };
        let lang = Lang::from_code(&order.lang).unwrap_or_default();
        let link = format!("{}/o/{}/{}", self.public_url, order.order_no, order.view_key);
        let refunded = Mnt::new(order.refunded_mnt).unwrap_or_default();
        let detail = match event {
            Event::NewPaidOrder => format!("{}, {}", order.customer_name, order.phone),
            Event::NeedsAttention => order.attention.clone().unwrap_or_default(),
            Event::ReadyForPickup => order.pickup_point.clone().unwrap_or_default(),
            _ => String::new(),
        };
        let facts = Facts {
            order_no: &order.order_no,
            total: Mnt::new(order.total_mnt).unwrap_or_default(),
            link: &link,
            detail: &detail,
            amount: refunded,
            minutes: 0,
        };
        let text = sms_text(event, &facts, lang);
        let sms = Sms {
            to: &to,
            text: &text,
            kind: event.as_str(),
            order_no: &order.order_no,
        };
        match self.sms.send(&sms).await {
            Ok(()) => self.noted(order.id, "notice_sent", &format!("{what} to {to}")).await,
            Err(SmsError::Refused(why)) => {
                tracing::warn!(order_no = %order.order_no, %why, "SMS refused for good");
                self.noted(order.id, "notice_refused", &format!("{what} to {to}: {why}"))
                    .await
            }
            Err(SmsError::Unavailable(why)) => Err(format!("SMS not sent: {why}")),
        }
    }

    async fn noted(&self, order_id: i64, kind: &str, detail: &str) -> Result<(), String> {
        payments::record_event(self.db.pool(), order_id, kind, detail)
            .await
            .map_err(|error: DbError| error.to_string())
    }
}
