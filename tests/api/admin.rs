//! The owner's side: sign-in, lockout, and the order list, which nobody else can see.

use serde_json::json;

use crate::{
    helpers::{Engine, TestApp, TestDatabase, spawn_app_on, spawn_quick},
    orders::{order_with_invoice, paid_order},
};

crate::on_both_engines!(
    a_hundred_thousand_orders_export_as_csv_in_little_memory,
    nobody_signed_in_sees_no_admin_page_or_data,
    the_owner_signs_in_with_a_new_session_id_and_sees_paid_orders,
    repeated_failures_lock_the_address_out,
    the_list_filters_counts_and_sums,
    each_glance_tile_counts_the_list_its_link_opens,
    the_owner_opens_a_paid_order_marks_it_shipped_and_the_timeline_says_who,
    the_owner_cancels_an_unpaid_order_and_its_stock_goes_back,
);

/// The test shops' owner: the e-mail and password the configuration makes the owner's account with.
pub const OWNER: &str = "owner@shop.mn";
pub const PASSWORD: &str = "tsagaan-sar-2026";
/// The owner's phone as the shop's environment gives it (`OWNER_PHONE`): where the owner's texts go until another
/// is saved at `/admin/messages`.
pub const OWNER_PHONE: &str = "88001122";

/// The owner's account ([`OWNER`], [`PASSWORD`]) in a shop's configuration, then `extra`.
fn with_owner<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let owner = [("ADMIN_EMAIL", OWNER), ("ADMIN_PASSWORD", PASSWORD)];
    owner.iter().chain(extra).copied().collect()
}

/// A shop with its owner's account and `extra` configuration, on a fresh database, its workers as a real shop's.
pub async fn spawn_with_owner(engine: Engine, extra: &[(&str, &str)]) -> TestApp {
    let database = TestDatabase::create(&engine).await;
    spawn_app_on(database, &with_owner(extra)).await
}

/// A shop with its owner's account and `extra` configuration, with quick workers ([`spawn_quick`]).
pub async fn quick_with_owner(engine: Engine, extra: &[(&str, &str)]) -> TestApp {
    spawn_quick(engine, &with_owner(extra)).await
}

/// [`quick_with_owner`], with the owner then signed in on the app's own client.
pub async fn signed_in_shop(engine: Engine, extra: &[(&str, &str)]) -> TestApp {
    let app = quick_with_owner(engine, extra).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    app
}

/// Posts the sign-in form as a browser does; returns where it leads.
pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> String {
    let action = app.form_action("/admin/login", "admin_sign_in").await;
    let reply = app
        .post_form(&action, &[("email", email), ("password", password)])
        .await;
    reply.headers()["location"].to_str().unwrap().to_owned()
}

async fn nobody_signed_in_sees_no_admin_page_or_data(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let page = app.get("/admin").await;
    assert_eq!(page.status().as_u16() / 100, 3, "the list redirects");
    assert_eq!(page.headers()["location"], "/admin/login");

    // Every admin server function checks the session itself, not only the page.
    for path in leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| path.starts_with("/api/get_admin"))
    {
        let reply = app
            .client
            .post(app.url(path))
            .form(&[("query[page]", "1"), ("order_no", "ABCD1234"), ("slug", "terms")])
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 401, "{path}");
    }
    let (order_no, _, _) = order_with_invoice(&app, "k1").await;
    let act = app
        .client
        .post(app.url(&action_path()))
        .form(&[("order_no", order_no.as_str()), ("action", "cancel")])
        .send()
        .await
        .unwrap();
    assert_eq!(act.status(), 401, "an action without an owner");
    assert_eq!(
        crate::orders::state(&app, &order_no).await.0,
        "awaiting",
        "and nothing changed"
    );
    let detail = app.get(&format!("/admin/orders/{order_no}")).await;
    assert_eq!(detail.headers()["location"], "/admin/login");
    let (status, html) = app.get_html("/admin/login").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"password\" type=\"password\""));
}

