//! The events of a relay log as the API shows them: every event ever written,
//! with the names it mentions, and each entry with the entry that corrected it.

use ettlag_core::relay::{Entry, Event};
use ettlag_db::EventView;
use serde::Serialize;

use crate::api::consents::out::ApiCategory;
use utoipa::ToSchema;

use super::codes::{ApiAccessEnded, ApiArea, ApiClosingReason, ApiOutcome};
use super::family::FamilyInformedOut;
use super::out::{MeasureTypeOut, Names, TransitionOut};
use crate::api::refs::{StaffRef, UnitRef};

/// What staff wrote in a relay log, by kind.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schema(as = RelayEntry)]
pub enum EntryOut {
    /// What was seen or heard, since when (`YYYY-MM-DD`), and which areas it touches.
    Concern {
        text: String,
        areas: Vec<ApiArea>,
        since: Option<String>,
    },
    Goal {
        text: String,
        areas: Vec<ApiArea>,
    },
    /// What will be done, who is responsible, from when, and when it is evaluated.
    Measure {
        what: String,
        responsible: StaffRef,
        responsible_unit: UnitRef,
        start: String,
        evaluate_by: String,
        /// The id of the goal entry this measure serves.
        goal: Option<String>,
        /// The municipality's type of the measure (its step on the ladder);
        /// absent when the measure counts by its unit's service.
        measure_type: Option<MeasureTypeOut>,
    },
    /// An evaluation of the measure entry `measure`.
    Evaluation {
        measure: String,
        outcome: ApiOutcome,
        learned: String,
        next_evaluation: Option<String>,
    },
    Agreement {
        text: String,
    },
    /// A service that takes part, and its task.
    Participant {
        unit: UnitRef,
        task: String,
    },
    /// Something that went well.
    Observation {
        text: String,
    },
    /// The family's own words, and who in the family said them.
    FamilyNote {
        who: String,
        text: String,
    },
}

fn areas(a: &[ettlag_core::relay::DevelopmentArea]) -> Vec<ApiArea> {
    a.iter().copied().map(Into::into).collect()
}

impl EntryOut {
    pub fn new(e: &Entry, names: Names<'_>) -> Self {
        match e {
            Entry::Concern {
                text,
                areas: a,
                since,
            } => EntryOut::Concern {
                text: text.to_string(),
                areas: areas(a),
                since: since.map(|d| d.to_string()),
            },
            Entry::Goal { text, areas: a } => EntryOut::Goal {
                text: text.to_string(),
                areas: areas(a),
            },
            Entry::Measure {
                what,
                responsible,
                responsible_unit,
                start,
                evaluate_by,
                goal,
                measure_type,
            } => EntryOut::Measure {
                measure_type: measure_type.as_ref().map(|c| MeasureTypeOut {
                    code: c.to_string(),
                    name: names.measure_type(c),
                }),
                what: what.to_string(),
                responsible: names.staff(responsible),
                responsible_unit: names.unit(responsible_unit),
                start: start.to_string(),
                evaluate_by: evaluate_by.to_string(),
                goal: goal.clone(),
            },
            Entry::Evaluation {
                measure,
                outcome,
                learned,
                next_evaluation,
            } => EntryOut::Evaluation {
                measure: measure.clone(),
                outcome: (*outcome).into(),
                learned: learned.to_string(),
                next_evaluation: next_evaluation.map(|d| d.to_string()),
            },
            Entry::Agreement { text } => EntryOut::Agreement {
                text: text.to_string(),
            },
            Entry::Participant { unit, task } => EntryOut::Participant {
                unit: names.unit(unit),
                task: task.to_string(),
            },
            Entry::Observation { text } => EntryOut::Observation {
                text: text.to_string(),
            },
            Entry::FamilyNote { who, text } => EntryOut::FamilyNote {
                who: who.to_string(),
                text: text.to_string(),
            },
        }
    }
}

/// What happened, by `event`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
#[schema(as = RelayEventBody)]
pub enum EventBody {
    /// The log started at a level with its first holder.
    Opened {
        #[schema(minimum = 1, maximum = 3)]
        level: u8,
        holder: StaffRef,
        holder_unit: UnitRef,
        concern_id: Option<String>,
        /// Whether and how the family was told; null only in logs opened
        /// before it was asked.
        family_informed: Option<FamilyInformedOut>,
    },
    Entry {
        entry: EntryOut,
        /// Who may read it: the relay log's own (everyone in the log), or
        /// health or school information (the units the consent names).
        category: ApiCategory,
    },
    LevelChanged {
        from: u8,
        to: u8,
        reason: String,
        /// Whether and how the family was told; null only in changes made
        /// before it was asked.
        family_informed: Option<FamilyInformedOut>,
    },
    BatonOffered {
        to: StaffRef,
        to_unit: UnitRef,
        family_wish: Option<String>,
        transition: Option<TransitionOut>,
    },
    BatonAccepted,
    BatonDeclined {
        reason: Option<String>,
    },
    BatonWithdrawn,
    Closed {
        reason: ApiClosingReason,
        note: Option<String>,
    },
    /// The system gave the baton back to the log's home unit because the
    /// unit it was held for may no longer receive the log.
    BatonReturned {
        to: StaffRef,
        to_unit: UnitRef,
        from: StaffRef,
        from_unit: UnitRef,
        reason: ApiAccessEnded,
    },
    /// A waiting offer ended because its unit may no longer receive the log.
    OfferEnded {
        to: StaffRef,
        to_unit: UnitRef,
        reason: ApiAccessEnded,
    },
}

