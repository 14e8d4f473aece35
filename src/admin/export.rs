//! `GET /admin/orders.csv?…`: the filtered order list as CSV, streamed a batch at a time so that a hundred
//! thousand orders never sit in memory at once. UTF-8 with a byte-order mark, so a spreadsheet shows Mongolian text.

use axum::{
    body::{Body, Bytes},
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

use super::{
    OrderQuery,
    service::{AdminService, filter_of},
};
use crate::{
    db::{
        Db,
        admin_orders::{self, OrderFilter},
        orders::OrderRow,
    },
    domain::staff::Duty,
    error::AppError,
    ub_time,
};

const BATCH: i64 = 1_000;
const HEADER: &str = "order_no,placed,customer,phone,total_mnt,paid_mnt,refunded_mnt,payment_state,fulfilment,attention,items_mnt,\
     discount_code,discount_mnt,delivery_zone,delivery_mnt,delivery_waived_mnt\r\n";

pub async fn export_csv(
    State(db): State<Db>,
    State(admin): State<AdminService>,
    session: Session,
    Query(query): Query<OrderQuery>,
) -> Response {
    // The account is checked here too: this route is not a page and not a server function.
    let session = crate::web::VisitorSession::from_session(session);
    let account = match super::signed_in_session(&admin, &session, Duty::SeeOrders).await {
        Ok(account) => account,
        Err(AppError::Forbidden) => return (StatusCode::FORBIDDEN, "not for this account").into_response(),
        Err(_) => return (StatusCode::UNAUTHORIZED, "sign in at /admin/login first").into_response(),
    };
    tracing::info!(account = %account.email, "orders exported as CSV");
    // Fused: the compression layer may poll once more after the end, which a bare `unfold` does not allow.
    let batches = futures::StreamExt::fuse(futures::stream::unfold(
        Export::new(db, filter_of(&query)),
        Export::next_chunk,
    ));
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"orders.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(batches),
    )
        .into_response()
}

struct Export {
    db: Db,
    filter: OrderFilter,
    /// `created_at` and `id` of the last row sent.
    after: Option<(i64, i64)>,
    started: bool,
    done: bool,
}

impl Export {
    fn new(db: Db, filter: OrderFilter) -> Self {
        Export {
            db,
            filter,
            after: None,
            started: false,
            done: false,
        }
    }

    async fn next_chunk(mut self) -> Option<(Result<Bytes, std::io::Error>, Self)> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            return Some((Ok(Bytes::from(format!("\u{feff}{HEADER}"))), self));
        }
        match admin_orders::batch_after(&self.db, &self.filter, self.after, BATCH).await {
            Ok(rows) if rows.is_empty() => None,
            Ok(rows) => {
                self.done = (rows.len() as i64) < BATCH;
                self.after = rows.last().map(|row| (row.created_at, row.id));
                let chunk: String = rows.iter().map(csv_line).collect();
                Some((Ok(Bytes::from(chunk)), self))
            }
            Err(error) => {
                // Too late for an error status: cutting the stream short tells the client the file is incomplete.
                tracing::error!(%error, "CSV export failed part way");
                self.done = true;
                Some((Err(std::io::Error::other(error.to_string())), self))
            }
        }
    }
}

fn csv_line(row: &OrderRow) -> String {
    let fields = [
        row.order_no.clone(),
        ub_time::clock(row.created_at),
        row.customer_name.clone(),
        row.phone.clone(),
        // Amounts as plain whole tögrög (`12500`), not as the pages show them.
        row.total.amount().to_string(),
        row.paid.amount().to_string(),
        row.refunded.amount().to_string(),
        row.payment_state.as_str().to_owned(),
        row.fulfilment.as_str().to_owned(),
        row.attention.clone().unwrap_or_default(),
        row.items.amount().to_string(),
        row.discount_code.clone().unwrap_or_default(),
        row.discount.amount().to_string(),
        row.delivery_zone.clone().unwrap_or_default(),
        row.delivery_fee.amount().to_string(),
        row.delivery_waived.amount().to_string(),
    ];
    let mut line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// Quoted when it holds a comma, quote or line break. Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
/// first) gets a leading `'`: shopper names are the shopper's to choose.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Болд"), "Болд");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-5"), "'-5");
    }
}
