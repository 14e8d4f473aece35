//! The going-live checklist on /admin (issue #35): each step ticks when the shop really is so (a name, contacts, a
//! product with the owner's own picture and stock, a way to deliver, a payment through QPay, the owner's word for
//! what is knowingly left, a backup), QPay's never in the built-in emulator, and the list is gone once every step is
//! done; `delguur check-config` prints the same. Staff see none of it and cannot give the owner's word.

use std::{process::Command, time::Duration};

use delguur::db::Backend;
use serde_json::json;

use crate::{
    admin::signed_in_shop,
    helpers::{Engine, TestApp, eventually, notice_in, server_fn_path},
    orders::{pay, payments, state, token_and_invoice},
    process::standalone_emulator,
    shop::{line, pickup_customer},
    staff::staff_member,
};

crate::on_both_engines!(
    a_new_shop_s_checklist_ticks_as_its_steps_are_taken,
    the_demo_shop_starts_with_what_its_seed_set,
    staff_neither_see_the_checklist_nor_give_the_owner_s_word,
    once_every_step_is_done_the_checklist_is_gone,
);

const BIN: &str = env!("CARGO_BIN_EXE_delguur");

const STEPS: [&str; 10] = [
    "name",
    "logo",
    "contacts",
    "products",
    "delivery",
    "qpay",
    "test-payment",
    "messages",
    "ebarimt",
    "backup",
];

/// Whether the page shows `step` ticked; `None` when it does not show the step at all.
fn ticked(html: &str, step: &str) -> Option<bool> {
    let at = html.find(&format!("data-step=\"{step}\""))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    Some(html[start..end].contains("data-done=\"yes\""))
}

/// The steps `/admin` shows ticked, in the checklist's order.
async fn ticks(app: &TestApp) -> Vec<&'static str> {
    let (_, page) = app.get_html("/admin").await;
    assert!(page.contains("data-test=\"launch-checklist\""), "the checklist: {page}");
    STEPS
        .into_iter()
        .filter(|step| ticked(&page, step).unwrap_or_else(|| panic!("{step} on {page}")))
        .collect()
}

/// Posts a form of the owner's as a browser without JavaScript does; the page it leads back to.
async fn post(app: &TestApp, name: &str, form: &[(&str, &str)]) -> String {
    let reply = app.post_form(&server_fn_path(name), form).await;
    assert_eq!(reply.status().as_u16() / 100, 3, "{name} answers with a redirect");
    let to = reply.headers()["location"].to_str().unwrap().to_owned();
    app.get_html(&to).await.1
}

/// The owner's word on a step; the notice `/admin` then shows.
async fn acknowledge(app: &TestApp, mark: &str) -> String {
    let page = post(app, "admin_launch_acknowledge", &[("mark", mark)]).await;
    notice_in(&page).to_owned()
}

/// Uploads a picture for the product `slug`, as the catalog's image form does.
async fn upload_picture(app: &TestApp, slug: &str) {
    let id: i64 = sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
        .bind(slug)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let part = reqwest::multipart::Part::bytes(crate::helpers::png(64, 64))
        .file_name("goods.png")
        .mime_str("image/png")
        .unwrap();
    let reply = app
        .client
        .post(app.url(&format!("/admin/products/{id}/image")))
        .multipart(reqwest::multipart::Form::new().part("image", part))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16() / 100, 3, "the picture is taken");
    let page = app.get_html(&format!("/admin/products/{id}")).await.1;
    assert_eq!(notice_in(&page), "Зургийг хадгаллаа.");
}

/// A 64×64 PNG as the shop's logo, uploaded as the settings page's form does (`tests/api/logo.rs` tries the rest).
async fn upload_logo(app: &TestApp) {
    let part = reqwest::multipart::Part::bytes(crate::helpers::png(64, 64))
        .file_name("logo.png")
        .mime_str("image/png")
        .unwrap();
    let reply = app
        .client
        .post(app.url("/admin/settings/logo"))
        .multipart(reqwest::multipart::Form::new().part("logo", part))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.headers()["location"], "/admin/settings");
    assert_eq!(notice_in(&app.get_html("/admin/settings").await.1), "Логог хадгаллаа.");
}

