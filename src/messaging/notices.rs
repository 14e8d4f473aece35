//! Telling the shopper and the owner: the outbox's `notice:{event}:{channel}` messages, each written in the
//! transaction of the move that causes it and so at most one per order, event and channel, and the code that finds
//! an order again. Delivering one renders its text in the order's language (`domain::notice`) and sends it by SMS or
//! e-mail, noting in the order's timeline what was sent to whom (`notice_sent`) or skipped (`notice_skipped`); one
//! refused for good the outbox notes there too (`notice_refused`), and does not ask again. The owner's phone and
//! e-mail are read from the admin's settings as each message is sent (the phone falling back to `OWNER_PHONE`).

use super::{Delivery, Done, Messenger, Retry, email::Email, sms::Sms};
use crate::{
    db::{notice_settings, now_ms, order_lookups, orders::OrderRow, payments},
    domain::{
        PaymentState,
        notice::{Audience, Channel, Event, Facts, email, sms_text},
        order_lookup::code_sms,
    },
    i18n::Lang,
};

impl Messenger {
    /// Sends the order's message about `event`; tried again later ([`Retry`]) only while the channel cannot take it.
    pub async fn send_notice(&self, order: &OrderRow, event: Event, channel: Channel) -> Delivery {
        let what = format!("{} {}", event.as_str(), channel.as_str());
        if event == Event::Reminder && order.payment_state != PaymentState::AwaitingPayment {
            // Paid (or ended) since the reminder was written: no reminder to pay now.
            return self.note_in_timeline(order.id, "notice_skipped", &what).await;
        }
        let Some(to) = self.recipient(order, event, channel).await? else {
            // No owner's phone or e-mail, or no shopper's e-mail: nothing to send, and nothing to try again.
            return self.note_in_timeline(order.id, "notice_skipped", &what).await;
        };
        let lang = Lang::from_code(&order.lang).unwrap_or_default();
        // The shopper's pay link carries the order's key; the owner's e-mail links to the owner's page instead.
        let link = match event.audience() {
            Audience::Shopper => format!("{}/o/{}/{}", self.public_url, order.order_no, order.view_key),
            Audience::Owner => format!("{}/admin/orders/{}", self.public_url, order.order_no),
        };
        let refunded = order.refunded;
        let detail = match event {
            Event::NewPaidOrder => format!("{}, {}", order.customer_name, order.phone),
            Event::NewOfflineOrder => {
                let method = order.pay_method.label(lang);
                format!("{method}: {}, {}", order.customer_name, order.phone)
            }
            Event::NeedsAttention => order.attention.clone().unwrap_or_default(),
            Event::ReadyForPickup => order.pickup_point.clone().unwrap_or_default(),
            Event::Shipped => order.courier_note.clone().unwrap_or_default(),
            _ => String::new(),
        };
        let identity = self.identity.current();
        let facts = Facts {
            shop: identity.short(lang),
            order_no: &order.order_no,
            total: order.total,
            link: &link,
            detail: &detail,
            amount: refunded,
            minutes: self.reminder_minutes(order).await?,
        };
        if channel == Channel::Email {
            let (subject, body) = email(event, &facts, lang);
            let mail = Email {
                to: &to,
                subject: &subject,
                body: &body,
                kind: event.as_str(),
                order_no: &order.order_no,
            };
            let delivery = self.send_email(&mail, lang).await;
            return self.note_delivery(order, delivery, &format!("{what} to {to}")).await;
        }
        let text = sms_text(event, &facts, lang);
        let sms = Sms {
            to: &to,
            text: &text,
            kind: event.as_str(),
            order_no: &order.order_no,
        };
        let delivery = self.send_sms(&sms).await;
        self.note_delivery(order, delivery, &format!("{what} to {to}")).await
    }

    /// Whom the message goes to: the order's phone or e-mail, or the owner's as the admin's settings say now.
    async fn recipient(&self, order: &OrderRow, event: Event, channel: Channel) -> Result<Option<String>, Retry> {
        let given = |value: Option<&str>| value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        Ok(match (event.audience(), channel) {
            (Audience::Shopper, Channel::Sms) => Some(order.phone.clone()),
            (Audience::Shopper, Channel::Email) => given(order.email.as_deref()),
            (Audience::Owner, channel) => self.owner_contact(channel).await?,
        })
    }

    /// The owner's phone or e-mail as the admin's settings say now (the phone falling back to `OWNER_PHONE`).
    pub(super) async fn owner_contact(&self, channel: Channel) -> Result<Option<String>, Retry> {
        let given = |value: Option<&str>| value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let saved = notice_settings::get(&self.db).await?;
        Ok(match channel {
            Channel::Sms => given(saved.owner_phone.as_deref()).or_else(|| self.owner_phone.clone()),
            Channel::Email => given(saved.owner_email.as_deref()),
        })
    }

    /// Minutes left to pay, for a reminder: from now to the invoice's end, at least one.
    async fn reminder_minutes(&self, order: &OrderRow) -> Result<i64, Retry> {
        let invoice = payments::invoice_of(&self.db, order.id).await?;
        let left_ms = invoice.map_or(0, |invoice| invoice.expires_at - now_ms());
        Ok((left_ms / 60_000).max(1))
    }

    /// Sends the code of lookup `id` to the order's phone, while it can still be used (`/orders/find`). Only the
    /// SMS carries the code: the timeline says one was sent, not what it was.
    pub async fn send_lookup_code(&self, order: &OrderRow, id: i64) -> Delivery {
        let what = "lookup-code sms";
        let code = order_lookups::code_to_send(&self.db, id, now_ms()).await?;
        let Some((code, lang)) = code else {
            // Used, tried out or run out before it could be sent: no use sending it now.
            return self.note_in_timeline(order.id, "notice_skipped", what).await;
        };
        let lang = Lang::from_code(&lang).unwrap_or_default();
        let text = code_sms(self.identity.current().short(lang), &order.order_no, &code, lang);
        let sms = Sms {
            to: &order.phone,
            text: &text,
            kind: "lookup-code",
            order_no: &order.order_no,
        };
        let delivery = self.send_sms(&sms).await;
        self.note_delivery(order, delivery, &format!("{what} to {}", order.phone))
            .await
    }

    /// What became of an order's message `what_to_whom` (what, sent to whom): sent, noted in the order's timeline;
    /// refused for good, `what_to_whom` put before why, for the outbox to note there.
    async fn note_delivery(&self, order: &OrderRow, delivery: Delivery, what_to_whom: &str) -> Delivery {
        match delivery? {
            Done::Delivered => self.note_in_timeline(order.id, "notice_sent", what_to_whom).await,
            Done::Refused(why) => Ok(Done::Refused(format!("{what_to_whom}: {why}"))),
        }
    }
}
