//! What can go wrong when talking to QPay, and QPay's error codes in words for people.
//!
//! QPay answers errors as `{"error":"<CODE>","message":"<code or prose>"}`, so the code is read from `error`
//! (SPEC.md §7). Field validation nests objects under both keys instead; that becomes the code `VALIDATION` with the
//! object kept in `details`.

use serde_json::Value;

use crate::i18n::Lang;

/// A failed QPay call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum QpayError {
    /// QPay answered with an error body.
    #[error("QPay answered HTTP {status} {code}: {message}")]
    Api {
        status: u16,
        /// QPay's code from the `error` key, such as `INVOICE_NOTFOUND`; `VALIDATION` for the nested shape.
        code: String,
        message: String,
        /// The nested validation object, or the whole body when it had no `error` key.
        details: Option<Value>,
    },
    /// QPay refused our credentials or refresh token when asked for an access token.
    #[error("QPay refused the credentials: HTTP {status} {code}: {message}")]
    Auth { status: u16, code: String, message: String },
    /// No answer within the configured timeout.
    #[error("QPay did not answer in time")]
    Timeout,
    /// The connection failed (DNS, refused, reset, TLS) or the request could not be sent.
    #[error("cannot reach QPay: {0}")]
    Transport(String),
    /// An answer that is not what QPay sends: a proxy's HTML page, or JSON of an unexpected shape.
    #[error("cannot read QPay's answer (HTTP {status}): {reason}")]
    Decode {
        /// The HTTP status of the answer, so that a proxy's 502 page is still known to be worth retrying.
        status: u16,
        reason: String,
        /// The body exactly as received (token responses excepted: they hold secrets).
        body: String,
    },
}

impl QpayError {
    /// Builds the error for an answer with a non-success status (or a success status carrying an `error` key).
    pub fn from_response(status: u16, body: &str) -> QpayError {
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(body) else {
            return QpayError::Decode {
                status,
                reason: format!("HTTP {status} with a body that is not QPay's error JSON"),
                body: body.to_owned(),
            };
        };
        // QSDK's `error_code` key is wrong about QPay, but costs nothing to read (SPEC.md §7).
        let error = object.get("error").or_else(|| object.get("error_code"));
        let message = object.get("message");
        match error {
            Some(Value::String(code)) => QpayError::Api {
                status,
                code: code.clone(),
                message: text_or(message, code),
                details: None,
            },
            // The nested validation shape: {"error":{"field":{"type":..,"message":..}},"message":{..}} (SPEC.md §7).
            Some(details @ Value::Object(_)) => QpayError::Api {
                status,
                code: "VALIDATION".into(),
                message: validation_summary(details),
                details: Some(details.clone()),
            },
            _ => QpayError::Api {
                status,
                code: format!("HTTP_{status}"),
                message: text_or(message, ""),
                details: Some(Value::Object(object.clone())),
            },
        }
    }

