//! `spawn_app()`: the server exactly as `main` builds it, on 127.0.0.1 with a random port and a fresh database.

use delguur::{config::Config, db::Db, server::Server, services::Services};
use std::collections::HashMap;
use tokio::{net::TcpListener, sync::oneshot};

/// The database engine a scenario runs on.
pub enum Engine {
    Sqlite,
    /// A PostgreSQL server (from `TEST_DATABASE_URL`) in which each test creates, and then drops, its own database.
    Postgres {
        server_url: String,
    },
}

impl Engine {
    /// PostgreSQL when `TEST_DATABASE_URL` names a server; `None` when it does not, and the caller says it skipped.
    /// Under CI (the `CI` variable set) a missing `TEST_DATABASE_URL` panics instead: CI always has PostgreSQL, so
    /// there a skipped PostgreSQL test is a broken run, not a pass.
    pub fn postgres_or_fail_in_ci() -> Option<Engine> {
        let engine = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .map(|server_url| Engine::Postgres { server_url });
        assert!(
            engine.is_some() || std::env::var_os("CI").is_none(),
            "CI is set but TEST_DATABASE_URL is not: the PostgreSQL tests would be skipped. Point TEST_DATABASE_URL \
             at a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres), or unset CI to skip them"
        );
        engine
    }
}

/// Runs each named scenario `async fn name(engine: Engine)` as two tests, `sqlite::name` and `postgres::name`.
/// The PostgreSQL one says it was skipped when `TEST_DATABASE_URL` is not set, and fails instead under CI
/// ([`Engine::postgres_or_fail_in_ci`]).
#[macro_export]
macro_rules! on_both_engines {
    ($($scenario:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    super::$scenario($crate::helpers::Engine::Sqlite).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    match $crate::helpers::Engine::postgres_or_fail_in_ci() {
                        Some(engine) => super::$scenario(engine).await,
                        None => eprintln!("skipped: TEST_DATABASE_URL is not set"),
                    }
                }
            )+
        }
    };
}

/// A database that exists for one test.
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(#[allow(dead_code)] tempfile::TempDir),
    Drop { server_url: String, name: String },
}

