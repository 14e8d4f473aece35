//! Refunds from the owner's order page: a whole card payment goes back through QPay's refund API; a bank-app (P2P)
//! payment, which QPay refuses (`PAYMENT_SETTLED`), is recorded as a manual refund with a note.

use serde_json::json;

use crate::{
    admin::{OWNER, PASSWORD, act, sign_in, spawn_with_owner},
    helpers::{Engine, TestApp, notice_in, server_fn_path},
    orders::{callback, order_with_invoice},
};

crate::on_both_engines!(
    a_card_payment_goes_back_through_qpay_once,
    a_bank_app_payment_is_refunded_by_hand_in_parts_with_a_note,
    a_refund_qpay_never_answered_is_settled_by_the_owners_recheck,
    a_card_refund_qpay_refuses_leaves_the_money_to_refund,
    two_presses_at_once_send_one_refund_to_qpay,
    a_payment_refunded_elsewhere_is_counted_not_refused,
    a_card_refund_qpay_completes_after_a_recheck_read_it_paid_never_goes_back_twice,
);

/// A signed-in owner's shop with one order of 25,000₮ paid in full by `method` (`P2P` or `CARD`) and called back.
async fn paid_order(app: &TestApp, method: &str) -> (String, String) {
    let (order_no, token, invoice_id) = order_with_invoice(app, "k1").await;
    app.sandbox_control("/settings", json!({"callback": {"drop": true}}))
        .await;
    let paid = app
        .sandbox_control("/pay", json!({"invoice_id": invoice_id, "method": method}))
        .await;
    let payment_id = paid["payment_id"].as_str().unwrap().to_owned();
    callback(app, &order_no, &token, &payment_id).await;
    assert_eq!(crate::orders::state(app, &order_no).await.0, "paid");
    assert_eq!(sign_in(app, OWNER, PASSWORD).await, "/admin");
    // The owner reads the shop in English: the notices below are asserted in English.
    app.get("/lang/en").await;
    (order_no, payment_id)
}

fn refund_path() -> String {
    server_fn_path("admin_refund")
}

/// Submits the refund form of the order page; returns the notice the order page then shows.
async fn refund(app: &TestApp, order_no: &str, payment_id: &str, amount: &str, note: &str) -> String {
    let form = [
        ("order_no", order_no),
        ("payment_id", payment_id),
        ("amount", amount),
        ("note", note),
    ];
    let reply = app.post_form(&refund_path(), &form).await;
    let page = format!("/admin/orders/{order_no}");
    assert_eq!(reply.headers()["location"], page.as_str(), "back to the order");
    let (_, html) = app.get_html(&page).await;
    notice_in(&html).to_owned()
}

