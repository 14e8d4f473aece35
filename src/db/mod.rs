//! The database: one pool for SQLite (the embedded default) and PostgreSQL (for several app instances).
//!
//! Why `sqlx::Any`: repositories are written once and run unchanged on both engines. The rules that make that work
//! (see README, "Two database engines"):
//! - placeholders are `$1, $2, …`, which both drivers bind by number;
//! - columns are `BIGINT` (money, ids, Unix-millisecond times), `TEXT` and `BLOB`/`BYTEA` only, the types `Any`
//!   decodes; an aggregate over money is `CAST(SUM(..) AS BIGINT)` because PostgreSQL's `SUM` is `NUMERIC`;
//! - what truly differs between the engines lives in this file, behind [`Backend`].

pub mod admin_orders;
pub mod admins;
pub mod catalog_admin;
pub mod catalog_sheet;
pub mod checks;
pub mod delivery;
pub mod discount_codes;
pub mod ebarimt;
pub mod launch;
pub mod notice_settings;
pub mod order_lookups;
pub mod orders;
pub mod outbox;
pub mod pay_settings;
pub mod payments;
pub mod pictures;
pub mod products;
pub mod qpay_days;
pub mod rate_limits;
pub mod refunds;
pub mod reports;
pub mod search_keys;
pub mod seed;
pub mod sessions;
pub mod sheet_uploads;
pub mod shop_identity;
pub mod shop_logo;
pub mod shop_pages;
pub mod staff;
pub mod stock;
pub mod stored;
pub mod timeline;

use sqlx::{
    Any, AnyPool, Executor, Transaction,
    any::{AnyPoolOptions, install_default_drivers},
    migrate::Migrator,
};
use std::time::Duration;

use crate::config::DatabaseUrl;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Errors of the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot create the folder for the SQLite file {path}: {source}")]
    CreateDir { path: String, source: std::io::Error },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Query(#[from] sqlx::Error),
    #[error("{0}")]
    Unsupported(&'static str),
    /// A stored value that no version of the shop writes (`stored.rs`): the request fails with it (a 500 and a log
    /// line naming where it is), never reads it as some default.
    #[error("corrupt stored value: {table}.{column} is '{value}', which no version of the shop writes")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        value: String,
    },
}

impl DbError {
    /// A UNIQUE constraint refused the write (a slug or SKU another row has), on either engine.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, DbError::Query(sqlx::Error::Database(error)) if error.is_unique_violation())
    }
}

/// The engine behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens a pool, creating the SQLite file (and its folder) when it does not exist yet.
    pub async fn connect(url: &DatabaseUrl) -> Result<Db, DbError> {
        install_default_drivers();
        let backend = if url.expose().starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let connect_url = match backend {
            Backend::Sqlite => sqlite_url_creating_folder(url.expose())?,
            Backend::Postgres => url.expose().to_owned(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer writes; the busy timeout makes a second writer wait
                        // for the first instead of failing at once.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&connect_url).await.map_err(|source| DbError::Connect {
            url: url.to_string(),
            source,
        })?;
        Ok(Db { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Brings the schema up to date with the migrations of this engine.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Starts a transaction that will write.
    ///
    /// On SQLite it is `BEGIN IMMEDIATE`: it takes the write lock at the start, so a second writer waits (busy
    /// timeout) instead of failing with `SQLITE_BUSY` when a deferred transaction tries to upgrade its read lock.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, DbError> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// What a claiming `SELECT` ends with so that several app instances never take the same rows: PostgreSQL
    /// skips rows another transaction holds; SQLite has one writer at a time, so it needs nothing.
    pub fn skip_locked(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// What a `SELECT` ends with to lock the rows it reads until the transaction ends (PostgreSQL); SQLite's
    /// write transaction holds the whole database already.
    pub fn row_lock(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE",
        }
    }

    /// Holds a lock named `key` until the transaction ends, so transactions about the same thing (one shopper's
    /// checkouts) run one after the other: PostgreSQL's advisory lock; SQLite's write transactions run one at a
    /// time already.
    pub async fn lock_key(&self, tx: &mut Transaction<'_, Any>, key: &str) -> Result<(), DbError> {
        if let Backend::Postgres = self.backend {
            // Counted so the lock's void result is not a column sqlx must read.
            let _: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS locked")
                    .bind(key)
                    .fetch_one(&mut **tx)
                    .await?;
        }
        Ok(())
    }

    /// Copies the live SQLite database into `path`, a file that must not exist yet, as one consistent snapshot taken
    /// while the shop keeps serving (`VACUUM INTO`). A PostgreSQL shop is backed up with `pg_dump` instead.
    pub async fn backup_sqlite(&self, path: &str) -> Result<(), DbError> {
        if self.backend != Backend::Sqlite {
            return Err(DbError::Unsupported(
                "backup copies SQLite databases; back PostgreSQL up with pg_dump (see docs/deploy.md)",
            ));
        }
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The current time as Unix milliseconds, the form every time column uses.
pub fn now_ms() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(now.as_millis()).unwrap_or(i64::MAX)
}

/// The most values of a list (ids, say) one query binds; longer lists are read a batch at a time, far below either
/// engine's limit on bound values.
pub(crate) const IDS_PER_QUERY: usize = 200;

/// `$first, $first+1, …` for `count` values: `Any` has no array binding, so a list is one placeholder per value.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes sure the folder of a SQLite file exists and asks the driver to create the file (`mode=rwc`).
fn sqlite_url_creating_folder(url: &str) -> Result<String, DbError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Ok(url.to_owned());
    }
    if let Some(folder) = std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder).map_err(|source| DbError::CreateDir {
            path: path.to_owned(),
            source,
        })?;
    }
    if query.split('&').any(|pair| pair.starts_with("mode=")) {
        return Ok(url.to_owned());
    }
    let separator = if query.is_empty() { '?' } else { '&' };
    Ok(format!("{url}{separator}mode=rwc"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_from_the_first() {
        assert_eq!(placeholders(1, 3), "$1, $2, $3");
        assert_eq!(placeholders(3, 1), "$3");
    }

    #[test]
    fn sqlite_urls_ask_for_the_file_to_be_created() {
        let dir = std::env::temp_dir().join(format!("delguur-url-test-{}", std::process::id()));
        let file = dir.join("nested/shop.db");
        let url = format!("sqlite://{}", file.display());
        assert_eq!(sqlite_url_creating_folder(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.join("nested").is_dir());
        assert_eq!(
            sqlite_url_creating_folder(&format!("{url}?mode=ro")).unwrap(),
            format!("{url}?mode=ro")
        );
        assert_eq!(
            sqlite_url_creating_folder("sqlite::memory:").unwrap(),
            "sqlite::memory:"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
