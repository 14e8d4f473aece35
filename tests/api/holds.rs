//! Caps on the stock unpaid orders hold: per item and per order, and what the unpaid orders of one phone number or one
//! network address hold together. A shopper over a cap is sent back to checkout with a message in their language, and
//! nothing is placed or reserved.

use crate::helpers::{Engine, TestApp, TestDatabase, form_action_in, spawn_app_on};

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

/// A shopper's browser behind the shop's proxy, which tells the shop the address it comes from.
struct Shopper<'a> {
    app: &'a TestApp,
    browser: reqwest::Client,
    address: &'static str,
}

impl<'a> Shopper<'a> {
    async fn new(app: &'a TestApp, address: &'static str) -> Shopper<'a> {
        let browser = crate::helpers::shopper_client();
        let shopper = Shopper { app, browser, address };
        shopper.get("/lang/en").await;
        shopper
    }

    async fn get(&self, path: &str) -> String {
        let reply = self
            .browser
            .get(self.app.url(path))
            .header("x-forwarded-for", self.address);
        reply.send().await.unwrap().text().await.unwrap()
    }

    async fn post(&self, action: &str, form: &[(&str, String)]) -> String {
        let reply = self
            .browser
            .post(self.app.url(action))
            .header("accept", "text/html")
            .header("x-forwarded-for", self.address)
            .form(form)
            .send()
            .await
            .unwrap();
        reply.headers()["location"].to_str().unwrap().to_owned()
    }

    /// Puts `quantity` of each SKU in the cart and checks out with `phone`; where it leads, and the checkout
    /// page's notice when it was sent back there.
    async fn check_out(&self, cart: &[(&str, i64)], phone: &str) -> (String, Option<String>) {
        for (sku, quantity) in cart {
            let variant = self.app.variant_id(sku).await;
            let slug = sku.rsplit_once('-').unwrap().0;
            let page = self.get(&format!("/products/{slug}")).await;
            let add = form_action_in(&page, "add_to_cart").unwrap();
            self.post(
                &add,
                &[("variant_id", variant.to_string()), ("quantity", quantity.to_string())],
            )
            .await;
        }
        let checkout = self.get("/checkout").await;
        let place = form_action_in(&checkout, "place_order").unwrap();
        let key_at = checkout.find("name=\"key\" value=\"").unwrap() + 18;
        let form = [
            ("key", checkout[key_at..key_at + 32].to_owned()),
            ("name", "Болд".into()),
            ("phone", phone.into()),
            ("delivery", "pickup".into()),
            ("pickup_point", "1".into()),
        ];
        let location = self.post(&place, &form).await;
        if location != "/checkout" {
            return (location, None);
        }
        let page = self.get("/checkout").await;
        let alert = page
            .find("role=\"alert\"")
            .unwrap_or_else(|| panic!("a notice: {page}"));
        let at = alert + page[alert..].find('>').unwrap() + 1;
        let notice = page[at..at + page[at..].find('<').unwrap()].to_owned();
        // Sent back with the cart as it was: emptied for the next attempt.
        for (sku, _) in cart {
            let variant = self.app.variant_id(sku).await;
            let page = self.get("/cart").await;
            if let Some(remove) = form_action_in(&page, "remove_cart_line") {
                self.post(&remove, &[("variant_id", variant.to_string())]).await;
            }
        }
        (location, Some(notice))
    }
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
    let home = Shopper::new(&app, "203.0.113.10").await;

    let refused = |expected: &str, got: (String, Option<String>)| {
        assert_eq!(got.0, "/checkout", "sent back: {expected}");
        assert_eq!(got.1.as_deref(), Some(expected));
    };
    refused(
        "At most 5 of one item per order: lower its quantity in your cart.",
        home.check_out(&[("aaruul-1", 6)], "88112233").await,
    );
    refused(
        "At most 8 items fit in one order: take some out of your cart, or order in parts.",
        home.check_out(&[("aaruul-1", 5), ("honey-1", 4)], "88112233").await,
    );
    assert_eq!(
        (stock(&app).await, app.row_count("orders").await),
        ((100, 100), 0),
        "nothing placed"
    );

    let placed = home.check_out(&[("aaruul-1", 5), ("honey-1", 3)], "88112233").await;
    assert!(placed.0.starts_with("/orders/"), "{placed:?}");
    // The same phone's unpaid order holds 8 of its 10.
    refused(
        "Your unpaid orders already hold 8 items (at most 10). Pay them, or wait until they expire, then order again.",
        home.check_out(&[("honey-1", 3)], "88112233").await,
    );
    // Another phone from the same address: the address holds 8 of its 12.
    assert!(
        home.check_out(&[("honey-1", 3)], "99112233")
            .await
            .0
            .starts_with("/orders/")
    );
    refused(
        "Unpaid orders from your network (home or office) already hold 11 items (at most 12). Pay them, or wait until \
         they expire, then order again.",
        home.check_out(&[("honey-1", 2)], "95112233").await,
    );
    assert_eq!((stock(&app).await, app.row_count("orders").await), ((95, 94), 2));

    // The same new phone from another address is within every cap.
    let office = Shopper::new(&app, "198.51.100.30").await;
    assert!(
        office
            .check_out(&[("honey-1", 2)], "95112233")
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
        home.check_out(&[("honey-1", 3)], "88112233")
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
