//! The checklist's service: the shop's state gathered as `check-config` gathers it (`db::launch::state`), QPay's
//! credentials tried through the shop's own client, and the owner's word recorded.

use std::sync::Arc;

use crate::{
    config::{Config, QpayMode},
    db::{Backend, Db, DbError, launch},
    domain::going_live::{self, Mark, Step},
    i18n::Lang,
    qpay::QpayClient,
    shop_identity::IdentityCache,
};

#[derive(Clone)]
pub struct LaunchService {
    db: Db,
    /// What QPay, messages and e-barimt are set to: the steps read the configuration the shop runs with.
    config: Arc<Config>,
    /// The payment service's client, so a check uses (and warms) the token the shop's payments use.
    qpay: QpayClient,
    identity: IdentityCache,
}

impl std::fmt::Debug for LaunchService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LaunchService").finish_non_exhaustive()
    }
}

impl LaunchService {
    pub fn new(db: Db, config: &Config, qpay: QpayClient, identity: IdentityCache) -> LaunchService {
        LaunchService {
            db,
            config: Arc::new(config.clone()),
            qpay,
            identity,
        }
    }

    /// Every step, ticked or not, as the shop stands now.
    pub async fn steps(&self) -> Result<Vec<Step>, DbError> {
        let identity = self.identity.current();
        let state = launch::state(&self.db, &self.config, &identity).await?;
        Ok(going_live::steps(&state))
    }

    pub fn qpay_local(&self) -> bool {
        self.config.qpay.mode == QpayMode::Local
    }

    /// Whether `delguur backup` copies this shop's database (SQLite's; PostgreSQL's is `pg_dump`'s).
    pub fn backs_up_itself(&self) -> bool {
        self.db.backend() == Backend::Sqlite
    }

    /// Asks QPay for a token and records the QPay it was issued by; the notice says what came of it in `lang`. The
    /// emulator is not asked: its token proves nothing about the merchant's credentials. A refusal is told by its
    /// meaning, never QPay's raw answer (logged instead).
    pub async fn check_qpay(&self, actor: &str, lang: Lang) -> Result<String, DbError> {
        let texts = lang.launch();
        if self.qpay_local() {
            return Ok(texts.qpay_local_not_counted.to_owned());
        }
        match self.qpay.token().await {
            Ok(_) => {
                launch::record_qpay_token(&self.db, &self.config.qpay).await?;
                tracing::info!(by = actor, "QPay issued a token: the going-live check passed");
                Ok(texts.qpay_accepted.to_owned())
            }
            Err(error) => {
                tracing::warn!(by = actor, %error, "the going-live QPay check failed");
                Ok(texts.qpay_failed.replace("{why}", error.known_code().message(lang)))
            }
        }
    }

    /// Records the owner's word for a step knowingly left.
    pub async fn acknowledge(&self, actor: &str, mark: Mark) -> Result<(), DbError> {
        launch::record(&self.db, mark, "").await?;
        tracing::info!(
            by = actor,
            mark = mark.as_str(),
            "the owner's word on a going-live step"
        );
        Ok(())
    }
}
