//! When a recurring task falls due: yearly on a day of a month, every
//! quarter, or every month, on a day of the month that moves to the
//! month's last day when the month is shorter (so a task on the 31st is due
//! on 30 April, and one on 29 February on the 28th in a common year). Each
//! recurrence has exactly one occurrence in each month it touches, which is
//! what makes "the next one" easy to compute and impossible to skip.

use serde::{Deserialize, Serialize};

use super::CycleError;
use crate::Day;
use crate::org::Coded;

/// How often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecurrenceKind {
    Yearly,
    Quarterly,
    Monthly,
}

impl Coded for RecurrenceKind {
    const ALL: &'static [Self] = &[Self::Yearly, Self::Quarterly, Self::Monthly];
    const MESSAGE_PREFIX: &'static str = "cycle-every";

    fn code(self) -> &'static str {
        match self {
            RecurrenceKind::Yearly => "yearly",
            RecurrenceKind::Quarterly => "quarterly",
            RecurrenceKind::Monthly => "monthly",
        }
    }
}

/// The longest lead time for a reminder, in days.
pub const LEAD_MAX: u32 = 180;

/// A checked recurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    kind: RecurrenceKind,
    /// The month (yearly), or a month of the quarter pattern: 1, 4, 7 and 10
    /// all name the first month of each quarter. Unused for monthly.
    month: u32,
    /// The day of the month, 1–31.
    day: u32,
    /// How many days before the due date the reminder goes out.
    lead_days: u32,
}

impl Recurrence {
    pub fn new(
        kind: RecurrenceKind,
        month: u32,
        day: u32,
        lead_days: u32,
    ) -> Result<Recurrence, CycleError> {
        if !(1..=31).contains(&day) {
            return Err(CycleError::BadRecurrence);
        }
        let month = match kind {
            RecurrenceKind::Monthly => 1,
            _ if (1..=12).contains(&month) => month,
            _ => return Err(CycleError::BadRecurrence),
        };
        if lead_days > LEAD_MAX {
            return Err(CycleError::BadLeadTime);
        }
        Ok(Recurrence {
            kind,
            month,
            day,
            lead_days,
        })
    }

    pub fn kind(&self) -> RecurrenceKind {
        self.kind
    }

    pub fn month(&self) -> u32 {
        self.month
    }

    pub fn day(&self) -> u32 {
        self.day
    }

    pub fn lead_days(&self) -> u32 {
        self.lead_days
    }

    /// Whether the task has an occurrence in month `m` (1–12).
    pub fn touches(&self, m: u32) -> bool {
        match self.kind {
            RecurrenceKind::Yearly => m == self.month,
            RecurrenceKind::Quarterly => (m + 12 - self.month).is_multiple_of(3),
            RecurrenceKind::Monthly => true,
        }
    }

    /// The occurrence in month `m` of year `y`, if the task has one there.
    pub fn in_month(&self, y: i64, m: u32) -> Option<Day> {
        self.touches(m).then(|| Day::clamped(y, m, self.day))
    }

    /// The first occurrence on or after `from`.
    pub fn first_on_or_after(&self, from: Day) -> Day {
        let (mut y, mut m, _) = from.ymd();
        // A yearly task touches one month in twelve: 13 months always hold
        // an occurrence on or after `from`.
        for _ in 0..14 {
            if let Some(due) = self.in_month(y, m).filter(|d| *d >= from) {
                return due;
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        // Unreachable for a checked recurrence; a year on keeps it total.
        from.add_days(366)
    }

    /// The next occurrence strictly after `day`.
    pub fn next_after(&self, day: Day) -> Day {
        self.first_on_or_after(day.add_days(1))
    }

    /// The last occurrence on or before `to`.
    pub fn last_on_or_before(&self, to: Day) -> Day {
        let (mut y, mut m, _) = to.ymd();
        for _ in 0..14 {
            if let Some(due) = self.in_month(y, m).filter(|d| *d <= to) {
                return due;
            }
            (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        }
        to.add_days(-366)
    }

    /// Every occurrence from `from` to `to`, both included, in order.
    pub fn between(&self, from: Day, to: Day) -> Vec<Day> {
        let mut out = Vec::new();
        let mut due = self.first_on_or_after(from);
        while due <= to {
            out.push(due);
            due = self.next_after(due);
        }
        out
    }

    /// The day the reminder of the occurrence due on `due` goes out.
    pub fn reminder_day(&self, due: Day) -> Day {
        due.add_days(-i64::from(self.lead_days))
    }

    /// The occurrences whose reminder has started by `today`, for a task
    /// that exists since `since`: the last one due on or before today (if
    /// it falls on or after `since`, so that a task made today does not
    /// open last year's), and the next one once its lead time has begun.
    pub fn to_open(&self, since: Day, today: Day) -> Vec<Day> {
        let mut out = Vec::new();
        let last = self.last_on_or_before(today);
        if last >= since {
            out.push(last);
        }
        // A long lead time can reach more than one coming occurrence.
        let mut next = self.next_after(today);
        while self.reminder_day(next) <= today {
            out.push(next);
            next = self.next_after(next);
        }
        out
    }
}
