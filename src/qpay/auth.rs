//! The access-token cache: one token for the whole process, renewed shortly before it expires.
//!
//! How QPay's tokens behave (SPEC.md §2): `expires_in` is an absolute epoch second about 24 h ahead, the refresh
//! token expires at the same moment, and the JWT's own `exp` claim is wrong, so it is never read. The strategy:
//! 1. keep the access token until `expires_in - leeway`;
//! 2. then `POST /auth/refresh` with the refresh token, and if that fails `POST /auth/token` with Basic auth;
//! 3. when an API call answers 401, [`Authenticator::invalidate`] the token so the next caller renews it (the client
//!    then replays its request once).
//!
//! Renewal is single-flight: the cache's mutex is held while a token is fetched, so callers that arrive meanwhile
//! wait and then find the fresh token instead of each starting a request of their own (SPEC.md §10.3).

use reqwest::{Client, Method};
use secrecy::{ExposeSecret, SecretString};
use std::{
    fmt,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use tokio::sync::Mutex;
use url::Url;

use super::{QpayError, types::TokenResponse};

/// An access token and when it expires. `Debug` never shows the token.
#[derive(Clone)]
pub struct AccessToken {
    secret: SecretString,
    expires_at: i64,
    /// Which fetch produced it, so that a 401 invalidates this token and not a newer one.
    generation: u64,
}

impl AccessToken {
    /// The bearer token, for the `Authorization` header only.
    pub fn expose_secret(&self) -> &str {
        self.secret.expose_secret()
    }

    /// When QPay stops accepting it, in Unix epoch seconds.
    pub fn expires_at(&self) -> i64 {
        self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[REDACTED]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What the cache holds between calls.
#[derive(Clone)]
struct CachedToken {
    access: SecretString,
    refresh: Option<SecretString>,
    /// Epoch seconds.
    expires_at: i64,
    refresh_expires_at: i64,
    /// Set when an API call answered 401 with this token: it is not used again, whatever its expiry says.
    rejected: bool,
    generation: u64,
}

/// A refresh is worth trying while the refresh token has at least this long left (it expires together with the
/// access token, so it is always close to its end when it is needed).
const REFRESH_MARGIN_SECS: i64 = 5;

/// Values of `expires_in` below this (about 2001-09-09) are a lifetime in seconds, as mocks send (SPEC.md §9), not
/// an epoch second.
const EPOCH_THRESHOLD: i64 = 1_000_000_000;

impl CachedToken {
    fn from_response(response: TokenResponse, now: i64, generation: u64) -> CachedToken {
        let expires_at = absolute_expiry(response.expires_in, now);
        CachedToken {
            access: response.access_token,
            refresh: response.refresh_token,
            expires_at,
            refresh_expires_at: response
                .refresh_expires_in
                .map_or(expires_at, |at| absolute_expiry(at, now)),
            rejected: false,
            generation,
        }
    }

    /// Whether the access token can still be sent at `now` (epoch seconds), with `leeway` to spare.
    fn is_fresh(&self, now: i64, leeway: Duration) -> bool {
        !self.rejected && now.saturating_add(secs(leeway)) < self.expires_at
    }

    fn refresh_token(&self, now: i64) -> Option<&SecretString> {
        self.refresh
            .as_ref()
            .filter(|_| now.saturating_add(REFRESH_MARGIN_SECS) < self.refresh_expires_at)
    }

    fn access_token(&self) -> AccessToken {
        AccessToken {
            secret: self.access.clone(),
            expires_at: self.expires_at,
            generation: self.generation,
        }
    }
}

/// `expires_in` is an absolute epoch second (SPEC.md §2.1, §10.1); a small value is read as a lifetime instead.
fn absolute_expiry(expires_in: i64, now: i64) -> i64 {
    if expires_in >= EPOCH_THRESHOLD {
        expires_in
    } else {
        now.saturating_add(expires_in)
    }
}

fn secs(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, secs)
}

#[derive(Default)]
struct State {
    token: Option<CachedToken>,
    generations: u64,
}

/// In unit tests, a function standing in for QPay's token endpoints.
#[cfg(test)]
type FakeSource = Box<dyn Fn(GrantKind) -> Result<TokenResponse, QpayError> + Send + Sync>;

/// Which endpoint a token request goes to (seen by the unit tests' fake).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GrantKind {
    Refresh,
    Credentials,
}

/// Fetches, caches and renews the access token.
pub(crate) struct Authenticator {
    #[cfg(test)]
    fake: Option<FakeSource>,
    http: Client,
    token_url: Url,
    refresh_url: Url,
    client_id: String,
    client_secret: SecretString,
    leeway: Duration,
    state: Mutex<State>,
}

impl Authenticator {
    pub(crate) fn new(
        http: Client,
        token_url: Url,
        refresh_url: Url,
        client_id: String,
        client_secret: SecretString,
        leeway: Duration,
    ) -> Authenticator {
        Authenticator {
            #[cfg(test)]
            fake: None,
            http,
            token_url,
            refresh_url,
            client_id,
            client_secret,
            leeway,
            state: Mutex::new(State::default()),
        }
    }

    pub(crate) fn client_id(&self) -> &str {
        &self.client_id
    }

    /// A token that is valid for at least the leeway, fetching one when the cached one is not.
    pub(crate) async fn access_token(&self) -> Result<AccessToken, QpayError> {
        // Held across the fetch: this is what makes renewal single-flight.
        let mut state = self.state.lock().await;
        let now = unix_now();
        if let Some(token) = state.token.as_ref().filter(|token| token.is_fresh(now, self.leeway)) {
            return Ok(token.access_token());
        }
        let response = self.fetch(state.token.as_ref(), now).await?;
        state.generations += 1;
        let token = CachedToken::from_response(response, unix_now(), state.generations);
        let access = token.access_token();
        state.token = Some(token);
        Ok(access)
    }

    /// Marks `rejected` as refused by QPay, unless a newer token has replaced it already. The refresh token is kept:
    /// the next renewal still tries it first.
    pub(crate) async fn invalidate(&self, rejected: &AccessToken) {
        let mut state = self.state.lock().await;
        if let Some(token) = state
            .token
            .as_mut()
            .filter(|token| token.generation == rejected.generation)
        {
            token.rejected = true;
        }
    }

    async fn fetch(&self, previous: Option<&CachedToken>, now: i64) -> Result<TokenResponse, QpayError> {
        if let Some(refresh) = previous.and_then(|token| token.refresh_token(now)) {
            match self.request(Grant::Refresh(refresh)).await {
                Ok(response) => return Ok(response),
                Err(error) => tracing::debug!(%error, "QPay token refresh failed; signing in with the credentials"),
            }
        }
        self.request(Grant::Credentials).await
    }

    async fn request(&self, grant: Grant<'_>) -> Result<TokenResponse, QpayError> {
        #[cfg(test)]
        if let Some(fake) = &self.fake {
            // Long enough for concurrent callers to pile up behind the lock.
            tokio::time::sleep(Duration::from_millis(20)).await;
            return fake(grant.kind());
        }
        // Neither endpoint needs a body (SPEC.md §2).
        let (url, request) = match grant {
            Grant::Refresh(refresh) => (
                &self.refresh_url,
                self.http
                    .request(Method::POST, self.refresh_url.clone())
                    .bearer_auth(refresh.expose_secret()),
            ),
            Grant::Credentials => (
                &self.token_url,
                self.http
                    .request(Method::POST, self.token_url.clone())
                    .basic_auth(&self.client_id, Some(self.client_secret.expose_secret())),
            ),
        };
        let started = Instant::now();
        let result = request.send().await;
        let elapsed_ms = started.elapsed().as_millis();
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                tracing::debug!(method = "POST", path = url.path(), elapsed_ms, %error, "QPay token request failed");
                return Err(QpayError::from_reqwest(error));
            }
        };
        let status = response.status().as_u16();
        let body = response.text().await.map_err(QpayError::from_reqwest)?;
        tracing::debug!(
            method = "POST",
            path = url.path(),
            status,
            elapsed_ms,
            "QPay token request"
        );
        token_from_response(status, &body)
    }
}

