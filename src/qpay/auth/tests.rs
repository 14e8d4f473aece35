//! Unit tests of the token cache: expiry arithmetic, and renewal against a fake token endpoint.

use super::*;
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

const NOW: i64 = 1_769_670_125;
const LEEWAY: Duration = Duration::from_secs(60);

fn token(expires_in: i64) -> CachedToken {
    let body = format!(
        r#"{{"token_type":"bearer","refresh_expires_in":{expires_in},"refresh_token":"r","access_token":"a",
            "expires_in":{expires_in},"scope":"get_token","not-before-policy":"0","session_state":"sandbox"}}"#
    );
    CachedToken::from_response(serde_json::from_str(&body).unwrap(), NOW, 1)
}

#[test]
fn expires_in_is_an_epoch_second_not_a_lifetime() {
    // The sandbox capture: issued at NOW, expires_in exactly 24 h later (SPEC.md §2.1).
    let token = token(1_769_756_525);
    assert_eq!(token.expires_at, 1_769_756_525);
    assert!(token.is_fresh(NOW, LEEWAY));
    assert!(token.is_fresh(1_769_756_525 - 61, LEEWAY));
    assert!(
        !token.is_fresh(1_769_756_525 - 60, LEEWAY),
        "renewed a leeway before expiry"
    );
    assert!(!token.is_fresh(1_769_756_525 + 1, LEEWAY));
}

#[test]
fn a_small_expires_in_from_a_mock_is_read_as_a_lifetime() {
    let token = token(3600);
    assert_eq!(token.expires_at, NOW + 3600);
    assert!(token.is_fresh(NOW, LEEWAY));
    assert!(!token.is_fresh(NOW + 3600 - 30, LEEWAY));
}

#[test]
fn the_refresh_token_is_offered_until_just_before_it_expires() {
    let token = token(NOW + 86_400);
    let stale = NOW + 86_400 - 30;
    assert!(!token.is_fresh(stale, LEEWAY));
    assert!(
        token.refresh_token(stale).is_some(),
        "refreshing is the point of the leeway"
    );
    assert!(token.refresh_token(NOW + 86_400).is_none());
}

#[test]
fn a_rejected_token_is_not_fresh_whatever_its_expiry() {
    let mut token = token(NOW + 86_400);
    token.rejected = true;
    assert!(!token.is_fresh(NOW, LEEWAY));
    assert!(token.refresh_token(NOW).is_some());
}

#[test]
fn debug_output_never_shows_a_token() {
    let cached = token(NOW + 86_400);
    let access = AccessToken {
        secret: SecretString::from("eyJhbGciOiJIUzI1NiJ9.secret-part"),
        ..cached.access_token()
    };
    let shown = format!("{access:?}");
    assert!(!shown.contains("secret-part"), "{shown}");
    let response: TokenResponse = serde_json::from_str(
        r#"{"access_token":"access-secret","refresh_token":"refresh-secret","expires_in":1769756525}"#,
    )
    .unwrap();
    let shown = format!("{response:?}");
    assert!(
        !shown.contains("access-secret") && !shown.contains("refresh-secret"),
        "{shown}"
    );
}

#[test]
fn refused_credentials_are_an_auth_error_and_busy_servers_are_not() {
    let refused = token_from_response(401, r#"{"error":"AUTHENTICATION_FAILED","message":"x"}"#).unwrap_err();
    assert!(matches!(&refused, QpayError::Auth { status: 401, code, .. } if code == "AUTHENTICATION_FAILED"));
    let busy = token_from_response(500, r#"{"error":"SYSTEM_BUSY","message":"SYSTEM_BUSY"}"#).unwrap_err();
    assert!(matches!(busy, QpayError::Api { status: 500, .. }));
    assert!(busy.is_retryable());
}

#[test]
fn an_unreadable_token_response_does_not_keep_its_body() {
    let error = token_from_response(200, r#"{"access_token":"leaked-secret"}"#).unwrap_err();
    let QpayError::Decode { body, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(!body.contains("leaked-secret"));
}

/// Counts token requests per kind; `refresh_works` decides whether the refresh endpoint succeeds.
fn counting(refresh_works: bool) -> (Authenticator, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let refreshes = Arc::new(AtomicUsize::new(0));
    let sign_ins = Arc::new(AtomicUsize::new(0));
    let (r, s) = (refreshes.clone(), sign_ins.clone());
    let auth = Authenticator::fake(LEEWAY, move |kind| match kind {
        GrantKind::Refresh => {
            let n = r.fetch_add(1, Ordering::SeqCst);
            if refresh_works {
                Ok(fake_token_response(100 + n))
            } else {
                Err(QpayError::Auth {
                    status: 401,
                    code: "NO_CREDENTIALS".into(),
                    message: String::new(),
                })
            }
        }
        GrantKind::Credentials => Ok(fake_token_response(s.fetch_add(1, Ordering::SeqCst))),
    });
    (auth, refreshes, sign_ins)
}

#[tokio::test]
async fn concurrent_callers_share_one_token_request() {
    let (auth, refreshes, sign_ins) = counting(true);
    let tokens = futures::future::join_all((0..16).map(|_| auth.access_token())).await;
    assert_eq!(sign_ins.load(Ordering::SeqCst), 1);
    assert_eq!(refreshes.load(Ordering::SeqCst), 0);
    for token in tokens {
        assert_eq!(token.unwrap().expose_secret(), "access-0");
    }
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_even_when_many_saw_the_401() {
    let (auth, refreshes, sign_ins) = counting(true);
    let stale = auth.access_token().await.unwrap();
    // Every caller that used the stale token invalidates it; only the first one counts.
    let renewed = futures::future::join_all((0..8).map(|_| async {
        auth.invalidate(&stale).await;
        auth.access_token().await.unwrap()
    }))
    .await;
    assert_eq!(
        (sign_ins.load(Ordering::SeqCst), refreshes.load(Ordering::SeqCst)),
        (1, 1)
    );
    assert!(renewed.iter().all(|token| token.expose_secret() == "access-100"));
}

#[tokio::test]
async fn a_failed_refresh_falls_back_to_the_credentials() {
    let (auth, refreshes, sign_ins) = counting(false);
    let stale = auth.access_token().await.unwrap();
    auth.invalidate(&stale).await;
    let renewed = auth.access_token().await.unwrap();
    assert_eq!(renewed.expose_secret(), "access-1");
    assert_eq!(
        (sign_ins.load(Ordering::SeqCst), refreshes.load(Ordering::SeqCst)),
        (2, 1)
    );
}
