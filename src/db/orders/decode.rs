//! The order and its items as stored, and their decoding into [`OrderRow`] and [`ItemRow`] (`db::stored`): the
//! raw records stay here, so nothing after the repository reads an amount, a payment state, a fulfilment step or a
//! way to pay from text or a bare number.

use super::{ItemRow, OrderRow};
use crate::db::stored;

/// The tables the records are read from, as their errors name them.
const ORDERS: &str = "orders";
const ITEMS: &str = "order_items";

stored::record! {
    /// The `orders` row as `SELECT`ed by `find_by_no` and the owner's list (`super::COLUMNS`).
    #[derive(Debug, Clone)]
    pub(crate) struct OrderRecord => OrderRow {
        id: i64,
        order_no: String,
        view_key: String,
        callback_token: String,
        session_id: Option<String>,
        customer_name: String,
        phone: String,
        email: Option<String>,
        delivery: String,
        district: Option<String>,
        khoroo: Option<String>,
        aimag: Option<String>,
        soum: Option<String>,
        address: Option<String>,
        pickup_point: Option<String>,
        delivery_zone: Option<String>,
        delivery_promise: Option<String>,
        note: Option<String>,
        discount_code: Option<String>,
        discount_code_id: Option<i64>,
        lang: String,
        created_at: i64,
        stock_reserved: i64,
        attention: Option<String>,
        courier_note: Option<String>,
        pay_by: Option<i64>,
    }
    stored {
        payment_state: String,
        fulfilment: String,
        payment_method: String,
        items_mnt: i64,
        discount_mnt: i64,
        delivery_mnt: i64,
        delivery_waived_mnt: i64,
        total_mnt: i64,
        paid_mnt: i64,
        refunded_mnt: i64,
    }
    decoded |row| {
        payment_state: stored::payment_state(ORDERS, "payment_state", &row.payment_state)?,
        fulfilment: stored::fulfilment(ORDERS, "fulfilment", &row.fulfilment)?,
        pay_method: stored::pay_method(ORDERS, "payment_method", &row.payment_method)?,
        items: stored::amount(ORDERS, "items_mnt", row.items_mnt)?,
        discount: stored::amount(ORDERS, "discount_mnt", row.discount_mnt)?,
        delivery_fee: stored::amount(ORDERS, "delivery_mnt", row.delivery_mnt)?,
        delivery_waived: stored::amount(ORDERS, "delivery_waived_mnt", row.delivery_waived_mnt)?,
        total: stored::amount(ORDERS, "total_mnt", row.total_mnt)?,
        paid: stored::amount(ORDERS, "paid_mnt", row.paid_mnt)?,
        refunded: stored::amount(ORDERS, "refunded_mnt", row.refunded_mnt)?,
    }
}

stored::record! {
    /// An `order_items` row as `SELECT`ed by `items_of` (`items.rs`).
    #[derive(Debug)]
    pub(super) struct ItemRecord => ItemRow { product_name: String, variant_name: String, quantity: i64 }
    stored { unit_price_mnt: i64, line_total_mnt: i64, discount_mnt: i64 }
    decoded |row| {
        unit_price: stored::amount(ITEMS, "unit_price_mnt", row.unit_price_mnt)?,
        line_total: stored::amount(ITEMS, "line_total_mnt", row.line_total_mnt)?,
        discount: stored::amount(ITEMS, "discount_mnt", row.discount_mnt)?,
    }
}

/// An `order_items` row with its order's id, as `SELECT`ed by `items_of_orders` for several orders at once: the
/// order's id says whose it is, the rest decodes as an [`ItemRecord`].
#[derive(Debug, sqlx::FromRow)]
pub(super) struct OrderItemRecord {
    pub(super) order_id: i64,
    #[sqlx(flatten)]
    pub(super) item: ItemRecord,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DbError;
    use crate::domain::{Fulfilment, Mnt, PaymentState, pay_method::PayMethod};

