//! The owner's side of messages: where they go is set in the admin (`/admin/messages`), the owner hears of trouble once
//! per order and kind, and an unpaid order's shopper is reminded once before the invoice runs out, only when the owner
//! turned reminders on.

use std::time::Duration;

use serde_json::Value;

use crate::{
    admin::{OWNER, OWNER_PHONE, PASSWORD, quick_with_owner, sign_in},
    helpers::{Engine, TestApp, eventually, server_fn_path, spawn_quick},
    orders::{callback, payments, place, token_and_invoice},
};

crate::on_both_engines!(
    the_owner_sets_where_messages_go_in_the_admin,
    the_owner_hears_of_trouble_once_per_kind,
    an_unpaid_order_is_reminded_once_and_only_when_turned_on,
    the_couriers_note_goes_with_the_shipped_message,
    an_order_never_paid_tells_the_shopper_it_expired_once,
);

/// (to, kind, text) of what a capture took, oldest first: `messages` (SMS) or `emails`.
async fn captured(app: &TestApp, which: &str) -> Vec<(String, String, String)> {
    let list: Vec<Value> = app
        .get(&format!("/sms-sandbox/_control/{which}"))
        .await
        .json()
        .await
        .unwrap();
    let field = |m: &Value, name: &str| m[name].as_str().unwrap_or_default().to_owned();
    let mut all: Vec<_> = list
        .iter()
        .map(|m| (field(m, "to"), field(m, "kind"), field(m, "text")))
        .collect();
    all.reverse();
    all
}

pub async fn of_kind(app: &TestApp, which: &str, kind: &str) -> Vec<(String, String, String)> {
    captured(app, which).await.into_iter().filter(|m| m.1 == kind).collect()
}

async fn save(app: &TestApp, phone: &str, email: &str, minutes: &str) -> String {
    let form = [
        ("owner_phone", phone),
        ("owner_email", email),
        ("reminder_minutes", minutes),
    ];
    let reply = app
        .post_form(&server_fn_path("admin_save_message_settings"), &form)
        .await;
    assert_eq!(reply.headers()["location"], "/admin/messages");
    app.get_html("/admin/messages").await.1
}

async fn pay(app: &TestApp, order_no: &str) {
    payments(app).ensure_invoice(order_no).await.unwrap();
    let (token, invoice_id) = token_and_invoice(app, order_no).await;
    let payment_id = crate::orders::pay_quietly(app, &invoice_id).await;
    callback(app, order_no, &token, &payment_id).await;
}

async fn the_owner_sets_where_messages_go_in_the_admin(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    // Only the signed-in owner.
    let reply = app.get("/admin/messages").await;
    assert_eq!(reply.status(), 303);
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (_, page) = app.get_html("/admin").await;
    assert!(page.contains("href=\"/admin/messages\""), "in the admin's navigation");
    let (status, page) = app.get_html("/admin/messages").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(OWNER_PHONE),
        "the environment's phone is named as the default"
    );

    // Every mistake beside its field, and nothing saved.
    let page = save(&app, "1234", "owner@", "0").await;
    for problem in [
        "9-өөр эхэлсэн гар утасны дугаар",
        "Имэйл хаяг буруу байна.",
        "1-ээс 1440 хүртэлх минут.",
    ] {
        assert!(page.contains(problem), "{problem} in {page}");
    }
    assert!(page.contains("value=\"owner@\""), "the form comes back as typed");
    let saved = delguur::db::notice_settings::get(&app.db).await.unwrap();
    assert_eq!(saved, Default::default());

    let page = save(&app, "9500 1122", "Owner@Shop.mn", "45").await;
    assert!(page.contains("Хадгаллаа."), "{page}");
    assert!(page.contains("value=\"95001122\"") && page.contains("value=\"owner@shop.mn\""));
    let saved = delguur::db::notice_settings::get(&app.db).await.unwrap();
    assert_eq!(
        (
            saved.owner_phone.as_deref(),
            saved.owner_email.as_deref(),
            saved.reminder_minutes
        ),
        (Some("95001122"), Some("owner@shop.mn"), Some(45))
    );

    // The next paid order is told to the saved phone (not the environment's) and e-mail.
    let order_no = place(&app, "k1").await;
    pay(&app, &order_no).await;
    eventually(Duration::from_secs(10), "the owner's SMS and e-mail", || async {
        !of_kind(&app, "messages", "new-paid-order").await.is_empty()
            && !of_kind(&app, "emails", "new-paid-order").await.is_empty()
    })
    .await;
    let sms = of_kind(&app, "messages", "new-paid-order").await;
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0].0, "95001122");
    let mail = of_kind(&app, "emails", "new-paid-order").await;
    assert_eq!(mail[0].0, "owner@shop.mn");
    assert!(
        mail[0].2.starts_with(&format!(
            "From: Жишээ дэлгүүр\nЖишээ: Захиалга {order_no}\n\nШинэ захиалга {order_no}"
        )),
        "{}",
        mail[0].2
    );
    // The shopper gave no e-mail: the shopper gets SMS only.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let emails = captured(&app, "emails").await;
    assert!(emails.iter().all(|m| m.0 == "owner@shop.mn"), "{emails:?}");
}

