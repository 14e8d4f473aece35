//! E-mail over SMTP to a real SMTP server the test starts: aiosmtpd from PyPI (`make test` installs it into
//! `target/smtp-venv`), with a certificate made for the test, over STARTTLS and over implicit TLS. Without aiosmtpd the
//! tests say so and pass, except in CI, where they fail.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::{
    helpers::{Engine, TestApp, eventually, spawn_quick},
    orders::{callback, payments, token_and_invoice},
    shop::pickup_customer,
};

crate::on_both_engines!(
    a_shoppers_email_goes_through_starttls_to_a_real_server,
    the_owners_email_goes_through_implicit_tls,
);

/// An aiosmtpd server on a port of its own, keeping what it takes in a maildir; stopped when dropped.
struct SmtpServer {
    child: Child,
    dir: PathBuf,
    /// The shop's configuration to send through it: its port and TLS, trusting its certificate.
    settings: Vec<(&'static str, String)>,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The Python with aiosmtpd: `SMTP_TEST_PYTHON` (set by `make test`), else `python3` if it has it.
fn python() -> Option<String> {
    let candidates = std::env::var("SMTP_TEST_PYTHON")
        .into_iter()
        .chain(["python3".to_owned()]);
    for python in candidates {
        let has = Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status();
        if has.is_ok_and(|status| status.success()) {
            return Some(python);
        }
    }
    None
}

impl SmtpServer {
    /// `implicit`: TLS from the first byte (SMTPS); else STARTTLS, which the server requires before any mail.
    fn start(implicit: bool) -> Option<SmtpServer> {
        let Some(python) = python() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "aiosmtpd is missing in CI: `make test` installs it into target/smtp-venv"
            );
            eprintln!("skipped: no Python with aiosmtpd (make test installs it)");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("delguur-smtp-{}", delguur::random::token(12)));
        for part in ["tmp", "new", "cur"] {
            std::fs::create_dir_all(dir.join("mail").join(part)).unwrap();
        }
        let made = Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
            ])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .arg("-keyout")
            .arg(dir.join("key.pem"))
            .arg("-out")
            .arg(dir.join("cert.pem"))
            .stderr(Stdio::null())
            .status()
            .expect("openssl");
        assert!(made.success(), "a certificate for the test server");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let (cert_flag, key_flag) = if implicit {
            ("--smtpscert", "--smtpskey")
        } else {
            ("--tlscert", "--tlskey")
        };
        let child = Command::new(python)
            .args(["-u", "-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .arg(cert_flag)
            .arg(dir.join("cert.pem"))
            .arg(key_flag)
            .arg(dir.join("key.pem"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let tls = if implicit { "tls" } else { "starttls" };
        let settings: Vec<(&'static str, String)> = vec![
            ("EMAIL_MODE", "smtp".into()),
            ("SMTP_HOST", "localhost".into()),
            ("SMTP_PORT", port.to_string()),
            ("SMTP_TLS", tls.into()),
            ("SMTP_CA_FILE", dir.join("cert.pem").display().to_string()),
            ("EMAIL_FROM", "Delguur <shop@delguur.test>".into()),
        ];
        let server = SmtpServer { child, dir, settings };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("aiosmtpd did not listen on {port}");
    }

    /// Its settings, as a test server's configuration.
    fn config(&self) -> Vec<(&str, &str)> {
        self.settings.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    /// (to, subject, body) of each message the server took, decoded by Python's own e-mail parser.
    fn received(&self) -> Vec<(String, String, String)> {
        let new = self.dir.join("mail").join("new");
        let Ok(files) = std::fs::read_dir(&new) else {
            return Vec::new();
        };
        files.filter_map(Result::ok).map(|file| decode(&file.path())).collect()
    }
}

fn decode(path: &Path) -> (String, String, String) {
    let script = "import email, email.header, email.policy, sys\n\
                  m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)\n\
                  print(m['To']); print(m['Subject']); print(m.get_content(), end='')";
    let out = Command::new(python().unwrap())
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.splitn(3, '\n');
    let mut next = || lines.next().unwrap_or_default().to_owned();
    (next(), next(), next())
}

async fn a_shoppers_email_goes_through_starttls_to_a_real_server(engine: Engine) {
    let Some(server) = SmtpServer::start(false) else { return };
    let app = spawn_quick(engine, &server.config()).await;
    let order_no = place_with_email(&app, "k1").await;
    eventually(Duration::from_secs(20), "the placed e-mail", || async {
        server.received().len() == 1
    })
    .await;
    let (to, subject, body) = server.received().remove(0);
    assert_eq!(to, "bold@example.mn");
    // The demo shop's short name opens the subject and the text; its contacts close the e-mail.
    assert_eq!(subject, format!("Жишээ: Захиалга {order_no}"));
    assert!(
        body.starts_with(&format!(
            "Жишээ: Захиалга {order_no}: 25,000₮. Төлөх: {}/o/{order_no}/",
            app.address
        )),
        "{body}"
    );
    let body = body.replace("\r\n", "\n");
    assert!(
        body.contains("-- \nЖишээ дэлгүүр\n7711-2233\nhello@demo.delguur.mn\n"),
        "{body}"
    );
    let sent = crate::notices::events(&app, &order_no, "notice_sent").await;
    assert!(
        sent.iter().any(|line| line == "placed email to bold@example.mn"),
        "{sent:?}"
    );
}

async fn the_owners_email_goes_through_implicit_tls(engine: Engine) {
    let Some(server) = SmtpServer::start(true) else { return };
    let app = spawn_quick(engine, &server.config()).await;
    let settings = delguur::domain::notice_settings::NoticeSettings {
        owner_email: Some("owner@delguur.test".into()),
        ..Default::default()
    };
    delguur::db::notice_settings::save(&app.db, &settings).await.unwrap();
    let order_no = place_with_email(&app, "k1").await;
    payments(&app).ensure_invoice(&order_no).await.unwrap();
    let (token, invoice_id) = token_and_invoice(&app, &order_no).await;
    let payment_id = crate::orders::pay_quietly(&app, &invoice_id).await;
    callback(&app, &order_no, &token, &payment_id).await;
    eventually(Duration::from_secs(20), "three e-mails", || async {
        server.received().len() == 3
    })
    .await;
    let mut received = server.received();
    received.sort();
    let owner = received
        .iter()
        .find(|(to, ..)| to == "owner@delguur.test")
        .expect("the owner's e-mail");
    assert!(
        owner
            .2
            .starts_with(&format!("Шинэ захиалга {order_no}: 25,000₮ төлөгдлөө. Болд, 99112233")),
        "{}",
        owner.2
    );
    let paid = received
        .iter()
        .filter(|(to, _, body)| to == "bold@example.mn" && body.contains("төлөгдлөө"))
        .count();
    assert_eq!(paid, 1, "{received:?}");
}

async fn place_with_email(app: &TestApp, key: &str) -> String {
    let variant = app.variant_id("aaruul-1").await;
    let customer = delguur::checkout::CustomerDetails {
        email: Some("bold@example.mn".into()),
        ..pickup_customer()
    };
    let placed = app
        .place_order(key, None, &customer, &[crate::shop::line(variant, 2)])
        .await
        .unwrap();
    placed.order_no.to_string()
}
