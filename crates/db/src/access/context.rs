//! The door itself: an actor acting for a purpose within one request
//! ([`AccessContext`]). It asks the core policy about each record, audits
//! each decision through the gate, and gives a write what it needs. The
//! feature modules beside it (`access::*`) open their reads and writes with it.

use ettlag_core::TenantId;
use ettlag_core::policy::{self, Action, Actor, Decision, Purpose, Subject};

use crate::error::{DbError, DbResult};
use crate::store::Store;

use super::gate::{self, Record, WriteCtx};

/// Built for benchmarks with the policy and the audit of reads switched off
/// (the `bench-unguarded` feature); never in a build that serves anyone.
pub const UNGUARDED: bool = cfg!(feature = "bench-unguarded");

/// An actor acting for a purpose within one request.
#[derive(Debug, Clone)]
pub struct AccessContext {
    pub(super) store: Store,
    pub(super) actor: Actor,
    pub(super) purpose: Purpose,
    pub(super) request_id: String,
    /// Where read records wait for the request's one commit; none: sealed at once.
    pub(super) batch: Option<gate::AuditBatch>,
}

impl Store {
    /// Opens the door for `actor`, acting for `purpose`. `request_id` ties the
    /// audit records of one request together.
    pub fn access(&self, actor: Actor, purpose: Purpose, request_id: &str) -> AccessContext {
        AccessContext {
            store: self.clone(),
            actor,
            purpose,
            request_id: request_id.chars().take(64).collect(),
            batch: None,
        }
    }
}

impl AccessContext {
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The same door, keeping its read records in `batch` (when there is
    /// one) until the request seals it.
    pub fn in_batch(self, batch: Option<&gate::AuditBatch>) -> AccessContext {
        AccessContext {
            batch: batch.cloned(),
            ..self
        }
    }

    /// The same actor acting for another purpose.
    pub fn for_purpose(&self, purpose: Purpose) -> AccessContext {
        AccessContext {
            purpose,
            ..self.clone()
        }
    }

    pub(super) fn tenant(&self) -> &TenantId {
        &self.actor.tenant
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Audits a read of the organisation and refuses it when denied.
    pub(crate) async fn gate_org_read(
        &self,
        resource_type: &str,
        subject: &Subject<'_>,
    ) -> DbResult<()> {
        self.gate_read(resource_type, "", subject).await
    }

    pub(super) fn decide(&self, action: Action, subject: &Subject<'_>) -> Decision {
        if UNGUARDED {
            return Decision::Allow(policy::Grant::System);
        }
        policy::decide(&self.actor, self.purpose, action, subject)
    }

    /// The audit record of one decision.
    pub(super) fn event(
        &self,
        action: Action,
        resource_type: &str,
        resource_id: &str,
        decision: Decision,
    ) -> Record {
        Record::decision(
            &self.actor,
            self.purpose,
            &self.request_id,
            action,
            (resource_type, resource_id),
            decision,
        )
    }

    /// Records reads: in the request's batch when there is one, otherwise at
    /// once, waiting until they are durable. If this fails, the caller must
    /// not hand out what it read.
    pub(super) async fn audit_reads(&self, records: Vec<Record>) -> DbResult<()> {
        if UNGUARDED {
            return Ok(());
        }
        match &self.batch {
            Some(batch) => {
                batch.add(self.tenant(), records);
                Ok(())
            }
            None => gate::seal_now(&self.store, self.tenant(), records).await,
        }
    }

    /// Audits one read decision and turns a denial into `NotFound`, so that an
    /// actor without access cannot tell a hidden record from a missing one.
    pub(super) async fn gate_read(
        &self,
        resource_type: &str,
        resource_id: &str,
        subject: &Subject<'_>,
    ) -> DbResult<()> {
        let decision = self.decide(Action::Read, subject);
        self.audit_reads(vec![self.event(
            Action::Read,
            resource_type,
            resource_id,
            decision,
        )])
        .await?;
        if decision.is_allowed() {
            Ok(())
        } else {
            Err(DbError::NotFound)
        }
    }
}

impl AccessContext {
    /// What a write job needs. The request's loaded facts are forgotten: the
    /// write may change them, and a later decision must see it.
    pub(crate) fn write_ctx(&self) -> WriteCtx {
        if let Some(batch) = &self.batch {
            batch.known().forget();
        }
        WriteCtx {
            actor: self.actor.clone(),
            purpose: self.purpose,
            request_id: self.request_id.clone(),
        }
    }
}
