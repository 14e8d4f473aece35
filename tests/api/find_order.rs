//! Finding an order again: the order number and phone give a code by SMS to that phone, and the code opens the order's
//! page in the browser that asked; five tries, ten minutes, limits per phone and address; the page answers the same
//! whether or not the order exists.

use std::time::Duration;

use serde_json::Value;

use crate::{
    helpers::{Browser, Engine, TestApp, eventually, spawn_quick},
    orders::place,
};

crate::on_both_engines!(
    a_code_sent_to_the_orders_phone_opens_it_in_a_new_browser,
    the_page_answers_the_same_whether_or_not_the_order_exists,
    a_code_has_five_tries_and_runs_out,
    parallel_tries_count_no_more_than_five,
    asking_is_limited_per_phone_and_per_address,
);

const PHONE: &str = "99112233";

/// What a shopper's browser (made [`Browser::from_address`]) does on the page.
impl Browser<'_> {
    /// Posts `form` to the server function `name`, which redirects; the redirect's target.
    async fn post_redirected(&self, name: &str, form: &[(&str, &str)]) -> String {
        let (status, location) = self.post(name, form).await;
        assert_eq!(status, 302, "{name} redirects");
        location
    }

    async fn ask(&self, order_no: &str, phone: &str) -> String {
        self.post_redirected("find_order_ask", &[("order_no", order_no), ("phone", phone)])
            .await
    }

    async fn try_code(&self, code: &str) -> String {
        self.post_redirected("find_order_open", &[("code", code)]).await
    }

    async fn page(&self) -> String {
        let (status, html) = self.get_html("/orders/find").await;
        assert_eq!(status, 200);
        html
    }

    /// Whether the page says a code was sent (if the number and phone match).
    async fn told(&self) -> bool {
        self.notice().await.contains("код илгээлээ")
    }

    /// The page's notice.
    async fn notice(&self) -> String {
        let html = self.page().await;
        let Some(at) = html.find("data-test=\"find-notice\"") else {
            return String::new();
        };
        let start = at + html[at..].find('>').unwrap() + 1;
        html[start..start + html[start..].find('<').unwrap()].to_owned()
    }
}

/// The codes sent about `order_no`, oldest first.
async fn codes_sent(app: &TestApp, order_no: &str) -> Vec<(String, String)> {
    let messages: Vec<Value> = app.get("/sms-sandbox/_control/messages").await.json().await.unwrap();
    let mut codes: Vec<(String, String)> = messages
        .iter()
        .filter(|m| m["order_no"] == order_no && m["kind"] == "lookup-code")
        .map(|m| {
            // The demo shop's short name, then the code.
            let text = m["text"]
                .as_str()
                .unwrap()
                .strip_prefix("Жишээ: ")
                .expect("the shop's name first");
            (m["to"].as_str().unwrap().to_owned(), text.chars().take(6).collect())
        })
        .collect();
    codes.reverse();
    codes
}

async fn wait_for_codes(app: &TestApp, order_no: &str, count: usize) -> Vec<(String, String)> {
    eventually(Duration::from_secs(10), "the code's SMS", || async {
        codes_sent(app, order_no).await.len() >= count
    })
    .await;
    codes_sent(app, order_no).await
}

