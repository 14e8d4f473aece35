//! A generated corpus of hostile requests against every public route and server function of the real binary:
//! malformed, oversized, wrongly typed, negative and huge numbers, unicode oddities, SQL and HTML injection. Every
//! answer must be below 500, the process must never panic, and no business row may change: every table but the
//! few in [`NOT_BUSINESS`] is read whole before and after ([`business_snapshot`]), so an UPDATE shows as well as
//! an INSERT or a DELETE.

use futures::StreamExt;
use std::{
    collections::{BTreeMap, BTreeSet},
    hash::{Hash, Hasher},
    time::Instant,
};

use crate::{
    helpers::{Engine, TestApp, TestDatabase, spawn_app, test_config},
    orders::{place_over_http, state},
    process::ShopProcess,
};
use delguur::db::{Backend, Db};

crate::on_both_engines!(
    a_thousand_hostile_requests_get_4xx_change_nothing_and_panic_nothing,
    the_business_snapshot_sees_one_changed_value,
);

/// Values a stranger might put in any field, `known` among them (a real order number, say).
fn payloads(known: &[String]) -> Vec<String> {
    let mut payloads: Vec<String> = [
        "",
        " ",
        "0",
        "-1",
        "-9223372036854775808",
        "9223372036854775807",
        "99999999999999999999999999",
        "1.5",
        "1e308",
        "NaN",
        "true",
        "null",
        "[]",
        "{\"a\":1}",
        "' OR '1'='1",
        "1; DROP TABLE orders; --",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "\u{202e}gnp.exe",
        "\u{0}",
        "a\u{0}b",
        "\u{feff}\u{200b}",
        "Z\u{0335}\u{0336}\u{0337}",
        "../../../../etc/passwd",
        "%00%ff",
        "\r\nSet-Cookie: stolen=1",
        "${jndi:ldap://x}",
        "Болд",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    payloads.push("😀".repeat(400));
    payloads.push("A".repeat(10_000));
    payloads.extend(known.iter().cloned());
    payloads
}

/// The tables a hostile request may change by design, each with why; every other table of the database is in the
/// snapshot, so a table added later is watched without a word here.
pub const NOT_BUSINESS: [(&str, &str); 4] = [
    ("sessions", "any request may start or refresh a visitor's session"),
    (
        "rate_limits",
        "a refused request is counted by design (the fixed-window limits)",
    ),
    (
        "sign_in_failures",
        "a refused sign-in is counted by design (the lockout), as rate limits are",
    ),
    (
        "_sqlx_migrations",
        "the schema's record of its migrations, not the shop's data",
    ),
];

/// Tables the snapshot must hold, whatever else it holds: the money, the stock and the owner's settings.
const MUST_COVER: [&str; 12] = [
    "orders",
    "order_items",
    "variants",
    "products",
    "payments",
    "qpay_invoices",
    "outbox",
    "refunds",
    "discount_codes",
    "admins",
    "notice_settings",
    "pay_settings",
];

/// The snapshot covers at least this many tables (28 with the migrations' own, less [`NOT_BUSINESS`]), so it cannot
/// quietly shrink.
const AT_LEAST_TABLES: usize = 20;

/// One table's rows: how many, and a hash of them all (each row as the quoted text of its values, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDigest {
    pub rows: usize,
    pub hash: u64,
}

/// Every business table of a shop's database by name.
pub type Snapshot = BTreeMap<String, TableDigest>;

/// Every table of the database with its columns in order; SQLite's own tables (`sqlite_sequence`) left out.
async fn tables_and_columns(db: &Db) -> BTreeMap<String, Vec<String>> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT CAST(m.name AS TEXT), CAST(p.name AS TEXT) \
             FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' \
             ORDER BY m.name, p.cid"
        }
        // Each test has a database of its own (helpers.rs), its tables in the default schema.
        Backend::Postgres => {
            "SELECT CAST(c.table_name AS TEXT), CAST(c.column_name AS TEXT) \
             FROM information_schema.columns c \
             JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
             ORDER BY c.table_name, c.ordinal_position"
        }
    };
    let pairs: Vec<(String, String)> = sqlx::query_as(sql)
        .fetch_all(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in pairs {
        tables.entry(table).or_default().push(column);
    }
    tables
}