/// (amount, way, state) of the order's refunds, oldest first.
async fn refunds_of(app: &TestApp, order_no: &str) -> Vec<(i64, String, String)> {
    sqlx::query_as(
        "SELECT r.amount_mnt, r.way, r.state FROM refunds r JOIN orders o ON o.id = r.order_id \
         WHERE o.order_no = $1 ORDER BY r.id",
    )
    .bind(order_no)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

/// (refunded_mnt, attention) of the order.
pub async fn refunded_and_flag(app: &TestApp, order_no: &str) -> (i64, Option<String>) {
    sqlx::query_as("SELECT refunded_mnt, attention FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn qpay_refund_calls(app: &TestApp) -> u64 {
    let counters = app.sandbox_counters().await;
    counters["requests"]["DELETE /v2/payment/refund/{id}"]
        .as_u64()
        .unwrap_or(0)
}

async fn qpay_payment_status(app: &TestApp, payment_id: &str) -> String {
    let qpay = crate::orders::payments(app);
    let payment = qpay.qpay().get_payment(payment_id).await.unwrap();
    payment.payment_status.as_str().to_owned()
}

async fn a_card_payment_goes_back_through_qpay_once(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, payment_id) = paid_order(&app, "CARD").await;
    assert_eq!(app.stock_of("aaruul-1").await, before - 2);

    // Nobody else may refund: the server function checks the owner itself.
    let stranger = reqwest::Client::new();
    let form = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "25000"),
    ];
    let refused = stranger.post(app.url(&refund_path())).form(&form).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    assert!(refunds_of(&app, &order_no).await.is_empty(), "nothing changed");

    let (_, html) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(
        html.contains(&format!("data-payment=\"{payment_id}\"")),
        "the refund form"
    );

    let notice = refund(&app, &order_no, &payment_id, "25,000₮", "").await;
    assert_eq!(notice, "QPay sent the card payment back.");
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "done".into())]
    );
    assert_eq!(qpay_refund_calls(&app).await, 1);
    assert_eq!(qpay_payment_status(&app, &payment_id).await, "REFUNDED");
    assert_eq!(refunded_and_flag(&app, &order_no).await, (25_000, None));
    assert_eq!(
        app.stock_of("aaruul-1").await,
        before,
        "refunded in full before shipping: the aaruul is back on the shelf"
    );

    // A second press finds nothing left: QPay is not asked again.
    let again = refund(&app, &order_no, &payment_id, "25000", "").await;
    assert!(again.contains("from 1₮ to 0₮"), "{again}");
    assert_eq!(qpay_refund_calls(&app).await, 1);
    assert_eq!(refunds_of(&app, &order_no).await.len(), 1);

    // The order left the "to pack" list for the refunded one, and cannot be packed any more.
    let (_, to_pack) = app.get_html("/admin").await;
    assert!(!to_pack.contains(&format!("data-order=\"{order_no}\"")));
    let (_, refunded) = app.get_html("/admin?payment=refunded&fulfilment=all").await;
    assert!(refunded.contains(&format!("data-order=\"{order_no}\"")));
    act(&app, &order_no, "packed").await;
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(page.contains("data-test=\"fulfilment\" data-value=\"new\""));
    assert!(!page.contains("data-test=\"action-packed\""));
    assert!(
        page.contains(&format!("data-test=\"actor\">{OWNER}<")),
        "the timeline says who"
    );
    assert!(page.contains("data-test=\"refund-row\" data-state=\"done\" data-way=\"qpay\""));
}

async fn a_bank_app_payment_is_refunded_by_hand_in_parts_with_a_note(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let before = app.stock_of("aaruul-1").await;
    let (order_no, payment_id) = paid_order(&app, "P2P").await;

    let notice = refund(&app, &order_no, &payment_id, "5000", " ").await;
    assert!(notice.contains("needs a note"), "{notice}");
    let notice = refund(&app, &order_no, &payment_id, "abc", "returned").await;
    assert!(notice.contains("from 1₮ to 25,000₮"), "{notice}");
    let notice = refund(&app, &order_no, &payment_id, "25001", "returned").await;
    assert!(notice.contains("from 1₮ to 25,000₮"), "{notice}");
    assert!(
        refunds_of(&app, &order_no).await.is_empty(),
        "bad input changes nothing"
    );

    let note = "Нэг ширхэг дутуу: Хаан банкны 5000****** данс руу шилжүүлэв";
    let notice = refund(&app, &order_no, &payment_id, "12500", note).await;
    assert_eq!(notice, "The manual refund is recorded.");
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(12_500, "manual".into(), "done".into())]
    );
    assert_eq!(
        qpay_refund_calls(&app).await,
        0,
        "QPay refuses P2P refunds, so it is not asked"
    );
    assert_eq!(
        app.stock_of("aaruul-1").await,
        before - 2,
        "a part refunded: the order still ships"
    );
    let (_, to_pack) = app.get_html("/admin").await;
    assert!(to_pack.contains(&format!("data-order=\"{order_no}\"")), "still to pack");
    let (_, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(page.contains(note), "the note is on the order");
    assert!(page.contains("data-test=\"refunded\">12,500₮<"));

    let notice = refund(&app, &order_no, &payment_id, "12500", "the rest, by transfer").await;
    assert_eq!(notice, "The manual refund is recorded.");
    assert_eq!(refunded_and_flag(&app, &order_no).await, (25_000, None));
    assert_eq!(app.stock_of("aaruul-1").await, before, "all of it back: stock back");
    assert_eq!(
        crate::orders::events(&app, &order_no, "refund").await,
        2,
        "each refund in the timeline"
    );
}

