//! One meeting and what is recorded in it. The meeting itself (template,
//! time, place, leader, who is invited) is fixed when it is called; what
//! happens in it is an append-only log of [`MeetingEvent`]s, so that the
//! minutes read in the order they were written and nothing is changed
//! afterwards.

use serde::{Deserialize, Serialize};

use super::template::MeetingTemplate;
use super::{MAX_ITEMS, MeetingError, text};
use crate::day::Day;
use crate::ids::StaffId;
use crate::plan::{Measure, MeasureOrigin, PlanContent};
use crate::text::{MAX_SHORT, MAX_TEXT, Text};

/// The longest meeting, in milliseconds: twelve hours.
const MAX_LENGTH_MS: i64 = 12 * 3_600_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteeKind {
    /// A staff member, by staff id.
    Staff,
    /// A parent, guardian or other close person, by person id.
    Family,
    /// The child or young person the plan is for, by person id.
    Child,
}

impl InviteeKind {
    pub fn code(self) -> &'static str {
        match self {
            InviteeKind::Staff => "staff",
            InviteeKind::Family => "family",
            InviteeKind::Child => "child",
        }
    }
}

/// Someone invited to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    pub kind: InviteeKind,
    /// The staff id or person id.
    pub id: String,
    pub name: Text,
    /// The address an invitation goes to, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The earliest start of a meeting: 2000-01-01T00:00Z, in Unix milliseconds.
pub const EARLIEST_START_MS: i64 = 946_684_800_000;
/// The latest end of a meeting: 2100-01-01T00:00Z, in Unix milliseconds.
pub const LATEST_END_MS: i64 = 4_102_444_800_000;

/// When a meeting is held, as UTC milliseconds: made only by [`MeetingTime::new`],
/// so a meeting's time is always in order and within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingTime {
    start_ms: i64,
    end_ms: i64,
}

impl MeetingTime {
    /// A meeting ends after it starts, lasts at most twelve hours and is
    /// held between the years 2000 and 2100.
    ///
    /// Why a fixed window and not one around today: core has no clock, a
    /// fixed window gives the same answer on every server and in every
    /// test, and it still lets a municipality record meetings held long ago
    /// (from an older system) and plan years ahead. What it refuses is a
    /// typo or a crafted number (`i64::MIN`, the year 30 000) that would
    /// overflow date arithmetic and put an invalid date in an invitation's
    /// `.ics` file, whose dates have four-digit years.
    pub fn new(start_ms: i64, end_ms: i64) -> Result<MeetingTime, MeetingError> {
        if start_ms < EARLIEST_START_MS || end_ms > LATEST_END_MS {
            return Err(MeetingError::TimeOutOfRange);
        }
        if end_ms <= start_ms || end_ms - start_ms > MAX_LENGTH_MS {
            return Err(MeetingError::TimeBackwards);
        }
        Ok(MeetingTime { start_ms, end_ms })
    }

    /// When the meeting starts, in UTC milliseconds.
    pub fn start_ms(self) -> i64 {
        self.start_ms
    }

    /// When the meeting ends, in UTC milliseconds.
    pub fn end_ms(self) -> i64 {
        self.end_ms
    }

    pub fn day(self) -> Day {
        Day::from_ms(self.start_ms)
    }
}

/// A meeting as it was called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub template: MeetingTemplate,
    pub time: MeetingTime,
    /// Where, or how (video, phone).
    pub place: Text,
    pub leader: StaffId,
    pub invitees: Vec<Invitee>,
}

impl Meeting {
    pub fn new(
        template: MeetingTemplate,
        time: MeetingTime,
        place: &str,
        leader: StaffId,
        invitees: Vec<Invitee>,
    ) -> Result<Meeting, MeetingError> {
        if invitees.len() > MAX_ITEMS {
            return Err(MeetingError::TooMany);
        }
        Ok(Meeting {
            template,
            time,
            place: text(place, MAX_SHORT)?,
            leader,
            invitees,
        })
    }

    /// Who was present, as the last attendance record says.
    pub fn present<'a>(&self, events: &'a [MeetingEvent]) -> &'a [usize] {
        events
            .iter()
            .rev()
            .find_map(|e| match e {
                MeetingEvent::Attendance { present } => Some(present.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// Whether a family member (a parent, guardian or close person) took
    /// part, as the last attendance record says. The child's presence alone
    /// does not count: a decision that binds the family needs an adult of it.
    pub fn family_attended(&self, events: &[MeetingEvent]) -> bool {
        self.present(events).iter().any(|&i| {
            self.invitees
                .get(i)
                .is_some_and(|p| p.kind == InviteeKind::Family)
        })
    }

    /// An attendance record: the positions of those present, each on the
    /// invitation list.
    pub fn attendance(&self, present: Vec<usize>) -> Result<MeetingEvent, MeetingError> {
        if present.iter().any(|&i| i >= self.invitees.len()) {
            return Err(MeetingError::UnknownInvitee);
        }
        let mut present = present;
        present.sort_unstable();
        present.dedup();
        Ok(MeetingEvent::Attendance { present })
    }

    /// The rule of "no decision about me without me": a decision that
    /// concerns the family is recorded only when a family member took part
    /// or the family has confirmed it afterwards (on or after the meeting's
    /// day).
    pub fn check_decision(
        &self,
        events: &[MeetingEvent],
        decision: &Decision,
    ) -> Result<(), MeetingError> {
        if !decision.concerns_family || self.family_attended(events) {
            return Ok(());
        }
        match &decision.confirmation {
            Some(c) if c.on >= self.time.day() => Ok(()),
            Some(_) => Err(MeetingError::BadTime),
            None => Err(MeetingError::FamilyAbsent),
        }
    }
}

/// The family's confirmation of a decision made without them: who, when and
/// how (by phone, in writing…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub by: Text,
    pub on: Day,
    pub how: Text,
}

impl Confirmation {
    /// Parses a confirmation; all three fields blank is none.
    pub fn parse(by: &str, on: &str, how: &str) -> Result<Option<Confirmation>, MeetingError> {
        if [by, on, how].iter().all(|s| s.trim().is_empty()) {
            return Ok(None);
        }
        Ok(Some(Confirmation {
            by: text(by, MAX_SHORT)?,
            on: Day::parse(on.trim()).map_err(|_| MeetingError::BadTime)?,
            how: text(how, MAX_SHORT)?,
        }))
    }
}

/// A decision made in the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub text: Text,
    pub concerns_family: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<Confirmation>,
}

