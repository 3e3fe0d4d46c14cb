use proptest::prelude::*;

use super::*;
use crate::Day;

fn day(s: &str) -> Day {
    Day::parse(s).expect("day")
}

fn rec(kind: RecurrenceKind, month: u32, d: u32, lead: u32) -> Recurrence {
    Recurrence::new(kind, month, d, lead).expect("recurrence")
}

/// An independent reading of "is `x` a due date": the month is one the task
/// touches and the day is its day, or the month's last day when shorter.
fn due_on(r: &Recurrence, x: Day) -> bool {
    let (y, m, d) = x.ymd();
    let last = Day::clamped(y, m, 31).ymd().2;
    r.touches(m) && d == r.day().min(last)
}

#[test]
fn the_29th_of_february_falls_on_the_28th_in_a_common_year() {
    let r = rec(RecurrenceKind::Yearly, 2, 29, 14);
    assert_eq!(r.next_after(day("2027-01-10")), day("2027-02-28"));
    assert_eq!(r.next_after(day("2027-02-28")), day("2028-02-29"));
    assert_eq!(r.next_after(day("2028-02-29")), day("2029-02-28"));
    assert_eq!(r.next_after(day("2100-01-01")), day("2100-02-28"));
    assert_eq!(r.reminder_day(day("2028-02-29")), day("2028-02-15"));
}

#[test]
fn the_31st_moves_to_the_end_of_short_months() {
    let r = rec(RecurrenceKind::Monthly, 0, 31, 0);
    let got = r.between(day("2026-01-01"), day("2026-05-31"));
    let want = [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-31",
    ];
    assert_eq!(got, want.iter().map(|d| day(d)).collect::<Vec<_>>());
}

#[test]
fn a_quarter_pattern_is_named_by_any_of_its_months() {
    let a = rec(RecurrenceKind::Quarterly, 2, 15, 0);
    let b = rec(RecurrenceKind::Quarterly, 11, 15, 0);
    let got = a.between(day("2026-01-01"), day("2026-12-31"));
    assert_eq!(got, b.between(day("2026-01-01"), day("2026-12-31")));
    let want = ["2026-02-15", "2026-05-15", "2026-08-15", "2026-11-15"];
    assert_eq!(got, want.iter().map(|d| day(d)).collect::<Vec<_>>());
}

#[test]
fn bad_recurrences_and_texts_are_refused() {
    assert_eq!(
        Recurrence::new(RecurrenceKind::Yearly, 13, 1, 0),
        Err(CycleError::BadRecurrence)
    );
    assert_eq!(
        Recurrence::new(RecurrenceKind::Monthly, 1, 32, 0),
        Err(CycleError::BadRecurrence)
    );
    assert_eq!(
        Recurrence::new(RecurrenceKind::Yearly, 1, 0, 0),
        Err(CycleError::BadRecurrence)
    );
    assert_eq!(
        Recurrence::new(RecurrenceKind::Yearly, 1, 1, 181),
        Err(CycleError::BadLeadTime)
    );
    let r = rec(RecurrenceKind::Yearly, 4, 1, 0);
    assert_eq!(
        CycleTask::new("  ", "", Audience::Municipality, r),
        Err(CycleError::EmptyTitle)
    );
    assert_eq!(
        CycleTask::new("a\u{7}b", "", Audience::Municipality, r),
        Err(CycleError::ControlCharacters)
    );
    assert_eq!(Outcome::done(" "), Err(CycleError::EmptyNote));
    assert_eq!(
        Audience::from_parts("unit", ""),
        Err(CycleError::BadAudience)
    );
    assert_eq!(
        Audience::from_parts("service_type", "school"),
        Ok(Audience::ServiceType(crate::ServiceType::School))
    );
}

#[test]
fn a_task_opens_its_last_due_occurrence_and_the_next_within_its_lead_time() {
    let r = rec(RecurrenceKind::Yearly, 4, 15, 30);
    // Made long ago: on 1 April the coming one is inside its 30 days.
    assert_eq!(
        r.to_open(day("2020-01-01"), day("2026-04-01")),
        vec![day("2025-04-15"), day("2026-04-15")]
    );
    // Made this year: last year's is none of its business.
    assert_eq!(
        r.to_open(day("2026-01-01"), day("2026-04-01")),
        vec![day("2026-04-15")]
    );
    assert!(r.to_open(day("2026-01-01"), day("2026-03-15")).is_empty());
    // Past its due date it stays open (overdue).
    assert_eq!(
        r.to_open(day("2026-01-01"), day("2026-05-02")),
        vec![day("2026-04-15")]
    );
}

#[test]
fn standing_says_overdue_in_days() {
    let due = day("2026-04-15");
    assert_eq!(
        standing(Status::Open, due, day("2026-04-18")),
        Standing::Overdue(3)
    );
    assert_eq!(
        standing(Status::Open, due, day("2026-04-15")),
        Standing::DueIn(0)
    );
    assert_eq!(
        standing(Status::Done, due, day("2026-04-18")),
        Standing::Closed
    );
}

fn any_recurrence() -> impl Strategy<Value = Recurrence> {
    (0usize..3, 1u32..=12, 1u32..=31, 0u32..=180).prop_map(|(k, m, d, lead)| {
        let kind = RecurrenceKind::ALL[k];
        Recurrence::new(kind, m, d, lead).expect("in range")
    })
}

fn any_day() -> impl Strategy<Value = Day> {
    // 1950-01-01 .. 2150-12-31
    (-7305i64..65_745).prop_map(|n| Day::clamped(1970, 1, 1).add_days(n))
}

proptest! {
    #[test]
    fn the_next_occurrence_is_after_the_day_and_due(r in any_recurrence(), d in any_day()) {
        let next = r.next_after(d);
        prop_assert!(next > d);
        prop_assert!(due_on(&r, next), "{next} is not a due date of {r:?}");
    }

    #[test]
    fn no_occurrence_is_skipped(r in any_recurrence(), d in any_day()) {
        let next = r.next_after(d);
        let mut x = d.add_days(1);
        while x < next {
            prop_assert!(!due_on(&r, x), "{x} was skipped between {d} and {next}");
            x = x.add_days(1);
        }
    }

    #[test]
    fn every_year_has_its_count_once_per_touched_month(r in any_recurrence(), y in 1950i64..2150) {
        let all = r.between(Day::clamped(y, 1, 1), Day::clamped(y, 12, 31));
        let want = match r.kind() {
            RecurrenceKind::Yearly => 1,
            RecurrenceKind::Quarterly => 4,
            RecurrenceKind::Monthly => 12,
        };
        prop_assert_eq!(all.len(), want);
        prop_assert!(all.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(all.iter().all(|d| due_on(&r, *d)));
    }

    #[test]
    fn last_and_first_agree(r in any_recurrence(), d in any_day()) {
        let last = r.last_on_or_before(d);
        prop_assert!(last <= d);
        prop_assert!(due_on(&r, last));
        prop_assert!(r.next_after(last) > d);
        prop_assert_eq!(r.first_on_or_after(last), last);
    }

    #[test]
    fn opened_occurrences_are_due_and_reminded(r in any_recurrence(), since in any_day(), today in any_day()) {
        for due in r.to_open(since, today) {
            prop_assert!(due_on(&r, due));
            prop_assert!(r.reminder_day(due) <= today);
        }
    }
}
