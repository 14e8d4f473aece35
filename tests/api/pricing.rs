//! What an order costs: the delivery fee by zone, countryside aimag or pickup point, and discount codes, computed on
//! the server at placing and frozen on the order; the QPay invoice's lines adding up to its total.

use delguur::{
    admin::{delivery::form::ZoneForm, form::ticked},
    checkout::{
        CustomerDetails, Delivery,
        service::{CheckoutError, PlaceOrder, PlacedOrder},
    },
    db::{delivery, discount_codes},
    domain::{CartLine, Phone, discount::CodeRefusal},
    i18n::Lang,
    payment::invoice::InvoiceOutcome,
    qpay::InvoiceLine,
};

use crate::{
    helpers::{Engine, TestApp, spawn_app},
    orders::{payments, token_and_invoice},
    shop::line,
};

crate::on_both_engines!(
    the_fee_comes_from_the_zone_the_aimag_or_the_pickup_point_and_is_frozen_on_the_order,
    a_place_the_shop_does_not_deliver_to_is_refused_and_changes_nothing,
    an_owners_change_to_a_zone_never_changes_an_order_already_placed,
    orders_placed_while_the_owner_edits_a_zone_get_the_old_terms_or_the_new_whole,
    a_code_is_applied_on_the_server_and_a_bad_one_changes_nothing,
    the_invoice_lines_carry_the_discount_and_the_delivery_and_add_up_to_its_amount,
);

pub fn customer(delivery: Delivery) -> CustomerDetails {
    CustomerDetails {
        name: "Болд".into(),
        phone: Phone::parse("99112233").unwrap(),
        email: None,
        delivery,
        note: None,
        receipt: None,
    }
}

pub fn city(district: &str, khoroo: &str) -> Delivery {
    Delivery::Ulaanbaatar {
        district: district.into(),
        khoroo: khoroo.into(),
        address: "10-р байр, 25 тоот".into(),
    }
}

fn countryside(aimag: &str) -> Delivery {
    Delivery::Countryside {
        aimag: aimag.into(),
        soum: "Төв сум".into(),
        address: "3-р баг".into(),
    }
}

pub async fn place_with(
    app: &TestApp,
    key: &str,
    delivery: Delivery,
    code: Option<&str>,
    lines: &[CartLine],
) -> Result<PlacedOrder, CheckoutError> {
    app.services
        .checkout
        .place_order(&PlaceOrder {
            idempotency_key: key,
            session_id: None,
            customer: &customer(delivery),
            lines,
            lang: Lang::Mn,
            placed_from: None,
            discount_code: code,
            pay_method: delguur::domain::pay_method::PayMethod::Qpay,
            made_by: None,
        })
        .await
}

