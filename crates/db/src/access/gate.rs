//! The gate: the only code that writes the access log.
//!
//! Every decision about personal data becomes a [`Record`] here, built from
//! the actor who asked and the policy's answer, and only [`seal`] (inside a
//! writer transaction, next to the write it records) and [`seal_now`]
//! (for reads, waiting until the records are durable) put records into the
//! chain. The usual protocol of a write — decide, record, answer not-found to
//! one who may not even read and forbidden to one who may — is
//! [`WriteCtx::pass`], so a new write path cannot forget a step of it.
//!
//! The kinds of actor the log knows are the constructors of [`Record`]: a
//! staff member (or a one-time link, or the system acting for a purpose)
//! through the core policy, a citizen in the portal through the citizen
//! policy, the system on its own (jobs, bulk loads, migrations), and a staff
//! member changing their own account.

use std::sync::{Arc, Mutex};

use ettlag_core::audit::AuditEvent;
use ettlag_core::policy::citizen::{Citizen, CitizenAction, CitizenDecision};
use ettlag_core::policy::{self, Action, Actor, Decision, Purpose, Subject};
use ettlag_core::{Coded, TenantId};

use super::facts::Known;
use crate::clock::now_ms;
use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

/// The actor id the command line, the jobs and the demo act as.
pub const SYSTEM_ACTOR: &str = "system";

/// The actor of the public site (`/help`) in the access log.
pub const PUBLIC_ACTOR: &str = "public";

/// The purpose recorded for a citizen's own accesses in the portal.
pub const PORTAL_PURPOSE: &str = "family_portal";

/// What a write job carries onto the writer task: enough to decide and audit.
#[derive(Debug, Clone)]
pub(crate) struct WriteCtx {
    pub actor: Actor,
    pub purpose: Purpose,
    pub request_id: String,
}

/// One record for the access log, not yet in the chain. Built only by the
/// constructors below, so that every record names who acted in the same way.
#[derive(Debug, Clone)]
pub(crate) struct Record(AuditEvent);

/// What a decision is about, as the access log names it: a kind of resource
/// (`relay_log`, `person` …) and its id (empty for a list or the organisation).
pub(crate) type Resource<'a> = (&'a str, &'a str);

impl Record {
    /// A decision of the core policy for `actor`, acting for `purpose`.
    pub(crate) fn decision(
        actor: &Actor,
        purpose: Purpose,
        request_id: &str,
        action: Action,
        resource: Resource<'_>,
        decision: Decision,
    ) -> Record {
        Record(AuditEvent {
            at_ms: now_ms(),
            actor_id: actor.staff.as_str().to_string(),
            actor_role: actor.roles.primary().code().to_string(),
            action: action.code().to_string(),
            resource_type: resource.0.to_string(),
            resource_id: resource.1.to_string(),
            purpose: purpose.code().to_string(),
            outcome: outcome(decision.is_allowed()).to_string(),
            reason: decision.reason_code().to_string(),
            request_id: request_id.to_string(),
            legal_basis: decision.legal_basis().to_string(),
        })
    }

    /// A decision about a one-time feedback link: the link holds no role, and
    /// the record says it was the link, not a staff member.
    pub(crate) fn link(
        actor: &Actor,
        action: Action,
        resource: Resource<'_>,
        decision: Decision,
    ) -> Record {
        let mut record =
            Record::decision(actor, Purpose::System, "link", action, resource, decision);
        record.0.actor_role = "link".to_string();
        record
    }

    /// A decision of the citizen policy in the family portal; `None` when the
    /// subject does not exist (recorded as a denial).
    pub(crate) fn citizen(
        citizen: &Citizen,
        request_id: &str,
        action: CitizenAction,
        resource: Resource<'_>,
        decision: Option<CitizenDecision>,
    ) -> Record {
        let allowed = decision.is_some_and(CitizenDecision::is_allowed);
        Record(AuditEvent {
            at_ms: now_ms(),
            actor_id: citizen.audit_id(),
            actor_role: "citizen".into(),
            action: action.code().into(),
            resource_type: resource.0.into(),
            resource_id: resource.1.into(),
            purpose: PORTAL_PURPOSE.into(),
            outcome: outcome(allowed).into(),
            reason: decision
                .map_or("unknown_subject", CitizenDecision::reason_code)
                .into(),
            request_id: request_id.into(),
            legal_basis: decision.map_or("none", CitizenDecision::legal_basis).into(),
        })
    }

