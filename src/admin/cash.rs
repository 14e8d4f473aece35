//! Money the shop takes itself: from the order's page, the owner or staff record cash received, and the owner alone
//! a transfer (`PayMethod::duty_to_record`), with the amount and a note; `payment::offline` moves the order.

use leptos::prelude::*;

use crate::error::AppError;

/// Records `amount` tögrög received for the order (`note`: who paid, the transfer's reference), then back to the
/// order with what came of it. Staff may record cash; a transfer is refused them (403) by the service.
#[server]
pub async fn admin_receive_payment(
    #[server(default)] order_no: String,
    #[server(default)] amount: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let account = super::signed_in(crate::domain::staff::Duty::TakeCash).await?;
    let admin = expect_context::<super::service::AdminService>();
    let lang = crate::i18n::use_lang();
    let notice = admin.receive_payment(&account, &order_no, &amount, &note, lang).await?;
    super::back_to_order(&order_no, Some(notice)).await
}

/// `AdminService`'s part for recording money received, beside its server function: one action of the order's page,
/// one small file (`admin/service.rs` lists every file that extends the service).
#[cfg(feature = "ssr")]
mod service {
    use crate::{
        admin::{Account, service::AdminService},
        db::orders,
        domain::{Mnt, OrderNo, PaymentState, pay_method::Refused},
        error::AppError,
        i18n::Lang,
        payment::offline::Received,
    };

    impl AdminService {
        /// Records money received for the order by `who`; what came of it, in the owner's language. Nothing is
        /// recorded for an amount that is not all that is left (unless part payments are allowed), or an order
        /// already paid; `Forbidden` when `who`'s role may not record money paid this way (staff, a transfer).
        pub async fn receive_payment(
            &self,
            who: &Account,
            order_no: &str,
            amount: &str,
            note: &str,
            lang: Lang,
        ) -> Result<String, AppError> {
            let order_no = OrderNo::parse(order_no).map_err(|_| AppError::NotFound)?;
            let order = orders::find_by_no(&self.db, order_no.as_str())
                .await?
                .ok_or(AppError::NotFound)?;
            // Checked here, not only by the page: staff cannot see the shop's account a transfer goes to.
            let duty = order.pay_method.duty_to_record();
            if !who.may(duty) {
                let role = who.role.as_str();
                tracing::warn!(account = %who.email, role, ?duty, %order_no, "refused: not for this role");
                return Err(AppError::Forbidden);
            }
            // Written as the owner counts it: `25,000`, `25 000₮`.
            let Some(amount) = Mnt::parse_input(amount) else {
                return Ok(lang.admin().cash_not_whole.to_owned());
            };
            let received = self
                .payments
                .receive_offline(order_no.as_str(), amount.amount(), note, &who.email)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(match received {
                Received::Recorded(PaymentState::Paid) => lang.admin().cash_recorded_paid.to_owned(),
                Received::Recorded(_) => lang.admin().cash_recorded_part.to_owned(),
                Received::Refused(refused) => refusal(refused, lang),
            })
        }
    }

    fn refusal(refused: Refused, lang: Lang) -> String {
        let texts = lang.admin();
        match refused {
            Refused::NotOffline => texts.cash_not_offline.to_owned(),
            Refused::AlreadyPaid => texts.cash_already_paid.to_owned(),
            Refused::Over => texts.cash_over.to_owned(),
            Refused::NotAnAmount => texts.cash_not_an_amount.to_owned(),
            Refused::TooMuch { left } => texts.cash_too_much.replace("{left}", &left.to_string()),
            Refused::NotAll { left } => texts.cash_not_all.replace("{left}", &left.to_string()),
        }
    }
}