async fn a_refund_qpay_never_answered_is_settled_by_the_owners_recheck(engine: Engine) {
    let app = spawn_with_owner(engine, &[("QPAY_TIMEOUT", "1s")]).await;
    let (order_no, payment_id) = paid_order(&app, "CARD").await;
    // QPay refunds the payment but its answer comes after we stopped waiting.
    let slow = json!({"path_prefix": "/v2/payment/refund", "answer_delay_ms": 2500, "count": 1});
    app.sandbox_control("/faults", slow).await;
    let sent = std::time::Instant::now();

    let notice = refund(&app, &order_no, &payment_id, "25000", "").await;
    assert!(notice.starts_with("QPay did not answer"), "{notice}");
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "pending".into())]
    );
    let (refunded, flag) = refunded_and_flag(&app, &order_no).await;
    assert_eq!(refunded, 0, "not counted before QPay says so");
    assert!(flag.is_some(), "the order asks for the owner's attention");
    // While it is pending nothing more can be refunded: the money may already be on its way back.
    let again = refund(&app, &order_no, &payment_id, "25000", "").await;
    assert!(again.contains("to 0₮"), "{again}");
    // A re-check while QPay may still be working on it leaves it alone (it would read the payment as still PAID).
    act(&app, &order_no, "recheck").await;
    assert_eq!(refunds_of(&app, &order_no).await[0].2, "pending");

    // Overdue (twice QPAY_TIMEOUT and 5 s): the re-check asks QPay, which says the payment was refunded.
    tokio::time::sleep(std::time::Duration::from_millis(7_500).saturating_sub(sent.elapsed())).await;
    assert_eq!(qpay_refund_calls(&app).await, 1);
    act(&app, &order_no, "recheck").await;
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "done".into())]
    );
    assert_eq!(refunded_and_flag(&app, &order_no).await, (25_000, None));
}

async fn two_presses_at_once_send_one_refund_to_qpay(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let (order_no, payment_id) = paid_order(&app, "CARD").await;
    let form = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "25000"),
        ("note", ""),
    ];
    let path = refund_path();
    let (first, second) = tokio::join!(app.post_form(&path, &form), app.post_form(&path, &form));
    assert_eq!((first.status().as_u16() / 100, second.status().as_u16() / 100), (3, 3));
    assert_eq!(qpay_refund_calls(&app).await, 1, "QPay is asked once");
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "done".into())]
    );
    assert_eq!(refunded_and_flag(&app, &order_no).await, (25_000, None));
}

async fn a_payment_refunded_elsewhere_is_counted_not_refused(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let (order_no, payment_id) = paid_order(&app, "CARD").await;
    // Refunded through QPay's merchant portal, not through the shop.
    let qpay = crate::orders::payments(&app);
    qpay.qpay()
        .refund_payment(&payment_id, &Default::default())
        .await
        .unwrap();

    let notice = refund(&app, &order_no, &payment_id, "25000", "").await;
    assert_eq!(
        notice, "QPay sent the card payment back.",
        "QPay's record says it is refunded"
    );
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "done".into())]
    );
    assert_eq!(refunded_and_flag(&app, &order_no).await, (25_000, None));
}

