pub mod audit;
pub mod audit_checkpoints;
pub mod backup;
pub mod demo;
pub mod demo_cases;
pub mod demo_cycle;
pub mod demo_meeting;
pub mod demo_portal;
pub mod demo_portal_follow;
pub mod demo_sharing;
pub mod feedback_packs;
pub mod jobs;
pub mod names;
pub mod pg_tool;
pub mod serve;
pub mod user;

use anyhow::Context;
use ettlag_db::Store;

use crate::config::Settings;

/// Opens and migrates the database named by the settings.
pub async fn open(settings: &Settings) -> anyhow::Result<Store> {
    let store = Store::open(&settings.database_url).await.with_context(|| {
        format!(
            "could not open the database {}",
            ettlag_db::redact(&settings.database_url)
        )
    })?;
    store
        .migrate()
        .await
        .context("could not migrate the database")?;
    Ok(store)
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// PostgreSQL: give this existing role what the server needs, with the
    /// access log append-only (run as the schema's owner; see docs/operations.md).
    #[arg(long, value_name = "ROLE")]
    pub app_role: Option<String>,
}

pub async fn migrate(settings: &Settings, args: MigrateArgs) -> anyhow::Result<()> {
    let store = open(settings).await?;
    let granted = match &args.app_role {
        Some(role) => store.grant_app_role(role).await.map(|()| Some(role)),
        None => Ok(None),
    };
    store.close().await;
    println!("The database is up to date.");
    if let Some(role) = granted? {
        println!("{role} may read and write the data and only add to the access log.");
    }
    Ok(())
}
pub mod steering;