/// `delguur backup` of the running shop's SQLite database, as an operator runs it.
fn backup_with_the_command(app: &TestApp) {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("backup.db");
    let output = Command::new(BIN)
        .args(["backup", &file.display().to_string()])
        .env_clear()
        .env("DATABASE_URL", app.database_url())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The backup step taken as the engine allows: `delguur backup` on SQLite; on PostgreSQL, which it does not copy,
/// the owner's word that `pg_dump` does.
async fn take_the_backup_step(app: &TestApp) {
    let (_, page) = app.get_html("/admin").await;
    let offered = page.contains("data-test=\"acknowledge-backup_elsewhere\"");
    if app.db.backend() == Backend::Sqlite {
        assert!(!offered, "SQLite's backup is `delguur backup`'s: {page}");
        backup_with_the_command(app);
    } else {
        assert!(offered, "PostgreSQL is backed up elsewhere: {page}");
        acknowledge(app, "backup_elsewhere").await;
    }
}

/// An order of one aaruul, collected at pickup point 1, with its QPay invoice; its number.
async fn order_to_pay(app: &TestApp, key: &str) -> String {
    let variant = app.variant_id("aaruul-1").await;
    let placed = app
        .place_order(key, None, &pickup_customer(), &[line(variant, 1)])
        .await
        .unwrap();
    let order_no = placed.order_no.to_string();
    payments(app).ensure_invoice(&order_no).await.unwrap();
    order_no
}

async fn paid(app: &TestApp, order_no: &str) {
    eventually(Duration::from_secs(10), "the order paid", || async {
        state(app, order_no).await.0 == "paid"
    })
    .await;
}

async fn a_new_shop_s_checklist_ticks_as_its_steps_are_taken(engine: Engine) {
    let app = signed_in_shop(engine, &[("SEED_DEMO_CATALOG", "false")]).await;
    assert_eq!(ticks(&app).await, Vec::<&str>::new(), "nothing is set up yet");

    // The name alone is not the contacts: a phone, and an e-mail or an address.
    let name = [
        ("name_mn", "Номин ноолуур"),
        ("short_name", "Номин"),
        ("phones", "9911 2233"),
    ];
    post(&app, "admin_save_shop_settings", &name).await;
    assert_eq!(ticks(&app).await, ["name"]);
    let mut contacts = name.to_vec();
    contacts.push(("email", "hello@nomin.mn"));
    post(&app, "admin_save_shop_settings", &contacts).await;
    assert_eq!(ticks(&app).await, ["name", "contacts"]);

    // A product on sale in stock ticks only once it has a picture of the owner's own.
    post(
        &app,
        "admin_save_category",
        &[("slug", "food"), ("name_mn", "Хүнс"), ("name_en", "Food")],
    )
    .await;
    let product = [
        ("slug", "aaruul"),
        ("category", "food"),
        ("name_mn", "Ааруул"),
        ("name_en", "Aaruul"),
        ("description_mn", "Говийн ааруул."),
    ];
    post(&app, "admin_save_product", &product).await;
    let product_id: i64 = sqlx::query_scalar("SELECT id FROM products WHERE slug = 'aaruul'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let product_id = product_id.to_string();
    let variant = [
        ("product_id", product_id.as_str()),
        ("sku", "aaruul-1"),
        ("name_mn", "200 г"),
        ("name_en", "200 g"),
        ("price", "12500"),
        ("stock", "10"),
    ];
    post(&app, "admin_save_variant", &variant).await;
    assert!(
        !ticks(&app).await.contains(&"products"),
        "the placeholder is no picture"
    );
    upload_picture(&app, "aaruul").await;
    assert_eq!(ticks(&app).await, ["name", "contacts", "products"]);

    // A pickup point is a way to deliver (and where the test order is collected).
    let point = [
        ("name_mn", "Дэлгүүр"),
        ("address_mn", "Сүхбаатар, 1-р хороо"),
        ("hours_mn", "10:00–19:00"),
        ("active", "on"),
    ];
    post(&app, "admin_save_pickup_point", &point).await;
    assert_eq!(ticks(&app).await, ["name", "contacts", "products", "delivery"]);

    // The emulator's token proves nothing of the merchant's credentials: asked, the page says why it stays unticked.
    let none: [(&str, &str); 0] = [];
    let page = post(&app, "admin_check_qpay", &none).await;
    assert_eq!(
        notice_in(&page),
        delguur::i18n::Lang::Mn.launch().qpay_local_not_counted
    );
    assert!(page.contains("QPAY_MODE=sandbox"), "what to set instead: {page}");
    assert_eq!(ticks_on(&page), ["name", "contacts", "products", "delivery"]);

    // The emulator's payment is a payment seen through: invoice, bank app, callback.
    let order_no = order_to_pay(&app, "launch").await;
    pay(&app, &order_no).await;
    paid(&app, &order_no).await;
    assert!(ticks(&app).await.contains(&"test-payment"));

    // The owner's word for what is knowingly left.
    assert_eq!(acknowledge(&app, "messages_left_local").await, "Тэмдэглэлээ.");
    acknowledge(&app, "ebarimt_off").await;
    take_the_backup_step(&app).await;
    upload_logo(&app).await;
    assert_eq!(
        ticks(&app).await,
        [
            "name",
            "logo",
            "contacts",
            "products",
            "delivery",
            "test-payment",
            "messages",
            "ebarimt",
            "backup"
        ],
        "all but QPay, which the emulator never ticks"
    );
}

/// The steps `page` shows ticked.
fn ticks_on(page: &str) -> Vec<&'static str> {
    STEPS
        .into_iter()
        .filter(|step| ticked(page, step) == Some(true))
        .collect()
}

async fn the_demo_shop_starts_with_what_its_seed_set(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    // The demo's name, contacts, delivery and products with their pictures (drawn at seeding and stored as an
    // upload is) are the demo shop's real settings; a real shop starts with SEED_DEMO_CATALOG=false.
    assert_eq!(ticks(&app).await, ["name", "contacts", "products", "delivery"]);
    // The owner's word is for what may be knowingly left: a check the shop records itself cannot be said done.
    let reply = app
        .client
        .post(app.url(&server_fn_path("admin_launch_acknowledge")))
        .form(&[("mark", "qpay_token")])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 404, "the shop records its own checks");
    assert_eq!(app.row_count("launch_marks").await, 0);
}

