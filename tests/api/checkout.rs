//! Placing orders: prices from the database, stock reserved in the same transaction, one order per checkout key.

use crate::{
    helpers::{Engine, form_action_in, spawn_app},
    shop::line,
};
use delguur::{
    checkout::{
        CustomerDetails, Delivery,
        service::{CheckoutError, CheckoutService, PlaceOrder, PlacedOrder},
    },
    domain::{CartLine, Mnt, Phone},
    i18n::Lang,
};

crate::on_both_engines!(
    an_order_takes_prices_from_the_database_and_reserves_stock,
    the_same_checkout_key_gives_one_order_even_concurrently,
    too_large_a_quantity_is_refused_and_changes_nothing,
    an_unknown_variant_is_refused,
    checkout_over_http_shows_field_errors_then_places_one_order,
    a_page_may_show_a_price_kept_for_a_second_but_checkout_charges_the_new_one,
);

fn customer() -> CustomerDetails {
    CustomerDetails {
        name: "Болд".into(),
        phone: Phone::parse("99112233").unwrap(),
        email: None,
        delivery: Delivery::Ulaanbaatar {
            district: "bayangol".into(),
            khoroo: "3".into(),
            address: "10-р байр, 25 тоот".into(),
        },
        note: None,
        receipt: None,
    }
}

/// Places an order for a guest (no session) in Mongolian.
async fn place(
    checkout: &CheckoutService,
    key: &str,
    customer: &CustomerDetails,
    lines: &[CartLine],
) -> Result<PlacedOrder, CheckoutError> {
    checkout
        .place_order(&PlaceOrder {
            idempotency_key: key,
            session_id: None,
            customer,
            lines,
            lang: Lang::Mn,
            placed_from: None,
            discount_code: None,
            pay_method: delguur::domain::pay_method::PayMethod::Qpay,
            made_by: None,
        })
        .await
}

async fn an_order_takes_prices_from_the_database_and_reserves_stock(engine: Engine) {
    let app = spawn_app(engine).await;
    let (aaruul, aaruul_stock) = (app.variant_id("aaruul-1").await, app.stock_of("aaruul-1").await);
    let (honey, honey_stock) = (app.variant_id("honey-2").await, app.stock_of("honey-2").await);
    let lines = [line(aaruul, 2), line(honey, 1)];
    let checkout = app.services.checkout.clone();

    let placed = checkout
        .place_order(&PlaceOrder {
            idempotency_key: "key-1",
            session_id: Some("s"),
            customer: &customer(),
            lines: &lines,
            lang: Lang::Mn,
            placed_from: None,
            discount_code: None,
            pay_method: delguur::domain::pay_method::PayMethod::Qpay,
            made_by: None,
        })
        .await
        .unwrap();

    assert!(placed.created);
    // The goods, and the city centre's 5,000₮ delivery to Bayangol (free only from 100,000₮).
    assert_eq!(placed.total, Mnt::new(2 * 12_500 + 25_000 + 5_000).unwrap());
    assert_eq!(placed.view_key.len(), 16);
    assert_eq!(app.stock_of_variant(aaruul).await, aaruul_stock - 2);
    assert_eq!(app.stock_of_variant(honey).await, honey_stock - 1);
    let items: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT i.product_name, i.variant_name, i.unit_price_mnt, i.quantity, i.line_total_mnt \
         FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.order_no = $1 ORDER BY i.id",
    )
    .bind(placed.order_no.as_str())
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        items,
        [
            ("Ааруул".into(), "500 г".into(), 12_500, 2, 25_000),
            ("Зөгийн бал".into(), "500 г".into(), 25_000, 1, 25_000)
        ]
    );
    let state: String = sqlx::query_scalar("SELECT payment_state FROM orders")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(state, "awaiting");
}