impl Decision {
    pub fn parse(
        decided: &str,
        concerns_family: bool,
        confirmation: Option<Confirmation>,
    ) -> Result<Decision, MeetingError> {
        Ok(Decision {
            text: text(decided, MAX_TEXT)?,
            concerns_family,
            confirmation,
        })
    }
}

/// An action item: what is to be done, who is responsible and by when,
/// under which goal of the plan. It becomes a measure in the plan in the
/// revision `revision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub what: Text,
    pub responsible: StaffId,
    pub deadline: Day,
    /// The goal's index in the plan's goals.
    pub goal: usize,
    /// The plan revision that added the measure.
    pub revision: u32,
    /// In a meeting about a relay log: the measure entry the item became
    /// (then `goal` and `revision` are 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_entry: Option<String>,
}

impl ActionItem {
    /// Parses an action item; `goal` is counted from 1 as pages show it.
    pub fn parse(
        what: &str,
        responsible: StaffId,
        deadline: &str,
        goal: &str,
        plan: &PlanContent,
    ) -> Result<ActionItem, MeetingError> {
        let goal = goal
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|&i| i < plan.goals.len())
            .ok_or(MeetingError::UnknownGoal)?;
        Ok(ActionItem {
            what: text(what, MAX_TEXT)?,
            responsible,
            deadline: Day::parse(deadline.trim()).map_err(|_| MeetingError::BadTime)?,
            goal,
            revision: 0,
            log_entry: None,
        })
    }

    /// Parses an action item of a meeting about a relay log, which has no
    /// plan goals to serve.
    pub fn parse_for_log(
        what: &str,
        responsible: StaffId,
        deadline: &str,
    ) -> Result<ActionItem, MeetingError> {
        Ok(ActionItem {
            what: text(what, MAX_TEXT)?,
            responsible,
            deadline: Day::parse(deadline.trim()).map_err(|_| MeetingError::BadTime)?,
            goal: 0,
            revision: 0,
            log_entry: None,
        })
    }
}

/// The relay-log measure an action item becomes: what, the responsible
/// person and their unit, from `today`, evaluated by the item's deadline.
/// Measures made from meetings are made here and in [`add_action_item`]
/// only, so that a new property of a measure is added in one place.
pub fn action_item_log_measure(
    item: &ActionItem,
    responsible_unit: crate::UnitId,
    today: Day,
) -> Result<crate::relay::Entry, MeetingError> {
    if item.deadline < today {
        return Err(MeetingError::BadTime);
    }
    Ok(crate::relay::Entry::Measure {
        what: item.what.clone(),
        responsible: item.responsible.clone(),
        responsible_unit,
        start: today,
        evaluate_by: item.deadline,
        goal: None,
        measure_type: None,
    })
}

/// The plan with the action item added as a measure under its goal; the
/// store writes it as a new revision.
pub fn add_action_item(
    plan: &PlanContent,
    item: &ActionItem,
    meeting_id: &str,
) -> Result<PlanContent, MeetingError> {
    if item.goal >= plan.goals.len() {
        return Err(MeetingError::UnknownGoal);
    }
    if plan.measures.len() >= crate::plan::content::MAX_ITEMS {
        return Err(MeetingError::TooMany);
    }
    let mut next = plan.clone();
    next.measures.push(Measure {
        goal: item.goal,
        what: item.what.clone(),
        how: item.what.clone(),
        contributions: Vec::new(),
        origin: Some(MeasureOrigin {
            meeting: meeting_id.to_string(),
            responsible: item.responsible.clone(),
            deadline: item.deadline,
        }),
    });
    Ok(next)
}

/// What is recorded in a meeting, in order. Never changed once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeetingEvent {
    /// Who was present: positions in the invitation list. A later record
    /// replaces an earlier one (someone came late), and both are kept.
    Attendance {
        present: Vec<usize>,
    },
    /// A line of the minutes.
    Minute {
        text: Text,
    },
    /// How the child's view was heard, and the child's own words.
    ChildVoice {
        how: Text,
        words: Text,
    },
    Decision(Decision),
    ActionItem(ActionItem),
}

impl MeetingEvent {
    pub fn minute(typed: &str) -> Result<MeetingEvent, MeetingError> {
        Ok(MeetingEvent::Minute {
            text: text(typed, MAX_TEXT)?,
        })
    }

    pub fn child_voice(how: &str, words: &str) -> Result<MeetingEvent, MeetingError> {
        Ok(MeetingEvent::ChildVoice {
            how: text(how, MAX_TEXT)?,
            words: text(words, MAX_TEXT)?,
        })
    }

    pub fn code(&self) -> &'static str {
        match self {
            MeetingEvent::Attendance { .. } => "attendance",
            MeetingEvent::Minute { .. } => "minute",
            MeetingEvent::ChildVoice { .. } => "child_voice",
            MeetingEvent::Decision(_) => "decision",
            MeetingEvent::ActionItem(_) => "action_item",
        }
    }
}
