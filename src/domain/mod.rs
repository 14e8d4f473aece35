//! Pure types and rules of the shop: no I/O, compiled for both the server and the browser.

pub mod money;

pub use money::Mnt;
