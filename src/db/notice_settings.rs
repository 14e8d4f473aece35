//! The owner's message settings (`domain::notice_settings`): one row, read when a message is sent, so a change in
//! the admin applies to the next message.

use super::{Db, DbError, now_ms};
use crate::domain::{notice_settings::NoticeSettings, sms_budget::SmsBudget};

type Row = (Option<String>, Option<String>, Option<i64>, Option<i64>, Option<i64>);

/// The settings; all empty until the owner saves them.
pub async fn get(db: &Db) -> Result<NoticeSettings, DbError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT owner_phone, owner_email, reminder_minutes, sms_per_phone_day, sms_per_hour \
             FROM notice_settings WHERE id = 1",
    )
    .fetch_optional(db.pool())
    .await?;
    let (owner_phone, owner_email, reminder_minutes, sms_per_phone_day, sms_per_hour) = row.unwrap_or_default();
    Ok(NoticeSettings {
        owner_phone,
        owner_email,
        reminder_minutes,
        sms_per_phone_day,
        sms_per_hour,
    })
}

pub async fn save(db: &Db, settings: &NoticeSettings) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO notice_settings \
             (id, owner_phone, owner_email, reminder_minutes, updated_at, sms_per_phone_day, sms_per_hour) \
         VALUES (1, $1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET owner_phone = excluded.owner_phone, \
         owner_email = excluded.owner_email, reminder_minutes = excluded.reminder_minutes, \
         updated_at = excluded.updated_at, sms_per_phone_day = excluded.sms_per_phone_day, \
         sms_per_hour = excluded.sms_per_hour",
    )
    .bind(settings.owner_phone.as_deref())
    .bind(settings.owner_email.as_deref())
    .bind(settings.reminder_minutes)
    .bind(now_ms())
    .bind(settings.sms_per_phone_day)
    .bind(settings.sms_per_hour)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The owner's SMS budget (`/admin/messages`), or the defaults.
pub async fn budget<'e>(executor: impl sqlx::Executor<'e, Database = sqlx::Any>) -> Result<SmsBudget, DbError> {
    let row: Option<(Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT sms_per_phone_day, sms_per_hour FROM notice_settings WHERE id = 1")
            .fetch_optional(executor)
            .await?;
    let (per_phone_per_day, per_hour) = row.unwrap_or_default();
    Ok(SmsBudget::of(per_phone_per_day, per_hour))
}
