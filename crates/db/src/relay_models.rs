//! What the store hands out about concerns and relay logs.

use std::collections::BTreeMap;

use ettlag_core::consent::Category;
use ettlag_core::ids::{ConcernId, IntakeItemId, PlanId, RelayLogId, ReportId};
use ettlag_core::relay::{
    ClosingReason, ConcernDecision, DevelopmentArea, Entry, Event, FamilyInformed, Level,
    MeasureStatus, Transition,
};
use ettlag_core::text::Text;
use ettlag_core::{Day, NationalId, PersonId, StaffId, UnitId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRef {
    pub id: StaffId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: UnitId,
    pub name: String,
}

/// The child a case is about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChildRef {
    pub id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub national_id: Option<NationalId>,
    pub birth_date: Option<String>,
}

/// A level-0 concern.
#[derive(Debug, Clone, Serialize)]
pub struct Concern {
    pub id: ConcernId,
    pub child: ChildRef,
    pub unit: UnitRef,
    pub raised_by: StaffRef,
    pub raised_at_ms: i64,
    pub deadline_ms: i64,
    pub text: Text,
    pub areas: Vec<DevelopmentArea>,
    pub since: Option<Day>,
    pub decision: Option<ConcernOutcome>,
    /// The relay log the concern started.
    pub log_id: Option<RelayLogId>,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConcernOutcome {
    pub decision: ConcernDecision,
    pub note: Option<String>,
    pub by: StaffRef,
    pub at_ms: i64,
}

/// What a staff member writes when they wonder about a child.
#[derive(Debug, Clone)]
pub struct NewConcern {
    pub child: PersonId,
    /// The unit the concern is raised from; when `None`, the first of the
    /// actor's units where the child is enrolled.
    pub unit: Option<UnitId>,
    pub text: Text,
    pub areas: Vec<DevelopmentArea>,
    pub since: Option<Day>,
}

/// A waiting baton offer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OfferView {
    pub to: StaffRef,
    pub to_unit: UnitRef,
    pub offered_at_ms: i64,
    pub family_wish: Option<Text>,
    pub transition: Option<Transition>,
}

/// One event of a log as the timeline shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventView {
    pub id: String,
    pub seq: i64,
    pub at_ms: i64,
    pub by: StaffRef,
    pub supersedes: Option<String>,
    pub superseded_by: Option<String>,
    pub event: Event,
}

impl EventView {
    pub fn entry(&self) -> Option<&Entry> {
        match &self.event {
            Event::Entry { entry, .. } => Some(entry),
            _ => None,
        }
    }
}

/// A whole relay log: its state now and every event, oldest first. This is
/// also the archive copy's content.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RelayLogView {
    pub id: RelayLogId,
    pub child: ChildRef,
    pub level: Level,
    pub holder: StaffRef,
    pub holder_unit: UnitRef,
    pub offer: Option<OfferView>,
    pub concern_id: Option<ConcernId>,
    pub opened_at_ms: i64,
    pub closed: Option<ClosedView>,
    pub version: i64,
    pub events: Vec<EventView>,
    pub measures: Vec<MeasureStatus>,
    /// Names of the staff and units the events mention, by id.
    pub staff_names: BTreeMap<String, String>,
    pub unit_names: BTreeMap<String, String>,
    /// Names of the measure types the measures have, by code.
    #[serde(default)]
    pub measure_type_names: BTreeMap<String, String>,
    /// Entries the reader's unit may not see: the family's consent does not
    /// let it receive their category. Shown as "withheld", never their content.
    #[serde(default)]
    pub withheld: Vec<WithheldView>,
}

/// An entry kept from the reader, with only what tells that it exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WithheldView {
    pub id: String,
    pub at_ms: i64,
    pub category: Category,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClosedView {
    pub reason: ClosingReason,
    pub at_ms: i64,
}

