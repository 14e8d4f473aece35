//! Who may do what on the shop's side: the owner everything, staff the daily work on orders. Every admin server
//! function names the [`Duty`] it needs and asks [`Role::may`] on the server; pages ask the same to hide what a role
//! cannot do.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

use super::{OwnerAction, pay_method::PayMethod};

/// How long an invitation's link works.
pub const INVITE_HOURS: i64 = 72;
/// Letters and digits in an invitation's token (about 190 bits).
pub const INVITE_TOKEN_CHARS: usize = 32;

/// An account's role, stored by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Everything, staff management included.
    Owner,
    /// Orders only: see them, move packing and delivery forward, record cash received (not a transfer).
    Staff,
}

/// What a server function or an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duty {
    /// See the order list, an order's page and the export; ask QPay how an order stands.
    SeeOrders,
    /// Mark an order packed, shipped, delivered or picked up.
    Fulfil,
    /// Record cash received for an order: to the courier or at the pickup point, where staff take it.
    TakeCash,
    /// Record a bank transfer received: it is seen only in the shop's account, which the owner alone sees.
    ConfirmTransfer,
    /// Cancel an unpaid order, refund, handle e-barimt receipts, send a message again.
    Money,
    /// Make an order for a customer (`/admin/orders/new`) and send its pay link: the owner's, as it sets prices
    /// (a delivery fee by hand, a discount).
    MakeOrders,
    /// Products, prices, stock and pictures.
    Catalog,
    /// Delivery, discount codes, messages and the shop's other settings.
    Settings,
    /// Invite, disable and list staff accounts.
    ManageStaff,
    /// Read the sales report: the shop's revenue, which the owner alone sees (staff see orders one by one).
    SeeReports,
}

impl Duty {
    /// Every duty.
    pub const ALL: [Duty; 10] = [
        Duty::SeeOrders,
        Duty::Fulfil,
        Duty::TakeCash,
        Duty::ConfirmTransfer,
        Duty::Money,
        Duty::MakeOrders,
        Duty::Catalog,
        Duty::Settings,
        Duty::ManageStaff,
        Duty::SeeReports,
    ];
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Owner, Role::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// Whether this role may do `duty`.
    pub fn may(self, duty: Duty) -> bool {
        match self {
            Role::Owner => true,
            Role::Staff => matches!(duty, Duty::SeeOrders | Duty::Fulfil | Duty::TakeCash),
        }
    }
}

impl PayMethod {
    /// The duty recording money received this way needs. Staff hand over the goods and take the cash, so they record
    /// it; a transfer is confirmed by looking at the shop's bank account, which staff cannot see, so only the owner
    /// records one (a staff member's word for it would let goods go out against money nobody saw).
    pub fn duty_to_record(self) -> Duty {
        match self {
            PayMethod::BankTransfer => Duty::ConfirmTransfer,
            PayMethod::Qpay | PayMethod::CashOnDelivery | PayMethod::PayAtPickup => Duty::TakeCash,
        }
    }
}

impl OwnerAction {
    /// The duty this action on an order needs.
    pub fn duty(self) -> Duty {
        match self {
            OwnerAction::Recheck => Duty::SeeOrders,
            OwnerAction::Fulfil(_) => Duty::Fulfil,
            OwnerAction::Cancel | OwnerAction::EbarimtRetry | OwnerAction::EbarimtCancel => Duty::Money,
        }
    }
}

/// Whom to invite, checked (the owner's form is `admin/staff/form.rs`): the e-mail address they will sign in with,
/// in lower case, and a phone the link also goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub email: String,
    pub phone: Option<String>,
}

/// The invitation's SMS: one line and the link.
pub fn invite_sms(link: &str, lang: Lang) -> String {
    lang.messages()
        .invite_sms
        .replace("{hours}", &INVITE_HOURS.to_string())
        .replace("{link}", link)
}

/// The invitation's e-mail: subject and body.
pub fn invite_email(link: &str, invited_by: &str, lang: Lang) -> (String, String) {
    let texts = lang.messages();
    // Who invited last: an address typed by the owner cannot fill in the other values.
    let body = texts
        .invite_body
        .replace("{hours}", &INVITE_HOURS.to_string())
        .replace("{link}", link)
        .replace("{invited_by}", invited_by);
    (texts.invite_subject.to_owned(), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Fulfilment;

    #[test]
    fn the_invitation_sms_fits_two_segments_with_a_long_shop_address() {
        let link = format!(
            "https://delguur-ulaanbaatar.mn/admin/invite/{}",
            "x".repeat(INVITE_TOKEN_CHARS)
        );
        for lang in [Lang::Mn, Lang::En] {
            let text = invite_sms(&link, lang);
            assert!(text.ends_with(&link));
            assert!(crate::domain::notice::segments(&text) <= 2, "{lang:?}: {text}");
        }
    }

    #[test]
    fn staff_do_the_daily_work_on_orders_and_nothing_else() {
        let staff_may = [Duty::SeeOrders, Duty::Fulfil, Duty::TakeCash];
        for duty in Duty::ALL {
            assert!(Role::Owner.may(duty), "{duty:?}");
            assert_eq!(Role::Staff.may(duty), staff_may.contains(&duty), "{duty:?}");
        }
    }

    #[test]
    fn staff_record_cash_and_only_the_owner_a_transfer() {
        let cases = [
            (PayMethod::CashOnDelivery, true),
            (PayMethod::PayAtPickup, true),
            (PayMethod::BankTransfer, false),
        ];
        for (method, staff_may) in cases {
            let duty = method.duty_to_record();
            assert!(Role::Owner.may(duty), "{method:?}");
            assert_eq!(Role::Staff.may(duty), staff_may, "{method:?}");
        }
    }

    #[test]
    fn each_order_action_names_its_duty() {
        let cases = [
            (OwnerAction::Recheck, Duty::SeeOrders),
            (OwnerAction::Fulfil(Fulfilment::Packed), Duty::Fulfil),
            (OwnerAction::Fulfil(Fulfilment::Delivered), Duty::Fulfil),
            (OwnerAction::Cancel, Duty::Money),
            (OwnerAction::EbarimtRetry, Duty::Money),
            (OwnerAction::EbarimtCancel, Duty::Money),
        ];
        for (action, duty) in cases {
            assert_eq!(action.duty(), duty, "{action:?}");
        }
    }

    #[test]
    fn roles_round_trip_by_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Owner"), None);
        assert_eq!(Role::parse(""), None);
    }
}
