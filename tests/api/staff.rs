//! Staff accounts: the owner invites by e-mail and phone, the link (sent through the outbox) sets a password once,
//! staff do the daily work on orders and are refused everything else by the server, and a disabled account's live
//! session is refused on its next request, and still when the account is enabled again. Staff record cash received, and
//! only the owner a bank transfer.

use serde_json::Value;

use crate::{
    admin::{OWNER, PASSWORD, quick_with_owner, sign_in},
    helpers::{Browser, Engine, TestApp, eventually, notice_in, server_fn_path},
    orders::{callback, order_with_invoice, pay_quietly},
};

crate::on_both_engines!(
    the_owner_invites_staff_and_the_link_sets_a_password_once,
    staff_are_refused_every_function_that_is_not_theirs,
    staff_pack_and_ship_but_do_not_see_the_owners_controls,
    a_disabled_account_is_refused_on_its_next_request,
    an_account_enabled_again_does_not_bring_back_its_sessions,
    staff_record_cash_but_only_the_owner_a_transfer,
);

const STAFF: &str = "packer@shop.mn";
const STAFF_PHONE: &str = "99112233";
const STAFF_PASSWORD: &str = "savlagch-2026";

// Every server function the shop registers is on exactly one of PUBLIC, STAFF_MAY and OWNERS_ONLY, by its name.
// The walks go through every registered function ([`registered_server_functions`]), not through these lists, and
// fail on one that is on none: a new server function is put on one after its access is checked. Then a visitor is
// refused every one but the public ones (`catalog_admin.rs`), and staff every one that is the owners' (below).

/// Anyone's: the shopper's functions (the catalog, the cart, checkout, the pay page, finding an order again) and the
/// doors to an account (signing in and out, an invitation's page and its password, which check their own token).
pub const PUBLIC: [&str; 25] = [
    "list_products",
    "get_shop_page",
    "get_product",
    "get_cart",
    "cart_count",
    "add_to_cart",
    "update_cart_line",
    "remove_cart_line",
    "apply_code",
    "get_checkout",
    "update_checkout",
    "checkout_quote",
    "place_order",
    "get_order",
    "order_status",
    "check_payment_now",
    "retry_invoice",
    "get_find_order",
    "find_order_ask",
    "find_order_open",
    "get_sign_in",
    "admin_sign_in",
    "admin_sign_out",
    "get_invite",
    "accept_invite",
];

/// The server functions staff may call (and the owner), each refusing a visitor.
pub const STAFF_MAY: [&str; 6] = [
    "get_admin_orders",
    "get_admin_order",
    "orders_stamp",
    "admin_receive_payment",
    "get_admin_slip",
    "get_admin_slips",
];

/// The server functions for the owner alone, each refusing a visitor and staff. The order action is on it for the
/// owner's actions (the walk asks to cancel): staff's packing and shipping through it are tested below.
pub const OWNERS_ONLY: [&str; 45] = [
    "admin_order_action",
    "admin_refund",
    "get_admin_catalog",
    "get_admin_product",
    "admin_save_product",
    "admin_save_variant",
    "admin_shift_picture",
    "admin_remove_picture",
    "admin_describe_picture",
    "admin_save_category",
    "admin_save_stock_settings",
    "get_admin_codes",
    "admin_create_code",
    "admin_switch_code",
    "get_admin_delivery",
    "admin_save_zone",
    "admin_save_pickup_point",
    "admin_save_countryside",
    "admin_resend_message",
    "get_admin_message_settings",
    "admin_save_message_settings",
    "get_admin_shop_settings",
    "admin_save_shop_settings",
    "admin_remove_logo",
    "get_admin_shop_page",
    "admin_save_shop_page",
    "get_admin_staff",
    "admin_invite_staff",
    "admin_disable_staff",
    "admin_revoke_invite",
    "get_admin_pay_settings",
    "admin_save_pay_settings",
    "get_admin_draft",
    "admin_draft_add",
    "admin_draft_set",
    "admin_place_draft",
    "admin_send_pay_link",
    "get_admin_launch",
    "admin_check_qpay",
    "admin_launch_acknowledge",
    "get_admin_report",
    "get_admin_qpay_check",
    "admin_check_qpay_day",
    "get_sheet_import",
    "admin_apply_sheet",
];

