//! The audit chain: every access decision becomes a record whose hash covers the
//! record and the hash before it, per municipality. Changing, deleting or
//! inserting a row behind the application's back breaks the chain at that row.

pub mod checkpoint;

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash before the first record of a municipality.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One access decision, as recorded. Holds no personal data beyond ids: the
/// log says who looked at what and why, not what they saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// Milliseconds since the Unix epoch, UTC.
    pub at_ms: i64,
    /// The staff id, or `system`.
    pub actor_id: String,
    /// The role the actor acted in.
    pub actor_role: String,
    /// read, list, create, update, login, ...
    pub action: String,
    /// person, unit, staff, audit_log, session, ...
    pub resource_type: String,
    /// The id of what was accessed; empty for a whole collection.
    pub resource_id: String,
    pub purpose: String,
    /// `allow` or `deny`.
    pub outcome: String,
    /// The policy's reason code.
    pub reason: String,
    /// Correlates the records of one request.
    pub request_id: String,
    /// The legal basis of an allowed access (`Decision::legal_basis`);
    /// empty in records written before it was kept.
    pub legal_basis: String,
}

/// A stored record: the event with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub tenant_id: String,
    pub seq: i64,
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

/// Hashes a record: SHA-256 over the previous hash and a length-prefixed
/// encoding of every field, so that no two different records encode alike.
pub fn chain_hash(tenant_id: &str, seq: i64, prev_hash: &str, e: &AuditEvent) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(b"ettlag-audit-v1");
    field(prev_hash.as_bytes());
    field(tenant_id.as_bytes());
    field(&seq.to_be_bytes());
    field(&e.at_ms.to_be_bytes());
    for text in [
        &e.actor_id,
        &e.actor_role,
        &e.action,
        &e.resource_type,
        &e.resource_id,
        &e.purpose,
        &e.outcome,
        &e.reason,
        &e.request_id,
    ] {
        field(text.as_bytes());
    }
    // Added later: hashed only when present, so older records still verify.
    if !e.legal_basis.is_empty() {
        field(e.legal_basis.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Seals a new record after `prev` (`None` for the first record).
pub fn seal(tenant_id: &str, prev: Option<(i64, &str)>, event: AuditEvent) -> AuditRecord {
    let (seq, prev_hash) = match prev {
        Some((seq, hash)) => (seq + 1, hash.to_string()),
        None => (1, GENESIS_HASH.to_string()),
    };
    let hash = chain_hash(tenant_id, seq, &prev_hash, &event);
    AuditRecord {
        tenant_id: tenant_id.to_string(),
        seq,
        event,
        prev_hash,
        hash,
    }
}

/// Where and how a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("record {seq} was changed: its hash does not match its content")]
    Changed { seq: i64 },
    #[error("record {seq} does not follow the record before it (inserted or reordered)")]
    Unlinked { seq: i64 },
    #[error("record {expected} is missing (deleted); the next record is {found}")]
    Missing { expected: i64, found: i64 },
    #[error(
        "the log ends at record {last} but the chain head says {head}: records were removed from the end"
    )]
    Truncated { last: i64, head: i64 },
    #[error("the chain head does not match record {seq}")]
    HeadMismatch { seq: i64 },
    #[error("record {seq} lies outside the chain (numbers start at 1)")]
    OutsideChain { seq: i64 },
    #[error("the municipality has no chain head: its log was removed")]
    NoHead,
    #[error("the municipality has data but an empty log: its log was removed")]
    Emptied,
    #[error("records under a municipality that does not exist")]
    UnknownMunicipality,
}

impl ChainBreak {
    /// The sequence number of the first bad row; none when the break is
    /// of the whole log rather than of one row.
    pub fn seq(&self) -> Option<i64> {
        match self {
            ChainBreak::Changed { seq }
            | ChainBreak::Unlinked { seq }
            | ChainBreak::HeadMismatch { seq }
            | ChainBreak::OutsideChain { seq } => Some(*seq),
            ChainBreak::Missing { expected, .. } => Some(*expected),
            ChainBreak::Truncated { last, .. } => Some(*last + 1),
            ChainBreak::NoHead | ChainBreak::Emptied | ChainBreak::UnknownMunicipality => None,
        }
    }
}

/// Checks one municipality's records in sequence order, one at a time, so that
/// millions of records verify in constant memory.
#[derive(Debug)]
pub struct ChainVerifier {
    tenant_id: String,
    last_seq: i64,
    last_hash: String,
}

