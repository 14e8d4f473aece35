//! What the servers log: the in-process servers' log lines kept while a test reads them, and the test that neither an
//! order's view key nor an invitation's token reaches the log or the answers the shop keeps, when a request on their
//! path fails or a gateway refuses a message and echoes its text.
//!
//! The servers run in the test's process and their background tasks on any thread, so one global subscriber
//! (`helpers::capture_server_logs`) writes into [`KEPT`] while a [`CapturedLogs`] is alive; tests run side by side,
//! so the lines of other tests' servers are kept too, which is harmless for a test that looks for its own secrets.

use std::{
    collections::HashMap,
    io,
    sync::{
        Mutex, MutexGuard, PoisonError,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use tracing::{Level, Metadata, level_filters::LevelFilter};
use tracing_subscriber::filter::{FilterFn, filter_fn};

use crate::{
    admin::{OWNER, PASSWORD, quick_with_owner, sign_in},
    helpers::{Engine, TestApp, eventually},
    notices::events,
    orders::place,
    staff::invite,
};

/// The log lines written while some capture was alive.
static KEPT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
/// How many captures are alive: while none is, nothing is kept.
static CAPTURES: AtomicUsize = AtomicUsize::new(0);

fn kept() -> MutexGuard<'static, Vec<u8>> {
    KEPT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The log of every server of this test binary from [`CapturedLogs::start`] on.
pub struct CapturedLogs {
    from: usize,
}

impl CapturedLogs {
    pub fn start() -> CapturedLogs {
        crate::helpers::capture_server_logs();
        let kept = kept();
        CAPTURES.fetch_add(1, Ordering::SeqCst);
        CapturedLogs { from: kept.len() }
    }

    /// The lines logged since the capture started.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&kept()[self.from..]).into_owned()
    }
}

impl Drop for CapturedLogs {
    fn drop(&mut self) {
        let mut kept = kept();
        // The last capture to end lets the lines go; none is reading them.
        if CAPTURES.fetch_sub(1, Ordering::SeqCst) == 1 {
            kept.clear();
        }
    }
}

/// What is kept while a capture is alive: what a shop logs by default (`RUST_LOG=info`), and `tower_http`'s lines
/// of each request (DEBUG), which an operator turns on to follow requests. Those carry the request's span, with
/// its path, on every request, failing or not.
pub fn filter() -> FilterFn {
    filter_fn(is_kept as fn(&Metadata<'_>) -> bool).with_max_level_hint(LevelFilter::DEBUG)
}

fn is_kept(metadata: &Metadata<'_>) -> bool {
    let least = if metadata.target().starts_with("tower_http") {
        Level::DEBUG
    } else {
        Level::INFO
    };
    // By the line's kind alone, never by whether a capture is alive: tracing caches this answer per call site the
    // first time it is asked, so a site first reached while no test was capturing would never be kept again. The
    // writer ([`Keep`]) drops what comes while no capture is alive.
    *metadata.level() <= least
}

/// Writes log lines into [`KEPT`]; the formatter hands over each line in one write.
pub struct Keep;

impl io::Write for Keep {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut kept = kept();
        if CAPTURES.load(Ordering::SeqCst) > 0 {
            kept.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An SMS gateway that refuses every message and echoes its text in its answer, as some gateways do: an order's
/// for good (422, kept in the order's timeline), an invitation's for now (503, kept as the outbox's `last_error`).
async fn echoing_gateway() -> String {
    use axum::{extract::Query, http::StatusCode};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/send?key={{key}}&from={{from}}&to={{to}}&text={{text}}",
        listener.local_addr().unwrap()
    );
    let gateway = axum::Router::new().fallback(|Query(sms): Query<HashMap<String, String>>| async move {
        let text = sms.get("text").cloned().unwrap_or_default();
        let status = if text.contains("/admin/invite/") {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        (status, format!("cannot send: {text}"))
    });
    tokio::spawn(async move { axum::serve(listener, gateway).await });
    url
}

/// A write to `path` from another site, which the shop refuses (403) and logs.
async fn cross_site_post(app: &TestApp, path: &str) -> u16 {
    let reply = app
        .client
        .post(app.url(path))
        .header("origin", "https://evil.example")
        .form(&[("password", "x")])
        .send()
        .await
        .unwrap();
    reply.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_view_key_or_invitation_token_reaches_the_log() {
    let logs = CapturedLogs::start();
    let gateway = echoing_gateway().await;
    let app = quick_with_owner(
        Engine::Sqlite,
        &[
            ("SMS_MODE", "http"),
            ("SMS_URL", gateway.as_str()),
            ("SMS_KEY", "gateway-key"),
            ("SMS_SENDER", "DELGUUR"),
        ],
    )
    .await;

    // The pay link's path: a write from another site, a key one letter too long, and the link itself.
    let order_no = place(&app, "logs-1").await;
    let key: String = sqlx::query_scalar("SELECT view_key FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let pay_link = format!("/o/{order_no}/{key}");
    assert_eq!(cross_site_post(&app, &pay_link).await, 403);
    assert_eq!(app.get(&format!("{pay_link}x")).await.status(), 404);
    assert_eq!(app.get(&pay_link).await.status().as_u16() / 100, 3);

    // The invitation's path: a write from another site, a token that is no invitation's, and the link itself.
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let link = invite(&app, "packer@shop.mn", "99112233").await;
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), 32, "{link}");
    let invitation = format!("/admin/invite/{token}");
    assert_eq!(cross_site_post(&app, &invitation).await, 403);
    app.get(&format!("{invitation}x")).await;
    app.get(&invitation).await;

    // The gateway's answers, which echo the pay link and the invitation's link: kept, and logged.
    let invite_error = || async {
        sqlx::query_scalar::<_, Option<String>>("SELECT last_error FROM outbox WHERE kind LIKE 'staff_invite:%:sms'")
            .fetch_optional(app.db.pool())
            .await
            .unwrap()
            .flatten()
    };
    eventually(
        Duration::from_secs(10),
        "the gateway answered both messages",
        || async { !events(&app, &order_no, "notice_refused").await.is_empty() && invite_error().await.is_some() },
    )
    .await;
    let refused = events(&app, &order_no, "notice_refused").await.join("\n");
    assert!(
        refused.contains("cannot send"),
        "the gateway's answer is kept: {refused}"
    );
    assert!(
        !refused.contains(&key),
        "the view key is in the order's timeline: {refused}"
    );
    let invite_error = invite_error().await.unwrap_or_default();
    assert!(
        invite_error.contains("cannot send"),
        "the gateway's answer is kept: {invite_error}"
    );
    assert!(
        !invite_error.contains(&token),
        "the token is in the outbox: {invite_error}"
    );

    let text = logs.text();
    assert!(!text.contains(&key), "the view key is in the log:\n{text}");
    assert!(!text.contains(&token), "the invitation's token is in the log:\n{text}");
    // The lines are there, with the paths by their templates: the secrets are missing because they were left out.
    for line in [
        format!("path=/o/{order_no}/{{key}}"),
        "path=/admin/invite/{token}".to_owned(),
        "SMS refused for good".to_owned(),
        "outbox: delivery failed".to_owned(),
    ] {
        assert!(text.contains(&line), "no {line:?} in the log:\n{text}");
    }
}