impl EventBody {
    fn new(e: &Event, names: Names<'_>) -> Self {
        match e {
            Event::Opened {
                level,
                holder,
                holder_unit,
                concern,
                family_informed,
            } => EventBody::Opened {
                level: level.number(),
                holder: names.staff(holder),
                holder_unit: names.unit(holder_unit),
                concern_id: concern.clone(),
                family_informed: family_informed.as_ref().map(Into::into),
            },
            Event::Entry {
                entry, category, ..
            } => EventBody::Entry {
                entry: EntryOut::new(entry, names),
                category: ApiCategory::from(*category),
            },
            Event::LevelChanged {
                change,
                family_informed,
            } => EventBody::LevelChanged {
                from: change.from.number(),
                to: change.to.number(),
                reason: change.reason.clone(),
                family_informed: family_informed.as_ref().map(Into::into),
            },
            Event::BatonOffered {
                to,
                to_unit,
                family_wish,
                transition,
            } => EventBody::BatonOffered {
                to: names.staff(to),
                to_unit: names.unit(to_unit),
                family_wish: family_wish.as_ref().map(|w| w.to_string()),
                transition: transition.as_ref().map(Into::into),
            },
            Event::BatonAccepted => EventBody::BatonAccepted,
            Event::BatonDeclined { reason } => EventBody::BatonDeclined {
                reason: reason.as_ref().map(|r| r.to_string()),
            },
            Event::BatonWithdrawn => EventBody::BatonWithdrawn,
            Event::Closed { reason, note } => EventBody::Closed {
                reason: (*reason).into(),
                note: note.as_ref().map(|n| n.to_string()),
            },
            Event::BatonReturned {
                to,
                to_unit,
                from,
                from_unit,
                reason,
            } => EventBody::BatonReturned {
                to: names.staff(to),
                to_unit: names.unit(to_unit),
                from: names.staff(from),
                from_unit: names.unit(from_unit),
                reason: (*reason).into(),
            },
            Event::OfferEnded {
                to,
                to_unit,
                reason,
            } => EventBody::OfferEnded {
                to: names.staff(to),
                to_unit: names.unit(to_unit),
                reason: (*reason).into(),
            },
        }
    }
}

/// One event of a log's timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RelayEvent)]
pub struct EventOut {
    pub id: String,
    /// Its place in the log, from 1.
    pub seq: i64,
    pub at_ms: i64,
    /// Who wrote it.
    pub by: StaffRef,
    /// The entry this one corrects.
    pub supersedes: Option<String>,
    /// The entry that corrected this one; the old text stays visible.
    pub superseded_by: Option<String>,
    #[serde(flatten)]
    pub body: EventBody,
}

impl EventOut {
    pub fn new(e: &EventView, names: Names<'_>) -> Self {
        EventOut {
            id: e.id.clone(),
            seq: e.seq,
            at_ms: e.at_ms,
            by: e.by.clone().into(),
            supersedes: e.supersedes.clone(),
            superseded_by: e.superseded_by.clone(),
            body: EventBody::new(&e.event, names),
        }
    }
}

/// One entry of a log, with its place in the history.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RelayEntryRecord)]
pub struct EntryRecord {
    pub id: String,
    pub log_id: String,
    pub seq: i64,
    pub at_ms: i64,
    pub by: StaffRef,
    /// The entry this one corrects.
    pub supersedes: Option<String>,
    /// The entry that corrected this one, if any.
    pub superseded_by: Option<String>,
    pub entry: EntryOut,
}

impl EntryRecord {
    /// The entry event `id` of a log, or `None` when the log has no such entry.
    pub fn find(view: &ettlag_db::RelayLogView, id: &str) -> Option<Self> {
        let e = view.events.iter().find(|e| e.id == id)?;
        let entry = e.entry()?;
        Some(EntryRecord {
            id: e.id.clone(),
            log_id: view.id.to_string(),
            seq: e.seq,
            at_ms: e.at_ms,
            by: e.by.clone().into(),
            supersedes: e.supersedes.clone(),
            superseded_by: e.superseded_by.clone(),
            entry: EntryOut::new(entry, Names(view)),
        })
    }
}
