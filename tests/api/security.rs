//! Security by default: the page policy, cookies, escaping, body and rate limits, and honest statuses for server
//! function errors.

use crate::{
    helpers::{Engine, TestDatabase, form_action_in, spawn_app, spawn_app_on},
    orders::{order_with_invoice, place_over_http, view_key},
};

crate::on_both_engines!(
    shopper_text_is_always_rendered_escaped,
    placing_orders_is_limited_per_shopper,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_content_security_policy_whose_nonce_is_on_every_inline_script() {
    let app = spawn_app(Engine::Sqlite).await;
    let response = app.get("/products/aaruul").await;
    let headers = response.headers().clone();
    let html = response.text().await.unwrap();

    let policy = headers["content-security-policy"].to_str().unwrap().to_owned();
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} missing from {policy}");
    }
    assert!(!policy.contains("'unsafe-inline'"), "{policy}");
    // No inline event handler either (the pay page's bank logos need none: payment/pages.rs, BankLink).
    assert!(!policy.contains("'unsafe-hashes'"), "{policy}");
    let nonce = policy.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    let scripts: Vec<&str> = html
        .split("<script")
        .skip(1)
        .map(|s| &s[..s.find('>').unwrap()])
        .collect();
    assert!(!scripts.is_empty(), "a page with an island has inline scripts");
    for script in &scripts {
        assert!(
            script.contains(&format!("nonce=\"{nonce}\"")),
            "<script{script}> without the nonce"
        );
    }
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");

    let again = app.get("/products/aaruul").await;
    let second = again.headers()["content-security-policy"].to_str().unwrap();
    assert_ne!(second, policy, "a new nonce for every page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_lax_and_secure_when_the_shop_is_https() {
    for (public_url, secure) in [("http://127.0.0.1", false), ("https://shop.example", true)] {
        let database = TestDatabase::create(&Engine::Sqlite).await;
        let app = spawn_app_on(database, &[("PUBLIC_URL", public_url), ("QPAY_MODE", "local")]).await;
        let add = app.form_action("/products/honey", "add_to_cart").await;
        let reply = app.post_form(&add, &[("variant_id", "1"), ("quantity", "1")]).await;
        let cookie = reply
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("delguur.sid="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert_eq!(cookie.contains("Secure"), secure, "{public_url}: {cookie}");
    }
}

async fn shopper_text_is_always_rendered_escaped(engine: Engine) {
    let app = spawn_app(engine).await;
    let (order_no, _, _) = order_with_invoice(&app, "k1").await;
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    sqlx::query("UPDATE orders SET customer_name = $2, note = $2 WHERE order_no = $1")
        .bind(&order_no)
        .bind(hostile)
        .execute(app.db.pool())
        .await
        .unwrap();

    let key = view_key(&app, &order_no).await;
    let (status, html) = app.get_html(&format!("/orders/{order_no}?key={key}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains(hostile), "shopper text must never become markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
}

async fn placing_orders_is_limited_per_shopper(engine: Engine) {
    let app = spawn_app(engine).await;
    sqlx::query("UPDATE variants SET stock = 1000")
        .execute(app.db.pool())
        .await
        .unwrap();
    for i in 0..10 {
        let placed = place_over_http(&app).await;
        assert!(placed.starts_with("/orders/"), "order {i} is placed: {placed}");
    }
    let refused = place_over_http(&app).await;
    assert_eq!(
        refused, "/checkout",
        "the eleventh order in ten minutes goes back to checkout"
    );
    let (_, html) = app.get_html("/checkout").await;
    assert!(html.contains("хэт олон захиалга"), "with a message saying why");
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(orders, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_body_over_64_kb_is_refused() {
    let app = spawn_app(Engine::Sqlite).await;
    let add = app.form_action("/products/honey", "add_to_cart").await;
    let reply = app
        .client
        .post(app.url(&add))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("variant_id=1&quantity=1&pad={}", "a".repeat(70_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 413);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_function_errors_answer_4xx_to_script_callers() {
    let app = spawn_app(Engine::Sqlite).await;
    let page = place_over_http(&app).await;
    let (_, html) = app.get_html(&page).await;
    let check = form_action_in(&html, "check_payment_now").unwrap();
    let status = |form: Vec<(&'static str, &'static str)>| {
        let (client, url) = (app.client.clone(), app.url(&check));
        async move { client.post(url).form(&form).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status(vec![]).await, 400, "a missing argument");
    assert_eq!(status(vec![("order_no", "ZZZZZZZZ")]).await, 404, "no such order");
    assert_eq!(status(vec![("order_no", "\u{0}")]).await, 404, "not an order number");
}
