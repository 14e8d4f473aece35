//! The order's timeline on the owner's page (issue #21): every entry a sentence in the page's language, money as
//! `25,000₮`, the ids kept beside the sentence rather than in it.

use std::time::Duration;

use serde_json::json;

use crate::{
    admin::{OWNER, PASSWORD, act, action_path, quick_with_owner, sign_in},
    helpers::{Engine, eventually, server_fn_path},
    orders::{callback, order_with_invoice, owner_told},
};

crate::on_both_engines!(every_entry_of_a_paid_shipped_and_refunded_order_is_in_the_pages_language);

/// One entry as the page shows it: its kind (the page's hook), its sentence, and all its text (the time, the
/// sentence, who did it, the detail).
#[derive(Debug)]
struct Entry {
    kind: String,
    sentence: String,
    all: String,
}

async fn every_entry_of_a_paid_shipped_and_refunded_order_is_in_the_pages_language(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let (order_no, token, invoice_id) = order_with_invoice(&app, "k1").await;
    app.sandbox_control("/settings", json!({"callback": {"drop": true}}))
        .await;
    let paid = app
        .sandbox_control("/pay", json!({"invoice_id": invoice_id, "method": "P2P"}))
        .await;
    let payment_id = paid["payment_id"].as_str().unwrap().to_owned();
    callback(&app, &order_no, &token, &payment_id).await;
    assert_eq!(crate::orders::state(&app, &order_no).await.0, "paid");
    owner_told(&app, &order_no).await;

    // Packed, shipped with the courier's note, and part of it returned by hand.
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    act(&app, &order_no, "packed").await;
    let shipped = [
        ("order_no", order_no.as_str()),
        ("action", "shipped"),
        ("note", "Бат-Эрдэнэ, 17-19 цагт"),
    ];
    app.post_form(&action_path(), &shipped).await;
    let refund = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "5000"),
        ("note", "Хаан банкаар буцаав"),
    ];
    app.post_form(&server_fn_path("admin_refund"), &refund).await;
    assert_eq!(crate::refunds::refunded_and_flag(&app, &order_no).await.0, 5_000);
    // The shopper's texts of each step (placed, paid, ready to collect, shipped, refunded) have their lines too,
    // and nothing is left to write one while the two pages are read.
    let pending = "SELECT COUNT(*) FROM outbox x JOIN orders o ON o.id = x.order_id \
                   WHERE o.order_no = $1 AND x.state = 'pending'";
    eventually(Duration::from_secs(10), "the shopper's texts sent", || async {
        crate::orders::events(&app, &order_no, "notice_sent").await >= 5
            && crate::orders::count(&app, pending, &order_no).await == 0
    })
    .await;

    let page = format!("/admin/orders/{order_no}");
    let (_, mongolian) = app.get_html(&page).await;
    app.get("/lang/en").await;
    let (_, english) = app.get_html(&page).await;
    let (mongolian, english) = (entries(&mongolian), entries(&english));

    let kinds: Vec<&str> = mongolian.iter().map(|entry| entry.kind.as_str()).collect();
    for kind in [
        "invoice_created",
        "callback",
        "checked",
        "state",
        "owner_notified",
        "notice_sent",
        "fulfilment",
        "refund",
    ] {
        assert!(kinds.contains(&kind), "a {kind} entry among {kinds:?}");
    }
    assert_eq!(
        english.iter().map(|entry| entry.kind.as_str()).collect::<Vec<_>>(),
        kinds,
        "the same entries in both languages"
    );
    for (shown, lang) in [(&mongolian, "mn"), (&english, "en")] {
        for entry in shown.iter() {
            assert!(!has_snake_case(&entry.all), "{lang}: a machine word in {entry:#?}");
            assert!(!entry.sentence.is_empty(), "{lang}: {entry:#?}");
            assert!(
                !entry.sentence.contains("5000"),
                "{lang}: money as people write it: {entry:#?}"
            );
        }
        assert_money(shown, lang, &payment_id);
    }
    for (mn, en) in mongolian.iter().zip(&english) {
        assert!(
            mn.sentence.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
            "in Mongolian: {mn:#?}"
        );
        assert_ne!(mn.sentence, en.sentence, "a sentence of its own in each language");
    }
}

/// Money in words as the shop writes it (`25,000₮`), and QPay's payment id beside its callback, not in it.
fn assert_money(entries: &[Entry], lang: &str, payment_id: &str) {
    let of = |kind: &'static str| entries.iter().filter(move |entry| entry.kind == kind);
    assert!(
        of("checked").any(|entry| entry.sentence.matches("25,000₮").count() == 2),
        "{lang}: 25,000₮ of 25,000₮ paid: {entries:#?}"
    );
    assert!(
        of("refund").any(|entry| entry.sentence.contains("5,000₮") && !entry.sentence.contains("25,000₮")),
        "{lang}: 5,000₮ returned: {entries:#?}"
    );
    assert!(
        of("callback").all(|entry| entry.all.contains(payment_id) && !entry.sentence.contains(payment_id)),
        "{lang}: the payment id beside the callback: {entries:#?}"
    );
}

/// The timeline's entries on an order's page.
fn entries(html: &str) -> Vec<Entry> {
    let start = html.find("data-test=\"timeline\"").expect("the page has a timeline");
    let list = &html[start..];
    let list = &list[..list.find("</ol>").expect("the timeline ends")];
    list.split("<li")
        .skip(1)
        .map(|item| {
            let kind_at = item.find("data-kind=\"").expect("each entry names its kind") + 11;
            let kind = item[kind_at..kind_at + item[kind_at..].find('"').unwrap()].to_owned();
            let item = &item[item.find('>').unwrap() + 1..];
            let item = &item[..item.find("</li>").unwrap_or(item.len())];
            let text = &item[item
                .find("data-test=\"timeline-text\"")
                .expect("each entry says what happened")..];
            let sentence = &text[text.find('>').unwrap() + 1..text.find("</span>").unwrap()];
            Entry {
                kind,
                sentence: words(sentence),
                all: words(item),
            }
        })
        .collect()
}

/// The text of a piece of HTML: each tag taken out as a space, spaces run together.
fn words(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` has a machine word such as `owner_notified`: a lower-case letter on each side of an underscore.
fn has_snake_case(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_lowercase() && w[1] == '_' && w[2].is_ascii_lowercase())
}
