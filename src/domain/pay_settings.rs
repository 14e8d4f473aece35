//! The owner's ways to pay beside QPay (`/admin/payments`, issue #20): which are on, the shop's bank account for
//! transfers, and how long an offline order waits for its money before it expires and its stock goes back.

use serde::{Deserialize, Serialize};

use super::{
    catalog::{FieldError, Problem},
    pay_method::{PayMethod, Route},
};

/// The most hours an offline order may wait for its money (30 days).
pub const MAX_WAIT_HOURS: i64 = 720;
pub const DEFAULT_CASH_HOURS: i64 = 48;
pub const DEFAULT_TRANSFER_HOURS: i64 = 72;

/// The shop's account, shown to a shopper who pays by transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccount {
    pub bank: String,
    pub number: String,
    pub holder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaySettings {
    pub cash_on_delivery: bool,
    pub pay_at_pickup: bool,
    /// `Some` when transfers are on.
    pub transfer: Option<BankAccount>,
    /// How long a cash order waits before it expires, while nobody has packed it.
    pub cash_hours: i64,
    pub transfer_hours: i64,
}

impl Default for PaySettings {
    /// QPay only, as a new shop starts.
    fn default() -> Self {
        PaySettings {
            cash_on_delivery: false,
            pay_at_pickup: false,
            transfer: None,
            cash_hours: DEFAULT_CASH_HOURS,
            transfer_hours: DEFAULT_TRANSFER_HOURS,
        }
    }
}

impl PaySettings {
    /// Whether the owner turned `method` on (QPay always is).
    pub fn is_on(&self, method: PayMethod) -> bool {
        match method {
            PayMethod::Qpay => true,
            PayMethod::CashOnDelivery => self.cash_on_delivery,
            PayMethod::PayAtPickup => self.pay_at_pickup,
            PayMethod::BankTransfer => self.transfer.is_some(),
        }
    }

    /// Whether a shopper whose order goes by `route` may choose `method`.
    pub fn offers(&self, method: PayMethod, route: Route) -> bool {
        self.is_on(method) && method.fits(route)
    }

    /// How long an order paid by `method` waits for its money, in milliseconds; `None` for QPay (its invoice's
    /// lifetime rules).
    pub fn wait_ms(&self, method: PayMethod) -> Option<i64> {
        let hours = match method {
            PayMethod::Qpay => return None,
            PayMethod::BankTransfer => self.transfer_hours,
            PayMethod::CashOnDelivery | PayMethod::PayAtPickup => self.cash_hours,
        };
        Some(hours * 3_600_000)
    }
}

/// The owner's form, as sent: a checkbox is `on` when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaySettingsInput {
    pub cash_on_delivery: String,
    pub pay_at_pickup: String,
    pub bank_transfer: String,
    pub bank: String,
    pub account_number: String,
    pub account_holder: String,
    pub cash_hours: String,
    pub transfer_hours: String,
}

impl PaySettingsInput {
    /// The form as the settings are now, to show them.
    pub fn of(settings: &PaySettings) -> Self {
        let tick = |on: bool| if on { "on".to_owned() } else { String::new() };
        let account = settings.transfer.clone();
        PaySettingsInput {
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
        let mut problems = Vec::new();
        let mut problem = |field: &str, problem: Problem| {
            problems.push(FieldError {
                field: field.into(),
                problem,
            })
        };
        let ticked = |value: &str| !value.trim().is_empty();
        let mut hours = |field: &str, value: &str, default: i64| match value.trim() {
            "" => default,
            text => match text.parse::<i64>() {
                Ok(hours) if (1..=MAX_WAIT_HOURS).contains(&hours) => hours,
                _ => {
                    problem(field, Problem::NotHours);
                    default
                }
            },
        };
        let cash_hours = hours("cash_hours", &self.cash_hours, DEFAULT_CASH_HOURS);
        let transfer_hours = hours("transfer_hours", &self.transfer_hours, DEFAULT_TRANSFER_HOURS);
        let transfer = if ticked(&self.bank_transfer) {
            let bank = self.bank.trim().to_owned();
            let holder = self.account_holder.trim().to_owned();
            // Account numbers and IBANs are written with spaces; kept without them.
            let number: String = self
                .account_number
                .split_whitespace()
                .collect::<String>()
                .to_uppercase();
            for (field, value, max) in [("bank", &bank, 60), ("account_holder", &holder, 100)] {
                if value.is_empty() {
                    problems.push(FieldError {
                        field: field.into(),
                        problem: Problem::Required,
                    });
                } else if value.chars().count() > max {
                    problems.push(FieldError {
                        field: field.into(),
                        problem: Problem::TooLong,
                    });
                }
            }
            let digits = number.chars().filter(char::is_ascii_digit).count();
            if number.is_empty() {
                problems.push(FieldError {
                    field: "account_number".into(),
                    problem: Problem::Required,
                });
            } else if !(6..=34).contains(&number.len())
                || digits < 6
                || !number.chars().all(|c| c.is_ascii_alphanumeric())
            {
                problems.push(FieldError {
                    field: "account_number".into(),
                    problem: Problem::NotAnAccount,
                });
            }
            Some(BankAccount { bank, number, holder })
        } else {
            None
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(PaySettings {
            cash_on_delivery: ticked(&self.cash_on_delivery),
            pay_at_pickup: ticked(&self.pay_at_pickup),
            transfer,
            cash_hours,
            transfer_hours,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(transfer: bool, bank: &str, number: &str, holder: &str, hours: &str) -> PaySettingsInput {
        PaySettingsInput {
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

        let problems = |input: PaySettingsInput| {
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
    fn a_way_to_pay_is_offered_when_on_and_fitting() {
        let mut settings = PaySettings::default();
        assert!(settings.offers(PayMethod::Qpay, Route::Countryside));
        assert!(!settings.offers(PayMethod::CashOnDelivery, Route::City));
        settings.cash_on_delivery = true;
        settings.transfer = Some(BankAccount {
            bank: "b".into(),
            number: "123456".into(),
            holder: "h".into(),
        });
        assert!(settings.offers(PayMethod::CashOnDelivery, Route::City));
        assert!(
            !settings.offers(PayMethod::CashOnDelivery, Route::Pickup),
            "cash to the courier, not at pickup"
        );
        assert!(!settings.offers(PayMethod::PayAtPickup, Route::Pickup), "off");
        assert!(settings.offers(PayMethod::BankTransfer, Route::Countryside));
        assert_eq!(
            settings.wait_ms(PayMethod::BankTransfer),
            Some(DEFAULT_TRANSFER_HOURS * 3_600_000)
        );
        assert_eq!(settings.wait_ms(PayMethod::Qpay), None);
    }
}