/// Every server function the shop registers, as (name, path), the name being the path less `/api/` and the hash's
/// digits. Fails on one that is on none of [`PUBLIC`], [`STAFF_MAY`] and [`OWNERS_ONLY`], naming it; on a name on
/// two of them; on a name listed that is not registered; and on two functions of one name (the lists could not tell
/// them apart).
pub fn registered_server_functions() -> Vec<(String, &'static str)> {
    let mut functions: Vec<(String, &'static str)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| {
            let name = path
                .trim_start_matches("/api/")
                .trim_end_matches(|c: char| c.is_ascii_digit());
            (name.to_owned(), path)
        })
        .collect();
    functions.sort();
    let names: Vec<&str> = functions.iter().map(|(name, _)| name.as_str()).collect();
    let twice: Vec<&str> = names
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    assert!(
        twice.is_empty(),
        "two server functions share a name, which PUBLIC, STAFF_MAY and OWNERS_ONLY cannot tell apart: {twice:?}"
    );
    let lists: [(&str, &[&str]); 3] = [
        ("PUBLIC", &PUBLIC),
        ("STAFF_MAY", &STAFF_MAY),
        ("OWNERS_ONLY", &OWNERS_ONLY),
    ];
    let unlisted: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| !lists.iter().any(|(_, list)| list.contains(name)))
        .collect();
    assert!(
        unlisted.is_empty(),
        "a new server function: add it to PUBLIC, STAFF_MAY or OWNERS_ONLY (tests/api/staff.rs) after checking its \
         access: {unlisted:?}"
    );
    for (list_name, list) in lists {
        for name in list {
            assert!(
                names.contains(name),
                "{name} is on {list_name} but no server function of that name is registered: take it off"
            );
            let on: Vec<&str> = lists
                .iter()
                .filter(|(_, other)| other.contains(name))
                .map(|(other_name, _)| *other_name)
                .collect();
            assert_eq!(on.len(), 1, "{name} is on one list only, not on {on:?}");
        }
    }
    functions
}

/// The lists above name every server function, each once, and nothing else (no server needed).
#[test]
fn every_server_function_is_public_staffs_or_the_owners() {
    let functions = registered_server_functions();
    assert_eq!(
        functions.len(),
        PUBLIC.len() + STAFF_MAY.len() + OWNERS_ONLY.len(),
        "{functions:?}"
    );
}

/// What a staff member's browser does here.
impl Browser<'_> {
    /// The status of the orders list's server function (staff's own) for this browser's session.
    async fn list_orders(&self) -> u16 {
        let reply = self
            .client
            .post(self.app.url(&server_fn_path("get_admin_orders")))
            .form(&[("query[page]", "1")])
            .send()
            .await
            .unwrap();
        reply.status().as_u16()
    }

    /// Sets the password at the invitation's `link`; where it leads.
    async fn accept(&self, link: &str, password: &str) -> String {
        let token = link.rsplit('/').next().unwrap();
        self.post("accept_invite", &[("token", token), ("password", password)])
            .await
            .1
    }
}

/// Invites `email` (and `phone`) as the signed-in owner; the link the page shows once.
pub async fn invite(app: &TestApp, email: &str, phone: &str) -> String {
    let reply = app
        .post_form(
            &server_fn_path("admin_invite_staff"),
            &[("email", email), ("phone", phone)],
        )
        .await;
    assert_eq!(reply.headers()["location"], "/admin/staff");
    let (_, page) = app.get_html("/admin/staff").await;
    let at = page
        .find("data-test=\"invite-link\"")
        .unwrap_or_else(|| panic!("a link on {page}"));
    let start = at + page[at..].find("value=\"").unwrap() + 7;
    page[start..start + page[start..].find('"').unwrap()].to_owned()
}

