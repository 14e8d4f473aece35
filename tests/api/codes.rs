//! Discount codes: a use counts when its order is paid, the limits hold when two shoppers race for the last use, the
//! shopper types a code in the cart and checkout, and the owner creates codes and sees what each did.

use std::time::Duration;

use crate::{
    admin::{OWNER, PASSWORD, sign_in, spawn_with_owner},
    helpers::{Engine, TestApp, eventually, form_action_in, spawn_app},
    orders::{pay, payments, state},
    pricing::{city, code, place_with},
    shop::line,
};
use delguur::{
    checkout::service::CheckoutError,
    domain::{Phone, discount::CodeRefusal},
};

crate::on_both_engines!(
    of_two_orders_racing_for_a_codes_last_use_the_first_paid_gets_it_and_the_other_is_flagged,
    of_two_paid_moves_at_once_the_second_waits_for_the_first_and_finds_the_last_use_taken,
    a_code_limited_per_phone_is_refused_to_that_phone_once_used,
    the_shopper_applies_a_code_in_the_cart_and_a_bad_one_is_explained,
    the_owner_creates_a_code_and_sees_its_uses_discount_and_sales,
    a_quote_does_not_tell_a_phones_uses_and_codes_cannot_be_guessed,
    the_placed_form_posted_again_goes_to_its_order_and_keeps_no_code,
);

