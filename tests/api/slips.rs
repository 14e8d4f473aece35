//! Packing and courier (issue #22): a paid delivery order's slip has the phone, the district and khoroo, each item
//! with its quantity, nothing to collect and the order number's QR; a cash-on-delivery order's total is the cash to
//! collect on the courier sheet, whose total is the rows' sum; the slips of a filter are one per order, and the list
//! and the order's page link to them, at most 200 of them with a notice when more match; a visitor is sent to sign
//! in, and an order that does not exist is 404.

use std::collections::BTreeMap;

use crate::{
    admin::{OWNER, PASSWORD, quick_with_owner, sign_in, signed_in_shop},
    helpers::{Engine, TestApp},
    orders::{pay_and_call_back, place, stock_up},
    pay_methods::{TOTAL, order, turn_on},
    reports::values,
};

crate::on_both_engines!(
    a_paid_delivery_orders_slip_has_what_the_packer_and_the_courier_need,
    the_courier_sheet_collects_a_cash_orders_total_and_sums_its_rows,
    the_slips_of_a_filter_are_one_per_order_and_the_list_links_to_them,
    a_visitor_is_sent_to_sign_in_and_an_unknown_order_is_not_found,
    more_than_200_matching_orders_show_the_newest_200_and_say_so,
);

/// The shopper's phone and address as `pay_methods::order` checks out with them.
const PHONE: &str = "88112233";
const ADDRESS: &str = "Баянгол, 3-р хороо, 10-р байр, 25 тоот";

/// A shopper's order of two aaruul to Bayangol, khoroo 3 ([`TOTAL`] with delivery), paid through QPay; its number.
async fn paid_delivery_order(app: &TestApp) -> String {
    let order_no = order(app, "").await;
    pay_and_call_back(app, &order_no).await;
    order_no
}

/// The markup of the first element whose `data-test` is `test`, from its tag to the first `</{tag}>` after it.
fn element<'a>(html: &'a str, test: &str, tag: &str) -> &'a str {
    let at = html
        .find(&format!("data-test=\"{test}\""))
        .unwrap_or_else(|| panic!("no {test} in {html}"));
    let end = at + html[at..].find(&format!("</{tag}>")).unwrap();
    &html[at..end]
}

