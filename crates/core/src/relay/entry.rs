//! What staff write in a relay log: the concern, goals, measures, evaluations,
//! agreements, participating services, positive observations ("lysglimt") and
//! notes from the family. Raw input ([`EntryDraft`]) is parsed once into an
//! [`Entry`]; past that point every field is known to be well-formed.

use serde::{Deserialize, Serialize};

use crate::consent::Category;
use crate::day::Day;
use crate::ids::{StaffId, UnitId};
use crate::org::Coded;
use crate::steering::MeasureTypeCode;
use crate::text::{MAX_SHORT, MAX_TEXT, Text, TextError};

/// The areas of a child's development a concern or goal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DevelopmentArea {
    Language,
    Social,
    Emotional,
    /// Motor skills, health, sleep, food.
    Physical,
    /// Learning and school work.
    Learning,
    /// Attendance at kindergarten or school.
    Attendance,
    /// The family's situation.
    Family,
    Other,
}

impl Coded for DevelopmentArea {
    const ALL: &'static [Self] = &[
        Self::Language,
        Self::Social,
        Self::Emotional,
        Self::Physical,
        Self::Learning,
        Self::Attendance,
        Self::Family,
        Self::Other,
    ];
    const MESSAGE_PREFIX: &'static str = "area";

    fn code(self) -> &'static str {
        match self {
            Self::Language => "language",
            Self::Social => "social",
            Self::Emotional => "emotional",
            Self::Physical => "physical",
            Self::Learning => "learning",
            Self::Attendance => "attendance",
            Self::Family => "family",
            Self::Other => "other",
        }
    }
}

/// What an evaluation decides about a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Continue,
    Change,
    End,
}

impl Coded for Outcome {
    const ALL: &'static [Self] = &[Self::Continue, Self::Change, Self::End];
    const MESSAGE_PREFIX: &'static str = "outcome";

    fn code(self) -> &'static str {
        match self {
            Self::Continue => "continue",
            Self::Change => "change",
            Self::End => "end",
        }
    }
}

/// One entry of a relay log, well-formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    /// What was seen or heard, since when, and which areas it touches.
    Concern {
        text: Text,
        areas: Vec<DevelopmentArea>,
        since: Option<Day>,
    },
    Goal {
        text: Text,
        areas: Vec<DevelopmentArea>,
    },
    /// What will be done, who is responsible, from when, and when it is evaluated.
    Measure {
        what: Text,
        responsible: StaffId,
        responsible_unit: UnitId,
        start: Day,
        evaluate_by: Day,
        /// The goal entry this measure serves.
        goal: Option<String>,
        /// The municipality's type of the measure, which puts it on a step
        /// of the ladder; without one it counts by the responsible unit's
        /// service. Left out of the stored form when absent, so entries
        /// written before types existed read and hash as they were.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure_type: Option<MeasureTypeCode>,
    },
    /// An evaluation of a measure: continue, change or end, with what was learned.
    Evaluation {
        measure: String,
        outcome: Outcome,
        learned: Text,
        /// The next evaluation date when the measure goes on.
        next_evaluation: Option<Day>,
    },
    Agreement {
        text: Text,
    },
    /// A service that takes part, and its task.
    Participant {
        unit: UnitId,
        task: Text,
    },
    /// Something that went well ("lysglimt").
    Observation {
        text: Text,
    },
    /// The family's own words, and who in the family said them.
    FamilyNote {
        who: Text,
        text: Text,
    },
}

/// The kinds of entry, as codes for forms and the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Concern,
    Goal,
    Measure,
    Evaluation,
    Agreement,
    Participant,
    Observation,
    FamilyNote,
}

impl Coded for EntryKind {
    const ALL: &'static [Self] = &[
        Self::Concern,
        Self::Goal,
        Self::Measure,
        Self::Evaluation,
        Self::Agreement,
        Self::Participant,
        Self::Observation,
        Self::FamilyNote,
    ];
    const MESSAGE_PREFIX: &'static str = "entry";

    fn code(self) -> &'static str {
        match self {
            Self::Concern => "concern",
            Self::Goal => "goal",
            Self::Measure => "measure",
            Self::Evaluation => "evaluation",
            Self::Agreement => "agreement",
            Self::Participant => "participant",
            Self::Observation => "observation",
            Self::FamilyNote => "family_note",
        }
    }
}

