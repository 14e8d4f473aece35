//! A generated corpus of hostile requests against every public route and server function of the real binary:
//! malformed, oversized, wrongly typed, negative and huge numbers, unicode oddities, SQL and HTML injection. Every
//! answer must be below 500, the process must never panic, and no business row may change.

use futures::StreamExt;
use std::time::Instant;

use crate::{
    helpers::{Engine, TestApp, TestDatabase, test_config},
    orders::{place_over_http, state},
    process::ShopProcess,
};
use delguur::db::Db;

crate::on_both_engines!(a_thousand_hostile_requests_get_4xx_change_nothing_and_panic_nothing);

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

/// The business rows a request could change; sessions and rate-limit counters are not business rows.
async fn snapshot(db: &Db) -> Vec<i64> {
    let mut figures = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM orders",
        "SELECT COUNT(*) FROM order_items",
        "SELECT COUNT(*) FROM qpay_invoices",
        "SELECT COUNT(*) FROM payments",
        "SELECT COUNT(*) FROM payment_events",
        "SELECT COUNT(*) FROM outbox",
        "SELECT COUNT(*) FROM products",
        "SELECT COUNT(*) FROM variants",
        "SELECT CAST(COALESCE(SUM(stock), 0) AS BIGINT) FROM variants",
        "SELECT CAST(COALESCE(SUM(price_mnt), 0) AS BIGINT) FROM variants",
    ] {
        figures.push(sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap());
    }
    figures
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
    let shop = ShopProcess::start(&database.url, &[]).await;
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
    let before = snapshot(&db).await;
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
    let after = snapshot(&db).await;
    println!(
        "{} hostile requests in {took:.2?}: {by_class:?}; {} answered 5xx or not at all, {panics} panics, \
         business rows before {before:?} after {after:?}",
        answers.len(),
        failures.len()
    );
    assert!(answers.len() >= 1000, "at least a thousand requests");
    assert!(failures.is_empty(), "5xx or no answer: {failures:#?}");
    assert_eq!(panics, 0, "{stderr}");
    assert_eq!(before, after, "no business row changed");
    assert_eq!(
        state(&shopper, &order_no).await,
        ("awaiting".to_owned(), 0),
        "the real order is untouched"
    );
}
