//! Ebarimt, the Mongolian e-receipt: the original API (`/v2/ebarimt/…`) and Ebarimt 3.0 (`/v2/ebarimt_v3/…`),
//! SPEC.md §5.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ObjectType, PaymentType, TaxType, lenient_bool, null_as_default, optional_id_string, qpay_enum};
use crate::qpay::QpayAmount;

qpay_enum! {
    /// Who the receipt is for. QPay's docs misspell `COMPANY` once as `COMPAYNE`; QSDK's `"83"`/`"84"` are not
    /// QPay's values (SPEC.md §5).
    pub enum EbarimtReceiverType {
        Citizen = "CITIZEN",
        Company = "COMPANY" | "COMPAYNE",
    }
}

qpay_enum! {
    pub enum BarimtStatus {
        Registered = "REGISTERED",
        Canceled = "CANCELED" | "CANCELLED",
    }
}

/// The body of `POST /v2/ebarimt/create`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EbarimtCreateRequest {
    pub payment_id: String,
    pub ebarimt_receiver_type: EbarimtReceiverType,
    /// The company's register number, or the citizen's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebarimt_receiver: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

/// The body of `POST /v2/ebarimt_v3/create` (Ebarimt 3.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EbarimtV3CreateRequest {
    pub payment_id: String,
    pub ebarimt_receiver_type: EbarimtReceiverType,
    /// A phone number for a citizen, the register number for a company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebarimt_receiver: Option<String>,
    /// Such as `"3505"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification_code: Option<String>,
}

/// A receipt, as the create and cancel endpoints of both generations answer (SPEC.md §5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ebarimt {
    #[serde(deserialize_with = "super::id_string")]
    pub id: String,
    pub ebarimt_by: Option<String>,
    pub ebarimt_receiver_type: Option<EbarimtReceiverType>,
    #[serde(deserialize_with = "optional_id_string")]
    pub ebarimt_receiver: Option<String>,
    #[serde(deserialize_with = "optional_id_string")]
    pub ebarimt_district_code: Option<String>,
    pub ebarimt_bill_type: Option<String>,
    pub merchant_branch_code: Option<String>,
    pub merchant_terminal_code: Option<String>,
    pub merchant_staff_code: Option<String>,
    #[serde(deserialize_with = "optional_id_string")]
    pub merchant_register_no: Option<String>,
    #[serde(deserialize_with = "optional_id_string")]
    pub merchant_tin: Option<String>,
    /// The QPay payment id (P2P ids may start with 0).
    #[serde(deserialize_with = "optional_id_string")]
    pub g_payment_id: Option<String>,
    #[serde(deserialize_with = "optional_id_string")]
    pub g_wallet_id: Option<String>,
    #[serde(deserialize_with = "optional_id_string")]
    pub g_wallet_customer_id: Option<String>,
    #[serde(deserialize_with = "optional_id_string")]
    pub g_merchant_id: Option<String>,
    pub paid_by: Option<PaymentType>,
    pub object_type: Option<ObjectType>,
    #[serde(deserialize_with = "optional_id_string")]
    pub object_id: Option<String>,
    pub amount: Option<QpayAmount>,
    pub vat_amount: Option<QpayAmount>,
    pub city_tax_amount: Option<QpayAmount>,
    #[serde(deserialize_with = "optional_id_string")]
    pub ebarimt_qr_data: Option<String>,
    pub ebarimt_lottery: Option<String>,
    pub barimt_status: BarimtStatus,
    pub barimt_status_date: Option<String>,
    pub ebarimt_receiver_phone: Option<String>,
    pub tax_type: Option<TaxType>,
    #[serde(deserialize_with = "optional_id_string")]
    pub ebarimt_receipt_id: Option<String>,
    pub note: Option<String>,
    pub ebarimt_sent_email: Option<Value>,
    pub created_by: Option<Value>,
    pub created_date: Option<String>,
    pub updated_by: Option<Value>,
    pub updated_date: Option<String>,
    #[serde(deserialize_with = "lenient_bool")]
    pub status: Option<bool>,
    #[serde(deserialize_with = "null_as_default")]
    pub barimt_items: Vec<Value>,
    #[serde(deserialize_with = "null_as_default")]
    pub barimt_transactions: Vec<Value>,
    #[serde(deserialize_with = "null_as_default")]
    pub barimt_histories: Vec<Value>,
}