async fn a_card_refund_qpay_refuses_leaves_the_money_to_refund(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    // The owner's phone as set in the admin: they hear of the failed refund.
    let settings = delguur::domain::notice_settings::NoticeSettings {
        owner_phone: Some("95001122".into()),
        ..Default::default()
    };
    delguur::db::notice_settings::save(&app.db, &settings).await.unwrap();
    let (order_no, payment_id) = paid_order(&app, "CARD").await;
    let settled = json!({"path_prefix": "/v2/payment/refund", "status": 409, "error": "PAYMENT_SETTLED", "count": 1});
    app.sandbox_control("/faults", settled).await;

    let notice = refund(&app, &order_no, &payment_id, "25000", "").await;
    assert!(
        notice.starts_with("QPay refused: the payment is already settled"),
        "{notice}"
    );
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "failed".into())]
    );
    assert_eq!(refunded_and_flag(&app, &order_no).await, (0, None));
    assert_eq!(crate::orders::events(&app, &order_no, "refund_failed").await, 1);
    crate::helpers::eventually(std::time::Duration::from_secs(10), "the owner's SMS", || async {
        !crate::owner_notices::of_kind(&app, "messages", "refund-failed")
            .await
            .is_empty()
    })
    .await;
    let told = crate::owner_notices::of_kind(&app, "messages", "refund-failed").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].0, "95001122");
    assert!(
        told[0].2.contains(&order_no) && told[0].2.contains("буцаалт амжилтгүй"),
        "{}",
        told[0].2
    );

    // The owner returns it by hand and records that.
    let notice = refund(&app, &order_no, &payment_id, "25000", "returned by bank transfer").await;
    assert_eq!(notice, "The manual refund is recorded.");
    assert_eq!(refunded_and_flag(&app, &order_no).await.0, 25_000);
}

/// A card refund whose answer was lost is taken as failed when a re-check reads the payment as
/// still PAID; QPay then completes it after all. The owner's next refund of that payment asks QPay first: QPay's
/// refund is counted, and nothing goes back a second time.
async fn a_card_refund_qpay_completes_after_a_recheck_read_it_paid_never_goes_back_twice(engine: Engine) {
    let app = spawn_with_owner(engine, &[("QPAY_TIMEOUT", "1s")]).await;
    let (order_no, payment_id) = paid_order(&app, "CARD").await;
    // No answer within QPAY_TIMEOUT, and QPay has not refunded it (yet).
    let lost = json!({"path_prefix": "/v2/payment/refund", "latency_ms": 1500, "status": 503, "count": 1});
    app.sandbox_control("/faults", lost).await;
    let notice = refund(&app, &order_no, &payment_id, "25000", "").await;
    assert!(notice.starts_with("QPay did not answer"), "{notice}");
    // Overdue; the owner's re-check reads the payment as still PAID and takes the refund as failed.
    sqlx::query("UPDATE refunds SET created_at = created_at - 60000")
        .execute(app.db.pool())
        .await
        .unwrap();
    act(&app, &order_no, "recheck").await;
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "failed".into())]
    );
    assert_eq!(qpay_payment_status(&app, &payment_id).await, "PAID");

    // QPay finishes the refund after all.
    let late = delguur::qpay::PaymentRefundRequest {
        callback_url: None,
        note: Some("Butsaalt".into()),
    };
    crate::orders::payments(&app)
        .qpay()
        .refund_payment(&payment_id, &late)
        .await
        .unwrap();
    // The owner, seeing it failed, would return the money by hand.
    let notice = refund(&app, &order_no, &payment_id, "25000", "returned by bank transfer").await;
    assert_eq!(
        notice,
        "QPay refunded this payment after all: the refund is counted, and nothing more goes back."
    );
    assert_eq!(
        refunds_of(&app, &order_no).await,
        [(25_000, "qpay".into(), "done".into())],
        "QPay's refund counted once; no manual refund recorded"
    );
    let (refunded, flag) = refunded_and_flag(&app, &order_no).await;
    assert_eq!(refunded, 25_000);
    assert!(
        flag.unwrap_or_default().contains("not also returned by hand"),
        "the owner is told"
    );
}