async fn the_owner_signs_in_with_a_new_session_id_and_sees_paid_orders(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let (paid_no, _) = paid_order(&app, "k1").await;
    let (unpaid_no, _, _) = order_with_invoice(&app, "k2").await;

    assert_eq!(sign_in(&app, OWNER, "wrong password").await, "/admin/login");
    let (_, html) = app.get_html("/admin/login").await;
    assert!(html.contains("data-test=\"sign-in-notice\""), "says why");
    assert_eq!(app.get("/admin").await.status().as_u16() / 100, 3, "still signed out");

    let before = session_ids(&app).await;
    assert_eq!(sign_in(&app, " Owner@Shop.MN ", PASSWORD).await, "/admin");
    let after = session_ids(&app).await;
    assert_ne!(before, after, "a new session id at sign-in");

    let (status, html) = app.get_html("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains(OWNER));
    assert!(
        html.contains(&format!("data-order=\"{paid_no}\"")),
        "the paid order is listed"
    );
    assert!(
        !html.contains(&format!("data-order=\"{unpaid_no}\"")),
        "an unpaid one is not, by default"
    );
    assert!(html.contains("data-test=\"order-sum\">25,000₮<"));

    let action = crate::helpers::form_action_in(&html, "admin_sign_out").unwrap();
    let reply = app.post_form(&action, &[] as &[(&str, &str)]).await;
    assert_eq!(reply.headers()["location"], "/admin/login");
    assert_eq!(app.get("/admin").await.status().as_u16() / 100, 3, "signed out");
}

/// The session ids in the database: a new one after sign-in means the old id is worthless.
async fn session_ids(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT id FROM sessions ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn repeated_failures_lock_the_address_out(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let started = std::time::Instant::now();
    for _ in 0..5 {
        assert_eq!(sign_in(&app, OWNER, "guess-guess-guess").await, "/admin/login");
    }
    let slowed = started.elapsed();
    assert_eq!(
        sign_in(&app, OWNER, PASSWORD).await,
        "/admin/login",
        "locked: even the right password"
    );
    let (_, html) = app.get_html("/admin/login").await;
    assert!(html.contains("15 минутын дараа"), "says for how long");
    assert!(
        slowed >= std::time::Duration::from_millis(250 * (1 + 2 + 3 + 4)),
        "each failure slows the next attempt: {slowed:?}"
    );
    println!("5 failed sign-ins took {slowed:.2?}; the sixth, with the right password, was refused");
}

async fn the_list_filters_counts_and_sums(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    crate::orders::stock_up(&app.db).await;
    let mut paid = Vec::new();
    for i in 0..3 {
        paid.push(paid_order(&app, &format!("k{i}")).await.0);
    }
    let (awaiting, _, _) = order_with_invoice(&app, "k9").await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");

    let figures = |html: &str| {
        let count = html.split("data-test=\"order-count\">").nth(1).unwrap();
        let sum = html.split("data-test=\"order-sum\">").nth(1).unwrap();
        (
            count[..count.find('<').unwrap()].to_owned(),
            sum[..sum.find('<').unwrap()].to_owned(),
        )
    };
    let (_, html) = app.get_html("/admin").await;
    assert_eq!(figures(&html), ("3".to_owned(), "75,000₮".to_owned()));
    let (_, html) = app.get_html("/admin?payment=all&fulfilment=all").await;
    assert_eq!(figures(&html), ("4".to_owned(), "100,000₮".to_owned()));
    let (_, html) = app.get_html("/admin?payment=awaiting&fulfilment=all").await;
    assert!(html.contains(&format!("data-order=\"{awaiting}\"")));
    let (_, html) = app
        .get_html(&format!("/admin?payment=all&fulfilment=all&q={}", paid[1]))
        .await;
    assert_eq!(figures(&html).0, "1", "found by its number");
    let (_, html) = app
        .get_html("/admin?payment=all&fulfilment=all&from=2000-01-01&to=2000-01-02")
        .await;
    assert_eq!(figures(&html).0, "0", "nothing placed in 2000");
    assert!(html.contains("data-test=\"no-orders\""));
}

/// "Today at a glance" on `/admin`, with one paid order and one unpaid one flagged for the owner: each tile's number
/// is the number of orders on the list its link opens, and the flagged order is found by the attention filter, in
/// the list and in the CSV.
async fn each_glance_tile_counts_the_list_its_link_opens(engine: Engine) {
    let app = quick_with_owner(engine, &[("QPAY_ALLOW_PARTIAL", "true")]).await;
    // QPay refuses every invoice cancel: a cancelled order's invoice still takes money (as in settlement_edges.rs).
    let refuse_cancels =
        json!({"path_prefix": "/v2/invoice/", "method": "DELETE", "status": 500, "error": "SYSTEM_BUSY"});
    app.sandbox_control("/faults", refuse_cancels).await;
    let (paid, _) = paid_order(&app, "k1").await;
    // The unpaid one: cancelled by the owner, then part paid into its open invoice, which flags it for the owner.
    let (flagged, _, invoice_id) = order_with_invoice(&app, "k2").await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    act(&app, &flagged, "cancel").await;
    app.sandbox_control("/pay", json!({"invoice_id": invoice_id, "amount": 10_000}))
        .await;
    crate::orders::payments(&app).settle(&flagged, "test").await.unwrap();
    assert_eq!(crate::orders::state(&app, &flagged).await.0, "cancelled");
    let flag: Option<String> = sqlx::query_scalar("SELECT attention FROM orders WHERE order_no = $1")
        .bind(&flagged)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(flag.as_deref().is_some_and(|f| f.starts_with("Part paid")), "{flag:?}");

    let (status, html) = app.get_html("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"glance\""));
    // (tile, its count, its sum's data-value and text); a fresh shop has no other orders this week.
    let money = Some(("25000".to_owned(), "25,000₮".to_owned()));
    let expected = [
        ("glance-paid-today", "1", money.clone()),
        ("glance-paid-week", "1", money),
        ("glance-to-pack", "1", None),
        ("glance-attention", "1", None),
    ];
    for (name, count, sum) in expected {
        let (href, shown, shown_sum) = glance_tile(&html, name);
        assert_eq!((shown.as_str(), shown_sum), (count, sum), "{name}");
        let (status, list) = app.get_html(&href).await;
        assert_eq!(status, 200, "{href}");
        assert_eq!(
            order_count(&list),
            shown,
            "{name}: the list at {href} holds what the tile counts"
        );
    }

    let attention = glance_tile(&html, "glance-attention").0;
    assert_eq!(attention, "/admin?payment=all&fulfilment=all&attention=yes");
    let (_, list) = app.get_html(&attention).await;
    assert!(
        list.contains(&format!("data-order=\"{flagged}\"")),
        "the flagged order is listed"
    );
    assert!(
        !list.contains(&format!("data-order=\"{paid}\"")),
        "the other one is not"
    );
    assert!(
        list.contains("/admin/orders.csv?payment=all&amp;fulfilment=all&amp;attention=yes"),
        "the CSV link keeps the filter"
    );
    let csv = app
        .get("/admin/orders.csv?payment=all&fulfilment=all&attention=yes")
        .await;
    let csv = csv.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "the header and the flagged order: {csv}");
    assert!(csv.contains(&flagged) && !csv.contains(&paid), "{csv}");
}

