//! The shop's identity as every page, message and invoice reads it: one cache per instance over
//! `db::shop_identity`, read without waiting (a page never queries for it) and kept fresh by a task that asks the
//! database every [`REFRESH`] whether it changed, so a save on one instance shows on every instance within
//! seconds. A save here updates this instance at once.

use std::sync::Arc;

use crate::domain::shop_identity::ShopIdentity;

/// How often each instance asks whether the identity changed: one small query.
#[cfg(feature = "ssr")]
pub const REFRESH: std::time::Duration = std::time::Duration::from_secs(2);

/// The identity, cached. Cloning it shares the cache.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct IdentityCache {
    db: crate::db::Db,
    current: Arc<std::sync::RwLock<(Option<i64>, Arc<ShopIdentity>)>>,
}

#[cfg(feature = "ssr")]
impl IdentityCache {
    /// The cache over `db`, holding the unnamed default until [`Self::refresh`] first reads it (the server does
    /// before it serves).
    pub fn new(db: crate::db::Db) -> IdentityCache {
        IdentityCache {
            db,
            current: Arc::default(),
        }
    }

    /// The identity as last read.
    pub fn current(&self) -> Arc<ShopIdentity> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .1
            .clone()
    }

    /// Reads the identity again when its version moved on.
    pub async fn refresh(&self) -> Result<(), crate::db::DbError> {
        let version = crate::db::shop_identity::version(&self.db).await?;
        let known = self.current.read().unwrap_or_else(|poisoned| poisoned.into_inner()).0;
        if version != known {
            let identity = Arc::new(crate::db::shop_identity::get(&self.db).await?);
            *self.current.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = (version, identity);
        }
        Ok(())
    }

    /// Saves `identity` (checked by the caller) and shows it on this instance at once.
    pub async fn save(&self, identity: ShopIdentity) -> Result<(), crate::db::DbError> {
        crate::db::shop_identity::save(&self.db, &identity).await?;
        self.reload().await
    }

    /// Reads the identity again now (after this instance saved it or one of the shop's pages).
    pub async fn reload(&self) -> Result<(), crate::db::DbError> {
        self.current.write().unwrap_or_else(|poisoned| poisoned.into_inner()).0 = None;
        self.refresh().await
    }

    /// Refreshes every [`REFRESH`] until the process ends; a failed read is logged and tried at the next tick.
    pub async fn keep_fresh(self) {
        // The server read it before it served: the first check is one period on.
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + REFRESH, REFRESH);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(error) = self.refresh().await {
                tracing::warn!(%error, "the shop's identity was not read again");
            }
        }
    }
}

/// The shop's identity for the page being rendered: the cache's on the server, the unnamed default in the browser
/// (whose islands never show it).
pub fn use_identity() -> Arc<ShopIdentity> {
    #[cfg(feature = "ssr")]
    if let Some(cache) = leptos::prelude::use_context::<IdentityCache>() {
        return cache.current();
    }
    Arc::new(ShopIdentity::default())
}