impl RelayLogView {
    pub fn staff_name(&self, id: &StaffId) -> String {
        self.staff_names
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// A measure type's name; its code if the type is gone.
    pub fn measure_type_name(&self, code: &ettlag_core::steering::MeasureTypeCode) -> String {
        self.measure_type_names
            .get(code.as_str())
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    pub fn unit_name(&self, id: &UnitId) -> String {
        self.unit_names
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// A relay log as a line in a list.
#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    pub id: RelayLogId,
    pub child_id: PersonId,
    pub child_name: String,
    pub level: Level,
    pub holder: StaffRef,
    pub offered_to: Option<StaffId>,
    pub opened_at_ms: i64,
    pub closed_at_ms: Option<i64>,
    /// The earliest evaluation date of the measures that go on.
    pub next_due: Option<Day>,
}

/// A concern waiting for a decision, as a line in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ConcernLine {
    pub id: ConcernId,
    pub child_id: PersonId,
    pub child_name: String,
    pub raised_at_ms: i64,
    pub deadline_ms: i64,
}

/// A message in the app.
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub key: String,
    pub kind: String,
    pub child_id: PersonId,
    pub child_name: String,
    pub log_id: Option<RelayLogId>,
    pub concern_id: Option<ConcernId>,
    /// What it is about: a measure's text, a date.
    pub detail: String,
    pub created_at_ms: i64,
    /// The report to child welfare it is about.
    pub report_id: Option<ReportId>,
    /// The intake item it is about.
    pub intake_id: Option<IntakeItemId>,
    /// The individual plan it is about.
    pub plan_id: Option<PlanId>,
    /// The feedback episode an alert is about.
    pub feedback_episode_id: Option<String>,
}

/// A holder's desk: what needs them, most urgent first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MyWork {
    /// Batons offered to me, waiting for my answer.
    pub offers: Vec<LogLine>,
    /// The logs I hold, overdue evaluations first, then by the next date.
    pub logs: Vec<LogLine>,
    /// Open logs the family's consent shares with my unit.
    pub shared: Vec<LogLine>,
    /// Concerns I raised that wait for a decision, the nearest deadline first.
    pub concerns: Vec<ConcernLine>,
    pub notifications: Vec<Notification>,
    /// Consents that end within [`EXPIRING_DAYS`] for the children whose
    /// logs I hold: the sharing my work depends on.
    pub expiring_consents: Vec<ExpiringConsent>,
}

/// How far ahead "my follow-up" warns about consents that end.
pub const EXPIRING_DAYS: i64 = 30;

/// A consent in force that ends soon.
#[derive(Debug, Clone, Serialize)]
pub struct ExpiringConsent {
    pub consent_id: String,
    pub child_id: PersonId,
    pub child_name: String,
    pub valid_to: Day,
}

/// Someone who may take a baton or be responsible for a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub staff: StaffRef,
    pub unit: UnitRef,
}

/// What can be done to a log.
#[derive(Debug, Clone)]
pub enum LogCommand {
    /// Writes an entry; with `supersedes`, a correction of an earlier one.
    Entry {
        entry: Entry,
        supersedes: Option<String>,
        /// Health or school information reaches only the units the consent
        /// names; everything else is the relay log's own.
        category: Category,
    },
    /// Moves the log to another level; the change is refused without a
    /// record of whether the family was told (`family-error-missing`).
    ChangeLevel {
        to: Level,
        reason: String,
        family_informed: Option<FamilyInformed>,
    },
    OfferBaton {
        to: StaffId,
        to_unit: UnitId,
        family_wish: Option<Text>,
        transition: Option<Transition>,
    },
    AcceptBaton,
    DeclineBaton {
        reason: Option<Text>,
    },
    WithdrawOffer,
    Close {
        reason: ClosingReason,
        note: Option<Text>,
    },
}

/// The archive copy of a closed log.
#[derive(Debug, Clone)]
pub struct ArchiveCopy {
    pub log_id: RelayLogId,
    pub created_at_ms: i64,
    /// The whole log as JSON, frozen at closing; `None` when some of it is
    /// withheld from the reader, who then gets only `view`.
    pub json: Option<String>,
    /// SHA-256 of `json`, given with it.
    pub sha256: Option<String>,
    /// The frozen log with what the reader may not see taken out.
    pub view: RelayLogView,
}
