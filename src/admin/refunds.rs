//! The owner's refunds from the order page: the form's amount read, the payment service asked, and what came of it
//! said in the owner's language.

use super::{RefundableView, service::AdminService};
use crate::{
    db::refunds,
    domain::{
        Mnt, OrderNo,
        refund::{RefundRefusal, RefundWay},
    },
    error::AppError,
    i18n::Lang,
    payment::refund::{RefundError, RefundRequest},
};

/// Each payment with money left to refund, and whether all of it can go back through QPay.
pub(super) fn refundable_payments(payments: Vec<refunds::PaymentToRefund>) -> Vec<RefundableView> {
    payments
        .into_iter()
        .filter_map(|payment| {
            let facts = payment.refundable(false, false);
            (facts.left() > 0).then(|| RefundableView {
                through_qpay: facts.decide(facts.left(), "") == Ok(RefundWay::Qpay),
                left: Mnt::new(facts.left()).unwrap_or_default(),
                payment_id: payment.qpay_payment_id,
            })
        })
        .collect()
}

impl AdminService {
    /// Makes the refund the owner asked for and says, in their language, what came of it. Bad input and QPay's refusals
    /// are notices, not errors: the owner stays on the order and reads what to do.
    #[tracing::instrument(skip(self, note))]
    pub async fn refund(
        &self,
        actor: &str,
        order_no: &str,
        payment_id: &str,
        amount: &str,
        note: &str,
        lang: Lang,
    ) -> Result<String, AppError> {
        let Ok(order_no) = OrderNo::parse(order_no) else {
            return Err(AppError::NotFound);
        };
        // "12,500₮" as the page shows it, or plain digits; anything else is no amount, refused as one.
        let request = RefundRequest {
            order_no: order_no.as_str(),
            qpay_payment_id: payment_id,
            amount: Mnt::parse_input(amount).map_or(0, Mnt::amount),
            note,
            actor,
        };
        let notice = match self.payments.refund(&request).await {
            Ok(RefundWay::Qpay) => lang.admin().refund_done_qpay.to_owned(),
            Ok(RefundWay::Manual) => lang.admin().refund_recorded.to_owned(),
            Err(RefundError::NotFound) => return Err(AppError::NotFound),
            Err(RefundError::Db(error)) => return Err(error.into()),
            Err(RefundError::Refused(refusal)) => match refusal {
                RefundRefusal::BadAmount { left } => lang
                    .admin()
                    .refund_bad_amount
                    .replace("{left}", &Mnt::new(left).unwrap_or_default().to_string()),
                RefundRefusal::NoteMissing => lang.admin().refund_note_missing.to_owned(),
                RefundRefusal::NoteTooLong => lang.admin().refund_note_long.to_owned(),
                RefundRefusal::OrderStillPayable => lang.admin().refund_still_payable.to_owned(),
                RefundRefusal::InvoiceStillOpen => lang.admin().refund_invoice_open.to_owned(),
            },
            Err(error) if error.is_settled() => lang.admin().refund_settled.to_owned(),
            Err(RefundError::QpayRefused(error)) => lang
                .admin()
                .refund_refused
                .replace("{code}", error.code().unwrap_or("?")),
            Err(RefundError::QpayUnanswered(_)) => lang.admin().refund_unanswered.to_owned(),
            Err(RefundError::RefundedByQpay) => lang.admin().refund_done_late.to_owned(),
            Err(RefundError::OutcomeUnknown) => lang.admin().refund_outcome_unknown.to_owned(),
        };
        Ok(notice)
    }
}
