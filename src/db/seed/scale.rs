//! A shop many times the demo, for `make bench` (issue #23, point 5; the report's budget of issue #22):
//! `delguur seed-scale` adds categories, products with their variants, and a year of orders through the same
//! repository functions the owner's pages and checkout write with, so what is measured is what those write.
//!
//! Deterministic: the n-th product and order are the same on every run, so two runs measure the same shop.

use super::super::{
    Db, DbError,
    catalog_admin::{self, SaveError},
    orders::{self, NewItem, NewOrder},
    payments::{self, ConfirmedPayment},
};
use crate::domain::{
    catalog::{ValidCategory, ValidProduct, ValidVariant},
    district::DISTRICTS,
    order_no::OrderNo,
};

/// What to add.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub categories: usize,
    pub products: usize,
    pub orders: usize,
    /// How far back the orders go, in days: spread evenly, the newest now.
    pub days: i64,
}

/// What was added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seeded {
    pub categories: usize,
    pub products: usize,
    pub variants: usize,
    pub orders: usize,
    pub paid: usize,
}

/// Orders written in one transaction: few enough to keep the database's lock short, many enough not to pay a
/// commit per order.
const ORDERS_PER_TRANSACTION: usize = 500;
const DAY_MS: i64 = 86_400_000;

const NOUNS: [(&str, &str); 12] = [
    ("Цамц", "Shirt"),
    ("Гутал", "Boots"),
    ("Малгай", "Hat"),
    ("Ааруул", "Aaruul"),
    ("Зөгийн бал", "Honey"),
    ("Угаалгын нунтаг", "Washing powder"),
    ("Ноосон оймс", "Wool socks"),
    ("Цүнх", "Bag"),
    ("Аяга", "Cup"),
    ("Дээл", "Deel"),
    ("Бээлий", "Gloves"),
    ("Цай", "Tea"),
];
const ADJECTIVES: [(&str, &str); 8] = [
    ("Улаан", "Red"),
    ("Хар", "Black"),
    ("Цагаан", "White"),
    ("Хөх", "Blue"),
    ("Ногоон", "Green"),
    ("Шар", "Yellow"),
    ("Том", "Large"),
    ("Жижиг", "Small"),
];
const SIZES: [(&str, &str); 3] = [("Жижиг", "Small"), ("Дунд", "Medium"), ("Том", "Large")];

/// Adds `scale` to the shop at `db`, whose catalog may already hold the demo's; `now_ms` is the newest order's time.
/// A refusal of the catalog's saves (a slug taken: the shop was seeded so before) stops it, as the owner's form would.
pub async fn seed_scale(db: &Db, scale: Scale, now_ms: i64) -> Result<Seeded, SaveError> {
    let mut seeded = Seeded::default();
    for c in 0..scale.categories {
        let category = ValidCategory {
            slug: format!("scale-{c}"),
            name_mn: format!("Ангилал {}", c + 1),
            name_en: format!("Category {}", c + 1),
        };
        catalog_admin::create_category(db, &category).await?;
        seeded.categories += 1;
    }
    // Each product's first variant, as an order line needs it: (id, product name, variant name, price).
    let mut for_sale: Vec<(i64, String, String, i64)> = Vec::with_capacity(scale.products);
    for p in 0..scale.products {
        let (noun, adjective) = (NOUNS[p % NOUNS.len()], ADJECTIVES[(p / NOUNS.len()) % ADJECTIVES.len()]);
        let product = ValidProduct {
            slug: format!("scale-product-{p}"),
            category: format!("scale-{}", p % scale.categories.max(1)),
            name_mn: format!("{} {} {}", adjective.0, noun.0.to_lowercase(), p + 1),
            name_en: format!("{} {} {}", adjective.1, noun.1.to_lowercase(), p + 1),
            description_mn: format!(
                "{} {}: сайн чанартай, Монголд хийсэн.",
                adjective.0,
                noun.0.to_lowercase()
            ),
            description_en: format!(
                "{} {}: good quality, made in Mongolia.",
                adjective.1,
                noun.1.to_lowercase()
            ),
            archived: false,
            classification_code: String::new(),
        };
        let product_id = catalog_admin::create_product(db, &product, "/images/products/honey.svg").await?;
        seeded.products += 1;
        // One product in three comes in three sizes; a price from 1,000₮ to 200,000₮ in hundreds.
        let sizes = if p.is_multiple_of(3) { SIZES.len() } else { 1 };
        let price = 1_000 + (p as i64 * 7_919 % 1_990) * 100;
        for (s, size) in SIZES.iter().take(sizes).enumerate() {
            let variant = ValidVariant {
                sku: format!("S{p:05}-{s}"),
                name_mn: if sizes == 1 { String::new() } else { size.0.to_owned() },
                name_en: if sizes == 1 { String::new() } else { size.1.to_owned() },
                price_mnt: price,
                // Sold out now and then, running low now and then.
                stock: (p as i64 * 13 + s as i64) % 40,
                stock_shown: None,
                low_stock: None,
                archived: false,
            };
            let id = catalog_admin::create_variant(db, product_id, &variant).await?;
            seeded.variants += 1;
            if s == 0 {
                for_sale.push((id, product.name_mn.clone(), variant.name_mn.clone(), price));
            }
        }
    }
    if for_sale.is_empty() {
        return Ok(seeded);
    }
    let mut n = 0;
    while n < scale.orders {
        let mut tx = db.begin_write().await?;
        for n in n..(n + ORDERS_PER_TRANSACTION).min(scale.orders) {
            let at = now_ms - (scale.orders - 1 - n) as i64 * scale.days * DAY_MS / scale.orders.max(1) as i64;
            if seed_order(&mut tx, n, at, &for_sale).await? {
                seeded.paid += 1;
            }
            seeded.orders += 1;
        }
        tx.commit().await?;
        n += ORDERS_PER_TRANSACTION;
    }
    Ok(seeded)
}

