//! Meeting times as typed: a local date and `HH:MM` in Norway and Denmark,
//! turned into UTC by finding the offset whose local reading matches what
//! was typed (CET or CEST), using the same clock the pages show.

use ettlag_core::Day;
use ettlag_core::meeting::MeetingError;

use crate::views::time::day;
use crate::views::time::moment;

const HOUR_MS: i64 = 3_600_000;

/// Minutes after midnight of `HH:MM`.
fn minutes(typed: &str) -> Result<i64, MeetingError> {
    let (h, m) = typed.trim().split_once(':').ok_or(MeetingError::BadTime)?;
    let (h, m): (i64, i64) = (
        h.parse().map_err(|_| MeetingError::BadTime)?,
        m.parse().map_err(|_| MeetingError::BadTime)?,
    );
    if !(0..24).contains(&h) || !(0..60).contains(&m) || m.to_string().len() > 2 {
        return Err(MeetingError::BadTime);
    }
    Ok(h * 60 + m)
}

/// The UTC moment of a local date and time.
pub fn local_to_utc(date: &str, clock: &str) -> Result<i64, MeetingError> {
    let d = Day::parse(date.trim()).map_err(|_| MeetingError::BadTime)?;
    let mins = minutes(clock)?;
    let local = d.start_ms() + mins * 60_000;
    let wanted = format!("{} {:02}:{:02}", day(d), mins / 60, mins % 60);
    [HOUR_MS, 2 * HOUR_MS]
        .into_iter()
        .map(|offset| local - offset)
        .find(|utc| moment(*utc) == wanted)
        // A time skipped when the clocks go forward: read as winter time.
        .or(Some(local - HOUR_MS))
        .ok_or(MeetingError::BadTime)
}

/// The local `HH:MM` of a moment.
pub fn clock(at_ms: i64) -> String {
    moment(at_ms)
        .split_once(' ')
        .map(|(_, t)| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_become_utc_in_winter_and_summer() {
        let winter = local_to_utc("2026-01-15", "10:00").expect("winter");
        assert_eq!(moment(winter), "15.01.2026 10:00");
        assert_eq!(winter % 86_400_000, 9 * HOUR_MS);
        let summer = local_to_utc("2026-06-15", "10:00").expect("summer");
        assert_eq!(summer % 86_400_000, 8 * HOUR_MS);
        assert_eq!(clock(summer), "10:00");
        assert!(local_to_utc("2026-06-15", "25:00").is_err());
        assert!(local_to_utc("15.06.2026", "10:00").is_err());
        assert!(local_to_utc("2026-06-15", "ti").is_err());
    }
}
