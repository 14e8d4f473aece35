//! Delivery: the demo shop's zones, pickup point and countryside delivery as the repository reads them, the fee the
//! pricing rule gives from them, and the owner's delivery page changing them for orders placed after.

use delguur::{
    db::delivery,
    domain::{Mnt, pricing},
};

use crate::{
    admin::{OWNER, PASSWORD, sign_in, spawn_with_owner},
    helpers::{Engine, form_action_in, spawn_app},
    orders::{pay, payments, state},
    pricing::{amounts, city, place_with},
    shop::line,
};

crate::on_both_engines!(
    the_demo_shop_delivers_by_zone_to_a_pickup_point_and_to_the_countryside,
    the_owner_changes_delivery_for_orders_placed_after_and_a_full_refund_includes_the_fee,
);

async fn the_demo_shop_delivers_by_zone_to_a_pickup_point_and_to_the_countryside(engine: Engine) {
    let app = spawn_app(engine).await;
    let db = &app.db;
    let zone = |district: &'static str, khoroo: i64| async move {
        delivery::zone_for(db, district, khoroo)
            .await
            .unwrap()
            .map(|z| z.name_en)
    };
    assert_eq!(zone("khan-uul", 3).await.as_deref(), Some("City centre"));
    assert_eq!(zone("nalaikh", 1).await.as_deref(), Some("Outer districts"));
    assert_eq!(zone("ulaanbaatar", 1).await, None, "no zone, no delivery");

    let centre = delivery::zone_for(db, "bayangol", 4).await.unwrap().unwrap();
    let basket = |items| pricing::Basket {
        items: Mnt::new(items).unwrap(),
        eligible: Mnt::new(items).unwrap(),
    };
    let below = pricing::price(basket(95_000), None, centre.rate).unwrap();
    assert_eq!((below.delivery.amount(), below.total.amount()), (5_000, 100_000));
    assert_eq!(centre.rate.more_for_free_delivery(below.items), Mnt::new(5_000).ok());
    let free = pricing::price(basket(100_000), None, centre.rate).unwrap();
    assert_eq!((free.delivery.amount(), free.total.amount()), (0, 100_000));

    let pickup = delivery::pickup_points(db).await.unwrap();
    assert_eq!(pickup.len(), 1);
    assert!(pickup[0].hours_mn.contains("10:00"));

    let near = delivery::countryside(db, "orkhon").await.unwrap().unwrap();
    let far = delivery::countryside(db, "uvs").await.unwrap().unwrap();
    assert_eq!(
        (near.rate.fee.amount(), far.rate.fee.amount()),
        (8_000, 12_000),
        "an aimag's own fee, else the countryside's"
    );
    assert_eq!(far.method_en, "By bus or post");

    // Seeded once: a second start with the zones in place adds nothing.
    assert!(!delguur::db::seed::seed_demo_delivery(db).await.unwrap());
    assert_eq!(app.row_count("delivery_zones").await, 2);
}

