//! Start-up and the HTTP surface: database, migrations, demo seed, services, router, background tasks, serving.
//!
//! [`Server::build`] does everything but listening, so integration tests start exactly what `main` starts, on a
//! port of their own.

use axum::serve::ListenerExt;
use axum::{
    Json, Router,
    extract::DefaultBodyLimit,
    extract::{FromRef, Path, Query, Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use serde::Deserialize;
use std::{future::Future, time::Duration};
use tokio::net::TcpListener;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, services::ServeDir,
    set_header::SetResponseHeaderLayer, trace::TraceLayer,
};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite, session_store::ExpiredDeletion};

use crate::{
    app::{App, SiteUrl, StylesheetHref, shell},
    cart::service::CartService,
    catalog::service::CatalogService,
    checkout::service::CheckoutService,
    config::{Config, MediaSettings, QpayMode},
    db::{Db, DbError, seed, sessions::DbSessionStore},
    error::AppError,
    i18n::{LANG_COOKIE, Lang},
    payment::{
        callback::qpay_callback, invoice::PaymentService, outbox::OutboxWorker, reconcile, service::OrderService,
    },
    qpay::{ClientOptions, QpayClient},
    qpay_sandbox::{self, SandboxConfig, SharedSandbox},
    site_files::SiteFiles,
};

/// The services every page and server function reaches through Leptos context.
#[derive(Debug, Clone)]
pub struct Services {
    pub catalog: CatalogService,
    pub cart: CartService,
    pub checkout: CheckoutService,
    pub orders: OrderService,
    pub payments: PaymentService,
}

#[derive(Clone, FromRef)]
struct AppState {
    leptos_options: LeptosOptions,
    db: Db,
    payments: PaymentService,
    media: MediaSettings,
    catalog: CatalogService,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("QPay client: {0}")]
    Qpay(String),
    #[error("cannot make the first shop owner: {0}")]
    Owner(String),
    #[error("invalid LEPTOS_* variable: {0}")]
    LeptosConfig(String),
}

pub struct Server {
    router: Router,
    db: Db,
    session_store: DbSessionStore,
    payments: PaymentService,
}

const NOSNIFF: HeaderValue = HeaderValue::from_static("nosniff");
const DENY: HeaderValue = HeaderValue::from_static("DENY");
const REFERRER: HeaderValue = HeaderValue::from_static("strict-origin-when-cross-origin");
/// The session cookie's name.
pub const SESSION_COOKIE: &str = "delguur.sid";
/// Every form of the shop is a few hundred bytes; nothing a shopper sends comes near this.
const MAX_REQUEST_BODY: usize = 64 * 1024;
const SESSION_CLEANUP_EVERY: Duration = Duration::from_secs(600);

