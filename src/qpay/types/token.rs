//! `POST /v2/auth/token` and `POST /v2/auth/refresh` (SPEC.md §2).

use secrecy::SecretString;
use serde::{Deserialize, Deserializer};

/// The answer of both token endpoints. `Debug` shows the tokens as `[REDACTED]`.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    #[serde(default)]
    pub token_type: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub access_token: SecretString,
    #[serde(default, deserialize_with = "optional_secret")]
    pub refresh_token: Option<SecretString>,
    /// When the access token expires, in **absolute** Unix epoch seconds, not a lifetime (SPEC.md §2.1, §10.1).
    pub expires_in: i64,
    /// When the refresh token expires, in absolute Unix epoch seconds; equal to `expires_in` in every capture.
    #[serde(default)]
    pub refresh_expires_in: Option<i64>,
    #[serde(default)]
    pub scope: Option<String>,
    /// A string (`"0"`), not a number (SPEC.md §2.1).
    #[serde(
        rename = "not-before-policy",
        default,
        deserialize_with = "super::optional_id_string"
    )]
    pub not_before_policy: Option<String>,
    /// `"sandbox"`, `"prod"` or `"prod_new"`.
    #[serde(default)]
    pub session_state: Option<String>,
}

fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SecretString, D::Error> {
    String::deserialize(deserializer).map(SecretString::from)
}

fn optional_secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?
        .filter(|token| !token.is_empty())
        .map(SecretString::from))
}
