//! The shop's catalog pages (the product list and product pages) as a visitor without a session sees them, kept
//! for [`FRESH_FOR`] after they were rendered: a burst of new visitors (a link shared in a group chat) costs one
//! rendering a second per page instead of one per visitor (docs/PERFORMANCE.md).
//!
//! Only what is the same for every such visitor is kept: a `GET` of `/` or `/products/…` that the session layer
//! found no session for ([`mark_sessions`]), answered 200 with HTML and no cookie set, one copy per page and
//! language. The key holds what the page is made from and nothing else: the product's address, or the list's
//! parameters as sent (`listing::PARAMETERS`), so `?fbclid=…` on a shared link finds the same copy. Anyone with a
//! session (a cart, the
//! owner) gets a page rendered for them. Each answer gets a fresh CSP nonce, written over the kept one.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Instant,
};
use tower_sessions::Session;

use super::service::FRESH_FOR;
use crate::i18n::Lang;

/// Pages kept at most; past that, pages are rendered and not kept until old ones run out.
const MOST_PAGES: usize = 256;
/// Longer keys (a long search) name pages too rare to be worth keeping.
const LONGEST_KEY: usize = 256;
/// Far beyond any catalog page; a bigger body is an error rather than a page to keep.
const LARGEST_PAGE: usize = 8 * 1024 * 1024;
/// The list page's parameters; every other one leaves the page as it is.
const LIST_PARAMETERS: [&str; super::listing::PARAMETERS.len()] = super::listing::PARAMETERS;

#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, CachedPage>>,
    /// Moves on every [`PageCache::clear`], so a page rendered before the owner's change is not kept after it.
    generation: AtomicU64,
}

#[derive(Debug, Clone)]
struct CachedPage {
    rendered_at: Instant,
    headers: HeaderMap,
    html: String,
    nonce: String,
}

impl PageCache {
    fn get(&self, key: &str) -> Option<CachedPage> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages
            .get(key)
            .filter(|page| page.rendered_at.elapsed() < FRESH_FOR)
            .cloned()
    }

    fn keep(&self, key: String, page: CachedPage, generation: u64) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        pages.retain(|_, page| page.rendered_at.elapsed() < FRESH_FOR);
        if pages.len() < MOST_PAGES {
            pages.insert(key, page);
        }
    }

    pub fn clear(&self) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::SeqCst);
        pages.clear();
    }
}

/// Whether the session layer found a session for the request: set on every answer by [`mark_sessions`].
#[derive(Debug, Clone, Copy)]
struct HadSession(bool);

/// Middleware just inside the session layer: marks each answer with whether the request had a session, as the
/// session layer itself read the cookies (the only reading that counts).
pub async fn mark_sessions(request: Request, next: Next) -> Response {
    let had = request
        .extensions()
        .get::<Session>()
        .is_none_or(|session| session.id().is_some());
    let mut response = next.run(request).await;
    response.extensions_mut().insert(HadSession(had));
    response
}

/// Middleware around the session layer: answers a visitor without a session from a kept page, or renders the page
/// and keeps it.
pub async fn serve_cached_pages(State(pages): State<Arc<PageCache>>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    // A request whose session cookie is spelled so that only the session layer reads it may get the visitors'
    // copy: that is all it can get, and nothing rendered for it is ever kept.
    if let Some(page) = pages.get(&key) {
        return page.answer();
    }
    let generation = pages.generation.load(Ordering::SeqCst);
    let response = next.run(request).await;
    let keepable = response.status() == StatusCode::OK
        && matches!(response.extensions().get::<HadSession>(), Some(HadSession(false)))
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
    let page = CachedPage {
        rendered_at: Instant::now(),
        headers,
        html: html.clone(),
        nonce,
    };
    pages.keep(key, page, generation);
    Response::from_parts(parts, Body::from(html))
}

impl CachedPage {
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

/// `lang:page` for a catalog page whose answer is the same for every visitor without a session; `None` for
/// anything else, and for requests whose session cookie is plain to see.
fn key_of(request: &Request) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let path = request.uri().path();
    let page = if path == "/" {
        list_key(request.uri().query().unwrap_or(""))?
    } else {
        let slug = path.strip_prefix("/products/")?;
        if slug.is_empty() || slug.contains('/') {
            return None;
        }
        // The product page reads only its address.
        path.to_owned()
    };
    let headers = request.headers();
    let with_session = headers
        .get_all(header::COOKIE)
        .iter()
        .any(|value| value.as_bytes().windows(SESSION.len()).any(|w| w == SESSION));
    let key = format!("{}:{page}", Lang::of_request(headers).code());
    (!with_session && key.len() <= LONGEST_KEY).then_some(key)
}

const SESSION: &[u8] = crate::web::SESSION_COOKIE.as_bytes();

/// The list's parameters as sent, in a fixed order; `None` when one comes twice or a name is encoded (it could
/// decode to one of them), so the key never stands for a page other than the one rendered.
fn list_key(query: &str) -> Option<String> {
    let mut values: [Option<&str>; LIST_PARAMETERS.len()] = [None; LIST_PARAMETERS.len()];
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name.contains('%') {
            return None;
        }
        if let Some(at) = LIST_PARAMETERS.iter().position(|known| *known == name)
            && values[at].replace(value).is_some()
        {
            return None;
        }
    }
    let kept: Vec<String> = LIST_PARAMETERS
        .iter()
        .zip(values)
        .filter_map(|(name, value)| value.map(|value| format!("{name}={value}")))
        .collect();
    Some(format!("/?{}", kept.join("&")))
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
mod tests;
