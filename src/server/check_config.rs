//! `delguur check-config`: what the configuration resolves to, then the site, the database and QPay tried, and the
//! going-live checklist, printed for the person setting the shop up (`main.rs` turns the answer into the exit status).

use crate::config::Config;

/// `delguur check-config`: the resolved settings, then the site, the database and QPay tried (failing when any
/// fails), then the going-live checklist as `/admin` shows it. True when all three answered.
pub async fn run(config: &Config) -> bool {
    let settings = config.describe();
    let width = settings.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    for (name, value) in &settings {
        println!("{name:width$}  {value}");
    }
    println!();
    let site = check_site();
    let (db, database) = check_database(config).await;
    let qpay = check_qpay(config, db.as_ref()).await;
    if let Some(db) = &db {
        print_checklist(config, db).await;
        db.close().await;
    }
    site && database && qpay
}

/// Whether the site the shop serves is built (cargo-leptos's variable; the release build puts it in target/site).
fn check_site() -> bool {
    let site = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let wasm = std::path::Path::new(&site).join("pkg/delguur.wasm");
    // A release site names its files by their hashes and lists them in hash.txt (src/site_files.rs).
    let hashed = std::path::Path::new(&site).join(crate::site_files::HASH_FILE);
    if wasm.is_file() || hashed.is_file() {
        println!("site: {site} (LEPTOS_SITE_ROOT) has the built pages' files");
        true
    } else {
        println!(
            "site: FAILED: no {} (set LEPTOS_SITE_ROOT to the built target/site)",
            wasm.display()
        );
        false
    }
}

/// The database when it answers (kept open for the QPay mark and the checklist), and whether all is well: a SQLite
/// file not made yet is, as the shop makes it on its first start.
async fn check_database(config: &Config) -> (Option<crate::db::Db>, bool) {
    if let Some(path) = config.database_url.sqlite_path().filter(|path| !path.exists()) {
        // Connecting would create an empty database: say so instead.
        println!(
            "database: no file at {} yet; the shop creates it on its first start",
            path.display()
        );
        return (None, true);
    }
    match crate::db::Db::connect(&config.database_url).await {
        Ok(db) => match db.ping().await {
            Ok(()) => {
                println!("database: answers");
                (Some(db), true)
            }
            Err(error) => {
                println!("database: FAILED: {error}");
                db.close().await;
                (None, false)
            }
        },
        Err(error) => {
            println!("database: FAILED: {error}");
            (None, false)
        }
    }
}

/// Whether QPay issued a token for the configured credentials (the emulator is not asked); a token issued is
/// recorded for the checklist.
async fn check_qpay(config: &Config, db: Option<&crate::db::Db>) -> bool {
    if config.qpay.mode == crate::config::QpayMode::Local {
        println!("QPay: the built-in emulator (QPAY_MODE=local) starts with the shop; nothing to try");
        return true;
    }
    let options = crate::qpay::ClientOptions {
        timeout: config.payments.qpay_timeout,
        ..crate::qpay::ClientOptions::default()
    };
    let tried = match crate::qpay::QpayClient::new(&config.qpay, options) {
        Ok(client) => client.token().await.map(|_| ()),
        Err(error) => Err(error),
    };
    if let Err(error) = tried {
        println!("QPay: FAILED at {}: {error}", config.qpay.base_url);
        return false;
    }
    println!(
        "QPay: {} accepted the credentials (a token was issued)",
        config.qpay.base_url
    );
    if let Some(db) = db
        && let Err(error) = crate::db::launch::record_qpay_token(db, &config.qpay).await
    {
        // A database the shop has not yet brought up to date has no table for it: the check itself passed.
        println!("QPay: the check could not be recorded for the checklist: {error}");
    }
    true
}

/// The going-live checklist, in English, as `/admin` shows it to the owner; it changes nothing of the exit status.
async fn print_checklist(config: &Config, db: &crate::db::Db) {
    use crate::{domain::going_live, i18n::Lang};
    let state = match crate::db::shop_identity::get(db).await {
        Ok(identity) => crate::db::launch::state(db, config, &identity).await,
        Err(error) => Err(error),
    };
    let texts = Lang::En.launch();
    println!();
    match state {
        Ok(state) => {
            let steps = going_live::steps(&state);
            let left = steps.iter().filter(|step| !step.done).count();
            println!("{}: {left} of {} steps left", texts.title, steps.len());
            for step in steps {
                let title = step.kind.title(Lang::En);
                if step.done {
                    println!("[x] {title}");
                } else {
                    println!("[ ] {title} → {}", step.kind.link());
                }
            }
            if state.qpay == going_live::QpayStage::Local {
                println!("    {}", texts.hint_qpay_local);
            }
        }
        Err(error) => println!("{}: cannot be read: {error}", texts.title),
    }
}
