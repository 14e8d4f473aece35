//! Ways to pay beside QPay: the owner turns them on, checkout offers them where they fit, such an order waits with its
//! stock reserved and no invoice, moves only when the shop records the money (all of it, once), a cash order goes out
//! before it is paid, and an unpaid one expires at its own time. Money the shop took itself gets no e-barimt through
//! QPay, and a cash order that has left the shop unpaid cannot be cancelled.

use std::time::Duration;

use crate::{
    admin::{OWNER, OWNER_PHONE, signed_in_shop},
    helpers::{Browser, Engine, TestApp, eventually, notice_in, server_fn_path},
    orders::{outbox_count, owner_told},
};

crate::on_both_engines!(
    the_owner_turns_on_cash_and_transfer_and_checkout_offers_them_where_they_fit,
    a_cash_order_goes_out_unpaid_and_moves_only_by_the_shops_mark_once,
    an_unpaid_transfer_expires_at_its_own_time_and_a_packed_cash_order_does_not,
    part_of_a_transfer_is_recorded_as_part_paid_when_allowed,
    unpaid_cash_and_transfer_orders_are_capped_per_phone_and_per_address,
    the_owner_hears_of_a_new_cash_order_and_sees_it_first_in_the_list,
    a_cash_payment_gets_no_receipt_through_qpay_and_no_issue_again,
    a_cash_order_shipped_unpaid_is_not_cancelled_and_its_cash_is_still_taken,
);

/// 25,000₮ of aaruul; delivery to the city centre is 5,000₮.
pub const TOTAL: i64 = 30_000;

async fn save_settings(app: &TestApp, form: &[(&str, &str)]) -> String {
    let reply = app.post_form(&server_fn_path("admin_save_pay_settings"), form).await;
    assert_eq!(reply.headers()["location"], "/admin/payments");
    app.get_html("/admin/payments").await.1
}

/// Cash on delivery and transfers on, a transfer waiting `transfer_hours` (as the signed-in owner).
pub async fn turn_on(app: &TestApp, transfer_hours: &str) {
    let page = save_settings(
        app,
        &[
            ("cash_on_delivery", "on"),
            ("bank_transfer", "on"),
            ("bank", "Хаан банк"),
            ("account_number", "5000 1234 56"),
            ("account_holder", "Дэлгүүр ХХК"),
            ("transfer_hours", transfer_hours),
        ],
    )
    .await;
    assert_eq!(notice_in(&page), "Хадгаллаа.");
}

/// A new shopper's own browser (its own session and cart) with two aaruul in its cart.
async fn with_cart(app: &TestApp) -> Browser<'_> {
    let shopper = Browser::new(app);
    shopper.add_to_cart("aaruul-1", 2).await;
    shopper
}

/// Sends the checkout form with `phone`, `delivery` fields and `pay_method`; where it leads.
async fn check_out_as(
    shopper: &Browser<'_>,
    phone: &str,
    pay_method: &str,
    delivery: &[(&'static str, &'static str)],
) -> String {
    let (place, mut form) = shopper.checkout_form(phone).await;
    form.push(("pay_method", pay_method.into()));
    form.extend(delivery.iter().map(|(k, v)| (*k, v.to_string())));
    shopper.submit(&place, &form).await.1
}

/// A new shopper's order with `pay_method`, to the city; its number.
pub async fn order(app: &TestApp, pay_method: &str) -> String {
    let location = check_out_as(&with_cart(app).await, "88112233", pay_method, &CITY).await;
    assert!(location.starts_with("/orders/"), "{location}");
    order_no_of(&location)
}

const CITY: [(&str, &str); 4] = [
    ("delivery", "delivery"),
    ("district", "bayangol"),
    ("khoroo", "3"),
    ("address", "10-р байр, 25 тоот"),
];
const PICKUP: [(&str, &str); 2] = [("delivery", "pickup"), ("pickup_point", "1")];

