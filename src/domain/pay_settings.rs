//! The owner's ways to pay beside QPay (`/admin/payments`): which are on, the shop's bank account for transfers,
//! and how long an offline order waits for its money before it expires and its stock goes back. The owner's form is
//! `admin/pay_settings/form.rs`.

use serde::{Deserialize, Serialize};

use super::pay_method::{PayMethod, Route};

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

impl BankAccount {
    /// An account number or IBAN as the owner types it (`MN12 0015 00 1234567890`): kept without spaces, in upper
    /// case.
    pub fn number_of(typed: &str) -> String {
        typed.split_whitespace().collect::<String>().to_uppercase()
    }

    /// Whether `number` (as [`BankAccount::number_of`] keeps it) is an account number or IBAN: 6 to 34 letters and
    /// digits, at least 6 of them digits.
    pub fn is_number(number: &str) -> bool {
        let digits = number.chars().filter(char::is_ascii_digit).count();
        (6..=34).contains(&number.len()) && digits >= 6 && number.chars().all(|c| c.is_ascii_alphanumeric())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_number_is_letters_and_digits_kept_without_spaces() {
        assert_eq!(
            BankAccount::number_of(" mn12 0015 00 1234567890 "),
            "MN120015001234567890"
        );
        let cases = [
            ("5000123456", true),
            ("MN120015001234567890", true),
            ("123456", true),
            ("12345", false),
            ("ABCDE12345", false),
            ("12-3456789", false),
            ("", false),
        ];
        for (number, expected) in cases {
            assert_eq!(BankAccount::is_number(number), expected, "{number}");
        }
        assert!(!BankAccount::is_number(&"1".repeat(35)));
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