impl Server {
    /// Opens and migrates the database, seeds the demo catalog when asked and the catalog is empty, and builds the
    /// router.
    pub async fn build(config: &Config) -> Result<Server, StartError> {
        let db = Db::connect(&config.database_url).await?;
        db.migrate().await?;
        if config.seed_demo_catalog {
            let added = seed::seed_demo_catalog(&db).await?;
            if added > 0 {
                tracing::info!(products = added, "seeded the demo catalog");
            }
        }

        if let Some((email, password)) = &config.first_owner {
            create_first_owner(&db, email, password).await?;
        }
        let mut leptos_options = leptos_options(config)?;
        let site_files = SiteFiles::detect(&mut leptos_options);
        let options = ClientOptions {
            timeout: config.payments.qpay_timeout,
            ..ClientOptions::default()
        };
        let qpay = QpayClient::new(&config.qpay, options).map_err(|e| StartError::Qpay(e.to_string()))?;
        let payments = PaymentService::new(db.clone(), qpay, config.public_link(""), config.payments.clone());
        let catalog = CatalogService::new(db.clone());
        let services = Services {
            catalog: catalog.clone(),
            cart: CartService::new(db.clone()),
            checkout: CheckoutService::new(db.clone()),
            orders: OrderService::new(db.clone(), config.public_link("")),
            payments: payments.clone(),
        };
        let context = {
            let options = leptos_options.clone();
            let media = config.media.clone();
            let site = SiteUrl(config.public_url.as_str().trim_end_matches('/').to_owned());
            let stylesheet = StylesheetHref(site_files.stylesheet.clone());
            move || {
                provide_context(services.clone());
                provide_context(media.clone());
                provide_context(site.clone());
                provide_context(stylesheet.clone());
                provide_context(options.clone());
                set_content_security_policy();
            }
        };
        let session_store = DbSessionStore::new(db.clone());
        let sessions = SessionManagerLayer::new(session_store.clone())
            .with_name(SESSION_COOKIE)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_secure(config.cookies_secure())
            .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));

        let state = AppState {
            leptos_options: leptos_options.clone(),
            db: db.clone(),
            payments: payments.clone(),
            media: config.media.clone(),
            catalog: catalog.clone(),
        };
        // Picture uploads are the one kind of request bigger than a form: they get their own limit, and the
        // multipart reader's own limit is left to the upload handler (it tells the owner "too large").
        let uploads = Router::new()
            .route("/admin/products/{id}/image", post(crate::admin::media::upload_image))
            .layer(DefaultBodyLimit::disable())
            .layer(RequestBodyLimitLayer::new(
                config.media.max_bytes * 2 + MAX_REQUEST_BODY,
            ));
        let routes = route_list();
        let baseline = config.bench_baseline.then(crate::baseline::Baseline::default);
        let mut router = Router::new();
        if config.qpay.mode == QpayMode::Local {
            let sandbox = SharedSandbox::new(sandbox_config(config));
            router = router.nest_service("/qpay-sandbox", qpay_sandbox::router(sandbox));
        }
        let router = router
            .route("/healthz", get(health))
            .route("/lang/{code}", get(switch_language))
            .route("/admin/orders.csv", get(crate::admin::export::export_csv))
            .nest_service(
                crate::admin::media::MEDIA_PREFIX.trim_end_matches('/'),
                ServeDir::new(&config.media.dir),
            )
            .nest_service(&format!("/{}", leptos_options.site_pkg_dir), site_files.service())
            .route("/qpay/callback/{order_no}", get(qpay_callback).post(qpay_callback))
            .leptos_routes_with_context(&state, routes, context.clone(), {
                let options = leptos_options.clone();
                move || shell(options.clone())
            })
            .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
                context, shell,
            ))
            .layer(middleware::from_fn(server_fn_error_status))
            .layer(middleware::from_fn_with_state(site_files, cache_static_files))
            .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY))
            .merge(uploads)
            .merge(baseline.as_ref().map(|b| b.routes()).unwrap_or_default())
            .layer(middleware::from_fn_with_state(
                site_origin(config),
                refuse_cross_site_writes,
            ))
            .layer(middleware::from_fn(crate::catalog::kept_pages::mark_sessions))
            .layer(sessions)
            .layer(middleware::from_fn_with_state(
                catalog.kept_pages(),
                crate::catalog::kept_pages::serve_kept_pages,
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                NOSNIFF,
            ))
            .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, DENY))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::REFERRER_POLICY,
                REFERRER,
            ))
            .layer(CompressionLayer::new())
            .layer(TraceLayer::new_for_http().make_span_with(request_span))
            .with_state(state);
        if let Some(baseline) = baseline {
            baseline.render_with(router.clone());
        }
        Ok(Server {
            router,
            db,
            session_store,
            payments,
        })
    }

    /// The database the server uses; tests reach it to arrange and to break things.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish and closes the database.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let background = [
            tokio::spawn(housekeeping(self.session_store, self.db.clone())),
            tokio::spawn(reconcile::run(self.payments.clone())),
            tokio::spawn(OutboxWorker::new(self.payments).run()),
        ];
        let app = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        // Files are sent as headers, then the body: with Nagle's algorithm on, the body waited for the browser's
        // delayed ACK, 40 ms per picture, stylesheet and script (docs/PERFORMANCE.md).
        let listener = listener.tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::warn!(%error, "cannot set TCP_NODELAY");
            }
        });
        let served = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
        background.iter().for_each(|task| task.abort());
        self.db.close().await;
        served
    }
}

fn site_origin(config: &Config) -> SiteOrigin {
    SiteOrigin(config.public_url.origin().ascii_serialization())
}

