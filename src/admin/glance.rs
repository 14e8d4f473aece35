//! "Today at a glance" on top of the owner's orders (issue #21, the owner's side on a phone): paid orders and their
//! ₮ today and this week, orders waiting to be packed, and orders that need attention, each a link to the order
//! list it counts. A tile keeps the very query its figures were counted with, through the list's own filter and
//! query (`filter_of`, `admin_orders::count_and_total`), and its link is that query: the number on the tile is the
//! number on the list it opens by construction, not by two queries kept alike.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{OrderQuery, pages::list_link};
use crate::{domain::Mnt, i18n::Lang};

/// One figure: how many orders the list opened by [`GlanceTile::query`] holds, and their total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlanceTile {
    /// The list the tile opens, the same query its figures were counted with.
    pub query: OrderQuery,
    pub count: i64,
    pub total: Mnt,
}

/// The four figures above the owner's orders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glance {
    /// Paid orders placed today (Ulaanbaatar).
    pub paid_today: GlanceTile,
    /// Paid orders placed since this week's Monday.
    pub paid_week: GlanceTile,
    /// The list's default: orders to handle, not yet packed.
    pub to_pack: GlanceTile,
    /// Orders with a reason for the owner, whatever their state.
    pub attention: GlanceTile,
    /// Variants on sale at or below their low-stock level (issue #22), for an account that keeps the catalog.
    pub running_low: Vec<RunningLow>,
}

/// A variant running low, as the landing page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunningLow {
    pub product_id: i64,
    /// The product's and the variant's names in the owner's language.
    pub name: String,
    pub stock: i64,
}

/// The glance's tiles: two columns on a phone, four on a wide screen (`.admin-glance` in style/main.css). Its id
/// lets the list's watcher (live.rs) redraw it with the list, so the figures never disagree with the list below.
#[component]
pub(super) fn GlanceTiles(glance: Glance, lang: Lang) -> impl IntoView {
    let texts = lang.admin();
    view! {
        <section id="admin-glance" class="admin-glance" data-test="glance" aria-label=texts.glance_title>
            {tile("glance-paid-today", texts.glance_paid_today, glance.paid_today, true)}
            {tile("glance-paid-week", texts.glance_paid_week, glance.paid_week, true)}
            {tile("glance-to-pack", texts.glance_to_pack, glance.to_pack, false)}
            {tile("glance-attention", texts.glance_attention, glance.attention, false)}
        </section>
        {running_low_box(glance.running_low, lang)}
    }
}