    /// A citizen signing in or out of the portal; `method` says how.
    pub(crate) fn citizen_session(
        citizen: &Citizen,
        action: &str,
        method: &str,
        request_id: &str,
    ) -> Record {
        Record(AuditEvent {
            at_ms: now_ms(),
            actor_id: citizen.audit_id(),
            actor_role: "citizen".into(),
            action: action.into(),
            resource_type: "citizen_session".into(),
            resource_id: citizen.person.as_str().into(),
            purpose: PORTAL_PURPOSE.into(),
            outcome: "allow".into(),
            reason: method.into(),
            request_id: request_id.chars().take(64).collect(),
            legal_basis: "none".into(),
        })
    }

    /// Someone not signed in asking for help (`/help`): the request is their
    /// own, which is the basis for keeping it.
    pub(crate) fn self_referral(resource: Resource<'_>) -> Record {
        Record(AuditEvent {
            at_ms: now_ms(),
            actor_id: PUBLIC_ACTOR.to_string(),
            actor_role: String::new(),
            action: Action::Create.code().to_string(),
            resource_type: resource.0.to_string(),
            resource_id: resource.1.to_string(),
            purpose: Purpose::Triage.code().to_string(),
            outcome: "allow".to_string(),
            reason: "self_referral".to_string(),
            request_id: String::new(),
            legal_basis: "own_request".to_string(),
        })
    }

    /// Something the system did on its own: a job, a bulk load, a migration.
    /// `request` names the run (`jobs`, `demo` …).
    pub(crate) fn system(
        action: &str,
        resource: Resource<'_>,
        reason: &str,
        request: &str,
        at_ms: i64,
    ) -> Record {
        Record(AuditEvent {
            at_ms,
            actor_id: SYSTEM_ACTOR.to_string(),
            actor_role: "system".to_string(),
            action: action.to_string(),
            resource_type: resource.0.to_string(),
            resource_id: resource.1.to_string(),
            purpose: Purpose::System.code().to_string(),
            outcome: "allow".to_string(),
            reason: reason.to_string(),
            request_id: request.to_string(),
            legal_basis: "system".to_string(),
        })
    }

    /// A staff member acting on their own account (signing in, changing their
    /// contact details): no policy decides it, but it is personal data too.
    pub(crate) fn own_account(
        staff: &str,
        action: &str,
        resource: Resource<'_>,
        allowed: bool,
        reason: &str,
        request_id: &str,
    ) -> Record {
        Record(AuditEvent {
            at_ms: now_ms(),
            actor_id: staff.to_string(),
            actor_role: String::new(),
            action: action.to_string(),
            resource_type: resource.0.to_string(),
            resource_id: resource.1.to_string(),
            purpose: Purpose::System.code().to_string(),
            outcome: outcome(allowed).to_string(),
            reason: reason.to_string(),
            request_id: request_id.chars().take(64).collect(),
            legal_basis: "system".to_string(),
        })
    }

    /// A staff member's second factor (a code from the app or a recovery
    /// code): a code checked at sign-in or before a removal (`sign_in`,
    /// `delete`), an enrolment (`create`). `reason` says which code, or why
    /// it was refused.
    pub(crate) fn second_factor(
        staff: &str,
        action: &str,
        allowed: bool,
        reason: &str,
        request_id: &str,
    ) -> Record {
        Record::own_account(
            staff,
            action,
            ("second_factor", staff),
            allowed,
            reason,
            request_id,
        )
    }

    /// The same record with a more precise legal basis (a report names the
    /// letters of the law it was made under).
    pub(crate) fn with_legal_basis(mut self, basis: String) -> Record {
        self.0.legal_basis = basis;
        self
    }

    /// The same record as a deletion: the policy decides a revocation (an
    /// API token) as an update, and the log names what was done.
    pub(crate) fn into_deletion(mut self) -> Record {
        self.0.action = "delete".to_string();
        self
    }

    pub(crate) fn legal_basis(&self) -> &str {
        &self.0.legal_basis
    }
}

fn outcome(allowed: bool) -> &'static str {
    if allowed { "allow" } else { "deny" }
}