async fn a_paid_delivery_orders_slip_has_what_the_packer_and_the_courier_need(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let order_no = paid_delivery_order(&app).await;

    let (status, page) = app.get_html(&format!("/admin/orders/{order_no}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        values(&page, "slip-link", "href"),
        [format!("/admin/orders/{order_no}/slip")],
        "the order's page links to its slip"
    );

    let (status, html) = app.get_html(&format!("/admin/orders/{order_no}/slip")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(values(&html, "slip", "data-order"), std::slice::from_ref(&order_no));
    let slip = element(&html, "slip", "article");
    assert!(slip.contains(&order_no), "{slip}");
    assert!(
        slip.contains(&format!("href=\"tel:+976{PHONE}\"")),
        "the phone to call: {slip}"
    );
    assert!(slip.contains(PHONE), "{slip}");
    assert!(slip.contains(ADDRESS), "the district, khoroo and address: {slip}");
    // Two aaruul of 500 g: its name, its variant and the quantity.
    assert_eq!(values(slip, "slip-item", "data-quantity"), ["2"]);
    assert!(slip.contains("Ааруул") && slip.contains("500 г"), "{slip}");
    assert_eq!(
        values(slip, "slip-cash", "data-value"),
        ["0"],
        "paid: nothing to collect"
    );
    let cash = element(slip, "slip-cash", "p");
    assert!(cash.contains("0₮") && cash.contains("Төлөгдсөн"), "{cash}");
    let qr = element(slip, "slip-qr", "div");
    assert!(qr.contains("<svg"), "the order number as an SVG QR code: {qr}");
}

async fn the_courier_sheet_collects_a_cash_orders_total_and_sums_its_rows(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    turn_on(&app, "72").await;
    let paid = paid_delivery_order(&app).await;
    let cash = order(&app, "cash-on-delivery").await;
    assert_eq!(crate::pay_methods::state(&app, &cash).await.0, "awaiting");

    // The list's own default: orders to handle, not yet packed; both are.
    let (status, html) = app.get_html("/admin/courier").await;
    assert_eq!(status, 200, "{html}");
    let rows: BTreeMap<String, i64> = values(&html, "courier-row", "data-order")
        .into_iter()
        .zip(values(&html, "courier-cash", "data-value"))
        .map(|(order_no, cash)| (order_no, cash.parse().unwrap()))
        .collect();
    assert_eq!(
        rows,
        BTreeMap::from([(paid.clone(), 0), (cash.clone(), TOTAL)]),
        "cash on delivery collects its total, a paid order nothing"
    );
    let total: i64 = values(&html, "courier-total", "data-value")[0].parse().unwrap();
    assert_eq!(total, rows.values().sum::<i64>(), "the sheet's total is its rows' sum");
    assert_eq!(total, TOTAL);
    assert!(
        element(&html, "courier-total", "td").contains("30,000₮"),
        "money as the shop writes it"
    );
    assert_eq!(
        values(&html, "courier-phone", "href"),
        [format!("tel:+976{PHONE}"), format!("tel:+976{PHONE}")]
    );
    // As the page's text (between tags), not the page's data the server also sends along with it.
    let shown = format!(">{ADDRESS}<");
    assert_eq!(html.matches(&shown).count(), 2, "each row's address");
    assert!(
        !html.contains("data-test=\"slips-capped\""),
        "two orders are far from the cap"
    );

    // Once its cash is recorded, the cash order has nothing left to collect.
    crate::pay_methods::receive(&app, &cash, &TOTAL.to_string()).await;
    assert_eq!(crate::pay_methods::state(&app, &cash).await.0, "paid");
    let (_, html) = app.get_html("/admin/courier").await;
    assert_eq!(values(&html, "courier-total", "data-value"), ["0"]);
}

async fn the_slips_of_a_filter_are_one_per_order_and_the_list_links_to_them(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    let first = paid_delivery_order(&app).await;
    let second = paid_delivery_order(&app).await;
    // Placed, never paid: not in "paid".
    let unpaid = order(&app, "").await;

    let (_, list) = app.get_html("/admin?payment=paid&fulfilment=all").await;
    for (test, path) in [("slips-link", "/admin/slips?"), ("courier-link", "/admin/courier?")] {
        let href = values(&list, test, "href").pop().unwrap_or_else(|| panic!("no {test}"));
        assert!(
            href.starts_with(&format!("{path}payment=paid")) && href.contains("fulfilment=all"),
            "{test} carries the list's filter: {href}"
        );
    }

    let (status, html) = app.get_html("/admin/slips?payment=paid&fulfilment=all").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        values(&html, "slip", "data-order"),
        [second.clone(), first.clone()],
        "newest first"
    );
    assert_eq!(html.matches("class=\"slip\"").count(), 2, "one .slip per order");
    assert!(!html.contains(&format!("data-order=\"{unpaid}\"")));

    let (_, all) = app.get_html("/admin/slips?payment=all&fulfilment=all").await;
    assert_eq!(values(&all, "slip", "data-order"), [unpaid, second, first]);
    assert_eq!(all.matches("class=\"slip\"").count(), 3);

    let (_, none) = app.get_html("/admin/slips?payment=refunded&fulfilment=all").await;
    assert!(
        none.contains("data-test=\"no-orders\""),
        "no slips, and the page says so"
    );
    assert_eq!(none.matches("class=\"slip\"").count(), 0);
}

async fn a_visitor_is_sent_to_sign_in_and_an_unknown_order_is_not_found(engine: Engine) {
    let app = quick_with_owner(engine, &[]).await;
    let order_no = order(&app, "").await;
    for page in [
        "/admin/slips?payment=all".to_owned(),
        "/admin/courier".to_owned(),
        format!("/admin/orders/{order_no}/slip"),
    ] {
        let reply = app.get(&page).await;
        assert_eq!(reply.status().as_u16() / 100, 3, "{page} redirects");
        assert_eq!(reply.headers()["location"], "/admin/login", "{page}");
        assert!(!reply.text().await.unwrap().contains(&order_no), "{page} shows nothing");
    }

    assert_eq!(sign_in(&app, OWNER, PASSWORD).await, "/admin");
    for unknown in ["/admin/orders/ZZZZ9999/slip", "/admin/orders/not-an-order/slip"] {
        let (status, _) = app.get_html(unknown).await;
        assert_eq!(status, 404, "{unknown}");
    }
    let (status, _) = app.get_html(&format!("/admin/orders/{order_no}/slip")).await;
    assert_eq!(status, 200, "the same page for the owner");
}

/// The most orders the slips and the courier sheet hold (`admin::slips::MOST_ORDERS`, README: "at most 200 orders").
const MOST: usize = 200;

/// One more order matches than the slips and the sheet hold: each shows the newest 200 and says how many match. The
/// 201 orders are placed one by one through the server's own checkout service (no invoice, no HTTP), the cheapest
/// way the tests place an order as the shop does.
async fn more_than_200_matching_orders_show_the_newest_200_and_say_so(engine: Engine) {
    let app = signed_in_shop(engine, &[]).await;
    stock_up(&app.db).await;
    let mut placed = Vec::with_capacity(MOST + 1);
    for i in 0..=MOST {
        placed.push(place(&app, &format!("cap-{i}")).await);
    }
    let first_placed = &placed[0];

    for (page, row) in [
        ("/admin/slips?payment=all&fulfilment=all", "slip"),
        ("/admin/courier?payment=all&fulfilment=all", "courier-row"),
    ] {
        let (status, html) = app.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        let shown = values(&html, row, "data-order");
        assert_eq!(shown.len(), MOST, "{page}: at most 200 orders");
        assert_eq!(shown.first(), placed.last(), "{page}: newest first");
        assert!(!shown.contains(first_placed), "{page}: the oldest is the one left out");
        let notice = element(&html, "slips-capped", "p");
        assert!(
            notice.contains("Шүүлтүүрт 201 захиалга тохирсноос эхний 200-г харууллаа."),
            "{page}: the page says how many match and how many are shown: {notice}"
        );
    }
    // Narrowed as the notice says (here to the one left out, by its number), it is shown, and the notice goes.
    let (_, html) = app
        .get_html(&format!("/admin/slips?payment=all&fulfilment=all&q={first_placed}"))
        .await;
    assert_eq!(
        values(&html, "slip", "data-order").as_slice(),
        std::slice::from_ref(first_placed)
    );
    assert!(
        !html.contains("data-test=\"slips-capped\""),
        "one order is far from the cap"
    );
}
