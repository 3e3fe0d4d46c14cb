//! `[audit]` settings: the checkpoint signing key (a file, or the PEM itself
//! in `ETTLAG_AUDIT_SIGNING_KEY` for secret stores that hand out values),
//! where checkpoints go, and how often a server takes them.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use serde::Deserialize;

use super::key::SigningKey;

/// The file's `[audit]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditFile {
    signing_key_file: Option<String>,
    checkpoint_dir: Option<String>,
    checkpoint_minutes: Option<u64>,
}

/// Where the signing key comes from; read only by the commands that sign,
/// so a damaged key stops those and nothing else.
#[derive(Clone)]
pub enum KeySource {
    File(PathBuf),
    Pem(String),
}

impl std::fmt::Debug for KeySource {
    /// Never prints the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::File(p) => write!(f, "File({})", p.display()),
            KeySource::Pem(_) => f.write_str("Pem(…)"),
        }
    }
}

impl KeySource {
    pub fn load(&self) -> anyhow::Result<SigningKey> {
        match self {
            KeySource::File(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("could not read the signing key {}", path.display())
                })?;
                SigningKey::from_pem(&text).with_context(|| path.display().to_string())
            }
            KeySource::Pem(text) => SigningKey::from_pem(text).context("ETTLAG_AUDIT_SIGNING_KEY"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CheckpointSettings {
    pub key: Option<KeySource>,
    pub dir: Option<PathBuf>,
    pub every: Duration,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl CheckpointSettings {
    /// The environment first, then the file; every hour by default.
    pub fn load(file: Option<AuditFile>) -> anyhow::Result<CheckpointSettings> {
        let file = file.unwrap_or_default();
        let key = match (
            env("ETTLAG_AUDIT_SIGNING_KEY"),
            env("ETTLAG_AUDIT_SIGNING_KEY_FILE"),
        ) {
            (Some(pem), _) => Some(KeySource::Pem(pem)),
            (None, Some(path)) => Some(KeySource::File(path.into())),
            (None, None) => file.signing_key_file.map(|p| KeySource::File(p.into())),
        };
        let dir = env("ETTLAG_AUDIT_CHECKPOINT_DIR")
            .or(file.checkpoint_dir)
            .map(PathBuf::from);
        let minutes = env("ETTLAG_AUDIT_CHECKPOINT_MINUTES")
            .map(|v| v.trim().parse::<u64>())
            .transpose()
            .context("ETTLAG_AUDIT_CHECKPOINT_MINUTES must be a whole number of minutes")?
            .or(file.checkpoint_minutes)
            .unwrap_or(60);
        anyhow::ensure!(
            (1..=1440).contains(&minutes),
            "audit.checkpoint_minutes must be between 1 and 1440"
        );
        Ok(CheckpointSettings {
            key,
            dir,
            every: Duration::from_secs(minutes * 60),
        })
    }
}