    /// QPay's error code, when QPay sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            QpayError::Api { code, .. } | QpayError::Auth { code, .. } => Some(code),
            _ => None,
        }
    }

    /// What to tell people: the known meaning of the code, or a generic message.
    pub fn known_code(&self) -> ErrorCode {
        match self {
            QpayError::Auth { code, .. } => match ErrorCode::from_code(code) {
                ErrorCode::Other => ErrorCode::AuthenticationFailed,
                known => known,
            },
            QpayError::Api { code, .. } => ErrorCode::from_code(code),
            QpayError::Timeout | QpayError::Transport(_) | QpayError::Decode { .. } => ErrorCode::Other,
        }
    }

    /// An unknown invoice, payment or receipt: QPay answers these with HTTP 422 and a `*_NOTFOUND` or `*_NOT_FOUND`
    /// code (SPEC.md §7; QSDK's 404 is accepted too).
    pub fn is_not_found(&self) -> bool {
        match self {
            QpayError::Api { status, code, .. } => {
                matches!(status, 404 | 422) && (code.ends_with("NOTFOUND") || code.ends_with("NOT_FOUND"))
            }
            _ => false,
        }
    }

    /// Whether our credentials or token were refused: the token endpoint said no, or an API call answered 401 with
    /// either spelling of `NO_CREDENTIALS` (SPEC.md §10.2) or `AUTHENTICATION_FAILED`.
    pub fn is_auth_failure(&self) -> bool {
        match self {
            QpayError::Auth { .. } => true,
            QpayError::Api { code, .. } => {
                matches!(
                    ErrorCode::from_code(code),
                    ErrorCode::NoCredentials | ErrorCode::AuthenticationFailed
                )
            }
            _ => false,
        }
    }

    /// Whether the same request may succeed later: timeouts, connection failures, 429 and 5xx (`SYSTEM_BUSY`).
    /// Only a request that is safe to repeat should be repeated; the client decides that, not this.
    pub fn is_retryable(&self) -> bool {
        match self {
            QpayError::Timeout | QpayError::Transport(_) => true,
            QpayError::Api { status, .. } | QpayError::Decode { status, .. } => *status == 429 || *status >= 500,
            QpayError::Auth { .. } => false,
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> QpayError {
        if error.is_timeout() {
            return QpayError::Timeout;
        }
        // The URL is ours and holds no secret, but the message is enough; `without_url` keeps logs short.
        QpayError::Transport(error.without_url().to_string())
    }
}

fn text_or(value: Option<&Value>, fallback: &str) -> String {
    match value {
        Some(Value::String(text)) if !text.is_empty() => text.clone(),
        _ => fallback.to_owned(),
    }
}

/// `invoice_code: Invalid!; page_limit: Number min value [1]!` from the nested validation object.
fn validation_summary(details: &Value) -> String {
    let Value::Object(fields) = details else {
        return "validation failed".into();
    };
    let parts: Vec<String> = fields
        .iter()
        .map(|(field, problem)| {
            let text = problem
                .get("message")
                .or_else(|| problem.get("type"))
                .and_then(Value::as_str)
                .unwrap_or("invalid");
            format!("{field}: {text}")
        })
        .collect();
    if parts.is_empty() {
        "validation failed".into()
    } else {
        parts.join("; ")
    }
}

/// QPay error codes the shop explains to people; every other code is [`ErrorCode::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `NO_CREDENTIALS` (production) or `NO_CREDENDIALS` (sandbox): a missing or expired token (SPEC.md §10.2).
    NoCredentials,
    AuthenticationFailed,
    PermissionDenied,
    InvoiceNotFound,
    InvoicePaid,
    InvoiceAlreadyCanceled,
    InvoiceCodeInvalid,
    InvalidAmount,
    MinAmountErr,
    MaxAmountErr,
    PaymentNotFound,
    PaymentNotPaid,
    /// A P2P payment cannot be cancelled or refunded (SPEC.md §4.3).
    PaymentSettled,
    PaymentAlreadyCanceled,
    SystemBusy,
    MerchantInactive,
    BarimtNotFound,
    EbarimtNotRegistered,
    /// The nested field-validation shape.
    Validation,
    Other,
}

impl ErrorCode {
    pub fn from_code(code: &str) -> ErrorCode {
        match code {
            "NO_CREDENTIALS" | "NO_CREDENDIALS" => ErrorCode::NoCredentials,
            "AUTHENTICATION_FAILED" => ErrorCode::AuthenticationFailed,
            "PERMISSION_DENIED" => ErrorCode::PermissionDenied,
            "INVOICE_NOTFOUND" => ErrorCode::InvoiceNotFound,
            "INVOICE_PAID" => ErrorCode::InvoicePaid,
            "INVOICE_ALREADY_CANCELED" => ErrorCode::InvoiceAlreadyCanceled,
            "INVOICE_CODE_INVALID" => ErrorCode::InvoiceCodeInvalid,
            "INVALID_AMOUNT" => ErrorCode::InvalidAmount,
            "MIN_AMOUNT_ERR" => ErrorCode::MinAmountErr,
            "MAX_AMOUNT_ERR" => ErrorCode::MaxAmountErr,
            "PAYMENT_NOTFOUND" => ErrorCode::PaymentNotFound,
            "PAYMENT_NOT_PAID" => ErrorCode::PaymentNotPaid,
            "PAYMENT_SETTLED" => ErrorCode::PaymentSettled,
            "PAYMENT_ALREADY_CANCELED" => ErrorCode::PaymentAlreadyCanceled,
            "SYSTEM_BUSY" => ErrorCode::SystemBusy,
            "MERCHANT_INACTIVE" => ErrorCode::MerchantInactive,
            "BARIMT_NOT_FOUND" => ErrorCode::BarimtNotFound,
            "EBARIMT_NOT_REGISTERED" => ErrorCode::EbarimtNotRegistered,
            "VALIDATION" => ErrorCode::Validation,
            _ => ErrorCode::Other,
        }
    }

