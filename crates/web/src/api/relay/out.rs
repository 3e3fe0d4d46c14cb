//! The pieces the relay API answers with: names looked up in a log's view,
//! measure types, log lines for lists and transitions. The whole log
//! (`log_out`) and its timeline (`timeline`) are built of them.

use ettlag_core::relay::Transition;
use ettlag_core::{StaffId, UnitId};
use ettlag_db::RelayLogView;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::ApiChecklistItem;
use crate::api::refs::{StaffRef, UnitRef};

/// Names the events of one log mention, looked up in its view.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a>(pub &'a RelayLogView);

impl Names<'_> {
    pub fn staff(&self, id: &StaffId) -> StaffRef {
        StaffRef {
            id: id.to_string(),
            name: self.0.staff_name(id),
        }
    }

    pub fn unit(&self, id: &UnitId) -> UnitRef {
        UnitRef {
            id: id.to_string(),
            name: self.0.unit_name(id),
        }
    }

    pub fn measure_type(&self, code: &ettlag_core::steering::MeasureTypeCode) -> String {
        self.0.measure_type_name(code)
    }
}

/// A measure type of the municipality: its code (what the API takes in
/// `measure_type`) and its name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeasureTypeOut {
    pub code: String,
    pub name: String,
}

/// A relay log as a line in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RelayLogLine)]
pub struct LogLine {
    pub id: String,
    pub child_id: String,
    pub child_name: String,
    #[schema(minimum = 1, maximum = 3)]
    pub level: u8,
    pub holder: StaffRef,
    /// The staff member the baton is offered to, while an offer waits.
    pub offered_to: Option<String>,
    /// Milliseconds since 1970-01-01 UTC.
    pub opened_at_ms: i64,
    pub closed_at_ms: Option<i64>,
    /// `YYYY-MM-DD`: the earliest evaluation date of the measures that go on.
    pub next_due: Option<String>,
}

impl From<ettlag_db::LogLine> for LogLine {
    fn from(l: ettlag_db::LogLine) -> Self {
        LogLine {
            id: l.id.to_string(),
            child_id: l.child_id.into_string(),
            child_name: l.child_name,
            level: l.level.number(),
            holder: l.holder.into(),
            offered_to: l.offered_to.map(|s| s.into_string()),
            opened_at_ms: l.opened_at_ms,
            closed_at_ms: l.closed_at_ms,
            next_due: l.next_due.map(|d| d.to_string()),
        }
    }
}

/// A handover's checklist: what is done, what is not, and a note.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = TransitionChecklist)]
pub struct TransitionOut {
    pub done: Vec<ApiChecklistItem>,
    /// Items not yet done, in checklist order.
    pub missing: Vec<ApiChecklistItem>,
    pub note: Option<String>,
}

impl From<&Transition> for TransitionOut {
    fn from(t: &Transition) -> Self {
        TransitionOut {
            done: t.done.iter().copied().map(Into::into).collect(),
            missing: t.missing().into_iter().map(Into::into).collect(),
            note: t.note.as_ref().map(|n| n.to_string()),
        }
    }
}