/// Puts records into the municipality's chain, in the caller's transaction:
/// they commit with the write they record, or not at all.
pub(crate) async fn seal(tx: &mut Tx, tenant: &TenantId, records: Vec<Record>) -> DbResult<()> {
    let events = records.into_iter().map(|r| r.0).collect();
    tx.append_to_chain(tenant.as_str(), events).await
}

/// Puts records into the chain in a transaction of their own and waits until
/// they are durable: for reads (if this fails, the caller must not hand out
/// what it read) and for events that write nothing else (a sign-in).
pub(crate) async fn seal_now(
    store: &Store,
    tenant: &TenantId,
    records: Vec<Record>,
) -> DbResult<()> {
    if records.is_empty() {
        return Ok(());
    }
    let events = records.into_iter().map(|r| r.0).collect();
    store
        .writer
        .append(vec![(tenant.as_str().to_string(), events)])
        .await
}

/// The records of one request's reads, sealed together in one commit before
/// the request's answer leaves the server. A page that reads a child, their
/// logs, consents and feedback waits for one durable commit instead of one
/// per read. Whoever makes a batch must [`AuditBatch::seal`] it before
/// answering (the web layer does it for every request); reads made through a
/// context without a batch are sealed at once, as before.
///
/// The batch also keeps what the request has learned about its subjects
/// ([`Known`]), since it lives exactly as long as the request.
#[derive(Debug, Clone, Default)]
pub struct AuditBatch {
    pending: Arc<Mutex<Vec<(TenantId, Record)>>>,
    known: Known,
}

impl AuditBatch {
    pub fn new() -> AuditBatch {
        AuditBatch::default()
    }

    /// The facts this request has loaded so far.
    pub(crate) fn known(&self) -> &Known {
        &self.known
    }

    /// Keeps records until the batch is sealed.
    pub(crate) fn add(&self, tenant: &TenantId, records: Vec<Record>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.extend(records.into_iter().map(|r| (tenant.clone(), r)));
    }

    /// Seals what the batch holds in one commit and waits until it is
    /// durable. If this fails, what was read must not be handed out.
    pub async fn seal(&self, store: &Store) -> DbResult<()> {
        let records = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if records.is_empty() {
            return Ok(());
        }
        // Keep the order of the reads; a request rarely spans
        // municipalities, but each run goes to its own chain.
        let mut runs: Vec<(String, Vec<AuditEvent>)> = Vec::new();
        for (tenant, record) in records {
            match runs.last_mut() {
                Some((t, events)) if t == tenant.as_str() => events.push(record.0),
                _ => runs.push((tenant.into_string(), vec![record.0])),
            }
        }
        store.writer.append(runs).await
    }
}

impl WriteCtx {
    /// The policy's answer for this actor.
    pub fn decide(&self, action: Action, subject: &Subject<'_>) -> Decision {
        policy::decide(&self.actor, self.purpose, action, subject)
    }

    /// The record of one decision by this actor.
    pub fn event(
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

    /// Decides a write, records the decision in the transaction and answers:
    /// `Ok(None)` to go on; otherwise the error to give, `NotFound` to one
    /// who may not even read the subject and `Forbidden` to one who may. The
    /// caller returns a denial as the transaction's value (`Ok(Err(e))`), so
    /// that the record of it commits.
    pub(crate) async fn pass(
        &self,
        tx: &mut Tx,
        action: Action,
        resource: Resource<'_>,
        subject: &Subject<'_>,
    ) -> DbResult<Option<DbError>> {
        let decision = self.decide(action, subject);
        self.settle(tx, action, resource, decision).await?;
        if decision.is_allowed() {
            return Ok(None);
        }
        let may_read = self.decide(Action::Read, subject).is_allowed();
        Ok(Some(if may_read {
            DbError::Forbidden
        } else {
            DbError::NotFound
        }))
    }

    /// Records a decision made by a narrower rule of the policy (whether a
    /// unit may receive a case, whether a member may join a team) and
    /// answers whether to go on.
    pub(crate) async fn settle(
        &self,
        tx: &mut Tx,
        action: Action,
        resource: Resource<'_>,
        decision: Decision,
    ) -> DbResult<bool> {
        seal(
            tx,
            &self.actor.tenant,
            vec![self.event(action, resource.0, resource.1, decision)],
        )
        .await?;
        Ok(decision.is_allowed())
    }
}
