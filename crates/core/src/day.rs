//! Calendar dates (`YYYY-MM-DD`, UTC) as whole days, so that deadlines and
//! evaluation dates can be compared and counted without a date library.

use std::fmt;

use serde::{Deserialize, Serialize};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A calendar date. Stored and shown as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day {
    /// Days since 1970-01-01.
    days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a date is written YYYY-MM-DD and must exist in the calendar")]
pub struct DayError;

impl DayError {
    pub fn message_key(self) -> &'static str {
        "error-bad-date"
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

impl Day {
    /// Parses `YYYY-MM-DD` for years 1900–2199, the span a child's case can touch.
    pub fn parse(text: &str) -> Result<Day, DayError> {
        let t = text.trim();
        let b = t.as_bytes();
        let shaped = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !shaped {
            return Err(DayError);
        }
        let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().map_err(|_| DayError);
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1900..=2199).contains(&y) || !(1..=12).contains(&m) {
            return Err(DayError);
        }
        if d == 0 || d > days_in_month(i64::from(y), m) {
            return Err(DayError);
        }
        Ok(Day::from_ymd(i64::from(y), m, d))
    }

    /// Days from civil date (H. Hinnant's algorithm).
    fn from_ymd(y: i64, m: u32, d: u32) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(m);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day {
            days: era * 146_097 + doe - 719_468,
        }
    }

    /// Day `d` of a month, or the month's last day when the month is
    /// shorter (31 → 30 April; 29, 30, 31 → 28 February in a common year).
    /// `m` is taken within 1–12 and `d` from 1.
    pub fn clamped(y: i64, m: u32, d: u32) -> Day {
        let m = m.clamp(1, 12);
        Day::from_ymd(y, m, d.clamp(1, days_in_month(y, m)))
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }

    /// The day a moment (Unix milliseconds) falls on, in UTC.
    pub fn from_ms(ms: i64) -> Day {
        Day {
            days: ms.div_euclid(DAY_MS),
        }
    }

    /// Midnight UTC at the start of the day, in Unix milliseconds.
    pub fn start_ms(self) -> i64 {
        self.days * DAY_MS
    }

    pub fn add_days(self, n: i64) -> Day {
        Day {
            days: self.days + n,
        }
    }

    /// Whole years from `self` (a birth date) to `other`: a person's age.
    pub fn years_until(self, other: Day) -> i64 {
        let (y1, m1, d1) = self.ymd();
        let (y2, m2, d2) = other.ymd();
        let mut years = y2 - y1;
        if (m2, d2) < (m1, d1) {
            years -= 1;
        }
        years
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Day) -> i64 {
        other.days - self.days
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl TryFrom<String> for Day {
    type Error = DayError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Day::parse(&s)
    }
}

impl From<Day> for String {
    fn from(d: Day) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(Day::parse("1970-01-01").map(|d| d.start_ms()), Ok(0));
        assert_eq!(
            Day::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Ok("2024-02-29")
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-00-10",
            "2024-04-31",
            "",
            "abcd-ef-gh",
            "1800-01-01",
        ] {
            assert_eq!(Day::parse(bad), Err(DayError), "{bad}");
        }
        let a = Day::parse("2026-11-25").expect("valid");
        assert_eq!(a.add_days(14).to_string(), "2026-12-09");
        assert_eq!(a.days_until(Day::parse("2027-01-01").expect("valid")), 37);
        assert_eq!(Day::from_ms(a.start_ms() + DAY_MS - 1), a);
        let born = Day::parse("2011-11-26").expect("valid");
        assert_eq!(born.years_until(a), 14, "the day before the birthday");
        assert_eq!(born.years_until(a.add_days(1)), 15);
        let leap = Day::parse("2012-02-29").expect("valid");
        assert_eq!(
            leap.years_until(Day::parse("2027-02-28").expect("valid")),
            14
        );
        assert_eq!(
            leap.years_until(Day::parse("2027-03-01").expect("valid")),
            15
        );
    }

    proptest! {
        #[test]
        fn text_and_days_round_trip(days in -25_000i64..80_000) {
            let d = Day { days };
            let back = Day::parse(&d.to_string());
            prop_assert_eq!(back, Ok(d));
        }
    }
}
