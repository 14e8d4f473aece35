//! Telling the shopper and the owner (issue #19): the outbox's `notice:{event}:{channel}` messages, each written in
//! the transaction of the move that causes it and so at most one per order, event and channel. Delivering one
//! renders its text in the order's language (`domain::notice`) and sends it by SMS or e-mail; a gateway or mail
//! server that refuses the recipient for good is recorded in the order's timeline and not asked again, one that is
//! down is tried again by the outbox. The owner's phone and e-mail are read from the admin's settings as each
//! message is sent (the phone falling back to `OWNER_PHONE`).

use super::{
    blot::{blot_mail, blot_sms},
    service::PaymentService,
};
use crate::{
    db::{DbError, notice_settings, now_ms, order_lookups, orders::OrderRow, outbox, payments},
    domain::{
        PaymentState,
        notice::{Audience, Channel, Event, Facts, email, sms_text},
        order_lookup::code_sms,
        sms_budget, staff,
    },
    email::{Email, EmailError},
    i18n::Lang,
    sms::{Sms, SmsError},
};

impl PaymentService {
    /// Sends the order's message about `event`; `Err` (tried again later) only while the gateway cannot take it.
    pub async fn send_notice(&self, order: &OrderRow, event: Event, channel: Channel) -> Result<(), String> {
        let what = format!("{} {}", event.as_str(), channel.as_str());
        if event == Event::Reminder && order.payment_state != PaymentState::AwaitingPayment {
            // Paid (or ended) since the reminder was written: no reminder to pay now.
            return self.noted(order.id, "notice_skipped", &what).await;
        }
        let Some(to) = self.recipient(order, event, channel).await? else {
            // No owner's phone or e-mail, or no shopper's e-mail: nothing to send, and nothing to try again.
            return self.noted(order.id, "notice_skipped", &what).await;
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
        let facts = Facts {
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
            return self.mailed(order, &mail, &what).await;
        }
        let text = sms_text(event, &facts, lang);
        let sms = Sms {
            to: &to,
            text: &text,
            kind: event.as_str(),
            order_no: &order.order_no,
        };
        self.sent(order, &sms, &what).await
    }

    /// Whom the message goes to: the order's phone or e-mail, or the owner's as the admin's settings say now.
    async fn recipient(&self, order: &OrderRow, event: Event, channel: Channel) -> Result<Option<String>, String> {
        let given = |value: Option<&str>| value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        Ok(match (event.audience(), channel) {
            (Audience::Shopper, Channel::Sms) => Some(order.phone.clone()),
            (Audience::Shopper, Channel::Email) => given(order.email.as_deref()),
            (Audience::Owner, channel) => self.owner_contact(channel).await?,
        })
    }

    /// The owner's phone or e-mail as the admin's settings say now (the phone falling back to `OWNER_PHONE`).
    async fn owner_contact(&self, channel: Channel) -> Result<Option<String>, String> {
        let given = |value: Option<&str>| value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let saved = notice_settings::get(&self.db).await.map_err(|e| e.to_string())?;
        Ok(match channel {
            Channel::Sms => given(saved.owner_phone.as_deref())
                .or_else(|| self.settings.sms.owner_phone.as_ref().map(|p| p.as_str().to_owned())),
            Channel::Email => given(saved.owner_email.as_deref()),
        })
    }

    /// Tells the owner that texts were held over the SMS budget on Ulaanbaatar day `day` (`domain::sms_budget`),
    /// with how many so far. Once per day and channel: the outbox's key for it names the day.
    pub async fn send_held_note(&self, day: i64, channel: Channel) -> Result<(), String> {
        let Some(to) = self.owner_contact(channel).await? else {
            tracing::warn!(
                day,
                channel = channel.as_str(),
                "texts held over the SMS budget; no owner's contact"
            );
            return Ok(());
        };
        let held = outbox::held_since(&self.db, sms_budget::ub_day_start(day))
            .await
            .map_err(|e| e.to_string())?;
        let link = format!("{}/admin/messages", self.public_url);
        let lang = Lang::default();
        let outcome = match channel {
            Channel::Sms => {
                let text = sms_budget::held_sms(held, &link, lang);
                let sms = Sms {
                    to: &to,
                    text: &text,
                    kind: "sms-held",
                    order_no: "",
                };
                self.messengers.sms.send(&sms).await.map_err(|error| match error {
                    SmsError::Refused(why) => (true, why),
                    SmsError::Unavailable(why) => (false, why),
                })
            }
            Channel::Email => {
                let budget = notice_settings::budget(self.db.pool())
                    .await
                    .map_err(|e| e.to_string())?;
                let (subject, body) = sms_budget::held_email(held, budget, &link, lang);
                let mail = Email {
                    to: &to,
                    subject: &subject,
                    body: &body,
                    kind: "sms-held",
                    order_no: "",
                };
                self.messengers.mailer.send(&mail).await.map_err(|error| match error {
                    EmailError::Refused(why) => (true, why),
                    EmailError::Unavailable(why) => (false, why),
                })
            }
        };
        match outcome {
            Ok(()) => Ok(()),
            Err((true, why)) => {
                tracing::warn!(day, channel = channel.as_str(), %why, "the owner's note of held texts refused");
                Ok(())
            }
            Err((false, why)) => Err(format!("{} not sent: {why}", channel.as_str())),
        }
    }

    /// Minutes left to pay, for a reminder: from now to the invoice's end, at least one.
    async fn reminder_minutes(&self, order: &OrderRow) -> Result<i64, String> {
        let invoice = payments::invoice_of(&self.db, order.id)
            .await
            .map_err(|e| e.to_string())?;
        let left_ms = invoice.map_or(0, |invoice| invoice.expires_at - now_ms());
        Ok((left_ms / 60_000).max(1))
    }

    /// Writes a reminder to pay for each unpaid order whose invoice runs out within the owner's reminder time
    /// (`/admin/messages`; none: no reminders); how many were written.
    pub async fn remind_unpaid(&self, now: i64) -> Result<u64, DbError> {
        let Some(minutes) = notice_settings::get(&self.db).await?.reminder_minutes else {
            return Ok(0);
        };
        crate::db::outbox::enqueue_reminders(&self.db, now, minutes * 60_000).await
    }

    /// Sends the code of lookup `id` to the order's phone, while it can still be used (`/orders/find`). Only the
    /// SMS carries the code: the timeline says one was sent, not what it was.
    pub async fn send_lookup_code(&self, order: &OrderRow, id: i64) -> Result<(), String> {
        let what = "lookup-code sms";
        let code = order_lookups::code_to_send(&self.db, id, now_ms())
            .await
            .map_err(|error| error.to_string())?;
        let Some((code, lang)) = code else {
            // Used, tried out or run out before it could be sent: no use sending it now.
            return self.noted(order.id, "notice_skipped", what).await;
        };
        let text = code_sms(&order.order_no, &code, Lang::from_code(&lang).unwrap_or_default());
        let sms = Sms {
            to: &order.phone,
            text: &text,
            kind: "lookup-code",
            order_no: &order.order_no,
        };
        self.sent(order, &sms, what).await
    }

    /// Sends staff invitation `id` by `channel` while it is open (`/admin/staff`). A recipient refused for good is
    /// logged and not tried again; the owner sees the invitation unused and can send a new one. The gateway's answer
    /// is logged (and kept by the outbox) [`blot`]ted: one that echoes the text would carry the link's token.
    pub async fn send_staff_invite(&self, id: i64, channel: Channel) -> Result<(), String> {
        let invite = crate::db::staff::open_by_id(&self.db, id, now_ms())
            .await
            .map_err(|error| error.to_string())?;
        let Some(invite) = invite else {
            // Used, revoked or run out before it could be sent.
            return Ok(());
        };
        let lang = Lang::from_code(&invite.lang).unwrap_or_default();
        let link = format!("{}/admin/invite/{}", self.public_url, invite.token.unwrap_or_default());
        let refused = match channel {
            Channel::Sms => {
                let Some(phone) = invite.phone.as_deref() else {
                    return Ok(());
                };
                let text = staff::invite_sms(&link, lang);
                let sms = Sms {
                    to: phone,
                    text: &text,
                    kind: "staff-invite",
                    order_no: "",
                };
                let answer = self.messengers.sms.send(&sms).await;
                match answer.map_err(|error| blot_sms(error, &text)) {
                    Ok(()) => None,
                    Err(SmsError::Refused(why)) => Some(why),
                    Err(SmsError::Unavailable(why)) => return Err(format!("SMS not sent: {why}")),
                }
            }
            Channel::Email => {
                let (subject, body) = staff::invite_email(&link, &invite.invited_by, lang);
                let mail = Email {
                    to: &invite.email,
                    subject: &subject,
                    body: &body,
                    kind: "staff-invite",
                    order_no: "",
                };
                let answer = self.messengers.mailer.send(&mail).await;
                match answer.map_err(|error| blot_mail(error, &mail)) {
                    Ok(()) => None,
                    Err(EmailError::Refused(why)) => Some(why),
                    Err(EmailError::Unavailable(why)) => return Err(format!("e-mail not sent: {why}")),
                }
            }
        };
        match refused {
            None => tracing::info!(invite = id, channel = channel.as_str(), "staff invitation sent"),
            Some(why) => {
                tracing::warn!(invite = id, channel = channel.as_str(), %why, "staff invitation refused for good")
            }
        }
        Ok(())
    }

    /// Sends `sms` and records what became of it; `Err` (tried again later) only while the gateway cannot take it.
    /// A gateway's answer is kept and logged [`blot`]ted: some echo the text, with its code or pay link.
    async fn sent(&self, order: &OrderRow, sms: &Sms<'_>, what: &str) -> Result<(), String> {
        let to = sms.to;
        let answer = self.messengers.sms.send(sms).await;
        match answer.map_err(|error| blot_sms(error, sms.text)) {
            Ok(()) => self.noted(order.id, "notice_sent", &format!("{what} to {to}")).await,
            Err(SmsError::Refused(why)) => {
                tracing::warn!(order_no = %order.order_no, %why, "SMS refused for good");
                self.noted(order.id, "notice_refused", &format!("{what} to {to}: {why}"))
                    .await
            }
            Err(SmsError::Unavailable(why)) => Err(format!("SMS not sent: {why}")),
        }
    }

    /// Sends `mail` and records what became of it; `Err` (tried again later) only while the server cannot take it.
    /// The server's answer is kept and logged [`blot`]ted, as an SMS gateway's is.
    async fn mailed(&self, order: &OrderRow, mail: &Email<'_>, what: &str) -> Result<(), String> {
        let to = mail.to;
        let answer = self.messengers.mailer.send(mail).await;
        match answer.map_err(|error| blot_mail(error, mail)) {
            Ok(()) => self.noted(order.id, "notice_sent", &format!("{what} to {to}")).await,
            Err(EmailError::Refused(why)) => {
                tracing::warn!(order_no = %order.order_no, %why, "e-mail refused for good");
                self.noted(order.id, "notice_refused", &format!("{what} to {to}: {why}"))
                    .await
            }
            Err(EmailError::Unavailable(why)) => Err(format!("e-mail not sent: {why}")),
        }
    }

    async fn noted(&self, order_id: i64, kind: &str, detail: &str) -> Result<(), String> {
        payments::record_event(self.db.pool(), order_id, kind, detail)
            .await
            .map_err(|error: DbError| error.to_string())
    }
}
