//! The packing slips and the courier sheet read: the admin service's part for `/admin/orders/{order_no}/slip`,
//! `/admin/slips` and `/admin/courier` (see `admin/service.rs` for why it extends `AdminService`). The orders are the
//! list's own query (`filter_of`, `db::admin_orders`), so the sheet holds what the list shows; the cash to collect is
//! `domain::pay_method`'s rule.

use super::{MOST_ORDERS, Slip, SlipItem, Slips};
use crate::{
    admin::{
        Account, OrderQuery,
        service::{AdminService, filter_of},
    },
    db::{
        DbError, admin_orders,
        orders::{self, ItemRow, OrderRow},
    },
    domain::{Mnt, OrderNo, PaymentState, pay_method::cash_to_collect},
    i18n::Lang,
    payment::orders::{destination, qr_svg},
    ub_time,
};

impl AdminService {
    /// One order's slip; `None` when there is no such order.
    pub async fn slip(&self, who: Account, order_no: &str, lang: Lang) -> Result<Option<Slips>, DbError> {
        let Ok(order_no) = OrderNo::parse(order_no) else {
            return Ok(None);
        };
        let Some(row) = orders::find_by_no(&self.db, order_no.as_str()).await? else {
            return Ok(None);
        };
        let items = orders::items_of(&self.db, row.id).await?;
        let slip = slip_of(row, items, lang);
        Ok(Some(Slips {
            who,
            to_collect: slip.to_collect,
            matched: 1,
            slips: vec![slip],
        }))
    }

    /// The slips of the orders `query` filters, newest first, at most [`MOST_ORDERS`] of them, with how many match.
    pub async fn slips(&self, who: Account, query: &OrderQuery, lang: Lang) -> Result<Slips, DbError> {
        let filter = filter_of(query);
        let (matched, _) = admin_orders::count_and_total(&self.db, &filter).await?;
        let rows = admin_orders::list(&self.db, &filter, 0, MOST_ORDERS).await?;
        // The items of all the orders in one query, not one per order.
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let mut items = orders::items_of_orders(&self.db, &ids).await?;
        let slips: Vec<Slip> = rows
            .into_iter()
            .map(|row| {
                let items = items.remove(&row.id).unwrap_or_default();
                slip_of(row, items, lang)
            })
            .collect();
        let to_collect = slips
            .iter()
            .fold(Mnt::ZERO, |sum, slip| sum.saturating_add(slip.to_collect));
        Ok(Slips {
            who,
            slips,
            matched,
            to_collect,
        })
    }
}

/// The order as its slip shows it, with its `items` as read: where it goes and what to collect put in words.
fn slip_of(row: OrderRow, items: Vec<ItemRow>, lang: Lang) -> Slip {
    let items = items
        .into_iter()
        .map(|item| SlipItem {
            product_name: item.product_name,
            variant_name: item.variant_name,
            quantity: item.quantity,
        })
        .collect();
    let state = row.payment_state;
    Slip {
        placed: ub_time::clock(row.created_at),
        destination: destination(&row, lang),
        items,
        pay_method: row.pay_method.label(lang).to_owned(),
        total: row.total,
        to_collect: cash_to_collect(row.pay_method, state, row.total, row.paid),
        paid: state == PaymentState::Paid,
        qr_svg: qr_svg(&row.order_no),
        order_no: row.order_no,
        customer_name: row.customer_name,
        phone: row.phone,
        note: row.note,
    }
}
