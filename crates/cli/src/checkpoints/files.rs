//! Where checkpoints are kept: one JSON line each, appended to
//! `audit-checkpoints.jsonl` in the directory the operator chose (a mount
//! the database's owner cannot write, or a directory shipped off the
//! machine). Several servers may append to the same file: each line is one
//! `write` on a file opened for appending, which the kernel does not
//! interleave. `audit verify --checkpoints` reads every `*.jsonl` file
//! there, so rotated or collected files count too.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use ettlag_core::audit::checkpoint::SignedCheckpoint;

pub const FILE_NAME: &str = "audit-checkpoints.jsonl";

/// Appends checkpoints and waits until they are on disk.
pub fn append(dir: &Path, checkpoints: &[SignedCheckpoint]) -> anyhow::Result<()> {
    if checkpoints.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("could not make the checkpoint directory {}", dir.display()))?;
    let path = dir.join(FILE_NAME);
    let mut text = String::new();
    for c in checkpoints {
        text.push_str(&serde_json::to_string(c)?);
        text.push('\n');
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("could not open {}", path.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_data())
        .with_context(|| format!("could not write {}", path.display()))
}

/// One line of a checkpoint file, read or not.
#[derive(Debug)]
pub struct Line {
    pub file: PathBuf,
    pub number: usize,
    pub checkpoint: Result<SignedCheckpoint, String>,
}

impl Line {
    /// `file:line`, for reports.
    pub fn place(&self) -> String {
        format!("{}:{}", self.file.display(), self.number)
    }
}

/// Every non-empty line of every `*.jsonl` file in `dir`, files in name
/// order. A line that does not read is kept as such: in a place only
/// checkpoints are written, it is a sign of tampering, not noise.
pub fn read_all(dir: &Path) -> anyhow::Result<Vec<Line>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("could not read the checkpoint directory {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut lines = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("could not read {}", file.display()))?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            lines.push(Line {
                file: file.clone(),
                number: i + 1,
                checkpoint: serde_json::from_str(line).map_err(|e| e.to_string()),
            });
        }
    }
    Ok(lines)
}
