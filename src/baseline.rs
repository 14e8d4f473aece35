//! The benchmark's baseline (`make bench` only; on when `BENCH_BASELINE=true`): `/_baseline/<page>`
//! answers with the bytes `<page>` gave the first time it was asked, kept in memory. It passes through the same
//! middleware as the page itself (sessions, headers, compression, tracing), so the page's throughput beside the
//! baseline's shows what rendering and the database cost, and nothing else.
//!
//! A snapshot is taken without cookies, so it is what any visitor sees; nothing private can end up in it.

use axum::{
    Router,
    body::{Body, Bytes, to_bytes},
    http::{HeaderValue, Request, StatusCode, Uri, header},
    response::{IntoResponse, Response},
    routing::get,
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};
use tower::ServiceExt;

const PREFIX: &str = "/_baseline";
const LARGEST_PAGE: usize = 4 * 1024 * 1024;
/// The benchmark asks for three pages; a few more are kept, and no one can make it keep many.
const MOST_PAGES: usize = 64;

type Snapshot = (HeaderValue, Bytes);

/// The pages rendered so far, and the whole app to render the next one with (set once it is built).
#[derive(Clone, Default)]
pub struct Baseline {
    app: Arc<OnceLock<Router>>,
    pages: Arc<Mutex<HashMap<String, Snapshot>>>,
}

impl Baseline {
    /// The routes, to merge into the app before its middleware.
    pub fn routes<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        let answer = {
            let baseline = self.clone();
            get(move |uri: Uri| baseline.clone().answer(uri))
        };
        Router::new()
            .route(PREFIX, answer.clone())
            .route(&format!("{PREFIX}/"), answer.clone())
            .route(&format!("{PREFIX}/{{*page}}"), answer)
    }

    /// The finished app, which renders a page the first time it is asked for. The app holds these routes and they
    /// hold the app, so it lives as long as the process: fine for the one server a benchmark starts.
    pub fn render_with(&self, app: Router) {
        let _ = self.app.set(app);
    }

    async fn answer(self, uri: Uri) -> Response {
        let page = page_of(&uri);
        let known = self.pages.lock().unwrap_or_else(|e| e.into_inner()).get(&page).cloned();
        let (content_type, body) = match known {
            Some(snapshot) => snapshot,
            None => match self.render(&page).await {
                Some(snapshot) => {
                    let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
                    if pages.len() < MOST_PAGES {
                        pages.entry(page).or_insert(snapshot).clone()
                    } else {
                        snapshot
                    }
                }
                None => return StatusCode::NOT_FOUND.into_response(),
            },
        };
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    }

    /// The page as the app serves it to a visitor without cookies; `None` unless that is a 200.
    async fn render(&self, page: &str) -> Option<Snapshot> {
        let app = self.app.get()?.clone();
        let request = Request::get(page).body(Body::empty()).ok()?;
        let response = app.oneshot(request).await.ok()?;
        if response.status() != StatusCode::OK {
            return None;
        }
        let content_type = response.headers().get(header::CONTENT_TYPE)?.clone();
        let body = to_bytes(response.into_body(), LARGEST_PAGE).await.ok()?;
        Some((content_type, body))
    }
}

/// `/_baseline/products/honey?x=1` → `/products/honey?x=1`; `/_baseline?category=food` → `/?category=food`.
fn page_of(uri: &Uri) -> String {
    let path = uri.path().strip_prefix(PREFIX).unwrap_or("/");
    let path = if path.is_empty() { "/" } else { path };
    match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::page_of;

    #[test]
    fn a_baseline_address_names_the_page_it_stands_for() {
        let page = |uri: &str| page_of(&uri.parse().unwrap());
        assert_eq!(page("/_baseline"), "/");
        assert_eq!(page("/_baseline/"), "/");
        assert_eq!(page("/_baseline?category=food"), "/?category=food");
        assert_eq!(page("/_baseline/?category=food"), "/?category=food");
        assert_eq!(page("/_baseline/products/honey"), "/products/honey");
    }
}
