//! Start-up and the HTTP surface: database, migrations, demo seed, services, router, background tasks, serving.
//! The middleware is in `middleware.rs`, the server's own routes in `routes.rs`, the clean-up in `housekeeping.rs`.
//!
//! [`Server::build`] does everything but listening, so integration tests start exactly what `main` starts, on a
//! port of their own.

pub mod check_config;
mod housekeeping;
mod middleware;
mod routes;

use axum::serve::ListenerExt;
use axum::{
    Router,
    extract::{DefaultBodyLimit, FromRef},
    http::{HeaderValue, header},
    middleware::from_fn,
    middleware::from_fn_with_state,
    routing::{get, post},
};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::future::Future;
use tokio::net::TcpListener;
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

use crate::{
    admin::{catalog::service::AdminCatalogService, service::AdminService},
    app::{App, shell},
    config::{Config, QpayMode},
    db::{Db, DbError, seed, sessions::DbSessionStore},
    payment::{callback::qpay_callback, day_check, outbox::OutboxWorker, reconcile, service::PaymentService},
    qpay_sandbox::{self, SandboxConfig, SharedSandbox},
    services::Services,
    site_files::SiteFiles,
    ui::{SiteUrl, StylesheetHref},
    web::SESSION_COOKIE,
};

/// What the plain axum handlers (callback, CSV export, uploads, health) extract.
#[derive(Clone, FromRef)]
struct AppState {
    leptos_options: LeptosOptions,
    db: Db,
    payments: PaymentService,
    admin: AdminService,
    admin_catalog: AdminCatalogService,
    admin_sheets: crate::admin::catalog_sheet::service::CatalogSheetService,
    identity: crate::shop_identity::IdentityCache,
    catalog: crate::catalog::service::CatalogService,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] DbError),
    /// A client of an outside service (QPay, SMTP) that its settings cannot make.
    #[error("{0}")]
    Client(String),
    #[error("cannot make the first shop owner: {0}")]
    Owner(String),
    #[error("invalid LEPTOS_* variable: {0}")]
    LeptosConfig(String),
}

pub struct Server {
    router: Router,
    db: Db,
    session_store: DbSessionStore,
    services: Services,
}

const NOSNIFF: HeaderValue = HeaderValue::from_static("nosniff");
const DENY: HeaderValue = HeaderValue::from_static("DENY");
const REFERRER: HeaderValue = HeaderValue::from_static("strict-origin-when-cross-origin");
/// Every form of the shop is a few hundred bytes; nothing a shopper sends comes near this.
pub(crate) const MAX_REQUEST_BODY: usize = 64 * 1024;
/// A page the owner writes (`/admin/settings/pages/…`): two languages of up to `shop_page::BODY_MAX` characters,
/// Cyrillic and URL-encoded.
pub(crate) const MAX_PAGE_BODY: usize = 1024 * 1024;
// Both languages at their longest, every letter Cyrillic (6 bytes URL-encoded), and the form's other fields.
const _: () = assert!(2 * 6 * crate::domain::shop_page::BODY_MAX + 1024 <= MAX_PAGE_BODY);

impl Server {
    /// Opens and migrates the database, seeds the demo catalog when asked and the catalog is empty, and builds the
    /// router.
    pub async fn build(config: &Config) -> Result<Server, StartError> {
        let db = prepare_database(config).await?;
        let mut leptos_options = leptos_options(config)?;
        let site_files = SiteFiles::detect(&mut leptos_options);
        let services = Services::new(&db, config).map_err(|e| StartError::Client(e.to_string()))?;
        // Every page shows the shop's name: read before the first one is served.
        services.identity.refresh().await?;
        let context = {
            let services = services.clone();
            let options = leptos_options.clone();
            let site = SiteUrl(config.public_url.as_str().trim_end_matches('/').to_owned());
            let stylesheet = StylesheetHref(site_files.stylesheet.clone());
            move || {
                services.provide();
                provide_context(site.clone());
                provide_context(stylesheet.clone());
                provide_context(options.clone());
                middleware::set_content_security_policy();
            }
        };
        let session_store = DbSessionStore::new(db.clone());
        let sessions = sessions_layer(session_store.clone(), config);

        let state = AppState {
            leptos_options: leptos_options.clone(),
            db: db.clone(),
            payments: services.payments.clone(),
            admin: services.admin.clone(),
            admin_catalog: services.admin_catalog.clone(),
            admin_sheets: services.admin_sheets.clone(),
            identity: services.identity.clone(),
            catalog: services.catalog.clone(),
        };
        let uploads = upload_routes(config);
        let routes = route_list();
        let baseline = config.bench_baseline.then(crate::baseline::Baseline::default);
        let router = sandbox_routes(config, &services)
            .route("/healthz", get(routes::health))
            .route("/lang/{code}", get(routes::switch_language))
            .route("/search/suggestions", get(crate::catalog::search_box::suggestions))
            .route("/shop.css", get(routes::shop_css))
            .route("/manifest.webmanifest", get(routes::manifest))
            .route("/brand/{file}", get(routes::brand_file))
            .route("/pictures/{file}", get(routes::picture_file))
            .route("/o/{order_no}/{key}", get(routes::short_order_link))
            .route("/admin/orders.csv", get(crate::admin::export::export_csv))
            .route(
                "/admin/products/sheet/{file}",
                get(crate::admin::catalog_sheet::routes::download),
            )
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
            .layer(from_fn(middleware::server_fn_error_status))
            .layer(from_fn_with_state(site_files, middleware::cache_static_files))
            .layer(from_fn(middleware::limit_body))
            .merge(uploads)
            .merge(baseline.as_ref().map(|b| b.routes()).unwrap_or_default())
            .layer(from_fn_with_state(
                middleware::site_origin(config),
                middleware::refuse_cross_site_writes,
            ))
            .layer(from_fn(crate::catalog::page_cache::mark_sessions))
            .layer(sessions)
            .layer(from_fn_with_state(
                services.catalog.cache().pages(),
                crate::catalog::page_cache::serve_cached_pages,
            ));
        let router = outer_layers(router).with_state(state);
        if let Some(baseline) = baseline {
            baseline.render_with(router.clone());
        }
        Ok(Server {
            router,
            db,
            session_store,
            services,
        })
    }

