//! Reading QPay's answers: which are successes (a 2xx without QPay's `error` key, SPEC.md §7), and decoding bodies.

use serde::de::DeserializeOwned;

use crate::qpay::QpayError;

/// A response with any status, before it is read as success or error.
pub(in crate::qpay) struct Answer {
    pub(in crate::qpay) status: u16,
    pub(in crate::qpay) body: String,
}

/// A 2xx answer is a success unless it carries QPay's `error` key; anything else is an error.
pub(in crate::qpay) fn success(answer: Answer) -> Result<Answer, QpayError> {
    let success = (200..300).contains(&answer.status) && !has_error_key(&answer.body);
    if success {
        Ok(answer)
    } else {
        Err(QpayError::from_response(answer.status, &answer.body))
    }
}

fn has_error_key(body: &str) -> bool {
    // Cheap test first: most bodies do not mention it at all.
    if !body.contains("\"error") {
        return false;
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(object)) => ["error", "error_code"]
            .iter()
            .any(|key| object.get(*key).is_some_and(|value| !value.is_null() && value != "")),
        _ => false,
    }
}

pub(super) fn decode<T: DeserializeOwned>(answer: Answer) -> Result<T, QpayError> {
    serde_json::from_str(&answer.body).map_err(|error| QpayError::Decode {
        status: answer.status,
        reason: error.to_string(),
        body: answer.body,
    })
}

/// Like [`decode`], but an empty body (as a 204 has) gives the type's default.
pub(super) fn decode_or_default<T: DeserializeOwned + Default>(answer: Answer) -> Result<T, QpayError> {
    if answer.body.trim().is_empty() {
        return Ok(T::default());
    }
    decode(answer)
}
