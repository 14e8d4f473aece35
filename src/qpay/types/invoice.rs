//! Invoices: create (`POST /v2/invoice`), get (`GET /v2/invoice/{id}`) and cancel (`DELETE`) — SPEC.md §3.

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{TaxType, lenient_bool, null_as_default, qpay_enum};
use crate::qpay::QpayAmount;

/// The body of `POST /v2/invoice`, simple or full form. `None` fields and empty lists are left out.
///
/// Build the simple form with [`InvoiceRequest::simple`] and set more fields on the result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRequest {
    pub invoice_code: String,
    /// Our order number. QPay does not check that it is unique (SPEC.md §10.9).
    pub sender_invoice_no: String,
    /// Usually `"terminal"`.
    pub invoice_receiver_code: String,
    pub invoice_description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_branch_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_branch_data: Option<PartyData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_staff_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_staff_data: Option<PartyData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_terminal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_terminal_data: Option<PartyData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_receiver_data: Option<PartyData>,
    /// A date or an ISO-8601 date-time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_due_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_expiry: Option<bool>,
    /// `"2025-10-31"` or an ISO-8601 date-time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculate_vat: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_type: Option<TaxType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_customer_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_tax_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_partial: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_amount: Option<QpayAmount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_exceed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_amount: Option<QpayAmount>,
    /// Required unless `lines` are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<QpayAmount>,
    /// Where QPay sends `GET ...&qpay_payment_id=<id>` once paid (SPEC.md §6). Our own query string is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub lines: Vec<InvoiceLine>,
    /// Split settlement; needs aggregator rights.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub transactions: Vec<InvoiceTransaction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_subscribe: Option<bool>,
    /// Such as `"1M"` or `"9999M"`: `^[1-9]\d{0,3}[DWM]$`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_interval: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_webhook: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_payment_date: Option<String>,
    /// For an Ebarimt 3.0 invoice, such as `"0101"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district_code: Option<String>,
}

impl InvoiceRequest {
    /// The simple form (SPEC.md §3.1): one amount, paid to the terminal, reported to `callback_url`.
    pub fn simple(
        invoice_code: impl Into<String>,
        sender_invoice_no: impl Into<String>,
        invoice_description: impl Into<String>,
        amount: impl Into<QpayAmount>,
        callback_url: impl Into<String>,
    ) -> InvoiceRequest {
        InvoiceRequest {
            invoice_code: invoice_code.into(),
            sender_invoice_no: sender_invoice_no.into(),
            invoice_receiver_code: "terminal".into(),
            invoice_description: invoice_description.into(),
            amount: Some(amount.into()),
            callback_url: Some(callback_url.into()),
            ..InvoiceRequest::default()
        }
    }
}

/// Who a branch, staff member, terminal or receiver is. Every field is optional; QPay's length limits are in
/// SPEC.md §3.1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartyData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<String>,
}