async fn staff_neither_see_the_checklist_nor_give_the_owner_s_word(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let staff = staff_member(&app).await;
    let (status, list) = staff.get_html("/admin").await;
    assert_eq!(status, 200);
    assert!(
        !list.contains("launch-checklist"),
        "staff's /admin is the orders: {list}"
    );
    for (name, mark) in [
        ("admin_launch_acknowledge", "messages_left_local"),
        ("admin_launch_acknowledge", "ebarimt_off"),
        ("admin_launch_acknowledge", "backup_elsewhere"),
        ("admin_check_qpay", ""),
        ("get_admin_launch", ""),
    ] {
        let reply = staff
            .client
            .post(app.url(&server_fn_path(name)))
            .form(&[("mark", mark)])
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 403, "{name} {mark}");
    }
    assert_eq!(app.row_count("launch_marks").await, 0);
    let (_, owners) = app.get_html("/admin").await;
    assert!(owners.contains("data-test=\"launch-checklist\""), "the owner's has it");
}

async fn once_every_step_is_done_the_checklist_is_gone(engine: Engine) {
    // QPay's sandbox played by an emulator of its own: the shop asks it as it would ask QPay.
    let emulator = standalone_emulator().await;
    let base = format!("{emulator}/v2");
    let vars = [("QPAY_MODE", "sandbox"), ("QPAY_BASE_URL", base.as_str())];
    let app = signed_in_shop(engine, &vars).await;
    upload_logo(&app).await;

    let page = post(&app, "admin_check_qpay", &[] as &[(&str, &str)]).await;
    assert_eq!(notice_in(&page), delguur::i18n::Lang::Mn.launch().qpay_accepted);
    assert!(ticks_on(&page).contains(&"qpay"), "{page}");

    // Paid in the sandbox's bank app, which calls the shop back as QPay does.
    let order_no = order_to_pay(&app, "sandbox").await;
    let invoice_id = token_and_invoice(&app, &order_no).await.1;
    let reply = reqwest::Client::new()
        .post(format!("{emulator}/_control/pay"))
        .json(&json!({"invoice_id": invoice_id}))
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
    paid(&app, &order_no).await;
    acknowledge(&app, "messages_left_local").await;
    acknowledge(&app, "ebarimt_off").await;
    take_the_backup_step(&app).await;

    let (_, page) = app.get_html("/admin").await;
    assert!(!page.contains("launch-checklist"), "every step done: {page}");
    assert!(page.contains("data-test=\"order-summary\""), "the orders stay");

    // check-config prints the same checklist, all ticked.
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/target/site");
    let output = Command::new(BIN)
        .arg("check-config")
        .env_clear()
        .env("DATABASE_URL", app.database_url())
        .env("LEPTOS_SITE_ROOT", site)
        .envs(vars)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("Getting ready to go live: 0 of 10 steps left"), "{text}");
    assert!(text.contains("[x] QPay credentials that work"), "{text}");
    assert!(!text.contains("[ ]"), "{text}");
}
