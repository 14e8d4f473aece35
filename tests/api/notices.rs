//! Messages to the shopper and the owner: each step of an order sends one SMS per recipient through the outbox, however
//! often QPay calls back; a refund never sends "paid" again; a gateway down for a while delivers later, once; a number
//! refused for good is recorded and not tried again; `SMS_MODE=http` speaks to a real HTTP gateway.

use std::time::Duration;

use serde_json::{Value, json};

use crate::{
    admin::{OWNER, OWNER_PHONE, PASSWORD, act, quick_with_owner, sign_in},
    helpers::{Engine, TestApp, eventually, spawn_quick},
    orders::{callback, payments, place, token_and_invoice},
};

crate::on_both_engines!(
    each_step_of_an_order_tells_the_shopper_and_the_owner_once,
    a_gateway_down_for_a_while_delivers_later_and_once,
    a_number_refused_for_good_is_recorded_and_not_tried_again,
    http_mode_sends_through_a_real_http_gateway,
);

/// (to, kind, text) of the captured messages about `order_no`, oldest first.
pub async fn sent(app: &TestApp, order_no: &str) -> Vec<(String, String, String)> {
    let reply = app.get("/sms-sandbox/_control/messages").await;
    assert_eq!(reply.status(), 200);
    let messages: Vec<Value> = reply.json().await.unwrap();
    let mut about: Vec<(String, String, String)> = messages
        .iter()
        .filter(|m| m["order_no"] == order_no)
        .map(|m| {
            let field = |name: &str| m[name].as_str().unwrap_or_default().to_owned();
            (field("to"), field("kind"), field("text"))
        })
        .collect();
    about.reverse();
    about
}

/// The details of the order's timeline entries of `kind`, oldest first.
pub async fn events(app: &TestApp, order_no: &str, kind: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT e.detail FROM payment_events e JOIN orders o ON o.id = e.order_id \
         WHERE o.order_no = $1 AND e.kind = $2 ORDER BY e.id",
    )
    .bind(order_no)
    .bind(kind)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

fn kinds(messages: &[(String, String, String)]) -> Vec<&str> {
    messages.iter().map(|(_, kind, _)| kind.as_str()).collect()
}

async fn faults(app: &TestApp, faults: Value) {
    let reply = app
        .client
        .post(app.url("/sms-sandbox/_control/faults"))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
}