/// The variants running low, each a link to its product, shown only while there are some.
fn running_low_box(low: Vec<RunningLow>, lang: Lang) -> impl IntoView {
    let texts = lang.stock();
    (!low.is_empty()).then(|| {
        view! {
            <section class="running-low" data-test="running-low" aria-label=texts.running_low>
                <h2>{texts.running_low}</h2>
                <ul>
                    {low.into_iter().map(|variant| {
                        let left = texts.left.replace("{n}", &variant.stock.to_string());
                        let href = format!("/admin/products/{}", variant.product_id);
                        view! { <li><a href=href>{variant.name}</a> " · " {left}</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// One tile, a link to its list: the count, the sum when `money` (the ₮ of paid orders; orders waiting or flagged
/// are counted, not summed), and what it counts. Orders that need attention stand out while there are any.
fn tile(name: &'static str, label: &'static str, figures: GlanceTile, money: bool) -> impl IntoView {
    let alert = figures.query.attention.is_some() && figures.count > 0;
    let class = if alert { "glance-tile alert" } else { "glance-tile" };
    let href = list_link("/admin", &figures.query, None);
    let total = figures.total;
    let sum = money.then(|| {
        view! { <span class="glance-sum" data-test="glance-sum" data-value=total.amount()>{total.to_string()}</span> }
    });
    view! {
        <a class=class data-test=name href=href>
            <strong data-test="glance-count">{figures.count}</strong>
            {sum}
            <span class="glance-label">{label}</span>
        </a>
    }
}

/// `AdminService`'s part for the glance, beside its view: one method, called by `orders_page`
/// (`admin/service.rs` lists every file that extends the service).
#[cfg(feature = "ssr")]
mod service {
    use super::{Glance, GlanceTile, RunningLow};
    use crate::{
        admin::{
            ATTENTION_ONLY, OrderQuery,
            service::{AdminService, filter_of},
        },
        db::{DbError, admin_orders},
        i18n::Lang,
        ub_time,
    };

    /// The four tiles' lists for the Ulaanbaatar day `today` in the week that began on `monday` (`YYYY-MM-DD`):
    /// paid today, paid this week, to pack, need attention. Explicit, so the link reads as what it counts and a
    /// later change of the list's default moves no tile.
    pub(super) fn lists(today: &str, monday: &str) -> [OrderQuery; 4] {
        let list = |payment: &str, fulfilment: &str| OrderQuery {
            payment: Some(payment.to_owned()),
            fulfilment: Some(fulfilment.to_owned()),
            ..OrderQuery::default()
        };
        // Paid, placed from `from` through today, however far along the order is.
        let paid_since = |from: &str| OrderQuery {
            from: Some(from.to_owned()),
            to: Some(today.to_owned()),
            ..list("paid", "all")
        };
        [
            paid_since(today),
            paid_since(monday),
            list(admin_orders::TO_HANDLE, "new"),
            OrderQuery {
                attention: Some(ATTENTION_ONLY.to_owned()),
                ..list("all", "all")
            },
        ]
    }

    impl AdminService {
        /// The glance at `now_ms`, each tile counted by the list's own filter and count for the query it links to;
        /// the variants running low when `catalog` (the account keeps the catalog, where their links go).
        pub(in crate::admin) async fn glance(&self, now_ms: i64, catalog: bool, lang: Lang) -> Result<Glance, DbError> {
            // `None` only outside the calendar: empty days are no date filter, on the tile and on its list alike.
            let (today, monday) = ub_time::today_and_monday(now_ms).unwrap_or_default();
            let [paid_today, paid_week, to_pack, attention] = lists(&today, &monday);
            Ok(Glance {
                paid_today: self.glance_tile(paid_today).await?,
                paid_week: self.glance_tile(paid_week).await?,
                to_pack: self.glance_tile(to_pack).await?,
                attention: self.glance_tile(attention).await?,
                running_low: if catalog {
                    self.running_low(lang).await?
                } else {
                    Vec::new()
                },
            })
        }

        async fn running_low(&self, lang: Lang) -> Result<Vec<RunningLow>, DbError> {
            let rows = crate::db::stock::running_low(&self.db).await?;
            Ok(rows
                .into_iter()
                .map(|row| RunningLow {
                    product_id: row.product_id,
                    name: format!(
                        "{} — {}",
                        lang.pick(&row.product_name_mn, &row.product_name_en),
                        lang.pick(&row.variant_name_mn, &row.variant_name_en)
                    ),
                    stock: row.stock,
                })
                .collect())
        }

        async fn glance_tile(&self, query: OrderQuery) -> Result<GlanceTile, DbError> {
            let (count, total) = admin_orders::count_and_total(&self.db, &filter_of(&query)).await?;
            Ok(GlanceTile { query, count, total })
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::service::lists;
    use crate::admin::{pages::list_link, service::filter_of};

    #[test]
    fn each_tile_links_to_the_list_it_counts() {
        let lists = lists("2026-11-25", "2026-11-23");
        let hrefs = lists.each_ref().map(|query| list_link("/admin", query, None));
        assert_eq!(
            hrefs,
            [
                "/admin?payment=paid&fulfilment=all&from=2026-11-25&to=2026-11-25",
                "/admin?payment=paid&fulfilment=all&from=2026-11-23&to=2026-11-25",
                "/admin?payment=to-handle&fulfilment=new",
                "/admin?payment=all&fulfilment=all&attention=yes",
            ]
        );
        let [today, week, to_pack, attention] = lists.each_ref().map(filter_of);
        let monday = crate::ub_time::day_start_ms("2026-11-23");
        assert_eq!((today.payment_state.as_deref(), today.fulfilment), (Some("paid"), None));
        assert_eq!(week.from_ms, monday, "this week: from Monday");
        assert_eq!(today.until_ms, week.until_ms, "through the end of today");
        assert_eq!(
            (to_pack.payment_state.as_deref(), to_pack.fulfilment.as_deref()),
            (Some("to-handle"), Some("new"))
        );
        assert!(attention.attention && attention.payment_state.is_none() && attention.fulfilment.is_none());
        assert!(
            !today.attention && !to_pack.attention,
            "only the attention tile asks for flags"
        );
    }
}
