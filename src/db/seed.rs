//! The demo catalog a new shop starts with, so `make run` shows a working store.
//!
//! Seeding happens only into an empty catalog and in one transaction: a shop never gets half a catalog, and a shop
//! with its own products never gets the demo ones. Each demo product gets a picture, drawn and taken through the
//! upload pipeline once per process (`seed/drawings.rs`), stored with it in that transaction.

mod drawings;
pub mod scale;

use super::{Db, DbError, now_ms, pictures, products};

struct DemoCategory {
    slug: &'static str,
    name: (&'static str, &'static str),
    products: &'static [DemoProduct],
}

struct DemoProduct {
    slug: &'static str,
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
    /// (name in Mongolian, name in English, price in tögrög, stock)
    variants: &'static [(&'static str, &'static str, i64, i64)],
}

const CATALOG: &[DemoCategory] = &[
    DemoCategory {
        slug: "cashmere",
        name: ("Ноолуур", "Cashmere"),
        products: &[
            DemoProduct {
                slug: "cashmere-scarf",
                name: ("Ноолууран ороолт", "Cashmere scarf"),
                description: (
                    "Говийн ямааны зөөлөн ноолуураар нэхсэн дулаан ороолт.",
                    "A warm scarf knitted from soft Gobi goat cashmere.",
                ),
                variants: &[
                    ("Цөцгий", "Cream", 89_000, 12),
                    ("Бор", "Brown", 89_000, 7),
                    ("Саарал", "Grey", 92_000, 0),
                ],
            },
            DemoProduct {
                slug: "cashmere-sweater",
                name: ("Ноолууран цамц", "Cashmere sweater"),
                description: (
                    "Цэвэр ноолууран, энгийн хэлбэрийн цамц.",
                    "A plain pure-cashmere sweater.",
                ),
                variants: &[("S", "S", 189_000, 4), ("M", "M", 189_000, 6), ("L", "L", 195_000, 2)],
            },
            DemoProduct {
                slug: "cashmere-hat",
                name: ("Ноолууран малгай", "Cashmere hat"),
                description: (
                    "Өвлийн хүйтэнд чихээ дулаан байлгана.",
                    "Keeps your ears warm in the winter cold.",
                ),
                variants: &[("Нэг хэмжээ", "One size", 45_000, 20)],
            },
            DemoProduct {
                slug: "cashmere-socks",
                name: ("Ноолууран оймс", "Cashmere socks"),
                description: ("Зөөлөн, нимгэн, өдөр тутмын оймс.", "Soft, thin socks for every day."),
                variants: &[("36–39", "36–39", 15_000, 30), ("40–44", "40–44", 15_000, 25)],
            },
            DemoProduct {
                slug: "camel-wool-blanket",
                name: ("Тэмээний ноосон хөнжил", "Camel wool blanket"),
                description: ("Хөнгөн боловч маш дулаан хөнжил.", "Light yet very warm blanket."),
                variants: &[("140×200", "140×200", 210_000, 3), ("200×220", "200×220", 260_000, 2)],
            },
            DemoProduct {
                slug: "yak-wool-mittens",
                name: ("Сарлагийн ноосон бээлий", "Yak wool mittens"),
                description: (
                    "Сарлагийн хөөвөр ноосоор нэхсэн бээлий.",
                    "Mittens knitted from yak down.",
                ),
                variants: &[("S", "S", 32_000, 8), ("M", "M", 32_000, 10), ("L", "L", 32_000, 0)],
            },
        ],
    },
    DemoCategory {
        slug: "home",
        name: ("Гэр ахуй", "Home"),
        products: &[
            DemoProduct {
                slug: "felt-slippers",
                name: ("Эсгий шаахай", "Felt slippers"),
                description: (
                    "Хонины ноосон эсгийгээр гараар хийсэн шаахай.",
                    "Handmade slippers of sheep-wool felt.",
                ),
                variants: &[
                    ("38", "38", 35_000, 6),
                    ("40", "40", 35_000, 9),
                    ("42", "42", 35_000, 4),
                ],
            },
            DemoProduct {
                slug: "felt-rug",
                name: ("Эсгий хивс", "Felt rug"),
                description: ("Уламжлалт хээтэй эсгий хивс.", "A felt rug with traditional patterns."),
                variants: &[("1×1.5 м", "1×1.5 m", 120_000, 3), ("2×3 м", "2×3 m", 340_000, 1)],
            },
            DemoProduct {
                slug: "porcelain-bowl",
                name: ("Шаазан аяга", "Porcelain bowl"),
                description: (
                    "Сүүтэй цай уухад зориулсан хээтэй аяга.",
                    "A patterned bowl for milk tea.",
                ),
                variants: &[
                    ("Цэнхэр хээ", "Blue pattern", 18_000, 24),
                    ("Улаан хээ", "Red pattern", 18_000, 15),
                ],
            },
            DemoProduct {
                slug: "wooden-spoon-set",
                name: ("Модон халбаганы иж бүрдэл", "Wooden spoon set"),
                description: (
                    "Хусан модоор сийлсэн гурван халбага.",
                    "Three spoons carved from birch.",
                ),
                variants: &[("3 ширхэг", "3 pieces", 8_500, 40)],
            },
            DemoProduct {
                slug: "ger-model",
                name: ("Гэрийн загвар", "Ger model"),
                description: (
                    "Жижиг хэмжээний монгол гэрийн загвар.",
                    "A small model of a Mongolian ger.",
                ),
                variants: &[("Жижиг", "Small", 38_000, 5), ("Том", "Large", 76_000, 2)],
            },
            DemoProduct {
                slug: "thermos",
                name: ("Халуун сав", "Thermos"),
                description: ("Цайгаа өдөржин халуун байлгана.", "Keeps your tea hot all day."),
                variants: &[("1 л", "1 l", 29_000, 11), ("2 л", "2 l", 39_000, 7)],
            },
        ],
    },
    DemoCategory {
        slug: "food",
        name: ("Хүнс", "Food"),
        products: &[
            DemoProduct {
                slug: "aaruul",
                name: ("Ааруул", "Aaruul (dried curd)"),
                description: (
                    "Малчин айлын гараар хийсэн ааруул.",
                    "Dried curd made by herder families.",
                ),
                variants: &[("500 г", "500 g", 12_500, 50), ("1 кг", "1 kg", 23_000, 20)],
            },
            DemoProduct {
                slug: "sea-buckthorn-juice",
                name: ("Чацарганы шүүс", "Sea buckthorn juice"),
                description: (
                    "Витаминаар баялаг чацарганы шүүс.",
                    "Sea buckthorn juice, rich in vitamins.",
                ),
                variants: &[("1 л", "1 l", 9_800, 36)],
            },
            DemoProduct {
                slug: "honey",
                name: ("Зөгийн бал", "Honey"),
                description: ("Сэлэнгийн цэцгийн бал.", "Wildflower honey from Selenge."),
                variants: &[("250 г", "250 g", 14_000, 18), ("500 г", "500 g", 25_000, 12)],
            },
            DemoProduct {
                slug: "borts",
                name: ("Борц", "Borts (dried beef)"),
                description: (
                    "Уламжлалт аргаар хатаасан үхрийн мах.",
                    "Beef dried the traditional way.",
                ),
                variants: &[("500 г", "500 g", 45_000, 10), ("1 кг", "1 kg", 85_000, 0)],
            },
            DemoProduct {
                slug: "brick-tea",
                name: ("Шахмал цай", "Brick tea"),
                description: ("Сүүтэй цайны шахмал ногоон цай.", "Pressed green tea for milk tea."),
                variants: &[("1 ширхэг", "1 brick", 6_500, 60)],
            },
            DemoProduct {
                slug: "khuushuur-spice",
                name: ("Хуушуурын амтлагч", "Khuushuur spice mix"),
                description: (
                    "Хуушуур, бууз хийхэд тохирох амтлагч.",
                    "A spice mix for khuushuur and buuz.",
                ),
                variants: &[("100 г", "100 g", 4_500, 45)],
            },
        ],
    },
    DemoCategory {
        slug: "gifts",
        name: ("Бэлэг дурсгал", "Gifts"),
        products: &[
            DemoProduct {
                slug: "morin-khuur-miniature",
                name: ("Морин хуурын загвар", "Morin khuur miniature"),
                description: (
                    "Ширээн дээр тавих жижиг морин хуур.",
                    "A small morin khuur for the desk.",
                ),
                variants: &[("30 см", "30 cm", 65_000, 6)],
            },
            DemoProduct {
                slug: "shagai-set",
                name: ("Шагайн иж бүрдэл", "Shagai set"),
                description: (
                    "Шагай харваа, тоглоомд зориулсан 60 шагай.",
                    "Sixty ankle bones for shagai games.",
                ),
                variants: &[("60 ширхэг", "60 pieces", 15_000, 22)],
            },
            DemoProduct {
                slug: "snuff-bottle",
                name: ("Хөөрөг", "Snuff bottle"),
                description: (
                    "Хас чулуун хөөрөг, бэлэгт тохиромжтой.",
                    "A jade snuff bottle, a fine gift.",
                ),
                variants: &[("Хас", "Jade", 150_000, 2), ("Мана", "Agate", 180_000, 1)],
            },
            DemoProduct {
                slug: "camel-toy",
                name: ("Тэмээ тоглоом", "Camel toy"),
                description: (
                    "Тэмээний ноосоор хийсэн зөөлөн тоглоом.",
                    "A soft toy made of camel wool.",
                ),
                variants: &[("Жижиг", "Small", 28_000, 14)],
            },
            DemoProduct {
                slug: "mongol-script-notebook",
                name: ("Монгол бичгийн дэвтэр", "Mongol script notebook"),
                description: (
                    "Монгол бичгээр чимэглэсэн тэмдэглэлийн дэвтэр.",
                    "A notebook decorated with Mongol script.",
                ),
                variants: &[("A5", "A5", 14_000, 30)],
            },
            DemoProduct {
                slug: "postcard-set",
                name: ("Ил захидлын багц", "Postcard set"),
                description: (
                    "Монголын байгалийн 10 ил захидал.",
                    "Ten postcards of Mongolian landscapes.",
                ),
                variants: &[("10 ширхэг", "10 pieces", 7_500, 40)],
            },
        ],
    },
];

