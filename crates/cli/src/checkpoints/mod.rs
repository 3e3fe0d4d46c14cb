//! Signed checkpoints of the access log: taking them (on demand with
//! `ettlag audit checkpoint`, and by `serve` at an interval and when it
//! stops) and checking the database against them (`ettlag audit verify
//! --checkpoints DIR`). The format and the judgement are in
//! `ettlag_core::audit::checkpoint`; here are the key, the files and the
//! log line a log shipper can carry off the machine.

pub mod files;
pub mod key;
pub mod settings;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ettlag_core::audit::checkpoint::{Checkpoint, SignedCheckpoint, judge};
use ettlag_db::Store;

use key::{PublicKey, SigningKey};

/// Signs chain heads and keeps them; remembers what it signed last so a
/// server that sits idle does not write the same checkpoint every hour.
pub struct Checkpointer {
    key: SigningKey,
    dir: PathBuf,
    signed: HashMap<String, i64>,
}

impl Checkpointer {
    pub fn new(key: SigningKey, dir: PathBuf) -> Checkpointer {
        Checkpointer {
            key,
            dir,
            signed: HashMap::new(),
        }
    }

    /// Signs every chain head that moved since the last call (all of them
    /// at the first), writes them to the file and to the log. Returns them.
    pub async fn take(&mut self, store: &Store) -> anyhow::Result<Vec<SignedCheckpoint>> {
        let at_ms = now_ms();
        let mut taken = Vec::new();
        for head in store.audit_heads().await? {
            if self.signed.get(&head.tenant_id) == Some(&head.seq) {
                continue;
            }
            taken.push(self.key.sign(Checkpoint {
                tenant_id: head.tenant_id,
                seq: head.seq,
                hash: head.hash,
                at_ms,
            }));
        }
        files::append(&self.dir, &taken)?;
        for c in &taken {
            self.signed
                .insert(c.checkpoint.tenant_id.clone(), c.checkpoint.seq);
            // The same line for log shipping, so that a copy leaves the machine.
            tracing::info!(
                target: "ettlag::audit::checkpoint",
                checkpoint = %serde_json::to_string(c).unwrap_or_default(),
                "signed access-log checkpoint"
            );
        }
        Ok(taken)
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// What checking the checkpoints found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Checkpoints that held, and the newest number per municipality.
    pub held: usize,
    pub newest: BTreeMap<String, i64>,
    /// One sentence per checkpoint that did not hold, with its place.
    pub broken: Vec<String>,
}

/// Checks every checkpoint in `dir`: signed by one of `keys`, and the
/// database still holds the signed record at its place.
pub async fn verify(store: &Store, dir: &Path, keys: &[PublicKey]) -> anyhow::Result<Findings> {
    let heads: HashMap<String, i64> = store
        .audit_heads()
        .await?
        .into_iter()
        .map(|h| (h.tenant_id, h.seq))
        .collect();
    let mut findings = Findings::default();
    for line in files::read_all(dir)? {
        let signed = match &line.checkpoint {
            Ok(signed) => signed,
            Err(why) => {
                findings
                    .broken
                    .push(format!("{}: not a checkpoint ({why})", line.place()));
                continue;
            }
        };
        if !keys.iter().any(|k| k.verifies(signed)) {
            findings.broken.push(format!(
                "{}: the signature does not verify with the keys given (key {}): altered or forged",
                line.place(),
                signed.key_id
            ));
            continue;
        }
        let c = &signed.checkpoint;
        let hash_at = match heads.get(&c.tenant_id) {
            Some(_) if c.seq > 0 => store.audit_hash_at(&c.tenant_id, c.seq).await?,
            _ => None,
        };
        match judge(c, heads.get(&c.tenant_id).copied(), hash_at.as_deref()) {
            Ok(()) => {
                findings.held += 1;
                let newest = findings.newest.entry(c.tenant_id.clone()).or_insert(0);
                *newest = (*newest).max(c.seq);
            }
            Err(brk) => findings.broken.push(format!(
                "{}: municipality {}: {brk}",
                line.place(),
                c.tenant_id
            )),
        }
    }
    Ok(findings)
}
