//! Request and response bodies of the QPay v2 API.
//!
//! Requests serialize exactly what QPay documents, leaving out every optional field that is `None`. Responses parse
//! leniently, because QPay's answers vary between environments and years (SPEC.md §9): nearly every field has a
//! default, amounts are [`QpayAmount`](super::QpayAmount), and enums keep values they do not know as `Unknown`.

mod ebarimt;
mod invoice;
mod payment;
mod token;

pub use ebarimt::*;
pub use invoice::*;
pub use payment::*;
pub use token::*;

use serde::{Deserialize, Deserializer, Serialize};

/// A string enum of QPay's with a fallback: `Unknown` keeps any value this client does not know, as sent.
/// Matching ignores case; `null` reads as `Unknown("")`, which is also the default when the field is missing.
macro_rules! qpay_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this client does not know, kept as QPay sent it.
            Unknown(String),
        }

        impl $name {
            /// The value as QPay spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other,
                }
            }

            pub fn parse(value: &str) -> $name {
                match value.trim().to_ascii_uppercase().as_str() {
                    $( $wire $(| $alias)* => $name::$variant, )+
                    _ => $name::Unknown(value.to_owned()),
                }
            }
        }

        impl Default for $name {
            fn default() -> $name {
                $name::Unknown(String::new())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let value = Option::<String>::deserialize(deserializer)?;
                Ok(value.map(|v| $name::parse(&v)).unwrap_or_default())
            }
        }
    };
}
pub(crate) use qpay_enum;

qpay_enum! {
    /// What a payment check, payment list or payment belongs to.
    pub enum ObjectType {
        Invoice = "INVOICE",
        Qr = "QR",
        Item = "ITEM",
        /// Only for `payment/list`, with the merchant id from the token (SPEC.md §10.14).
        Merchant = "MERCHANT",
    }
}

qpay_enum! {
    /// How a payment was made: `payment_type` in payment check, `transaction_type` in payment get, `paid_by` in
    /// lists and receipts.
    pub enum PaymentType {
        P2p = "P2P",
        Card = "CARD",
    }
}

qpay_enum! {
    /// `tax_type` of an invoice or receipt.
    pub enum TaxType {
        Vat = "1",
        NoVat = "2",
        VatExempt = "3",
    }
}

/// A page of results: both numbers must be at least 1, and `page_limit` at most 100 (SPEC.md §10.13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offset {
    pub page_number: u32,
    pub page_limit: u32,
}

impl Offset {
    pub const MAX_PAGE_LIMIT: u32 = 100;

    /// Page `page_number` (from 1) of `page_limit` rows, both clamped into QPay's accepted range.
    pub fn new(page_number: u32, page_limit: u32) -> Offset {
        Offset {
            page_number: page_number.max(1),
            page_limit: page_limit.clamp(1, Offset::MAX_PAGE_LIMIT),
        }
    }
}

impl Default for Offset {
    fn default() -> Offset {
        Offset::new(1, Offset::MAX_PAGE_LIMIT)
    }
}

/// Reads `null` as the type's default, for lists and flags that QPay sometimes sends as null.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// An id that should be a string but may come as a JSON number: a P2P `payment_id` is 15 digits and may start with
/// 0 (SPEC.md §4.1), so it is never held as a number. A number is written back in its decimal digits.
pub(crate) fn id_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    optional_id_string(deserializer)?.ok_or_else(|| serde::de::Error::custom("an id is null"))
}

pub(crate) fn optional_id_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    use serde_json::Value;
    Ok(match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text),
        Some(Value::Number(number)) => Some(number.to_string()),
        Some(Value::Bool(flag)) => Some(flag.to_string()),
        Some(other) => Some(other.to_string()),
    })
}

/// A flag sent as a JSON bool or as `"true"`/`"false"` (QSDK types `enable_expiry` as a string, SPEC.md §9).
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    use serde_json::Value;
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::Bool(flag)) => Some(flag),
        Some(Value::String(text)) => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        Some(Value::Number(number)) => number.as_i64().map(|n| n != 0),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_ignore_case_and_keep_unknown_values() {
        assert_eq!(PaymentType::parse("p2p"), PaymentType::P2p);
        assert_eq!(
            PaymentType::parse("QPAY_WALLET"),
            PaymentType::Unknown("QPAY_WALLET".into())
        );
        assert_eq!(serde_json::to_string(&ObjectType::Invoice).unwrap(), r#""INVOICE""#);
        assert_eq!(
            serde_json::from_str::<ObjectType>("null").unwrap(),
            ObjectType::Unknown(String::new())
        );
        assert_eq!(TaxType::parse("2"), TaxType::NoVat);
    }

    #[test]
    fn offsets_stay_inside_what_qpay_accepts() {
        assert_eq!(
            Offset::new(0, 0),
            Offset {
                page_number: 1,
                page_limit: 1
            }
        );
        assert_eq!(
            Offset::new(3, 1000),
            Offset {
                page_number: 3,
                page_limit: 100
            }
        );
        assert_eq!(
            Offset::default(),
            Offset {
                page_number: 1,
                page_limit: 100
            }
        );
    }
}
