use super::{key_of, nonce_of};
use axum::{body::Body, http::Request};

fn key(method: &str, uri: &str, cookies: &[&str]) -> Option<String> {
    let mut request = Request::builder().method(method).uri(uri);
    for cookie in cookies {
        request = request.header("cookie", *cookie);
    }
    key_of(&request.body(Body::empty()).unwrap())
}

#[test]
fn a_product_page_is_known_by_its_address_and_language() {
    assert_eq!(
        key("GET", "/products/honey", &[]).as_deref(),
        Some("mn:/products/honey")
    );
    assert_eq!(
        key("GET", "/products/honey?fbclid=x", &["lang=en"]).as_deref(),
        Some("en:/products/honey")
    );
    assert_eq!(
        key("GET", "/products/honey", &["a=1", "lang=en"]).as_deref(),
        Some("en:/products/honey"),
        "the language as the page reads it, from every Cookie header"
    );
    assert_eq!(key("GET", "/products/a/b", &[]), None);
    assert_eq!(key("GET", "/products/", &[]), None);
}

#[test]
fn the_list_is_known_by_its_parameters_as_sent() {
    assert_eq!(key("GET", "/", &[]).as_deref(), Some("mn:/?"));
    assert_eq!(
        key("GET", "/?utm_source=fb&page=2&category=food", &[]).as_deref(),
        Some("mn:/?category=food&page=2")
    );
    assert_eq!(key("GET", "/?q=a+b", &[]).as_deref(), Some("mn:/?q=a+b"));
    assert_eq!(
        key("GET", "/?stock=1&max=20000&min=1000&q=bal&fbclid=x", &[]).as_deref(),
        Some("mn:/?q=bal&min=1000&max=20000&stock=1"),
        "the filters are the page's: a page filtered is never the page unfiltered"
    );
    assert_ne!(key("GET", "/?min=999999999", &[]), key("GET", "/", &[]));
    assert_eq!(
        key("GET", "/?q=a%20b", &[]).as_deref(),
        Some("mn:/?q=a%20b"),
        "not decoded: a copy each"
    );
    assert_eq!(key("GET", "/?category=a&category=b", &[]), None, "twice");
    assert_eq!(key("GET", "/?%63ategory=food", &[]), None, "an encoded name");
    let long = format!("/?q={}", "x".repeat(300));
    assert_eq!(key("GET", &long, &[]), None, "a long search is not kept");
}

#[test]
fn only_gets_of_catalog_pages_without_a_session_cookie_have_a_key() {
    assert_eq!(key("GET", "/products/honey", &["delguur.sid=abc; lang=en"]), None);
    assert_eq!(key("GET", "/", &["lang=en", "delguur.sid=abc"]), None);
    assert_eq!(key("HEAD", "/", &[]), None);
    assert_eq!(key("POST", "/", &[]), None);
    assert_eq!(key("GET", "/cart", &[]), None);
    assert_eq!(key("GET", "/orders/D-1", &[]), None);
}

/// The middleware around a stand-in page that counts its renderings and says whether it had a session.
mod middleware {
    use super::super::{HadSession, PageCache, serve_cached_pages};
    use axum::{
        Router,
        body::{Body, to_bytes},
        http::{Request, header},
        response::{IntoResponse, Response},
        routing::get,
    };
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    use tower::ServiceExt;

    struct Page {
        renderings: AtomicUsize,
        with_session: bool,
        pages: Arc<PageCache>,
        clear_while_rendering: bool,
    }

    fn shop(with_session: bool, clear_while_rendering: bool) -> (Router, Arc<Page>) {
        let pages = Arc::new(PageCache::default());
        let page = Arc::new(Page {
            renderings: AtomicUsize::new(0),
            with_session,
            pages: pages.clone(),
            clear_while_rendering,
        });
        let rendering = page.clone();
        let router = Router::new()
            .route(
                "/products/honey",
                get(move || {
                    let page = rendering.clone();
                    async move {
                        let n = page.renderings.fetch_add(1, Ordering::SeqCst);
                        if page.clear_while_rendering {
                            page.pages.clear();
                        }
                        let nonce = format!("FirstNonce{n:0>10}");
                        let policy = format!("script-src 'nonce-{nonce}'");
                        let html = format!("<p>honey</p><script nonce=\"{nonce}\"></script>");
                        let mut response: Response = (
                            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                            [(header::CONTENT_SECURITY_POLICY, policy)],
                            html,
                        )
                            .into_response();
                        response.extensions_mut().insert(HadSession(page.with_session));
                        response
                    }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(pages, serve_cached_pages));
        (router, page)
    }

    async fn read(router: &Router) -> (String, String) {
        let request = Request::get("/products/honey").body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (policy, String::from_utf8(body.to_vec()).unwrap())
    }

    fn nonce(policy: &str) -> &str {
        policy.split("'nonce-").nth(1).unwrap().trim_end_matches('\'')
    }

    #[tokio::test]
    async fn a_kept_page_is_answered_without_rendering_with_a_nonce_of_its_own() {
        let (router, page) = shop(false, false);
        let (first_policy, first) = read(&router).await;
        let (policy, kept) = read(&router).await;
        assert_eq!(page.renderings.load(Ordering::SeqCst), 1, "rendered once");
        let (old, new) = (nonce(&first_policy), nonce(&policy));
        assert_ne!(old, new);
        assert_eq!(
            kept,
            first.replace(old, new),
            "the kept page, with the new nonce in the HTML too"
        );

        page.pages.clear();
        read(&router).await;
        assert_eq!(page.renderings.load(Ordering::SeqCst), 2, "rendered again after clear");
    }

    #[tokio::test]
    async fn a_page_rendered_with_a_session_is_never_kept() {
        let (router, page) = shop(true, false);
        read(&router).await;
        read(&router).await;
        assert_eq!(page.renderings.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_page_rendered_while_the_owner_changed_the_catalog_is_not_kept() {
        let (router, page) = shop(false, true);
        read(&router).await;
        read(&router).await;
        assert_eq!(page.renderings.load(Ordering::SeqCst), 2);
    }
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
