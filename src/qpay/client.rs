//! [`QpayClient`]: one method per QPay endpoint, with authentication, retries and logging around each call.
//!
//! Retries happen only where repeating a request cannot do anything twice: GETs and `payment/check`, on 429, 5xx,
//! timeouts and connection failures, with jittered exponential backoff. Creating an invoice and every DELETE or
//! other POST is sent once; a caller that wants to try again decides itself (for an invoice: look up the one it
//! stored first, SPEC.md §10.9). Independently of that, a 401 makes any call renew the token and replay once: QPay
//! refused the request before doing anything.
//!
//! Logs (tracing, debug level) name the method, path, status and time taken; never a token, the client secret, an
//! `Authorization` header or a body.

use rand::Rng;
use reqwest::{
    Client, Method,
    header::{ACCEPT, CONTENT_TYPE},
    redirect,
};
use serde::Serialize;
use std::{
    fmt,
    sync::Arc,
    time::{Duration, Instant},
};
use url::Url;

use super::{
    QpayError,
    auth::{AccessToken, Authenticator},
    types::{
        Ebarimt, EbarimtCreateRequest, EbarimtV3CreateRequest, Invoice, InvoiceCreated, InvoiceRequest, Payment,
        PaymentCancelRequest, PaymentCheckRequest, PaymentCheckResponse, PaymentListRequest, PaymentListResponse,
        PaymentRefundRequest,
    },
};
use crate::config::QpayConfig;

/// How patient the client is. Tests against an emulator use short timeouts and a small backoff.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// For a whole request, connection to last byte.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts for requests that are safe to repeat; 0 turns retries off.
    pub max_retries: u32,
    /// The first retry waits between half of this and all of it; each further one doubles.
    pub backoff_base: Duration,
    /// How long before its expiry a token is renewed.
    pub token_leeway: Duration,
}

impl Default for ClientOptions {
    fn default() -> ClientOptions {
        ClientOptions {
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            max_retries: 2,
            backoff_base: Duration::from_millis(200),
            token_leeway: Duration::from_secs(60),
        }
    }
}

/// The QPay v2 client. Cloning is cheap and clones share the connection pool and the token.
#[derive(Clone)]
pub struct QpayClient {
    inner: Arc<Inner>,
}

struct Inner {
    #[cfg(test)]
    fake: Option<FakeSend>,
    http: Client,
    /// Ends in `/v2`, such as `https://merchant.qpay.mn/v2`.
    base_url: Url,
    invoice_code: String,
    auth: Authenticator,
    options: ClientOptions,
}

impl fmt::Debug for QpayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QpayClient")
            .field("base_url", &self.inner.base_url.as_str())
            .field("client_id", &self.inner.auth.client_id())
            .field("invoice_code", &self.inner.invoice_code)
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

/// In unit tests, a function standing in for QPay: it gets the method, URL, body and bearer token.
#[cfg(test)]
type FakeSend = Box<dyn Fn(&Method, &Url, Option<&[u8]>, &str) -> Result<Answer, QpayError> + Send + Sync>;

/// Whether a request may be sent again after a failure that may or may not have reached QPay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeat {
    Safe,
    Never,
}

