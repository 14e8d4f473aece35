//! The owner's sales report (`/admin/reports`, issue #22): paid orders' revenue less refunds, orders and the average,
//! the day's bar, the top product and the way to pay, read from the page's `data-value`s on both engines; the period
//! before is empty; QPay's fees as QPay told them; staff are refused; a wrong custom period is its fields' mistakes, not a 500.

use crate::{
    admin::{OWNER, PASSWORD, quick_with_owner, sign_in},
    helpers::{Engine, server_fn_path},
    orders::{order_with_invoice, paid_order},
};

crate::on_both_engines!(
    the_report_counts_paid_orders_less_refunds_by_day_product_and_way_to_pay,
    staff_are_refused_the_report,
    a_wrong_custom_period_is_shown_beside_its_fields,
);

/// Each element's `attribute` whose `data-test` is `test`, in the page's order (the slips' tests read them too).
pub fn values(html: &str, test: &str, attribute: &str) -> Vec<String> {
    let marker = format!("data-test=\"{test}\"");
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let tag_start = html[..at].rfind('<')?;
            let tag = &html[tag_start..at + html[at..].find('>')?];
            let needle = format!(" {attribute}=\"");
            let from = tag.find(&needle)? + needle.len();
            Some(tag[from..from + tag[from..].find('"')?].to_owned())
        })
        .collect()
}

fn value(html: &str, test: &str) -> String {
    values(html, test, "data-value")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {test} in {html}"))
}

async fn the_report_counts_paid_orders_less_refunds_by_day_product_and_way_to_pay(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let (first, payment_id) = paid_order(&app, "k1").await;
    paid_order(&app, "k2").await;
    paid_order(&app, "k3").await;
    // Placed, never paid: no sale.
    order_with_invoice(&app, "k4").await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    // 5,000₮ of the first goes back by hand.
    let form = [
        ("order_no", first.as_str()),
        ("payment_id", payment_id.as_str()),
        ("amount", "5000"),
        ("note", "returned in cash"),
    ];
    app.post_form(&server_fn_path("admin_refund"), &form).await;
    assert_eq!(crate::refunds::refunded_and_flag(&app, &first).await.0, 5_000);

    let (status, html) = app.get_html("/admin/reports?period=7d").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("href=\"/admin/reports\""),
        "the owner's navigation has the report"
    );
    assert_eq!(
        value(&html, "report-revenue"),
        "70000",
        "3 × 25,000₮ less 5,000₮ refunded"
    );
    assert_eq!(value(&html, "report-orders"), "3", "the unpaid order is no sale");
    assert_eq!(value(&html, "report-average"), "23333");
    for before in ["report-revenue-before", "report-orders-before", "report-average-before"] {
        assert_eq!(value(&html, before), "0", "{before}: nothing the week before");
    }
    // QPay's fee as QPay told it with each payment (the emulator's 1%: 250.00₮ of 25,000₮), in hundredths.
    assert_eq!(value(&html, "report-fees"), "75000", "3 × 250.00₮");
    assert!(html.contains("750₮"), "shown in tögrög");
    // No day of QPay's list checked yet; the owner is shown the way to the check.
    assert_eq!(values(&html, "report-qpay-checks", "data-checked"), ["0"]);
    assert!(html.contains("data-test=\"report-qpay-check-link\""));

    // Seven bars, one a day, today's with all of it; the table beside the chart says the same.
    assert_eq!(values(&html, "chart-bar", "data-value").len(), 7);
    let today = delguur::ub_time::today_and_monday(delguur::db::now_ms()).unwrap().0;
    let labels = values(&html, "chart-bar", "data-label");
    assert_eq!(labels.last(), Some(&today));
    assert_eq!(
        values(&html, "chart-bar", "data-value").last().map(String::as_str),
        Some("70000")
    );
    assert!(
        html.contains(&format!("<title>{today}: 70,000₮</title>")),
        "the bar's title"
    );
    assert_eq!(values(&html, "report-day", "data-day").last(), Some(&today));
    assert_eq!(
        values(&html, "report-day", "data-value").last().map(String::as_str),
        Some("70000")
    );
    assert!(html.contains("role=\"img\"") && html.contains("aria-labelledby=\"report-days-chart-title"));

    // The top product: aaruul, 6 units for 75,000₮ (items are counted before refunds, which are the order's).
    assert_eq!(
        values(&html, "report-products-revenue-row", "data-name")
            .first()
            .map(String::as_str),
        Some("Ааруул")
    );
    assert_eq!(
        values(&html, "report-products-revenue-row", "data-count")
            .first()
            .map(String::as_str),
        Some("6")
    );
    assert_eq!(
        values(&html, "report-products-revenue-row", "data-value")
            .first()
            .map(String::as_str),
        Some("75000")
    );
    assert_eq!(
        values(&html, "report-products-units-row", "data-count")
            .first()
            .map(String::as_str),
        Some("6")
    );
    // All paid through QPay.
    assert_eq!(values(&html, "report-methods-row", "data-count"), ["3"]);
    assert_eq!(values(&html, "report-methods-row", "data-value"), ["70000"]);
    assert_eq!(
        values(&html, "report-zones-row", "data-count"),
        ["3"],
        "all collected at the pickup point"
    );
    assert_eq!(values(&html, "report-codes", "data-orders"), ["0"]);

    // Today only, and a calendar month, hold the same sales.
    let (_, today_only) = app.get_html("/admin/reports?period=today").await;
    assert_eq!(value(&today_only, "report-revenue"), "70000");
    assert_eq!(values(&today_only, "chart-bar", "data-value"), ["70000"]);
    let month = &today[..7];
    let (_, month_html) = app
        .get_html(&format!("/admin/reports?period=month&month={month}"))
        .await;
    assert_eq!(value(&month_html, "report-revenue"), "70000");

    // The report keeps its sums until an order moves (admin/reports/sums.rs): another paid order shows at once.
    paid_order(&app, "k5").await;
    let (_, again) = app.get_html("/admin/reports?period=7d").await;
    assert_eq!(value(&again, "report-revenue"), "95000");
    assert_eq!(value(&again, "report-orders"), "4");
    // Names are read with each report: a product renamed, with no order moving, shows its new name.
    sqlx::query("UPDATE products SET name_mn = 'Хатаасан ааруул' WHERE name_mn = 'Ааруул'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, renamed) = app.get_html("/admin/reports?period=7d").await;
    assert_eq!(value(&renamed, "report-orders"), "4");
    assert_eq!(
        values(&renamed, "report-products-revenue-row", "data-name")
            .first()
            .map(String::as_str),
        Some("Хатаасан ааруул")
    );

    // A payment whose fee QPay did not tell: the fees figure sums the ones told, and the page says how many.
    sqlx::query("UPDATE payments SET fee_cents = NULL WHERE qpay_payment_id = $1")
        .bind(&payment_id)
        .execute(app.db.pool())
        .await
        .unwrap();
    paid_order(&app, "k6").await;
    let (_, partly) = app.get_html("/admin/reports?period=7d").await;
    assert_eq!(value(&partly, "report-fees"), "100000", "4 × 250.00₮ told");
    assert!(partly.contains("5 төлбөрийн 4-д нь"), "{partly}");
}

