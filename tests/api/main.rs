//! Integration tests: the real server on a port of its own with a database of its own, over real HTTP.
//!
//! Each scenario runs on SQLite, and on PostgreSQL too when `TEST_DATABASE_URL` is set (see `helpers.rs`).

mod helpers;

mod admin;
mod backup;
mod bench_smoke;
mod cart;
mod catalog_admin;
mod checkout;
mod codes;
mod contract;
mod corrupt;
mod delivery;
mod drafts;
mod ebarimt;
mod faults;
mod find_order;
mod going_live;
mod health;
mod holds;
mod hostile;
mod identity;
mod instances;
mod logo;
mod logs;
mod low_stock;
mod notices;
mod one_path;
mod orders;
mod owner_notices;
mod pages;
mod pay_methods;
mod payment;
mod pictures;
mod pricing;
mod process;
mod qpay_client;
mod qpay_day;
mod qpay_sandbox;
mod refunds;
mod reliability;
mod reports;
mod scale;
mod search;
mod security;
mod sessions;
mod settlement_edges;
mod shop;
mod sign_in;
mod slips;
mod sms_budget;
mod smtp;
mod staff;
mod startup;
mod timeline;