/// The invitations the captures took: (to, text) of `messages` (SMS) or `emails`.
async fn invitations(app: &TestApp, which: &str) -> Vec<(String, String)> {
    let list: Vec<Value> = app
        .get(&format!("/sms-sandbox/_control/{which}"))
        .await
        .json()
        .await
        .unwrap();
    list.iter()
        .filter(|m| m["kind"] == "staff-invite")
        .map(|m| {
            (
                m["to"].as_str().unwrap().to_owned(),
                m["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A staff member invited, with their password set: their own browser, signed in.
pub(crate) async fn staff_member(app: &TestApp) -> Browser<'_> {
    assert_eq!(sign_in(app, OWNER, PASSWORD).await, "/admin");
    let link = invite(app, STAFF, "").await;
    let staff = Browser::new(app);
    assert_eq!(staff.accept(&link, STAFF_PASSWORD).await, "/admin");
    staff
}

async fn the_owner_invites_staff_and_the_link_sets_a_password_once(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (_, page) = app.get_html("/admin").await;
    assert!(
        page.contains("href=\"/admin/staff\""),
        "the owner's navigation has the staff page"
    );

    // Mistakes beside their fields, nothing made; an address with an account is taken.
    let reply = app
        .post_form(
            &server_fn_path("admin_invite_staff"),
            &[("email", "packer"), ("phone", "123")],
        )
        .await;
    assert_eq!(reply.headers()["location"], "/admin/staff");
    let (_, page) = app.get_html("/admin/staff").await;
    assert!(
        page.contains("data-test=\"error-email\"") && page.contains("data-test=\"error-phone\""),
        "{page}"
    );
    assert!(page.contains("value=\"packer\""), "the form comes back as typed");
    app.post_form(
        &server_fn_path("admin_invite_staff"),
        &[("email", OWNER), ("phone", "")],
    )
    .await;
    let (_, page) = app.get_html("/admin/staff").await;
    assert!(
        page.contains("data-test=\"error-email\""),
        "the owner's own address is taken"
    );
    assert_eq!(app.row_count("staff_invites").await, 0);

    // The link goes by e-mail and by SMS through the outbox, once each, and is shown to the owner.
    let link = invite(&app, " Packer@Shop.MN ", "9911 2233").await;
    assert!(link.starts_with(&app.url("/admin/invite/")), "{link}");
    eventually(std::time::Duration::from_secs(10), "the invitation is sent", || async {
        invitations(&app, "emails").await.len() == 1 && invitations(&app, "messages").await.len() == 1
    })
    .await;
    let emails = invitations(&app, "emails").await;
    assert_eq!(emails[0].0, STAFF);
    assert!(
        emails[0].1.contains(&link) && emails[0].1.contains(OWNER),
        "{}",
        emails[0].1
    );
    let sms = invitations(&app, "messages").await;
    assert_eq!(sms[0].0, STAFF_PHONE);
    assert!(sms[0].1.ends_with(&link), "{}", sms[0].1);

    // A short password is refused and the link still works; then it makes the account, once.
    let staff = Browser::new(&app);
    let token = link.rsplit('/').next().unwrap();
    let page = format!("/admin/invite/{token}");
    assert_eq!(staff.accept(&link, "short").await, page);
    let (status, html) = staff.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("data-test=\"invite-notice\"") && html.contains(STAFF),
        "{html}"
    );
    assert_eq!(staff.accept(&link, STAFF_PASSWORD).await, "/admin");
    let (status, html) = staff.get_html("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-role=\"staff\""), "signed in as staff: {html}");
    let again = Browser::new(&app);
    assert_eq!(
        again.accept(&link, "another-password-1").await,
        page,
        "a used link makes nothing"
    );
    assert!(again.get_html(&page).await.1.contains("data-test=\"invite-gone\""));
    let accounts: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT email, role, phone FROM admins ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        accounts,
        [
            (OWNER.to_owned(), "owner".to_owned(), None),
            (STAFF.to_owned(), "staff".to_owned(), Some(STAFF_PHONE.to_owned()))
        ]
    );
    let token_left: Option<String> = sqlx::query_scalar("SELECT token FROM staff_invites")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(token_left, None, "a used invitation's token is erased");
    assert_eq!(
        sign_in(&app, STAFF, STAFF_PASSWORD).await,
        "/admin",
        "staff sign in as the owner does"
    );

    // A revoked invitation's link stops working at once.
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let link = invite(&app, "second@shop.mn", "").await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff_invites WHERE email = 'second@shop.mn'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    app.post_form(&server_fn_path("admin_revoke_invite"), &[("id", id.to_string())])
        .await;
    let token = link.rsplit('/').next().unwrap();
    assert!(
        Browser::new(&app)
            .get_html(&format!("/admin/invite/{token}"))
            .await
            .1
            .contains("invite-gone")
    );
    assert_eq!(
        Browser::new(&app).accept(&link, STAFF_PASSWORD).await,
        format!("/admin/invite/{token}")
    );
    assert_eq!(app.row_count("admins").await, 2);
}

/// Every server function that is the owners' answers 403 to a staff member, whatever it is sent, and changes
/// nothing; staff's own answer as usual. A new server function must be put on a list first.
async fn staff_are_refused_every_function_that_is_not_theirs(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let (order_no, _, _) = order_with_invoice(&app, "k1").await;
    let staff = staff_member(&app).await;
    let staff_id: i64 = sqlx::query_scalar("SELECT id FROM admins WHERE email = $1")
        .bind(STAFF)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let staff_id = staff_id.to_string();
    // Every field any of them takes; the order action asks to cancel, which is the owner's.
    let form = [
        ("query[page]", "1"),
        ("order_no", order_no.as_str()),
        ("action", "cancel"),
        ("payment_id", "1"),
        ("amount", "1"),
        ("note", "x"),
        ("kind", "notice:placed:sms"),
        ("id", staff_id.as_str()),
        ("disabled", "true"),
        ("product_id", "1"),
        ("variant_id", "1"),
        ("picture_id", "1"),
        ("direction", "earlier"),
        ("slug", "x"),
        ("category", "food"),
        ("name_mn", "x"),
        ("name_en", "x"),
        ("sku", "x"),
        ("price", "1"),
        ("stock", "1"),
        ("low_stock", "1"),
        ("low_stock_default", "1"),
        ("few_left", "1"),
        ("email", "intruder@shop.mn"),
        ("code", "FREE"),
        ("owner_phone", "88001122"),
        ("bank_transfer", "on"),
        ("query[period]", "7d"),
        ("day", "2026-01-01"),
        ("upload", "x"),
    ];
    // Every registered server function but the public ones (signing out among them); one on no list fails here.
    let (mut refused, mut allowed) = (Vec::new(), Vec::new());
    for (name, path) in registered_server_functions() {
        if PUBLIC.contains(&name.as_str()) {
            continue;
        }
        let reply = staff.client.post(app.url(path)).form(&form).send().await.unwrap();
        let status = reply.status();
        if STAFF_MAY.contains(&name.as_str()) {
            assert!(
                status.is_success() || status.is_redirection(),
                "{name} is staff's: {status}"
            );
            allowed.push(name);
        } else {
            assert!(OWNERS_ONLY.contains(&name.as_str()), "{name} is on a list");
            assert_eq!(status, 403, "{name} is the owner's");
            refused.push(name);
        }
    }
    assert_eq!(allowed.len(), STAFF_MAY.len(), "{allowed:?}");
    assert_eq!(refused.len(), OWNERS_ONLY.len(), "{refused:?}");

    // Nothing changed: the order is still unpaid and open, no category, no invitation, the account enabled.
    assert_eq!(crate::orders::state(&app, &order_no).await.0, "awaiting");
    assert_eq!(app.row_count("staff_invites").await, 1);
    let disabled: Option<i64> = sqlx::query_scalar("SELECT disabled_at FROM admins WHERE email = $1")
        .bind(STAFF)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(disabled, None);
    let untouched: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories WHERE slug = 'x'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(untouched, 0);

    // The routes that are not server functions: the export is staff's, pictures are the owner's.
    let export = staff
        .client
        .get(app.url("/admin/orders.csv?payment=all"))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    let upload = reqwest::multipart::Form::new().part(
        "image",
        reqwest::multipart::Part::bytes(crate::helpers::png(8, 8)).file_name("x.png"),
    );
    let upload = staff
        .client
        .post(app.url("/admin/products/1/image"))
        .multipart(upload)
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 403);
    // The catalog as a spreadsheet: neither its files nor an upload.
    for file in ["products.xlsx", "products.csv", "template.csv"] {
        let reply = staff
            .client
            .get(app.url(&format!("/admin/products/sheet/{file}")))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 403, "{file}");
    }
    let sheet = reqwest::multipart::Form::new().part(
        "sheet",
        reqwest::multipart::Part::bytes(b"sku,stock\nx,1\n".to_vec()).file_name("count.csv"),
    );
    let sheet = staff
        .client
        .post(app.url("/admin/products/import/upload"))
        .multipart(sheet)
        .send()
        .await
        .unwrap();
    assert_eq!(sheet.status(), 403);
    assert_eq!(app.row_count("sheet_uploads").await, 0);
    // And the owner's pages say so, with the way back.
    let owners_pages = [
        "/admin/products",
        "/admin/products/import",
        "/admin/codes",
        "/admin/delivery",
        "/admin/messages",
        "/admin/payments",
        "/admin/payments/check",
        "/admin/staff",
        "/admin/reports",
    ];
    for page in owners_pages {
        let (status, html) = staff.get_html(page).await;
        assert_eq!(status, 403, "{page}");
        assert!(html.contains("data-test=\"not-allowed\""), "{page}");
    }
}