impl TestDatabase {
    pub async fn create(engine: &Engine) -> TestDatabase {
        match engine {
            Engine::Sqlite => {
                let folder = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}", folder.path().join("shop.db").display());
                TestDatabase {
                    url,
                    cleanup: Cleanup::Folder(folder),
                }
            }
            Engine::Postgres { server_url } => {
                let name = format!("delguur_test_{}_{}", std::process::id(), unique_suffix());
                run_on_server(server_url, &format!("CREATE DATABASE {name}")).await;
                let url = with_database(server_url, &name);
                TestDatabase {
                    url,
                    cleanup: Cleanup::Drop {
                        server_url: server_url.clone(),
                        name,
                    },
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Drop { server_url, name } = &self.cleanup {
            // Drop runs inside the test's runtime, which cannot block on itself: use a runtime of its own.
            let (server_url, statement) = (
                server_url.clone(),
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
            let _ = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime")
                    .block_on(run_on_server(&server_url, &statement));
            })
            .join();
        }
    }
}

async fn run_on_server(server_url: &str, statement: &str) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(server_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    conn.execute(statement)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
    let _ = conn.close().await;
}

/// The server URL with its database path replaced by `name`.
fn with_database(server_url: &str, name: &str) -> String {
    let mut url = url::Url::parse(server_url).expect("TEST_DATABASE_URL is a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{nanos}_{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The server's own services (the same database, QPay client and settings), to arrange what a test needs as the
    /// shop itself would.
    pub services: Services,
    shutdown: Option<oneshot::Sender<()>>,
    // Dropped last: the server stops before its database goes.
    _database: TestDatabase,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The configuration a test server runs with: the defaults, this database and this port, plus `extra`.
pub fn test_config(database_url: &str, port: u16, extra: &[(&str, &str)]) -> Config {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".into(), database_url.to_owned()),
        ("DELGUUR_ADDR".into(), format!("127.0.0.1:{port}")),
        ("PUBLIC_URL".into(), format!("http://127.0.0.1:{port}")),
        // Uploaded pictures of each test shop in a folder of its own.
        (
            "MEDIA_DIR".into(),
            std::env::temp_dir()
                .join(format!("delguur-test-media-{port}"))
                .display()
                .to_string(),
        ),
    ]);
    // The test shops' shoppers share one phone number and one address, placing many orders each: the caps on
    // stock held by unpaid orders are raised here, and set by the tests of them (holds.rs).
    for cap in [
        "MAX_HELD_UNITS_PER_PHONE",
        "MAX_HELD_UNITS_PER_ADDRESS",
        "MAX_UNPAID_OFFLINE_PER_PHONE",
        "MAX_UNPAID_OFFLINE_PER_ADDRESS",
    ] {
        vars.insert(cap.into(), "1000000".into());
    }
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Config::from_lookup(|name| vars.get(name).cloned()).expect("test configuration is valid")
}

pub async fn spawn_app(engine: Engine) -> TestApp {
    let database = TestDatabase::create(&engine).await;
    spawn_app_on(database, &[]).await
}

/// One subscriber for every in-process server, installed once per test binary. It keeps their log lines while a
/// test reads them ([`crate::logs::CapturedLogs`]: what reaches the log is tested too), and nothing otherwise. With
/// `TEST_LOG` set to a tracing filter (`TEST_LOG=info`, `TEST_LOG=delguur=debug`) the logs also go to the test
/// writer, which `cargo test` captures per test and shows for a failing test only.
pub fn capture_server_logs() {
    use tracing_subscriber::{EnvFilter, Layer, layer::SubscriberExt, util::SubscriberInitExt};
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    INSTALLED.get_or_init(|| {
        let shown = match std::env::var("TEST_LOG").ok().filter(|f| !f.trim().is_empty()) {
            Some(filter) => {
                EnvFilter::try_new(&filter).unwrap_or_else(|e| panic!("TEST_LOG={filter} is not a tracing filter: {e}"))
            }
            None => EnvFilter::new("off"),
        };
        let shown = tracing_subscriber::fmt::layer()
            .with_test_writer()
            .with_ansi(false)
            .with_filter(shown);
        let kept = tracing_subscriber::fmt::layer()
            .with_writer(|| crate::logs::Keep)
            .with_ansi(false)
            .with_filter(crate::logs::filter());
        // Another subscriber installed first (none is, today) would keep the logs: nothing to add then.
        let _ = tracing_subscriber::registry().with(shown).with(kept).try_init();
    });
}

/// Starts the server on an existing test database, with extra configuration.
pub async fn spawn_app_on(database: TestDatabase, extra: &[(&str, &str)]) -> TestApp {
    capture_server_logs();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a random port");
    let port = listener.local_addr().unwrap().port();
    let config = test_config(&database.url, port, extra);
    let server = Server::build(&config).await.expect("server starts");
    let db = server.db().clone();
    let services = server.services().clone();
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(server.serve(listener, async move {
        let _ = stopped.await;
    }));
    let client = shopper_client();
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client,
        db,
        services,
        shutdown: Some(shutdown),
        _database: database,
    }
}

/// A client like a shopper's browser: it keeps cookies; redirects are left for the test to read.
pub fn shopper_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("HTTP client")
}

impl TestApp {
    /// The database the app runs on, for a second instance of the shop beside it.
    pub fn database_url(&self) -> String {
        self._database.url.clone()
    }