async fn the_same_checkout_key_gives_one_order_even_concurrently(engine: Engine) {
    let app = spawn_app(engine).await;
    let (aaruul, aaruul_stock) = (app.variant_id("aaruul-1").await, app.stock_of("aaruul-1").await);
    let lines = [line(aaruul, 1)];
    let customer = customer();

    let attempts = (0..10).map(|_| {
        let checkout = app.services.checkout.clone();
        let (lines, customer) = (lines, customer.clone());
        tokio::spawn(async move { place(&checkout, "double-click", &customer, &lines).await.unwrap() })
    });
    let placed: Vec<_> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();

    assert!(
        placed.iter().all(|p| p.order_no == placed[0].order_no),
        "one order number for all"
    );
    assert_eq!(
        placed.iter().filter(|p| p.created).count(),
        1,
        "exactly one attempt created it"
    );
    assert_eq!(app.row_count("orders").await, 1);
    assert_eq!(app.row_count("order_items").await, 1);
    assert_eq!(
        app.stock_of_variant(aaruul).await,
        aaruul_stock - 1,
        "stock reserved once"
    );
}

async fn too_large_a_quantity_is_refused_and_changes_nothing(engine: Engine) {
    // Caps on held stock out of the way: this is the stock's own check (holds.rs tests the caps).
    let database = crate::helpers::TestDatabase::create(&engine).await;
    let caps = [("MAX_UNITS_PER_ITEM", "1000"), ("MAX_UNITS_PER_ORDER", "1000000")];
    let app = crate::helpers::spawn_app_on(database, &caps).await;
    let (aaruul, aaruul_stock) = (app.variant_id("aaruul-1").await, app.stock_of("aaruul-1").await);
    let sold_out = app.variant_id("cashmere-scarf-3").await;
    let checkout = app.services.checkout.clone();

    let lines = [line(aaruul, 1), line(sold_out, 1)];
    let refused = place(&checkout, "k", &customer(), &lines).await;
    assert!(
        matches!(refused, Err(CheckoutError::NotEnoughStock { variant_id, available: 0 }) if variant_id == sold_out),
        "{refused:?}"
    );

    let lines = [line(aaruul, aaruul_stock + 1)];
    let refused = place(&checkout, "k", &customer(), &lines).await;
    assert!(
        matches!(refused, Err(CheckoutError::NotEnoughStock { available, .. }) if available == aaruul_stock),
        "{refused:?}"
    );

    assert_eq!(
        app.stock_of_variant(aaruul).await,
        aaruul_stock,
        "the first line's reservation was rolled back"
    );
    assert_eq!(app.row_count("orders").await, 0);
}

async fn an_unknown_variant_is_refused(engine: Engine) {
    let app = spawn_app(engine).await;
    let checkout = app.services.checkout.clone();
    let place = |lines: Vec<CartLine>| {
        let checkout = checkout.clone();
        async move { place(&checkout, "k", &customer(), &lines).await }
    };

    assert!(matches!(
        place(vec![line(999_999, 1)]).await,
        Err(CheckoutError::UnknownVariant(999_999))
    ));
    assert!(matches!(place(vec![]).await, Err(CheckoutError::EmptyCart)));
    assert_eq!(app.row_count("orders").await, 0);
}

fn hidden_key(html: &str) -> String {
    let start = html.find("name=\"key\" value=\"").expect("checkout key") + 18;
    html[start..start + 32].to_owned()
}