    /// The code in words for people, in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        let texts = lang.qpay();
        match self {
            ErrorCode::NoCredentials => texts.no_credentials,
            ErrorCode::AuthenticationFailed => texts.authentication_failed,
            ErrorCode::PermissionDenied => texts.permission_denied,
            ErrorCode::InvoiceNotFound => texts.invoice_not_found,
            ErrorCode::InvoicePaid => texts.invoice_paid,
            ErrorCode::InvoiceAlreadyCanceled => texts.invoice_already_canceled,
            ErrorCode::InvoiceCodeInvalid => texts.invoice_code_invalid,
            ErrorCode::InvalidAmount => texts.invalid_amount,
            ErrorCode::MinAmountErr => texts.min_amount,
            ErrorCode::MaxAmountErr => texts.max_amount,
            ErrorCode::PaymentNotFound => texts.payment_not_found,
            ErrorCode::PaymentNotPaid => texts.payment_not_paid,
            ErrorCode::PaymentSettled => texts.payment_settled,
            ErrorCode::PaymentAlreadyCanceled => texts.payment_already_canceled,
            ErrorCode::SystemBusy => texts.system_busy,
            ErrorCode::MerchantInactive => texts.merchant_inactive,
            ErrorCode::BarimtNotFound => texts.barimt_not_found,
            ErrorCode::EbarimtNotRegistered => texts.ebarimt_not_registered,
            ErrorCode::Validation => texts.validation,
            ErrorCode::Other => texts.other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_comes_from_error_even_when_message_is_prose() {
        let error = QpayError::from_response(422, r#"{"error":"INVOICE_NOTFOUND","message":"Нэхэмжлэл олдсонгүй"}"#);
        let QpayError::Api {
            status,
            code,
            message,
            details,
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!(
            (*status, code.as_str(), message.as_str()),
            (422, "INVOICE_NOTFOUND", "Нэхэмжлэл олдсонгүй")
        );
        assert_eq!(details, &None);
        assert!(error.is_not_found());
        assert!(!error.is_retryable());
        assert_eq!(error.known_code(), ErrorCode::InvoiceNotFound);
    }

    #[test]
    fn not_found_covers_both_spellings_of_the_suffix() {
        for code in ["PAYMENT_NOTFOUND", "BARIMT_NOT_FOUND", "INVOICE_NOTFOUND"] {
            let error = QpayError::from_response(422, &format!(r#"{{"error":"{code}","message":"{code}"}}"#));
            assert!(error.is_not_found(), "{code}");
        }
        assert!(!QpayError::from_response(422, r#"{"error":"INVOICE_PAID","message":"x"}"#).is_not_found());
        assert!(!QpayError::from_response(500, r#"{"error":"INVOICE_NOTFOUND"}"#).is_not_found());
    }

    #[test]
    fn a_body_that_is_not_json_is_a_decode_error_keeping_the_raw_text() {
        let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        let error = QpayError::from_response(502, page);
        let QpayError::Decode { status, body, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!((*status, body.as_str()), (502, page));
        assert!(error.is_retryable());
    }

    #[test]
    fn json_without_an_error_key_keeps_the_body_as_details() {
        let error = QpayError::from_response(500, r#"{"statusCode":500,"message":"boom"}"#);
        let QpayError::Api {
            code, message, details, ..
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!((code.as_str(), message.as_str()), ("HTTP_500", "boom"));
        assert_eq!(details.as_ref().unwrap()["statusCode"], 500);
        assert!(error.is_retryable());
    }

    #[test]
    fn retryable_means_busy_rate_limited_or_unreachable() {
        assert!(QpayError::from_response(500, r#"{"error":"SYSTEM_BUSY","message":"SYSTEM_BUSY"}"#).is_retryable());
        assert!(QpayError::from_response(429, r#"{"error":"TOO_MANY","message":"x"}"#).is_retryable());
        assert!(QpayError::Timeout.is_retryable());
        assert!(QpayError::Transport("connection refused".into()).is_retryable());
        assert!(!QpayError::from_response(409, r#"{"error":"PAYMENT_SETTLED"}"#).is_retryable());
        let auth = QpayError::Auth {
            status: 401,
            code: "AUTHENTICATION_FAILED".into(),
            message: String::new(),
        };
        assert!(!auth.is_retryable());
        assert!(auth.is_auth_failure());
    }

    #[test]
    fn every_known_code_has_both_messages_and_unknown_codes_fall_back() {
        assert_eq!(ErrorCode::from_code("NO_CREDENDIALS"), ErrorCode::NoCredentials);
        assert_eq!(ErrorCode::from_code("TypeError"), ErrorCode::Other);
        assert_eq!(
            ErrorCode::from_code("PAYMENT_SETTLED").message(Lang::En),
            "The payment is already settled and cannot be cancelled or refunded."
        );
        let codes = [
            "NO_CREDENTIALS",
            "AUTHENTICATION_FAILED",
            "PERMISSION_DENIED",
            "INVOICE_NOTFOUND",
            "INVOICE_PAID",
            "INVOICE_ALREADY_CANCELED",
            "INVOICE_CODE_INVALID",
            "INVALID_AMOUNT",
            "MIN_AMOUNT_ERR",
            "MAX_AMOUNT_ERR",
            "PAYMENT_NOTFOUND",
            "PAYMENT_NOT_PAID",
            "PAYMENT_SETTLED",
            "PAYMENT_ALREADY_CANCELED",
            "SYSTEM_BUSY",
            "MERCHANT_INACTIVE",
            "BARIMT_NOT_FOUND",
            "EBARIMT_NOT_REGISTERED",
        ];
        let fallback = ErrorCode::Other;
        for code in codes {
            let known = ErrorCode::from_code(code);
            assert_ne!(known, fallback, "{code}");
            for lang in Lang::ALL {
                assert_ne!(known.message(lang), fallback.message(lang), "{code}");
            }
        }
    }
}
