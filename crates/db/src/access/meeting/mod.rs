//! Meetings around an individual plan or a relay log, behind the one door.
//! A meeting's access is that of what it is about
//! (`ettlag_core::meeting::access`): every read and write gathers the plan's
//! or the log's facts, asks the policy and audits the decision (resource
//! type `meeting`) in the same transaction as the access. The
//! municipality's templates and values poster are its configuration,
//! decided like the organisation (`config`).

mod action;
mod config;
mod events;
mod facts;
mod invite;
mod log;
mod read;
mod write;

pub use action::{ActionOutcome, NewActionItem};
pub use config::TemplateLine;
pub use invite::MeetingInvitation;
pub use write::{MeetingAbout, NewMeeting};

use ettlag_core::ids::{MeetingId, PlanId, RelayLogId};
use ettlag_core::meeting::{Meeting, MeetingEvent, MeetingOp, ValuesPoster};
use ettlag_core::{PersonId, StaffId};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::access::{AccessContext, WriteCtx};
use crate::error::{DbError, DbResult};
use crate::writer::Tx;

pub(crate) use facts::{Facts, facts_of};

/// One meeting with everything recorded in it.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub id: MeetingId,
    /// The plan the meeting is about, or
    pub plan_id: Option<PlanId>,
    /// the relay log it is about.
    pub log_id: Option<RelayLogId>,
    pub person_id: PersonId,
    pub person_name: String,
    pub meeting: Meeting,
    pub events: Vec<MeetingEventLine>,
    /// The municipality's values poster, shown when the meeting opens.
    pub poster: ValuesPoster,
    /// The plan's goals as they stand, for action items: (number, what);
    /// none in a meeting about a relay log.
    pub goals: Vec<(usize, String)>,
    /// Names of staff named in the meeting (leader, writers, responsible).
    pub staff_names: std::collections::BTreeMap<String, String>,
}

impl MeetingView {
    /// The record as the core rules read it.
    pub fn record(&self) -> Vec<MeetingEvent> {
        self.events.iter().map(|e| e.event.clone()).collect()
    }

    pub fn staff_name(&self, id: &StaffId) -> String {
        self.staff_names
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// One recorded event, with who wrote it and when.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingEventLine {
    pub seq: i64,
    pub by: StaffId,
    pub at_ms: i64,
    pub event: MeetingEvent,
}

/// A meeting as a line on its plan, with its decisions (for the printable
/// plan).
#[derive(Debug, Clone, Serialize)]
pub struct MeetingLine {
    pub id: MeetingId,
    pub start_ms: i64,
    pub end_ms: i64,
    pub place: String,
    pub template_name: String,
    pub decisions: Vec<ettlag_core::meeting::Decision>,
}

/// The people a meeting may invite from the family: the person the plan or
/// log is about, and the person's relatives in the register.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingCandidates {
    pub person: (PersonId, String),
    pub relatives: Vec<(PersonId, String)>,
}

/// A stored meeting's row.
pub(crate) struct MeetingRow {
    pub about: MeetingAbout,
    pub meeting: Meeting,
}

pub(crate) async fn meeting_row(
    conn: &mut AnyConnection,
    tenant: &str,
    id: &str,
) -> DbResult<Option<MeetingRow>> {
    let row =
        sqlx::query("SELECT plan_id, log_id, body FROM meetings WHERE tenant_id = $1 AND id = $2")
            .bind(tenant)
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let Some(r) = row else { return Ok(None) };
    let body: String = r.try_get("body")?;
    let plan: Option<String> = r.try_get("plan_id")?;
    let log: Option<String> = r.try_get("log_id")?;
    let about = match (plan, log) {
        (Some(p), _) => MeetingAbout::Plan(PlanId::from_trusted(p)),
        (None, Some(l)) => MeetingAbout::Log(RelayLogId::from_trusted(l)),
        (None, None) => return Err(DbError::Other(format!("meeting {id} is about nothing"))),
    };
    Ok(Some(MeetingRow {
        about,
        meeting: serde_json::from_str(&body)
            .map_err(|e| DbError::Other(format!("meeting {id}: {e}")))?,
    }))
}

pub(crate) async fn events_of(
    conn: &mut AnyConnection,
    tenant: &str,
    id: &str,
) -> DbResult<Vec<MeetingEventLine>> {
    let rows = sqlx::query(
        "SELECT seq, by_staff, at_ms, body FROM meeting_events \
         WHERE tenant_id = $1 AND meeting_id = $2 ORDER BY seq",
    )
    .bind(tenant)
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let body: String = r.try_get("body")?;
            Ok(MeetingEventLine {
                seq: r.try_get("seq")?,
                by: StaffId::from_trusted(r.try_get("by_staff")?),
                at_ms: r.try_get("at_ms")?,
                event: serde_json::from_str(&body)
                    .map_err(|e| DbError::Other(format!("meeting {id} event: {e}")))?,
            })
        })
        .collect()
}

/// Decides and audits a meeting write in its transaction; `Ok(None)` when
/// allowed, otherwise the error to answer (`NotFound` to one who may not
/// even read the meeting).
async fn gate_write(
    tx: &mut Tx,
    ctx: &WriteCtx,
    op: MeetingOp,
    resource_id: &str,
    facts: Option<&Facts>,
) -> DbResult<Option<DbError>> {
    let decide = |op: MeetingOp| match facts {
        Some(f) => f.decide(&ctx.actor, ctx.purpose, op),
        None => ctx.decide(op.action(), &ettlag_core::policy::Subject::Unknown),
    };
    let decision = decide(op);
    let action = facts.map_or(op.action(), |f| f.action(op));
    ctx.settle(tx, action, ("meeting", resource_id), decision)
        .await?;
    if decision.is_allowed() {
        return Ok(None);
    }
    Ok(Some(if decide(MeetingOp::Read).is_allowed() {
        DbError::Forbidden
    } else {
        DbError::NotFound
    }))
}

impl AccessContext {
    /// Decides and audits one read of a meeting; a denial is `NotFound`.
    async fn gate_meeting_read(
        &self,
        op: MeetingOp,
        resource_id: &str,
        facts: Option<&Facts>,
    ) -> DbResult<()> {
        let decision = match facts {
            Some(f) => f.decide(&self.actor, self.purpose, op),
            None => self.decide(op.action(), &ettlag_core::policy::Subject::Unknown),
        };
        self.audit_reads(vec![self.event(
            facts.map_or(op.action(), |f| f.action(op)),
            "meeting",
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