impl ChainVerifier {
    pub fn new(tenant_id: &str) -> Self {
        ChainVerifier {
            tenant_id: tenant_id.to_string(),
            last_seq: 0,
            last_hash: GENESIS_HASH.to_string(),
        }
    }

    /// Feeds the next record in sequence order.
    pub fn push(&mut self, r: &AuditRecord) -> Result<(), ChainBreak> {
        let expected = self.last_seq + 1;
        if r.seq > expected {
            return Err(ChainBreak::Missing {
                expected,
                found: r.seq,
            });
        }
        if r.seq < expected || r.prev_hash != self.last_hash || r.tenant_id != self.tenant_id {
            return Err(ChainBreak::Unlinked { seq: r.seq });
        }
        if chain_hash(&r.tenant_id, r.seq, &r.prev_hash, &r.event) != r.hash {
            return Err(ChainBreak::Changed { seq: r.seq });
        }
        self.last_seq = r.seq;
        self.last_hash = r.hash.clone();
        Ok(())
    }

    /// Ends the check against the chain head the store keeps beside the log.
    pub fn finish(self, head: Option<(i64, &str)>) -> Result<i64, ChainBreak> {
        let (head_seq, head_hash) = head.unwrap_or((0, GENESIS_HASH));
        if head_seq > self.last_seq {
            return Err(ChainBreak::Truncated {
                last: self.last_seq,
                head: head_seq,
            });
        }
        if head_seq < self.last_seq || head_hash != self.last_hash {
            return Err(ChainBreak::HeadMismatch { seq: self.last_seq });
        }
        Ok(self.last_seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(i: i64) -> AuditEvent {
        AuditEvent {
            at_ms: 1_700_000_000_000 + i,
            actor_id: format!("staff-{i}"),
            actor_role: "staff".into(),
            action: "read".into(),
            resource_type: "person".into(),
            resource_id: format!("p-{i}"),
            purpose: "follow_up".into(),
            outcome: "allow".into(),
            reason: "enrolled_in_own_unit".into(),
            request_id: "r".into(),
            legal_basis: String::new(),
        }
    }

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let prev = out.last().map(|r| (r.seq, r.hash.as_str()));
            let rec = seal("t1", prev, event(i));
            out.push(rec);
        }
        out
    }

    fn verify(rows: &[AuditRecord], head: Option<(i64, &str)>) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::new("t1");
        for r in rows {
            v.push(r)?;
        }
        v.finish(head)
    }

    fn head(rows: &[AuditRecord]) -> Option<(i64, &str)> {
        rows.last().map(|r| (r.seq, r.hash.as_str()))
    }

    #[test]
    fn intact_chain_verifies() {
        let rows = chain(10);
        assert_eq!(verify(&rows, head(&rows)), Ok(10));
        assert_eq!(verify(&[], None), Ok(0));
    }

    #[test]
    fn changed_row_is_named() {
        let mut rows = chain(10);
        rows[4].event.actor_id = "someone-else".into();
        let h = rows[9].hash.clone();
        assert_eq!(
            verify(&rows, Some((10, &h))),
            Err(ChainBreak::Changed { seq: 5 })
        );
    }

    #[test]
    fn deleted_row_is_named() {
        let mut rows = chain(10);
        rows.remove(6);
        let h = rows[8].hash.clone();
        assert_eq!(
            verify(&rows, Some((10, &h))),
            Err(ChainBreak::Missing {
                expected: 7,
                found: 8
            })
        );
    }

    #[test]
    fn inserted_row_is_named() {
        let mut rows = chain(10);
        let mut forged = rows[3].clone();
        forged.event.resource_id = "forged".into();
        forged.hash = chain_hash("t1", forged.seq, &forged.prev_hash, &forged.event);
        rows.insert(4, forged);
        let h = rows[10].hash.clone();
        assert_eq!(
            verify(&rows, Some((10, &h))),
            Err(ChainBreak::Unlinked { seq: 4 })
        );
    }

    #[test]
    fn removed_tail_is_found() {
        let rows = chain(10);
        let h = rows[9].hash.clone();
        assert_eq!(
            verify(&rows[..8], Some((10, &h))),
            Err(ChainBreak::Truncated { last: 8, head: 10 })
        );
    }

    #[test]
    fn rehashed_forgery_still_breaks_the_next_link() {
        let mut rows = chain(10);
        rows[2].event.outcome = "deny".into();
        rows[2].hash = chain_hash("t1", 3, &rows[2].prev_hash, &rows[2].event);
        let h = rows[9].hash.clone();
        assert_eq!(
            verify(&rows, Some((10, &h))),
            Err(ChainBreak::Unlinked { seq: 4 })
        );
    }
}
