//! An action item agreed in a meeting, as typed, and what it became: a
//! measure in the plan or a measure entry in the relay log. Both the plan's
//! and the log's way of recording one use these.

use ettlag_core::StaffId;

/// What an action item became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionOutcome {
    /// A measure in the plan, in the revision with this number.
    PlanRevision(u32),
    /// A measure entry in the relay log, with this id.
    LogEntry(String),
}

impl ActionOutcome {
    /// The id the API answers with: the revision's number or the entry's id.
    pub fn id(&self) -> String {
        match self {
            ActionOutcome::PlanRevision(n) => n.to_string(),
            ActionOutcome::LogEntry(id) => id.clone(),
        }
    }
}

/// An action item as typed: the goal counted from 1 (ignored in a meeting
/// about a relay log).
#[derive(Debug, Clone)]
pub struct NewActionItem {
    pub what: String,
    pub responsible: StaffId,
    pub deadline: String,
    pub goal: String,
}
