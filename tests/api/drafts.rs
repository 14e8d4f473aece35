//! Orders the owner makes: found by name or SKU, kept as a draft, placed through the shopper's checkout
//! (stock reserved in one transaction, the invoice asked for, posting twice makes one order), with the owner's fee
//! and discount; its pay link opens the pay page in a fresh browser, "send by SMS" goes through the outbox, and it
//! is paid through the emulator like any order. A draft that cannot be placed writes nothing.

use std::time::Duration;

use crate::{
    admin::{OWNER, signed_in_shop},
    helpers::{Browser, Engine, TestApp, eventually, notice_in, server_fn_path, shopper_client},
    notices::sent,
    orders::pay,
};

crate::on_both_engines!(
    the_owners_order_reserves_stock_like_a_checkout_and_its_link_is_paid_in_a_fresh_browser,
    a_draft_that_cannot_be_placed_writes_nothing,
);

const PHONE: &str = "88112233";

/// Posts to the owner's server function `name`; where it sends the owner.
async fn post(app: &TestApp, name: &str, form: &[(&str, &str)]) -> String {
    let reply = app.post_form(&server_fn_path(name), form).await;
    assert!(reply.status().is_redirection(), "{name}: {}", reply.status());
    reply.headers()["location"].to_str().unwrap().to_owned()
}

async fn add(app: &TestApp, variant_id: i64, quantity: &str) -> String {
    let id = variant_id.to_string();
    let location = post(
        app,
        "admin_draft_add",
        &[("variant_id", &id), ("quantity", quantity), ("q", "ааруул")],
    )
    .await;
    assert_eq!(location, "/admin/orders/new?q=%D0%B0%D0%B0%D1%80%D1%83%D1%83%D0%BB");
    notice_in(&app.get_html("/admin/orders/new").await.1).to_owned()
}

/// The draft page's one-time key.
async fn key(app: &TestApp) -> String {
    let (_, html) = app.get_html("/admin/orders/new").await;
    let at = html.find("name=\"key\" value=\"").unwrap() + 18;
    html[at..at + 32].to_owned()
}

/// The customer's form for a delivery to Bayangol with the owner's `terms` added.
fn customer<'a>(key: &'a str, terms: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("key", key),
        ("phone", PHONE),
        ("name", "Сараа"),
        ("delivery", "delivery"),
        ("district", "bayangol"),
        ("khoroo", "3"),
        ("address", "10-р байр, 25 тоот"),
        ("pay_method", "qpay"),
    ];
    for (name, value) in terms {
        match form.iter_mut().find(|(field, _)| field == name) {
            Some(field) => field.1 = value,
            None => form.push((name, value)),
        }
    }
    form
}

