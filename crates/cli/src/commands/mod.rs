pub mod audit;
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

pub async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let store = open(settings).await?;
    store.close().await;
    println!("The database is up to date.");
    Ok(())
}
pub mod steering;