async fn staff_pack_and_ship_but_do_not_see_the_owners_controls(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let (order_no, token, invoice_id) = order_with_invoice(&app, "k1").await;
    let payment_id = pay_quietly(&app, &invoice_id).await;
    callback(&app, &order_no, &token, &payment_id).await;
    let staff = staff_member(&app).await;

    let (status, list) = staff.get_html("/admin").await;
    assert_eq!(status, 200);
    assert!(list.contains(&order_no), "staff see the paid order");
    for owners in [
        "nav-products",
        "nav-delivery",
        "nav-codes",
        "nav-messages",
        "nav-payments",
        "nav-staff",
        "nav-reports",
    ] {
        assert!(!list.contains(owners), "{owners} is hidden from staff");
    }
    let page = format!("/admin/orders/{order_no}");
    let (status, html) = staff.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"action-packed\""), "staff may pack");
    for owners in [
        "data-test=\"refund\"",
        "data-test=\"resend\"",
        "data-test=\"action-cancel\"",
    ] {
        assert!(!html.contains(owners), "{owners} is hidden from staff");
    }
    let act = |action: &'static str| {
        let order_no = order_no.clone();
        let staff = &staff;
        async move {
            staff
                .post(
                    "admin_order_action",
                    &[("order_no", order_no.as_str()), ("action", action)],
                )
                .await
        }
    };
    assert_eq!(act("packed").await.1, page);
    assert_eq!(act("shipped").await.1, page);
    let (fulfilment, actor): (String, Option<String>) = sqlx::query_as(
        "SELECT o.fulfilment, e.actor FROM orders o JOIN payment_events e ON e.order_id = o.id \
         WHERE o.order_no = $1 AND e.kind = 'fulfilment' ORDER BY e.id DESC LIMIT 1",
    )
    .bind(&order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        (fulfilment.as_str(), actor.as_deref()),
        ("shipped", Some(STAFF)),
        "the timeline says who"
    );

    // A refund asked for by staff is refused and nothing is refunded.
    let refund = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "100"),
        ("note", "x"),
    ];
    let reply = staff
        .client
        .post(app.url(&server_fn_path("admin_refund")))
        .form(&refund)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 403);
    assert_eq!(app.row_count("refunds").await, 0);
}

