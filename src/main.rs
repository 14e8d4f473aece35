//! The `delguur` binary: reads configuration, starts the shop, serves until Ctrl-C or SIGTERM.

use clap::{Parser, Subcommand};
use delguur::{config::Config, server};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

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
}

#[tokio::main]
async fn main() -> ExitCode {
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
