//! The owner's message settings (`/admin/messages`): where the owner hears of paid orders and trouble, and whether
//! an unpaid order gets a reminder before its invoice runs out. The owner's form is
//! `admin/message_settings/form.rs`.

use serde::{Deserialize, Serialize};

/// The settings as kept. Empty means "not set": no owner's phone falls back to `OWNER_PHONE`, no reminder is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSettings {
    pub owner_phone: Option<String>,
    pub owner_email: Option<String>,
    /// Minutes before an unpaid order's invoice runs out that its shopper is reminded; `None`: no reminder.
    pub reminder_minutes: Option<i64>,
    /// The SMS budget (`domain::sms_budget`): texts a stranger can cause to one phone in 24 hours, and from the
    /// shop in an hour; `None`: the default.
    #[serde(default)]
    pub sms_per_phone_day: Option<i64>,
    #[serde(default)]
    pub sms_per_hour: Option<i64>,
}

/// A reminder at most this long before the invoice runs out: a day.
pub const MAX_REMINDER_MINUTES: i64 = 24 * 60;