/// The `n`-th order, placed at `at`: one to three lines; nine in ten paid through QPay (with its 1% fee), the rest
/// expired unpaid. Returns whether it is paid.
async fn seed_order(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    n: usize,
    at: i64,
    for_sale: &[(i64, String, String, i64)],
) -> Result<bool, DbError> {
    // An odd multiplier is one-to-one on 40 bits: every n has its own order number.
    let order_no = OrderNo::from_random((n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) & ((1 << 40) - 1));
    let lines: Vec<&(i64, String, String, i64)> = (0..1 + n % 3)
        .map(|line| &for_sale[(n * 31 + line * 7_777) % for_sale.len()])
        .collect();
    let quantity = |line: usize| 1 + ((n + line) % 2) as i64;
    let items: i64 = lines.iter().enumerate().map(|(i, l)| l.3 * quantity(i)).sum();
    let district = DISTRICTS[n % DISTRICTS.len()].code;
    let pickup = n.is_multiple_of(5);
    let (phone, keys) = (format!("99{:06}", n % 1_000_000), format!("scale-{n}"));
    let order = NewOrder {
        order_no: order_no.as_str(),
        view_key: &keys,
        callback_token: &keys,
        session_id: None,
        idempotency_key: &keys,
        customer_name: "Бат",
        phone: &phone,
        email: None,
        delivery: if pickup { "pickup" } else { "delivery" },
        district: (!pickup).then_some(district),
        khoroo: (!pickup).then_some("3"),
        aimag: None,
        soum: None,
        address: (!pickup).then_some("12-р байр, 34 тоот"),
        pickup_point: pickup.then_some("Дэлгүүр"),
        delivery_zone: (!pickup).then_some("Хотын төв"),
        delivery_promise: None,
        note: None,
        lang: "mn",
        items_mnt: items,
        discount_mnt: 0,
        discount_code: None,
        discount_code_id: None,
        delivery_mnt: 0,
        delivery_waived_mnt: 0,
        total_mnt: items,
        now_ms: at,
        ebarimt_receiver_type: None,
        ebarimt_receiver: None,
        placed_from: None,
        payment_method: "qpay",
        pay_by: None,
        made_by: None,
        discount_reason: None,
    };
    let Some(order_id) = orders::insert_order(tx, &order).await? else {
        return Ok(false);
    };
    for (i, line) in lines.iter().enumerate() {
        let item = NewItem {
            variant_id: line.0,
            product_name: &line.1,
            variant_name: &line.2,
            unit_price_mnt: line.3,
            quantity: quantity(i),
            line_total_mnt: line.3 * quantity(i),
            discount_mnt: 0,
        };
        orders::insert_item(tx, order_id, &item).await?;
    }
    if n % 10 == 9 {
        orders::move_payment_state(&mut **tx, order_id, &["awaiting"], "expired").await?;
        return Ok(false);
    }
    let payment_id = format!("{:015}", n);
    let payment = ConfirmedPayment {
        qpay_payment_id: &payment_id,
        status: "PAID",
        amount_mnt: items,
        method: "P2P",
        wallet: Some("Хаан банк апп"),
        fee_cents: Some(items),
    };
    payments::insert_payment(&mut **tx, order_id, &payment).await?;
    orders::record_paid_amount(&mut **tx, order_id, items).await?;
    orders::move_payment_state(&mut **tx, order_id, &["awaiting"], "paid").await?;
    Ok(true)
}