/// A glance tile on the owner's page: its link as a browser follows it, its count, and its sum (`data-value`, and
/// as shown) when it has one.
fn glance_tile(html: &str, name: &str) -> (String, String, Option<(String, String)>) {
    let tile = html.split(&format!("data-test=\"{name}\"")).nth(1).unwrap();
    let tile = &tile[..tile.find("</a>").unwrap()];
    // What follows `from` in the tile, up to `to`.
    let after = |from: &str, to: char| -> Option<String> {
        let rest = tile.split(from).nth(1)?;
        Some(rest[..rest.find(to).unwrap()].to_owned())
    };
    let href = after("href=\"", '"').unwrap().replace("&amp;", "&");
    let count = after("data-test=\"glance-count\">", '<').unwrap();
    // The sum's attributes in whatever order the page writes them, then its text.
    let sum = after("data-value=\"", '"')
        .zip(after("data-test=\"glance-sum\"", '<'))
        .map(|(value, rest)| {
            let shown = rest[rest.find('>').unwrap() + 1..].to_owned();
            (value, shown)
        });
    (href, count, sum)
}

/// The order list's count of the whole filtered set.
fn order_count(html: &str) -> String {
    let count = html.split("data-test=\"order-count\">").nth(1).unwrap();
    count[..count.find('<').unwrap()].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_adds_an_owner_who_can_sign_in() {
    use std::io::Write;
    let database = TestDatabase::create(&Engine::Sqlite).await;
    let folder = tempfile::tempdir().unwrap();
    let create = |email: &str, password: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_delguur"))
            .args(["admin", "create", "--email", email])
            .env_clear()
            .env("DATABASE_URL", &database.url)
            .current_dir(folder.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = create("cli@shop.mn", "short");
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 10 characters"));
    let made = create("cli@shop.mn", "a long enough password");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(String::from_utf8_lossy(&made.stdout).contains("/admin/login"));
    assert_eq!(
        create("cli@shop.mn", "a long enough password").status.code(),
        Some(2),
        "only once"
    );

    let app = spawn_app_on(database, &[]).await;
    assert_eq!(sign_in(&app, "cli@shop.mn", "a long enough password").await, "/admin");
}

/// The URL of the admin action server function.
pub fn action_path() -> String {
    crate::helpers::server_fn_path("admin_order_action")
}

/// Presses an action button on the order's admin page.
pub async fn act(app: &TestApp, order_no: &str, action: &str) -> reqwest::Response {
    app.post_form(&action_path(), &[("order_no", order_no), ("action", action)])
        .await
}

async fn the_owner_opens_a_paid_order_marks_it_shipped_and_the_timeline_says_who(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let (order_no, payment_id) = paid_order(&app, "k1").await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");

    let page = format!("/admin/orders/{order_no}");
    let (status, html) = app.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains(&payment_id), "the QPay payment");
    for kind in ["invoice_created", "callback", "checked", "state"] {
        assert!(html.contains(&format!("data-kind=\"{kind}\"")), "timeline has {kind}");
    }
    assert!(html.contains("data-test=\"action-packed\""));
    assert!(
        !html.contains("data-test=\"action-cancel\""),
        "a paid order is not cancelled"
    );

    let reply = act(&app, &order_no, "delivered").await;
    assert_eq!(reply.headers()["location"], page.as_str());
    let fulfilment = || async {
        sqlx::query_scalar::<_, String>("SELECT fulfilment FROM orders WHERE order_no = $1")
            .bind(&order_no)
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    assert_eq!(fulfilment().await, "new", "delivered before it was shipped: refused");
    act(&app, &order_no, "packed").await;
    act(&app, &order_no, "shipped").await;
    assert_eq!(fulfilment().await, "shipped");
    let unknown = act(&app, &order_no, "refund-everything").await;
    assert!(unknown.status().as_u16() < 500, "{}", unknown.status());
    assert_eq!(
        fulfilment().await,
        "shipped",
        "an action the shop does not have changes nothing"
    );
    act(&app, &order_no, "cancel").await;
    assert_eq!(
        crate::orders::state(&app, &order_no).await.0,
        "paid",
        "cancel does not apply to a paid order"
    );

    let (_, html) = app.get_html(&page).await;
    assert_eq!(
        html.matches(&format!("data-test=\"actor\">{OWNER}<")).count(),
        2,
        "who packed, who shipped"
    );
    assert!(html.contains("data-test=\"fulfilment\" data-value=\"shipped\""));
    let (_, list) = app.get_html("/admin?fulfilment=shipped").await;
    assert!(list.contains(&format!("data-order=\"{order_no}\"")));
}

async fn the_owner_cancels_an_unpaid_order_and_its_stock_goes_back(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, _, _) = order_with_invoice(&app, "k1").await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (_, html) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(html.contains("data-test=\"action-cancel\""));

    act(&app, &order_no, "cancel").await;

    assert_eq!(crate::orders::state(&app, &order_no).await.0, "cancelled");
    assert_eq!(app.stock_of("aaruul-1").await, before, "the stock went back");
    crate::helpers::eventually(std::time::Duration::from_secs(10), "QPay invoice cancelled", || async {
        crate::orders::outbox_of(&app, &order_no).await == [("cancel_invoice".to_owned(), "done".to_owned())]
    })
    .await;
    let (_, html) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(
        html.contains(&format!("data-test=\"actor\">{OWNER}<")),
        "the timeline says who cancelled"
    );
}

/// 100,000 orders streamed as CSV from the real binary, whose peak memory is read from the kernel.
async fn a_hundred_thousand_orders_export_as_csv_in_little_memory(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let shop = crate::process::ShopProcess::start(&database.url, &with_owner(&[])).await;
    let port: u16 = shop.address.rsplit(':').next().unwrap().parse().unwrap();
    let config = crate::helpers::test_config(&database.url, port, &[]);
    let db = delguur::db::Db::connect(&config.database_url).await.unwrap();
    let started = std::time::Instant::now();
    sqlx::query(
        "INSERT INTO orders (order_no, view_key, callback_token, idempotency_key, payment_state, customer_name, phone, \
                             delivery, total_mnt, paid_mnt, created_at, updated_at, note) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) \
         SELECT 'X' || CAST(10000000 + i AS TEXT), 'k', 't', 'i' || CAST(i AS TEXT), 'paid', 'Бат-Эрдэнэ, \"Дорж\"', \
                '99112233', 'pickup', 12500, 12500, 1795363200000 + i, 1795363200000 + i, '=1+1' FROM n",
    )
    .execute(db.pool())
    .await
    .unwrap();
    let inserted = started.elapsed();
    let app = TestApp::attached(db, config, database);
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let before = shop.peak_memory_kib();

    let started = std::time::Instant::now();
    let reply = app.get("/admin/orders.csv?payment=all&fulfilment=all").await;
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["content-type"], "text/csv; charset=utf-8");
    let mut reply = reply;
    let (mut bytes, mut lines, mut first) = (0usize, 0usize, Vec::new());
    while let Some(chunk) = reply.chunk().await.unwrap() {
        if first.len() < 300 {
            first.extend_from_slice(&chunk[..chunk.len().min(300)]);
        }
        bytes += chunk.len();
        lines += chunk.iter().filter(|b| **b == b'\n').count();
    }
    let took = started.elapsed();
    let peak = shop.peak_memory_kib();

    let head = String::from_utf8_lossy(&first);
    assert!(
        head.starts_with("\u{feff}order_no,placed,customer"),
        "a BOM, then the header: {head}"
    );
    assert!(
        head.contains("X10100000,2026-11-23 00:01,\"Бат-Эрдэнэ, \"\"Дорж\"\"\",99112233,12500,12500,0,paid,new"),
        "{head}"
    );
    assert_eq!(lines, 100_001, "the header and every order");
    println!(
        "CSV export of 100,000 orders: {} MB in {took:.2?} (inserting them took {inserted:.2?}); server peak memory \
         {} MB before the export, {} MB after",
        bytes / 1_000_000,
        before / 1024,
        peak / 1024
    );
    assert!(
        peak < before + 64 * 1024,
        "the export never holds the orders in memory: {before} -> {peak} KiB"
    );

    // Browsers ask for it compressed: the stream must end cleanly through the compression layer too.
    let compressed = app
        .client
        .get(app.url("/admin/orders.csv?payment=paid&fulfilment=all"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "gzip");
    let gzipped = compressed.bytes().await.expect("the whole compressed file arrives");
    assert!(gzipped.len() < bytes / 5, "compressed: {} bytes", gzipped.len());
    assert!(!shop.output().contains("panicked"), "{}", shop.output());

    let stranger = reqwest::Client::new();
    let refused = stranger
        .get(format!("{}/admin/orders.csv", shop.address))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401, "not without an owner");
}