async fn lookups(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM order_lookups")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// A code of six digits other than `code`.
fn wrong(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

async fn a_code_sent_to_the_orders_phone_opens_it_in_a_new_browser(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    let order_no = place(&app, "k1").await;
    let browser = Browser::from_address(&app, "10.0.0.1");
    let (_, page) = app.get_html("/").await;
    assert!(
        page.contains("href=\"/orders/find\""),
        "every page's footer links to the page"
    );

    // Typed as a shopper might: lower case, with the phone's space.
    assert_eq!(browser.ask(&order_no.to_lowercase(), "9911 2233").await, "/orders/find");
    assert!(browser.notice().await.contains("6 оронтой код илгээлээ"));
    assert!(browser.page().await.contains("data-test=\"find-code-form\""));
    let sent = wait_for_codes(&app, &order_no, 1).await;
    let (to, code) = &sent[0];
    assert_eq!(to, PHONE);
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");

    assert_eq!(browser.try_code(wrong(code)).await, "/orders/find");
    assert_eq!(browser.notice().await, "Код буруу байна. 4 оролдлого үлдлээ.");
    let opened = browser.try_code(&format!("{} {}", &code[..3], &code[3..])).await;
    assert!(opened.starts_with(&format!("/orders/{order_no}?key=")), "{opened}");
    let order_page = browser.client.get(app.url(&opened)).send().await.unwrap();
    assert_eq!(order_page.status(), 200);
    let html = order_page.text().await.unwrap();
    assert!(
        html.contains(&order_no) && html.contains("25,000₮"),
        "the order's page opens"
    );

    // A code opens its order once; the timeline says a code was sent, never which.
    assert_eq!(browser.try_code(code).await, "/orders/find");
    assert_eq!(browser.notice().await, "Код хүчингүй боллоо. Шинэ код авна уу.");
    let timeline: Vec<String> = sqlx::query_scalar(
        "SELECT e.detail FROM payment_events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = $1",
    )
    .bind(&order_no)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert!(
        timeline
            .iter()
            .any(|detail| detail.starts_with("lookup-code sms to 99112233"))
    );
    assert!(!timeline.iter().any(|detail| detail.contains(code.as_str())));
}

async fn the_page_answers_the_same_whether_or_not_the_order_exists(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    let order_no = place(&app, "k1").await;
    let other = if order_no.starts_with('Z') {
        "Y0000000"
    } else {
        "Z0000000"
    };
    let cases = [
        (order_no.as_str(), PHONE),
        (order_no.as_str(), "88112233"),
        (other, PHONE),
    ];
    let mut answers = Vec::new();
    for (i, (number, phone)) in cases.into_iter().enumerate() {
        let browser = Browser::from_address(&app, &format!("10.0.1.{i}"));
        let redirect = browser.ask(number, phone).await;
        // The page as a stranger sees it, less the nonce every response has its own of.
        let page = browser.page().await;
        let page = match page.find("nonce=\"") {
            Some(at) => page[..at].to_owned(),
            None => page,
        };
        let tried = browser.try_code("123456").await;
        let after = browser.notice().await;
        answers.push((redirect, page, tried, after));
    }
    assert_eq!(answers[0], answers[1], "a wrong phone reads as the right one");
    assert_eq!(answers[0], answers[2], "a missing order reads as one that exists");
    assert_eq!(lookups(&app).await, 3, "each made a lookup");
    // Only the matching pair was sent a code.
    let sent = wait_for_codes(&app, &order_no, 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(codes_sent(&app, &order_no).await.len(), 1, "{sent:?}");
    let all: Vec<Value> = app.get("/sms-sandbox/_control/messages").await.json().await.unwrap();
    assert_eq!(all.iter().filter(|m| m["kind"] == "lookup-code").count(), 1);
}

async fn a_code_has_five_tries_and_runs_out(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    let order_no = place(&app, "k1").await;

    // Four wrong codes, then the right one still opens the order.
    let browser = Browser::from_address(&app, "10.0.2.1");
    browser.ask(&order_no, PHONE).await;
    let code = wait_for_codes(&app, &order_no, 1).await[0].1.clone();
    for left in (1..=4).rev() {
        browser.try_code(wrong(&code)).await;
        assert_eq!(
            browser.notice().await,
            format!("Код буруу байна. {left} оролдлого үлдлээ.")
        );
    }
    assert!(browser.try_code(&code).await.starts_with("/orders/"));

    // Five wrong codes use the code up: the right one no longer opens anything.
    let browser = Browser::from_address(&app, "10.0.2.2");
    browser.ask(&order_no, PHONE).await;
    let code = wait_for_codes(&app, &order_no, 2).await[1].1.clone();
    for _ in 0..4 {
        browser.try_code(wrong(&code)).await;
    }
    browser.try_code(wrong(&code)).await;
    assert_eq!(browser.notice().await, "Код хүчингүй боллоо. Шинэ код авна уу.");
    assert_eq!(browser.try_code(&code).await, "/orders/find");
    assert!(!browser.page().await.contains("find-code-form"), "ask for a new code");

    // Ten minutes on, the right code is refused too.
    let browser = Browser::from_address(&app, "10.0.2.3");
    browser.ask(&order_no, PHONE).await;
    let code = wait_for_codes(&app, &order_no, 3).await[2].1.clone();
    sqlx::query("UPDATE order_lookups SET expires_at = $1 WHERE tries_left = 5")
        .bind(delguur::db::now_ms() - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(browser.try_code(&code).await, "/orders/find");
    assert_eq!(browser.notice().await, "Код хүчингүй боллоо. Шинэ код авна уу.");

    // Bad shapes are told apart, and cost no try.
    browser.ask(&order_no, PHONE).await;
    assert_eq!(browser.try_code("12345").await, "/orders/find");
    assert_eq!(browser.notice().await, "Код 6 оронтой тоо байна.");
    browser.ask("AB12", PHONE).await;
    assert!(browser.notice().await.starts_with("Захиалгын дугаар 8 тэмдэгт"));
    browser.ask(&order_no, "1234").await;
    assert!(browser.notice().await.starts_with("Утасны дугаар 8 оронтой"));
}

async fn parallel_tries_count_no_more_than_five(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    let order_no = place(&app, "k1").await;
    let finder = &app.services.find_order;
    let order = delguur::domain::OrderNo::parse(&order_no).unwrap();
    let phone = delguur::domain::Phone::parse(PHONE).unwrap();
    let address = "10.0.3.1".parse().ok();
    let asked = finder
        .ask(&order, &phone, address, delguur::i18n::Lang::Mn)
        .await
        .unwrap();
    let delguur::find_order::service::Asked::Lookup(token) = asked else {
        panic!("not limited")
    };
    let code = wait_for_codes(&app, &order_no, 1).await[0].1.clone();
    let tries = (0..12).map(|_| finder.open(&token, wrong(&code)));
    let outcomes = futures::future::join_all(tries).await;
    let counted = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(delguur::find_order::service::Opened::Wrong { .. })))
        .count();
    assert_eq!(
        counted, 4,
        "four wrong tries say how many are left, the fifth uses the code up: {outcomes:?}"
    );
    assert_eq!(
        finder.open(&token, &code).await.unwrap(),
        delguur::find_order::service::Opened::Spent
    );
}

async fn asking_is_limited_per_phone_and_per_address(engine: Engine) {
    let app = spawn_quick(engine, &[]).await;
    let order_no = place(&app, "k1").await;
    // Five codes an hour for one order number and phone, from anywhere.
    for i in 0..5 {
        let browser = Browser::from_address(&app, &format!("10.0.4.{i}"));
        browser.ask(&order_no, PHONE).await;
        assert!(browser.told().await, "request {i}");
    }
    let browser = Browser::from_address(&app, "10.0.4.9");
    browser.ask(&order_no, PHONE).await;
    assert_eq!(
        browser.notice().await,
        "Хэт олон удаа оролдлоо. Нэг цагийн дараа дахин оролдоно уу."
    );
    assert_eq!(lookups(&app).await, 5, "a refused request makes no lookup");
    // A stranger trying other numbers with the phone does not use up its owner's.
    let other = if order_no.starts_with('Z') {
        "Y0000000"
    } else {
        "Z0000000"
    };
    browser.ask(other, PHONE).await;
    assert!(browser.told().await);

    // Ten a day: the next hour gives five more, then the day's limit holds.
    let next_hour = || async {
        sqlx::query("DELETE FROM rate_limits WHERE key LIKE 'find_order:pair-hour:%'")
            .execute(app.db.pool())
            .await
            .unwrap();
    };
    next_hour().await;
    for i in 0..5 {
        let browser = Browser::from_address(&app, &format!("10.0.6.{i}"));
        browser.ask(&order_no, PHONE).await;
        assert!(browser.told().await, "request {i} of the next hour");
    }
    next_hour().await;
    let browser = Browser::from_address(&app, "10.0.6.9");
    browser.ask(&order_no, PHONE).await;
    assert!(browser.notice().await.starts_with("Хэт олон удаа"), "the day's limit");
    assert_eq!(lookups(&app).await, 11);

    // Ten requests an hour from one address, whatever the numbers and phones.
    let browser = Browser::from_address(&app, "10.0.5.1");
    for i in 0..10 {
        browser.ask(&order_no, &format!("8800{i:04}")).await;
        assert!(browser.told().await, "request {i}");
    }
    browser.ask(&order_no, "88119999").await;
    assert!(browser.notice().await.starts_with("Хэт олон удаа"));
    assert_eq!(lookups(&app).await, 21);
    wait_for_codes(&app, &order_no, 10).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        codes_sent(&app, &order_no).await.len(),
        10,
        "only the matching requests sent a code"
    );
}
