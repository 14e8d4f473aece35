//! The shop's catalog pages (the product list and product pages) as a visitor without a session sees them, kept
//! for [`KEEP_FOR`] after they were rendered: a burst of new visitors (a link shared in a group chat) costs one
//! rendering a second per page instead of one per visitor (docs/PERFORMANCE.md).
//!
//! Only what is the same for every such visitor is kept: a `GET` of `/` or `/products/…` with no session cookie,
//! answered 200 with HTML and no cookie set, one copy per address and language. Anyone with a session (a cart, the
//! owner) gets a page rendered for them. Each answer gets a fresh CSP nonce, written over the kept one.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{collections::HashMap, sync::Mutex, time::Instant};

use super::service::{CatalogService, KEEP_FOR};
use crate::i18n::Lang;

/// Pages kept at most; past that, pages are rendered and not kept until old ones run out.
const MOST_PAGES: usize = 1024;
const LARGEST_PAGE: usize = 1024 * 1024;

#[derive(Debug, Default)]
pub struct KeptPages {
    pages: Mutex<HashMap<String, KeptPage>>,
}

#[derive(Debug, Clone)]
struct KeptPage {
    rendered_at: Instant,
    headers: HeaderMap,
    html: String,
    nonce: String,
}

impl KeptPages {
    fn get(&self, key: &str) -> Option<KeptPage> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages
            .get(key)
            .filter(|page| page.rendered_at.elapsed() < KEEP_FOR)
            .cloned()
    }

    fn keep(&self, key: String, page: KeptPage) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MOST_PAGES {
            pages.retain(|_, page| page.rendered_at.elapsed() < KEEP_FOR);
        }
        if pages.len() < MOST_PAGES || pages.contains_key(&key) {
            pages.insert(key, page);
        }
    }

    pub fn clear(&self) {
        self.pages.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Middleware: answers a visitor without a session from a kept page, or renders the page and keeps it.
pub async fn serve_kept_pages(State(catalog): State<CatalogService>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let pages = catalog.kept_pages();
    if let Some(page) = pages.get(&key) {
        return page.answer();
    }
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    let Some(nonce) = keepable.then(|| nonce_of(response.headers())).flatten() else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, LARGEST_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = match String::from_utf8(bytes.to_vec()) {
        Ok(html) => html,
        Err(_) => return Response::from_parts(parts, Body::from(bytes)),
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::DATE);
    pages.keep(
        key,
        KeptPage {
            rendered_at: Instant::now(),
            headers,
            html: html.clone(),
            nonce,
        },
    );
    Response::from_parts(parts, Body::from(html))
}

impl KeptPage {
    /// The kept page with a nonce of its own, in the HTML and in the policy.
    fn answer(self) -> Response {
        let nonce = crate::random::token(22);
        let mut response = Response::new(Body::from(self.html.replace(&self.nonce, &nonce)));
        *response.headers_mut() = self.headers;
        if let Some(policy) = response.headers().get(header::CONTENT_SECURITY_POLICY)
            && let Ok(policy) = policy.to_str()
            && let Ok(fresh) = HeaderValue::from_str(&policy.replace(&self.nonce, &nonce))
        {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, fresh);
        }
        response
    }
}

/// `lang:path?query` for a request whose answer is the same for everyone it could be kept for; `None` otherwise.
fn key_of(request: &Request) -> Option<String> {
    let path = request.uri().path();
    let catalog = path == "/" || path.strip_prefix("/products/").is_some_and(|slug| !slug.contains('/'));
    if request.method() != Method::GET || !catalog {
        return None;
    }
    let cookies = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    if cookies.contains(crate::server::SESSION_COOKIE) {
        return None;
    }
    let lang = Lang::from_cookie_header(&cookies);
    Some(format!("{}:{}", lang.code(), request.uri()))
}

/// The nonce in a page's Content-Security-Policy (`'nonce-…'`), which the page's scripts carry.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let nonce = &policy[start..start + policy[start..].find('\'')?];
    // Long enough never to match anything else on the page.
    (nonce.len() >= 16).then(|| nonce.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{key_of, nonce_of};
    use axum::{body::Body, http::Request};

    fn request(method: &str, uri: &str, cookie: Option<&str>) -> Request<Body> {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_catalog_pages_for_visitors_without_a_session_are_kept() {
        let key = |method, uri, cookie| key_of(&request(method, uri, cookie));
        assert_eq!(key("GET", "/", None).as_deref(), Some("mn:/"));
        assert_eq!(
            key("GET", "/?category=food&page=2", Some("lang=en")).as_deref(),
            Some("en:/?category=food&page=2")
        );
        assert_eq!(
            key("GET", "/products/honey", None).as_deref(),
            Some("mn:/products/honey")
        );
        assert_eq!(key("GET", "/products/honey", Some("delguur.sid=abc; lang=en")), None);
        assert_eq!(key("HEAD", "/", None), None);
        assert_eq!(key("POST", "/", None), None);
        assert_eq!(key("GET", "/cart", None), None);
        assert_eq!(key("GET", "/orders/D-1", None), None);
        assert_eq!(key("GET", "/products/a/b", None), None);
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let mut headers = axum::http::HeaderMap::new();
        let policy = "default-src 'self'; script-src 'self' 'nonce-AbCdEfGhIjKlMnOpQr12' 'wasm-unsafe-eval'";
        headers.insert("content-security-policy", policy.parse().unwrap());
        assert_eq!(nonce_of(&headers).as_deref(), Some("AbCdEfGhIjKlMnOpQr12"));
        headers.insert("content-security-policy", "script-src 'nonce-short'".parse().unwrap());
        assert_eq!(nonce_of(&headers), None);
    }
}