/// Public path of a demo product's SVG drawing (files in `public/images/products/`): what shops seeded before the
/// demo had pictures still show, and a product shows should its picture not be made.
fn image_path(slug: &str) -> String {
    format!("/images/products/{slug}.svg")
}

/// Fills an empty catalog with the demo one, each product with its picture. Returns how many products it added (0
/// when the catalog had any).
pub async fn seed_demo_catalog(db: &Db) -> Result<usize, DbError> {
    if products::count(db).await? > 0 {
        return Ok(0);
    }
    // Made before the transaction (once per process), so the database is not held while pictures are drawn.
    let drawn = drawings::demo_pictures().await;
    let mut tx = db.begin_write().await?;
    let mut added = 0;
    // Older products first, so "newest" puts the last one of the list on top.
    let created_at = now_ms();
    for (position, category) in CATALOG.iter().enumerate() {
        let category_id: i64 = sqlx::query_scalar(
            "INSERT INTO categories (slug, name_mn, name_en, position) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(category.slug)
        .bind(category.name.0)
        .bind(category.name.1)
        .bind(position as i64)
        .fetch_one(&mut *tx)
        .await?;
        for product in category.products {
            let product_id: i64 = sqlx::query_scalar(
                "INSERT INTO products (slug, category_id, name_mn, name_en, description_mn, description_en, image, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(product.slug)
            .bind(category_id)
            .bind(product.name.0)
            .bind(product.name.1)
            .bind(product.description.0)
            .bind(product.description.1)
            .bind(image_path(product.slug))
            .bind(created_at + added as i64)
            .fetch_one(&mut *tx)
            .await?;
            for (position, (name_mn, name_en, price, stock)) in product.variants.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO variants (product_id, sku, name_mn, name_en, price_mnt, stock, position) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(product_id)
                .bind(format!("{}-{}", product.slug, position + 1))
                .bind(*name_mn)
                .bind(*name_en)
                .bind(*price)
                .bind(*stock)
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
            }
            super::search_keys::write(&mut tx, product_id).await?;
            // Its picture's files and row, and `products.image` pointed at it.
            if let Some((_, files)) = drawn.iter().find(|(slug, _)| *slug == product.slug) {
                pictures::put_files(&mut tx, files).await?;
                pictures::insert(&mut tx, product_id, files, "").await?;
            }
            added += 1;
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// The demo shop's delivery: two Ulaanbaatar zones, one pickup point, countryside by bus or post.
struct DemoZone {
    name: (&'static str, &'static str),
    fee: i64,
    free_from: Option<i64>,
    promise: (&'static str, &'static str),
    districts: &'static [&'static str],
}

const DEMO_ZONES: [DemoZone; 2] = [
    DemoZone {
        name: ("Хотын төв", "City centre"),
        fee: 5_000,
        free_from: Some(100_000),
        promise: (
            "14:00 цагаас өмнө захиалбал өнөөдөр 20:00 цагаас өмнө",
            "Today before 20:00 when ordered by 14:00",
        ),
        districts: &[
            "bayangol",
            "bayanzurkh",
            "songinokhairkhan",
            "sukhbaatar",
            "khan-uul",
            "chingeltei",
        ],
    },
    DemoZone {
        name: ("Алслагдсан дүүрэг", "Outer districts"),
        fee: 15_000,
        free_from: None,
        promise: ("1–2 хоногт", "In 1–2 days"),
        districts: &["nalaikh", "baganuur", "bagakhangai"],
    },
];

/// Aimags nearer by road than the rest, with a lower fee than the countryside's own.
const DEMO_NEAR_AIMAGS: [(&str, i64); 3] = [("darkhan-uul", 8_000), ("orkhon", 8_000), ("tuv", 8_000)];

/// Fills the delivery settings of a shop that has none (no zone, no pickup point, no countryside delivery) with the
/// demo's. Returns whether it did.
pub async fn seed_demo_delivery(db: &Db) -> Result<bool, DbError> {
    let configured: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM delivery_zones) + (SELECT COUNT(*) FROM pickup_points) \
                + (SELECT COUNT(*) FROM countryside_delivery)",
    )
    .fetch_one(db.pool())
    .await?;
    if configured > 0 {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    for (position, zone) in DEMO_ZONES.iter().enumerate() {
        let zone_id: i64 = sqlx::query_scalar(
            "INSERT INTO delivery_zones (name_mn, name_en, fee_mnt, free_from_mnt, promise_mn, promise_en, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(zone.name.0)
        .bind(zone.name.1)
        .bind(zone.fee)
        .bind(zone.free_from)
        .bind(zone.promise.0)
        .bind(zone.promise.1)
        .bind(position as i64)
        .fetch_one(&mut *tx)
        .await?;
        for district in zone.districts {
            sqlx::query("INSERT INTO delivery_zone_areas (zone_id, district, khoroo) VALUES ($1, $2, 0)")
                .bind(zone_id)
                .bind(*district)
                .execute(&mut *tx)
                .await?;
        }
    }
    sqlx::query(
        "INSERT INTO pickup_points (name_mn, name_en, address_mn, address_en, hours_mn, hours_en) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind("Дэлгүүр")
    .bind("The shop")
    .bind("Сүхбаатар дүүрэг, 1-р хороо, Бага тойруу 12")
    .bind("Sükhbaatar district, khoroo 1, Baga Toiruu 12")
    .bind("Даваа–Бямба 10:00–19:00")
    .bind("Monday–Saturday 10:00–19:00")
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO countryside_delivery (id, fee_mnt, free_from_mnt, method_mn, method_en, promise_mn, promise_en) \
         VALUES (1, $1, NULL, $2, $3, $4, $5)",
    )
    .bind(12_000_i64)
    .bind("Автобус эсвэл шуудангаар")
    .bind("By bus or post")
    .bind("3–10 хоногт")
    .bind("In 3–10 days")
    .execute(&mut *tx)
    .await?;
    for (aimag, fee) in DEMO_NEAR_AIMAGS {
        sqlx::query("INSERT INTO countryside_fees (aimag, fee_mnt) VALUES ($1, $2)")
            .bind(aimag)
            .bind(fee)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Names a shop that has no name yet as the demo shop, with contacts, so `make run` shows a complete shop. Returns
/// whether it did.
pub async fn seed_demo_identity(db: &Db) -> Result<bool, DbError> {
    use crate::domain::shop_identity::{Contacts, ShopIdentity, WeekHours};
    if super::shop_identity::version(db).await?.is_some() {
        return Ok(false);
    }
    let weekday = Some((10 * 60, 19 * 60));
    let identity = ShopIdentity {
        named: true,
        name_mn: "Жишээ дэлгүүр".into(),
        name_en: "Demo shop".into(),
        short_name: "Жишээ".into(),
        tagline_mn: "Монгол бараа, QPay-ээр төлнө".into(),
        tagline_en: "Mongolian goods, paid with QPay".into(),
        accent: None,
        pages: Vec::new(),
        logo: None,
        contacts: Contacts {
            phones: vec!["77112233".into()],
            email: "hello@demo.delguur.mn".into(),
            district: "sukhbaatar".into(),
            khoroo: Some(1),
            street_mn: "Бага тойруу 12".into(),
            street_en: "Baga Toiruu 12".into(),
            map_url: String::new(),
            hours: WeekHours([
                weekday,
                weekday,
                weekday,
                weekday,
                weekday,
                Some((11 * 60, 17 * 60)),
                None,
            ]),
            facebook: "https://facebook.com/delguur.demo".into(),
            instagram: String::new(),
            messenger: "https://m.me/delguur.demo".into(),
        },
    };
    super::shop_identity::save(db, &identity).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_zones_cover_every_district_once_and_name_real_aimags() {
        use crate::domain::{aimag::Aimag, district::DISTRICTS};
        for district in DISTRICTS {
            let zones = super::DEMO_ZONES
                .iter()
                .filter(|z| z.districts.contains(&district.code))
                .count();
            assert_eq!(zones, 1, "{}", district.code);
        }
        let named: usize = super::DEMO_ZONES.iter().map(|z| z.districts.len()).sum();
        assert_eq!(named, DISTRICTS.len(), "no unknown district");
        assert!(
            super::DEMO_NEAR_AIMAGS
                .iter()
                .all(|(code, _)| Aimag::by_code(code).is_some())
        );
    }

    use super::*;

    /// Its picture is drawn in `seed/drawings.rs` (whose test takes each through the pipeline); the SVG drawing is
    /// what shops seeded before show, and the product's should its picture not be made.
    #[test]
    fn every_demo_product_has_a_drawing_a_price_and_a_unique_slug() {
        let products: Vec<&DemoProduct> = CATALOG.iter().flat_map(|c| c.products.iter()).collect();
        assert_eq!(products.len(), 24);
        let mut slugs: Vec<&str> = products.iter().map(|p| p.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), products.len(), "duplicate slug");
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        for product in products {
            let image = public.join(image_path(product.slug).trim_start_matches('/'));
            assert!(image.is_file(), "missing drawing {}", image.display());
            assert!(!product.variants.is_empty(), "{} has no variant", product.slug);
            assert!(
                product.variants.iter().all(|v| v.2 > 0 && v.3 >= 0),
                "{} has a bad price or stock",
                product.slug
            );
        }
    }
}
