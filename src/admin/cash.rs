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
    let who = super::signed_in(crate::domain::staff::Duty::TakeCash).await?;
    let admin = expect_context::<super::service::AdminService>();
    let lang = crate::i18n::use_lang();
    let notice = admin.receive_payment(&who, &order_no, &amount, &note, lang).await?;
    crate::web::VisitorSession::current()
        .await?
        .keep(&super::ACTION_NOTICE, &notice)
        .await?;
    leptos_axum::redirect(&format!("/admin/orders/{order_no}"));
    Ok(())
}

#[cfg(feature = "ssr")]
mod service {
    use crate::{
        admin::{Signed, service::AdminService},
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
            who: &Signed,
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
            let pick = |mn: &str, en: &str| lang.pick(mn, en).to_owned();
            // Written as the owner counts it: `25,000`, `25 000₮`.
            let Some(amount) = Mnt::parse_input(amount) else {
                return Ok(pick(
                    "Дүнг бүхэл төгрөгөөр бичнэ үү.",
                    "Write the amount in whole tögrög.",
                ));
            };
            let received = self
                .payments
                .receive_offline(order_no.as_str(), amount.amount(), note, &who.email)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(match received {
                Received::Recorded(PaymentState::Paid) => {
                    pick("Төлөгдсөн гэж тэмдэглэлээ.", "Recorded: the order is paid.")
                }
                Received::Recorded(_) => pick("Хэсэгчлэн төлөгдсөнөөр тэмдэглэлээ.", "Recorded as part paid."),
                Received::Refused(refused) => refusal(refused, lang),
            })
        }
    }

    fn refusal(refused: Refused, lang: Lang) -> String {
        let left = |left: Mnt| left.to_string();
        match (refused, lang) {
            (Refused::NotOffline, Lang::Mn) => "QPay-ийн захиалга QPay-ээр л төлөгдөнө.".into(),
            (Refused::NotOffline, Lang::En) => "A QPay order is paid through QPay only.".into(),
            (Refused::AlreadyPaid, Lang::Mn) => "Захиалга аль хэдийн төлөгдсөн: юу ч өөрчлөгдсөнгүй.".into(),
            (Refused::AlreadyPaid, Lang::En) => "The order is paid already: nothing changed.".into(),
            (Refused::Over, Lang::Mn) => "Захиалга цуцлагдсан, бараа нь буцсан: шинэ захиалга үүсгэнэ үү.".into(),
            (Refused::Over, Lang::En) => "The order is over and its stock went back: make a new order.".into(),
            (Refused::NotAnAmount, Lang::Mn) => "Дүн 0-ээс их байна.".into(),
            (Refused::NotAnAmount, Lang::En) => "The amount is more than 0.".into(),
            (Refused::TooMuch { left: l }, Lang::Mn) => format!("Үлдэгдэл {} тул илүү дүн бичсэн байна.", left(l)),
            (Refused::TooMuch { left: l }, Lang::En) => format!("Only {} is left to pay.", left(l)),
            (Refused::NotAll { left: l }, Lang::Mn) => {
                format!("Хэсэгчилсэн төлбөр авдаггүй: {} бүгдийг бичнэ үү.", left(l))
            }
            (Refused::NotAll { left: l }, Lang::En) => {
                format!("The shop takes no part payments: record all {} at once.", left(l))
            }
        }
    }
}