async fn paid_uses(app: &TestApp, code: &str) -> (i64, i64) {
    sqlx::query_as(
        "SELECT c.uses, (SELECT COUNT(*) FROM discount_code_uses u WHERE u.code_id = c.id) FROM discount_codes c \
         WHERE c.code = $1",
    )
    .bind(code)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

async fn flag_of(app: &TestApp, order_no: &str) -> Option<String> {
    sqlx::query_scalar("SELECT attention FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn of_two_orders_racing_for_a_codes_last_use_the_first_paid_gets_it_and_the_other_is_flagged(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    code(&app, "LAST", "fixed", 2_000, (Some(1), None)).await;
    // Both may be placed: no use is paid yet, and an unpaid order holds no use.
    let mut orders = Vec::new();
    for key in ["race-a", "race-b"] {
        let placed = place_with(&app, key, city("khan-uul", "3"), Some("LAST"), &[line(aaruul, 1)])
            .await
            .unwrap();
        payments(&app).ensure_invoice(placed.order_no.as_str()).await.unwrap();
        orders.push(placed.order_no.to_string());
    }
    // Both shoppers pay at once; QPay calls back for each.
    tokio::join!(pay(&app, &orders[0]), pay(&app, &orders[1]));
    eventually(Duration::from_secs(20), "both orders paid", || async {
        state(&app, &orders[0]).await.0 == "paid" && state(&app, &orders[1]).await.0 == "paid"
    })
    .await;
    assert_eq!(paid_uses(&app, "LAST").await, (1, 1), "one use counted, never two");
    let flags = [flag_of(&app, &orders[0]).await, flag_of(&app, &orders[1]).await];
    let flagged: Vec<&String> = flags.iter().flatten().collect();
    assert_eq!(flagged.len(), 1, "the order paid second is flagged: {flags:?}");
    assert!(
        flagged[0].contains("code LAST was used up") && flagged[0].contains("2,000₮"),
        "{}",
        flagged[0]
    );
    // Now that its use is paid for, the next shopper is told at placing.
    let late = place_with(&app, "race-c", city("khan-uul", "3"), Some("last"), &[line(aaruul, 1)]).await;
    assert!(
        matches!(late, Err(CheckoutError::Code(CodeRefusal::UsedUp))),
        "{late:?}"
    );
}

async fn a_code_limited_per_phone_is_refused_to_that_phone_once_used(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    code(&app, "WELCOME", "percent", 10, (None, Some(1))).await;
    let first = place_with(
        &app,
        "phone-1",
        city("khan-uul", "3"),
        Some("WELCOME"),
        &[line(aaruul, 1)],
    )
    .await
    .unwrap();
    payments(&app).ensure_invoice(first.order_no.as_str()).await.unwrap();
    pay(&app, first.order_no.as_str()).await;
    eventually(Duration::from_secs(20), "the first order paid", || async {
        state(&app, first.order_no.as_str()).await.0 == "paid"
    })
    .await;
    let again = place_with(
        &app,
        "phone-2",
        city("khan-uul", "3"),
        Some("WELCOME"),
        &[line(aaruul, 1)],
    )
    .await;
    assert!(
        matches!(again, Err(CheckoutError::Code(CodeRefusal::UsedUpByPhone))),
        "{again:?}"
    );
    let other = app
        .services
        .checkout
        .place_order(&delguur::checkout::service::PlaceOrder {
            idempotency_key: "phone-3",
            session_id: None,
            customer: &delguur::checkout::CustomerDetails {
                phone: Phone::parse("88112233").unwrap(),
                ..crate::pricing::customer(city("khan-uul", "3"))
            },
            lines: &[line(aaruul, 1)],
            lang: delguur::i18n::Lang::Mn,
            placed_from: None,
            discount_code: Some("WELCOME"),
            pay_method: delguur::domain::pay_method::PayMethod::Qpay,
            made_by: None,
        })
        .await;
    assert!(other.is_ok(), "another phone may use it: {other:?}");
}

/// The cart page's text after posting a code.
async fn cart_after_code(app: &TestApp, code: &str) -> String {
    let (_, cart) = app.get_html("/cart").await;
    let apply = form_action_in(&cart, "apply_code").expect("the cart has a code form");
    app.post_form(&apply, &[("discount_code", code)]).await;
    app.get_html("/cart").await.1
}

async fn the_shopper_applies_a_code_in_the_cart_and_a_bad_one_is_explained(engine: Engine) {
    let app = spawn_app(engine).await;
    code(&app, "TEN", "percent", 10, (None, None)).await;
    let variant = app.variant_id("honey-1").await;
    let add = app.form_action("/products/honey", "add_to_cart").await;
    app.post_form(&add, &[("variant_id", variant.to_string()), ("quantity", "1".into())])
        .await;

    let cart = cart_after_code(&app, "nope").await;
    assert!(cart.contains("Ийм хөнгөлөлтийн код алга."), "{cart}");
    assert!(
        cart.contains("data-test=\"order-total\" data-value=\"14000\""),
        "nothing taken off: {cart}"
    );
    // Not chosen where it goes yet: every zone with a threshold says how far off free delivery is.
    assert!(cart.contains("Хотын төв: 86,000₮ нэмж авбал хүргэлт үнэгүй"), "{cart}");

    let cart = cart_after_code(&app, " ten ").await;
    assert!(cart.contains("data-test=\"code-applied\""), "{cart}");
    assert!(cart.contains("data-test=\"discount\" data-value=\"1400\""), "{cart}");
    assert!(
        cart.contains("data-test=\"order-total\" data-value=\"12600\""),
        "{cart}"
    );

    // Checkout starts from the cart's code; "update the total" shows the fee for the district chosen, no script.
    let (_, checkout) = app.get_html("/checkout").await;
    assert!(checkout.contains("value=\"TEN\""), "the code is carried to checkout");
    let update = form_action_in(&checkout, "update_checkout").expect("the update button's action");
    app.post_form(
        &update,
        &[
            ("delivery", "delivery"),
            ("district", "khan-uul"),
            ("khoroo", "3"),
            ("discount_code", "TEN"),
            ("name", "Болд"),
        ],
    )
    .await;
    let (_, checkout) = app.get_html("/checkout").await;
    assert!(
        checkout.contains("data-test=\"delivery-fee\" data-value=\"5000\""),
        "{checkout}"
    );
    assert!(
        checkout.contains("data-test=\"order-total\" data-value=\"17600\""),
        "{checkout}"
    );
    assert!(checkout.contains("value=\"Болд\""), "what was typed is kept");
    assert!(
        checkout.contains("14:00 цагаас өмнө захиалбал"),
        "the promised time is shown"
    );
    // The cart now knows where it goes.
    let (_, cart) = app.get_html("/cart").await;
    assert!(
        cart.contains("data-test=\"delivery-fee\" data-value=\"5000\""),
        "{cart}"
    );
}

async fn the_owner_creates_a_code_and_sees_its_uses_discount_and_sales(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    sign_in(&app, OWNER, PASSWORD).await;
    let (_, page) = app.get_html("/admin/codes").await;
    let create = form_action_in(&page, "admin_create_code").expect("the new code form");
    let form = |code: &'static str, value: &'static str| {
        vec![
            ("code", code),
            ("kind", "percent"),
            ("value", value),
            ("min_order", ""),
            ("starts", "2026-01-01"),
            ("ends", "2099-12-31"),
            ("max_uses", "10"),
            ("max_uses_per_phone", ""),
            ("categories", "food"),
            ("products", ""),
        ]
    };
    app.post_form(&create, &form("spring", "150")).await;
    let (_, page) = app.get_html("/admin/codes").await;
    assert!(
        page.contains("data-test=\"error-value\""),
        "101% and up is refused beside its field: {page}"
    );
    assert_eq!(app.row_count("discount_codes").await, 0, "and nothing is stored");
    app.post_form(&create, &form("spring", "20")).await;
    let (_, page) = app.get_html("/admin/codes").await;
    assert!(page.contains("data-code=\"SPRING\""), "{page}");

    // 20% of the food only: a scarf is not discounted, the honey is.
    let scarf = app.variant_id("cashmere-scarf-1").await;
    let honey = app.variant_id("honey-1").await;
    let placed = place_with(
        &app,
        "owner-code",
        city("khan-uul", "3"),
        Some("spring"),
        &[line(scarf, 1), line(honey, 1)],
    )
    .await
    .unwrap();
    let (_, discount, fee, _, total, _) = crate::pricing::amounts(&app, placed.order_no.as_str()).await;
    assert_eq!((discount, fee, total), (2_800, 0, 89_000 + 14_000 - 2_800));
    payments(&app).ensure_invoice(placed.order_no.as_str()).await.unwrap();
    pay(&app, placed.order_no.as_str()).await;
    eventually(Duration::from_secs(20), "the order paid", || async {
        state(&app, placed.order_no.as_str()).await.0 == "paid"
    })
    .await;

    let (_, page) = app.get_html("/admin/codes").await;
    assert!(page.contains("data-test=\"code-uses\">1 / 10"), "{page}");
    assert!(
        page.contains("data-test=\"code-discounted\" data-value=\"2800\""),
        "{page}"
    );
    assert!(page.contains("data-test=\"code-sold\" data-value=\"100200\""), "{page}");
    let (_, list) = app.get_html("/admin?payment=all").await;
    assert!(list.contains("SPRING −2,800₮"), "the list shows the code: {list}");
    let (_, order) = app.get_html(&format!("/admin/orders/{}", placed.order_no)).await;
    assert!(order.contains("data-test=\"discount\" data-value=\"2800\""), "{order}");
    let csv = app.get("/admin/orders.csv?payment=all").await.text().await.unwrap();
    assert!(csv.contains(",103000,SPRING,2800,Хотын төв,0,0"), "{csv}");

    // Switched off, it is refused.
    let switch = form_action_in(&page, "admin_switch_code").unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM discount_codes WHERE code = 'SPRING'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    app.post_form(&switch, &[("id", id.to_string())]).await;
    let off = place_with(&app, "off", city("khan-uul", "3"), Some("SPRING"), &[line(honey, 1)]).await;
    assert!(
        matches!(off, Err(CheckoutError::Code(CodeRefusal::Inactive))),
        "{off:?}"
    );
}

/// Places an order with `code` for `phone` and returns its id.
async fn order_with_code(app: &TestApp, key: &str, code: &str, phone: &str) -> i64 {
    let aaruul = app.variant_id("aaruul-1").await;
    let placed = app
        .services
        .checkout
        .place_order(&delguur::checkout::service::PlaceOrder {
            idempotency_key: key,
            session_id: None,
            customer: &delguur::checkout::CustomerDetails {
                phone: Phone::parse(phone).unwrap(),
                ..crate::pricing::customer(city("khan-uul", "3"))
            },
            lines: &[line(aaruul, 1)],
            lang: delguur::i18n::Lang::Mn,
            placed_from: None,
            discount_code: Some(code),
            pay_method: delguur::domain::pay_method::PayMethod::Qpay,
            made_by: None,
        })
        .await
        .unwrap();
    sqlx::query_scalar("SELECT id FROM orders WHERE order_no = $1")
        .bind(placed.order_no.as_str())
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Step by step, as two settlements at the same moment: the first paid move counts the use and has not committed;
/// the second, for another order with the same code, must wait for it and then find the use taken.
async fn of_two_paid_moves_at_once_the_second_waits_for_the_first_and_finds_the_last_use_taken(engine: Engine) {
    use delguur::db::discount_codes::{Counted, count_use};
    let app = spawn_app(engine).await;
    code(&app, "LAST", "fixed", 1_000, (Some(1), None)).await;
    code(&app, "ONCE", "fixed", 1_000, (None, Some(1))).await;
    // (code, phones of the two orders): the total limit between two shoppers, the per-phone limit for one.
    for (code, phones) in [("LAST", ["99112233", "88112233"]), ("ONCE", ["95112233", "95112233"])] {
        let code_id: i64 = sqlx::query_scalar("SELECT id FROM discount_codes WHERE code = $1")
            .bind(code)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let first_order = order_with_code(&app, &format!("{code}-1"), code, phones[0]).await;
        let second_order = order_with_code(&app, &format!("{code}-2"), code, phones[1]).await;
        let mut first = app.db.begin_write().await.unwrap();
        let counted = count_use(&app.db, &mut first, first_order, code_id, phones[0])
            .await
            .unwrap();
        assert_eq!(counted, Counted::Counted);
        let second = {
            let (db, phone) = (app.db.clone(), phones[1]);
            tokio::spawn(async move {
                let mut tx = db.begin_write().await.unwrap();
                let counted = count_use(&db, &mut tx, second_order, code_id, phone).await.unwrap();
                tx.commit().await.unwrap();
                counted
            })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !second.is_finished(),
            "{code}: the second paid move waits for the first"
        );
        first.commit().await.unwrap();
        assert_eq!(second.await.unwrap(), Counted::UsedUp, "{code}");
        assert_eq!(paid_uses(&app, code).await, (1, 1), "{code}: one use, never two");
        // Counting the first order again (a second settlement of it) changes nothing.
        let mut again = app.db.begin_write().await.unwrap();
        let counted = count_use(&app.db, &mut again, first_order, code_id, phones[0])
            .await
            .unwrap();
        again.commit().await.unwrap();
        assert_eq!(counted, Counted::Already);
    }
}

async fn a_quote_does_not_tell_a_phones_uses_and_codes_cannot_be_guessed(engine: Engine) {
    let app = spawn_app(engine).await;
    code(&app, "WELCOME", "percent", 10, (None, Some(1))).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let first = place_with(&app, "used", city("khan-uul", "3"), Some("WELCOME"), &[line(aaruul, 1)])
        .await
        .unwrap();
    payments(&app).ensure_invoice(first.order_no.as_str()).await.unwrap();
    pay(&app, first.order_no.as_str()).await;
    eventually(Duration::from_secs(20), "the first order paid", || async {
        state(&app, first.order_no.as_str()).await.0 == "paid"
    })
    .await;

    // A visitor asks the price with that phone and code: the quote shows the discount, telling nothing of the
    // phone's uses (placing the order would say it).
    let add = app.form_action("/products/aaruul", "add_to_cart").await;
    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "1".into())])
        .await;
    let (_, checkout) = app.get_html("/checkout").await;
    let update = form_action_in(&checkout, "update_checkout").unwrap();
    let fields = [
        ("delivery", "delivery"),
        ("district", "khan-uul"),
        ("khoroo", "3"),
        ("phone", "99112233"),
        ("discount_code", "WELCOME"),
    ];
    app.post_form(&update, &fields).await;
    let (_, checkout) = app.get_html("/checkout").await;
    assert!(
        checkout.contains("data-test=\"discount\" data-value=\"1250\""),
        "{checkout}"
    );

    // 20 new codes in ten minutes are tried (WELCOME above, then 19 guesses); the 21st, even a real one, is not.
    let (_, cart) = app.get_html("/cart").await;
    let apply = form_action_in(&cart, "apply_code").unwrap();
    for guess in 1..=19 {
        app.post_form(&apply, &[("discount_code", format!("GUESS{guess}"))])
            .await;
    }
    let (_, cart) = app.get_html("/cart").await;
    assert!(
        cart.contains("Ийм хөнгөлөлтийн код алга."),
        "the 20th is still tried: {cart}"
    );
    // The code already kept costs nothing to apply again.
    app.post_form(&apply, &[("discount_code", "GUESS19")]).await;
    let (_, cart) = app.get_html("/cart").await;
    assert!(!cart.contains("Хэт олон код оролдлоо."), "{cart}");
    code(&app, "REAL", "fixed", 1_000, (None, None)).await;
    app.post_form(&apply, &[("discount_code", "REAL")]).await;
    let (_, cart) = app.get_html("/cart").await;
    assert!(cart.contains("Хэт олон код оролдлоо."), "{cart}");
    assert!(
        !cart.contains("data-test=\"discount\" data-value=\"1000\""),
        "REAL was not applied: {cart}"
    );

    // Nor at checkout: neither "update the total" nor placing prices or explains a code past the limit.
    let (_, checkout) = app.get_html("/checkout").await;
    let update = form_action_in(&checkout, "update_checkout").unwrap();
    let mut fields = fields.to_vec();
    fields.retain(|(name, _)| *name != "discount_code");
    fields.push(("discount_code", "REAL"));
    app.post_form(&update, &fields).await;
    let (_, checkout) = app.get_html("/checkout").await;
    assert!(checkout.contains("Хэт олон код оролдлоо."), "{checkout}");
    assert!(
        !checkout.contains("data-test=\"discount\" data-value=\"1000\""),
        "REAL is not priced at checkout: {checkout}"
    );
    let place = form_action_in(&checkout, "place_order").unwrap();
    let key_at = checkout.find("name=\"key\" value=\"").unwrap() + 18;
    let key = checkout[key_at..key_at + 32].to_owned();
    fields.extend([("key", key.as_str()), ("name", "Болд"), ("address", "3-р байр")]);
    let orders = || async {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        count
    };
    let before = orders().await;
    let placed = app.post_form(&place, &fields).await;
    assert_eq!(placed.headers()["location"], "/checkout", "sent back, not placed");
    let (_, checkout) = app.get_html("/checkout").await;
    assert!(checkout.contains("Хэт олон код оролдлоо."), "{checkout}");
    assert_eq!(orders().await, before, "no order placed with REAL");
}

