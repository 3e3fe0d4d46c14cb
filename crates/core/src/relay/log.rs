//! A relay log as a sequence of events: opened, entries written, levels
//! changed, the baton offered and accepted, closed. [`LogState`] replays the
//! events and refuses any event that breaks a rule, so the store asks it
//! before anything is written and the same rules hold on every path.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::baton::{Baton, BatonError, Offer};
use super::entry::{Entry, EntryError, Outcome};
use super::family::FamilyInformed;
use super::history::{History, HistoryError, Recorded};
use super::level::{ClosingReason, Level, LevelChange, LevelError};
use super::transition::Transition;
use crate::consent::Category;
use crate::day::Day;
use crate::ids::{StaffId, UnitId};
use crate::text::Text;

/// Everything that happens to a relay log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The log starts at a level with its first holder, often from a concern.
    Opened {
        level: Level,
        holder: StaffId,
        holder_unit: UnitId,
        concern: Option<String>,
        /// Whether and how the family was told. Logs opened before this was
        /// asked have none, and are stored without the field so that they
        /// read and hash as they were; the store asks for it on every new
        /// opening.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        family_informed: Option<FamilyInformed>,
    },
    /// An entry written by staff.
    Entry {
        entry: Entry,
        /// The category of information it holds. The relay log's own
        /// category is shared with everyone who sees the log; health and
        /// school information only with the units the consent names.
        #[serde(default, skip_serializing_if = "Category::is_relay_log")]
        category: Category,
        /// The unit the writer wrote from, which always sees it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_unit: Option<UnitId>,
    },
    LevelChanged {
        change: LevelChange,
        /// Whether and how the family was told of the change; absent only
        /// in changes made before this was asked, as with the opening.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        family_informed: Option<FamilyInformed>,
    },
    /// The holder offers the baton; a transition carries its checklist.
    BatonOffered {
        to: StaffId,
        to_unit: UnitId,
        family_wish: Option<Text>,
        transition: Option<Transition>,
    },
    BatonAccepted,
    BatonDeclined {
        reason: Option<Text>,
    },
    BatonWithdrawn,
    Closed {
        reason: ClosingReason,
        note: Option<Text>,
    },
    /// The baton goes back to the log's home unit because the unit it was
    /// held for may no longer receive the log. Written by the system in the
    /// same transaction as what ended the access; a waiting offer ends too.
    BatonReturned {
        to: StaffId,
        to_unit: UnitId,
        from: StaffId,
        from_unit: UnitId,
        reason: AccessEnded,
    },
    /// A waiting offer ends because the unit it was for may no longer
    /// receive the log; the holder keeps the baton.
    OfferEnded {
        to: StaffId,
        to_unit: UnitId,
        reason: AccessEnded,
    },
}

/// Why a unit lost a log it had received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessEnded {
    /// The family withdrew the consent that named the unit.
    ConsentWithdrawn,
    /// The consent that named the unit ran out.
    ConsentExpired,
    /// The family said no to the unit or its kind of service.
    Refused,
    /// The unit had the log only because the child is enrolled there, which
    /// no longer opens another service's log.
    EnrolmentOnly,
}

impl crate::org::Coded for AccessEnded {
    const ALL: &'static [Self] = &[
        Self::ConsentWithdrawn,
        Self::ConsentExpired,
        Self::Refused,
        Self::EnrolmentOnly,
    ];
    const MESSAGE_PREFIX: &'static str = "access-ended";

    fn code(self) -> &'static str {
        match self {
            Self::ConsentWithdrawn => "consent_withdrawn",
            Self::ConsentExpired => "consent_expired",
            Self::Refused => "refused",
            Self::EnrolmentOnly => "enrolment_only",
        }
    }
}

impl Event {
    /// What was recorded about telling the family, for an opening or a
    /// level change.
    pub fn family_informed(&self) -> Option<&FamilyInformed> {
        match self {
            Event::Opened {
                family_informed, ..
            }
            | Event::LevelChanged {
                family_informed, ..
            } => family_informed.as_ref(),
            _ => None,
        }
    }

