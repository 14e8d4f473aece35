//! Payments: check, get, cancel, refund and list (SPEC.md §4).

use serde::{Deserialize, Serialize};

use super::{ObjectType, Offset, PaymentType, id_string, lenient_bool, null_as_default, optional_id_string, qpay_enum};
use crate::qpay::{QpayAmount, amount::zero_if_null};

/// The body of `POST /v2/payment/check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentCheckRequest {
    /// `INVOICE`, `QR` or `ITEM`.
    pub object_type: ObjectType,
    /// The invoice id for `INVOICE`, the QR code for `QR`.
    pub object_id: String,
    /// May be left out (SPEC.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Offset>,
}

impl PaymentCheckRequest {
    /// The payments of one invoice, first page of 100.
    pub fn invoice(invoice_id: impl Into<String>) -> PaymentCheckRequest {
        PaymentCheckRequest {
            object_type: ObjectType::Invoice,
            object_id: invoice_id.into(),
            offset: Some(Offset::default()),
        }
    }
}

/// The answer of `POST /v2/payment/check`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentCheckResponse {
    pub count: u64,
    /// The sum paid so far. QPay leaves it out when nothing is paid: that reads as 0 (SPEC.md §10.5). With partial
    /// payments it sums several rows (SPEC.md §10.10): compare it with the invoice total, not `rows[0]`.
    #[serde(deserialize_with = "zero_if_null")]
    pub paid_amount: QpayAmount,
    #[serde(deserialize_with = "null_as_default")]
    pub rows: Vec<Payment>,
}

qpay_enum! {
    pub enum PaymentStatus {
        New = "NEW",
        Failed = "FAILED",
        Paid = "PAID",
        Partial = "PARTIAL",
        /// `REFUNDED`; one SDK spells it `REFUND` (SPEC.md §9).
        Refunded = "REFUNDED" | "REFUND",
    }
}

/// A payment: a row of `payment/check` and the answer of `GET /v2/payment/{id}` (SPEC.md §4.1, §4.2).
///
/// QPay names three fields differently in different places: `trx_fee`/`payment_fee`, `payment_type`/
/// `transaction_type` (and `payment_date` only in some). Both names are read into the one field here; when a body
/// carries both, the first name wins.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawPayment")]
pub struct Payment {
    /// A 15-digit string for P2P (it may start with 0), a UUID for cards; always a string (SPEC.md §4.1).
    pub payment_id: String,
    pub payment_status: PaymentStatus,
    pub payment_amount: Option<QpayAmount>,
    /// `trx_fee` in payment check, `payment_fee` in payment get and older check answers.
    pub trx_fee: Option<QpayAmount>,
    pub payment_currency: Option<String>,
    /// A display name (`"Хаан банк апп"`) or a UUID.
    pub payment_wallet: Option<String>,
    /// `payment_type` in payment check, `transaction_type` in payment get and older check answers.
    pub payment_type: PaymentType,
    pub payment_date: Option<String>,
    /// Only in payment get.
    pub object_type: Option<ObjectType>,
    pub object_id: Option<String>,
    pub next_payment_date: Option<String>,
    pub next_payment_datetime: Option<String>,
    pub card_transactions: Vec<CardTransaction>,
    pub p2p_transactions: Vec<P2pTransaction>,
}

impl Payment {
    pub fn is_paid(&self) -> bool {
        self.payment_status == PaymentStatus::Paid
    }
}

/// Every name QPay uses, before they are merged into [`Payment`].
#[derive(Deserialize)]
struct RawPayment {
    #[serde(deserialize_with = "id_string")]
    payment_id: String,
    #[serde(default)]
    payment_status: PaymentStatus,
    payment_amount: Option<QpayAmount>,
    trx_fee: Option<QpayAmount>,
    payment_fee: Option<QpayAmount>,
    payment_currency: Option<String>,
    payment_wallet: Option<String>,
    payment_type: Option<PaymentType>,
    transaction_type: Option<PaymentType>,
    payment_date: Option<String>,
    object_type: Option<ObjectType>,
    #[serde(default, deserialize_with = "optional_id_string")]
    object_id: Option<String>,
    next_payment_date: Option<String>,
    next_payment_datetime: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    card_transactions: Vec<CardTransaction>,
    #[serde(default, deserialize_with = "null_as_default")]
    p2p_transactions: Vec<P2pTransaction>,
}

