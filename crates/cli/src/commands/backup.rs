//! `ettlag backup FILE` and `ettlag restore FILE`. SQLite is copied with
//! `VACUUM INTO` (a consistent snapshot while the server runs); PostgreSQL
//! with `pg_dump` and `psql`. Both are checked after restore: integrity, and
//! the audit chain of every municipality.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};
use ettlag_db::{Backend, Store};

use crate::config::Settings;

pub async fn backup(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} already exists: choose a new file name", file.display());
    }
    match Backend::from_url(&settings.database_url)? {
        Backend::Sqlite => {
            let store = super::open(settings).await?;
            let path = file.to_str().context("the file name is not valid UTF-8")?;
            store.backup_sqlite(path).await?;
            store.close().await;
        }
        Backend::Postgres => {
            let status = Command::new("pg_dump")
                .arg("--no-owner")
                .arg("--file")
                .arg(file)
                .arg(&settings.database_url)
                .status()
                .context("could not run pg_dump (is the PostgreSQL client installed?)")?;
            if !status.success() {
                bail!("pg_dump failed");
            }
        }
    }
    println!("backup written to {}", file.display());
    Ok(())
}

pub async fn restore(settings: &Settings, file: &Path, force: bool) -> anyhow::Result<()> {
    if !file.exists() {
        bail!("{} does not exist", file.display());
    }
    match Backend::from_url(&settings.database_url)? {
        Backend::Sqlite => restore_sqlite(settings, file, force).await?,
        Backend::Postgres => {
            let store = Store::open(&settings.database_url).await?;
            let in_use = store.has_schema().await;
            store.close().await;
            if in_use {
                bail!(
                    "the PostgreSQL database already has ettlag tables: restore into an empty database"
                );
            }
            let status = Command::new("psql")
                .args(["-q", "-v", "ON_ERROR_STOP=1", "-f"])
                .arg(file)
                .arg(&settings.database_url)
                .status()
                .context("could not run psql")?;
            if !status.success() {
                bail!("psql failed to restore {}", file.display());
            }
        }
    }
    let store = super::open(settings).await?;
    let integrity = store.integrity_check().await?;
    let reports = store.verify_audit().await?;
    let counts = store.table_counts().await?;
    store.close().await;
    if integrity != "ok" {
        bail!("the restored database fails its integrity check: {integrity}");
    }
    if let Some(bad) = reports.iter().find(|r| r.result.is_err()) {
        bail!(
            "the restored access log of {} is broken: {:?}",
            bad.tenant_name,
            bad.result
        );
    }
    println!(
        "restored from {}; integrity ok; audit chains intact",
        file.display()
    );
    for (table, n) in counts {
        println!("  {table}: {n}");
    }
    Ok(())
}

async fn restore_sqlite(settings: &Settings, file: &Path, force: bool) -> anyhow::Result<()> {
    let target = settings
        .database_url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    if target.is_empty() || target.contains(":memory:") {
        bail!("restore needs a SQLite file URL");
    }
    if Path::new(&target).exists() && !force {
        bail!("{target} exists: stop the server and pass --force to replace it");
    }
    // Check a copy of the backup before it replaces anything.
    let staging = format!("{target}.restoring");
    std::fs::copy(file, &staging).with_context(|| format!("could not write {staging}"))?;
    let source = Store::open(&format!("sqlite://{staging}")).await?;
    let integrity = source.integrity_check().await?;
    source.close().await;
    if integrity != "ok" {
        let _ = std::fs::remove_file(&staging);
        bail!("the backup fails its integrity check: {integrity}");
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{target}{suffix}"));
        let _ = std::fs::remove_file(format!("{staging}{suffix}"));
    }
    std::fs::rename(&staging, &target).with_context(|| format!("could not replace {target}"))?;
    Ok(())
}