    /// A stable code for lists and the API.
    pub fn code(&self) -> &'static str {
        match self {
            Event::Opened { .. } => "opened",
            Event::Entry { .. } => "entry",
            Event::LevelChanged { .. } => "level_changed",
            Event::BatonOffered { .. } => "baton_offered",
            Event::BatonAccepted => "baton_accepted",
            Event::BatonDeclined { .. } => "baton_declined",
            Event::BatonWithdrawn => "baton_withdrawn",
            Event::Closed { .. } => "closed",
            Event::BatonReturned { .. } => "baton_returned",
            Event::OfferEnded { .. } => "offer_ended",
        }
    }
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelayError {
    #[error("the log has been closed")]
    Closed,
    #[error("the log must start with its opening")]
    NotOpened,
    #[error("the log is already open")]
    AlreadyOpened,
    #[error("only the holder of the baton can do this")]
    NotHolder,
    #[error("a correction must keep the kind of the entry it corrects")]
    CorrectionKind,
    #[error("only entries can be corrected")]
    NotAnEntry,
    #[error("the measure has ended")]
    MeasureEnded,
    #[error(transparent)]
    Baton(#[from] BatonError),
    #[error(transparent)]
    Level(#[from] LevelError),
    #[error(transparent)]
    History(#[from] HistoryError),
    #[error(transparent)]
    Entry(#[from] EntryError),
}

impl RelayError {
    pub fn message_key(&self) -> &'static str {
        match self {
            RelayError::Closed => "relay-error-closed",
            RelayError::NotOpened => "relay-error-not-opened",
            RelayError::AlreadyOpened => "relay-error-already-open",
            RelayError::NotHolder => "baton-error-not-holder",
            RelayError::CorrectionKind => "relay-error-correction-kind",
            RelayError::NotAnEntry => "relay-error-not-an-entry",
            RelayError::MeasureEnded => "relay-error-measure-ended",
            RelayError::Baton(e) => e.message_key(),
            RelayError::Level(e) => e.message_key(),
            RelayError::History(e) => e.message_key(),
            RelayError::Entry(e) => e.message_key(),
        }
    }
}

/// A measure as it stands now, with its next evaluation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureStatus {
    /// The id of the newest version of the measure.
    pub id: String,
    pub what: Text,
    pub responsible: StaffId,
    pub responsible_unit: UnitId,
    /// The municipality's type of the measure, if it was given one.
    pub measure_type: Option<crate::steering::MeasureTypeCode>,
    /// When it is to be evaluated next.
    pub due: Day,
    pub evaluations: usize,
    pub ended: bool,
}

/// The state of one relay log, rebuilt from its events.
#[derive(Debug, Clone)]
pub struct LogState {
    pub level: Level,
    pub baton: Baton,
    pub closed: Option<ClosingReason>,
    pub history: History<Event>,
    /// Everyone who has held the baton, and for which unit, oldest first.
    pub holders: Vec<(StaffId, UnitId)>,
    /// entry id → the id of the first version of that entry.
    roots: HashMap<String, String>,
}

impl LogState {
    /// Replays stored events, checking every rule on the way.
    pub fn replay(events: Vec<Recorded<Event>>) -> Result<LogState, RelayError> {
        let mut it = events.into_iter();
        let first = it.next().ok_or(RelayError::NotOpened)?;
        let mut state = LogState::open(first)?;
        for e in it {
            state.apply(e)?;
        }
        Ok(state)
    }

    /// Starts a log from its opening event.
    pub fn open(first: Recorded<Event>) -> Result<LogState, RelayError> {
        let Event::Opened {
            level,
            holder,
            holder_unit,
            ..
        } = &first.body
        else {
            return Err(RelayError::NotOpened);
        };
        let mut state = LogState {
            level: *level,
            baton: Baton::new(holder.clone(), holder_unit.clone()),
            closed: None,
            history: History::default(),
            holders: vec![(holder.clone(), holder_unit.clone())],
            roots: HashMap::new(),
        };
        state.history.append(first)?;
        Ok(state)
    }

    /// Applies one event if every rule allows it; otherwise changes nothing.
    pub fn apply(&mut self, rec: Recorded<Event>) -> Result<(), RelayError> {
        if self.closed.is_some() {
            return Err(RelayError::Closed);
        }
        let by = rec.by.clone();
        let mut next_baton = self.baton.clone();
        let mut next_level = self.level;
        let mut closing = None;
        match &rec.body {
            Event::Opened { .. } => return Err(RelayError::AlreadyOpened),
            Event::Entry { entry, .. } => self.check_entry(entry, rec.supersedes.as_deref())?,
            Event::LevelChanged { change, .. } => {
                self.require_holder(&by)?;
                let checked = LevelChange::new(self.level, change.to, &change.reason)?;
                if checked.from != change.from {
                    return Err(RelayError::Level(LevelError::Unchanged));
                }
                next_level = change.to;
            }
            Event::BatonOffered {
                to,
                to_unit,
                family_wish,
                ..
            } => next_baton.offer(
                &by,
                Offer {
                    to: to.clone(),
                    to_unit: to_unit.clone(),
                    offered_at_ms: rec.at_ms,
                    family_wish: family_wish.as_ref().map(|w| w.as_str().to_string()),
                },
            )?,
            Event::BatonAccepted => next_baton.accept(&by)?,
            Event::BatonDeclined { .. } => next_baton.decline(&by)?,
            Event::BatonWithdrawn => next_baton.withdraw(&by)?,
            Event::Closed { reason, .. } => {
                self.require_holder(&by)?;
                if self.baton.offer.is_some() {
                    return Err(RelayError::Baton(BatonError::OfferPending));
                }
                closing = Some(*reason);
            }
            Event::BatonReturned {
                to,
                to_unit,
                from,
                from_unit,
                ..
            } => {
                // The system acts, not the holder: the record names whom it
                // was taken from, which must be who holds it now.
                if from != &self.baton.holder || from_unit != &self.baton.holder_unit {
                    return Err(RelayError::NotHolder);
                }
                next_baton = Baton::new(to.clone(), to_unit.clone());
            }
            Event::OfferEnded { to, to_unit, .. } => match &self.baton.offer {
                Some(o) if &o.to == to && &o.to_unit == to_unit => next_baton.offer = None,
                Some(_) => return Err(RelayError::Baton(BatonError::NotOffered)),
                None => return Err(RelayError::Baton(BatonError::NoOffer)),
            },
        }
        if rec.supersedes.is_some() && !matches!(rec.body, Event::Entry { .. }) {
            return Err(RelayError::NotAnEntry);
        }
        let root = match &rec.supersedes {
            Some(old) => self.roots.get(old).cloned().unwrap_or_else(|| old.clone()),
            None => rec.id.clone(),
        };
        let id = rec.id.clone();
        self.history.append(rec)?;
        self.roots.insert(id, root);
        if next_baton.holder != self.baton.holder
            || next_baton.holder_unit != self.baton.holder_unit
        {
            self.holders
                .push((next_baton.holder.clone(), next_baton.holder_unit.clone()));
        }
        self.baton = next_baton;
        self.level = next_level;
        self.closed = closing;
        Ok(())
    }

    /// The last one who held the baton for `unit`, if anyone has.
    pub fn last_holder_in(&self, unit: &UnitId) -> Option<&StaffId> {
        self.holders
            .iter()
            .rev()
            .find(|(_, u)| u == unit)
            .map(|(s, _)| s)
    }

    fn require_holder(&self, by: &StaffId) -> Result<(), RelayError> {
        if by == &self.baton.holder {
            Ok(())
        } else {
            Err(RelayError::NotHolder)
        }
    }

    /// The current (not corrected) entry with this id.
    fn current_entry(&self, id: &str) -> Option<&Entry> {
        self.history.current().find_map(|r| match &r.body {
            Event::Entry { entry, .. } if r.id == id => Some(entry),
            _ => None,
        })
    }

    fn check_entry(&self, entry: &Entry, supersedes: Option<&str>) -> Result<(), RelayError> {
        if let Some(old) = supersedes {
            let old_entry = self
                .history
                .timeline()
                .into_iter()
                .find(|v| v.entry.id == old)
                .map(|v| &v.entry.body);
            match old_entry {
                Some(Event::Entry { entry: old, .. }) if old.kind() == entry.kind() => {}
                Some(Event::Entry { .. }) => return Err(RelayError::CorrectionKind),
                Some(_) => return Err(RelayError::NotAnEntry),
                // Unknown ids are refused by the history with its own message.
                None => {}
            }
        }
        match entry {
            Entry::Measure {
                goal: Some(goal), ..
            } => match self.current_entry(goal) {
                Some(Entry::Goal { .. }) => Ok(()),
                _ => Err(EntryError::UnknownReference.into()),
            },
            Entry::Evaluation { measure, .. } => {
                let status = self
                    .measures()
                    .into_iter()
                    .find(|m| &m.id == measure)
                    .ok_or(EntryError::UnknownReference)?;
                // A correction of an evaluation may speak of an ended measure.
                if status.ended && supersedes.is_none() {
                    return Err(RelayError::MeasureEnded);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn root(&self, id: &str) -> String {
        self.roots
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Every current measure with its next evaluation date and whether an
    /// evaluation has ended it, in the order they were written.
    pub fn measures(&self) -> Vec<MeasureStatus> {
        let mut out: Vec<MeasureStatus> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for rec in self.history.current() {
            if let Event::Entry {
                entry:
                    Entry::Measure {
                        what,
                        responsible,
                        responsible_unit,
                        evaluate_by,
                        measure_type,
                        ..
                    },
                ..
            } = &rec.body
            {
                index.insert(self.root(&rec.id), out.len());
                out.push(MeasureStatus {
                    id: rec.id.clone(),
                    what: what.clone(),
                    responsible: responsible.clone(),
                    responsible_unit: responsible_unit.clone(),
                    measure_type: measure_type.clone(),
                    due: *evaluate_by,
                    evaluations: 0,
                    ended: false,
                });
            }
        }
        // Evaluations in the order written: the last one decides.
        for rec in self.history.current() {
            if let Event::Entry {
                entry:
                    Entry::Evaluation {
                        measure,
                        outcome,
                        next_evaluation,
                        ..
                    },
                ..
            } = &rec.body
                && let Some(&i) = index.get(&self.root(measure))
            {
                let m = &mut out[i];
                m.evaluations += 1;
                m.ended = *outcome == Outcome::End;
                if let Some(next) = next_evaluation {
                    m.due = *next;
                }
            }
        }
        out
    }

    /// The category of the entry with this id (any version).
    pub fn category_of(&self, id: &str) -> Option<Category> {
        self.history
            .timeline()
            .into_iter()
            .find_map(|v| match &v.entry.body {
                Event::Entry { category, .. } if v.entry.id == id => Some(*category),
                _ => None,
            })
    }

    /// Measures that go on and whose evaluation date has passed.
    pub fn overdue(&self, today: Day) -> Vec<MeasureStatus> {
        self.measures()
            .into_iter()
            .filter(|m| !m.ended && m.due < today)
            .collect()
    }

    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

#[cfg(test)]
mod tests;
