//! The SMS budget: the texts a stranger can cause without paying (an unpaid order's "placed", reminder and "expired", a
//! find-my-order code) are limited per phone in a day and for the shop in an hour, as the owner sets at
//! `/admin/messages`; one over a limit is held (never sent, shown on the owner's order page) and the owner is told once
//! a day.

use std::time::Duration;

use serde_json::Value;

use crate::{
    admin::{OWNER, PASSWORD, quick_with_owner, sign_in},
    helpers::{Engine, TestApp, eventually, form_action_in},
    shop::{line, pickup_customer},
};
use delguur::{checkout::CustomerDetails, domain::Phone};

crate::on_both_engines!(texts_a_stranger_can_cause_are_held_over_the_budget_and_the_owner_is_told_once);

/// The owner's phone as the owner saves it on the messages page (the shop is given none in its environment).
const SAVED_PHONE: &str = "95001122";
const VICTIM: &str = "99112233";

/// (to, kind) of every captured SMS, oldest first.
async fn captured(app: &TestApp) -> Vec<(String, String)> {
    let messages: Vec<Value> = app.get("/sms-sandbox/_control/messages").await.json().await.unwrap();
    let mut all: Vec<(String, String)> = messages
        .iter()
        .map(|m| {
            (
                m["to"].as_str().unwrap().to_owned(),
                m["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    all.reverse();
    all
}

fn count(messages: &[(String, String)], to: &str, kind: &str) -> usize {
    messages.iter().filter(|(t, k)| t == to && k == kind).count()
}

/// A guest's unpaid order to `phone` (as a script with a fresh session each time would place it).
async fn order_for(app: &TestApp, key: &str, phone: &str) -> String {
    let variant = app.variant_id("aaruul-1").await;
    let customer = CustomerDetails {
        phone: Phone::parse(phone).unwrap(),
        ..pickup_customer()
    };
    let placed = app
        .place_order(key, None, &customer, &[line(variant, 1)])
        .await
        .unwrap();
    placed.order_no.to_string()
}

/// The states of the "placed" texts to `phone`, oldest first, with 'held' as it is and every other as "queued" (the
/// low-stock alert's test reads them too).
pub async fn placed_texts(app: &TestApp, phone: &str) -> Vec<&'static str> {
    let states: Vec<String> = sqlx::query_scalar(
        "SELECT b.state FROM outbox b JOIN orders o ON o.id = b.order_id \
         WHERE o.phone = $1 AND b.kind = 'notice:placed:sms' ORDER BY b.id",
    )
    .bind(phone)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    states
        .iter()
        .map(|state| if state == "held" { "held" } else { "queued" })
        .collect()
}

async fn texts_a_stranger_can_cause_are_held_over_the_budget_and_the_owner_is_told_once(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    sign_in(&app, OWNER, PASSWORD).await;
    // The owner sets the limits on the messages page: a mistake is refused, then 3 a phone and 5 an hour.
    let (_, page) = app.get_html("/admin/messages").await;
    let save = form_action_in(&page, "admin_save_message_settings").unwrap();
    let form = |per_phone: &'static str| {
        [
            ("owner_phone", SAVED_PHONE),
            ("sms_per_phone_day", per_phone),
            ("sms_per_hour", "5"),
        ]
    };
    app.post_form(&save, &form("0")).await;
    let (_, page) = app.get_html("/admin/messages").await;
    assert!(page.contains("aria-invalid=\"true\""), "0 is no limit: {page}");
    app.post_form(&save, &form("3")).await;
    let (_, page) = app.get_html("/admin/messages").await;
    assert!(page.contains("value=\"3\"") && page.contains("value=\"5\""), "{page}");

    // One phone given at five orders: three texts, the fourth and fifth held.
    let mut orders = Vec::new();
    for n in 0..5 {
        orders.push(order_for(&app, &format!("victim-{n}"), VICTIM).await);
    }
    assert_eq!(
        placed_texts(&app, VICTIM).await,
        ["queued", "queued", "queued", "held", "held"]
    );
    eventually(
        Duration::from_secs(20),
        "three texts to the phone and one to the owner",
        || async {
            let sent = captured(&app).await;
            count(&sent, VICTIM, "placed") == 3 && count(&sent, SAVED_PHONE, "sms-held") == 1
        },
    )
    .await;

    // The shop's hour: three counted so far, so two more phones get theirs and the next is held, whoever it is.
    for (n, phone) in ["88112233", "88112234", "88112235"].into_iter().enumerate() {
        order_for(&app, &format!("other-{n}"), phone).await;
    }
    assert_eq!(placed_texts(&app, "88112234").await, ["queued"]);
    assert_eq!(placed_texts(&app, "88112235").await, ["held"]);
    // A find-my-order code to the phone is held as well: the answer looks the same, the code is not sent.
    let find = app.form_action("/orders/find", "find_order_ask").await;
    app.post_form(&find, &[("order_no", orders[0].as_str()), ("phone", VICTIM)])
        .await;
    let held_codes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE kind LIKE 'lookup_code:%' AND state = 'held' AND recipient = $1",
    )
    .bind(VICTIM)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(held_codes, 1);

    // Held texts are never sent, and the owner hears of them once that day.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let sent = captured(&app).await;
    assert_eq!(count(&sent, VICTIM, "placed"), 3, "{sent:?}");
    assert_eq!(count(&sent, VICTIM, "lookup-code"), 0, "{sent:?}");
    assert_eq!(count(&sent, "88112235", "placed"), 0, "{sent:?}");
    assert_eq!(count(&sent, SAVED_PHONE, "sms-held"), 1, "{sent:?}");

    // The owner's order page says so, and "send again" sends it after all.
    let held = &orders[3];
    let (_, page) = app.get_html(&format!("/admin/orders/{held}")).await;
    assert!(
        page.contains("data-kind=\"notice:placed:sms\" data-state=\"held\""),
        "{page}"
    );
    assert!(page.contains("саатуулсан: хязгаараас хэтэрсэн"), "{page}");
    let resend = form_action_in(&page, "admin_resend_message").unwrap();
    app.post_form(&resend, &[("order_no", held.as_str()), ("kind", "notice:placed:sms")])
        .await;
    eventually(
        Duration::from_secs(20),
        "the held text sent when the owner asks",
        || async { count(&captured(&app).await, VICTIM, "placed") == 4 },
    )
    .await;
}