/// One invoice line, sent in a request and returned by invoice get (where QPay generates one from
/// `invoice_description` when none were sent, SPEC.md §3.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceLine {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_product_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_product_code: Option<String>,
    pub line_description: String,
    pub line_quantity: QpayAmount,
    pub line_unit_price: QpayAmount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Ebarimt 3.0 lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification_code: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub discounts: Vec<LineDiscount>,
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub surcharges: Vec<LineSurcharge>,
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub taxes: Vec<LineTax>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineDiscount {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_code: Option<String>,
    pub description: String,
    pub amount: QpayAmount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineSurcharge {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surcharge_code: Option<String>,
    pub description: String,
    pub amount: QpayAmount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineTax {
    pub tax_code: TaxCode,
    pub description: String,
    pub amount: QpayAmount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city_tax: Option<QpayAmount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

qpay_enum! {
    pub enum TaxCode {
        Vat = "VAT",
        CityTax = "CITY_TAX",
    }
}

/// A split-settlement share of the invoice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceTransaction {
    pub description: String,
    pub amount: QpayAmount,
    #[serde(deserialize_with = "null_as_default")]
    pub accounts: Vec<SettlementAccount>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettlementAccount {
    pub account_bank_code: String,
    pub account_number: String,
    pub account_name: String,
    pub account_currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
}

/// The answer of `POST /v2/invoice`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceCreated {
    pub invoice_id: String,
    /// The EMVCo QR payload; bank-app links carry the same text.
    pub qr_text: String,
    /// A base64 PNG **without** a `data:` prefix (SPEC.md §10.18); see [`InvoiceCreated::qr_image_data_uri`].
    #[serde(default, deserialize_with = "null_as_default")]
    pub qr_image: String,
    #[serde(rename = "qPay_shortUrl", default, skip_serializing_if = "Option::is_none")]
    pub short_url: Option<String>,
    /// Bank-app deep links, in QPay's order; the list changes over time, so show what QPay sends (SPEC.md §8).
    #[serde(default, deserialize_with = "null_as_default")]
    pub urls: Vec<BankAppLink>,
    /// Only for subscription invoices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Value>,
}

impl InvoiceCreated {
    /// The QR image as a `data:image/png;base64,…` URI for an `<img src>`, whether or not QPay (or a mock) added
    /// the prefix.
    pub fn qr_image_data_uri(&self) -> String {
        format!("data:image/png;base64,{}", self.qr_image_base64())
    }

    /// The PNG bytes of the QR image.
    pub fn qr_image_png(&self) -> Result<Vec<u8>, base64::DecodeError> {
        base64::engine::general_purpose::STANDARD.decode(self.qr_image_base64().trim())
    }

    fn qr_image_base64(&self) -> &str {
        match self.qr_image.split_once(";base64,") {
            Some((prefix, data)) if prefix.starts_with("data:") => data,
            _ => &self.qr_image,
        }
    }
}

/// One bank app: `link` is `<scheme>://q?qPay_QRcode=<qr_text>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BankAppLink {
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(deserialize_with = "null_as_default")]
    pub description: String,
    /// Missing in older answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(deserialize_with = "null_as_default")]
    pub link: String,
}

qpay_enum! {
    pub enum InvoiceStatus {
        Open = "OPEN",
        /// Paid.
        Closed = "CLOSED",
        /// Spelled `CANCELED` by QPay; `CANCELLED` is accepted too (SPEC.md §3.2).
        Canceled = "CANCELED" | "CANCELLED",
    }
}

/// The answer of `GET /v2/invoice/{invoice_id}`. Amounts arrive as numbers or strings, even within this one object
/// (SPEC.md §3.2), and any of them may be missing (a missing `Option` field is `None`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    pub invoice_id: String,
    #[serde(default)]
    pub invoice_status: InvoiceStatus,
    pub sender_invoice_no: Option<String>,
    pub sender_branch_code: Option<String>,
    pub sender_branch_data: Option<SenderData>,
    pub sender_staff_code: Option<String>,
    pub sender_staff_data: Option<SenderData>,
    pub sender_terminal_code: Option<String>,
    pub sender_terminal_data: Option<SenderData>,
    pub invoice_description: Option<String>,
    pub invoice_due_date: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub enable_expiry: Option<bool>,
    /// Returned even when expiry is off, then equal to the creation time: meaningless unless `enable_expiry` is
    /// true (SPEC.md §10.11).
    pub expiry_date: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub allow_partial: Option<bool>,
    pub minimum_amount: Option<QpayAmount>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub allow_exceed: Option<bool>,
    pub maximum_amount: Option<QpayAmount>,
    pub total_amount: Option<QpayAmount>,
    pub gross_amount: Option<QpayAmount>,
    pub tax_amount: Option<QpayAmount>,
    pub surcharge_amount: Option<QpayAmount>,
    pub discount_amount: Option<QpayAmount>,
    pub callback_url: Option<String>,
    pub note: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub lines: Vec<InvoiceLine>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub transactions: Vec<Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub inputs: Vec<Value>,
    /// Modelled by one SDK, never captured (SPEC.md §3.2).
    #[serde(default, deserialize_with = "null_as_default")]
    pub payments: Vec<Value>,
}

impl Invoice {
    pub fn is_paid(&self) -> bool {
        self.invoice_status == InvoiceStatus::Closed
    }
}

/// `sender_*_data` in an invoice get: an object, or an empty string, or anything else QPay sends (SPEC.md §3.2);
/// `null` is `None` around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SenderData {
    Details(Box<PartyData>),
    Text(String),
    Other(Value),
}

impl SenderData {
    /// The details, when QPay sent an object.
    pub fn details(&self) -> Option<&PartyData> {
        match self {
            SenderData::Details(details) => Some(details.as_ref()),
            SenderData::Text(_) | SenderData::Other(_) => None,
        }
    }
}
