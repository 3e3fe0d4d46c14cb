//! The deadline clock of an intake item: when it came in, when it must be
//! answered, and whether it is near or past that.

use serde::Serialize;

/// How long before the deadline an item is shown as "near".
pub const NEAR_MS: i64 = 2 * 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IntakeClock {
    pub received_at_ms: i64,
    pub deadline_ms: i64,
}

/// Where an open item stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Overdue,
    Near,
    InTime,
}

impl IntakeClock {
    /// A clock of `days` from `received_at_ms`.
    pub fn new(received_at_ms: i64, days: i64) -> IntakeClock {
        IntakeClock {
            received_at_ms,
            deadline_ms: received_at_ms.saturating_add(days.saturating_mul(86_400_000)),
        }
    }

    pub fn state(&self, now_ms: i64) -> ClockState {
        if now_ms > self.deadline_ms {
            ClockState::Overdue
        } else if self.deadline_ms - now_ms <= NEAR_MS {
            ClockState::Near
        } else {
            ClockState::InTime
        }
    }

    /// Whole days left (rounded up), negative when overdue (rounded down).
    pub fn days_left(&self, now_ms: i64) -> i64 {
        let ms = self.deadline_ms - now_ms;
        if ms >= 0 {
            (ms + 86_400_000 - 1) / 86_400_000
        } else {
            -((-ms + 86_400_000 - 1) / 86_400_000)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn a_clock_is_in_time_then_near_then_overdue() {
        let c = IntakeClock::new(0, 7);
        assert_eq!(c.deadline_ms, 7 * DAY);
        assert_eq!(c.state(0), ClockState::InTime);
        assert_eq!(c.days_left(0), 7);
        assert_eq!(c.state(5 * DAY), ClockState::Near);
        assert_eq!(c.days_left(5 * DAY + 1), 2);
        assert_eq!(c.state(7 * DAY), ClockState::Near);
        assert_eq!(c.state(7 * DAY + 1), ClockState::Overdue);
        assert_eq!(c.days_left(7 * DAY + 1), -1);
        assert_eq!(c.days_left(9 * DAY), -2);
    }

    proptest! {
        #[test]
        fn overdue_exactly_when_past_the_deadline(start in 0i64..1_000_000_000_000, days in 1i64..90, at in 0i64..200 * DAY) {
            let c = IntakeClock::new(start, days);
            let now = start + at;
            prop_assert_eq!(c.state(now) == ClockState::Overdue, now > c.deadline_ms);
            prop_assert_eq!(c.days_left(now) < 0, now > c.deadline_ms);
        }
    }
}