impl Entry {
    pub fn kind(&self) -> EntryKind {
        match self {
            Entry::Concern { .. } => EntryKind::Concern,
            Entry::Goal { .. } => EntryKind::Goal,
            Entry::Measure { .. } => EntryKind::Measure,
            Entry::Evaluation { .. } => EntryKind::Evaluation,
            Entry::Agreement { .. } => EntryKind::Agreement,
            Entry::Participant { .. } => EntryKind::Participant,
            Entry::Observation { .. } => EntryKind::Observation,
            Entry::FamilyNote { .. } => EntryKind::FamilyNote,
        }
    }
}

/// Why an entry was refused. Each reason has a message key for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("unknown kind of entry")]
    UnknownKind,
    /// A text of the entry was refused (empty, too long, control characters).
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("unknown development area")]
    UnknownArea,
    #[error("unknown category of information")]
    UnknownCategory,
    #[error("a date is not valid")]
    BadDate,
    #[error("the evaluation date is before the start")]
    EvaluationBeforeStart,
    #[error("a measure needs a responsible person and unit")]
    NoResponsible,
    #[error("unknown outcome")]
    UnknownOutcome,
    #[error("a measure that goes on needs its next evaluation date")]
    NoNextEvaluation,
    #[error("the entry refers to something that is not in this log")]
    UnknownReference,
    #[error("a participating service needs a unit")]
    NoUnit,
    #[error("unknown measure type")]
    UnknownMeasureType,
}

impl EntryError {
    pub fn message_key(self) -> &'static str {
        match self {
            EntryError::UnknownKind => "entry-error-kind",
            EntryError::Text(e) => e.message_key(),
            EntryError::UnknownArea => "entry-error-area",
            EntryError::UnknownCategory => "entry-error-category",
            EntryError::BadDate => "error-bad-date",
            EntryError::EvaluationBeforeStart => "entry-error-evaluation-before-start",
            EntryError::NoResponsible => "entry-error-responsible",
            EntryError::UnknownOutcome => "entry-error-outcome",
            EntryError::NoNextEvaluation => "entry-error-next-evaluation",
            EntryError::UnknownReference => "entry-error-reference",
            EntryError::NoUnit => "entry-error-unit",
            EntryError::UnknownMeasureType => "measure-type-error-unknown",
        }
    }
}

/// An entry as it arrives from a form or the API: every field optional text.
/// Fields a kind does not use are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct EntryDraft {
    pub kind: String,
    pub text: String,
    pub areas: Vec<String>,
    pub since: String,
    pub what: String,
    pub responsible: String,
    pub responsible_unit: String,
    pub start: String,
    pub evaluate_by: String,
    pub goal: String,
    /// The measure type's code; blank for none.
    pub measure_type: String,
    pub measure: String,
    pub outcome: String,
    pub learned: String,
    pub next_evaluation: String,
    pub unit: String,
    pub task: String,
    pub who: String,
    /// The category of information: empty for the relay log's own, or
    /// `health` / `school` (see [`EntryDraft::category`]).
    #[serde(default)]
    pub category: String,
}

impl EntryDraft {
    /// The category the writer chose: the relay log's own when empty. Only
    /// the relay log, health and school information are kept in a log.
    pub fn category(&self) -> Result<Category, EntryError> {
        let code = self.category.trim();
        if code.is_empty() {
            return Ok(Category::RelayLog);
        }
        match Category::from_code(code) {
            Some(c @ (Category::RelayLog | Category::Health | Category::School)) => Ok(c),
            _ => Err(EntryError::UnknownCategory),
        }
    }
}

fn optional_day(text: &str) -> Result<Option<Day>, EntryError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        Day::parse(text).map(Some).map_err(|_| EntryError::BadDate)
    }
}

fn day(text: &str) -> Result<Day, EntryError> {
    Day::parse(text).map_err(|_| EntryError::BadDate)
}

