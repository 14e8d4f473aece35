//! One path for every money move: money from QPay and money the shop records go through one step
//! (`payment::moves::apply_payment`), and every way an unpaid order ends (QPay's invoice running out, an order whose
//! invoice was never made, the shop's own wait for cash or a transfer, the owner's cancel) through another
//! (`end_unpaid`), so each does the same: the stock back, the shopper told once, money already paid flagged for the
//! owner to return.

use std::time::Duration;

use crate::{
    admin::signed_in_shop,
    helpers::{Engine, TestApp, eventually, server_fn_path, spawn_quick},
    orders::{payments, place},
    pay_methods::{order, receive, state, turn_on},
};

crate::on_both_engines!(
    an_order_whose_invoice_was_never_made_expires_as_any_other,
    a_part_paid_transfer_expires_at_its_time_flagged_and_its_money_goes_back_by_hand,
);

/// The order's outbox kinds, oldest first.
async fn outbox_kinds(app: &TestApp, order_no: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT x.kind FROM outbox x JOIN orders o ON o.id = x.order_id WHERE o.order_no = $1 ORDER BY x.id",
    )
    .bind(order_no)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

/// Before, an order whose QPay invoice was never made expired by a path of its own: its stock went back, but the
/// shopper, who had the "placed" SMS with its pay link, never heard it was over.
async fn an_order_whose_invoice_was_never_made_expires_as_any_other(engine: Engine) {
    let app = spawn_quick(engine, &[("RECONCILE_SCHEDULE", "1h")]).await;
    let stock = app.stock_of("aaruul-1").await;
    let order_no = place(&app, "unbilled").await;
    assert_eq!(app.stock_of("aaruul-1").await, stock - 2);
    assert!(payments(&app).expire_unbilled(&order_no).await.unwrap());
    assert!(!payments(&app).expire_unbilled(&order_no).await.unwrap(), "once");
    assert_eq!(state(&app, &order_no).await.0, "expired");
    assert_eq!(app.stock_of("aaruul-1").await, stock, "its stock went back");
    let kinds = outbox_kinds(&app, &order_no).await;
    assert_eq!(
        kinds.iter().filter(|k| *k == "notice:expired:sms").count(),
        1,
        "the shopper told once: {kinds:?}"
    );
    assert_eq!(
        crate::notices::events(&app, &order_no, "state").await,
        ["awaiting -> expired (no invoice was made)"]
    );
}

/// Before, a transfer part paid (with `QPAY_ALLOW_PARTIAL`) could never end: no expiry, no cancel, its stock held
/// for ever. Now it expires at its time like an unpaid one, flagged with the money to return, which the owner
/// returns by hand.
async fn a_part_paid_transfer_expires_at_its_time_flagged_and_its_money_goes_back_by_hand(engine: Engine) {
    let app = signed_in_shop(engine, &[("QPAY_ALLOW_PARTIAL", "true")]).await;
    turn_on(&app, "1").await;
    let stock = app.stock_of("aaruul-1").await;
    let order_no = order(&app, "bank-transfer").await;
    assert_eq!(
        receive(&app, &order_no, "10000").await,
        "Хэсэгчлэн төлөгдсөнөөр тэмдэглэлээ."
    );
    sqlx::query("UPDATE orders SET pay_by = pay_by - 7200000 WHERE order_no = $1")
        .bind(&order_no)
        .execute(app.db.pool())
        .await
        .unwrap();
    eventually(Duration::from_secs(10), "the part-paid transfer expires", || async {
        state(&app, &order_no).await.0 == "expired"
    })
    .await;
    assert_eq!(app.stock_of("aaruul-1").await, stock, "its stock went back");
    let flag: Option<String> = sqlx::query_scalar("SELECT attention FROM orders WHERE order_no = $1")
        .bind(&order_no)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let flag = flag.unwrap_or_default();
    assert!(
        flag.starts_with(
            "Part paid: 10,000₮ of 30,000₮ came before the time to pay ran out: return it by hand (a manual refund)"
        ),
        "{flag}"
    );
    let kinds = outbox_kinds(&app, &order_no).await;
    assert!(kinds.iter().any(|k| k == "notice:expired:sms"), "{kinds:?}");
    assert!(
        !kinds.iter().any(|k| k == "cancel_invoice"),
        "no QPay invoice to cancel: {kinds:?}"
    );

    // The owner returns the 10,000₮ by hand, which resolves the flag.
    let payment_id: String = sqlx::query_scalar(
        "SELECT p.qpay_payment_id FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.order_no = $1",
    )
    .bind(&order_no)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let form = [
        ("order_no", order_no.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "10000"),
        ("note", "Хаан банкаар буцааж шилжүүлэв"),
    ];
    app.post_form(&server_fn_path("admin_refund"), &form).await;
    let (refunded, flag): (i64, Option<String>) =
        sqlx::query_as("SELECT refunded_mnt, attention FROM orders WHERE order_no = $1")
            .bind(&order_no)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((refunded, flag), (10_000, None), "refunded by hand, nothing left to do");
}