    /// The database the server uses; tests reach it to arrange and to break things.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The services the server runs with; tests call them to arrange orders and payments as the shop would.
    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish and closes the database.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let background = [
            tokio::spawn(housekeeping::housekeeping(self.session_store, self.db.clone())),
            tokio::spawn(reconcile::run(self.services.payments.clone())),
            tokio::spawn(day_check::run_daily(self.services.payments.clone())),
            tokio::spawn(self.services.identity.clone().keep_fresh()),
            tokio::spawn(OutboxWorker::new(self.services.payments, self.services.messenger).run()),
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

/// Opens and migrates the database, seeds the demo catalog when asked, and makes the first owner when there is none.
async fn prepare_database(config: &Config) -> Result<Db, StartError> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    if config.seed_demo_catalog {
        let added = seed::seed_demo_catalog(&db).await?;
        if added > 0 {
            tracing::info!(products = added, "seeded the demo catalog");
        }
        if seed::seed_demo_delivery(&db).await? {
            tracing::info!("seeded the demo delivery zones, pickup point and countryside delivery");
        }
        if seed::seed_demo_identity(&db).await? {
            tracing::info!("seeded the demo shop's name and contacts");
        }
    }

    let refolded = crate::db::search_keys::refold_stale(&db).await?;
    if refolded > 0 {
        tracing::info!(products = refolded, "made the products' search keys");
    }

    if let Some((email, password)) = &config.first_owner {
        create_first_owner(&db, email, password).await?;
    }
    Ok(db)
}

/// The session cookie: the shop's name for it, not readable by scripts, sent on top-level links from elsewhere.
fn sessions_layer(store: DbSessionStore, config: &Config) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.cookies_secure())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)))
}

/// With the built-in QPay emulator, the emulator and the capture of the shop's text messages and emails; else none.
/// The owner's uploads (pictures, a catalog sheet) are the one kind of request bigger than a form: they get their
/// own limit, and the multipart reader's own limit is left to the upload handler (it tells the owner "too large").
fn upload_routes(config: &Config) -> Router<AppState> {
    Router::new()
        .route("/admin/products/{id}/image", post(crate::admin::media::upload_image))
        .route("/admin/settings/logo", post(crate::admin::media::upload_logo))
        .route(
            "/admin/products/import/upload",
            post(crate::admin::catalog_sheet::routes::upload),
        )
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(
            (config.media.max_bytes * 2).max(config.media.sheet_max_bytes * 5) + MAX_REQUEST_BODY,
        ))
}

fn sandbox_routes(config: &Config, services: &Services) -> Router<AppState> {
    let mut router = Router::new();
    if config.qpay.mode == QpayMode::Local {
        let sandbox = SharedSandbox::new(sandbox_config(config));
        router = router.nest_service("/qpay-sandbox", qpay_sandbox::router(sandbox));
        // What the shop's text messages said, beside the emulator that pays its invoices.
        router = router.nest_service("/sms-sandbox", crate::sms_sandbox::router(services.captures.clone()));
    }
    router
}

/// The outermost layers, in this order: security headers, compression, tracing, request ids.
fn outer_layers(router: Router<AppState>) -> Router<AppState> {
    router
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
        .layer(TraceLayer::new_for_http().make_span_with(middleware::request_span))
        // Outside the trace layer, so the request's span has its id.
        .layer(PropagateRequestIdLayer::new(middleware::REQUEST_ID))
        .layer(SetRequestIdLayer::new(middleware::REQUEST_ID, MakeRequestUuid))
        .layer(from_fn(middleware::drop_sent_request_id))
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
