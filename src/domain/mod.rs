//! Pure types and rules of the shop: no I/O, compiled for both the server and the browser.

pub mod catalog;
pub mod ebarimt;
pub mod fulfilment;
pub mod money;
pub mod order;
pub mod order_no;
pub mod phone;
pub mod refund;
pub mod schedule;

pub use fulfilment::Fulfilment;
pub use money::Mnt;
pub use order::PaymentState;
pub use order_no::OrderNo;
pub use phone::Phone;
pub use schedule::CheckSchedule;
