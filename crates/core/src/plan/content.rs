//! What an individual plan holds: the nine content points of the regulation
//! on individual plans (reference/domain.md §2), with the person's own words
//! first. Raw input ([`PlanDraft`]) is parsed once into [`PlanContent`]; past
//! that point every field is known to be well-formed.
//!
//! Where the nine points live:
//! 1. goals, resources and needs: `what_matters`, `needs_and_dreams`,
//!    `resources`, `goals`;
//! 2. participants: `participants`;
//! 3. who coordinates: the coordinator assignment, kept apart from the plan
//!    because a coordinator is offered even without a plan;
//! 4. what the person, services and relatives contribute: each measure's
//!    `contributions`;
//! 5. measures, scope and who is responsible: `measures`;
//! 6. how the measures are carried out: each measure's `how`;
//! 7. plan period and revision: `period` and `next_revision`;
//! 8. consent: `consent`, a reference to the consent ledger;
//! 9. cooperation with other agencies: `cooperation`.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::ids::{StaffId, UnitId};
use crate::text::{MAX_TEXT, Text, TextError};

/// The longest short text (a relative's name, a consent reference).
pub const MAX_SHORT: usize = 200;
/// A plan holds at most this many goals, and this many measures.
pub const MAX_ITEMS: usize = 50;

/// One goal: what the person will master, by when, and how we will know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub master: Text,
    pub by: Day,
    pub know_by: Text,
}

/// Who contributes to a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Contributor {
    /// The person the plan is for.
    Person,
    /// A service, by its unit.
    Unit { unit: UnitId },
    /// A relative, by name as the family gives it.
    Relative { name: Text },
}

/// What one contributor does for a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub who: Contributor,
    pub what: Text,
}

/// One measure, serving one goal of the same plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// The index of the goal it serves in the plan's `goals`.
    pub goal: usize,
    pub what: Text,
    /// How it is carried out, and its scope.
    pub how: Text,
    pub contributions: Vec<Contribution>,
    /// The meeting whose action item this measure is, with the one
    /// responsible and the deadline agreed there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<MeasureOrigin>,
}

/// Where a measure came from when a meeting agreed it as an action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureOrigin {
    /// The meeting's id.
    pub meeting: String,
    pub responsible: StaffId,
    pub deadline: Day,
}

/// The plan period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Day,
    pub end: Day,
}

/// The content of one revision of a plan, well-formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    /// "What matters to you", in the person's own words.
    pub what_matters: Text,
    pub needs_and_dreams: Text,
    pub resources: Option<Text>,
    pub goals: Vec<Goal>,
    pub measures: Vec<Measure>,
    pub participants: Option<Text>,
    pub cooperation: Option<Text>,
    pub period: Period,
    pub next_revision: Day,
    /// The consent to the plan and to sharing, as the ledger names it.
    pub consent: Option<Text>,
}

impl PlanContent {
    /// The measures serving one goal, in order.
    pub fn measures_for(&self, goal: usize) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(move |m| m.goal == goal)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("a required text is empty")]
    Empty,
    #[error("a text is too long")]
    TooLong,
    #[error("a text holds control characters")]
    ControlCharacters,
    #[error("a date is not valid")]
    BadDate,
    #[error("the plan period ends before it starts")]
    PeriodBackwards,
    #[error("the next revision is outside the plan period")]
    RevisionOutsidePeriod,
    #[error("a plan needs at least one goal")]
    NoGoal,
    #[error("too many goals or measures")]
    TooMany,
    #[error("a measure serves a goal that is not in the plan")]
    UnknownGoal,
    #[error("unknown kind of contributor")]
    UnknownContributor,
    #[error("a service contributing needs a unit")]
    NoUnit,
    #[error("a revision needs a reason")]
    NoReason,
}