/// A double click, a refresh or a second tab posts the placed form again: it goes to the order it placed, without
/// counting its code as a new try or keeping the code for the shopper's next cart.
async fn the_placed_form_posted_again_goes_to_its_order_and_keeps_no_code(engine: Engine) {
    let app = spawn_app(engine).await;
    code(&app, "WELCOME", "percent", 10, (None, None)).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let add = app.form_action("/products/aaruul", "add_to_cart").await;
    let one = [("variant_id", aaruul.to_string()), ("quantity", "1".to_owned())];
    app.post_form(&add, &one).await;
    let (_, checkout) = app.get_html("/checkout").await;
    let place = form_action_in(&checkout, "place_order").unwrap();
    let key_at = checkout.find("name=\"key\" value=\"").unwrap() + 18;
    let key = checkout[key_at..key_at + 32].to_owned();
    let form = [
        ("key", key.as_str()),
        ("name", "Болд"),
        ("phone", "99112233"),
        ("delivery", "pickup"),
        ("pickup_point", "1"),
        ("discount_code", "WELCOME"),
    ];
    let first = app.post_form(&place, &form).await;
    let order = first.headers()["location"].to_str().unwrap().to_owned();
    assert!(order.starts_with("/orders/"), "{order}");
    let again = app.post_form(&place, &form).await;
    assert_eq!(again.headers()["location"].to_str().unwrap(), order, "the same order");
    // The next cart starts without the used code.
    app.post_form(&add, &one).await;
    let (_, cart) = app.get_html("/cart").await;
    assert!(!cart.contains("WELCOME"), "{cart}");
}
