//! Times and dates as Norwegian and Danish users read them: local time in
//! Norway and Denmark (CET, with summer time by the EU rule), `dd.mm.yyyy`.

use ettlag_core::Day;

const HOUR_MS: i64 = 3_600_000;

/// The last Sunday of a month, as a day.
fn last_sunday(year: i64, month: u32) -> Day {
    let first_next = if month == 12 {
        Day::parse(&format!("{:04}-01-01", year + 1))
    } else {
        Day::parse(&format!("{year:04}-{:02}-01", month + 1))
    };
    let last = first_next
        .map(|d| d.add_days(-1))
        .unwrap_or(Day::from_ms(0));
    // 1970-01-01 was a Thursday: days since then, shifted so Sunday is 0.
    let weekday = (Day::from_ms(0).days_until(last) + 4).rem_euclid(7);
    last.add_days(-weekday)
}

/// The offset from UTC in Norway and Denmark at a moment: summer time from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
fn offset_ms(at_ms: i64) -> i64 {
    let (year, _, _) = Day::from_ms(at_ms).ymd();
    let start = last_sunday(year, 3).start_ms() + HOUR_MS;
    let end = last_sunday(year, 10).start_ms() + HOUR_MS;
    if (start..end).contains(&at_ms) {
        2 * HOUR_MS
    } else {
        HOUR_MS
    }
}

/// A day as `dd.mm.yyyy`.
pub fn day(d: Day) -> String {
    let (y, m, dd) = d.ymd();
    format!("{dd:02}.{m:02}.{y:04}")
}

/// A moment as local `dd.mm.yyyy hh:mm`.
pub fn moment(at_ms: i64) -> String {
    let local = at_ms + offset_ms(at_ms);
    let d = Day::from_ms(local);
    let minutes = (local - d.start_ms()) / 60_000;
    format!("{} {:02}:{:02}", day(d), minutes / 60, minutes % 60)
}

/// The local time of day of a moment, `hh:mm`.
pub fn clock(at_ms: i64) -> String {
    let local = at_ms + offset_ms(at_ms);
    let minutes = (local - Day::from_ms(local).start_ms()) / 60_000;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Today in local time, for comparing with evaluation dates.
pub fn today_local(now_ms: i64) -> Day {
    Day::from_ms(now_ms + offset_ms(now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        Day::parse(s).expect("date").start_ms()
    }

    #[test]
    fn summer_and_winter_time() {
        assert_eq!(moment(at("2026-01-15") + 12 * HOUR_MS), "15.01.2026 13:00");
        assert_eq!(moment(at("2026-07-01") + 12 * HOUR_MS), "01.07.2026 14:00");
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(moment(at("2026-03-29") + HOUR_MS - 1), "29.03.2026 01:59");
        assert_eq!(moment(at("2026-03-29") + HOUR_MS), "29.03.2026 03:00");
        assert_eq!(
            moment(at("2026-10-25") + HOUR_MS - 60_000),
            "25.10.2026 02:59"
        );
        assert_eq!(moment(at("2026-10-25") + HOUR_MS), "25.10.2026 02:00");
        assert_eq!(
            moment(at("2026-12-31") + 23 * HOUR_MS + 30 * 60_000),
            "01.01.2027 00:30"
        );
        assert_eq!(
            clock(at("2026-12-31") + 23 * HOUR_MS + 30 * 60_000),
            "00:30"
        );
        assert_eq!(clock(at("2026-07-01") + 12 * HOUR_MS + 5 * 60_000), "14:05");
    }
}
