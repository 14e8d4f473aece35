//! The cart over HTTP, as a browser without JavaScript uses it: plain form posts to server functions that
//! redirect to the cart page.

use crate::helpers::{Engine, spawn_app};

crate::on_both_engines!(
    the_cart_prices_lines_from_the_database_whatever_the_form_says,
    a_quantity_above_the_stock_is_refused_with_a_message,
    lines_can_be_changed_and_removed,
);

async fn the_cart_prices_lines_from_the_database_whatever_the_form_says(engine: Engine) {
    let app = spawn_app(engine).await;
    let add = app.form_action("/products/aaruul", "add_to_cart").await;
    let aaruul = app.variant_id("aaruul-1").await;
    let honey = app.variant_id("honey-2").await;

    let reply = app
        .post_form(
            &add,
            &[
                ("variant_id", aaruul.to_string()),
                ("quantity", "2".into()),
                ("price", "1".into()),
            ],
        )
        .await;
    assert_eq!(reply.status(), 302);
    assert_eq!(reply.headers()["location"], "/cart");
    app.post_form(&add, &[("variant_id", honey.to_string()), ("quantity", "1".into())])
        .await;

    let (status, html) = app.get_html("/cart").await;
    assert_eq!(status, 200);
    assert_eq!(html.matches("data-test=\"cart-line\"").count(), 2, "{html}");
    assert!(html.contains("25,000₮"), "2 × 12,500₮ aaruul");
    assert!(
        html.contains("data-test=\"order-total\" data-value=\"50000\""),
        "the total comes from the database: {html}"
    );
    assert!(
        html.contains("data-test=\"cart-count\" class=\"cart-count\">3<"),
        "the header badge counts items"
    );
}

async fn a_quantity_above_the_stock_is_refused_with_a_message(engine: Engine) {
    let app = spawn_app(engine).await;
    let add = app.form_action("/products/aaruul", "add_to_cart").await;
    let aaruul = app.variant_id("aaruul-1").await;

    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "51".into())])
        .await;

    let (_, html) = app.get_html("/cart").await;
    assert!(
        html.contains("Ааруул (500 г): зөвхөн 50 ширхэг үлдсэн байна."),
        "{html}"
    );
    assert!(html.contains("data-test=\"cart-empty\""), "nothing was added");

    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "50".into())])
        .await;
    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "1".into())])
        .await;
    let (_, html) = app.get_html("/cart").await;
    assert!(html.contains("зөвхөн 50 ширхэг"), "what is already in the cart counts");
    assert!(html.contains("value=\"50\""), "the cart still holds 50");

    let update = app.form_action("/cart", "update_cart_line").await;
    for quantity in ["-1", "1001"] {
        app.post_form(
            &update,
            &[("variant_id", aaruul.to_string()), ("quantity", quantity.into())],
        )
        .await;
        let (_, html) = app.get_html("/cart").await;
        assert!(
            html.contains("Тоо ширхэг 1-ээс 1000-ын хооронд байна."),
            "{quantity}: {html}"
        );
        assert!(html.contains("value=\"50\""), "{quantity}: the cart still holds 50");
    }
}

async fn lines_can_be_changed_and_removed(engine: Engine) {
    let app = spawn_app(engine).await;
    let add = app.form_action("/products/aaruul", "add_to_cart").await;
    let aaruul = app.variant_id("aaruul-1").await;
    app.post_form(&add, &[("variant_id", aaruul.to_string()), ("quantity", "1".into())])
        .await;
    let update = app.form_action("/cart", "update_cart_line").await;
    let remove = app.form_action("/cart", "remove_cart_line").await;

    app.post_form(&update, &[("variant_id", aaruul.to_string()), ("quantity", "4".into())])
        .await;
    let (_, html) = app.get_html("/cart").await;
    assert!(
        html.contains("data-test=\"order-total\" data-value=\"50000\""),
        "{html}"
    );

    app.post_form(&remove, &[("variant_id", aaruul.to_string())]).await;
    let (_, html) = app.get_html("/cart").await;
    assert!(html.contains("data-test=\"cart-empty\""));
    assert!(!html.contains("data-test=\"cart-count\""), "no badge for an empty cart");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_form_post_is_refused() {
    let app = spawn_app(Engine::Sqlite).await;
    let add = app.form_action("/products/aaruul", "add_to_cart").await;

    let reply = app
        .client
        .post(app.url(&add))
        .header("origin", "https://evil.example")
        .form(&[("variant_id", "1"), ("quantity", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 403);

    let same_site = app
        .client
        .post(app.url(&add))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .form(&[("variant_id", "1"), ("quantity", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 302);
}