enum Grant<'a> {
    Refresh(&'a SecretString),
    Credentials,
}

impl Grant<'_> {
    #[cfg(test)]
    fn kind(&self) -> GrantKind {
        match self {
            Grant::Refresh(_) => GrantKind::Refresh,
            Grant::Credentials => GrantKind::Credentials,
        }
    }
}

/// Reads a token endpoint's answer. A refused grant becomes [`QpayError::Auth`]; 429 and 5xx stay
/// [`QpayError::Api`] so that they read as retryable. A success body that does not parse is not kept: it may hold
/// the tokens.
fn token_from_response(status: u16, body: &str) -> Result<TokenResponse, QpayError> {
    if !(200..300).contains(&status) {
        return Err(match QpayError::from_response(status, body) {
            QpayError::Api {
                status, code, message, ..
            } if status < 500 && status != 429 => QpayError::Auth { status, code, message },
            other => other,
        });
    }
    serde_json::from_str(body).map_err(|error| QpayError::Decode {
        status,
        reason: format!("not a token response: {error}"),
        body: "<withheld: may contain tokens>".into(),
    })
}

#[cfg(test)]
impl Authenticator {
    /// An authenticator whose token requests call `fake` instead of QPay.
    pub(crate) fn fake(
        leeway: Duration,
        fake: impl Fn(GrantKind) -> Result<TokenResponse, QpayError> + Send + Sync + 'static,
    ) -> Authenticator {
        let url = Url::parse("http://127.0.0.1:9/v2/auth/token").expect("a valid URL");
        let mut authenticator = Authenticator::new(
            Client::new(),
            url.clone(),
            url,
            "TEST_MERCHANT".into(),
            SecretString::from("123456"),
            leeway,
        );
        authenticator.fake = Some(Box::new(fake));
        authenticator
    }
}

/// A token response as QPay sends it: tokens numbered by `n`, expiring 24 h from now.
#[cfg(test)]
pub(crate) fn fake_token_response(n: usize) -> TokenResponse {
    let expires = unix_now() + 86_400;
    serde_json::from_value(serde_json::json!({
        "token_type": "bearer", "access_token": format!("access-{n}"), "refresh_token": format!("refresh-{n}"),
        "expires_in": expires, "refresh_expires_in": expires, "not-before-policy": "0",
    }))
    .expect("a token response")
}

#[cfg(test)]
mod tests;
