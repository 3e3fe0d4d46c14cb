//! The family portal's door to personal data. A citizen acts through a
//! [`CitizenAccess`]: every read and write asks the citizen policy
//! (`ettlag_core::policy::citizen`) and appends an audit record, in the same
//! transaction for writes and durably before the answer for reads — the same
//! invariant as staff's [`super::AccessContext`], with its own principal.

pub mod auth;
mod contact;
mod export;
pub(crate) mod facts;
mod feedback;
mod glossary;
mod log;
mod looked;
mod meetings;
mod messages;
mod read;
mod requests;
mod write;

use ettlag_core::policy::citizen::{
    Citizen, CitizenAction, CitizenDecision, ParentView, Section, decide_citizen,
};
use ettlag_core::{PersonId, TenantId};

use crate::error::{DbError, DbResult};
use crate::store::Store;
use crate::writer::Tx;

use super::gate::{Record, seal};

pub use contact::NoticeContact;
pub use facts::Member;
pub use feedback::PortalFeedback;
pub use log::{FamilyEntry, FamilyEvaluation, FamilyLog, FamilyMeasure};
pub use looked::{LOOK_GROUPS_PER_PAGE, LookGroup, LookPage};
pub use meetings::{MeetingStaff, PortalMeeting};
pub use messages::{FamilyMessage, MessageKind};
pub use read::{Contact, ContactRole};
pub use requests::{FamilyRequest, RequestStatus};
pub use write::PortalConsent;

pub(crate) fn parent_view(value: i64) -> ParentView {
    if value == 0 {
        ParentView::Nothing
    } else {
        ParentView::WhoFollowsUp
    }
}

/// A citizen acting within one request.
#[derive(Debug, Clone)]
pub struct CitizenAccess {
    store: Store,
    citizen: Citizen,
    request_id: String,
    /// Where read records wait for the request's one commit; none: sealed at once.
    batch: Option<super::gate::AuditBatch>,
}

impl Store {
    /// Opens the portal's door for a signed-in citizen.
    pub fn citizen_access(&self, citizen: Citizen, request_id: &str) -> CitizenAccess {
        CitizenAccess {
            store: self.clone(),
            citizen,
            request_id: request_id.chars().take(64).collect(),
            batch: None,
        }
    }
}

impl CitizenAccess {
    pub fn citizen(&self) -> &Citizen {
        &self.citizen
    }

    fn tenant(&self) -> &TenantId {
        &self.citizen.tenant
    }

    fn event(
        &self,
        action: CitizenAction,
        resource_type: &str,
        resource_id: &str,
        decision: Option<CitizenDecision>,
    ) -> Record {
        Record::citizen(
            &self.citizen,
            &self.request_id,
            action,
            (resource_type, resource_id),
            decision,
        )
    }

    /// Records reads and waits until the records are durable.
    async fn audit_reads(&self, records: Vec<Record>) -> DbResult<()> {
        match &self.batch {
            Some(batch) => {
                batch.add(self.tenant(), records);
                Ok(())
            }
            None => super::gate::seal_now(&self.store, self.tenant(), records).await,
        }
    }

    /// The same door, keeping its read records in `batch` (when there is
    /// one) until the request seals it.
    pub fn in_batch(self, batch: Option<&super::gate::AuditBatch>) -> CitizenAccess {
        CitizenAccess {
            batch: batch.cloned(),
            ..self
        }
    }

    /// Decides and audits one read of a section about `subject`; a denial
    /// (and a person that does not exist) is `NotFound` alike.
    async fn gate_read(
        &self,
        section: Section,
        resource_type: &str,
        subject: &PersonId,
    ) -> DbResult<facts::Facts> {
        let mut conn = self.store.pool.acquire().await?;
        let facts = facts::load(&mut conn, &self.citizen, subject).await?;
        drop(conn);
        let decision = facts
            .as_ref()
            .map(|f| decide_citizen(&self.citizen, CitizenAction::See, section, &f.person()));
        self.audit_reads(vec![self.event(
            CitizenAction::See,
            resource_type,
            subject.as_str(),
            decision,
        )])
        .await?;
        match (facts, decision) {
            (Some(f), Some(d)) if d.is_allowed() => Ok(f),
            _ => Err(DbError::NotFound),
        }
    }
}

/// Decides and audits one write inside the writer's transaction. Returns
/// the facts when allowed; the audit record is written either way.
pub(crate) async fn gate_write(
    tx: &mut Tx,
    citizen: &Citizen,
    request_id: &str,
    resource_type: &str,
    resource_id: &str,
    subject: &PersonId,
) -> DbResult<Option<facts::Facts>> {
    let facts = facts::load(&mut tx.conn, citizen, subject).await?;
    let decision = facts.as_ref().map(|f| {
        decide_citizen(
            citizen,
            CitizenAction::Decide,
            Section::Details,
            &f.person(),
        )
    });
    seal(
        tx,
        &citizen.tenant,
        vec![Record::citizen(
            citizen,
            request_id,
            CitizenAction::Decide,
            (resource_type, resource_id),
            decision,
        )],
    )
    .await?;
    Ok(match decision {
        Some(d) if d.is_allowed() => facts,
        _ => None,
    })
}