async fn the_owner_changes_delivery_for_orders_placed_after_and_a_full_refund_includes_the_fee(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let paid = place_with(&app, "before", city("khan-uul", "17"), None, &[line(aaruul, 1)])
        .await
        .unwrap();
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (_, page) = app.get_html("/admin/delivery").await;
    assert!(
        page.contains("value=\"Хотын төв\""),
        "the zones are there to edit: {page}"
    );
    let save_zone = form_action_in(&page, "admin_save_zone").unwrap();
    let zone = |name: &'static str, areas: &'static str| {
        vec![
            ("name_mn", name),
            ("name_en", ""),
            ("fee", "9000"),
            ("free_from", ""),
            ("promise_mn", "Маргааш"),
            ("promise_en", "Tomorrow"),
            ("areas", areas),
            ("active", "on"),
        ]
    };
    // Bayangol is the city centre's: refused beside the field, nothing saved.
    app.post_form(&save_zone, &zone("Давхар", "bayangol")).await;
    let (_, page) = app.get_html("/admin/delivery").await;
    assert!(page.contains("data-test=\"error-areas\""), "{page}");
    assert_eq!(app.row_count("delivery_zones").await, 2);
    // Khoroo 17 of Khan-Uul gets a zone of its own; the rest of Khan-Uul stays in the city centre.
    app.post_form(&save_zone, &zone("Хан-Уул алс", "khan-uul:17")).await;
    assert_eq!(app.row_count("delivery_zones").await, 3);
    let far = place_with(&app, "far", city("khan-uul", "17"), None, &[line(aaruul, 1)])
        .await
        .unwrap();
    let near = place_with(&app, "near", city("khan-uul", "3"), None, &[line(aaruul, 1)])
        .await
        .unwrap();
    assert_eq!(amounts(&app, far.order_no.as_str()).await.2, 9_000);
    assert_eq!(amounts(&app, near.order_no.as_str()).await.2, 5_000);
    assert_eq!(
        amounts(&app, paid.order_no.as_str()).await.2,
        5_000,
        "the order placed before keeps its fee"
    );

    let save_pickup = form_action_in(&page, "admin_save_pickup_point").unwrap();
    let point = [
        ("name_mn", "Зайсан салбар"),
        ("address_mn", "Хан-Уул, 11-р хороо"),
        ("hours_mn", "10:00–20:00"),
        ("active", "on"),
    ];
    app.post_form(&save_pickup, &point).await;
    let (_, checkout) = app.get_html("/checkout").await;
    assert!(
        checkout.contains("Зайсан салбар — Хан-Уул, 11-р хороо (10:00–20:00)"),
        "{checkout}"
    );

    let save_countryside = form_action_in(&page, "admin_save_countryside").unwrap();
    let countryside = [("fee", "10000"), ("method_mn", "Шуудангаар"), ("fees", "orkhon=6000")];
    app.post_form(&save_countryside, &countryside).await;
    let off = place_with(
        &app,
        "countryside",
        delguur::checkout::Delivery::Countryside {
            aimag: "orkhon".into(),
            soum: "Баян-Өндөр".into(),
            address: "1-р баг".into(),
        },
        None,
        &[line(aaruul, 1)],
    )
    .await;
    assert!(
        matches!(off, Err(delguur::checkout::service::CheckoutError::Delivery(_))),
        "saved without 'active': the countryside is off: {off:?}"
    );

    // Paid in full and refunded in full: the delivery fee goes back with the goods.
    payments(&app).ensure_invoice(paid.order_no.as_str()).await.unwrap();
    pay(&app, paid.order_no.as_str()).await;
    crate::helpers::eventually(std::time::Duration::from_secs(20), "the order paid", || async {
        state(&app, paid.order_no.as_str()).await.0 == "paid"
    })
    .await;
    let payment_id: String = sqlx::query_scalar(
        "SELECT p.qpay_payment_id FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.order_no = $1",
    )
    .bind(paid.order_no.as_str())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    // The owner's refund form offers the whole payment, delivery included, as what is left to refund.
    let (_, order_page) = app.get_html(&format!("/admin/orders/{}", paid.order_no)).await;
    assert!(
        order_page.contains("value=\"17500\" data-test=\"refund-amount\""),
        "{order_page}"
    );
    let refund = [
        ("order_no", paid.order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "17500"),
        ("note", "буцаав"),
    ];
    app.post_form(&crate::helpers::server_fn_path("admin_refund"), &refund)
        .await;
    let (refunded, _) = crate::refunds::refunded_and_flag(&app, paid.order_no.as_str()).await;
    assert_eq!(refunded, 12_500 + 5_000, "the whole order, delivery included");
    let (_, order_page) = app.get_html(&format!("/admin/orders/{}", paid.order_no)).await;
    assert!(
        !order_page.contains("data-test=\"refund-amount\""),
        "nothing is left to refund"
    );
}
