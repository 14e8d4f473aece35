//! The shop as a separate process (the real binary), for what an in-process server cannot show: a SIGKILL, and a
//! panic printed on its standard error; and the QPay emulator on its own port, so it outlives the shop.

use crate::helpers::{TestApp, TestDatabase, test_config};
use delguur::{
    db::Db,
    payment::service::PaymentService,
    qpay_sandbox::{self, SandboxConfig, SharedSandbox},
};
use std::{
    path::PathBuf,
    process::{Child, Command},
    time::Duration,
};

const BIN: &str = env!("CARGO_BIN_EXE_delguur");

/// A free port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary serving on a port of its own, with its output kept in a file.
pub struct ShopProcess {
    pub address: String,
    vars: Vec<(String, String)>,
    child: Option<Child>,
    folder: tempfile::TempDir,
    starts: u32,
}

impl ShopProcess {
    /// Starts `delguur` on `database_url` with `vars` on top of a clean environment, and waits for `/healthz`.
    pub async fn start(database_url: &str, vars: &[(&str, &str)]) -> ShopProcess {
        let port = free_port();
        let address = format!("http://127.0.0.1:{port}");
        let mut all: Vec<(String, String)> = vec![
            ("DATABASE_URL".into(), database_url.into()),
            ("DELGUUR_ADDR".into(), format!("127.0.0.1:{port}")),
            ("PUBLIC_URL".into(), address.clone()),
            ("RUST_LOG".into(), "warn".into()),
        ];
        all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let mut shop = ShopProcess {
            address,
            vars: all,
            child: None,
            folder: tempfile::tempdir().unwrap(),
            starts: 0,
        };
        shop.restart().await;
        shop
    }

    /// Starts the process again (after [`ShopProcess::kill`]) on the same port and database.
    pub async fn restart(&mut self) {
        self.starts += 1;
        let log = std::fs::File::create(self.log_path(self.starts)).unwrap();
        let child = Command::new(BIN)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(self.folder.path())
            // The log goes to standard output; panics to standard error. Both are kept.
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start delguur");
        self.child = Some(child);
        let client = reqwest::Client::new();
        // A first start on a new database draws the demo catalog's pictures (db/seed/drawings.rs): seconds of work
        // in a debug build, slower still beside the other tests.
        for _ in 0..600 {
            let healthy = client.get(format!("{}/healthz", self.address)).send().await;
            if healthy.is_ok_and(|reply| reply.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("delguur did not answer /healthz within 30 s:\n{}", self.output());
    }

    /// The peak resident memory of the running process so far, in KiB (Linux `VmHWM`).
    pub fn peak_memory_kib(&self) -> u64 {
        let pid = self.child.as_ref().expect("running").id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    pub fn port(&self) -> u16 {
        self.address.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// The process's database and configuration (`vars` as it was started with) for the test helpers, and a payment
    /// service like its own, whose invoices call this process back.
    pub async fn attach(&self, database: TestDatabase, vars: &[(&str, &str)]) -> (TestApp, PaymentService) {
        let config = test_config(&database.url, self.port(), vars);
        let db = Db::connect(&config.database_url).await.unwrap();
        let app = TestApp::attached(db, config, database);
        let service = app.services.payments.clone();
        (app, service)
    }

    /// SIGKILL: no shutdown, no flushing, requests in flight cut off.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    fn log_path(&self, start: u32) -> PathBuf {
        self.folder.path().join(format!("stderr-{start}.log"))
    }

    /// Everything every run of the process wrote (its log and standard error).
    pub fn output(&self) -> String {
        (1..=self.starts)
            .map(|start| std::fs::read_to_string(self.log_path(start)).unwrap_or_default())
            .collect()
    }
}

impl Drop for ShopProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The QPay emulator on a port of its own, in the test process; returns its base URL (`http://127.0.0.1:N`).
pub async fn standalone_emulator() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = test_merchant_sandbox(&base);
    tokio::spawn(async move { axum::serve(listener, qpay_sandbox::router(sandbox)).await });
    base
}

/// An emulator for QPay's published test merchant, whose links start with `base`.
pub fn test_merchant_sandbox(base: &str) -> SharedSandbox {
    SharedSandbox::new(SandboxConfig {
        public_base: base.to_owned(),
        client_id: "TEST_MERCHANT".into(),
        client_secret: "123456".into(),
        invoice_code: "TEST_INVOICE".into(),
    })
}
