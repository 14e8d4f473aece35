//! Start-up as an operator sees it: the real binary, its exit codes and messages.

use crate::helpers::{Engine, TestDatabase, spawn_app_on};
use std::{
    process::{Command, Output, Stdio},
    time::Duration,
};

const BIN: &str = env!("CARGO_BIN_EXE_delguur");

/// Runs the binary with a clean environment plus `vars`, from a temporary folder so no `.env` is read.
fn run(vars: &[(&str, &str)], args: &[&str]) -> Output {
    let folder = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(vars.iter().copied())
        .current_dir(folder.path())
        .output()
        .expect("run delguur")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_describes_the_shop_and_its_configuration() {
    let output = run(&[], &["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Usage: delguur"), "{help}");
    assert!(help.contains("QPay"), "{help}");
    assert!(help.contains(".env.example"), "{help}");
}

#[test]
fn a_malformed_database_url_stops_start_up_with_a_clear_message() {
    let output = run(&[("DATABASE_URL", "mysql://localhost/shop")], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("DATABASE_URL: must start with sqlite: or postgres://"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreachable_database_stops_start_up_with_a_clear_message() {
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    let output = run(&[("DATABASE_URL", "postgres://shop:hunter2@127.0.0.1:9/shop")], &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("cannot open the database at postgres://shop:***@127.0.0.1:9/shop"),
        "{message}"
    );
    assert!(
        !message.contains("hunter2"),
        "the password must never be printed: {message}"
    );
}

#[test]
fn live_qpay_without_credentials_stops_start_up_naming_each_variable() {
    let output = run(&[("QPAY_MODE", "live")], &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    for name in ["QPAY_CLIENT_ID", "QPAY_CLIENT_SECRET", "QPAY_INVOICE_CODE"] {
        assert!(
            message.contains(&format!("{name}: required when QPAY_MODE=live")),
            "{message}"
        );
    }
}

#[test]
fn the_binary_creates_its_sqlite_database_serves_and_stops_cleanly_on_sigterm() {
    let folder = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    // What the server prints, shown if it fails to start.
    let output = std::fs::File::create(folder.path().join("output.log")).unwrap();
    let mut child = Command::new(BIN)
        .env_clear()
        .env("DELGUUR_ADDR", &addr)
        .env("DATABASE_URL", "sqlite://data/delguur.db")
        .current_dir(folder.path())
        .stdout(output.try_clone().unwrap())
        .stderr(output)
        .spawn()
        .unwrap();
    let log = || std::fs::read_to_string(folder.path().join("output.log")).unwrap_or_default();

    // Up to a minute: a new database is migrated and the demo catalog seeded (its pictures made) by a debug
    // build, and under the whole suite's load on two cores that took over the 10 s this once allowed. The test
    // is about starting, serving and stopping, not about how fast.
    let healthy = (0..600).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server stopped before serving ({status}): {}", log());
        }
        let reply = std::net::TcpStream::connect(&addr).ok().and_then(|mut stream| {
            use std::io::{Read, Write};
            write!(
                stream,
                "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .ok()?;
            let mut reply = String::new();
            stream.read_to_string(&mut reply).ok()?;
            Some(reply)
        });
        reply.is_some_and(|reply| reply.starts_with("HTTP/1.1 200"))
    });
    if !healthy {
        let _ = child.kill();
        panic!("the server never answered /healthz with 200 within 60 s: {}", log());
    }
    assert!(
        folder.path().join("data/delguur.db").is_file(),
        "the default SQLite file is created"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = (0..100).find_map(|_| {
        std::thread::sleep(Duration::from_millis(100));
        child.try_wait().unwrap()
    });
    let Some(status) = status else {
        let _ = child.kill();
        panic!("the server did not stop within 10 s of SIGTERM");
    };
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

crate::on_both_engines!(restarting_on_the_same_database_keeps_one_demo_catalog);

async fn restarting_on_the_same_database_keeps_one_demo_catalog(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let url = database.url.clone();
    let first = spawn_app_on(database, &[]).await;
    let count = || async {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
            .fetch_one(first.db.pool())
            .await
            .unwrap();
        n
    };
    assert_eq!(count().await, 24);

    // A second start on the same database (as after a restart) migrates nothing new and seeds nothing.
    let config = crate::helpers::test_config(&url, 0, &[]);
    delguur::server::Server::build(&config).await.expect("second start");
    assert_eq!(count().await, 24);
}

#[test]
fn the_emulator_runs_on_its_own_for_any_qpay_client() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(BIN)
        .args(["qpay-sandbox", "--addr", &addr])
        .env_clear()
        .current_dir(tempfile::tempdir().unwrap().path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    // POST /v2/auth/token with Basic TEST_MERCHANT:123456, over a plain socket.
    let reply = (0..100).find_map(|_| {
        std::thread::sleep(Duration::from_millis(100));
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&addr).ok()?;
        write!(
            stream,
            "POST /v2/auth/token HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Basic VEVTVF9NRVJDSEFOVDoxMjM0NTY=\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut reply = String::new();
        stream.read_to_string(&mut reply).ok()?;
        Some(reply)
    });
    let _ = child.kill();
    let _ = child.wait();
    let reply = reply.expect("the emulator answered");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"token_type\":\"bearer\""), "{reply}");
}

/// `delguur check-config` against the emulator on its own port: right credentials pass, wrong ones fail, and no
/// secret is printed either way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_config_shows_the_settings_and_tries_the_qpay_credentials() {
    let emulator = crate::process::standalone_emulator().await;
    let base = format!("{emulator}/v2");
    let folder = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/shop.db", folder.path().display());
    let vars = |secret: &'static str| {
        vec![
            ("DATABASE_URL", database.clone()),
            ("QPAY_MODE", "sandbox".to_owned()),
            ("QPAY_BASE_URL", base.clone()),
            ("QPAY_CLIENT_SECRET", secret.to_owned()),
            ("ADMIN_EMAIL", "owner@shop.mn".to_owned()),
            ("ADMIN_PASSWORD", "owner-password-1".to_owned()),
            (
                "LEPTOS_SITE_ROOT",
                concat!(env!("CARGO_MANIFEST_DIR"), "/target/site").to_owned(),
            ),
        ]
    };
    let check = |vars: Vec<(&'static str, String)>| async move {
        tokio::task::spawn_blocking(move || {
            let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            run(&vars, &["check-config"])
        })
        .await
        .unwrap()
    };

    let good = check(vars("123456")).await;
    let text = String::from_utf8_lossy(&good.stdout).into_owned();
    println!("{text}");
    assert!(good.status.success(), "{text}{}", stderr(&good));
    // Names and values in two columns, as wide as the longest name.
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(lines.iter().any(|l| l == "QPAY_MODE sandbox"), "{text}");
    assert!(lines.iter().any(|l| l == "QPAY_CLIENT_SECRET (set, hidden)"));
    assert!(
        lines.iter().any(|l| l == "MAX_HELD_UNITS_PER_PHONE 50"),
        "the caps on held stock: {text}"
    );
    assert!(
        text.contains("database: no file at"),
        "a new shop's database is not created by the check: {text}"
    );
    assert!(text.contains("has the built pages' files"), "{text}");
    assert!(text.contains("accepted the credentials"));
    assert!(
        !text.contains("123456") && !text.contains("owner-password-1"),
        "no secret printed"
    );

    let bad = check(vars("wrong-secret-9")).await;
    let text = String::from_utf8_lossy(&bad.stdout).into_owned();
    assert_eq!(bad.status.code(), Some(1), "{text}");
    assert!(text.contains("QPay: FAILED"), "{text}");
    assert!(text.contains("AUTHENTICATION_FAILED"), "{text}");
    assert!(!text.contains("wrong-secret-9"));
}