impl PlanError {
    pub fn message_key(self) -> &'static str {
        match self {
            PlanError::Empty => "plan-error-empty",
            PlanError::TooLong => "plan-error-too-long",
            PlanError::ControlCharacters => "plan-error-control",
            PlanError::BadDate => "error-bad-date",
            PlanError::PeriodBackwards => "plan-error-period",
            PlanError::RevisionOutsidePeriod => "plan-error-revision-date",
            PlanError::NoGoal => "plan-error-no-goal",
            PlanError::TooMany => "plan-error-too-many",
            PlanError::UnknownGoal => "plan-error-goal",
            PlanError::UnknownContributor => "plan-error-contributor",
            PlanError::NoUnit => "plan-error-unit",
            PlanError::NoReason => "plan-error-reason",
        }
    }
}

impl From<TextError> for PlanError {
    fn from(e: TextError) -> Self {
        match e {
            TextError::Empty => PlanError::Empty,
            TextError::TooLong => PlanError::TooLong,
            TextError::ControlCharacters => PlanError::ControlCharacters,
        }
    }
}

/// A goal as it arrives from a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDraft {
    pub master: String,
    pub by: String,
    pub know_by: String,
}

/// A contribution as it arrives from a form: `kind` is `person`, `unit` or
/// `relative`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionDraft {
    pub kind: String,
    pub unit: String,
    pub name: String,
    pub what: String,
}

/// A measure as it arrives from a form; `goal` is the goal's position,
/// counted from 1 as the page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureDraft {
    pub goal: String,
    pub what: String,
    pub how: String,
    pub contributions: Vec<ContributionDraft>,
    /// Kept as it was when the measure came from a meeting, so that a
    /// revision does not lose who is responsible and by when.
    #[serde(default)]
    pub origin: Option<MeasureOrigin>,
}

/// A plan as it arrives from a form or the API: every field text, kept as
/// typed so that a refused form can be shown again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDraft {
    pub what_matters: String,
    pub needs_and_dreams: String,
    pub resources: String,
    pub goals: Vec<GoalDraft>,
    pub measures: Vec<MeasureDraft>,
    pub participants: String,
    pub cooperation: String,
    pub period_start: String,
    pub period_end: String,
    pub next_revision: String,
    pub consent: String,
}

fn text(s: &str, max: usize) -> Result<Text, PlanError> {
    Ok(Text::parse(s, max)?)
}

fn optional(s: &str, max: usize) -> Result<Option<Text>, PlanError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        text(s, max).map(Some)
    }
}

fn day(s: &str) -> Result<Day, PlanError> {
    Day::parse(s).map_err(|_| PlanError::BadDate)
}

impl PlanDraft {
    /// Parses the draft. Goals and measures left entirely blank on the form
    /// are dropped, so that a form may offer empty rows.
    pub fn parse(&self) -> Result<PlanContent, PlanError> {
        let what_matters = text(&self.what_matters, MAX_TEXT)?;
        let needs_and_dreams = text(&self.needs_and_dreams, MAX_TEXT)?;
        let resources = optional(&self.resources, MAX_TEXT)?;
        let goals = self
            .goals
            .iter()
            .filter(|g| !blank(&[&g.master, &g.by, &g.know_by]))
            .map(|g| {
                Ok(Goal {
                    master: text(&g.master, MAX_TEXT)?,
                    by: day(&g.by)?,
                    know_by: text(&g.know_by, MAX_TEXT)?,
                })
            })
            .collect::<Result<Vec<_>, PlanError>>()?;
        if goals.is_empty() {
            return Err(PlanError::NoGoal);
        }
        let measures = self
            .measures
            .iter()
            .filter(|m| !blank(&[&m.what, &m.how]) || m.contributions.iter().any(|c| !c.is_blank()))
            .map(|m| m.parse(goals.len()))
            .collect::<Result<Vec<_>, PlanError>>()?;
        if goals.len() > MAX_ITEMS || measures.len() > MAX_ITEMS {
            return Err(PlanError::TooMany);
        }
        let period = Period {
            start: day(&self.period_start)?,
            end: day(&self.period_end)?,
        };
        if period.end < period.start {
            return Err(PlanError::PeriodBackwards);
        }
        let next_revision = day(&self.next_revision)?;
        if next_revision < period.start || next_revision > period.end {
            return Err(PlanError::RevisionOutsidePeriod);
        }
        Ok(PlanContent {
            what_matters,
            needs_and_dreams,
            resources,
            goals,
            measures,
            participants: optional(&self.participants, MAX_TEXT)?,
            cooperation: optional(&self.cooperation, MAX_TEXT)?,
            period,
            next_revision,
            consent: optional(&self.consent, MAX_SHORT)?,
        })
    }
}

