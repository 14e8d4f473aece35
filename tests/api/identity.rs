//! The shop's own identity: the owner names the shop at /admin/settings and every page, the QPay invoice's
//! description (what the bank app shows) and the texts to shoppers carry it; a colour too light to read is refused
//! and nothing changes. (Staff cannot reach either server function: the access table in staff.rs.)

use serde_json::Value;
use std::time::Duration;

use crate::{
    admin::signed_in_shop,
    helpers::{Browser, Engine, TestApp, eventually, notice_in, server_fn_path},
    orders::{payments, place, token_and_invoice},
};

crate::on_both_engines!(
    a_named_shop_shows_its_name_on_pages_on_the_invoice_and_in_texts,
    a_colour_too_light_is_refused_and_nothing_changes,
    the_owner_s_pages_are_shown_safely_linked_from_the_footer_and_checkout,
    a_change_on_one_instance_shows_on_another_within_seconds,
);

const NOMIN: [(&str, &str); 10] = [
    ("name_mn", "Номин ноолуур"),
    ("name_en", "Nomin Cashmere"),
    ("short_name", "Номин"),
    ("tagline_mn", "Говийн ноолуур"),
    ("accent", "#0b5d3b"),
    ("phones", "9911 2233, 7011-2233"),
    ("email", "hello@nomin.mn"),
    ("district", "sukhbaatar"),
    ("hours_1", "09:00-18:00"),
    ("messenger", "https://m.me/nomin"),
];

async fn save(app: &TestApp, form: &[(&str, &str)]) -> String {
    let reply = app.post_form(&server_fn_path("admin_save_shop_settings"), form).await;
    assert_eq!(reply.headers()["location"], "/admin/settings");
    app.get_html("/admin/settings").await.1
}

async fn a_named_shop_shows_its_name_on_pages_on_the_invoice_and_in_texts(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let page = save(&app, &NOMIN).await;
    assert_eq!(notice_in(&page), "Дэлгүүрийн мэдээллийг хадгаллаа.");

    // A shopper's pages: the title, the header, the footer's contacts and hours, the colour's stylesheet.
    let shopper = Browser::new(&app);
    let home = shopper.get_html("/").await.1;
    assert!(home.contains("<title>Номин ноолуур — Говийн ноолуур</title>"), "{home}");
    assert!(
        home.contains("data-test=\"shop-name\" class=\"brand-name\">Номин ноолуур<"),
        "{home}"
    );
    assert!(home.contains("href=\"tel:+97699112233\""), "{home}");
    assert!(home.contains("9911-2233") && home.contains("7011-2233") && home.contains("hello@nomin.mn"));
    assert!(
        home.contains("Даваа: 09:00-18:00") && home.contains("Ням: Амарна"),
        "{home}"
    );
    assert!(home.contains("href=\"https://m.me/nomin\""), "{home}");
    assert!(home.contains("href=\"/shop.css?v=0b5d3b\""), "{home}");
    let css = shopper.get_html("/shop.css?v=0b5d3b").await.1;
    assert_eq!(css, ":root { --brand: #0b5d3b; }\n");
    let product = shopper.get_html("/products/honey").await.1;
    assert!(product.contains("— Номин ноолуур</title>"), "{product}");
    assert!(
        product.contains("property=\"og:site_name\" content=\"Номин ноолуур\""),
        "{product}"
    );
    // In English: the English name (the shopper's language is a cookie the switch sets).
    shopper.get_html("/lang/en").await;
    let english = shopper.get_html("/").await.1;
    assert!(english.contains("class=\"brand-name\">Nomin Cashmere<"), "{english}");

    // The invoice QPay shows in the bank app, and the shopper's text.
    let order_no = place(&app, "identity").await;
    payments(&app).ensure_invoice(&order_no).await.unwrap();
    let invoice_id = token_and_invoice(&app, &order_no).await.1;
    let invoice = payments(&app).qpay().get_invoice(&invoice_id).await.unwrap();
    assert_eq!(
        invoice.invoice_description.as_deref(),
        Some(format!("Номин ноолуур {order_no}").as_str())
    );
    eventually(Duration::from_secs(10), "the placed SMS", || async {
        !placed_texts(&app, &order_no).await.is_empty()
    })
    .await;
    let text = placed_texts(&app, &order_no).await.remove(0);
    assert!(text.starts_with(&format!("Номин: Захиалга {order_no}: ")), "{text}");
}

