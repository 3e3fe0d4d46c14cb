//! The `ettlag` command: serve, migrate, demo, user, backup, restore, audit.
#![forbid(unsafe_code)]

mod checkpoints;
mod commands;
mod config;
mod cookies;
mod oidc_config;

use clap::{Parser, Subcommand};

use crate::config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "ettlag",
    version,
    about = "One team around the child: the municipality's shared platform for early, coordinated help."
)]
struct Cli {
    /// Database URL; the scheme picks the engine (sqlite:// or postgres://).
    #[arg(long, global = true, env = "ETTLAG_DATABASE_URL")]
    database_url: Option<String>,
    /// A TOML configuration file (see README).
    #[arg(long, global = true, env = "ETTLAG_CONFIG")]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server.
    Serve(commands::serve::ServeArgs),
    /// Bring the database schema up to date.
    Migrate(commands::MigrateArgs),
    /// Create a fictional municipality with synthetic data and print the demo logins.
    Demo(commands::demo::DemoArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Write a consistent copy of the database to FILE (safe while the server runs).
    Backup { file: std::path::PathBuf },
    /// Restore the database from FILE made by `backup` (stop the server first).
    Restore {
        file: std::path::PathBuf,
        /// Overwrite a database that already has data.
        #[arg(long)]
        force: bool,
    },
    /// Check the access log.
    #[command(subcommand)]
    Audit(commands::audit::AuditCommand),
    /// Run the background jobs (reminders, deadlines) that are due.
    #[command(subcommand)]
    Jobs(commands::jobs::JobsCommand),
    /// Steering counts: rebuild, check, national-scale load and benchmark.
    #[command(subcommand)]
    Steering(commands::steering::SteeringCommand),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ETTLAG_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: could not start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let settings = Settings::load(cli.config.as_deref(), cli.database_url)?;
    use std::process::ExitCode;
    match cli.command {
        Command::Serve(args) => commands::serve::run(&settings, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Migrate(args) => commands::migrate(&settings, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Demo(args) => commands::demo::run(&settings, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::User(cmd) => commands::user::run(&settings, cmd)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Backup { file } => commands::backup::backup(&settings, &file)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Restore { file, force } => commands::backup::restore(&settings, &file, force)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Audit(cmd) => commands::audit::run(&settings, cmd).await,
        Command::Jobs(cmd) => commands::jobs::run(&settings, cmd)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Steering(cmd) => commands::steering::run(&settings, cmd).await,
    }
}