impl QpayClient {
    pub fn new(config: &QpayConfig, options: ClientOptions) -> Result<QpayClient, QpayError> {
        if config.base_url.cannot_be_a_base() {
            return Err(QpayError::Transport(format!(
                "QPay base URL {} has no path",
                config.base_url
            )));
        }
        let http = Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            // QPay never redirects; following one could turn a POST into a GET elsewhere.
            .redirect(redirect::Policy::none())
            .user_agent(concat!("delguur/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(QpayError::from_reqwest)?;
        let base_url = config.base_url.clone();
        let auth = Authenticator::new(
            http.clone(),
            endpoint(&base_url, &["auth", "token"]),
            endpoint(&base_url, &["auth", "refresh"]),
            config.client_id.clone(),
            config.client_secret.clone(),
            options.token_leeway,
        );
        Ok(QpayClient {
            inner: Arc::new(Inner {
                #[cfg(test)]
                fake: None,
                http,
                base_url,
                invoice_code: config.invoice_code.clone(),
                auth,
                options,
            }),
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The merchant's invoice code from the configuration, for [`InvoiceRequest::invoice_code`].
    pub fn invoice_code(&self) -> &str {
        &self.inner.invoice_code
    }

    /// A valid access token, fetched now if the cached one is missing or about to expire. Checks that the
    /// configured credentials work.
    pub async fn token(&self) -> Result<AccessToken, QpayError> {
        self.inner.auth.access_token().await
    }

    /// `POST /invoice`. Never retried: a repeat would create a second invoice.
    #[tracing::instrument(level = "debug", skip_all, fields(sender_invoice_no = %request.sender_invoice_no))]
    pub async fn create_invoice(&self, request: &InvoiceRequest) -> Result<InvoiceCreated, QpayError> {
        let answer = self
            .call(Method::POST, &["invoice"], Some(json(request)?), Repeat::Never)
            .await?;
        decode(answer)
    }

    /// `GET /invoice/{id}`.
    #[tracing::instrument(level = "debug", skip(self))]
    pub async fn get_invoice(&self, invoice_id: &str) -> Result<Invoice, QpayError> {
        let answer = self
            .call(Method::GET, &["invoice", invoice_id], None, Repeat::Safe)
            .await?;
        decode(answer)
    }

    /// `DELETE /invoice/{id}`; QPay answers `{}` (SPEC.md §3.3).
    #[tracing::instrument(level = "debug", skip(self))]
    pub async fn cancel_invoice(&self, invoice_id: &str) -> Result<(), QpayError> {
        self.call(Method::DELETE, &["invoice", invoice_id], None, Repeat::Never)
            .await?;
        Ok(())
    }

    /// `POST /payment/check`: the payments of an invoice (or QR, or item). Retried like a GET: it changes nothing.
    #[tracing::instrument(level = "debug", skip_all, fields(object_id = %request.object_id))]
    pub async fn check_payment(&self, request: &PaymentCheckRequest) -> Result<PaymentCheckResponse, QpayError> {
        let body = Some(json(request)?);
        let answer = self
            .call(Method::POST, &["payment", "check"], body, Repeat::Safe)
            .await?;
        decode(answer)
    }

    /// `GET /payment/{id}`.
    #[tracing::instrument(level = "debug", skip(self))]
    pub async fn get_payment(&self, payment_id: &str) -> Result<Payment, QpayError> {
        let answer = self
            .call(Method::GET, &["payment", payment_id], None, Repeat::Safe)
            .await?;
        decode(answer)
    }

    /// `DELETE /payment/cancel/{id}` with a JSON body. Card payments only (SPEC.md §4.3).
    #[tracing::instrument(level = "debug", skip(self, request))]
    pub async fn cancel_payment(&self, payment_id: &str, request: &PaymentCancelRequest) -> Result<(), QpayError> {
        let body = Some(json(request)?);
        self.call(Method::DELETE, &["payment", "cancel", payment_id], body, Repeat::Never)
            .await?;
        Ok(())
    }

    /// `DELETE /payment/refund/{id}` with a JSON body. Card payments only (SPEC.md §4.3).
    #[tracing::instrument(level = "debug", skip(self, request))]
    pub async fn refund_payment(&self, payment_id: &str, request: &PaymentRefundRequest) -> Result<(), QpayError> {
        let body = Some(json(request)?);
        self.call(Method::DELETE, &["payment", "refund", payment_id], body, Repeat::Never)
            .await?;
        Ok(())
    }

    /// `POST /payment/list` (SPEC.md §4.4).
    #[tracing::instrument(level = "debug", skip_all, fields(object_id = %request.object_id))]
    pub async fn list_payments(&self, request: &PaymentListRequest) -> Result<PaymentListResponse, QpayError> {
        let body = Some(json(request)?);
        let answer = self
            .call(Method::POST, &["payment", "list"], body, Repeat::Never)
            .await?;
        decode(answer)
    }

    /// `POST /ebarimt/create`, the original e-receipt API.
    #[tracing::instrument(level = "debug", skip_all, fields(payment_id = %request.payment_id))]
    pub async fn create_ebarimt(&self, request: &EbarimtCreateRequest) -> Result<Ebarimt, QpayError> {
        let body = Some(json(request)?);
        let answer = self
            .call(Method::POST, &["ebarimt", "create"], body, Repeat::Never)
            .await?;
        decode(answer)
    }

    /// `POST /ebarimt_v3/create`, Ebarimt 3.0.
    #[tracing::instrument(level = "debug", skip_all, fields(payment_id = %request.payment_id))]
    pub async fn create_ebarimt_v3(&self, request: &EbarimtV3CreateRequest) -> Result<Ebarimt, QpayError> {
        let body = Some(json(request)?);
        let answer = self
            .call(Method::POST, &["ebarimt_v3", "create"], body, Repeat::Never)
            .await?;
        decode(answer)
    }

    /// `GET /ebarimt/{barimt_id}`; an unknown id is 422 `BARIMT_NOT_FOUND`.
    #[tracing::instrument(level = "debug", skip(self))]
    pub async fn get_ebarimt(&self, barimt_id: &str) -> Result<Ebarimt, QpayError> {
        let answer = self
            .call(Method::GET, &["ebarimt", barimt_id], None, Repeat::Safe)
            .await?;
        decode(answer)
    }

    /// `DELETE /ebarimt/{barimt_id}`. Its answer was never captured; an empty one reads as an empty receipt.
    #[tracing::instrument(level = "debug", skip(self))]
    pub async fn cancel_ebarimt(&self, barimt_id: &str) -> Result<Ebarimt, QpayError> {
        let answer = self
            .call(Method::DELETE, &["ebarimt", barimt_id], None, Repeat::Never)
            .await?;
        decode_or_default(answer)
    }

    /// `DELETE /ebarimt_v3/{payment_id}`: answers the cancelled receipt.
    #[tracing::instrument(level = "debug", skip(self))]
    pub async fn cancel_ebarimt_v3(&self, payment_id: &str) -> Result<Ebarimt, QpayError> {
        let answer = self
            .call(Method::DELETE, &["ebarimt_v3", payment_id], None, Repeat::Never)
            .await?;
        decode_or_default(answer)
    }

    /// Sends one API request, with retries where safe, and returns a success answer.
    async fn call(
        &self,
        method: Method,
        path: &[&str],
        body: Option<Vec<u8>>,
        repeat: Repeat,
    ) -> Result<Answer, QpayError> {
        let url = endpoint(&self.inner.base_url, path);
        let options = &self.inner.options;
        let mut retries = 0;
        loop {
            match self
                .send_authorized(&method, &url, body.as_deref())
                .await
                .and_then(success)
            {
                Err(error) if should_retry(repeat, retries, options.max_retries, &error) => {
                    let delay = backoff(options.backoff_base, retries);
                    tracing::debug!(%error, retry = retries + 1, delay_ms = delay.as_millis(), "retrying the QPay call");
                    tokio::time::sleep(delay).await;
                    retries += 1;
                }
                result => return result,
            }
        }
    }

    /// Sends with the cached token; on a 401 marks that token refused, gets another and sends once more (SPEC.md
    /// §2.2, §10.1–2). The second answer is final, whatever it is.
    async fn send_authorized(&self, method: &Method, url: &Url, body: Option<&[u8]>) -> Result<Answer, QpayError> {
        let auth = &self.inner.auth;
        let token = auth.access_token().await?;
        let answer = self.send_once(method, url, body, &token).await?;
        if answer.status != 401 {
            return Ok(answer);
        }
        tracing::debug!(%method, path = url.path(), "QPay refused the access token; renewing it and replaying once");
        auth.invalidate(&token).await;
        let token = auth.access_token().await?;
        self.send_once(method, url, body, &token).await
    }

    async fn send_once(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&[u8]>,
        token: &AccessToken,
    ) -> Result<Answer, QpayError> {
        #[cfg(test)]
        if let Some(fake) = &self.inner.fake {
            return fake(method, url, body, token.expose_secret());
        }
        let mut request = self
            .inner
            .http
            .request(method.clone(), url.clone())
            .bearer_auth(token.expose_secret())
            .header(ACCEPT, "application/json");
        if let Some(body) = body {
            request = request.header(CONTENT_TYPE, "application/json").body(body.to_vec());
        }
        let started = Instant::now();
        let result = request.send().await;
        let elapsed_ms = started.elapsed().as_millis();
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                tracing::debug!(%method, path = url.path(), elapsed_ms, %error, "QPay call failed");
                return Err(QpayError::from_reqwest(error));
            }
        };
        let status = response.status().as_u16();
        let body = response.text().await.map_err(QpayError::from_reqwest)?;
        let elapsed_ms = started.elapsed().as_millis();
        tracing::debug!(%method, path = url.path(), status, elapsed_ms, "QPay call");
        Ok(Answer { status, body })
    }
}

/// `{base}/{segments…}`, each segment percent-encoded, so an id can never change the path.
fn endpoint(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

fn json<T: Serialize>(body: &T) -> Result<Vec<u8>, QpayError> {
    serde_json::to_vec(body).map_err(|error| QpayError::Transport(format!("cannot encode the request: {error}")))
}

/// Whether to send again after `error`: only a request that is safe to repeat, only while retries remain, and
/// only after a failure that may pass (timeout, connection, 429, 5xx).
fn should_retry(repeat: Repeat, retries: u32, max_retries: u32, error: &QpayError) -> bool {
    repeat == Repeat::Safe && retries < max_retries && error.is_retryable()
}

/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// `base × 2^retry`, capped, then a random part of it between half and all, so clients that failed together do
/// not retry together.
fn backoff(base: Duration, retry: u32) -> Duration {
    let ceiling = base.saturating_mul(2u32.saturating_pow(retry)).min(MAX_BACKOFF);
    ceiling.mul_f64(rand::rng().random_range(0.5..=1.0))
}

mod answer;
#[cfg(test)]
mod tests;

pub(super) use answer::{Answer, success};
use answer::{decode, decode_or_default};