/// The texts sent about `order_no` being placed.
async fn placed_texts(app: &TestApp, order_no: &str) -> Vec<String> {
    let messages: Vec<Value> = app.get("/sms-sandbox/_control/messages").await.json().await.unwrap();
    messages
        .iter()
        .filter(|m| m["order_no"] == order_no && m["kind"] == "placed")
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_colour_too_light_is_refused_and_nothing_changes(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let before = app.get_html("/").await.1;
    let mut form = NOMIN.to_vec();
    form[4] = ("accent", "#ffcc00");
    form.push(("hours_2", "18:00-09:00"));
    let page = save(&app, &form).await;
    assert!(page.contains("data-test=\"error-accent\""), "{page}");
    assert!(page.contains("Энэ өнгө хэт цайвар"), "{page}");
    assert!(page.contains("data-test=\"error-hours_2\""), "{page}");
    assert!(page.contains("value=\"Номин ноолуур\""), "the form comes back as typed");
    let after = app.get_html("/").await.1;
    assert!(
        after.contains("data-test=\"shop-name\" class=\"brand-name\">Жишээ дэлгүүр<"),
        "the demo shop still: {after}"
    );
    assert_eq!(before.contains("Номин"), after.contains("Номин"));
    let css = app.get("/shop.css").await.text().await.unwrap();
    assert_eq!(css, "", "no colour saved");
}

async fn save_page(app: &TestApp, slug: &str, body_mn: &str, body_en: &str) -> String {
    let form = [("slug", slug), ("body_mn", body_mn), ("body_en", body_en)];
    let reply = app.post_form(&server_fn_path("admin_save_shop_page"), &form).await;
    assert_eq!(
        reply.headers()["location"].to_str().unwrap(),
        format!("/admin/settings/pages/{slug}")
    );
    app.get_html(&format!("/admin/settings/pages/{slug}")).await.1
}

async fn the_owner_s_pages_are_shown_safely_linked_from_the_footer_and_checkout(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let shopper = Browser::new(&app);
    assert_eq!(shopper.get_html("/pages/terms").await.0, 404, "not written yet");
    assert_eq!(shopper.get_html("/pages/admin").await.0, 404, "no such page");
    let (_, home) = shopper.get_html("/").await;
    assert!(!home.contains("href=\"/pages/terms\""), "no link to a page not written");

    let hostile = "# Нөхцөл\n\n**Төлбөр** QPay-ээр.\n\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n\
                   [click](javascript:alert(1)) <a href=\"javascript:alert(2)\">x</a> <iframe src=\"https://evil.mn\">";
    let page = save_page(&app, "terms", hostile, "# Terms\n\nPaid with QPay.").await;
    assert_eq!(notice_in(&page), "Хуудсыг хадгаллаа.");
    let (status, terms) = shopper.get_html("/pages/terms").await;
    assert_eq!(status, 200);
    assert!(
        terms.contains("<h2>Нөхцөл</h2>") && terms.contains("<strong>Төлбөр</strong>"),
        "{terms}"
    );
    let body = &terms[terms.find("shop-page-body").unwrap()..terms.find("</article>").unwrap()];
    // Text that reads "javascript:" is harmless; a link or source to it is not.
    for banned in ["<script", "onerror", "=\"javascript:", "<iframe"] {
        assert!(!body.to_lowercase().contains(banned), "{banned} survived: {body}");
    }
    shopper.get_html("/lang/en").await;
    assert!(shopper.get_html("/pages/terms").await.1.contains("<h2>Terms</h2>"));

    // Linked from every page's footer, and checkout names it.
    shopper.get_html("/lang/mn").await;
    // A visitor without a session may get the home page as kept for a second (catalog/page_cache.rs).
    eventually(Duration::from_secs(5), "the footer's link", || async {
        shopper.get_html("/").await.1.contains("href=\"/pages/terms\"")
    })
    .await;
    shopper.add_to_cart("aaruul-1", 1).await;
    let (_, checkout) = shopper.get_html("/checkout").await;
    assert!(checkout.contains("data-test=\"accept-terms\""), "{checkout}");
    assert!(checkout.contains("href=\"/pages/terms\""), "{checkout}");

    // Longer than a page may be: refused beside its field. A megabyte is refused before it is read (the request's
    // size limit, 413). Either way the page stays as it was.
    let long = "a".repeat(delguur::domain::shop_page::BODY_MAX + 1);
    let page = save_page(&app, "terms", &long, "").await;
    assert!(
        page.contains("data-test=\"error-body_mn\""),
        "{}",
        &page[..2000.min(page.len())]
    );
    // A long page in Cyrillic (far more than a form's 64 KB once URL-encoded) is a page like any other.
    let long_terms = format!("# Нөхцөл\n\n{}", "Төлбөрийг QPay-ээр төлнө. ".repeat(800));
    assert!(notice_in(&save_page(&app, "terms", &long_terms, "").await).starts_with("Хуудсыг"));
    let huge = "ө".repeat(1_000_000);
    let form = [("slug", "terms"), ("body_mn", huge.as_str()), ("body_en", "")];
    let sent = app
        .client
        .post(app.url(&server_fn_path("admin_save_shop_page")))
        .form(&form)
        .send()
        .await;
    // Refused by its declared length before it is read: a 413, or the connection closed while it was still being
    // sent, whichever the client sees first.
    match sent {
        Ok(reply) => assert_eq!(reply.status(), 413),
        Err(error) => assert!(error.is_request(), "{error}"),
    }
    assert!(shopper.get_html("/pages/terms").await.1.contains("<h2>Нөхцөл</h2>"));
}

/// A second instance of the shop on `app`'s database (as a second server behind the same load balancer would be):
/// its address, and the sender that stops it.
pub(crate) async fn second_instance(app: &TestApp) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let url = app.database_url();
    let server = delguur::server::Server::build(&crate::helpers::test_config(&url, port, &[]))
        .await
        .expect("the second instance starts");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.serve(listener, async move {
        let _ = stopped.await;
    }));
    (format!("http://127.0.0.1:{port}"), stop)
}

async fn a_change_on_one_instance_shows_on_another_within_seconds(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let (other, _stop) = second_instance(&app).await;
    let home_there = || async {
        let page = reqwest::get(format!("{other}/")).await.unwrap();
        page.text().await.unwrap()
    };
    assert!(home_there().await.contains("class=\"brand-name\">Жишээ дэлгүүр<"));
    save(&app, &NOMIN).await;
    assert!(
        app.get_html("/")
            .await
            .1
            .contains("class=\"brand-name\">Номин ноолуур<"),
        "at once on the instance that saved it"
    );
    // The other asks every 2 s whether it changed, and its catalog pages are kept 1 s.
    eventually(
        Duration::from_secs(6),
        "the other instance shows the new name",
        || async { home_there().await.contains("class=\"brand-name\">Номин ноолуур<") },
    )
    .await;
}
