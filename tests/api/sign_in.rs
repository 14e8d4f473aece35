//! The sign-in lockout: every attempt counted before its password is checked, so guesses sent at once get no more than
//! five checks; and locked per pair of the address a guess comes from and the e-mail it tries, so a stranger who knows
//! the owner's e-mail address cannot keep the owner out.

use delguur::{admin::service::SignIn, i18n::Lang};
use std::net::IpAddr;

use crate::{
    admin::{OWNER, PASSWORD, spawn_with_owner},
    helpers::{Engine, TestApp, server_fn_path},
};

crate::on_both_engines!(
    guesses_sent_at_once_get_no_more_than_five_password_checks,
    a_stranger_hammering_the_owners_address_locks_out_only_their_own_guesses,
);

/// The lockout counts in fixed 15-minute windows: a test that ran across a window's end would start counting again.
async fn not_near_a_windows_end() {
    const WINDOW_MS: i64 = 15 * 60_000;
    let left = WINDOW_MS - delguur::db::now_ms().rem_euclid(WINDOW_MS);
    if left < 30_000 {
        tokio::time::sleep(std::time::Duration::from_millis(left as u64 + 100)).await;
    }
}

const STRANGER: &str = "203.0.113.7";
const OWNER_AT_HOME: &str = "198.51.100.20";

async fn guesses_sent_at_once_get_no_more_than_five_password_checks(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    not_near_a_windows_end().await;
    let stranger: IpAddr = STRANGER.parse().unwrap();
    let guesses = (0..12).map(|i| {
        let admin = app.services.admin.clone();
        async move {
            match admin
                .sign_in(Some(stranger), OWNER, &format!("guess-{i}-guess"), Lang::En)
                .await
            {
                Ok(SignIn::Refused(notice)) => notice,
                other => panic!("a wrong password got in: {other:?}"),
            }
        }
    });
    let notices = futures::future::join_all(guesses).await;
    let checked = notices.iter().filter(|n| n.starts_with("Wrong e-mail")).count();
    let locked = notices.iter().filter(|n| n.starts_with("Too many failed")).count();
    assert_eq!(
        (checked, locked),
        (5, 7),
        "five passwords checked, the rest refused unchecked: {notices:?}"
    );
    println!("12 guesses at once: {checked} passwords checked, {locked} refused as locked out");
}

/// Posts the sign-in form from `address` (the shop is behind a proxy on this machine, which adds the address to
/// `X-Forwarded-For`); returns where it leads and the notice the sign-in page then shows.
async fn sign_in_from(app: &TestApp, address: &str, password: &str) -> (String, Option<String>) {
    // A browser of its own for each attempt: its own session, so the notice read back is this attempt's.
    let browser = crate::helpers::shopper_client();
    // The notice is written in the language the shop speaks to this browser when it signs in.
    browser
        .get(app.url("/lang/en"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap();
    let reply = browser
        .post(app.url(&server_fn_path("admin_sign_in")))
        .header("accept", "text/html")
        .header("x-forwarded-for", address)
        .form(&[("email", OWNER), ("password", password)])
        .send()
        .await
        .unwrap();
    let location = reply.headers()["location"].to_str().unwrap().to_owned();
    let html = browser
        .get(app.url("/admin/login"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let notice = ["Wrong e-mail address or password.", "Too many failed attempts"]
        .into_iter()
        .find(|text| html.contains(text))
        .map(str::to_owned);
    (location, notice)
}

async fn a_stranger_hammering_the_owners_address_locks_out_only_their_own_guesses(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    not_near_a_windows_end().await;
    for _ in 0..6 {
        assert_eq!(
            sign_in_from(&app, STRANGER, "guess-guess-guess").await.0,
            "/admin/login"
        );
    }
    let (location, notice) = sign_in_from(&app, STRANGER, PASSWORD).await;
    assert_eq!(
        location, "/admin/login",
        "the stranger's address is locked out, even with the right password"
    );
    assert_eq!(notice.as_deref(), Some("Too many failed attempts"));

    let started = std::time::Instant::now();
    let (location, _) = sign_in_from(&app, OWNER_AT_HOME, PASSWORD).await;
    assert_eq!(location, "/admin", "the owner, from another address, gets in");
    // The stranger's five checked failures at this e-mail slow every attempt at it (250 ms each, at most 2 s), but
    // refuse none.
    let slowed = started.elapsed();
    assert!(slowed >= std::time::Duration::from_millis(5 * 250), "{slowed:?}");

    // The owner's good sign-in forgets only the owner's own failures: the stranger stays locked out.
    let (location, notice) = sign_in_from(&app, STRANGER, PASSWORD).await;
    assert_eq!(
        (location.as_str(), notice.as_deref()),
        ("/admin/login", Some("Too many failed attempts"))
    );
    println!("owner in from {OWNER_AT_HOME} in {slowed:.2?} while {STRANGER} stays locked out");
}