impl From<RawPayment> for Payment {
    fn from(raw: RawPayment) -> Payment {
        Payment {
            payment_id: raw.payment_id,
            payment_status: raw.payment_status,
            payment_amount: raw.payment_amount,
            // The two names of the fee and of the type (SPEC.md §4.1 "Older documented shape", §4.2).
            trx_fee: raw.trx_fee.or(raw.payment_fee),
            payment_currency: raw.payment_currency,
            payment_wallet: raw.payment_wallet,
            payment_type: raw.payment_type.or(raw.transaction_type).unwrap_or_default(),
            payment_date: raw.payment_date,
            object_type: raw.object_type,
            object_id: raw.object_id,
            next_payment_date: raw.next_payment_date,
            next_payment_datetime: raw.next_payment_datetime,
            card_transactions: raw.card_transactions,
            p2p_transactions: raw.p2p_transactions,
        }
    }
}

/// A card payment's transaction. Amounts are strings in QPay's answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardTransaction {
    pub card_type: Option<String>,
    #[serde(deserialize_with = "lenient_bool")]
    pub is_cross_border: Option<bool>,
    pub amount: Option<QpayAmount>,
    pub currency: Option<String>,
    pub date: Option<String>,
    pub status: Option<String>,
    pub settlement_status: Option<String>,
    pub settlement_status_date: Option<String>,
    pub card_merchant_code: Option<String>,
    pub card_terminal_code: Option<String>,
    pub card_number: Option<String>,
    pub transaction_amount: Option<QpayAmount>,
    pub transaction_currency: Option<String>,
    pub transaction_date: Option<String>,
    pub transaction_status: Option<String>,
}

/// A bank-transfer payment's transaction. `amount` is what reaches the merchant, after QPay's fee.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct P2pTransaction {
    #[serde(deserialize_with = "optional_id_string")]
    pub id: Option<String>,
    pub transaction_bank_code: Option<String>,
    pub account_bank_code: Option<String>,
    pub account_bank_name: Option<String>,
    pub account_number: Option<String>,
    pub status: Option<String>,
    pub amount: Option<QpayAmount>,
    pub currency: Option<String>,
    pub settlement_status: Option<String>,
}

/// The body of `DELETE /v2/payment/cancel/{id}` and `DELETE /v2/payment/refund/{id}`. Both work for card payments
/// only; a P2P payment gets `PAYMENT_SETTLED` (SPEC.md §4.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaymentCancelRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The refund body has the same shape as the cancel body.
pub type PaymentRefundRequest = PaymentCancelRequest;

/// The body of `POST /v2/payment/list` (SPEC.md §4.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentListRequest {
    /// `MERCHANT`, `INVOICE` or `QR`.
    pub object_type: ObjectType,
    /// For `INVOICE` the invoice **code** (`TEST_INVOICE`), not an invoice id; for `MERCHANT` the merchant id from
    /// the token (SPEC.md §10.14).
    pub object_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_branch_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_terminal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_staff_code: Option<String>,
    /// `"YYYY-MM-DD HH:mm:ss"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    pub offset: Offset,
}

impl PaymentListRequest {
    /// The payments made to invoices of one invoice code.
    pub fn invoice_code(invoice_code: impl Into<String>, offset: Offset) -> PaymentListRequest {
        PaymentListRequest {
            object_type: ObjectType::Invoice,
            object_id: invoice_code.into(),
            merchant_branch_code: None,
            merchant_terminal_code: None,
            merchant_staff_code: None,
            start_date: None,
            end_date: None,
            offset,
        }
    }
}

/// The answer of `POST /v2/payment/list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentListResponse {
    pub count: u64,
    #[serde(deserialize_with = "null_as_default")]
    pub rows: Vec<PaymentListRow>,
}

/// A row of the payment list. Here the P2P/CARD field is called `paid_by`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaymentListRow {
    #[serde(deserialize_with = "id_string")]
    pub payment_id: String,
    pub payment_date: Option<String>,
    #[serde(default)]
    pub payment_status: PaymentStatus,
    pub payment_fee: Option<QpayAmount>,
    pub payment_amount: Option<QpayAmount>,
    pub payment_currency: Option<String>,
    pub payment_wallet: Option<String>,
    pub payment_name: Option<String>,
    pub payment_description: Option<String>,
    pub qr_code: Option<String>,
    #[serde(default)]
    pub paid_by: PaymentType,
    pub object_type: Option<ObjectType>,
    #[serde(default, deserialize_with = "optional_id_string")]
    pub object_id: Option<String>,
}