    /// A cash order as the shop writes one: paid in part, packed.
    fn record() -> OrderRecord {
        OrderRecord {
            id: 7,
            order_no: "D7K2M9PQ".into(),
            view_key: "key".into(),
            callback_token: "token".into(),
            session_id: None,
            payment_state: "partially-paid".into(),
            customer_name: "Болд".into(),
            phone: "88112233".into(),
            email: None,
            delivery: "delivery".into(),
            district: Some("bayangol".into()),
            khoroo: Some("4".into()),
            aimag: None,
            soum: None,
            address: Some("10-р байр".into()),
            pickup_point: None,
            delivery_zone: Some("Хотын төв".into()),
            delivery_promise: None,
            note: None,
            items_mnt: 25_000,
            discount_mnt: 1_000,
            discount_code: Some("SAR".into()),
            discount_code_id: Some(1),
            delivery_mnt: 5_000,
            delivery_waived_mnt: 0,
            total_mnt: 29_000,
            paid_mnt: 10_000,
            lang: "mn".into(),
            created_at: 1,
            stock_reserved: 1,
            attention: None,
            fulfilment: "packed".into(),
            refunded_mnt: 0,
            courier_note: None,
            payment_method: "cash-on-delivery".into(),
            pay_by: Some(2),
        }
    }

    #[test]
    fn an_order_as_the_shop_writes_it_is_read_typed() {
        let order = OrderRow::try_from(record()).unwrap();
        assert_eq!(order.payment_state, PaymentState::PartiallyPaid);
        assert_eq!(order.fulfilment, Fulfilment::Packed);
        assert_eq!(order.pay_method, PayMethod::CashOnDelivery);
        let mnt = |amount| Mnt::new(amount).unwrap();
        assert_eq!(
            (order.items, order.discount, order.delivery_fee, order.delivery_waived),
            (mnt(25_000), mnt(1_000), mnt(5_000), Mnt::ZERO)
        );
        assert_eq!(
            (order.total, order.paid, order.refunded),
            (mnt(29_000), mnt(10_000), Mnt::ZERO)
        );
    }

    #[test]
    fn a_corrupt_value_is_an_error_naming_its_column_never_a_default() {
        type Corrupting = fn(&mut OrderRecord);
        // Each: what is corrupted, and the column and value the error must name.
        let cases: [(Corrupting, &str, &str); 14] = [
            (|r| r.payment_method = "bitcoin".into(), "payment_method", "bitcoin"),
            (|r| r.payment_method = String::new(), "payment_method", ""),
            (|r| r.payment_method = "Qpay".into(), "payment_method", "Qpay"),
            (|r| r.payment_state = "pending".into(), "payment_state", "pending"),
            (|r| r.payment_state = "PAID".into(), "payment_state", "PAID"),
            (|r| r.fulfilment = "lost".into(), "fulfilment", "lost"),
            (|r| r.items_mnt = -1, "items_mnt", "-1"),
            (|r| r.discount_mnt = -1, "discount_mnt", "-1"),
            (|r| r.delivery_mnt = -5_000, "delivery_mnt", "-5000"),
            (|r| r.delivery_waived_mnt = -1, "delivery_waived_mnt", "-1"),
            (|r| r.total_mnt = -29_000, "total_mnt", "-29000"),
            (|r| r.paid_mnt = -5, "paid_mnt", "-5"),
            (|r| r.paid_mnt = i64::MIN, "paid_mnt", "-9223372036854775808"),
            (|r| r.refunded_mnt = -5, "refunded_mnt", "-5"),
        ];
        for (corrupt, column, value) in cases {
            let mut row = record();
            corrupt(&mut row);
            match OrderRow::try_from(row) {
                Err(DbError::Corrupt {
                    table: "orders",
                    column: named,
                    value: shown,
                }) => assert_eq!((named, shown.as_str()), (column, value)),
                other => panic!("{column} = {value:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn a_corrupt_item_amount_is_an_error_too() {
        let item = |unit_price_mnt, discount_mnt| ItemRecord {
            product_name: "Ааруул".into(),
            variant_name: "500 г".into(),
            unit_price_mnt,
            quantity: 2,
            line_total_mnt: 25_000,
            discount_mnt,
        };
        assert_eq!(
            ItemRow::try_from(item(12_500, 0)).unwrap().unit_price,
            Mnt::new(12_500).unwrap()
        );
        for (row, column) in [(item(-1, 0), "unit_price_mnt"), (item(12_500, -1), "discount_mnt")] {
            let error = ItemRow::try_from(row).unwrap_err();
            let named = matches!(error, DbError::Corrupt { table: "order_items", column: c, .. } if c == column);
            assert!(named, "{column}: {error}");
        }
    }
}
