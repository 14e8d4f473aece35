//! The ways-to-pay form as a browser posts it (a checkbox is `on` when ticked), checked into the shop's
//! `PaySettings` (`domain::pay_settings`): every field's mistake at once.

use serde::{Deserialize, Serialize};

use crate::{
    admin::form::{Check, FieldError, Problem},
    domain::pay_settings::{BankAccount, DEFAULT_CASH_HOURS, DEFAULT_TRANSFER_HOURS, MAX_WAIT_HOURS, PaySettings},
};

/// The owner's form, as sent: a checkbox is `on` when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaySettingsForm {
    #[serde(default)]
    pub cash_on_delivery: String,
    #[serde(default)]
    pub pay_at_pickup: String,
    #[serde(default)]
    pub bank_transfer: String,
    #[serde(default)]
    pub bank: String,
    #[serde(default)]
    pub account_number: String,
    #[serde(default)]
    pub account_holder: String,
    #[serde(default)]
    pub cash_hours: String,
    #[serde(default)]
    pub transfer_hours: String,
}

fn is_ticked(value: &str) -> bool {
    !value.trim().is_empty()
}

/// Hours from 1 to [`MAX_WAIT_HOURS`]; empty is `default`, and so is a mistake, with its problem.
fn hours(check: &mut Check, field: &str, value: &str, default: i64) -> i64 {
    match value.trim() {
        "" => default,
        text => match text.parse::<i64>() {
            Ok(hours) if (1..=MAX_WAIT_HOURS).contains(&hours) => hours,
            _ => {
                check.fail(field, Problem::NotHours);
                default
            }
        },
    }
}

impl PaySettingsForm {
    /// The form as the settings are now, to show them.
    pub fn of(settings: &PaySettings) -> Self {
        let tick = |on: bool| if on { "on".to_owned() } else { String::new() };
        let account = settings.transfer.clone();
        PaySettingsForm {
            cash_on_delivery: tick(settings.cash_on_delivery),
            pay_at_pickup: tick(settings.pay_at_pickup),
            bank_transfer: tick(account.is_some()),
            bank: account.as_ref().map(|a| a.bank.clone()).unwrap_or_default(),
            account_number: account.as_ref().map(|a| a.number.clone()).unwrap_or_default(),
            account_holder: account.map(|a| a.holder).unwrap_or_default(),
            cash_hours: settings.cash_hours.to_string(),
            transfer_hours: settings.transfer_hours.to_string(),
        }
    }

    /// The settings, or every field's mistake at once. The bank's fields are needed only when transfers are on.
    pub fn parse(&self) -> Result<PaySettings, Vec<FieldError>> {
        let mut check = Check::default();
        let cash_hours = hours(&mut check, "cash_hours", &self.cash_hours, DEFAULT_CASH_HOURS);
        let transfer_hours = hours(
            &mut check,
            "transfer_hours",
            &self.transfer_hours,
            DEFAULT_TRANSFER_HOURS,
        );
        let transfer = is_ticked(&self.bank_transfer).then(|| self.account(&mut check));
        check.done(PaySettings {
            cash_on_delivery: is_ticked(&self.cash_on_delivery),
            pay_at_pickup: is_ticked(&self.pay_at_pickup),
            transfer,
            cash_hours,
            transfer_hours,
        })
    }

    /// The shop's bank account, its fields' problems pushed onto `check`.
    fn account(&self, check: &mut Check) -> BankAccount {
        let bank = check.text("bank", &self.bank, 60, true);
        let holder = check.text("account_holder", &self.account_holder, 100, true);
        // Account numbers and IBANs are written with spaces; kept without them.
        let number = BankAccount::number_of(&self.account_number);
        if number.is_empty() {
            check.fail("account_number", Problem::Required);
        } else if !BankAccount::is_number(&number) {
            check.fail("account_number", Problem::NotAnAccount);
        }
        BankAccount { bank, number, holder }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(transfer: bool, bank: &str, number: &str, holder: &str, hours: &str) -> PaySettingsForm {
        PaySettingsForm {
            cash_on_delivery: "on".into(),
            bank_transfer: if transfer { "on".into() } else { String::new() },
            bank: bank.into(),
            account_number: number.into(),
            account_holder: holder.into(),
            transfer_hours: hours.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_form_gives_settings_or_each_fields_mistake() {
        let settings = input(true, " Хаан банк ", "5000 1234 56", "Дэлгүүр ХХК", "96")
            .parse()
            .unwrap();
        assert_eq!(
            settings.transfer,
            Some(BankAccount {
                bank: "Хаан банк".into(),
                number: "5000123456".into(),
                holder: "Дэлгүүр ХХК".into()
            })
        );
        assert!(settings.cash_on_delivery && !settings.pay_at_pickup);
        assert_eq!((settings.cash_hours, settings.transfer_hours), (DEFAULT_CASH_HOURS, 96));
        // Transfers off: the bank's fields are not asked for.
        assert_eq!(input(false, "", "", "", "").parse().unwrap().transfer, None);

        let problems = |input: PaySettingsForm| {
            input
                .parse()
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems(input(true, "", "12-34", "", "0")),
            [
                ("transfer_hours".into(), Problem::NotHours),
                ("bank".into(), Problem::Required),
                ("account_holder".into(), Problem::Required),
                ("account_number".into(), Problem::NotAnAccount),
            ]
        );
        assert_eq!(
            problems(input(false, "", "", "", "721")),
            [("transfer_hours".into(), Problem::NotHours)]
        );
        let iban = input(true, "Голомт", "MN12 0015 00 1234567890", "Б. Бат", "").parse();
        assert_eq!(
            iban.unwrap().transfer.unwrap().number,
            "MN120015001234567890",
            "an IBAN is an account number"
        );
    }

    #[test]
    fn the_settings_read_back_into_the_form() {
        let form = input(true, "Хаан банк", "5000123456", "Дэлгүүр ХХК", "96");
        let settings = form.parse().unwrap();
        assert_eq!(PaySettingsForm::of(&settings).parse(), Ok(settings));
    }
}
