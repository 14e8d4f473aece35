//! The owner's ways to pay (`domain::pay_settings`): one row, read at checkout and when an order is placed, so a
//! change in the admin applies to the next order.

use super::{Db, DbError, now_ms};
use crate::domain::pay_settings::{BankAccount, PaySettings};

#[derive(sqlx::FromRow)]
struct Row {
    cash_on_delivery: i64,
    pay_at_pickup: i64,
    bank: Option<String>,
    account_number: Option<String>,
    account_holder: Option<String>,
    cash_hours: i64,
    transfer_hours: i64,
}

/// The settings; QPay only until the owner saves them.
pub async fn get(db: &Db) -> Result<PaySettings, DbError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT cash_on_delivery, pay_at_pickup, bank, account_number, account_holder, cash_hours, transfer_hours \
         FROM pay_settings WHERE id = 1",
    )
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(PaySettings::default());
    };
    let transfer = match (row.bank, row.account_number, row.account_holder) {
        (Some(bank), Some(number), Some(holder)) => Some(BankAccount { bank, number, holder }),
        _ => None,
    };
    Ok(PaySettings {
        cash_on_delivery: row.cash_on_delivery == 1,
        pay_at_pickup: row.pay_at_pickup == 1,
        transfer,
        cash_hours: row.cash_hours,
        transfer_hours: row.transfer_hours,
    })
}

pub async fn save(db: &Db, settings: &PaySettings) -> Result<(), DbError> {
    let account = settings.transfer.as_ref();
    sqlx::query(
        "INSERT INTO pay_settings (id, cash_on_delivery, pay_at_pickup, bank, account_number, account_holder, \
                                   cash_hours, transfer_hours, updated_at) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET \
         cash_on_delivery = excluded.cash_on_delivery, pay_at_pickup = excluded.pay_at_pickup, bank = excluded.bank, \
         account_number = excluded.account_number, account_holder = excluded.account_holder, \
         cash_hours = excluded.cash_hours, transfer_hours = excluded.transfer_hours, updated_at = excluded.updated_at",
    )
    .bind(i64::from(settings.cash_on_delivery))
    .bind(i64::from(settings.pay_at_pickup))
    .bind(account.map(|a| a.bank.as_str()))
    .bind(account.map(|a| a.number.as_str()))
    .bind(account.map(|a| a.holder.as_str()))
    .bind(settings.cash_hours)
    .bind(settings.transfer_hours)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}
