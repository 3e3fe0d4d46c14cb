//! The facts a meeting's access is decided on: those of its plan, or those
//! of its relay log. One type for both, so that every read and write of a
//! meeting is gated the same way whatever it is about.

use ettlag_core::PersonId;
use ettlag_core::meeting::{MeetingOp, decide_log_meeting, decide_meeting};
use ettlag_core::policy::{Action, Actor, Decision, Purpose};
use sqlx::AnyConnection;

use super::write::MeetingAbout;
use crate::access::emergency;
use crate::access::plan::{OwnedPlanFacts, PlanRow, plan_row};
use crate::access::relay::{CaseFacts, LogRow, log_row};
use crate::error::DbResult;

pub(crate) enum Facts {
    Plan(PlanRow, OwnedPlanFacts),
    Log(LogRow, Box<CaseFacts>),
}

impl Facts {
    /// The person the plan or log is about.
    pub fn person(&self) -> &PersonId {
        match self {
            Facts::Plan(row, _) => &row.person_id,
            Facts::Log(row, _) => &row.child_id,
        }
    }

    pub fn decide(&self, actor: &Actor, purpose: Purpose, op: MeetingOp) -> Decision {
        match self {
            Facts::Plan(_, f) => decide_meeting(actor, purpose, op, &f.facts()),
            Facts::Log(_, c) => decide_log_meeting(actor, purpose, op, &c.case()),
        }
    }

    /// The action the operation is decided and audited as.
    pub fn action(&self, op: MeetingOp) -> Action {
        match self {
            Facts::Plan(..) => op.action(),
            Facts::Log(..) => op.log_action(),
        }
    }
}

/// The facts for the one acting, or `None` when there is no such plan or
/// log (or its person is gone).
pub(crate) async fn facts_of(
    conn: &mut AnyConnection,
    actor: &Actor,
    about: &MeetingAbout,
) -> DbResult<Option<Facts>> {
    match about {
        MeetingAbout::Plan(id) => {
            let Some(row) = plan_row(conn, &actor.tenant, id).await? else {
                return Ok(None);
            };
            let facts =
                OwnedPlanFacts::of(conn, &actor.tenant, &row.person_id, &actor.staff).await?;
            Ok(facts.map(|f| Facts::Plan(row, f)))
        }
        MeetingAbout::Log(id) => {
            let Some(row) = log_row(conn, &actor.tenant, id).await? else {
                return Ok(None);
            };
            let mut facts = CaseFacts::of_log(conn, &actor.tenant, &row).await?;
            facts.emergency =
                emergency::active(conn, &actor.tenant, &actor.staff, &row.child_id).await?;
            Ok(Some(Facts::Log(row, Box::new(facts))))
        }
    }
}
