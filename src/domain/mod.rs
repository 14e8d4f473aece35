//! Pure types and rules of the shop: no I/O, compiled for both the server and the browser.

pub mod aimag;
pub mod attention;
pub mod cart;
pub mod catalog;
pub mod code_form;
pub mod delivery;
pub mod delivery_form;
pub mod discount;
pub mod district;
pub mod draft;
pub mod ebarimt;
pub mod fulfilment;
pub mod holds;
pub mod money;
pub mod notice;
pub mod notice_settings;
pub mod order;
pub mod order_lookup;
pub mod order_no;
pub mod owner_action;
pub mod pay_method;
pub mod pay_settings;
pub mod phone;
pub mod pricing;
pub mod refund;
pub mod schedule;
pub mod staff;

pub use cart::{CartLine, Quantity};
pub use district::District;
pub use fulfilment::Fulfilment;
pub use money::Mnt;
pub use order::PaymentState;
pub use order_no::OrderNo;
pub use owner_action::OwnerAction;
pub use phone::Phone;
pub use schedule::CheckSchedule;
