//! Who reads and writes a meeting: whoever may read or write what it is
//! about. A meeting about a plan is the plan's work, so its access is the
//! plan's policy with each meeting operation mapped onto a plan action; a
//! meeting about a relay log (a level 2/3 collaboration meeting) is the
//! log's work in the same way. The audit log names the meeting itself.

use crate::policy::{self, Action, Actor, Case, Decision, PlanFacts, Purpose, Subject};

/// What is done with a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingOp {
    /// Seeing a meeting, its minutes or its invitation.
    Read,
    /// Seeing a meeting as a line on the plan.
    List,
    /// Calling a meeting and recording in it: attendance, minutes, the
    /// child's voice, decisions. All append to the plan's work, like making
    /// a plan.
    Record,
    /// An action item, which revises the plan with a new measure.
    ReviseThePlan,
}

impl MeetingOp {
    /// The plan action the operation is decided as, and audited as.
    pub fn action(self) -> Action {
        match self {
            MeetingOp::Read => Action::Read,
            MeetingOp::List => Action::List,
            MeetingOp::Record => Action::Create,
            MeetingOp::ReviseThePlan => Action::Update,
        }
    }

    /// The relay-log action the operation is decided as in a meeting about
    /// a log: recording and action items append entries to the log.
    pub fn log_action(self) -> Action {
        match self {
            MeetingOp::Read => Action::Read,
            MeetingOp::List => Action::List,
            MeetingOp::Record | MeetingOp::ReviseThePlan => Action::Create,
        }
    }
}

/// Decides one access to a meeting of the plan the facts describe.
pub fn decide_meeting(
    actor: &Actor,
    purpose: Purpose,
    op: MeetingOp,
    facts: &PlanFacts<'_>,
) -> Decision {
    policy::decide(actor, purpose, op.action(), &Subject::Plan(facts.clone()))
}

/// Decides one access to a meeting about the relay log the case describes.
pub fn decide_log_meeting(
    actor: &Actor,
    purpose: Purpose,
    op: MeetingOp,
    case: &Case<'_>,
) -> Decision {
    policy::decide(
        actor,
        purpose,
        op.log_action(),
        &Subject::Case(case.clone()),
    )
}
