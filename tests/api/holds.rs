//! Caps on the stock unpaid orders hold: per item and per order, and what the unpaid orders of one phone number or one
//! network address hold together. A shopper over a cap is sent back to checkout with a message in their language, and
//! nothing is placed or reserved.

use crate::helpers::{Browser, Engine, TestApp, TestDatabase, form_action_in, spawn_app_on};

crate::on_both_engines!(
    a_shopper_over_a_cap_on_held_stock_is_told_and_nothing_is_reserved,
    one_phones_checkouts_at_once_count_each_others_stock,
);

const CAPS: [(&str, &str); 4] = [
    ("MAX_UNITS_PER_ITEM", "5"),
    ("MAX_UNITS_PER_ORDER", "8"),
    ("MAX_HELD_UNITS_PER_PHONE", "10"),
    ("MAX_HELD_UNITS_PER_ADDRESS", "12"),
];

/// A shopper's browser behind the shop's proxy, which tells the shop the address it comes from; in English.
async fn shopper<'a>(app: &'a TestApp, address: &str) -> Browser<'a> {
    let browser = Browser::from_address(app, address);
    browser.get_html("/lang/en").await;
    browser
}

/// Puts `quantity` of each SKU in the cart and checks out with `phone`; where it leads, and the checkout page's
/// notice when it was sent back there.
async fn check_out(browser: &Browser<'_>, cart: &[(&str, i64)], phone: &str) -> (String, Option<String>) {
    for (sku, quantity) in cart {
        browser.add_to_cart(sku, *quantity).await;
    }
    let (place, mut form) = browser.checkout_form(phone).await;
    form.extend([("delivery", "pickup".into()), ("pickup_point", "1".into())]);
    let (_, location) = browser.submit(&place, &form).await;
    if location != "/checkout" {
        return (location, None);
    }
    let (_, page) = browser.get_html("/checkout").await;
    let alert = page
        .find("role=\"alert\"")
        .unwrap_or_else(|| panic!("a notice: {page}"));
    let at = alert + page[alert..].find('>').unwrap() + 1;
    let notice = page[at..at + page[at..].find('<').unwrap()].to_owned();
    // Sent back with the cart as it was: emptied for the next attempt.
    for (sku, _) in cart {
        let variant = browser.app.variant_id(sku).await;
        let (_, page) = browser.get_html("/cart").await;
        if let Some(remove) = form_action_in(&page, "remove_cart_line") {
            browser.submit(&remove, &[("variant_id", variant.to_string())]).await;
        }
    }
    (location, Some(notice))
}

async fn stock(app: &TestApp) -> (i64, i64) {
    (app.stock_of("aaruul-1").await, app.stock_of("honey-1").await)
}

async fn a_shopper_over_a_cap_on_held_stock_is_told_and_nothing_is_reserved(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let app = spawn_app_on(database, &CAPS).await;
    sqlx::query("UPDATE variants SET stock = 100 WHERE sku IN ('aaruul-1', 'honey-1')")
        .execute(app.db.pool())
        .await
        .unwrap();
    let home = shopper(&app, "203.0.113.10").await;

    let refused = |expected: &str, got: (String, Option<String>)| {
        assert_eq!(got.0, "/checkout", "sent back: {expected}");
        assert_eq!(got.1.as_deref(), Some(expected));
    };
    refused(
        "At most 5 of one item per order: lower its quantity in your cart.",
        check_out(&home, &[("aaruul-1", 6)], "88112233").await,
    );
    refused(
        "At most 8 items fit in one order: take some out of your cart, or order in parts.",
        check_out(&home, &[("aaruul-1", 5), ("honey-1", 4)], "88112233").await,
    );
    assert_eq!(
        (stock(&app).await, app.row_count("orders").await),
        ((100, 100), 0),
        "nothing placed"
    );

    let placed = check_out(&home, &[("aaruul-1", 5), ("honey-1", 3)], "88112233").await;
    assert!(placed.0.starts_with("/orders/"), "{placed:?}");
    // The same phone's unpaid order holds 8 of its 10.
    refused(
        "Your unpaid orders already hold 8 items (at most 10). Pay them, or wait until they expire, then order again.",
        check_out(&home, &[("honey-1", 3)], "88112233").await,
    );
    // Another phone from the same address: the address holds 8 of its 12.
    assert!(
        check_out(&home, &[("honey-1", 3)], "99112233")
            .await
            .0
            .starts_with("/orders/")
    );
    refused(
        "Unpaid orders from your network (home or office) already hold 11 items (at most 12). Pay them, or wait until \
         they expire, then order again.",
        check_out(&home, &[("honey-1", 2)], "95112233").await,
    );
    assert_eq!((stock(&app).await, app.row_count("orders").await), ((95, 94), 2));

    // The same new phone from another address is within every cap.
    let office = shopper(&app, "198.51.100.30").await;
    assert!(
        check_out(&office, &[("honey-1", 2)], "95112233")
            .await
            .0
            .starts_with("/orders/")
    );

    // Once the first order no longer holds its stock, its phone may order again.
    let first = placed
        .0
        .trim_start_matches("/orders/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    assert!(
        app.services
            .payments
            .cancel_unpaid(&first, "owner@shop.mn")
            .await
            .unwrap()
    );
    assert!(
        check_out(&home, &[("honey-1", 3)], "88112233")
            .await
            .0
            .starts_with("/orders/")
    );
    println!("caps held: one item, one order, a phone's and an address's unpaid orders; refusals placed nothing");
}

/// Eight checkouts of 4 units each with one phone at once, under a cap of 10 held by a phone: they run one after
/// the other (a lock per phone and per address), so exactly two are placed.
async fn one_phones_checkouts_at_once_count_each_others_stock(engine: Engine) {
    let database = TestDatabase::create(&engine).await;
    let app = spawn_app_on(database, &CAPS).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let customer = crate::shop::pickup_customer();
    let address: std::net::IpAddr = "203.0.113.10".parse().unwrap();
    let checkouts = (0..8).map(|i| {
        let (checkout, customer) = (app.services.checkout.clone(), customer.clone());
        async move {
            let lines = [crate::shop::line(aaruul, 4)];
            let request = delguur::checkout::service::PlaceOrder {
                idempotency_key: &format!("at-once-{i}"),
                session_id: None,
                customer: &customer,
                lines: &lines,
                lang: delguur::i18n::Lang::En,
                placed_from: Some(address),
                discount_code: None,
                pay_method: delguur::domain::pay_method::PayMethod::Qpay,
                made_by: None,
            };
            checkout.place_order(&request).await
        }
    });
    let results = futures::future::join_all(checkouts).await;
    let placed = results.iter().filter(|r| r.is_ok()).count();
    let capped = results
        .iter()
        .filter(|r| matches!(r, Err(delguur::checkout::service::CheckoutError::Held(_))))
        .count();
    assert_eq!((placed, capped), (2, 6), "{results:?}");
    assert_eq!(app.row_count("orders").await, 2);
}