async fn a_disabled_account_is_refused_on_its_next_request(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let staff = staff_member(&app).await;
    let list = |browser: &Browser<'_>| {
        let client = browser.client.clone();
        let url = app.url(&server_fn_path("get_admin_orders"));
        async move {
            client
                .post(url)
                .form(&[("query[page]", "1")])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(list(&staff).await, 200);

    let id = staff_id(&app).await;
    assert_eq!(set_disabled(&app, &id, true).await, "/admin/staff");
    assert_eq!(list(&staff).await, 401, "the live session is refused at once");
    let (_, page) = staff.get_html("/admin").await;
    assert!(!page.contains(STAFF), "no admin page for it");
    let again = Browser::new(&app);
    let (_, to) = again
        .post("admin_sign_in", &[("email", STAFF), ("password", STAFF_PASSWORD)])
        .await;
    assert_eq!(to, "/admin/login", "a disabled account cannot sign in");
    // The owner cannot be disabled from the staff page.
    let owner_id: i64 = sqlx::query_scalar("SELECT id FROM admins WHERE role = 'owner'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let owner_id = owner_id.to_string();
    app.post_form(
        &server_fn_path("admin_disable_staff"),
        &[("id", owner_id.as_str()), ("disabled", "true")],
    )
    .await;
    assert_eq!(app.get("/admin").await.status(), 200, "the owner is still signed in");

    // Enabled again, it signs in anew.
    set_disabled(&app, &id, false).await;
    let (_, page) = app.get_html("/admin/staff").await;
    assert!(page.contains("data-disabled=\"false\""), "{}", notice_in_or_page(&page));
    let (_, to) = again
        .post("admin_sign_in", &[("email", STAFF), ("password", STAFF_PASSWORD)])
        .await;
    assert_eq!(to, "/admin");
    assert_eq!(list(&again).await, 200);
}

/// A phone left signed in is lost: the owner disables the account and, once the person has a new phone, enables it
/// again. The lost phone's session never made a request while the account was disabled, and is still refused: a
/// disabled account's sessions end for good. The person signs in anew and works.
async fn an_account_enabled_again_does_not_bring_back_its_sessions(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let lost_phone = staff_member(&app).await;
    assert_eq!(lost_phone.list_orders().await, 200);

    let id = staff_id(&app).await;
    assert_eq!(set_disabled(&app, &id, true).await, "/admin/staff");
    assert_eq!(set_disabled(&app, &id, false).await, "/admin/staff");
    let disabled: Option<i64> = sqlx::query_scalar("SELECT disabled_at FROM admins WHERE email = $1")
        .bind(STAFF)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(disabled, None, "enabled again");

    assert_eq!(
        lost_phone.list_orders().await,
        401,
        "the session from before the account was disabled stays ended"
    );
    let (_, page) = lost_phone.get_html("/admin").await;
    assert!(!page.contains(STAFF), "no admin page for it");

    // A new sign-in works, on another browser or on this one.
    let new_phone = Browser::new(&app);
    let (_, to) = new_phone
        .post("admin_sign_in", &[("email", STAFF), ("password", STAFF_PASSWORD)])
        .await;
    assert_eq!(to, "/admin");
    assert_eq!(new_phone.list_orders().await, 200);
    let (_, to) = lost_phone
        .post("admin_sign_in", &[("email", STAFF), ("password", STAFF_PASSWORD)])
        .await;
    assert_eq!(to, "/admin");
    assert_eq!(lost_phone.list_orders().await, 200);
}

/// A transfer is seen only in the shop's bank account, which the owner alone sees, so only the owner
/// records one; staff take cash at the door or the pickup point and record that. Staff's page has no form for a
/// transfer and the server refuses it with nothing changed; their cash works; the owner's transfer works.
async fn staff_record_cash_but_only_the_owner_a_transfer(engine: Engine) {
    use crate::pay_methods::{TOTAL, order, receive, state, turn_on};
    let app = quick_with_owner(engine, &[]).await;
    let staff = staff_member(&app).await;
    turn_on(&app, "72").await;
    let transfer = order(&app, "bank-transfer").await;
    let cash = order(&app, "cash-on-delivery").await;
    let amount = TOTAL.to_string();

    let (status, html) = staff.get_html(&format!("/admin/orders/{transfer}")).await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("data-test=\"receive-form\""),
        "no transfer to record for staff: {html}"
    );
    let form = [
        ("order_no", transfer.as_str()),
        ("amount", amount.as_str()),
        ("note", "гүйлгээ ирсэн"),
    ];
    let reply = staff
        .client
        .post(app.url(&server_fn_path("admin_receive_payment")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 403, "the server refuses it too");
    assert_eq!(state(&app, &transfer).await, ("awaiting".into(), "new".into(), 0));
    assert_eq!(app.row_count("payments").await, 0, "nothing recorded");

    // Cash on delivery is staff's to record.
    let page = format!("/admin/orders/{cash}");
    let (_, html) = staff.get_html(&page).await;
    assert!(html.contains("data-test=\"receive-form\""), "{html}");
    let form = [
        ("order_no", cash.as_str()),
        ("amount", amount.as_str()),
        ("note", "Хүргэгч Болд авсан"),
    ];
    assert_eq!(staff.post("admin_receive_payment", &form).await.1, page);
    assert_eq!(state(&app, &cash).await, ("paid".into(), "new".into(), TOTAL));

    // The owner, who sees the account, records the transfer.
    let (_, html) = app.get_html(&format!("/admin/orders/{transfer}")).await;
    assert!(html.contains("data-test=\"receive-form\""), "{html}");
    assert_eq!(receive(&app, &transfer, &amount).await, "Төлөгдсөн гэж тэмдэглэлээ.");
    assert_eq!(state(&app, &transfer).await, ("paid".into(), "new".into(), TOTAL));
}

/// The owner's notice on the page, or the page when there is none (for a failure's message).
fn notice_in_or_page(page: &str) -> &str {
    if page.contains("data-test=\"action-notice\"") {
        notice_in(page)
    } else {
        page
    }
}

/// The staff member's account id, as the owner's staff page posts it.
async fn staff_id(app: &TestApp) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM admins WHERE email = $1")
        .bind(STAFF)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id.to_string()
}

/// The owner disables (or enables again) the account `id` from the staff page; where it leads.
async fn set_disabled(app: &TestApp, id: &str, disabled: bool) -> String {
    let mut form = vec![("id", id)];
    if disabled {
        form.push(("disabled", "true"));
    }
    let reply = app.post_form(&server_fn_path("admin_disable_staff"), &form).await;
    reply.headers()["location"].to_str().unwrap().to_owned()
}
