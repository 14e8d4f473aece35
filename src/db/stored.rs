//! Stored values decoded once, here in the repository: a row type carries `Mnt`, `PaymentState`,
//! `Fulfilment` and `PayMethod`, never the text or number they are stored as. A value no version of the shop writes
//! is `DbError::Corrupt`, naming its table, column and value, and the request fails with it (a 500 and a log line,
//! `error.rs`); it is never read as a default: an unknown way to pay read as QPay would be billed, a negative fee
//! read as 0₮ would be free delivery, a negative amount read as 0₮ would be money nobody sees.
//!
//! Most of these columns have a CHECK constraint as well (the payment state, the fulfilment step, the way to pay,
//! the delivery fees); the decoding does not lean on it, and guards the columns that have none (`paid_mnt`,
//! `refunded_mnt`, `items_mnt`, a payment's `amount_mnt`).

use super::DbError;
use crate::domain::{Fulfilment, Mnt, PaymentState, pay_method::PayMethod};

/// The error for `value`, stored in `table`.`column`.
pub fn corrupt(table: &'static str, column: &'static str, value: impl ToString) -> DbError {
    DbError::Corrupt {
        table,
        column,
        value: value.to_string(),
    }
}

/// An amount of money: whole tögrög, never negative.
pub fn amount(table: &'static str, column: &'static str, value: i64) -> Result<Mnt, DbError> {
    Mnt::new(value).map_err(|_| corrupt(table, column, value))
}

/// An amount that may be absent (`NULL`: no threshold, no minimum); present, it is an amount like any other.
pub fn optional_amount(table: &'static str, column: &'static str, value: Option<i64>) -> Result<Option<Mnt>, DbError> {
    value.map(|value| amount(table, column, value)).transpose()
}

pub fn payment_state(table: &'static str, column: &'static str, text: &str) -> Result<PaymentState, DbError> {
    PaymentState::parse(text).ok_or_else(|| corrupt(table, column, text))
}

pub fn fulfilment(table: &'static str, column: &'static str, text: &str) -> Result<Fulfilment, DbError> {
    Fulfilment::parse(text).ok_or_else(|| corrupt(table, column, text))
}

pub fn pay_method(table: &'static str, column: &'static str, text: &str) -> Result<PayMethod, DbError> {
    PayMethod::parse(text).ok_or_else(|| corrupt(table, column, text))
}

/// Declares a row type's record (its columns as stored, `sqlx::FromRow`) and the `TryFrom` that decodes the record
/// into the row type, once. The fields after `=>` are the row type's own, moved as they are; the `stored` columns are
/// read only by the `decoded` expressions, one for each other field of the row type, which decode with the functions
/// above: a wrong value is `DbError::Corrupt`, naming its table and column.
///
/// ```text
/// stored::record! {
///     struct RefundRecord => RefundRow { id: i64, note: String }
///     stored { amount_mnt: i64 }
///     decoded |row| { amount: stored::amount("refunds", "amount_mnt", row.amount_mnt)? }
/// }
/// ```
macro_rules! record {
    (
        $(#[$attribute:meta])*
        $vis:vis struct $record:ident => $row:ident { $($field:ident: $type:ty),* $(,)? }
        stored { $($column:ident: $column_type:ty),* $(,)? }
        decoded |$read:ident| { $($decoded:ident: $value:expr),* $(,)? }
    ) => {
        $(#[$attribute])*
        #[derive(::sqlx::FromRow)]
        $vis struct $record {
            $($field: $type,)*
            $($column: $column_type,)*
        }

        impl TryFrom<$record> for $row {
            type Error = $crate::db::DbError;

            fn try_from($read: $record) -> Result<$row, $crate::db::DbError> {
                Ok($row {
                    $($decoded: $value,)*
                    $($field: $read.$field,)*
                })
            }
        }
    };
}
pub(crate) use record;

#[cfg(test)]
mod tests {
    use super::*;

    /// `table.column=value` of a decoding's error, or `decoded` when there is none.
    fn refused<T>(decoded: Result<T, DbError>) -> String {
        match decoded {
            Ok(_) => "decoded".to_owned(),
            Err(DbError::Corrupt { table, column, value }) => format!("{table}.{column}={value}"),
            Err(other) => panic!("not a corrupt value: {other}"),
        }
    }

    #[test]
    fn what_the_shop_writes_is_read_exactly() {
        for state in PaymentState::ALL {
            assert_eq!(payment_state("orders", "payment_state", state.as_str()).unwrap(), state);
        }
        for step in Fulfilment::ALL {
            assert_eq!(fulfilment("orders", "fulfilment", step.as_str()).unwrap(), step);
        }
        for method in PayMethod::ALL {
            assert_eq!(pay_method("orders", "payment_method", method.as_str()).unwrap(), method);
        }
        assert_eq!(amount("orders", "paid_mnt", 0).unwrap(), Mnt::ZERO);
        assert_eq!(amount("orders", "total_mnt", i64::MAX).unwrap().amount(), i64::MAX);
        assert_eq!(optional_amount("delivery_zones", "free_from_mnt", None).unwrap(), None);
    }

    #[test]
    fn anything_else_is_corrupt_and_names_where_it_is() {
        for text in ["", "Paid", "paid ", "pending", "awaiting-payment"] {
            let shown = refused(payment_state("orders", "payment_state", text));
            assert_eq!(shown, format!("orders.payment_state={text}"));
        }
        for text in ["", "lost", "Shipped"] {
            assert_eq!(
                refused(fulfilment("orders", "fulfilment", text)),
                format!("orders.fulfilment={text}")
            );
        }
        for text in ["", "bitcoin", "QPAY", "cash"] {
            let shown = refused(pay_method("orders", "payment_method", text));
            assert_eq!(shown, format!("orders.payment_method={text}"));
        }
        // A BIGINT column cannot hold more than an `Mnt` does: what overflows is below nothing (i64::MIN).
        for value in [-1, -5, i64::MIN] {
            assert_eq!(
                refused(amount("orders", "paid_mnt", value)),
                format!("orders.paid_mnt={value}")
            );
            let threshold = refused(optional_amount("delivery_zones", "free_from_mnt", Some(value)));
            assert_eq!(threshold, format!("delivery_zones.free_from_mnt={value}"));
        }
    }

    #[test]
    fn the_error_says_where_the_value_is() {
        let error = amount("orders", "refunded_mnt", -5).unwrap_err();
        assert_eq!(
            error.to_string(),
            "corrupt stored value: orders.refunded_mnt is '-5', which no version of the shop writes"
        );
    }
}