/// Makes the owner from `ADMIN_EMAIL`/`ADMIN_PASSWORD` when the shop has none; later starts leave owners alone.
async fn create_first_owner(db: &Db, email: &str, password: &secrecy::SecretString) -> Result<(), StartError> {
    use secrecy::ExposeSecret;
    let auth = crate::admin::auth::AdminAuth::new(db.clone());
    if auth.has_no_owner().await? {
        auth.create_owner(email, password.expose_secret())
            .await
            .map_err(|e| StartError::Owner(e.to_string()))?;
    }
    Ok(())
}

/// The built-in emulator answers as the merchant this shop is configured as, at `{PUBLIC_URL}/qpay-sandbox`.
fn sandbox_config(config: &Config) -> SandboxConfig {
    use secrecy::ExposeSecret;
    SandboxConfig {
        public_base: config.public_link("/qpay-sandbox"),
        client_id: config.qpay.client_id.clone(),
        client_secret: config.qpay.client_secret.expose_secret().to_owned(),
        invoice_code: config.qpay.invoice_code.clone(),
    }
}

/// The app's routes, listed once per process. Listing renders the app with resource loading suppressed through a
/// process-wide flag, so a render running at the same moment in another server of the same process (the
/// integration tests start many) could wait forever (leptos issue #4773). Once per process, before any server
/// serves, avoids that.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Leptos' own settings (cargo-leptos passes them as `LEPTOS_*` variables), with our listen address.
fn leptos_options(config: &Config) -> Result<LeptosOptions, StartError> {
    let mut options = get_configuration(None)
        .map_err(|e| StartError::LeptosConfig(e.to_string()))?
        .leptos_options;
    if options.output_name.is_empty() {
        options.output_name = env!("CARGO_PKG_NAME").into();
    }
    options.site_addr = config.addr;
    Ok(options)
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn health(State(db): State<Db>) -> Response {
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
struct SwitchLanguage {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: remembers the language for a year and goes back to the page.
async fn switch_language(Path(code): Path<String>, Query(query): Query<SwitchLanguage>) -> Response {
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

/// CSRF defence for server functions and the owner's uploads, on top of `SameSite=Lax` cookies: a write whose
/// `Origin` is another site (or, without `Origin`, whose `Sec-Fetch-Site` says cross-site) is refused before it
/// reaches any handler. QPay's callback sends neither header, so it passes.
async fn refuse_cross_site_writes(State(site): State<SiteOrigin>, request: Request, next: Next) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes && is_cross_site(&site, &request) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site write");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

/// `scheme://host[:port]` of `PUBLIC_URL`.
#[derive(Debug, Clone)]
struct SiteOrigin(String);

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
async fn server_fn_error_status(request: Request, next: Next) -> Response {
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
fn set_content_security_policy() {
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
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval' 'unsafe-hashes' '{LOGO_ONERROR}'; \
         style-src 'self'; img-src 'self' data: https:; connect-src 'self'{reload}; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The hash of the pay page's one inline handler, `this.style.visibility='hidden'` on bank logos (`payment/pages.rs`).
const LOGO_ONERROR: &str = "sha256-2v15HA+jcUVSuZj1qG3oTd5Ic+VBbl+6+8wh+TEIxBI=";

/// Cache lifetimes for static files: a year for names that change with the content (hashed build files, uploads),
/// a day for the shop's pictures, five minutes for build files with plain names (`site_files.rs`).
async fn cache_static_files(State(site_files): State<SiteFiles>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let built = path.starts_with(site_files.prefix());
    let policy = if built {
        Some(site_files.cache_control())
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

/// The span of one request: method and path only, because query strings can carry secrets (callback tokens).
fn request_span(request: &Request) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

/// Deletes expired sessions, and rate-limit windows and failed sign-ins older than a day.
async fn housekeeping(store: DbSessionStore, db: Db) {
    let mut every = tokio::time::interval(SESSION_CLEANUP_EVERY);
    loop {
        every.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(%error, "could not delete expired sessions");
        }
        let day_ago = crate::db::now_ms() - 86_400_000;
        if let Err(error) = crate::db::rate_limits::delete_older_than(&db, day_ago).await {
            tracing::warn!(%error, "could not delete old rate-limit counters");
        }
        if let Err(error) = crate::db::admins::delete_failures_before(&db, day_ago).await {
            tracing::warn!(%error, "could not delete old sign-in failures");
        }
    }
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