/// items, discount, delivery, waived, total and the zone's name, as the order row keeps them.
pub async fn amounts(app: &TestApp, order_no: &str) -> (i64, i64, i64, i64, i64, Option<String>) {
    sqlx::query_as(
        "SELECT items_mnt, discount_mnt, delivery_mnt, delivery_waived_mnt, total_mnt, delivery_zone FROM orders \
         WHERE order_no = $1",
    )
    .bind(order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

/// A code created as the owner's form does.
pub async fn code(app: &TestApp, code: &str, kind: &'static str, value: i64, limits: (Option<i64>, Option<i64>)) {
    let new = discount_codes::NewCode {
        code: code.into(),
        kind,
        percent: (kind == "percent").then_some(value),
        amount_mnt: (kind == "fixed").then_some(value),
        min_order_mnt: None,
        starts_at: None,
        ends_at: None,
        max_uses: limits.0,
        max_uses_per_phone: limits.1,
        categories: Vec::new(),
        products: Vec::new(),
    };
    discount_codes::create(&app.db, &new)
        .await
        .unwrap()
        .expect("a new code");
}

async fn the_fee_comes_from_the_zone_the_aimag_or_the_pickup_point_and_is_frozen_on_the_order(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let scarf = app.variant_id("cashmere-scarf-1").await;
    // (delivery, lines) -> (items, delivery fee, total, zone)
    let cases = [
        (
            city("khan-uul", "3"),
            vec![line(aaruul, 2)],
            (25_000, 5_000, 30_000, Some("Хотын төв")),
        ),
        // 2 scarves: 178,000₮ of goods, over the city centre's 100,000₮: free.
        (
            city("khan-uul", "3"),
            vec![line(scarf, 2)],
            (178_000, 0, 178_000, Some("Хотын төв")),
        ),
        (
            city("nalaikh", "1"),
            vec![line(aaruul, 2)],
            (25_000, 15_000, 40_000, Some("Алслагдсан дүүрэг")),
        ),
        (
            countryside("orkhon"),
            vec![line(aaruul, 1)],
            (12_500, 8_000, 20_500, Some("Автобус эсвэл шуудангаар")),
        ),
        (
            countryside("uvs"),
            vec![line(aaruul, 1)],
            (12_500, 12_000, 24_500, Some("Автобус эсвэл шуудангаар")),
        ),
        (
            Delivery::Pickup { point_id: 1 },
            vec![line(aaruul, 1)],
            (12_500, 0, 12_500, None),
        ),
    ];
    for (index, (delivery, lines, expected)) in cases.into_iter().enumerate() {
        let placed = place_with(&app, &format!("fee-{index}"), delivery.clone(), None, &lines)
            .await
            .unwrap();
        let (items, discount, fee, waived, total, zone) = amounts(&app, placed.order_no.as_str()).await;
        assert_eq!((items, fee, total, zone.as_deref()), expected, "{delivery:?}");
        assert_eq!((discount, waived), (0, 0));
        assert_eq!(placed.total.amount(), total);
    }
    let (aimag, soum, pickup): (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT aimag, soum, pickup_point FROM orders WHERE idempotency_key = 'fee-3'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (aimag.as_deref(), soum.as_deref(), pickup),
        (Some("orkhon"), Some("Төв сум"), None)
    );
    let pickup: Option<String> = sqlx::query_scalar("SELECT pickup_point FROM orders WHERE idempotency_key = 'fee-5'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(
        pickup.unwrap().contains("Бага тойруу 12"),
        "the point's address is kept"
    );
}

async fn a_place_the_shop_does_not_deliver_to_is_refused_and_changes_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let stock = app.stock_of_variant(aaruul).await;
    sqlx::query("UPDATE delivery_zones SET active = 0 WHERE name_en = 'Outer districts'")
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE countryside_delivery SET active = 0")
        .execute(app.db.pool())
        .await
        .unwrap();
    for (delivery, expected) in [
        (city("nalaikh", "1"), "NoZone"),
        (countryside("orkhon"), "NoCountryside"),
        (Delivery::Pickup { point_id: 99 }, "UnknownPickupPoint"),
    ] {
        let refused = place_with(&app, "nowhere", delivery, None, &[line(aaruul, 1)]).await;
        assert!(
            matches!(&refused, Err(CheckoutError::Delivery(r)) if format!("{r:?}") == expected),
            "{refused:?}"
        );
    }
    assert_eq!(app.row_count("orders").await, 0);
    assert_eq!(app.stock_of_variant(aaruul).await, stock);
}

async fn an_owners_change_to_a_zone_never_changes_an_order_already_placed(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let before = place_with(&app, "before", city("bayangol", "4"), None, &[line(aaruul, 1)])
        .await
        .unwrap();
    let centre = delivery::zone_for(&app.db, "bayangol", 4).await.unwrap().unwrap();
    let changed = ZoneForm {
        name_mn: "Төв (шинэ)".into(),
        fee: "7000".into(),
        areas: "bayangol".into(),
        active: ticked(true),
        ..ZoneForm::default()
    }
    .parse()
    .unwrap();
    delivery::save_zone(&app.db, Some(centre.id), &changed).await.unwrap();
    let after = place_with(&app, "after", city("bayangol", "4"), None, &[line(aaruul, 1)])
        .await
        .unwrap();
    let old = amounts(&app, before.order_no.as_str()).await;
    let new = amounts(&app, after.order_no.as_str()).await;
    assert_eq!((old.2, old.4, old.5.as_deref()), (5_000, 17_500, Some("Хотын төв")));
    assert_eq!((new.2, new.4, new.5.as_deref()), (7_000, 19_500, Some("Төв (шинэ)")));
    // The order's page and its invoice keep the fee it was placed with.
    payments(&app).ensure_invoice(before.order_no.as_str()).await.unwrap();
    let invoice_id = token_and_invoice(&app, before.order_no.as_str()).await.1;
    let invoice = payments(&app).qpay().get_invoice(&invoice_id).await.unwrap();
    assert_eq!(invoice.total_amount.and_then(|a| a.to_mnt()), Some(17_500));
}

async fn orders_placed_while_the_owner_edits_a_zone_get_the_old_terms_or_the_new_whole(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let centre = delivery::zone_for(&app.db, "bayangol", 4).await.unwrap().unwrap();
    // The owner flips the city centre between covering Bayangol at 5,000₮ and not covering it at 7,000₮, as long
    // as the shoppers below keep ordering. A mix (Bayangol's area with the new fee) would be 7,000₮ to Bayangol.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editing = {
        let (db, stop) = (app.db.clone(), stop.clone());
        tokio::spawn(async move {
            let mut rounds = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || rounds < 2 {
                let (name, fee, areas) = if rounds % 2 == 0 {
                    (
                        "Шинэ",
                        "7000",
                        "bayanzurkh, songinokhairkhan, sukhbaatar, khan-uul, chingeltei",
                    )
                } else {
                    (
                        "Хотын төв",
                        "5000",
                        "bayangol, bayanzurkh, songinokhairkhan, sukhbaatar, khan-uul, chingeltei",
                    )
                };
                let zone = ZoneForm {
                    name_mn: name.into(),
                    fee: fee.into(),
                    free_from: "100000".into(),
                    areas: areas.into(),
                    active: ticked(true),
                    ..ZoneForm::default()
                }
                .parse()
                .unwrap();
                delivery::save_zone(&db, Some(centre.id), &zone).await.unwrap();
                rounds += 1;
            }
            rounds
        })
    };
    let (mut placed, mut refused) = (Vec::new(), 0);
    for index in 0..20 {
        match place_with(
            &app,
            &format!("edit-{index}"),
            city("bayangol", "4"),
            None,
            &[line(aaruul, 1)],
        )
        .await
        {
            Ok(order) => placed.push(order.order_no.to_string()),
            Err(CheckoutError::Delivery(_)) => refused += 1,
            Err(other) => panic!("{other:?}"),
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let rounds = editing.await.unwrap();
    println!(
        "while the zone was saved {rounds} times: {} orders to Bayangol placed, {refused} refused",
        placed.len()
    );
    for order_no in placed {
        let (_, _, fee, _, total, zone) = amounts(&app, &order_no).await;
        assert_eq!(
            (fee, zone.as_deref()),
            (5_000, Some("Хотын төв")),
            "only the terms that cover Bayangol, never its old area with the new fee"
        );
        assert_eq!(total, 12_500 + fee);
    }
}

async fn a_code_is_applied_on_the_server_and_a_bad_one_changes_nothing(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let honey = app.variant_id("honey-1").await;
    code(&app, "TEN", "percent", 10, (None, None)).await;
    code(&app, "MINUS3000", "fixed", 3_000, (None, None)).await;
    code(&app, "FREESHIP", "free-delivery", 0, (None, None)).await;
    code(&app, "ALL", "percent", 100, (None, None)).await;
    // 12,500 + 14,000 = 26,500₮ of goods to Khan-Uul, 5,000₮ delivery.
    let lines = [line(aaruul, 1), line(honey, 1)];
    // code -> (discount, delivery, waived, total)
    let cases = [
        ("ten", (2_650, 5_000, 0, 28_850)),
        (" minus3000 ", (3_000, 5_000, 0, 28_500)),
        ("FreeShip", (0, 5_000, 5_000, 26_500)),
        ("ALL", (26_500, 5_000, 0, 5_000)),
    ];
    for (index, (typed, expected)) in cases.into_iter().enumerate() {
        let placed = place_with(
            &app,
            &format!("code-{index}"),
            city("khan-uul", "3"),
            Some(typed),
            &lines,
        )
        .await
        .unwrap();
        let (items, discount, fee, waived, total, _) = amounts(&app, placed.order_no.as_str()).await;
        assert_eq!(items, 26_500);
        assert_eq!((discount, fee, waived, total), expected, "{typed}");
        let shares: i64 = sqlx::query_scalar(
            "SELECT CAST(SUM(i.discount_mnt) AS BIGINT) FROM order_items i JOIN orders o ON o.id = i.order_id \
             WHERE o.order_no = $1",
        )
        .bind(placed.order_no.as_str())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(shares, discount, "the items' shares add up to the discount");
    }

    // 100% off a pickup order leaves nothing for QPay to take: refused, as a code that does not exist is.
    let orders = app.row_count("orders").await;
    let stock = app.stock_of_variant(aaruul).await;
    let free = place_with(
        &app,
        "free",
        Delivery::Pickup { point_id: 1 },
        Some("ALL"),
        &[line(aaruul, 1)],
    )
    .await;
    assert!(matches!(free, Err(CheckoutError::NothingToPay)), "{free:?}");
    // A free-delivery code on an order whose delivery is free anyway would spend a use on nothing.
    let pickup = place_with(
        &app,
        "pickup",
        Delivery::Pickup { point_id: 1 },
        Some("FREESHIP"),
        &[line(aaruul, 1)],
    )
    .await;
    assert!(
        matches!(pickup, Err(CheckoutError::Code(CodeRefusal::DeliveryFreeAlready))),
        "{pickup:?}"
    );
    let unknown = place_with(&app, "unknown", city("khan-uul", "3"), Some("NOPE"), &[line(aaruul, 1)]).await;
    assert!(
        matches!(unknown, Err(CheckoutError::Code(CodeRefusal::Unknown))),
        "{unknown:?}"
    );
    sqlx::query("UPDATE discount_codes SET ends_at = 1 WHERE code = 'TEN'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let expired = place_with(&app, "expired", city("khan-uul", "3"), Some("ten"), &[line(aaruul, 1)]).await;
    assert!(
        matches!(expired, Err(CheckoutError::Code(CodeRefusal::Expired))),
        "{expired:?}"
    );
    sqlx::query("UPDATE discount_codes SET min_order_mnt = 50000 WHERE code = 'MINUS3000'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let small = place_with(
        &app,
        "small",
        city("khan-uul", "3"),
        Some("MINUS3000"),
        &[line(aaruul, 1)],
    )
    .await;
    assert!(
        matches!(small, Err(CheckoutError::Code(CodeRefusal::BelowMinimum(_)))),
        "{small:?}"
    );
    assert_eq!(app.row_count("orders").await, orders, "nothing was placed");
    assert_eq!(app.stock_of_variant(aaruul).await, stock, "no stock was taken");
}

async fn the_invoice_lines_carry_the_discount_and_the_delivery_and_add_up_to_its_amount(engine: Engine) {
    let app = spawn_app(engine).await;
    let aaruul = app.variant_id("aaruul-1").await;
    let honey = app.variant_id("honey-1").await;
    code(&app, "TEN", "percent", 10, (None, None)).await;
    let placed = place_with(
        &app,
        "invoice",
        city("khan-uul", "3"),
        Some("TEN"),
        &[line(aaruul, 1), line(honey, 1)],
    )
    .await
    .unwrap();
    payments(&app).ensure_invoice(placed.order_no.as_str()).await.unwrap();
    let invoice_id = token_and_invoice(&app, placed.order_no.as_str()).await.1;
    let invoice = payments(&app).qpay().get_invoice(&invoice_id).await.unwrap();
    assert_eq!(invoice.total_amount.and_then(|a| a.to_mnt()), Some(28_850));
    // The discount is in the unit prices, never in `discounts` (SPEC.md does not say how QPay reads those).
    assert_eq!(invoice.discount_amount.and_then(|a| a.to_mnt()), Some(0));
    assert_eq!(
        line_amounts(&invoice.lines),
        [(1, 11_250), (1, 12_600), (1, 5_000)],
        "12,500 and 14,000 less 10%, and the delivery"
    );
    let body = serde_json::to_value(&invoice.lines).unwrap();
    assert!(
        body.as_array()
            .unwrap()
            .iter()
            .all(|line| line.get("discounts").is_none()),
        "{body}"
    );
    assert_eq!(body[2]["line_description"], "Хүргэлт Хотын төв");

    // 1,000₮ off 3 aaruul and a honey: the aaruul's share, 728₮, does not divide among its three units, so its
    // 36,772₮ is two lines a tögrög apart; the emulator, which refuses lines that do not add up, takes it.
    code(&app, "MINUS1000", "fixed", 1_000, (None, None)).await;
    let placed = place_with(
        &app,
        "uneven",
        city("khan-uul", "3"),
        Some("MINUS1000"),
        &[line(aaruul, 3), line(honey, 1)],
    )
    .await
    .unwrap();
    let outcome = payments(&app).ensure_invoice(placed.order_no.as_str()).await.unwrap();
    assert_eq!(outcome, InvoiceOutcome::Ready, "the emulator took the invoice");
    let invoice_id = token_and_invoice(&app, placed.order_no.as_str()).await.1;
    let invoice = payments(&app).qpay().get_invoice(&invoice_id).await.unwrap();
    let lines = line_amounts(&invoice.lines);
    assert_eq!(lines, [(2, 12_257), (1, 12_258), (1, 13_728), (1, 5_000)]);
    let sum: i64 = lines.iter().map(|(quantity, price)| quantity * price).sum();
    assert_eq!(sum, 55_500, "Σ quantity × unit price is the amount");
    assert_eq!(invoice.total_amount.and_then(|a| a.to_mnt()), Some(55_500));
    assert_eq!(
        amounts(&app, placed.order_no.as_str()).await.4,
        55_500,
        "the order's total"
    );
    assert_eq!(invoice.lines[0].line_description, invoice.lines[1].line_description);
}

/// (quantity, unit price) of each of an invoice's lines, in whole tögrög.
fn line_amounts(lines: &[InvoiceLine]) -> Vec<(i64, i64)> {
    lines
        .iter()
        .map(|line| {
            (
                line.line_quantity.to_mnt().unwrap(),
                line.line_unit_price.to_mnt().unwrap(),
            )
        })
        .collect()
}
