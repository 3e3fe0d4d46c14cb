//! Signed checkpoints of the access log: a copy of a municipality's chain
//! head (its last record's number and hash, and when it was read) signed
//! with a key that is not in the database and kept where the operator
//! chooses. The chain proves that no record *before the head* changed; a
//! checkpoint proves that the head itself was not moved back or rebuilt,
//! which the database alone cannot show. This module is the format and
//! the judgement; signing and files are the command line's.

use serde::{Deserialize, Serialize};

/// What is signed: one municipality's chain head at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub tenant_id: String,
    pub seq: i64,
    pub hash: String,
    pub at_ms: i64,
}

impl Checkpoint {
    /// The bytes the signature covers. One field per line, the version
    /// first, so that no two checkpoints sign the same bytes and a later
    /// format cannot be mistaken for this one.
    pub fn message(&self) -> Vec<u8> {
        format!(
            "ettlag audit checkpoint v1\n{}\n{}\n{}\n{}\n",
            self.tenant_id, self.seq, self.hash, self.at_ms
        )
        .into_bytes()
    }
}

/// A checkpoint as it is kept: one JSON line, with the signing key's id
/// and the signature in hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedCheckpoint {
    #[serde(flatten)]
    pub checkpoint: Checkpoint,
    pub key_id: String,
    pub signature: String,
}

/// How the database disagrees with a checkpoint it should still match.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointBreak {
    #[error(
        "record {seq} was signed at a checkpoint but is gone (the log ends at {head}): records were removed from the end"
    )]
    CutBack { seq: i64, head: i64 },
    #[error(
        "record {seq} differs from the one signed at a checkpoint: the log was changed and its chain computed again"
    )]
    Rewritten { seq: i64 },
    #[error("a checkpoint names a municipality the database does not have")]
    MunicipalityGone,
}

/// Judges one (signature-checked) checkpoint against the database: `head`
/// is the municipality's current head number (none if it has no chain),
/// `hash_at` the stored hash of the record with the checkpoint's number.
/// The chain verification covers everything before that record: if it
/// holds and this record's hash is the signed one, nothing up to the
/// checkpoint was removed or changed.
pub fn judge(
    checkpoint: &Checkpoint,
    head: Option<i64>,
    hash_at: Option<&str>,
) -> Result<(), CheckpointBreak> {
    let Some(head) = head else {
        return Err(CheckpointBreak::MunicipalityGone);
    };
    if checkpoint.seq == 0 {
        // A checkpoint of an empty log proves nothing about any record.
        return Ok(());
    }
    match hash_at {
        None => Err(CheckpointBreak::CutBack {
            seq: checkpoint.seq,
            head,
        }),
        Some(_) if head < checkpoint.seq => Err(CheckpointBreak::CutBack {
            seq: checkpoint.seq,
            head,
        }),
        Some(hash) if hash != checkpoint.hash => Err(CheckpointBreak::Rewritten {
            seq: checkpoint.seq,
        }),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seq: i64, hash: &str) -> Checkpoint {
        Checkpoint {
            tenant_id: "t1".into(),
            seq,
            hash: hash.into(),
            at_ms: 1_700_000_000_000,
        }
    }

    #[test]
    fn the_signed_bytes_name_every_field_and_the_version() {
        let text = String::from_utf8(at(7, "ab").message()).expect("utf-8");
        assert_eq!(
            text,
            "ettlag audit checkpoint v1\nt1\n7\nab\n1700000000000\n"
        );
    }

    #[test]
    fn a_record_still_there_with_its_signed_hash_passes() {
        assert_eq!(judge(&at(7, "ab"), Some(9), Some("ab")), Ok(()));
    }

    #[test]
    fn a_log_cut_back_below_the_checkpoint_is_found() {
        assert_eq!(
            judge(&at(7, "ab"), Some(5), None),
            Err(CheckpointBreak::CutBack { seq: 7, head: 5 })
        );
        // The record may still be in the table past a head moved back.
        assert_eq!(
            judge(&at(7, "ab"), Some(5), Some("ab")),
            Err(CheckpointBreak::CutBack { seq: 7, head: 5 })
        );
    }

    #[test]
    fn a_recomputed_chain_is_found_by_the_changed_hash() {
        assert_eq!(
            judge(&at(7, "ab"), Some(9), Some("cd")),
            Err(CheckpointBreak::Rewritten { seq: 7 })
        );
    }

    #[test]
    fn a_municipality_that_is_gone_is_found() {
        assert_eq!(
            judge(&at(7, "ab"), None, None),
            Err(CheckpointBreak::MunicipalityGone)
        );
    }

    #[test]
    fn a_checkpoint_line_reads_back_as_written() {
        let signed = SignedCheckpoint {
            checkpoint: at(7, "ab"),
            key_id: "k".into(),
            signature: "00".into(),
        };
        let line = serde_json::to_string(&signed).expect("json");
        assert!(line.contains("\"tenant_id\":\"t1\""), "{line}");
        let back: SignedCheckpoint = serde_json::from_str(&line).expect("parse");
        assert_eq!(back, signed);
    }
}