/// A name as a quoted SQL identifier.
fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every business table, each read whole: its rows as text, sorted, hashed. The values are quoted by the engine
/// (`quote` on SQLite, `quote_nullable` on PostgreSQL: NULL, '' and 'NULL' all differ), so any change of any value
/// changes the table's hash, whatever its type. Fails when a table the shop must have is missing or the snapshot
/// has fewer than [`AT_LEAST_TABLES`].
pub async fn business_snapshot(db: &Db) -> Snapshot {
    let tables = tables_and_columns(db).await;
    for (name, why) in NOT_BUSINESS {
        assert!(
            tables.contains_key(name),
            "{name} is left out of the snapshot ({why}) but is not a table: correct NOT_BUSINESS; tables: {:?}",
            tables.keys().collect::<Vec<_>>()
        );
    }
    let quote = match db.backend() {
        Backend::Sqlite => "quote",
        Backend::Postgres => "quote_nullable",
    };
    let mut snapshot = Snapshot::new();
    for (table, columns) in tables {
        if NOT_BUSINESS.iter().any(|(name, _)| *name == table) {
            continue;
        }
        let row = columns
            .iter()
            .map(|column| format!("{quote}({})", identifier(column)))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let sql = format!("SELECT {row} FROM {}", identifier(&table));
        let mut rows: Vec<Option<String>> = sqlx::query_scalar(&sql)
            .fetch_all(db.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        // Sorted here, not by the database: the same rows give the same hash whatever order they are read in.
        rows.sort();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        rows.hash(&mut hasher);
        snapshot.insert(
            table,
            TableDigest {
                rows: rows.len(),
                hash: hasher.finish(),
            },
        );
    }
    for name in MUST_COVER {
        assert!(
            snapshot.contains_key(name),
            "{name} is in the snapshot: {:?}",
            snapshot.keys().collect::<Vec<_>>()
        );
    }
    assert!(
        snapshot.len() >= AT_LEAST_TABLES,
        "the snapshot covers at least {AT_LEAST_TABLES} tables, not {}: {:?}",
        snapshot.len(),
        snapshot.keys().collect::<Vec<_>>()
    );
    snapshot
}

/// The tables whose rows differ between two snapshots (or that one of them lacks), by name.
pub fn changed_tables(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter(|name| before.get(*name) != after.get(*name))
        .cloned()
        .collect()
}

/// What changed, for a failure's message: each table with its row counts before and after.
fn describe_changes(changed: &[String], before: &Snapshot, after: &Snapshot) -> String {
    let rows = |snapshot: &Snapshot, name: &str| {
        snapshot
            .get(name)
            .map_or_else(|| "no table".to_owned(), |digest| format!("{} rows", digest.rows))
    };
    changed
        .iter()
        .map(|name| {
            format!(
                "{name} ({} before, {} after)",
                rows(before, name.as_str()),
                rows(after, name.as_str())
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

enum Body {
    None,
    Form(Vec<(String, String)>),
    Raw(&'static str, Vec<u8>),
}

struct Probe {
    method: reqwest::Method,
    path: String,
    body: Body,
}

/// The server's limit on a request body (`server/mod.rs`).
const MAX_BODY: usize = 64 * 1024;

impl Probe {
    fn body_len(&self) -> usize {
        match &self.body {
            Body::None => 0,
            Body::Form(fields) => fields.iter().map(|(k, v)| k.len() + v.len() * 3 + 2).sum(),
            Body::Raw(_, bytes) => bytes.len(),
        }
    }
}

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Every route and server function with every payload in every field, plus bodies no form sends.
fn corpus(known: &[String]) -> Vec<Probe> {
    use reqwest::Method;
    let get = |path: String| Probe {
        method: Method::GET,
        path,
        body: Body::None,
    };
    let mut probes = Vec::new();
    let fields = [
        "variant_id",
        "quantity",
        "order_no",
        "key",
        "name",
        "phone",
        "email",
        "delivery",
        "district",
        "khoroo",
        "address",
        "note",
        "lang",
        "slug",
    ];
    let functions: Vec<(&str, reqwest::Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path, Method::from_bytes(method.as_str().as_bytes()).unwrap()))
        .collect();
    assert!(functions.len() >= 10, "every server function is listed: {functions:?}");
    for payload in payloads(known) {
        let p = encode(&payload);
        probes.push(get(format!("/?q={p}&sort={p}&page={p}&category={p}")));
        probes.push(get(format!("/products/{p}")));
        probes.push(get(format!("/orders/{p}?key={p}")));
        probes.push(get(format!("/lang/{p}?next={p}")));
        probes.push(get(format!("/qpay/callback/{p}?token={p}&qpay_payment_id={p}")));
        probes.push(get(format!("/cart?notice={p}")));
        for (path, method) in &functions {
            // Every field at once, then each field alone.
            let all: Vec<(String, String)> = fields.iter().map(|f| (f.to_string(), payload.clone())).collect();
            probes.push(Probe {
                method: method.clone(),
                path: path.to_string(),
                body: Body::Form(all),
            });
            for field in fields.iter().take(4) {
                probes.push(Probe {
                    method: method.clone(),
                    path: path.to_string(),
                    body: Body::Form(vec![(field.to_string(), payload.clone())]),
                });
            }
        }
    }
    for (path, method) in &functions {
        probes.push(Probe {
            method: method.clone(),
            path: path.to_string(),
            body: Body::Raw("application/json", br#"{"variant_id": -1, "quantity": 1e99}"#.to_vec()),
        });
        probes.push(Probe {
            method: method.clone(),
            path: path.to_string(),
            body: Body::Raw("application/x-www-form-urlencoded", vec![0xff, 0xfe, b'=', 0x80]),
        });
        probes.push(Probe {
            method: method.clone(),
            path: path.to_string(),
            body: Body::Raw("application/x-www-form-urlencoded", vec![b'a'; 200_000]),
        });
        probes.push(Probe {
            method: method.clone(),
            path: path.to_string(),
            body: Body::Raw("multipart/form-data; boundary=x", b"--x\r\nbroken".to_vec()),
        });
        let other = if *method == Method::GET {
            Method::POST
        } else {
            Method::GET
        };
        probes.push(Probe {
            method: other,
            path: path.to_string(),
            body: Body::None,
        });
    }
    for path in [
        "/%2e%2e/Cargo.toml",
        "/pkg/../../Cargo.toml",
        "/images/%00.svg",
        "/healthz?x=%00",
    ] {
        probes.push(get(path.into()));
    }
    probes
}

async fn a_thousand_hostile_requests_get_4xx_change_nothing_and_panic_nothing(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    // The shop's own follow-up of the order keeps away while the corpus runs (its first check with QPay and the
    // invoice's end an hour and more ahead), so whatever changes in the snapshot was a probe's doing.
    let shop = ShopProcess::start(
        &database.url,
        &[("INVOICE_LIFETIME", "2h"), ("RECONCILE_SCHEDULE", "1h")],
    )
    .await;
    let port: u16 = shop.address.rsplit(':').next().unwrap().parse().unwrap();
    let config = test_config(&database.url, port, &[]);
    let db = Db::connect(&config.database_url).await.unwrap();
    // A real order with its invoice, so probes also aim at an order that exists.
    let shopper = TestApp::attached(db.clone(), config, database);
    let order_page = place_over_http(&shopper).await;
    let order_no = order_page.trim_start_matches("/orders/").to_owned();
    assert_eq!(state(&shopper, &order_no).await.0, "awaiting");
    // The shopper's "placed" SMS goes out first, so its log line is not counted as a probe's doing.
    crate::helpers::eventually(std::time::Duration::from_secs(20), "the placed SMS is sent", || async {
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
            .fetch_one(db.pool())
            .await
            .unwrap();
        pending == 0
    })
    .await;
    let before = business_snapshot(&db).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .cookie_store(true)
        .build()
        .unwrap();

    let probes = corpus(std::slice::from_ref(&order_no));
    let started = Instant::now();
    let answers: Vec<(u16, String)> = futures::stream::iter(probes)
        .map(|probe| {
            let (client, address) = (client.clone(), shop.address.clone());
            async move {
                let described = format!("{} {}", probe.method, probe.path.chars().take(120).collect::<String>());
                let oversized = probe.body_len() > MAX_BODY;
                let request = || {
                    let mut request = client.request(probe.method.clone(), format!("{address}{}", probe.path));
                    request = match &probe.body {
                        Body::None => request,
                        Body::Form(fields) => request.form(fields),
                        Body::Raw(kind, bytes) => request.header("content-type", *kind).body(bytes.clone()),
                    };
                    if oversized {
                        // The server answers an oversized body at once (413) and closes the connection: keep
                        // that connection out of the pool, or the next probe could race its closing.
                        request = request.header("connection", "close");
                    }
                    request
                };
                // A connection the server closed while idle can fail a request before it is sent; a browser sends
                // it again, and so does this, once. A timeout is never repeated.
                let mut sent = request().send().await;
                if sent.as_ref().is_err_and(|e| !e.is_timeout() && !oversized) {
                    sent = request().send().await;
                }
                match sent {
                    Ok(reply) => (reply.status().as_u16(), described),
                    // The server refuses a body over its limit before reading it (413) and closes the connection,
                    // which the client may see as a cut-off write instead of the 413: refused either way.
                    Err(error) if oversized && !error.is_timeout() => (413, described),
                    Err(error) => (0, format!("{described}: {error:?}")),
                }
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let took = started.elapsed();

    let failures: Vec<&(u16, String)> = answers
        .iter()
        .filter(|(status, _)| *status >= 500 || *status == 0)
        .collect();
    let mut by_class = std::collections::BTreeMap::new();
    for (status, _) in &answers {
        *by_class.entry(format!("{}xx", status / 100)).or_insert(0) += 1;
    }
    let stderr = shop.output();
    let panics = stderr.matches("panicked").count();
    let after = business_snapshot(&db).await;
    let changed = changed_tables(&before, &after);
    println!(
        "{} hostile requests in {took:.2?}: {by_class:?}; {} answered 5xx or not at all, {panics} panics, \
         {} business tables read whole before and after, {} changed",
        answers.len(),
        failures.len(),
        before.len(),
        changed.len()
    );
    assert!(answers.len() >= 1000, "at least a thousand requests");
    assert!(failures.is_empty(), "5xx or no answer: {failures:#?}");
    assert_eq!(panics, 0, "{stderr}");
    assert!(
        changed.is_empty(),
        "no business row changed, but these tables did: {}",
        describe_changes(&changed, &before, &after)
    );
    assert_eq!(
        state(&shopper, &order_no).await,
        ("awaiting".to_owned(), 0),
        "the real order is untouched"
    );
}

/// The detector itself: read twice over a shop where nothing happens, the snapshot is the same; one value changed in
/// one row of one table, the row count the same, and it names that table alone; changed back, it is the same again.
async fn the_business_snapshot_sees_one_changed_value(engine: Engine) {
    let app = spawn_app(engine).await;
    let first = business_snapshot(&app.db).await;
    let again = business_snapshot(&app.db).await;
    assert!(
        changed_tables(&first, &again).is_empty(),
        "nothing happened: {}",
        describe_changes(&changed_tables(&first, &again), &first, &again)
    );
    assert!(first["variants"].rows > 0, "the demo catalog has variants");

    let stock = |change: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query(&format!(
                "UPDATE variants SET stock = stock {change} WHERE id = (SELECT MIN(id) FROM variants)"
            ))
            .execute(db.pool())
            .await
            .unwrap();
        }
    };
    stock("+ 1").await;
    let more = business_snapshot(&app.db).await;
    assert_eq!(changed_tables(&first, &more), ["variants"], "one stock one higher");
    assert_eq!(more["variants"].rows, first["variants"].rows, "no row added or removed");

    // A table the old row counts never looked at, and a text value.
    sqlx::query("UPDATE categories SET name_en = name_en || '.' WHERE id = (SELECT MIN(id) FROM categories)")
        .execute(app.db.pool())
        .await
        .unwrap();
    let renamed = business_snapshot(&app.db).await;
    assert_eq!(
        changed_tables(&more, &renamed),
        ["categories"],
        "one name one dot longer"
    );

    stock("- 1").await;
    let back = business_snapshot(&app.db).await;
    assert_eq!(
        changed_tables(&first, &back),
        ["categories"],
        "the stock as it was: the variants read as before"
    );
}