fn optional_ref(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Parses a list of development area codes; duplicates are dropped.
pub fn parse_areas(codes: &[String]) -> Result<Vec<DevelopmentArea>, EntryError> {
    let mut areas = Vec::new();
    for code in codes.iter().filter(|c| !c.trim().is_empty()) {
        let area = DevelopmentArea::from_code(code).ok_or(EntryError::UnknownArea)?;
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    areas.sort();
    Ok(areas)
}

impl EntryDraft {
    /// Parses the draft into an entry, or names the first problem.
    pub fn parse(&self) -> Result<Entry, EntryError> {
        let kind = EntryKind::from_code(&self.kind).ok_or(EntryError::UnknownKind)?;
        let text = || Text::parse(&self.text, MAX_TEXT);
        Ok(match kind {
            EntryKind::Concern => Entry::Concern {
                text: text()?,
                areas: parse_areas(&self.areas)?,
                since: optional_day(&self.since)?,
            },
            EntryKind::Goal => Entry::Goal {
                text: text()?,
                areas: parse_areas(&self.areas)?,
            },
            EntryKind::Measure => {
                let what = Text::parse(&self.what, MAX_TEXT)?;
                let responsible =
                    StaffId::parse(self.responsible.trim()).ok_or(EntryError::NoResponsible)?;
                let responsible_unit =
                    UnitId::parse(self.responsible_unit.trim()).ok_or(EntryError::NoResponsible)?;
                let start = day(&self.start)?;
                let evaluate_by = day(&self.evaluate_by)?;
                if evaluate_by < start {
                    return Err(EntryError::EvaluationBeforeStart);
                }
                Entry::Measure {
                    what,
                    responsible,
                    responsible_unit,
                    start,
                    evaluate_by,
                    goal: optional_ref(&self.goal),
                    measure_type: match self.measure_type.trim() {
                        "" => None,
                        code => Some(
                            MeasureTypeCode::parse(code).ok_or(EntryError::UnknownMeasureType)?,
                        ),
                    },
                }
            }
            EntryKind::Evaluation => {
                let measure = optional_ref(&self.measure).ok_or(EntryError::UnknownReference)?;
                let outcome =
                    Outcome::from_code(&self.outcome).ok_or(EntryError::UnknownOutcome)?;
                let learned = Text::parse(&self.learned, MAX_TEXT)?;
                let next_evaluation = optional_day(&self.next_evaluation)?;
                if outcome != Outcome::End && next_evaluation.is_none() {
                    return Err(EntryError::NoNextEvaluation);
                }
                Entry::Evaluation {
                    measure,
                    outcome,
                    learned,
                    next_evaluation: if outcome == Outcome::End {
                        None
                    } else {
                        next_evaluation
                    },
                }
            }
            EntryKind::Agreement => Entry::Agreement { text: text()? },
            EntryKind::Participant => Entry::Participant {
                unit: UnitId::parse(self.unit.trim()).ok_or(EntryError::NoUnit)?,
                task: Text::parse(&self.task, MAX_TEXT)?,
            },
            EntryKind::Observation => Entry::Observation { text: text()? },
            EntryKind::FamilyNote => Entry::FamilyNote {
                who: Text::parse(&self.who, MAX_SHORT)?,
                text: text()?,
            },
        })
    }
}

impl From<&Entry> for EntryDraft {
    /// The draft that parses back into this entry: the starting point of a
    /// correction.
    fn from(entry: &Entry) -> EntryDraft {
        let codes =
            |areas: &[DevelopmentArea]| areas.iter().map(|a| a.code().to_string()).collect();
        let mut d = EntryDraft {
            kind: entry.kind().code().to_string(),
            ..EntryDraft::default()
        };
        match entry {
            Entry::Concern { text, areas, since } => {
                d.text = text.to_string();
                d.areas = codes(areas);
                d.since = since.map(|s| s.to_string()).unwrap_or_default();
            }
            Entry::Goal { text, areas } => {
                d.text = text.to_string();
                d.areas = codes(areas);
            }
            Entry::Measure {
                what,
                responsible,
                responsible_unit,
                start,
                evaluate_by,
                goal,
                measure_type,
            } => {
                d.what = what.to_string();
                d.measure_type = measure_type
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                d.responsible = responsible.to_string();
                d.responsible_unit = responsible_unit.to_string();
                d.start = start.to_string();
                d.evaluate_by = evaluate_by.to_string();
                d.goal = goal.clone().unwrap_or_default();
            }
            Entry::Evaluation {
                measure,
                outcome,
                learned,
                next_evaluation,
            } => {
                d.measure = measure.clone();
                d.outcome = outcome.code().to_string();
                d.learned = learned.to_string();
                d.next_evaluation = next_evaluation.map(|s| s.to_string()).unwrap_or_default();
            }
            Entry::Agreement { text } | Entry::Observation { text } => d.text = text.to_string(),
            Entry::Participant { unit, task } => {
                d.unit = unit.to_string();
                d.task = task.to_string();
            }
            Entry::FamilyNote { who, text } => {
                d.who = who.to_string();
                d.text = text.to_string();
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips_through_its_draft() {
        let mut m = draft("measure");
        m.what = "Lesekurs".into();
        m.responsible = "s1".into();
        m.responsible_unit = "u1".into();
        m.start = "2026-09-01".into();
        m.evaluate_by = "2026-10-01".into();
        m.goal = "g1".into();
        let mut g = draft("goal");
        g.text = "Lese selv".into();
        g.areas = vec!["learning".into(), "language".into()];
        let mut f = draft("family_note");
        f.who = "Mor".into();
        f.text = "Han gleder seg".into();
        for d in [m, g, f] {
            let entry = d.parse().expect("valid");
            assert_eq!(EntryDraft::from(&entry).parse(), Ok(entry));
        }
    }

    fn draft(kind: &str) -> EntryDraft {
        EntryDraft {
            kind: kind.into(),
            ..EntryDraft::default()
        }
    }

    #[test]
    fn a_measure_needs_who_and_dates_in_order() {
        let mut d = draft("measure");
        d.what = "Leselyst tre ganger i uka".into();
        assert_eq!(d.parse(), Err(EntryError::NoResponsible));
        d.responsible = "staff-1".into();
        d.responsible_unit = "unit-1".into();
        d.start = "2026-09-01".into();
        d.evaluate_by = "2026-08-01".into();
        assert_eq!(d.parse(), Err(EntryError::EvaluationBeforeStart));
        d.evaluate_by = "2026-10-31".into();
        let m = d.parse().expect("valid");
        assert_eq!(m.kind(), EntryKind::Measure);
        d.evaluate_by = "2026-02-30".into();
        assert_eq!(d.parse(), Err(EntryError::BadDate));
    }

    #[test]
    fn an_evaluation_that_goes_on_needs_a_next_date() {
        let mut d = draft("evaluation");
        d.measure = "m1".into();
        d.outcome = "continue".into();
        d.learned = "Det virker".into();
        assert_eq!(d.parse(), Err(EntryError::NoNextEvaluation));
        d.outcome = "end".into();
        d.next_evaluation = "2026-12-01".into();
        match d.parse() {
            Ok(Entry::Evaluation {
                next_evaluation, ..
            }) => assert_eq!(next_evaluation, None, "an ended measure has no next date"),
            other => panic!("unexpected {other:?}"),
        }
        d.outcome = "maybe".into();
        assert_eq!(d.parse(), Err(EntryError::UnknownOutcome));
    }

    #[test]
    fn kinds_and_areas_are_codes() {
        assert_eq!(draft("diary").parse(), Err(EntryError::UnknownKind));
        let mut d = draft("goal");
        d.text = "Leke med andre i friminuttene".into();
        d.areas = vec!["social".into(), "social".into(), "language".into()];
        match d.parse() {
            Ok(Entry::Goal { areas, .. }) => assert_eq!(
                areas,
                vec![DevelopmentArea::Language, DevelopmentArea::Social]
            ),
            other => panic!("unexpected {other:?}"),
        }
        d.areas = vec!["astrology".into()];
        assert_eq!(d.parse(), Err(EntryError::UnknownArea));
        let json = serde_json::to_string(&Entry::Observation {
            text: Text::parse("Smilte", 10).expect("text"),
        })
        .expect("json");
        assert_eq!(json, r#"{"kind":"observation","text":"Smilte"}"#);
    }

    #[test]
    fn a_draft_names_the_category_it_is_kept_in() {
        let mut d = draft("observation");
        assert_eq!(d.category(), Ok(Category::RelayLog));
        d.category = " health ".into();
        assert_eq!(d.category(), Ok(Category::Health));
        d.category = "school".into();
        assert_eq!(d.category(), Ok(Category::School));
        // Plans and feedback have their own records, not entries in a log.
        for other in ["plan", "feedback", "gossip"] {
            d.category = other.into();
            assert_eq!(d.category(), Err(EntryError::UnknownCategory));
        }
    }
}