async fn staff_are_refused_the_report(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let staff = crate::staff::staff_member(&app).await;
    let (status, html) = staff.get_html("/admin/reports").await;
    assert_eq!(status, 403);
    assert!(html.contains("data-test=\"not-allowed\""));
    assert!(!html.contains("report-revenue"));
    // Posted as the staff walk posts it (no redirect followed): the function itself answers 403.
    let reply = staff
        .client
        .post(app.url(&server_fn_path("get_admin_report")))
        .form(&[("query[period]", "7d")])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 403, "the server function checks the role itself");
    let (_, list) = staff.get_html("/admin").await;
    assert!(!list.contains("nav-reports"), "staff's navigation has no report");
}

async fn a_wrong_custom_period_is_shown_beside_its_fields(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    let (status, html) = app
        .get_html("/admin/reports?period=custom&from=2026-11-09&to=2026-11-02")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"error-to\""), "{html}");
    assert!(
        !html.contains("data-test=\"report-revenue\""),
        "no report for no period"
    );
    assert!(html.contains("value=\"2026-11-09\""), "the form comes back as asked");

    let (status, html) = app
        .get_html("/admin/reports?period=custom&from=garbage&to=2026-02-30")
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("data-test=\"error-from\"") && html.contains("data-test=\"error-to\""),
        "{html}"
    );
    let (status, html) = app.get_html("/admin/reports?period=month&month=2026-13").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"error-month\""), "{html}");

    let (status, html) = app
        .get_html("/admin/reports?period=custom&from=2026-11-02&to=2026-11-04")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        values(&html, "chart-bar", "data-value"),
        ["0", "0", "0"],
        "a bar for each day, sold or not"
    );
    assert_eq!(value(&html, "report-revenue"), "0");
}