async fn checkout_over_http_shows_field_errors_then_places_one_order(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let add = app.form_action("/products/aaruul", "add_to_cart").await;
    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "2".into())])
        .await;
    let place = app.form_action("/checkout", "place_order").await;
    let (_, html) = app.get_html("/checkout").await;
    let key = hidden_key(&html);
    let post = |form: Vec<(&'static str, String)>| {
        let (app, place) = (&app, place.clone());
        async move { app.post_form(&place, &form).await }
    };

    let reply = post(vec![
        ("key", key.clone()),
        ("name", "Болд".into()),
        ("phone", "9911223".into()),
        ("delivery", "delivery".into()),
    ])
    .await;
    assert_eq!(reply.headers()["location"], "/checkout");
    let (_, html) = app.get_html("/checkout").await;
    assert!(
        html.contains("Утасны дугаар 8 оронтой байна."),
        "the phone error is shown: {html}"
    );
    assert!(html.contains("Дүүргээ сонгоно уу."), "the district error is shown");
    assert!(html.contains("value=\"Болд\""), "what the shopper typed is kept");
    assert_eq!(app.row_count("orders").await, 0);

    let valid = vec![
        ("key", key.clone()),
        ("name", "Болд".into()),
        ("phone", "9911 2233".into()),
        ("delivery", "delivery".into()),
        ("district", "bayangol".into()),
        ("khoroo", "3".into()),
        ("address", "10-р байр, 25 тоот".into()),
    ];
    let reply = post(valid.clone()).await;
    let location = reply.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/orders/"), "{location}");
    let again = post(valid).await;
    assert_eq!(
        again.headers()["location"],
        location.as_str(),
        "posting the form again goes to the same order"
    );
    assert_eq!(app.row_count("orders").await, 1);
    assert_eq!(app.row_count("qpay_invoices").await, 1, "and one QPay invoice");

    let (status, html) = app.get_html(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-status=\"awaiting\""), "{html}");
    assert!(
        html.contains("(29 минут үлдсэн)") || html.contains("(30 минут үлдсэн)"),
        "the time left to pay is shown"
    );
    // 25,000₮ of goods and the city centre's 5,000₮ delivery (free from 100,000₮).
    assert!(
        html.contains("data-test=\"order-total\" data-value=\"30000\""),
        "{html}"
    );
    assert!(html.contains("data-test=\"delivery-fee\" data-value=\"5000\""));
    assert!(html.contains("Баянгол, 3-р хороо, 10-р байр, 25 тоот"));
    let (_, cart) = app.get_html("/cart").await;
    assert!(
        cart.contains("data-test=\"cart-empty\""),
        "the cart is empty after the order"
    );

    let stranger = reqwest::Client::new();
    assert_eq!(
        stranger.get(app.url(&location)).send().await.unwrap().status(),
        404,
        "other sessions get 404"
    );
    let view_key: String = sqlx::query_scalar("SELECT view_key FROM orders")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let shared = stranger
        .get(app.url(&format!("{location}?key={view_key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(shared.status(), 200, "the view link opens it for anyone");
    let wrong = stranger
        .get(app.url(&format!("{location}?key=wrong")))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
}

/// Catalog pages reuse what they read for `FRESH_FOR` (catalog/service.rs); the money never does.
async fn a_page_may_show_a_price_kept_for_a_second_but_checkout_charges_the_new_one(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let (_, page) = app.get_html("/products/aaruul").await;
    assert!(page.contains("12,500₮"), "{page}");
    sqlx::query("UPDATE variants SET price_mnt = 13000 WHERE id = $1")
        .bind(aaruul)
        .execute(app.db.pool())
        .await
        .unwrap();

    let add = form_action_in(&page, "add_to_cart").unwrap();
    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "2".into())])
        .await;
    let place = app.form_action("/checkout", "place_order").await;
    let (_, html) = app.get_html("/checkout").await;
    let form = [
        ("key", hidden_key(&html)),
        ("name", "Болд".into()),
        ("phone", "99112233".into()),
        ("delivery", "pickup".into()),
        ("pickup_point", "1".into()),
    ];
    let location = app.post_form(&place, &form).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let order_no = location.trim_start_matches("/orders/");
    let total: i64 = sqlx::query_scalar("SELECT total_mnt FROM orders WHERE order_no = $1")
        .bind(order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        total, 26_000,
        "2 × the price in the database, not the one a page showed"
    );

    tokio::time::sleep(delguur::catalog::service::FRESH_FOR).await;
    let (_, page) = app.get_html("/products/aaruul").await;
    assert!(page.contains("13,000₮"), "read again once kept long enough: {page}");
}
