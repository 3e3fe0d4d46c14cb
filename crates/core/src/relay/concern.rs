//! Level 0: a staff member wonders about a child. A clock runs until someone
//! decides what happens next (14 days by default; configurable per municipality).

use serde::{Deserialize, Serialize};

use super::level::Level;

/// What a concern ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "decision", content = "level")]
pub enum ConcernDecision {
    /// No need to go on.
    Close,
    /// Start a relay log at a level.
    StartLog(Level),
    /// Report to child welfare (the duty to report overrides consent).
    ReportToChildWelfare,
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The level-0 clock of one concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConcernClock {
    pub raised_at_ms: i64,
    pub deadline_ms: i64,
}

impl ConcernClock {
    /// Starts the clock when a concern is raised, with the municipality's
    /// number of days to decide (at least one).
    pub fn start(raised_at_ms: i64, days_to_decide: u16) -> ConcernClock {
        let days = i64::from(days_to_decide.max(1));
        ConcernClock {
            raised_at_ms,
            deadline_ms: raised_at_ms.saturating_add(days * DAY_MS),
        }
    }

    pub fn is_overdue(&self, now_ms: i64) -> bool {
        now_ms > self.deadline_ms
    }

    /// Whole days left to decide, rounded up; negative once overdue.
    pub fn days_left(&self, now_ms: i64) -> i64 {
        let left = self.deadline_ms - now_ms;
        if left >= 0 {
            (left + DAY_MS - 1) / DAY_MS
        } else {
            -((-left + DAY_MS - 1) / DAY_MS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_runs_fourteen_days_by_default_and_then_is_overdue() {
        let clock = ConcernClock::start(0, 14);
        assert_eq!(clock.days_left(0), 14);
        assert_eq!(clock.days_left(13 * DAY_MS + 1), 1);
        assert!(!clock.is_overdue(14 * DAY_MS));
        assert!(clock.is_overdue(14 * DAY_MS + 1));
        assert_eq!(clock.days_left(15 * DAY_MS), -1);
        assert_eq!(
            ConcernClock::start(0, 0).deadline_ms,
            DAY_MS,
            "at least one day"
        );
    }
}
