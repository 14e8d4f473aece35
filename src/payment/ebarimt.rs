//! E-barimt VAT receipts for paid orders, issued through QPay (SPEC.md §5; issue #9).
//!
//! The paid move writes an outbox message (`issue_receipt`) in its own transaction, so a receipt is asked for
//! exactly when an order is paid, whatever settled it and however many callbacks came. The outbox delivers the
//! message at least once; this module makes that safe: a payment whose receipt was issued is never asked again,
//! and a refusal (QPay's sandbox answers 500 `TypeError` at times) is written down and tried again with the
//! outbox's backoff. A full refund writes `cancel_receipt`, which cancels every issued receipt of the order.

use super::invoice::PaymentService;
use crate::{
    config::{EbarimtApi, EbarimtSettings},
    db::{
        DbError,
        ebarimt::{self, ReceiptRow},
        payments,
    },
    qpay::{Ebarimt, EbarimtCreateRequest, EbarimtReceiverType, EbarimtV3CreateRequest, QpayError},
};

/// Why a receipt could not be issued or cancelled this time; the outbox tries again.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("QPay: {0}")]
    Qpay(#[from] QpayError),
    #[error("{0} of the order's receipts could not be issued")]
    NotIssued(usize),
}

impl PaymentService {
    /// Issues a receipt for each of the order's payments that has none yet. Does nothing when e-barimt is off.
    pub async fn issue_receipts(&self, order_id: i64) -> Result<(), ReceiptError> {
        let Some(settings) = self.settings.ebarimt.clone() else {
            return Ok(());
        };
        let issued: Vec<String> = ebarimt::receipts_of(&self.db, order_id)
            .await?
            .into_iter()
            .filter(|receipt| receipt.state != "failed")
            .map(|receipt| receipt.payment_id)
            .collect();
        let Some(ebarimt::Receiver {
            kind: receiver_type,
            register_no,
            phone,
        }) = ebarimt::receiver_of(&self.db, order_id).await?
        else {
            return Ok(());
        };
        let mut failed = 0;
        for payment in payments::payments_of(&self.db, order_id).await? {
            if issued.contains(&payment.qpay_payment_id) {
                continue;
            }
            let company = receiver_type == "COMPANY";
            let receiver = if company { register_no.clone() } else { None };
            let answer = self
                .ask_qpay_for_receipt(&settings, &payment.qpay_payment_id, company, receiver.clone(), &phone)
                .await;
            let mut row = ReceiptRow {
                payment_id: payment.qpay_payment_id.clone(),
                order_id,
                state: "issued".into(),
                receiver_type: receiver_type.clone(),
                receiver,
                receipt_id: None,
                lottery: None,
                qr_data: None,
                vat_amount: None,
                city_tax_amount: None,
                error: None,
            };
            match answer {
                Ok(receipt) => {
                    // Whom QPay says the receipt is for, when it says.
                    if let Some(kind) = receipt.ebarimt_receiver_type {
                        row.receiver_type = kind.as_str().to_owned();
                    }
                    if row.receiver_type == "COMPANY" {
                        row.receiver = receipt.ebarimt_receiver.clone().or(row.receiver);
                    }
                    row.receipt_id = Some(receipt.id.clone()).filter(|id| !id.is_empty());
                    row.lottery = receipt.ebarimt_lottery;
                    row.qr_data = receipt.ebarimt_qr_data;
                    row.vat_amount = receipt.vat_amount.map(|a| a.to_string());
                    row.city_tax_amount = receipt.city_tax_amount.map(|a| a.to_string());
                    ebarimt::save(&self.db, &row).await?;
                    let detail = row.lottery.clone().unwrap_or_default();
                    payments::record_event(self.db.pool(), order_id, "ebarimt_issued", &detail).await?;
                    tracing::info!(order_id, payment = %payment.qpay_payment_id, "e-barimt receipt issued");
                }
                Err(error) => {
                    failed += 1;
                    row.state = "failed".into();
                    row.error = Some(error.to_string().chars().take(500).collect());
                    ebarimt::save(&self.db, &row).await?;
                    payments::record_event(self.db.pool(), order_id, "ebarimt_failed", &error.to_string()).await?;
                    tracing::warn!(order_id, %error, "e-barimt receipt not issued; the outbox tries again");
                }
            }
        }
        match failed {
            0 => Ok(()),
            n => Err(ReceiptError::NotIssued(n)),
        }
    }

    async fn ask_qpay_for_receipt(
        &self,
        settings: &EbarimtSettings,
        payment_id: &str,
        company: bool,
        register_no: Option<String>,
        phone: &str,
    ) -> Result<Ebarimt, QpayError> {
        let receiver_type = if company {
            EbarimtReceiverType::Company
        } else {
            EbarimtReceiverType::Citizen
        };
        match settings.api {
            // Ebarimt 3.0 takes a citizen's phone number as the receiver (SPEC.md §5).
            EbarimtApi::V3 => {
                let request = EbarimtV3CreateRequest {
                    payment_id: payment_id.to_owned(),
                    ebarimt_receiver_type: receiver_type,
                    ebarimt_receiver: register_no.or_else(|| Some(phone.to_owned())),
                    district_code: Some(settings.district_code.clone()),
                    classification_code: Some(settings.classification_code.clone()),
                };
                self.qpay.create_ebarimt_v3(&request).await
            }
            EbarimtApi::V2 => {
                let request = EbarimtCreateRequest {
                    payment_id: payment_id.to_owned(),
                    ebarimt_receiver_type: receiver_type,
                    ebarimt_receiver: register_no,
                    callback_url: None,
                };
                self.qpay.create_ebarimt(&request).await
            }
        }
    }

    /// Cancels every issued receipt of the order (after a full refund). A receipt QPay no longer knows counts as
    /// cancelled.
    pub async fn cancel_receipts(&self, order_id: i64) -> Result<(), ReceiptError> {
        let Some(settings) = self.settings.ebarimt.clone() else {
            return Ok(());
        };
        for mut receipt in ebarimt::receipts_of(&self.db, order_id).await? {
            if receipt.state != "issued" {
                continue;
            }
            let answer = match (settings.api, &receipt.receipt_id) {
                (EbarimtApi::V3, _) => self.qpay.cancel_ebarimt_v3(&receipt.payment_id).await.map(|_| ()),
                (EbarimtApi::V2, Some(id)) => self.qpay.cancel_ebarimt(id).await.map(|_| ()),
                (EbarimtApi::V2, None) => Ok(()),
            };
            match answer {
                Ok(()) => {}
                Err(error) if error.code() == Some("BARIMT_NOT_FOUND") => {}
                Err(error) => return Err(error.into()),
            }
            receipt.state = "cancelled".into();
            ebarimt::save(&self.db, &receipt).await?;
            let detail = receipt.lottery.clone().unwrap_or_default();
            payments::record_event(self.db.pool(), order_id, "ebarimt_cancelled", &detail).await?;
        }
        Ok(())
    }
}
