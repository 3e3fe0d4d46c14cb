//! `ettlag backup FILE` and `ettlag restore FILE`. SQLite is copied with
//! `VACUUM INTO` (a consistent snapshot while the server runs); PostgreSQL
//! with `pg_dump` and `psql`. Both are checked after restore: integrity, and
//! the audit chain of every municipality.

use std::ffi::OsStr;
use std::fs::File;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail};
use ettlag_db::{Backend, Store};

use super::pg_tool;
use crate::config::Settings;

pub async fn backup(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let backend = Backend::from_url(&settings.database_url)?;
    let out = create_private(file)?;
    if let Err(e) = write_backup(settings, backend, file, out).await {
        // The file is ours and empty or half written: leave nothing behind,
        // so that the operator can run the backup again with the same name.
        let _ = std::fs::remove_file(file);
        return Err(e);
    }
    println!("backup written to {}", file.display());
    Ok(())
}

/// Creates the backup file, empty, readable and writable by its owner only.
///
/// A backup holds every person's data, so it must never be readable by
/// others, not even for a moment: on Unix the mode is given when the file is
/// created (the kernel applies it atomically, less the umask, which can only
/// take permissions away), not set afterwards by `chmod`. `create_new`
/// refuses an existing file (or a symbolic link planted in its place) in the
/// same step, so an existing backup is never overwritten.
fn create_private(file: &Path) -> anyhow::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{} already exists: choose a new file name", file.display())
        } else {
            anyhow::Error::new(e).context(format!("could not create {}", file.display()))
        }
    })
}

/// Writes the backup into the file [`create_private`] made.
async fn write_backup(
    settings: &Settings,
    backend: Backend,
    file: &Path,
    out: File,
) -> anyhow::Result<()> {
    match backend {
        Backend::Sqlite => {
            // `VACUUM INTO` accepts an existing empty file and writes into
            // it; SQLite keeps the mode of a file it did not create, so the
            // copy stays 0600 (its temporary journal takes the same mode).
            drop(out);
            let store = super::open(settings).await?;
            let path = file.to_str().context("the file name is not valid UTF-8")?;
            let written = store.backup_sqlite(path).await;
            store.close().await;
            written?;
        }
        Backend::Postgres => {
            // pg_dump writes to its standard output, which is the file we
            // created: pg_dump never creates the file, so never chooses its mode.
            let status = pg_tool::command("pg_dump", ["--no-owner"], &settings.database_url)
                .stdout(Stdio::from(out))
                .status()
                .context("could not run pg_dump (is the PostgreSQL client installed?)")?;
            if !status.success() {
                bail!("pg_dump failed");
            }
        }
    }
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
            let args = ["-q", "-v", "ON_ERROR_STOP=1", "-f"].map(OsStr::new);
            let status = pg_tool::command(
                "psql",
                args.into_iter().chain([file.as_os_str()]),
                &settings.database_url,
            )
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