fn order_no_of(location: &str) -> String {
    location
        .trim_start_matches("/orders/")
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

/// (payment state, fulfilment, paid) of the order.
pub async fn state(app: &TestApp, order_no: &str) -> (String, String, i64) {
    sqlx::query_as("SELECT payment_state, fulfilment, paid_mnt FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Records money received from the order's page as the signed-in owner; the notice it comes back with.
pub async fn receive(app: &TestApp, order_no: &str, amount: &str) -> String {
    let form = [("order_no", order_no), ("amount", amount), ("note", "Болд, бэлнээр")];
    let reply = app.post_form(&server_fn_path("admin_receive_payment"), &form).await;
    assert_eq!(
        reply.headers()["location"],
        format!("/admin/orders/{order_no}").as_str()
    );
    notice_in(&app.get_html(&format!("/admin/orders/{order_no}")).await.1).to_owned()
}

async fn the_owner_turns_on_cash_and_transfer_and_checkout_offers_them_where_they_fit(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let shopper = with_cart(&app).await;
    let (_, html) = shopper.get_html("/checkout").await;
    assert!(
        !html.contains("data-test=\"pay-choice\""),
        "QPay only: no choice to make"
    );
    order(&app, "").await;
    assert_eq!(
        app.row_count("qpay_invoices").await,
        1,
        "the QPay order got its invoice"
    );

    // Transfers on without the account: each mistake beside its field, nothing saved.
    let page = save_settings(
        &app,
        &[("bank_transfer", "on"), ("account_number", "12"), ("cash_hours", "0")],
    )
    .await;
    for field in ["bank", "account_number", "account_holder", "cash_hours"] {
        assert!(
            page.contains(&format!("data-test=\"error-{field}\"")),
            "{field}: {page}"
        );
    }
    assert_eq!(app.row_count("pay_settings").await, 0);
    turn_on(&app, "72").await;
    let (_, html) = shopper.get_html("/checkout").await;
    for offered in ["qpay", "cash-on-delivery", "bank-transfer"] {
        assert!(
            html.contains(&format!("name=\"pay_method\" value=\"{offered}\"")),
            "{offered}: {html}"
        );
    }
    assert!(!html.contains("value=\"pay-at-pickup\""), "off");

    // Cash to the courier does not fit a pickup order: sent back, nothing placed.
    let orders_before = app.row_count("orders").await;
    assert_eq!(
        check_out_as(&shopper, "88112233", "cash-on-delivery", &PICKUP).await,
        "/checkout"
    );
    let (_, html) = shopper.get_html("/checkout").await;
    assert!(html.contains("data-test=\"pay-method-error\""), "{html}");
    assert!(
        html.contains("value=\"cash-on-delivery\" checked"),
        "the choice is kept: {html}"
    );
    assert_eq!(app.row_count("orders").await, orders_before);
    // Nor does a way that is off, or one the shop does not have.
    assert_eq!(
        check_out_as(&shopper, "88112233", "pay-at-pickup", &PICKUP).await,
        "/checkout"
    );
    assert_eq!(check_out_as(&shopper, "88112233", "bitcoin", &CITY).await, "/checkout");
    assert_eq!(app.row_count("orders").await, orders_before);

    // A transfer: no invoice, stock held, the shop's account and the order number as the reference.
    let stock = app.stock_of("aaruul-1").await;
    let location = check_out_as(&shopper, "88112233", "bank-transfer", &CITY).await;
    let order_no = order_no_of(&location);
    assert_eq!(app.stock_of("aaruul-1").await, stock - 2, "the stock is held");
    assert_eq!(app.row_count("qpay_invoices").await, 1, "no invoice for a transfer");
    let (status, html) = shopper.get_html(&location).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("data-test=\"pay-offline\" data-method=\"bank-transfer\""),
        "{html}"
    );
    assert!(
        html.contains("5000123456") && html.contains("Дэлгүүр ХХК"),
        "the account"
    );
    assert!(
        html.contains(&format!("data-test=\"reference\">{order_no}<")),
        "the reference"
    );
    assert!(html.contains("30,000₮"), "the amount");
    assert!(
        !html.contains("retry-invoice") && !html.contains("http-equiv=\"refresh\""),
        "{html}"
    );
    let (payment_state, _, _) = state(&app, &order_no).await;
    assert_eq!(payment_state, "awaiting");
    let pay_by: i64 = sqlx::query_scalar("SELECT pay_by - created_at FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(pay_by, 72 * 3_600_000, "it waits the owner's 72 hours");
    // The reconciler leaves it alone long after a QPay invoice would have run out.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(state(&app, &order_no).await.0, "awaiting");

    // A QPay order cannot be marked paid by hand.
    let qpay_order: String = sqlx::query_scalar("SELECT order_no FROM orders WHERE payment_method = 'qpay'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(receive(&app, &qpay_order, "30000").await.contains("QPay"));
    assert_eq!(state(&app, &qpay_order).await.0, "awaiting");
}

async fn a_cash_order_goes_out_unpaid_and_moves_only_by_the_shops_mark_once(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    turn_on(&app, "72").await;
    let order_no = order(&app, "cash-on-delivery").await;
    let page = format!("/admin/orders/{order_no}");
    let (_, html) = app.get_html(&page).await;
    assert!(
        html.contains(&format!("data-test=\"to-collect\" data-value=\"{TOTAL}\"")),
        "{html}"
    );
    assert!(html.contains("data-test=\"action-packed\""), "packed before it is paid");

    for step in ["packed", "shipped"] {
        let form = [("order_no", order_no.as_str()), ("action", step)];
        app.post_form(&server_fn_path("admin_order_action"), &form).await;
    }
    assert_eq!(state(&app, &order_no).await, ("awaiting".into(), "shipped".into(), 0));

    // Not the total, nothing that is a number: refused, nothing recorded.
    assert!(receive(&app, &order_no, "20000").await.contains("30,000₮"));
    assert!(receive(&app, &order_no, "30001").await.contains("30,000₮"));
    assert!(receive(&app, &order_no, "гучин мянга").await.contains("бүхэл"));
    assert_eq!(app.row_count("payments").await, 0);

    assert_eq!(receive(&app, &order_no, "30,000").await, "Төлөгдсөн гэж тэмдэглэлээ.");
    assert_eq!(state(&app, &order_no).await, ("paid".into(), "shipped".into(), TOTAL));
    assert!(
        receive(&app, &order_no, "30000").await.contains("аль хэдийн"),
        "a second mark changes nothing"
    );
    let payments: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT qpay_payment_id, amount_mnt, method FROM payments")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(payments, [(format!("cash:{order_no}:1"), TOTAL, "CASH".to_owned())]);
    let (actor,): (Option<String>,) = sqlx::query_as(
        "SELECT e.actor FROM payment_events e JOIN orders o ON o.id = e.order_id \
         WHERE o.order_no = $1 AND e.kind = 'received'",
    )
    .bind(&order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(actor.as_deref(), Some(OWNER), "the timeline says who");
    // The same messages as a QPay payment, once each.
    let paid_messages: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE kind IN ('notice:paid:sms', 'notice:new-paid-order:sms', 'notify_owner')",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(paid_messages, 3);
    let (_, html) = app.get_html(&page).await;
    assert!(!html.contains("data-test=\"receive-form\""), "nothing left to collect");
    assert!(html.contains("data-test=\"action-delivered\""));
}

async fn an_unpaid_transfer_expires_at_its_own_time_and_a_packed_cash_order_does_not(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    turn_on(&app, "1").await;
    let stock = app.stock_of("aaruul-1").await;
    let transfer = order(&app, "bank-transfer").await;
    let cash = order(&app, "cash-on-delivery").await;
    let form = [("order_no", cash.as_str()), ("action", "packed")];
    app.post_form(&server_fn_path("admin_order_action"), &form).await;
    assert_eq!(app.stock_of("aaruul-1").await, stock - 4);
    // Their time runs out: moved back rather than waited for.
    sqlx::query("UPDATE orders SET pay_by = pay_by - 7200000 WHERE order_no IN ($1, $2)")
        .bind(&transfer)
        .bind(&cash)
        .execute(app.db.pool())
        .await
        .unwrap();
    eventually(Duration::from_secs(10), "the transfer expires", || async {
        state(&app, &transfer).await.0 == "expired"
    })
    .await;
    assert_eq!(
        app.stock_of("aaruul-1").await,
        stock - 2,
        "its stock went back; the packed order's did not"
    );
    assert_eq!(
        state(&app, &cash).await.0,
        "awaiting",
        "a packed cash order is on its way to be paid"
    );
    assert_eq!(outbox_count(&app, &transfer, "notice:expired:sms").await, 1);
    // Money recorded for the expired order is refused: its stock went back.
    assert!(receive(&app, &transfer, "30000").await.contains("шинэ захиалга"));
    assert_eq!(state(&app, &transfer).await.0, "expired");
}

async fn part_of_a_transfer_is_recorded_as_part_paid_when_allowed(engine: Engine) {
    let app = signed_in_shop(engine, &[("QPAY_ALLOW_PARTIAL", "true")]).await;
    turn_on(&app, "72").await;
    let order_no = order(&app, "bank-transfer").await;
    assert_eq!(
        receive(&app, &order_no, "10000").await,
        "Хэсэгчлэн төлөгдсөнөөр тэмдэглэлээ."
    );
    assert_eq!(
        state(&app, &order_no).await,
        ("partially-paid".into(), "new".into(), 10_000)
    );
    let (_, html) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(html.contains("data-test=\"to-collect\" data-value=\"20000\""), "{html}");
    assert!(
        !html.contains("data-test=\"action-packed\""),
        "a transfer ships once paid"
    );
    assert!(receive(&app, &order_no, "25000").await.contains("20,000₮"));
    assert_eq!(receive(&app, &order_no, "20000").await, "Төлөгдсөн гэж тэмдэглэлээ.");
    assert_eq!(state(&app, &order_no).await, ("paid".into(), "new".into(), TOTAL));
    assert_eq!(app.row_count("payments").await, 2);
}

/// An unpaid cash or transfer order holds its stock for days, so a phone may have one at a time and an
/// address a few (here one and two); QPay orders are not counted, and a paid one no longer is. No code by SMS is
/// asked: the order reserves at once (README, "Held stock").
async fn unpaid_cash_and_transfer_orders_are_capped_per_phone_and_per_address(engine: Engine) {
    let caps = [
        ("MAX_UNPAID_OFFLINE_PER_PHONE", "1"),
        ("MAX_UNPAID_OFFLINE_PER_ADDRESS", "2"),
    ];
    let app = signed_in_shop(engine, &caps).await;
    turn_on(&app, "72").await;
    let first = order(&app, "cash-on-delivery").await;
    assert_eq!(
        state(&app, &first).await.0,
        "awaiting",
        "reserved at once, no code asked"
    );

    // The same phone again, by transfer this time: sent back with why, nothing placed or reserved.
    let orders_before = app.row_count("orders").await;
    let shopper = with_cart(&app).await;
    assert_eq!(
        check_out_as(&shopper, "88112233", "bank-transfer", &CITY).await,
        "/checkout"
    );
    let (_, html) = shopper.get_html("/checkout").await;
    assert!(html.contains("төлөгдөөгүй захиалга танд"), "{html}");
    assert_eq!(app.row_count("orders").await, orders_before);
    // QPay is not capped this way: it holds for half an hour.
    assert!(
        check_out_as(&shopper, "88112233", "qpay", &CITY)
            .await
            .starts_with("/orders/")
    );

    // Another phone from the same address: the second unpaid one there is the last.
    let other = with_cart(&app).await;
    assert!(
        check_out_as(&other, "99001122", "cash-on-delivery", &CITY)
            .await
            .starts_with("/orders/")
    );
    let third = with_cart(&app).await;
    assert_eq!(
        check_out_as(&third, "95001122", "cash-on-delivery", &CITY).await,
        "/checkout"
    );

    // Once the first is paid it holds nothing: its phone may order in cash again.
    assert_eq!(receive(&app, &first, "30000").await, "Төлөгдсөн гэж тэмдэглэлээ.");
    let again = with_cart(&app).await;
    assert!(
        check_out_as(&again, "88112233", "cash-on-delivery", &CITY)
            .await
            .starts_with("/orders/")
    );
}

/// When the owner's list last had news, as its live island asks.
async fn stamp(app: &TestApp) -> i64 {
    let reply = app
        .client
        .post(app.url(&server_fn_path("orders_stamp")))
        .send()
        .await
        .unwrap();
    reply.json().await.unwrap()
}

/// An order to be paid to the shop itself waits for the shop, so the owner is told as it is placed (SMS,
/// e-mail, the webhook's `order.placed`), the list the owner opens shows it, its live refresh notices it, and every
/// row says how it is paid.
async fn the_owner_hears_of_a_new_cash_order_and_sees_it_first_in_the_list(engine: Engine) {
    let app = signed_in_shop(engine, &[("OWNER_PHONE", OWNER_PHONE)]).await;
    turn_on(&app, "72").await;
    let qpay = order(&app, "qpay").await;
    let before = stamp(&app).await;
    let cash = order(&app, "cash-on-delivery").await;
    assert!(stamp(&app).await > before, "the open list redraws for it");

    eventually(Duration::from_secs(20), "the owner's SMS of the cash order", || async {
        let reply = app.get("/sms-sandbox/_control/messages").await;
        let messages: Vec<serde_json::Value> = reply.json().await.unwrap();
        messages
            .iter()
            .any(|m| m["to"] == OWNER_PHONE && m["kind"] == "new-offline-order" && m["order_no"] == cash.as_str())
    })
    .await;
    assert_eq!(outbox_count(&app, &cash, "notify_owner_placed").await, 1);

    // The list the owner opens: the unpaid cash order (to handle), not the unpaid QPay one; each row its method.
    let (_, list) = app.get_html("/admin").await;
    assert!(list.contains(&format!("data-order=\"{cash}\"")), "{list}");
    assert!(!list.contains(&format!("data-order=\"{qpay}\"")), "{list}");
    assert!(list.contains("data-method=\"cash-on-delivery\""), "{list}");
    let (_, all) = app.get_html("/admin?payment=all&fulfilment=all").await;
    assert!(all.contains("data-method=\"qpay\""), "{all}");
}

/// QPay issues e-barimt receipts for its own payments only (`ebarimt/create` takes a QPay payment
/// id). A cash order paid while e-barimt is on has no receipt missing, so no "issue again"; posted anyway it is
/// refused, and QPay is never asked with a `cash:` id, so no refusal is retried twenty times or texted to the owner.
async fn a_cash_payment_gets_no_receipt_through_qpay_and_no_issue_again(engine: Engine) {
    let app = signed_in_shop(engine, &crate::ebarimt::EBARIMT_V3).await;
    turn_on(&app, "72").await;
    let order_no = order(&app, "cash-on-delivery").await;
    assert_eq!(receive(&app, &order_no, "30000").await, "Төлөгдсөн гэж тэмдэглэлээ.");
    assert_eq!(state(&app, &order_no).await, ("paid".into(), "new".into(), TOTAL));
    // The paid move's messages go through the outbox: once the owner's is delivered, a receipt would have been too.
    owner_told(&app, &order_no).await;

    let (_, html) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert!(
        !html.contains("data-test=\"action-ebarimt-retry\""),
        "no QPay payment, no receipt missing: {html}"
    );
    assert_eq!(
        crate::ebarimt::retry_posted(&app, &order_no).await,
        404,
        "what the page does not offer, the server refuses"
    );

    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let counters = app.sandbox_counters().await;
    for endpoint in ["POST /v2/ebarimt_v3/create", "POST /v2/ebarimt/create"] {
        assert_eq!(
            counters["requests"][endpoint].as_u64().unwrap_or(0),
            0,
            "QPay is not asked for a receipt of cash: {endpoint}"
        );
    }
    assert_eq!(app.row_count("ebarimt_receipts").await, 0);
    let receipt_messages: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM outbox WHERE kind = 'issue_receipt' OR kind LIKE 'notice:receipt-failed:%'",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert!(
        receipt_messages.is_empty(),
        "nothing to retry, nothing to tell the owner: {receipt_messages:?}"
    );
}

/// Cancelling gives the stock back and makes the order over, so the cash is refused when it comes.
/// A cash order that has left the shop unpaid is therefore not cancelled: packed it still may be, shipped the button
/// is gone, the action posted anyway is refused with why and changes nothing, and the cash is taken when it comes.
async fn a_cash_order_shipped_unpaid_is_not_cancelled_and_its_cash_is_still_taken(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    turn_on(&app, "72").await;
    let order_no = order(&app, "cash-on-delivery").await;
    let page = format!("/admin/orders/{order_no}");
    let act = |action: &'static str| {
        let form = [("order_no", order_no.clone()), ("action", action.to_owned())];
        let app = &app;
        async move { app.post_form(&server_fn_path("admin_order_action"), &form).await }
    };
    act("packed").await;
    let (_, html) = app.get_html(&page).await;
    assert!(
        html.contains("data-test=\"action-cancel\""),
        "packed, the goods are still in the shop: {html}"
    );
    act("shipped").await;
    assert_eq!(state(&app, &order_no).await, ("awaiting".into(), "shipped".into(), 0));
    let stock = app.stock_of("aaruul-1").await;
    let (_, html) = app.get_html(&page).await;
    assert!(
        !html.contains("data-test=\"action-cancel\""),
        "shipped unpaid: no cancel: {html}"
    );

    let reply = act("cancel").await;
    assert_eq!(reply.headers()["location"], page.as_str());
    let (_, html) = app.get_html(&page).await;
    assert!(notice_in(&html).contains("цуцлахгүй"), "refused with why: {html}");
    assert!(
        !crate::orders::payments(&app)
            .cancel_unpaid(&order_no, OWNER)
            .await
            .unwrap(),
        "the payment service refuses it too"
    );
    assert_eq!(state(&app, &order_no).await, ("awaiting".into(), "shipped".into(), 0));
    assert_eq!(
        app.stock_of("aaruul-1").await,
        stock,
        "no goods counted back that are with the courier"
    );
    let moves = crate::notices::events(&app, &order_no, "state").await;
    assert!(!moves.iter().any(|m| m == "awaiting -> cancelled"), "{moves:?}");

    assert_eq!(receive(&app, &order_no, "30000").await, "Төлөгдсөн гэж тэмдэглэлээ.");
    assert_eq!(state(&app, &order_no).await, ("paid".into(), "shipped".into(), TOTAL));
}
