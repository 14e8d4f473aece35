//! The messages of no order (each written with `outbox::enqueue_alone`): a staff invitation, the owner's note of
//! the texts held over the SMS budget, and the owner's note of a variant running low. Nothing to note in an order's timeline: one refused for good is logged (by
//! the channel's outcome) and not tried again.

use super::{Delivery, Done, Messenger, email::Email, sms::Sms};
use crate::{
    db::{notice_settings, now_ms, outbox},
    domain::{notice::Channel, sms_budget, staff, stock, ub_day},
    i18n::Lang,
};

impl Messenger {
    /// Sends staff invitation `id` by `channel` while it is open (`/admin/staff`). A recipient refused for good is
    /// logged and not tried again; the owner sees the invitation unused and can send a new one. The channel's answer
    /// is logged (and kept by the outbox) blotted: one that echoes the text would carry the link's token.
    pub async fn send_staff_invite(&self, id: i64, channel: Channel) -> Delivery {
        let Some(invite) = crate::db::staff::open_by_id(&self.db, id, now_ms()).await? else {
            // Used, revoked or run out before it could be sent.
            return Ok(Done::Delivered);
        };
        let lang = Lang::from_code(&invite.lang).unwrap_or_default();
        let link = format!("{}/admin/invite/{}", self.public_url, invite.token.unwrap_or_default());
        let delivery = match channel {
            Channel::Sms => {
                let Some(phone) = invite.phone.as_deref() else {
                    return Ok(Done::Delivered);
                };
                let text = staff::invite_sms(&link, lang);
                let sms = Sms {
                    to: phone,
                    text: &text,
                    kind: "staff-invite",
                    order_no: "",
                };
                self.send_sms(&sms).await
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
                self.send_email(&mail, lang).await
            }
        };
        if delivery == Ok(Done::Delivered) {
            tracing::info!(invite = id, channel = channel.as_str(), "staff invitation sent");
        }
        delivery
    }

    /// Tells the owner that texts were held over the SMS budget on Ulaanbaatar day `day` (`domain::sms_budget`),
    /// with how many so far. Once per day and channel: the outbox's key for it names the day.
    pub async fn send_held_note(&self, day: i64, channel: Channel) -> Delivery {
        let Some(to) = self.owner_contact(channel).await? else {
            tracing::warn!(
                day,
                channel = channel.as_str(),
                "texts held over the SMS budget; no owner's contact"
            );
            return Ok(Done::Delivered);
        };
        let held = outbox::held_since(&self.db, ub_day::start_ms(day)).await?;
        let link = format!("{}/admin/messages", self.public_url);
        let lang = Lang::default();
        match channel {
            Channel::Sms => {
                let text = sms_budget::held_sms(held, &link, lang);
                let sms = Sms {
                    to: &to,
                    text: &text,
                    kind: "sms-held",
                    order_no: "",
                };
                self.send_sms(&sms).await
            }
            Channel::Email => {
                let budget = notice_settings::budget(self.db.pool()).await?;
                let (subject, body) = sms_budget::held_email(held, budget, &link, lang);
                let mail = Email {
                    to: &to,
                    subject: &subject,
                    body: &body,
                    kind: "sms-held",
                    order_no: "",
                };
                self.send_email(&mail, lang).await
            }
        }
    }

    /// Tells the owner variant `id` ran low (`db::stock::moved`), with how many are left now and its product's
    /// page, in the shop's default language. Without the owner's contact on this channel there is no one to tell.
    pub async fn send_low_stock(&self, id: i64, channel: Channel) -> Delivery {
        let Some(to) = self.owner_contact(channel).await? else {
            tracing::warn!(
                variant_id = id,
                channel = channel.as_str(),
                "stock running low; no owner's contact"
            );
            return Ok(Done::Delivered);
        };
        let Some(row) = crate::db::stock::variant(&self.db, id).await? else {
            return Ok(Done::Delivered);
        };
        let lang = Lang::default();
        let name = format!(
            "{} — {}",
            lang.pick(&row.product_name_mn, &row.product_name_en),
            lang.pick(&row.variant_name_mn, &row.variant_name_en)
        );
        let link = format!("{}/admin/products/{}", self.public_url, row.product_id);
        let identity = self.identity.current();
        let shop = identity.short(lang);
        match channel {
            Channel::Sms => {
                let text = stock::low_stock_sms(shop, &name, row.stock, &link, lang);
                let sms = Sms {
                    to: &to,
                    text: &text,
                    kind: "low-stock",
                    order_no: "",
                };
                self.send_sms(&sms).await
            }
            Channel::Email => {
                let (subject, body) = stock::low_stock_email(shop, &name, row.stock, &link, lang);
                let mail = Email {
                    to: &to,
                    subject: &subject,
                    body: &body,
                    kind: "low-stock",
                    order_no: "",
                };
                self.send_email(&mail, lang).await
            }
        }
    }
}
