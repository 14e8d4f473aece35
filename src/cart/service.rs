//! Cart rules: quantities between 1 and 1000, never more than the stock, only variants on sale; the cart's view
//! with prices and totals from the database.

use std::collections::HashMap;

use super::{CartLineView, CartNotice, CartView};
use crate::{
    db::{Db, DbError, products},
    domain::{CartLine, Mnt, Quantity},
    i18n::Lang,
};

#[derive(Debug, thiserror::Error)]
pub enum CartError {
    /// The change was refused; the notice says why, in the shopper's language.
    #[error("refused: {0:?}")]
    Refused(CartNotice),
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(Debug, Clone)]
pub struct CartService {
    db: Db,
}

impl CartService {
    pub fn new(db: Db) -> Self {
        CartService { db }
    }

    pub(super) fn db(&self) -> &Db {
        &self.db
    }

    /// Counts one new discount code tried by `shopper` from `address`; false once either has tried too many
    /// (`limits.rs`), so codes cannot be guessed by the thousand.
    pub async fn may_try_code(&self, shopper: &str, address: Option<std::net::IpAddr>) -> Result<bool, DbError> {
        use crate::limits::{CODE_TRIES_PER_ADDRESS, CODE_TRIES_PER_SHOPPER};
        let by_shopper = CODE_TRIES_PER_SHOPPER.allow(&self.db, shopper).await?;
        let by_address = match address {
            Some(address) => {
                let key = crate::web::client::network_key(address);
                CODE_TRIES_PER_ADDRESS.allow(&self.db, &key).await?
            }
            None => true,
        };
        Ok(by_shopper && by_address)
    }

    /// Adds `quantity` to what the cart has of the variant.
    pub async fn add(
        &self,
        mut lines: Vec<CartLine>,
        variant_id: i64,
        quantity: i64,
        lang: Lang,
    ) -> Result<(Vec<CartLine>, CartNotice), CartError> {
        let already = lines
            .iter()
            .find(|l| l.variant_id == variant_id)
            .map_or(0, |l| l.quantity.get());
        let wanted = already
            .checked_add(quantity)
            .filter(|_| quantity >= 1)
            .ok_or(CartError::Refused(CartNotice::InvalidQuantity))?;
        let wanted = self.check(variant_id, wanted, lang).await?;
        match lines.iter_mut().find(|l| l.variant_id == variant_id) {
            Some(line) => line.quantity = wanted,
            None => lines.push(CartLine {
                variant_id,
                quantity: wanted,
            }),
        }
        Ok((lines, CartNotice::Added))
    }

    /// Sets the quantity of a line; 0 removes it.
    pub async fn set(
        &self,
        mut lines: Vec<CartLine>,
        variant_id: i64,
        quantity: i64,
        lang: Lang,
    ) -> Result<(Vec<CartLine>, CartNotice), CartError> {
        if quantity == 0 {
            lines.retain(|l| l.variant_id != variant_id);
            return Ok((lines, CartNotice::Removed));
        }
        let quantity = self.check(variant_id, quantity, lang).await?;
        match lines.iter_mut().find(|l| l.variant_id == variant_id) {
            Some(line) => line.quantity = quantity,
            None => lines.push(CartLine { variant_id, quantity }),
        }
        Ok((lines, CartNotice::Updated))
    }

    /// The quantity, when it is one a cart may hold and the variant is on sale with that much in stock.
    async fn check(&self, variant_id: i64, quantity: i64, lang: Lang) -> Result<Quantity, CartError> {
        let Ok(quantity) = Quantity::new(quantity) else {
            return Err(CartError::Refused(CartNotice::InvalidQuantity));
        };
        let variant = products::cart_variants(&self.db, &[variant_id]).await?.pop();
        let Some(variant) = variant else {
            return Err(CartError::Refused(CartNotice::Unavailable));
        };
        if quantity.get() > variant.stock {
            let name = format!(
                "{} ({})",
                lang.pick(&variant.product_name_mn, &variant.product_name_en),
                lang.pick(&variant.variant_name_mn, &variant.variant_name_en)
            );
            return Err(CartError::Refused(CartNotice::NotEnoughStock {
                name,
                available: variant.stock,
            }));
        }
        Ok(quantity)
    }

    /// The cart with today's names and prices; lines whose variant is no longer on sale are left out.
    pub async fn view(&self, lines: &[CartLine], lang: Lang) -> Result<CartView, DbError> {
        let ids: Vec<i64> = lines.iter().map(|l| l.variant_id).collect();
        let variants: HashMap<i64, products::CartVariantRow> = products::cart_variants(&self.db, &ids)
            .await?
            .into_iter()
            .map(|v| (v.variant_id, v))
            .collect();
        let mut view = CartView {
            lines: Vec::new(),
            total: Mnt::ZERO,
            count: 0,
            notice: None,
            price: None,
        };
        for line in lines {
            let Some(variant) = variants.get(&line.variant_id) else {
                continue;
            };
            let unit_price = variant.price;
            let line_total = unit_price.checked_mul(line.quantity.get()).unwrap_or_default();
            view.total = view.total.checked_add(line_total).unwrap_or(view.total);
            view.count += line.quantity.get();
            view.lines.push(CartLineView {
                variant_id: variant.variant_id,
                product_id: variant.product_id,
                category_id: variant.category_id,
                slug: variant.slug.clone(),
                product_name: lang.pick(&variant.product_name_mn, &variant.product_name_en).to_owned(),
                variant_name: lang.pick(&variant.variant_name_mn, &variant.variant_name_en).to_owned(),
                image: variant.image.clone(),
                unit_price,
                quantity: line.quantity.get(),
                line_total,
                stock: variant.stock,
            });
        }
        Ok(view)
    }
}
