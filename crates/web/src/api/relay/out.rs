//! What the relay API answers with: references to staff, units and children,
//! log lines for lists, and a whole relay log with its timeline and measures.

use crate::api::consents::out::ApiCategory;
use ettlag_core::relay::{MeasureStatus, Transition};
use ettlag_core::{StaffId, UnitId};
use ettlag_db::RelayLogView;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{ApiChecklistItem, ApiClosingReason};
use super::timeline::EventOut;

/// A staff member, by id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffRef {
    pub id: String,
    pub name: String,
}

impl From<ettlag_db::StaffRef> for StaffRef {
    fn from(s: ettlag_db::StaffRef) -> Self {
        StaffRef {
            id: s.id.into_string(),
            name: s.name,
        }
    }
}

/// A unit, by id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
}

impl From<ettlag_db::UnitRef> for UnitRef {
    fn from(u: ettlag_db::UnitRef) -> Self {
        UnitRef {
            id: u.id.into_string(),
            name: u.name,
        }
    }
}

/// The child a case is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildRef {
    pub id: String,
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`, when known.
    pub birth_date: Option<String>,
}

impl From<ettlag_db::ChildRef> for ChildRef {
    fn from(c: ettlag_db::ChildRef) -> Self {
        ChildRef {
            id: c.id.into_string(),
            given_name: c.given_name,
            family_name: c.family_name,
            birth_date: c.birth_date,
        }
    }
}

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
            id: l.id,
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

/// A baton offer waiting for an answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = BatonOffer)]
pub struct OfferOut {
    pub to: StaffRef,
    pub to_unit: UnitRef,
    pub offered_at_ms: i64,
    /// What the family said about who should hold the baton.
    pub family_wish: Option<String>,
    pub transition: Option<TransitionOut>,
}

/// A measure as it stands now.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = MeasureStatus)]
pub struct MeasureOut {
    /// The id of the newest version of the measure entry.
    pub id: String,
    pub what: String,
    pub responsible: StaffRef,
    pub responsible_unit: UnitRef,
    /// The municipality's type of the measure, if it has one.
    pub measure_type: Option<MeasureTypeOut>,
    /// `YYYY-MM-DD`: when it is to be evaluated next.
    pub due: String,
    pub evaluations: u32,
    /// Whether an evaluation has ended it.
    pub ended: bool,
}

impl MeasureOut {
    fn new(m: &MeasureStatus, names: Names<'_>) -> Self {
        MeasureOut {
            id: m.id.clone(),
            what: m.what.to_string(),
            responsible: names.staff(&m.responsible),
            responsible_unit: names.unit(&m.responsible_unit),
            measure_type: m.measure_type.as_ref().map(|c| MeasureTypeOut {
                code: c.to_string(),
                name: names.measure_type(c),
            }),
            due: m.due.to_string(),
            evaluations: u32::try_from(m.evaluations).unwrap_or(u32::MAX),
            ended: m.ended,
        }
    }
}

/// When and why a log was closed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = LogClosed)]
pub struct ClosedOut {
    pub reason: ApiClosingReason,
    pub at_ms: i64,
}

/// A whole relay log: its state now, every event ever written (a corrected
/// entry stays, with `superseded_by`), and its measures with due dates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RelayLog {
    pub id: String,
    pub child: ChildRef,
    #[schema(minimum = 1, maximum = 3)]
    pub level: u8,
    pub holder: StaffRef,
    pub holder_unit: UnitRef,
    /// The waiting baton offer, if any.
    pub offer: Option<OfferOut>,
    /// The concern the log was started from.
    pub concern_id: Option<String>,
    pub opened_at_ms: i64,
    pub closed: Option<ClosedOut>,
    /// Increases with every event; send it back as `If-Match: "<version>"`.
    pub version: i64,
    /// Oldest first.
    pub events: Vec<EventOut>,
    /// The measures that stand now, in the order they were written.
    pub measures: Vec<MeasureOut>,
    /// Entries the caller's unit may not see: health or school information
    /// the family's consent does not let it receive. Only when and what kind.
    pub withheld: Vec<WithheldOut>,
}

/// An entry kept from the caller.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WithheldOut {
    pub id: String,
    pub at_ms: i64,
    pub category: ApiCategory,
}

impl From<&RelayLogView> for RelayLog {
    fn from(v: &RelayLogView) -> Self {
        let names = Names(v);
        RelayLog {
            id: v.id.clone(),
            child: v.child.clone().into(),
            level: v.level.number(),
            holder: v.holder.clone().into(),
            holder_unit: v.holder_unit.clone().into(),
            offer: v.offer.as_ref().map(|o| OfferOut {
                to: o.to.clone().into(),
                to_unit: o.to_unit.clone().into(),
                offered_at_ms: o.offered_at_ms,
                family_wish: o.family_wish.as_ref().map(|w| w.to_string()),
                transition: o.transition.as_ref().map(Into::into),
            }),
            concern_id: v.concern_id.clone(),
            opened_at_ms: v.opened_at_ms,
            closed: v.closed.as_ref().map(|c| ClosedOut {
                reason: c.reason.into(),
                at_ms: c.at_ms,
            }),
            version: v.version,
            events: v.events.iter().map(|e| EventOut::new(e, names)).collect(),
            measures: v
                .measures
                .iter()
                .map(|m| MeasureOut::new(m, names))
                .collect(),
            withheld: v
                .withheld
                .iter()
                .map(|w| WithheldOut {
                    id: w.id.clone(),
                    at_ms: w.at_ms,
                    category: w.category.into(),
                })
                .collect(),
        }
    }
}