    /// A handle on a shop that runs elsewhere (another process) on `database`, for the helpers that read and
    /// arrange through the database.
    pub fn attached(db: Db, config: Config, database: TestDatabase) -> TestApp {
        TestApp {
            address: config.public_link(""),
            client: shopper_client(),
            services: Services::new(&db, &config).expect("QPay client"),
            db,
            shutdown: None,
            _database: database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// Posts a form as a browser without JavaScript does (`Accept: text/html`); redirects are left to the caller.
    pub async fn post_form<T: serde::Serialize + ?Sized>(&self, action: &str, form: &T) -> reqwest::Response {
        self.client
            .post(self.url(action))
            .header("accept", "text/html")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// A page's status and HTML, in the shop's default language.
    pub async fn get_html(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        (response.status(), response.text().await.expect("body"))
    }

    /// The server function URL that a form on `page` posts to, found by the function's name.
    pub async fn form_action(&self, page: &str, name: &str) -> String {
        let (_, html) = self.get_html(page).await;
        form_action_in(&html, name).unwrap_or_else(|| panic!("no {name} form on {page}"))
    }

    /// A call to the built-in QPay emulator's control API.
    pub async fn sandbox_control(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        let reply = self
            .client
            .post(self.url(&format!("/qpay-sandbox/_control{path}")))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(reply.status().is_success(), "control {path}: {}", reply.status());
        reply.json().await.unwrap()
    }

    /// The emulator's counters.
    pub async fn sandbox_counters(&self) -> serde_json::Value {
        self.client
            .get(self.url("/qpay-sandbox/_control/counters"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A page's status and HTML with the language cookie set.
    pub async fn get_html_in(&self, lang: &str, path: &str) -> (reqwest::StatusCode, String) {
        let response = self
            .client
            .get(self.url(path))
            .header("cookie", format!("lang={lang}"))
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.expect("body"))
    }
}

/// A browser of its own beside the app's client: its own cookies, so its own session; redirects left to the test.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub client: reqwest::Client,
    /// Where its posts come from, as the shop's proxy says (`X-Forwarded-For`); the server's own view when `None`.
    address: Option<String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            client: shopper_client(),
            address: None,
        }
    }

    /// A browser whose posts come from `address`, as the proxy in front of the shop would say.
    pub fn from_address(app: &'a TestApp, address: &str) -> Browser<'a> {
        Browser {
            address: Some(address.to_owned()),
            ..Browser::new(app)
        }
    }

    /// The request as this browser sends it: from its address, when it has one.
    fn sent_from_here(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.address {
            Some(address) => request.header("x-forwarded-for", address),
            None => request,
        }
    }

    /// A page's status and HTML.
    pub async fn get_html(&self, path: &str) -> (reqwest::StatusCode, String) {
        let request = self.sent_from_here(self.client.get(self.app.url(path)));
        let reply = request.send().await.expect("request");
        (reply.status(), reply.text().await.expect("body"))
    }

    /// Posts `form` to the server function `name` as a browser without JavaScript does; the status and where it
    /// leads (empty when it does not redirect).
    pub async fn post<F: serde::Serialize + ?Sized>(&self, name: &str, form: &F) -> (reqwest::StatusCode, String) {
        self.submit(&server_fn_path(name), form).await
    }

    /// Posts `form` to `action` (a form's path) as a browser without JavaScript does; the status and where it leads
    /// (empty when it does not redirect).
    pub async fn submit<F: serde::Serialize + ?Sized>(&self, action: &str, form: &F) -> (reqwest::StatusCode, String) {
        let request = self.client.post(self.app.url(action)).header("accept", "text/html");
        let reply = self.sent_from_here(request).form(form).send().await.expect("request");
        let location = reply
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (reply.status(), location)
    }

    /// Puts `quantity` of the variant `sku` (`aaruul-1`: the product's slug, a dash, a number) in the cart.
    pub async fn add_to_cart(&self, sku: &str, quantity: i64) {
        let variant = self.app.variant_id(sku).await;
        let slug = sku.rsplit_once('-').expect("a SKU is the slug and a number").0;
        let (_, page) = self.get_html(&format!("/products/{slug}")).await;
        let add = form_action_in(&page, "add_to_cart").expect("the product's add form");
        let form = [("variant_id", variant.to_string()), ("quantity", quantity.to_string())];
        self.submit(&add, &form).await;
    }

    /// The checkout form's action and the start of a filled-in form: the page's key, a name and `phone`.
    pub async fn checkout_form(&self, phone: &str) -> (String, Vec<(&'static str, String)>) {
        let (_, html) = self.get_html("/checkout").await;
        let place = form_action_in(&html, "place_order").expect("the checkout form");
        let key_at = html.find("name=\"key\" value=\"").expect("the form's key") + 18;
        let form = vec![
            ("key", html[key_at..key_at + 32].to_owned()),
            ("name", "Болд".to_owned()),
            ("phone", phone.to_owned()),
        ];
        (place, form)
    }
}

/// A merchant endpoint for callbacks (or the owner's webhook): records every request's path and query and body,
/// and answers with the bodies queued in `answers` (then `SUCCESS`) and the statuses queued in `statuses` (then 200).
#[derive(Clone)]
pub struct CallbackRecorder {
    pub url: String,
    received: Arc<Mutex<Vec<(String, String)>>>,
    answers: Arc<Mutex<VecDeque<&'static str>>>,
    statuses: Arc<Mutex<VecDeque<u16>>>,
}

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

impl CallbackRecorder {
    pub async fn start(answers: &[&'static str]) -> CallbackRecorder {
        CallbackRecorder::serve(answers, &[]).await
    }

    /// Answers the first requests with these statuses.
    pub async fn start_with_status(statuses: &[u16]) -> CallbackRecorder {
        CallbackRecorder::serve(&[], statuses).await
    }

    async fn serve(answers: &[&'static str], statuses: &[u16]) -> CallbackRecorder {
        use axum::{extract::State, http::StatusCode, http::Uri};
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let recorder = CallbackRecorder {
            url: format!("http://{}/qpay/callback", listener.local_addr().unwrap()),
            received: Default::default(),
            answers: Arc::new(Mutex::new(answers.iter().copied().collect())),
            statuses: Arc::new(Mutex::new(statuses.iter().copied().collect())),
        };
        let app = axum::Router::new()
            .fallback(
                |State(recorder): State<CallbackRecorder>, uri: Uri, body: String| async move {
                    recorder.received.lock().unwrap().push((uri.to_string(), body));
                    let status = recorder.statuses.lock().unwrap().pop_front().unwrap_or(200);
                    let answer = recorder.answers.lock().unwrap().pop_front().unwrap_or("SUCCESS");
                    (StatusCode::from_u16(status).unwrap(), answer)
                },
            )
            .with_state(recorder.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        recorder
    }

    /// Path and query of every request so far.
    pub fn received(&self) -> Vec<String> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .map(|(uri, _)| uri.clone())
            .collect()
    }

    /// The body of every request so far.
    pub fn bodies(&self) -> Vec<String> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .map(|(_, body)| body.clone())
            .collect()
    }

    /// Waits up to 5 s for at least `count` callbacks.
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..100 {
            if self.received.lock().unwrap().len() >= count {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.received()
    }
}

/// The URL of the first form in `html` that posts to the server function `name`.
pub fn form_action_in(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("action=\"/api/{name}"))? + 8;
    Some(html[start..start + html[start..].find('"')?].to_owned())
}

/// Waits until `check` holds, asking every 50 ms; fails the test with `what` after `limit`.
pub async fn eventually<F, Fut>(limit: std::time::Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while !check().await {
        assert!(started.elapsed() < limit, "not within {limit:?}: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Background workers that look for work every 100 ms and checks spaced 200 ms apart, so a test sees in seconds
/// what takes minutes in a shop. The schedule and the invoice lifetime are the test's own.
pub const QUICK_WORKERS: [(&str, &str); 2] = [("WORKER_TICK", "100ms"), ("RECONCILE_MIN_GAP", "200ms")];

/// A server with quick workers and `extra` configuration on a fresh database.
pub async fn spawn_quick(engine: Engine, extra: &[(&str, &str)]) -> TestApp {
    let database = TestDatabase::create(&engine).await;
    let config: Vec<(&str, &str)> = QUICK_WORKERS.iter().chain(extra).copied().collect();
    spawn_app_on(database, &config).await
}

/// The URL of the server function `name`: `/api/` and the name, then the digits of its hash.
pub fn server_fn_path(name: &str) -> String {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .find(|path| {
            path.strip_prefix("/api/")
                .and_then(|rest| rest.strip_prefix(name))
                .is_some_and(|hash| hash.bytes().all(|b| b.is_ascii_digit()))
        })
        .unwrap_or_else(|| panic!("{name} is registered"))
        .to_owned()
}

/// The text of the owner's notice on an admin page (what came of the last action).
pub fn notice_in(html: &str) -> &str {
    let at = html
        .find("data-test=\"action-notice\"")
        .unwrap_or_else(|| panic!("no notice on {html}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    &html[start..start + html[start..].find('<').unwrap()]
}

/// A real `width`×`height` PNG (the shop decodes what it is sent): a plain colour.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(width, height, image::Rgba([29, 78, 137, 255]))
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("a PNG is written");
    bytes.into_inner()
}