fn blank(fields: &[&String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

impl MeasureDraft {
    fn parse(&self, goals: usize) -> Result<Measure, PlanError> {
        let goal = self
            .goal
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|&i| i < goals)
            .ok_or(PlanError::UnknownGoal)?;
        let contributions = self
            .contributions
            .iter()
            .filter(|c| !c.is_blank())
            .map(ContributionDraft::parse)
            .collect::<Result<Vec<_>, PlanError>>()?;
        if contributions.len() > MAX_ITEMS {
            return Err(PlanError::TooMany);
        }
        Ok(Measure {
            goal,
            what: text(&self.what, MAX_TEXT)?,
            how: text(&self.how, MAX_TEXT)?,
            contributions,
            origin: self.origin.clone(),
        })
    }
}

impl ContributionDraft {
    /// A row nobody wrote in: the kind and unit come from choices a form
    /// always sends, so only the typed fields count.
    pub fn is_blank(&self) -> bool {
        blank(&[&self.name, &self.what])
    }

    fn parse(&self) -> Result<Contribution, PlanError> {
        let who = match self.kind.trim() {
            "person" => Contributor::Person,
            "unit" => Contributor::Unit {
                unit: UnitId::parse(self.unit.trim()).ok_or(PlanError::NoUnit)?,
            },
            "relative" => Contributor::Relative {
                name: text(&self.name, MAX_SHORT)?,
            },
            _ => return Err(PlanError::UnknownContributor),
        };
        Ok(Contribution {
            who,
            what: text(&self.what, MAX_TEXT)?,
        })
    }
}

impl From<&PlanContent> for PlanDraft {
    /// The draft a revision form starts from: the plan as it stands.
    fn from(p: &PlanContent) -> Self {
        let s = |t: &Option<Text>| t.as_ref().map(|t| t.to_string()).unwrap_or_default();
        PlanDraft {
            what_matters: p.what_matters.to_string(),
            needs_and_dreams: p.needs_and_dreams.to_string(),
            resources: s(&p.resources),
            goals: p
                .goals
                .iter()
                .map(|g| GoalDraft {
                    master: g.master.to_string(),
                    by: g.by.to_string(),
                    know_by: g.know_by.to_string(),
                })
                .collect(),
            measures: p
                .measures
                .iter()
                .map(|m| MeasureDraft {
                    goal: (m.goal + 1).to_string(),
                    what: m.what.to_string(),
                    how: m.how.to_string(),
                    contributions: m
                        .contributions
                        .iter()
                        .map(|c| {
                            let (kind, unit, name) = match &c.who {
                                Contributor::Person => ("person", String::new(), String::new()),
                                Contributor::Unit { unit } => {
                                    ("unit", unit.as_str().to_string(), String::new())
                                }
                                Contributor::Relative { name } => {
                                    ("relative", String::new(), name.to_string())
                                }
                            };
                            ContributionDraft {
                                kind: kind.into(),
                                unit,
                                name,
                                what: c.what.to_string(),
                            }
                        })
                        .collect(),
                    origin: m.origin.clone(),
                })
                .collect(),
            participants: s(&p.participants),
            cooperation: s(&p.cooperation),
            period_start: p.period.start.to_string(),
            period_end: p.period.end.to_string(),
            next_revision: p.next_revision.to_string(),
            consent: s(&p.consent),
        }
    }
}