async fn the_owner_hears_of_trouble_once_per_kind(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    let order_no = place(&app, "k1").await;
    let order_id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    use delguur::{db::orders::add_reason, domain::notice::Event};
    // A refund waiting for QPay's answer is a step, not trouble: no message (another order, so the key cannot hide one).
    let other = place(&app, "k2").await;
    let other_id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE order_no = $1")
        .bind(&other)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let refund_step = format!("{}: 25,000₮", delguur::domain::attention::WAITING_FOR_QPAY_REFUND);
    add_reason(&app.db, other_id, &refund_step, Event::NeedsAttention)
        .await
        .unwrap();
    let told: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE order_id = $1 AND kind LIKE 'notice:needs-attention:%'")
            .bind(other_id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(told, 0, "a refund's step tells no one");
    add_reason(
        &app.db,
        order_id,
        "Paid, but the order had expired: 25,000₮",
        Event::NeedsAttention,
    )
    .await
    .unwrap();
    add_reason(
        &app.db,
        order_id,
        "Part paid: 10,000₮ of 25,000₮",
        Event::NeedsAttention,
    )
    .await
    .unwrap();
    add_reason(
        &app.db,
        order_id,
        "Paid, but the order had expired: 25,000₮",
        Event::NeedsAttention,
    )
    .await
    .unwrap();
    add_reason(
        &app.db,
        order_id,
        "E-barimt: QPay's answer was lost",
        Event::ReceiptFailed,
    )
    .await
    .unwrap();
    eventually(Duration::from_secs(10), "the owner's SMS", || async {
        !of_kind(&app, "messages", "needs-attention").await.is_empty()
            && !of_kind(&app, "messages", "receipt-failed").await.is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let attention = of_kind(&app, "messages", "needs-attention").await;
    assert_eq!(attention.len(), 1, "one per order and kind: {attention:?}");
    assert_eq!(attention[0].0, OWNER_PHONE);
    assert!(
        attention[0]
            .2
            .starts_with(&format!("Захиалга {order_no} шалгана уу: Paid, but")),
        "{}",
        attention[0].2
    );
    let receipt = of_kind(&app, "messages", "receipt-failed").await;
    assert_eq!(receipt.len(), 1);
    assert!(receipt[0].2.contains("и-баримт гарсангүй"));
    // No owner's e-mail set: the e-mails are skipped, not tried again.
    let skipped = crate::notices::events(&app, &order_no, "notice_skipped").await;
    assert!(skipped.contains(&"needs-attention email".to_owned()), "{skipped:?}");
}

async fn an_unpaid_order_is_reminded_once_and_only_when_turned_on(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    let unpaid = place(&app, "k1").await;
    payments(&app).ensure_invoice(&unpaid).await.unwrap();
    let paid = place(&app, "k2").await;
    pay(&app, &paid).await;
    // Off by default: ticks pass, no reminder.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(of_kind(&app, "messages", "reminder").await.is_empty());

    // On, 60 minutes before the end: longer than the 30-minute invoice, so it would come straight after "placed":
    // none.
    let mut settings = delguur::domain::notice_settings::NoticeSettings {
        reminder_minutes: Some(60),
        ..Default::default()
    };
    delguur::db::notice_settings::save(&app.db, &settings).await.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(of_kind(&app, "messages", "reminder").await.is_empty());

    // 20 minutes before the end, and the invoice made 15 minutes ago (15 left): reminded, once; the paid order not.
    settings.reminder_minutes = Some(20);
    delguur::db::notice_settings::save(&app.db, &settings).await.unwrap();
    sqlx::query(
        "UPDATE qpay_invoices SET created_at = created_at - 900000, expires_at = expires_at - 900000 \
         WHERE order_id = (SELECT id FROM orders WHERE order_no = $1)",
    )
    .bind(&unpaid)
    .execute(app.db.pool())
    .await
    .unwrap();
    eventually(Duration::from_secs(10), "the reminder", || async {
        !of_kind(&app, "messages", "reminder").await.is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let reminders = of_kind(&app, "messages", "reminder").await;
    assert_eq!(reminders.len(), 1, "once, over many ticks: {reminders:?}");
    let (to, _, text) = &reminders[0];
    assert_eq!(to, "99112233");
    let left = ["15", "14"].map(|m| format!("Жишээ: Захиалга {unpaid}: {m} минутад төлөөрэй: "));
    assert!(left.iter().any(|start| text.starts_with(start)), "{text}");
    assert!(text.contains(&format!("/o/{unpaid}/")));
}

async fn the_couriers_note_goes_with_the_shipped_message(engine: Engine) {
    let app = quick_with_owner(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    let order_no = place(&app, "k1").await;
    pay(&app, &order_no).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(!page.contains("data-test=\"courier-note\""), "only beside \"shipped\"");
    crate::admin::act(&app, &order_no, "packed").await;
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(page.contains("data-test=\"courier-note\""), "{page}");
    let form = [
        ("order_no", order_no.as_str()),
        ("action", "shipped"),
        ("note", "  Бат-Эрдэнэ, 9911 2233, 17-19 цагт "),
    ];
    app.post_form(&server_fn_path("admin_order_action"), &form).await;
    eventually(Duration::from_secs(10), "the shipped SMS", || async {
        !of_kind(&app, "messages", "shipped").await.is_empty()
    })
    .await;
    let shipped = of_kind(&app, "messages", "shipped").await;
    assert_eq!(
        shipped[0].2,
        format!("Жишээ: Захиалга {order_no} хүргэлтэд гарлаа. Бат-Эрдэнэ, 9911 2233, 17-19 цагт")
    );
    crate::admin::act(&app, &order_no, "delivered").await;
    eventually(Duration::from_secs(10), "the delivered SMS", || async {
        !of_kind(&app, "messages", "delivered").await.is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let about: Vec<(String, String)> = captured(&app, "messages")
        .await
        .into_iter()
        .filter(|m| m.2.contains(order_no.as_str()))
        .map(|m| (m.0, m.1))
        .collect();
    let shopper = "99112233".to_owned();
    assert_eq!(
        about,
        [
            (shopper.clone(), "placed".to_owned()),
            (shopper.clone(), "paid".to_owned()),
            (OWNER_PHONE.to_owned(), "new-paid-order".to_owned()),
            // A pickup order packed is ready to collect; the owner then sent it after all.
            (shopper.clone(), "ready-for-pickup".to_owned()),
            (shopper.clone(), "shipped".to_owned()),
            (shopper, "delivered".to_owned()),
        ],
        "each step once, to its recipient"
    );
    assert!(of_kind(&app, "messages", "delivered").await[0].2.contains("хүргэгдлээ"));
    let timeline = crate::notices::events(&app, &order_no, "fulfilment").await;
    assert!(
        timeline
            .iter()
            .any(|line| line == "packed -> shipped: Бат-Эрдэнэ, 9911 2233, 17-19 цагт"),
        "{timeline:?}"
    );
}

async fn an_order_never_paid_tells_the_shopper_it_expired_once(engine: Engine) {
    let vars = [
        ("OWNER_PHONE", OWNER_PHONE),
        ("INVOICE_LIFETIME", "1s"),
        ("RECONCILE_SCHEDULE", "500ms"),
    ];
    let app = spawn_quick(engine, &vars).await;
    let order_no = place(&app, "k1").await;
    payments(&app).ensure_invoice(&order_no).await.unwrap();
    eventually(Duration::from_secs(15), "the expired SMS", || async {
        !of_kind(&app, "messages", "expired").await.is_empty()
    })
    .await;
    assert_eq!(crate::orders::state(&app, &order_no).await.0, "expired");
    tokio::time::sleep(Duration::from_millis(800)).await;
    let expired = of_kind(&app, "messages", "expired").await;
    assert_eq!(expired.len(), 1, "once, however many ticks: {expired:?}");
    assert_eq!(expired[0].0, "99112233");
    assert_eq!(
        expired[0].2,
        format!("Жишээ: Захиалга {order_no} төлөгдөөгүй тул цуцлагдлаа.")
    );
    assert!(of_kind(&app, "messages", "paid").await.is_empty());
}