async fn each_step_of_an_order_tells_the_shopper_and_the_owner_once(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    let order_no = place(&app, "k1").await;
    payments(&app).ensure_invoice(&order_no).await.unwrap();
    eventually(Duration::from_secs(10), "the placed SMS", || async {
        sent(&app, &order_no).await.len() == 1
    })
    .await;
    let placed = sent(&app, &order_no).await.remove(0);
    assert_eq!((placed.0.as_str(), placed.1.as_str()), ("99112233", "placed"));
    assert!(
        placed.2.starts_with(&format!(
            "Жишээ: Захиалга {order_no}: 25,000₮. Төлөх: {}/o/{order_no}/",
            app.address
        )),
        "{}",
        placed.2
    );
    // The short link opens the order's page with its key.
    let link = placed
        .2
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_start_matches(&app.address)
        .to_owned();
    let reply = app.get(&link).await;
    assert_eq!(reply.status().as_u16() / 100, 3);
    let page = reply.headers()["location"].to_str().unwrap().to_owned();
    assert!(page.starts_with(&format!("/orders/{order_no}?key=")), "{page}");
    assert_eq!(app.get(&page).await.status(), 200);

    // Paid, with 200 duplicate callbacks at once: one "paid" to the shopper, one "new paid order" to the owner.
    let (token, invoice_id) = token_and_invoice(&app, &order_no).await;
    let payment_id = crate::orders::pay_quietly(&app, &invoice_id).await;
    let calls: Vec<_> = (0..200)
        .map(|_| callback(&app, &order_no, &token, &payment_id))
        .collect();
    futures::future::join_all(calls).await;
    eventually(Duration::from_secs(10), "the paid SMS", || async {
        sent(&app, &order_no).await.len() == 3
    })
    .await;
    let messages = sent(&app, &order_no).await;
    assert_eq!(kinds(&messages)[1..].iter().filter(|k| **k == "paid").count(), 1);
    let owner = messages
        .iter()
        .find(|(_, kind, _)| kind == "new-paid-order")
        .expect("the owner is told");
    assert_eq!(owner.0, OWNER_PHONE);
    assert!(owner.2.contains("Болд, 99112233"), "{}", owner.2);
    let (_, page) = app.get_html("/sms-sandbox/").await;
    assert!(
        page.contains("data-kind=\"paid\"") && page.contains("Баярлалаа!"),
        "the capture's page: {page}"
    );

    // Packed (a pickup order: ready to collect), then refunded in full: "refunded", and never "paid" again.
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    act(&app, &order_no, "packed").await;
    eventually(Duration::from_secs(10), "ready to collect", || async {
        sent(&app, &order_no).await.len() == 4
    })
    .await;
    let ready = sent(&app, &order_no).await.remove(3);
    assert_eq!(ready.1, "ready-for-pickup");
    assert!(ready.2.contains("Бага тойруу 12"), "the pickup point: {}", ready.2);
    let refund = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "25000"),
        ("note", "буцаав"),
    ];
    app.post_form(&crate::helpers::server_fn_path("admin_refund"), &refund)
        .await;
    eventually(Duration::from_secs(10), "the refund SMS", || async {
        sent(&app, &order_no).await.len() == 5
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let messages = sent(&app, &order_no).await;
    assert_eq!(
        kinds(&messages),
        ["placed", "paid", "new-paid-order", "ready-for-pickup", "refunded"],
        "each event once, in the order it happened"
    );
    assert!(messages[4].2.contains("25,000₮ буцаан олгогдлоо"), "{}", messages[4].2);

    // The owner's page lists each message with what became of it, and sends one again on request.
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    for kind in ["placed", "paid", "new-paid-order", "ready-for-pickup", "refunded"] {
        let row = format!("data-kind=\"notice:{kind}:sms\" data-state=\"sent\"");
        assert!(page.contains(&row), "{row} in {page}");
    }
    let resend = crate::helpers::server_fn_path("admin_resend_message");
    let reply = app
        .post_form(&resend, &[("order_no", order_no.as_str()), ("kind", "notice:paid:sms")])
        .await;
    assert_eq!(
        reply.headers()["location"],
        format!("/admin/orders/{order_no}").as_str()
    );
    eventually(Duration::from_secs(10), "sent again", || async {
        sent(&app, &order_no).await.len() == 6
    })
    .await;
    assert_eq!(sent(&app, &order_no).await[5].1, "paid");
    // Only a message the order has: another kind is refused and sends nothing.
    app.post_form(
        &resend,
        &[("order_no", order_no.as_str()), ("kind", "notice:shipped:sms")],
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sent(&app, &order_no).await.len(), 6);
    let shipped: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'notice:shipped:sms'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(shipped, 0, "no message was made for it");
}

async fn a_gateway_down_for_a_while_delivers_later_and_once(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    faults(&app, json!({"unavailable": 2})).await;
    let order_no = place(&app, "k1").await;
    // Tried at once, then 5 s and 10 s later (the outbox's backoff): the third attempt gets through.
    eventually(Duration::from_secs(25), "the placed SMS, late", || async {
        !sent(&app, &order_no).await.is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(kinds(&sent(&app, &order_no).await), ["placed"], "once");
    let (state, attempts): (String, i64) =
        sqlx::query_as("SELECT state, attempts FROM outbox WHERE kind = 'notice:placed:sms'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((state.as_str(), attempts), ("done", 3));
}

async fn a_number_refused_for_good_is_recorded_and_not_tried_again(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    faults(&app, json!({"refuse": 1})).await;
    let order_no = place(&app, "k1").await;
    eventually(Duration::from_secs(10), "the refusal recorded", || async {
        let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events WHERE kind = 'notice_refused'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        refused == 1
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(sent(&app, &order_no).await.is_empty(), "not sent, and not tried again");
    let (state, attempts): (String, i64) =
        sqlx::query_as("SELECT state, attempts FROM outbox WHERE kind = 'notice:placed:sms'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((state.as_str(), attempts), ("done", 1));
    let detail: String = sqlx::query_scalar("SELECT detail FROM payment_events WHERE kind = 'notice_refused'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(detail.contains("99112233"), "the number refused is named: {detail}");
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(
        page.contains("data-kind=\"notice:placed:sms\" data-state=\"refused\""),
        "{page}"
    );
}

async fn http_mode_sends_through_a_real_http_gateway(engine: Engine) {
    // The gateway: another shop's /sms-sandbox/send, a real HTTP server.
    let gateway = quick_with_owner(Engine::Sqlite, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    let url = format!(
        "{}/sms-sandbox/send?key={{key}}&from={{from}}&to={{to}}&text={{text}}",
        gateway.address
    );
    let app = quick_with_owner(
        engine,
        &[
            ("OWNER_PHONE", OWNER_PHONE),
            ("SMS_MODE", "http"),
            ("SMS_URL", url.as_str()),
            ("SMS_KEY", "secret-key"),
            ("SMS_SENDER", "DELGUUR"),
        ],
    )
    .await;
    let order_no = place(&app, "k1").await;
    let received = || async {
        let messages: Vec<Value> = gateway
            .get("/sms-sandbox/_control/messages")
            .await
            .json()
            .await
            .unwrap();
        messages
    };
    eventually(Duration::from_secs(10), "the gateway took the SMS", || async {
        received().await.len() == 1
    })
    .await;
    let message = received().await.remove(0);
    assert_eq!(message["to"], "99112233");
    assert!(
        message["text"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Жишээ: Захиалга {order_no}: 25,000₮")),
        "{message}"
    );
    // A number the gateway refuses for good (422): recorded, not tried again.
    faults(&gateway, json!({"refuse": 1})).await;
    place(&app, "k2").await;
    eventually(Duration::from_secs(10), "the refusal recorded", || async {
        let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events WHERE kind = 'notice_refused'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        refused == 1
    })
    .await;
    assert_eq!(received().await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_capture_is_served_only_beside_the_qpay_emulator() {
    let app = spawn_quick(
        Engine::Sqlite,
        &[("QPAY_MODE", "sandbox"), ("QPAY_BASE_URL", "http://127.0.0.1:9/v2")],
    )
    .await;
    for path in ["/sms-sandbox/", "/sms-sandbox/_control/messages"] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
}
