//! What every request passes through on its way in or out: the CSRF check, the status of server-function errors,
//! the Content-Security-Policy, cache lifetimes of static files, and the request's log span.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::prelude::*;
use std::borrow::Cow;

use crate::{config::Config, error::AppError, site_files::SiteFiles};

pub fn site_origin(config: &Config) -> SiteOrigin {
    SiteOrigin(config.public_url.origin().ascii_serialization())
}

/// CSRF defence for server functions and the owner's uploads, on top of `SameSite=Lax` cookies: a write whose
/// `Origin` is another site (or, without `Origin`, whose `Sec-Fetch-Site` says cross-site) is refused before it
/// reaches any handler. QPay's callback sends neither header, so it passes.
pub async fn refuse_cross_site_writes(State(site): State<SiteOrigin>, request: Request, next: Next) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes && is_cross_site(&site, &request) {
        tracing::warn!(path = %loggable_path(request.uri().path()), "refused a cross-site write");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

/// `scheme://host[:port]` of `PUBLIC_URL`.
#[derive(Debug, Clone)]
pub struct SiteOrigin(String);

/// Same origin is `PUBLIC_URL`'s origin (what shoppers use behind a proxy that rewrites `Host`), or the host the
/// request was sent to (`Host`, or the HTTP/2 authority) when reached directly.
fn is_cross_site(site: &SiteOrigin, request: &Request) -> bool {
    let headers = request.headers();
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return headers
            .get("sec-fetch-site")
            .is_some_and(|fetch_site| fetch_site == "cross-site");
    };
    if origin == site.0 {
        return false;
    }
    let reached = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or(request.uri().authority().map(|a| a.as_str()));
    origin.split_once("://").map(|(_, authority)| authority) != reached
}

/// server_fn answers every error with 500 (leptos 0.8); this gives the status the error deserves (400 for arguments
/// that do not decode, 404, 429), reading the JSON error it marks with the `serverfnerror` header. A plain form post
/// is a redirect by then and passes untouched.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Pages get a Content-Security-Policy that allows only our own scripts: the islands' module and WASM from this
/// site, and the inline scripts Leptos writes, which carry this response's nonce. Server-function answers and files
/// have no nonce and need no policy.
pub fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // `cargo leptos watch` reloads the page through a websocket.
    let reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        " ws:"
    } else {
        ""
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: https:; connect-src 'self'{reload}; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Cache lifetimes for static files: a year for names that change with the content (hashed build files, uploads),
/// a day for the shop's pictures, five minutes for build files with plain names (`site_files.rs`) and the header
/// search's script.
pub async fn cache_static_files(State(site_files): State<SiteFiles>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let built = path.starts_with(site_files.prefix());
    let policy = if built {
        Some(site_files.cache_control())
    } else if path == "/search.js" {
        // A plain name whose content changes with a release: as the build's plain names.
        Some(HeaderValue::from_static("public, max-age=300"))
    } else if path.starts_with("/images/") || path == "/favicon.svg" {
        Some(HeaderValue::from_static("public, max-age=86400"))
    } else if path.starts_with(crate::admin::media::MEDIA_PREFIX) {
        // Uploads get a new random name each time, so a name never changes what it shows.
        Some(HeaderValue::from_static("public, max-age=31536000, immutable"))
    } else {
        None
    };
    let mut response = next.run(request).await;
    if let Some(policy) = policy.filter(|_| response.status().is_success()) {
        let headers = response.headers_mut();
        headers.entry(header::CACHE_CONTROL).or_insert(policy);
        if built {
            // Sent as brotli, gzip or plain by what the browser accepts, so a shared cache must keep them apart.
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

/// The header that carries each request's id (`x-request-id`), made by the server for every request and sent back
/// with the answer; one a client sent is dropped first ([`drop_sent_request_id`]), so log lines carry only ours.
pub const REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

/// Removes a request id the client sent, so the server makes one of its own (any length and content could
/// otherwise reach every log line of the request).
pub async fn drop_sent_request_id(mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(&REQUEST_ID);
    next.run(request).await
}

/// The span of one request: its id (so every log line of one request can be found together), method and path
/// only, because query strings can carry secrets (callback tokens), and the path as [`loggable_path`] shows it.
pub fn request_span(request: &Request) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|id| id.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", id, method = %request.method(), path = %loggable_path(request.uri().path()))
}

/// A path as the log may show it. Two routes carry a secret in the path itself, which opens what it names to
/// whoever holds it: the short pay link `/o/{order_no}/{key}` (the order's view key) and the invitation
/// `/admin/invite/{token}`. Those are logged by their route's template; the pay link keeps its order number, which
/// opens nothing, so its lines can still be traced to the order. Every other path is logged as it came.
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    if let Some(rest) = path.strip_prefix("/o/") {
        // Only a real order number's shape is shown: the first part of a path a stranger typed could be anything.
        let order_no = rest
            .split('/')
            .next()
            .and_then(|no| crate::domain::OrderNo::parse(no).ok());
        return match order_no {
            Some(order_no) => Cow::Owned(format!("/o/{order_no}/{{key}}")),
            None => Cow::Borrowed("/o/{order_no}/{key}"),
        };
    }
    if path.starts_with("/admin/invite/") {
        return Cow::Borrowed("/admin/invite/{token}");
    }
    Cow::Borrowed(path)
}

/// The most a request's body may be: a form's ([`super::MAX_REQUEST_BODY`]), or, for the one form that carries pages
/// of writing (a shop page), [`super::MAX_PAGE_BODY`]. Past it: 413, and nothing is read or changed. (Picture uploads
/// have their own router and limit.)
pub async fn limit_body(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::response::IntoResponse;
    let page = <crate::admin::shop_settings::writing::AdminSaveShopPage as leptos::server_fn::ServerFn>::PATH;
    let limit = if request.uri().path() == page {
        super::MAX_PAGE_BODY
    } else {
        super::MAX_REQUEST_BODY
    };
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn paths_with_a_secret_are_logged_by_their_template() {
        let key = "Xq3vT9bLm2Rk7WzP4nHc8YdF5sJa6GeU";
        let table = [
            (format!("/o/D7K2M9PQ/{key}"), "/o/D7K2M9PQ/{key}"),
            // Typed in small letters: the order number as the shop writes it.
            (format!("/o/d7k2m9pq/{key}"), "/o/D7K2M9PQ/{key}"),
            // A key that is not one (the route answers 404) may still be someone's: it goes too.
            (format!("/o/D7K2M9PQ/{key}/more"), "/o/D7K2M9PQ/{key}"),
            (format!("/o/{key}"), "/o/{order_no}/{key}"),
            (format!("/o/not-an-order/{key}"), "/o/{order_no}/{key}"),
            (format!("/admin/invite/{key}"), "/admin/invite/{token}"),
            (format!("/admin/invite/{key}/"), "/admin/invite/{token}"),
            ("/admin/invite/".to_owned(), "/admin/invite/{token}"),
            // No secret: as they came.
            ("/orders/D7K2M9PQ".to_owned(), "/orders/D7K2M9PQ"),
            ("/admin/orders/D7K2M9PQ".to_owned(), "/admin/orders/D7K2M9PQ"),
            ("/admin/staff".to_owned(), "/admin/staff"),
            ("/qpay/callback/D7K2M9PQ".to_owned(), "/qpay/callback/D7K2M9PQ"),
            ("/o".to_owned(), "/o"),
            ("/".to_owned(), "/"),
        ];
        for (path, logged) in table {
            assert_eq!(loggable_path(&path), logged, "{path}");
        }
    }
}
