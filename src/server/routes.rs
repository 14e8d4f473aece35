//! The server's own routes beside the pages: the health check, the language switch, the short pay link, and the
//! shop's colour, logo and web app manifest.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use std::time::Duration;

use crate::{
    db::Db,
    i18n::{LANG_COOKIE, Lang},
};

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn health(State(db): State<Db>) -> Response {
    let version = env!("CARGO_PKG_VERSION");
    match tokio::time::timeout(Duration::from_secs(2), db.ping()).await {
        Ok(Ok(())) => Json(serde_json::json!({"status": "ok", "db": "ok", "version": version})).into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "health check: database does not answer");
            let body = Json(serde_json::json!({"status": "unavailable", "db": "error", "version": version}));
            (StatusCode::SERVICE_UNAVAILABLE, body).into_response()
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            let body = Json(serde_json::json!({"status": "unavailable", "db": "timeout", "version": version}));
            (StatusCode::SERVICE_UNAVAILABLE, body).into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct SwitchLanguage {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: remembers the language for a year and goes back to the page.
pub async fn switch_language(Path(code): Path<String>, Query(query): Query<SwitchLanguage>) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return (StatusCode::BAD_REQUEST, "unknown language; use mn or en").into_response();
    };
    let next = query
        .next
        .filter(|next| is_local_path(next))
        .unwrap_or_else(|| "/".into());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    let mut response = Redirect::to(&next).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Only paths on this site: `//host` and `/\host` would send the shopper elsewhere.
/// Browsers drop tabs and newlines from a Location and read `\` as `/`, so any of those (or a space) anywhere could
/// turn `/…` into `//host`: such a path is refused whole.
fn is_local_path(path: &str) -> bool {
    let plain = !path.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    plain && path.starts_with('/') && !path.starts_with("//")
}

/// `GET /o/{order_no}/{key}`: the short pay link an SMS carries, sent on to the order's page with its view key.
/// Only an order number and a key of the shapes this shop hands out are sent on; anything else is a 404.
pub async fn short_order_link(Path((order_no, key)): Path<(String, String)>) -> Response {
    // Keys are `VIEW_KEY_CHARS` long; orders placed before carry 32.
    let length_ok = key.len() == crate::domain::order::VIEW_KEY_CHARS || key.len() == 32;
    let key_ok = length_ok && key.chars().all(|c| c.is_ascii_alphanumeric());
    match crate::domain::OrderNo::parse(&order_no) {
        Ok(order_no) if key_ok => Redirect::to(&format!("/orders/{order_no}?key={key}")).into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /shop.css`: the owner's accent colour over the stylesheet's (`/admin/settings`). The shell links it with the
/// colour in its address (`?v=1d4e89`), so a browser may keep it: a new colour is a new address. (A stylesheet of
/// the site's own, as the CSP allows no inline style.)
pub async fn shop_css(State(identity): State<crate::shop_identity::IdentityCache>) -> Response {
    let css = match identity.current().accent {
        Some(accent) => format!(":root {{ --brand: {}; }}\n", accent.hex()),
        None => String::new(),
    };
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/css; charset=utf-8"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
    ];
    (headers, css).into_response()
}

/// `GET /brand/{file}`: the logo or one of its icons (`db::shop_logo`). The name carries the content's hash, so a
/// browser keeps it for a year; a name with an older hash is gone (the pages link the new one).
pub async fn brand_file(State(db): State<Db>, Path(name): Path<String>) -> Response {
    let Some((file, hash)) = crate::db::shop_logo::BrandFile::parse(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match crate::db::shop_logo::file(&db, file, hash).await {
        Ok(Some(bytes)) => {
            let etag = HeaderValue::from_str(&format!("\"{hash}\"")).unwrap_or(HeaderValue::from_static("\"\""));
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
                (header::ETAG, etag),
            ];
            (headers, bytes).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read the shop's logo");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /pictures/{hash}-{width}.webp`: a product picture at one width (`picture_store.rs`). The name carries the
/// content's hash, so a browser keeps it for a year and never asks again; one that asks with the ETag anyway is told
/// nothing changed.
pub async fn picture_file(
    State(catalog): State<crate::admin::catalog::service::AdminCatalogService>,
    Path(name): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some((hash, width)) = crate::domain::picture::parse_file_name(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{hash}-{width}\"");
    let forever = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ),
        (
            header::ETAG,
            HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
    ];
    let asked_before = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
    match catalog.picture_store().file(hash, width).await {
        Ok(Some(_)) if asked_before => (StatusCode::NOT_MODIFIED, forever).into_response(),
        Ok(Some(bytes)) => {
            let kind = [(header::CONTENT_TYPE, HeaderValue::from_static("image/webp"))];
            (kind, forever, bytes).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read a product picture");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /manifest.webmanifest`: what a phone needs to put the shop on its home screen: the name in the visitor's
/// language, the logo's square icons (else the built-in mark), and the accent colour.
pub async fn manifest(
    State(identity): State<crate::shop_identity::IdentityCache>,
    headers: axum::http::HeaderMap,
) -> Response {
    let identity = identity.current();
    let lang = Lang::of_request(&headers);
    let theme = identity
        .accent
        .unwrap_or(crate::domain::shop_identity::BUILT_IN_ACCENT)
        .hex();
    let icons = match (identity.icon_path(192), identity.icon_path(512)) {
        (Some(small), Some(large)) => serde_json::json!([
            {"src": small, "sizes": "192x192", "type": "image/png"},
            {"src": large, "sizes": "512x512", "type": "image/png"},
        ]),
        _ => serde_json::json!([{"src": "/favicon.svg", "sizes": "any", "type": "image/svg+xml"}]),
    };
    let body = serde_json::json!({
        "name": identity.name(lang),
        "short_name": identity.short(lang),
        "lang": lang.code(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme,
        "icons": icons,
    });
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/manifest+json"),
        ),
        // A new name or logo shows within minutes; browsers fetch it seldom anyway.
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
        (header::VARY, HeaderValue::from_static("cookie, accept-language")),
    ];
    (headers, body.to_string()).into_response()
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn language_switch_only_returns_to_pages_of_this_site() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/products/aaruul"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("/\\evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path(""));
        assert!(!is_local_path("/\t/evil.example/"));
        assert!(!is_local_path("/\n"));
        assert!(!is_local_path("/ /evil.example"));
    }
}
