//! Delivery (issue #18, first steps): the demo shop's zones, pickup point and countryside delivery as the
//! repository reads them, and the fee the pricing rule gives from them.

use delguur::{
    db::delivery,
    domain::{Mnt, pricing},
};

use crate::helpers::{Engine, spawn_app};

crate::on_both_engines!(the_demo_shop_delivers_by_zone_to_a_pickup_point_and_to_the_countryside);

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
    let below = pricing::price(basket(95_000), None, centre.rate()).unwrap();
    assert_eq!((below.delivery.amount(), below.total.amount()), (5_000, 100_000));
    assert_eq!(centre.rate().more_for_free_delivery(below.items), Mnt::new(5_000).ok());
    let free = pricing::price(basket(100_000), None, centre.rate()).unwrap();
    assert_eq!((free.delivery.amount(), free.total.amount()), (0, 100_000));

    let pickup = delivery::pickup_points(db).await.unwrap();
    assert_eq!(pickup.len(), 1);
    assert!(pickup[0].hours_mn.contains("10:00"));

    let near = delivery::countryside(db, "orkhon").await.unwrap().unwrap();
    let far = delivery::countryside(db, "uvs").await.unwrap().unwrap();
    assert_eq!(
        (near.fee_mnt, far.fee_mnt),
        (8_000, 12_000),
        "an aimag's own fee, else the countryside's"
    );
    assert_eq!(far.method_en, "By bus or post");

    // Seeded once: a second start with the zones in place adds nothing.
    assert!(!delguur::db::seed::seed_demo_delivery(db).await.unwrap());
    assert_eq!(app.row_count("delivery_zones").await, 2);
}
