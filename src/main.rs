//! The `delguur` binary: reads configuration, starts the shop, serves until Ctrl-C or SIGTERM.

use clap::{Parser, Subcommand};
use delguur::{config::Config, qpay_sandbox, server};
use secrecy::ExposeSecret;
use std::{net::SocketAddr, process::ExitCode};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: rendering a page makes many small allocations, and glibc's malloc and free
/// were a fifth of the server's CPU time under load (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Delguur: an online shop with QPay checkout, in one binary.
///
/// Configuration comes from environment variables (and a `.env` file in the working folder); `.env.example`
/// lists every one with its default. With none set, the demo shop runs on SQLite and the built-in QPay emulator.
#[derive(Parser)]
#[command(name = "delguur", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the shop (the default).
    Serve,
    /// Run only the QPay emulator, so any QPay client can be tried against it (base URL `http://ADDR/v2`).
    QpaySandbox {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:4010")]
        addr: SocketAddr,
        /// Address clients reach the emulator at, for `qPay_shortUrl` links (default: `http://ADDR`).
        #[arg(long)]
        public_url: Option<String>,
    },
    /// Print what the configuration resolves to (secrets hidden), then try the database and QPay's credentials
    /// (one token request), so a mistake shows before the first customer does.
    CheckConfig,
    /// Copy the running shop's SQLite database into a new file, consistently, without stopping it.
    Backup {
        /// The file to write; it must not exist yet.
        to: std::path::PathBuf,
    },
    /// Add a large made-up catalog and a year of orders to the shop's database, through the shop's own repository
    /// functions, for `make bench` (docs/PERFORMANCE.md). Not for a real shop.
    SeedScale {
        #[arg(long, default_value_t = 50)]
        categories: usize,
        #[arg(long, default_value_t = 10_000)]
        products: usize,
        #[arg(long, default_value_t = 100_000)]
        orders: usize,
        /// How many days back the orders go.
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
    /// Manage the shop owners who sign in at /admin.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Add an owner. Asks for the password (or reads one line from standard input when it is not a terminal).
    Create {
        #[arg(long)]
        email: String,
    },
}

/// Files (the site's and uploads) are read on tokio's blocking threads. Its default of up to 512 of them grew to
/// a hundred threads and 95 MB under a burst of picture requests (docs/PERFORMANCE.md); a few per core keep up with
/// a disk the pictures mostly sit in the page cache of.
const BLOCKING_THREADS: usize = 16;

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    // A missing .env is normal (production passes real variables); its values never override the environment.
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();

    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("delguur: {error}");
            return ExitCode::from(2);
        }
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::QpaySandbox { addr, public_url } => serve_sandbox(&config, addr, public_url).await,
        Command::CheckConfig => {
            if server::check_config::run(&config).await {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Backup { to } => backup(&config, &to).await,
        Command::SeedScale {
            categories,
            products,
            orders,
            days,
        } => {
            let scale = delguur::db::seed::scale::Scale {
                categories,
                products,
                orders,
                days,
            };
            seed_scale(&config, scale).await
        }
        Command::Admin {
            action: AdminCommand::Create { email },
        } => create_owner(&config, &email).await,
    }
}

/// `delguur seed-scale`: into the configured database, migrated first; prints what it added and how long it took.
async fn seed_scale(config: &Config, scale: delguur::db::seed::scale::Scale) -> ExitCode {
    let started = std::time::Instant::now();
    let seeded = match delguur::db::Db::connect(&config.database_url).await {
        Ok(db) => {
            let seeded = match db.migrate().await {
                Ok(()) => delguur::db::seed::scale::seed_scale(&db, scale, delguur::db::now_ms()).await,
                Err(error) => Err(error.into()),
            };
            db.close().await;
            seeded
        }
        Err(error) => Err(error.into()),
    };
    match seeded {
        Ok(seeded) => {
            println!("{seeded:?} in {:.1} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("delguur seed-scale: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `delguur backup FILE`: written beside FILE under a temporary name, flushed to disk, then renamed, so an
/// interrupted backup never leaves a partial FILE.
async fn backup(config: &Config, to: &std::path::Path) -> ExitCode {
    if to.exists() {
        eprintln!("delguur: {} exists already; give a new file", to.display());
        return ExitCode::from(2);
    }
    // Connecting would create an empty database at a mistyped path: back up only one that exists.
    if let Some(path) = config.database_url.sqlite_path().filter(|path| !path.exists()) {
        eprintln!("delguur: no database at {}", path.display());
        return ExitCode::from(2);
    }
    let db = match delguur::db::Db::connect(&config.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("delguur: {error}");
            return ExitCode::FAILURE;
        }
    };
    let partial = to.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let copied = db.backup_sqlite(&partial.to_string_lossy()).await;
    let finished = copied.map_err(|e| e.to_string()).and_then(|()| {
        std::fs::File::open(&partial)
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&partial, to))
            .map_err(|e| e.to_string())
    });
    let exit = match finished {
        Ok(()) => {
            let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
            println!("backed up {} to {} ({bytes} bytes)", config.database_url, to.display());
            record_backup(&db).await;
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            eprintln!("delguur: {error}");
            ExitCode::FAILURE
        }
    };
    db.close().await;
    exit
}

/// Ticks the checklist's backup step. Recorded after the copy is whole, so the copy itself does not carry it; a
/// failure here leaves the backup good, and is only said.
async fn record_backup(db: &delguur::db::Db) {
    use delguur::{db::launch, domain::going_live::Mark};
    if let Err(error) = launch::record(db, Mark::Backup, "").await {
        eprintln!("delguur: the backup is not recorded for the checklist at /admin: {error}");
    }
}

/// `delguur admin create --email …`
async fn create_owner(config: &Config, email: &str) -> ExitCode {
    use std::io::{BufRead, IsTerminal};
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").unwrap_or_default();
        let again = rpassword::prompt_password("Password again: ").unwrap_or_default();
        if first != again {
            eprintln!("delguur: the two passwords differ");
            return ExitCode::from(2);
        }
        first
    } else {
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    let db = match delguur::db::Db::connect(&config.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("delguur: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = db.migrate().await {
        eprintln!("delguur: {error}");
        return ExitCode::FAILURE;
    }
    let created = delguur::admin::auth::AdminAuth::new(db.clone())
        .create_owner(email, &password)
        .await;
    db.close().await;
    match created {
        Ok(()) => {
            println!(
                "Owner {} added: sign in at {}/admin/login",
                email.trim(),
                config.public_link("")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("delguur: {error}");
            ExitCode::from(2)
        }
    }
}

async fn serve_sandbox(config: &Config, addr: SocketAddr, public_url: Option<String>) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("delguur: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let sandbox = qpay_sandbox::SandboxConfig {
        public_base: public_url
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_owned(),
        client_id: config.qpay.client_id.clone(),
        client_secret: config.qpay.client_secret.expose_secret().to_owned(),
        invoice_code: config.qpay.invoice_code.clone(),
    };
    tracing::info!(%addr, base_url = %format!("{}/v2", sandbox.public_base), "QPay emulator is listening");
    match qpay_sandbox::serve_standalone(listener, sandbox, server::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("delguur: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> ExitCode {
    let server = match server::Server::build(&config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("delguur: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("delguur: cannot listen on {}: {error}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(
        addr = %config.addr,
        public_url = %config.public_url,
        database = %config.database_url,
        qpay_mode = config.qpay.mode.as_str(),
        "Delguur is listening"
    );
    match server.serve(listener, server::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("delguur: {error}");
            ExitCode::FAILURE
        }
    }
}