async fn the_owners_order_reserves_stock_like_a_checkout_and_its_link_is_paid_in_a_fresh_browser(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let aaruul = app.variant_id("aaruul-1").await;

    // Found by name in any case, or by SKU; nothing for a word no item has.
    for query in [
        "%D0%B0%D0%B0%D1%80%D1%83%D1%83%D0%BB",
        "%D0%90%D0%90%D0%A0%D0%A3%D0%A3%D0%9B",
        "AARUUL-1",
        "dried+curd",
    ] {
        let (status, html) = app.get_html(&format!("/admin/orders/new?q={query}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-sku=\"aaruul-1\""), "{query}: {html}");
        assert!(!html.contains("data-sku=\"honey-1\""), "{query}");
    }
    let (_, html) = app.get_html("/admin/orders/new?q=zzz").await;
    assert!(html.contains("data-test=\"draft-nothing-found\""));

    // Into the draft, checked as a cart is: never more than the stock.
    assert_eq!(add(&app, aaruul, "3").await, "Захиалгад нэмлээ.");
    let refused = add(&app, aaruul, "100").await;
    assert!(refused.contains("50"), "{refused}");
    assert_eq!(
        post(
            &app,
            "admin_draft_set",
            &[("variant_id", &aaruul.to_string()), ("quantity", "2")]
        )
        .await,
        "/admin/orders/new"
    );
    let (_, html) = app.get_html("/admin/orders/new").await;
    assert!(html.contains("data-test=\"draft-items\">25,000₮<"), "{html}");
    assert_eq!(app.stock_of("aaruul-1").await, 50, "a draft holds nothing");

    // Placed with a fee by hand and a discount with its reason.
    let key = key(&app).await;
    let terms = [
        ("fee", "3000"),
        ("discount", "2,000"),
        ("reason", "байнгын үйлчлүүлэгч"),
    ];
    let location = post(&app, "admin_place_draft", &customer(&key, &terms)).await;
    let order_no = location.strip_prefix("/admin/orders/").unwrap().to_owned();
    assert_eq!(app.stock_of("aaruul-1").await, 48, "reserved as a checkout does");
    let row: (i64, i64, i64, Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT total_mnt, delivery_mnt, discount_mnt, made_by, discount_reason, session_id FROM orders WHERE order_no = $1",
    )
    .bind(&order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            26_000,
            3_000,
            2_000,
            Some(OWNER.to_owned()),
            Some("байнгын үйлчлүүлэгч".to_owned()),
            None
        )
    );
    assert_eq!(app.row_count("qpay_invoices").await, 1, "its invoice was asked for");
    // Posting the same draft again opens the same order; the draft is empty for the next one.
    assert_eq!(post(&app, "admin_place_draft", &customer(&key, &terms)).await, location);
    assert_eq!(app.row_count("orders").await, 1);
    assert_eq!(app.stock_of("aaruul-1").await, 48);
    let (_, html) = app.get_html("/admin/orders/new").await;
    assert!(!html.contains("data-test=\"draft-line\""));

    // The order's page: the text to paste, its link, and the timeline says who made it.
    let (_, page) = app.get_html(&location).await;
    let view_key: String = sqlx::query_scalar("SELECT view_key FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let link = format!("{}/o/{order_no}/{view_key}", app.address);
    assert!(
        page.contains(&format!("Захиалга {order_no}: 26,000₮. Төлөх: {link}")),
        "{page}"
    );
    assert!(page.contains("data-kind=\"made\""), "{page}");
    assert!(
        sent(&app, &order_no).await.is_empty(),
        "no SMS until the owner sends one"
    );

    // "Send by SMS": the outbox sends the same text to the customer.
    assert_eq!(
        post(&app, "admin_send_pay_link", &[("order_no", &order_no)]).await,
        location
    );
    eventually(Duration::from_secs(10), "the pay link by SMS", || async {
        sent(&app, &order_no).await.len() == 1
    })
    .await;
    let (to, kind, text) = sent(&app, &order_no).await.remove(0);
    assert_eq!((to.as_str(), kind.as_str()), (PHONE, "placed"));
    assert!(text.ends_with(&link), "{text}");

    // A fresh browser, without the shop's session, opens the pay page from the link and pays.
    let shopper = Browser::new(&app);
    let reply = shopper.client.get(&link).send().await.unwrap();
    let page_path = reply.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(page_path, format!("/orders/{order_no}?key={view_key}"));
    let pay_page = shopper.get_html(&page_path).await.1;
    assert!(pay_page.contains("data-test=\"qr\""), "{pay_page}");
    assert!(pay_page.contains("26,000₮"));
    pay(&app, &order_no).await;
    eventually(Duration::from_secs(10), "paid", || async {
        crate::orders::state(&app, &order_no).await.0 == "paid"
    })
    .await;
    // Paid: no link to send any more, and asking says so.
    let (_, page) = app.get_html(&location).await;
    assert!(!page.contains("data-test=\"pay-link\""));
    post(&app, "admin_send_pay_link", &[("order_no", &order_no)]).await;
    let (_, page) = app.get_html(&location).await;
    assert!(notice_in(&page).contains("илгээсэнгүй"), "{page}");
}

async fn a_draft_that_cannot_be_placed_writes_nothing(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let aaruul = app.variant_id("aaruul-1").await;

    // An empty draft.
    let key = key(&app).await;
    assert_eq!(
        post(&app, "admin_place_draft", &customer(&key, &[])).await,
        "/admin/orders/new"
    );
    let (_, html) = app.get_html("/admin/orders/new").await;
    assert!(html.contains("data-test=\"draft-notice\""), "{html}");

    add(&app, aaruul, "2").await;
    let place_with = |terms: Vec<(&'static str, &'static str)>| {
        let app = &app;
        let key = key.clone();
        async move {
            let form = customer(&key, &terms);
            assert_eq!(post(app, "admin_place_draft", &form).await, "/admin/orders/new");
            app.get_html("/admin/orders/new").await.1
        }
    };
    // Each mistake beside its field, the form as typed.
    let html = place_with(vec![("phone", "12"), ("fee", "x"), ("discount", "500")]).await;
    for field in ["fee", "reason"] {
        assert!(
            html.contains(&format!("data-test=\"error-{field}\"")),
            "{field}: {html}"
        );
    }
    assert!(html.contains("id=\"phone-error\""), "{html}");
    // A discount of more than the items.
    let html = place_with(vec![("discount", "25001"), ("reason", "бэлэг")]).await;
    assert!(html.contains("Хөнгөлөлт барааны үнээс (25,000₮) их байна."), "{html}");
    // A way to pay the shop has not turned on.
    let html = place_with(vec![("pay_method", "cash-on-delivery")]).await;
    assert!(html.contains("data-test=\"pay-method-error\""), "{html}");

    assert_eq!(app.row_count("orders").await, 0);
    assert_eq!(app.row_count("qpay_invoices").await, 0);
    assert_eq!(app.stock_of("aaruul-1").await, 50);
    let (_, html) = app.get_html("/admin/orders/new").await;
    assert!(html.contains("data-test=\"draft-line\""), "the draft is kept: {html}");

    // A visitor who is not signed in gets nothing.
    let stranger = shopper_client();
    let reply = stranger
        .post(app.url(&server_fn_path("admin_draft_add")))
        .form(&[("variant_id", aaruul.to_string().as_str()), ("quantity", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 401);
}
