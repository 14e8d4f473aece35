//! Stored values are decoded once, in the repository: a value no version of the shop writes is an error the shop
//! answers with (a 500, the cause in the log), never read as some default.
//!
//! Only what the database lets through can be tested here. Both engines' CHECK constraints refuse an unknown
//! payment state, fulfilment step or way to pay (`payment_method IN ('qpay', …)`), and a negative delivery fee
//! (`fee_mnt >= 0` on zones, countryside delivery and its per-aimag fees): those are tested on their decoding
//! (`db/stored.rs`, `db/orders/decode.rs`, `db/delivery.rs`). An order's `paid_mnt` has no CHECK.

use crate::{
    admin::{OWNER, PASSWORD, sign_in, spawn_with_owner},
    helpers::{Engine, eventually, spawn_quick},
    logs::CapturedLogs,
    orders::{payments, place, view_key},
};

crate::on_both_engines!(
    a_corrupt_paid_amount_is_refused_loudly_never_read_as_nothing_paid,
    one_corrupt_order_does_not_keep_the_others_from_expiring,
);

async fn a_corrupt_paid_amount_is_refused_loudly_never_read_as_nothing_paid(engine: Engine) {
    let app = spawn_with_owner(engine, &[]).await;
    let order_no = place(&app, "corrupt-paid").await;
    let key = view_key(&app, &order_no).await;
    let order_page = format!("/orders/{order_no}?key={key}");
    assert_eq!(app.get_html(&order_page).await.0, 200, "the order as placed");

    sqlx::query("UPDATE orders SET paid_mnt = -5 WHERE order_no = $1")
        .bind(&order_no)
        .execute(app.db.pool())
        .await
        .unwrap();

    // The pay page's invoice is not made: QPay is never asked to bill an order read with a default.
    let outcome = payments(&app).ensure_invoice(&order_no).await;
    let error = outcome.expect_err("a corrupt order is not billed");
    assert!(error.to_string().contains("orders.paid_mnt is '-5'"), "{error}");
    assert_eq!(app.row_count("qpay_invoices").await, 0, "no invoice, not even a claim");

    // The shopper's page and the owner's answer with an error, not "0₮ paid", and the log says where the value is.
    let logs = CapturedLogs::start();
    assert_eq!(app.get_html(&order_page).await.0, 500, "the shopper's page");
    sign_in(&app, OWNER, PASSWORD).await;
    let (status, _) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert_eq!(status, 500, "the owner's page");
    let logged = logs.text();
    assert!(logged.contains("orders.paid_mnt is '-5'"), "{logged}");
}

/// The reconciler expires orders a batch at a time, oldest first: one order it cannot read (logged) must not stop
/// it, or the same bad row would come first on every tick and nothing after it would ever expire.
async fn one_corrupt_order_does_not_keep_the_others_from_expiring(engine: Engine) {
    let app = spawn_quick(engine, &[("INVOICE_LIFETIME", "1s"), ("RECONCILE_SCHEDULE", "1h")]).await;
    // Two orders that never got an invoice; the older one corrupt.
    let corrupt = place(&app, "corrupt-first").await;
    let good = place(&app, "good-second").await;
    sqlx::query("UPDATE orders SET paid_mnt = -5 WHERE order_no = $1")
        .bind(&corrupt)
        .execute(app.db.pool())
        .await
        .unwrap();
    eventually(
        std::time::Duration::from_secs(10),
        "the readable order expires",
        || async { crate::orders::state(&app, &good).await.0 == "expired" },
    )
    .await;
    let corrupt_state: String = sqlx::query_scalar("SELECT payment_state FROM orders WHERE order_no = $1")
        .bind(&corrupt)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        corrupt_state, "awaiting",
        "left for the owner to look at, not guessed at"
    );
}
