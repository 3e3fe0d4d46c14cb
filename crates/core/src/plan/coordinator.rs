//! Coordinators: assigned by the coordinating unit, offered to anyone with
//! long-term coordinated needs even without a plan. A child coordinator
//! (barnekoordinator) is the family's right when a child has serious illness,
//! injury or disability (reference/domain.md §2).

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::org::Coded;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoordinatorKind {
    Coordinator,
    ChildCoordinator,
}

impl Coded for CoordinatorKind {
    const ALL: &'static [Self] = &[Self::Coordinator, Self::ChildCoordinator];
    const MESSAGE_PREFIX: &'static str = "coordinator-kind";

    fn code(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::ChildCoordinator => "child_coordinator",
        }
    }
}

/// What is due on a coordinator's caseload line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Coordinated without a plan: offer one if the person wants it.
    NoPlan,
    /// The plan's revision date has passed.
    RevisionOverdue,
    /// The revision date is within the next fortnight.
    RevisionSoon,
    Nothing,
}

/// How far ahead a revision date counts as soon due.
pub const SOON_DAYS: i64 = 14;

impl Due {
    /// What is due, given the plan's next revision date if there is a plan.
    pub fn of(next_revision: Option<Day>, today: Day) -> Due {
        match next_revision {
            None => Due::NoPlan,
            Some(d) if d <= today => Due::RevisionOverdue,
            Some(d) if d <= today.add_days(SOON_DAYS) => Due::RevisionSoon,
            Some(_) => Due::Nothing,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Due::NoPlan => "no_plan",
            Due::RevisionOverdue => "revision_overdue",
            Due::RevisionSoon => "revision_soon",
            Due::Nothing => "nothing",
        }
    }
}
