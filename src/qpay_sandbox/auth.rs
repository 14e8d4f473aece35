//! `POST /v2/auth/token`, `POST /v2/auth/refresh`, and the bearer check every other endpoint makes (SPEC.md §2).

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
};
use base64::{
    Engine,
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD},
};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use super::{
    ApiError, SharedSandbox,
    state::{Sandbox, now_secs},
};

const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// The merchant id in the sandbox token's JWT (SPEC.md §1), which `payment/list` by MERCHANT must name (SPEC.md
/// §10.14).
pub(super) const MERCHANT_ID: &str = "KKTT";

pub async fn token(State(sandbox): State<SharedSandbox>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    let (id, secret) = basic_credentials(&headers).ok_or_else(authentication_failed)?;
    let id_ok = id.as_bytes().ct_eq(sandbox.config.client_id.as_bytes());
    let secret_ok = secret.as_bytes().ct_eq(sandbox.config.client_secret.as_bytes());
    if !bool::from(id_ok & secret_ok) {
        return Err(authentication_failed());
    }
    sandbox.counters.tokens_issued += 1;
    Ok(Json(issue(&mut sandbox)))
}

pub async fn refresh(State(sandbox): State<SharedSandbox>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let mut sandbox = sandbox.lock();
    let presented = bearer(&headers).unwrap_or_default();
    let valid = sandbox
        .refresh_tokens
        .get(&presented)
        .is_some_and(|&expires| expires > now_secs());
    if !valid {
        return Err(no_credentials(&sandbox));
    }
    sandbox.refresh_tokens.remove(&presented);
    sandbox.counters.tokens_refreshed += 1;
    Ok(Json(issue(&mut sandbox)))
}

/// A token pair. `expires_in` and `refresh_expires_in` are absolute epoch seconds, equal, a day ahead; the JWT's
/// `exp` adds that epoch to `iat` as if it were a duration, as QPay's does (SPEC.md §2.1).
fn issue(sandbox: &mut Sandbox) -> Value {
    let now = now_secs();
    let expires = now + sandbox.settings.token_ttl_seconds;
    let session_id = sandbox.random_text(TOKEN_ALPHABET, 32);
    let claims = json!({
        "client_id": sandbox.uuid(),
        "merchant_id": MERCHANT_ID,
        "session_id": session_id,
        "iat": now,
        "exp": now + expires,
    });
    let access = jwt(sandbox, &claims);
    let refresh = jwt(
        sandbox,
        &json!({"id": claims["client_id"], "extra": {}, "iat": now, "exp": now + expires}),
    );
    sandbox.access_tokens.insert(access.clone(), expires);
    sandbox.refresh_tokens.insert(refresh.clone(), expires);
    json!({
        "token_type": "bearer",
        "refresh_expires_in": expires,
        "refresh_token": refresh,
        "access_token": access,
        "expires_in": expires,
        "scope": "get_token",
        "not-before-policy": "0",
        "session_state": "sandbox",
    })
}

fn jwt(sandbox: &mut Sandbox, claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signature = URL_SAFE_NO_PAD.encode(sandbox.random_text(TOKEN_ALPHABET, 32));
    format!("{header}.{payload}.{signature}")
}

/// Every v2 endpoint but the two above: a live bearer token or 401.
pub fn authorize(sandbox: &Sandbox, headers: &HeaderMap) -> Result<(), ApiError> {
    let presented = bearer(headers).unwrap_or_default();
    match sandbox.access_tokens.get(&presented) {
        Some(&expires) if expires > now_secs() => Ok(()),
        _ => Err(no_credentials(sandbox)),
    }
}

/// Makes every token, access and refresh, expire now.
pub fn expire_all(sandbox: &mut Sandbox) {
    let past = now_secs() - 1;
    sandbox.access_tokens.values_mut().for_each(|expires| *expires = past);
    sandbox.refresh_tokens.values_mut().for_each(|expires| *expires = past);
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn authentication_failed() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "AUTHENTICATION_FAILED",
        "Нэвтрэх нэр эсвэл нууц үг буруу байна.",
    )
}

/// 401 for a missing or expired bearer, in the spelling the settings choose (SPEC.md §7).
fn no_credentials(sandbox: &Sandbox) -> ApiError {
    let code = sandbox.settings.credentials_error.clone();
    let message = if code == "NO_CREDENTIALS" {
        "Хандах эрхгүй байна. Нэвтрэнэ үү.".to_owned()
    } else {
        code.clone()
    };
    ApiError::new(StatusCode::UNAUTHORIZED, &code, &message)
}
