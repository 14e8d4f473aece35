//! Typed helpers on the test app for what scenarios arrange and read back: a variant by its SKU, stock, row counts,
//! cart lines, and an order placed through the server's own checkout service.

use crate::helpers::TestApp;
use delguur::{
    checkout::{
        CustomerDetails, Delivery,
        service::{CheckoutError, PlaceOrder, PlacedOrder},
    },
    domain::{CartLine, Phone, Quantity},
    i18n::Lang,
};

/// A cart line of `quantity` (1 to 1000) of the variant.
pub fn line(variant_id: i64, quantity: i64) -> CartLine {
    CartLine {
        variant_id,
        quantity: Quantity::new(quantity).expect("a quantity a cart may hold"),
    }
}

/// Болд, collecting the order himself.
pub fn pickup_customer() -> CustomerDetails {
    CustomerDetails {
        name: "Болд".into(),
        phone: Phone::parse("99112233").unwrap(),
        email: None,
        delivery: Delivery::Pickup { point_id: 1 },
        note: None,
        receipt: None,
    }
}

impl TestApp {
    /// The id of the variant with this SKU.
    pub async fn variant_id(&self, sku: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM variants WHERE sku = $1")
            .bind(sku)
            .fetch_one(self.db.pool())
            .await
            .unwrap_or_else(|e| panic!("no variant {sku}: {e}"))
    }

    /// Stock left of the variant with this SKU.
    pub async fn stock_of(&self, sku: &str) -> i64 {
        sqlx::query_scalar("SELECT stock FROM variants WHERE sku = $1")
            .bind(sku)
            .fetch_one(self.db.pool())
            .await
            .unwrap_or_else(|e| panic!("no variant {sku}: {e}"))
    }

    /// Stock left of the variant with this id.
    pub async fn stock_of_variant(&self, variant_id: i64) -> i64 {
        sqlx::query_scalar("SELECT stock FROM variants WHERE id = $1")
            .bind(variant_id)
            .fetch_one(self.db.pool())
            .await
            .unwrap()
    }

    /// How many rows `table` has.
    pub async fn row_count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .unwrap()
    }

    /// Places an order in Mongolian through the server's own checkout service, as a guest (no session) unless
    /// `session_id` is given; no invoice is made.
    pub async fn place_order(
        &self,
        key: &str,
        session_id: Option<&str>,
        customer: &CustomerDetails,
        lines: &[CartLine],
    ) -> Result<PlacedOrder, CheckoutError> {
        self.services
            .checkout
            .place_order(&PlaceOrder {
                idempotency_key: key,
                session_id,
                customer,
                lines,
                lang: Lang::Mn,
                placed_from: None,
                discount_code: None,
                pay_method: delguur::domain::pay_method::PayMethod::Qpay,
                made_by: None,
            })
            .await
    }
}
