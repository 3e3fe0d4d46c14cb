//! The server's share of the signed checkpoints: one when it starts, one at
//! every interval in which the log moved, and a last one when it stops, so
//! that at most one interval of the log is ever without a signed head.

use std::sync::Arc;

use anyhow::Context;
use ettlag_db::Store;
use tokio::sync::Mutex;

use crate::checkpoints::Checkpointer;
use crate::config::Settings;

/// The running checkpoint task.
pub struct Running {
    checkpointer: Arc<Mutex<Checkpointer>>,
    task: tokio::task::JoinHandle<()>,
}

/// Starts taking checkpoints if a key and a directory are configured. Half
/// a configuration is an error now, not a log found unprotected later.
pub async fn start(settings: &Settings, store: &Store) -> anyhow::Result<Option<Running>> {
    let config = &settings.checkpoints;
    let (key, dir) = match (&config.key, &config.dir) {
        (Some(key), Some(dir)) => (key.load()?, dir.clone()),
        (None, None) => {
            eprintln!(
                "the access log is not checkpointed: set audit.signing_key_file and audit.checkpoint_dir \
                 so that a log cut back or rewritten can be proven (docs/operations.md)"
            );
            return Ok(None);
        }
        (Some(_), None) => {
            anyhow::bail!("audit.signing_key_file is set but audit.checkpoint_dir is not")
        }
        (None, Some(_)) => anyhow::bail!("audit.checkpoint_dir is set but no signing key is"),
    };
    eprintln!(
        "access-log checkpoints signed with key {} into {} every {} minutes",
        key.public().id(),
        dir.display(),
        config.every.as_secs() / 60
    );
    let mut checkpointer = Checkpointer::new(key, dir);
    // The first one before serving: a directory it cannot write stops the
    // server now rather than leaving the log unsigned.
    checkpointer
        .take(store)
        .await
        .context("could not take the first access-log checkpoint")?;
    let checkpointer = Arc::new(Mutex::new(checkpointer));
    let task = tokio::spawn(every(checkpointer.clone(), store.clone(), config.every));
    Ok(Some(Running { checkpointer, task }))
}

async fn every(checkpointer: Arc<Mutex<Checkpointer>>, store: Store, period: std::time::Duration) {
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first tick is at once, and the checkpoint at start is taken.
    ticks.tick().await;
    loop {
        ticks.tick().await;
        if let Err(why) = checkpointer.lock().await.take(&store).await {
            tracing::error!("could not take an access-log checkpoint: {why:#}");
        }
    }
}

impl Running {
    /// Stops the interval and takes the last checkpoint, after the writer
    /// committed what it held.
    pub async fn finish(self, store: &Store) {
        self.task.abort();
        if let Err(why) = self.checkpointer.lock().await.take(store).await {
            tracing::error!("could not take the last access-log checkpoint: {why:#}");
        }
    }
}
