//! The decision rule, the action item that becomes a measure, the typed
//! template and poster, the invitation's escaping and folding, and the
//! meeting policy being the plan's.

use proptest::prelude::*;

use super::ics::{Invitation, escape, fold, utc};
use super::*;
use crate::day::Day;
use crate::ids::{StaffId, TenantId, UnitId};
use crate::org::{Coded, Role, RoleSet};
use crate::plan::{GoalDraft, PlanDraft};
use crate::policy::{Action, Actor, PlanFacts, Purpose};

fn staff(s: &str) -> StaffId {
    StaffId::from_trusted(s.into())
}

fn invitee(kind: InviteeKind, id: &str) -> Invitee {
    Invitee {
        kind,
        id: id.into(),
        name: crate::text::Text::builtin("Navn"),
        email: None,
    }
}

fn meeting() -> Meeting {
    let start = Day::parse("2026-03-10").map(Day::start_ms).unwrap_or(0) + 9 * 3_600_000;
    Meeting::new(
        MeetingTemplate::default_template(),
        MeetingTime::new(start, start + 3_600_000).expect("time"),
        "Skolen, møterom 2",
        staff("kari"),
        vec![
            invitee(InviteeKind::Staff, "kari"),
            invitee(InviteeKind::Family, "mor"),
            invitee(InviteeKind::Child, "barn"),
        ],
    )
    .expect("meeting")
}

fn about_family() -> Decision {
    Decision::parse("Ada får leksehjelp to dager i uka", true, None).expect("decision")
}

#[test]
fn a_decision_about_the_family_needs_the_family_present() {
    let m = meeting();
    let nobody: Vec<MeetingEvent> = vec![];
    assert_eq!(
        m.check_decision(&nobody, &about_family()),
        Err(MeetingError::FamilyAbsent)
    );
    // Staff and the child alone are not the family.
    let without = vec![m.attendance(vec![0, 2]).expect("attendance")];
    assert_eq!(
        m.check_decision(&without, &about_family()),
        Err(MeetingError::FamilyAbsent)
    );
    let with = vec![m.attendance(vec![0, 1]).expect("attendance")];
    assert_eq!(m.check_decision(&with, &about_family()), Ok(()));
    // The last attendance record counts: the parent left.
    let left = vec![
        m.attendance(vec![0, 1]).expect("attendance"),
        m.attendance(vec![0]).expect("attendance"),
    ];
    assert_eq!(
        m.check_decision(&left, &about_family()),
        Err(MeetingError::FamilyAbsent)
    );
}

#[test]
fn a_decision_not_about_the_family_needs_no_one() {
    let m = meeting();
    let d = Decision::parse("Skolen kjøper inn nye lesebøker", false, None).expect("decision");
    assert_eq!(m.check_decision(&[], &d), Ok(()));
}

#[test]
fn the_familys_later_confirmation_lets_a_decision_be_recorded() {
    let m = meeting();
    let confirmation = Confirmation::parse("Mor", "2026-03-11", "på telefon").expect("parse");
    let d = Decision::parse("Leksehjelp", true, confirmation).expect("decision");
    assert_eq!(m.check_decision(&[], &d), Ok(()));
    // A confirmation dated before the meeting is not a confirmation of it.
    let early = Confirmation::parse("Mor", "2026-03-01", "på telefon").expect("parse");
    let d = Decision::parse("Leksehjelp", true, early).expect("decision");
    assert_eq!(m.check_decision(&[], &d), Err(MeetingError::BadTime));
    assert_eq!(Confirmation::parse(" ", "", ""), Ok(None));
    assert_eq!(
        Confirmation::parse("Mor", "i går", "telefon"),
        Err(MeetingError::BadTime)
    );
}

#[test]
fn attendance_names_only_invitees() {
    let m = meeting();
    assert_eq!(m.attendance(vec![3]), Err(MeetingError::UnknownInvitee));
    assert_eq!(
        m.attendance(vec![1, 0, 1]),
        Ok(MeetingEvent::Attendance {
            present: vec![0, 1]
        })
    );
}

#[test]
fn times_run_forwards_and_end_the_same_day() {
    let t = 1_900_000_000_000;
    assert_eq!(MeetingTime::new(t, t), Err(MeetingError::TimeBackwards));
    assert_eq!(
        MeetingTime::new(t, t + 13 * 3_600_000),
        Err(MeetingError::TimeBackwards)
    );
}

#[test]
fn the_window_starts_in_the_year_2000_and_ends_in_the_year_2100() {
    use super::record::{EARLIEST_START_MS, LATEST_END_MS};
    let day = |d: &str| Day::parse(d).map(Day::start_ms).unwrap_or(0);
    assert_eq!(EARLIEST_START_MS, day("2000-01-01"));
    assert_eq!(LATEST_END_MS, day("2100-01-01"));
}

#[test]
fn a_meeting_outside_the_years_2000_to_2100_is_refused() {
    use super::record::{EARLIEST_START_MS, LATEST_END_MS};
    let hour = 3_600_000;
    for (start, end) in [
        (i64::MIN, i64::MIN + hour),
        (i64::MAX - hour, i64::MAX),
        (EARLIEST_START_MS - 1, EARLIEST_START_MS + hour),
        (LATEST_END_MS - hour, LATEST_END_MS + 1),
        (-hour, 0),
    ] {
        assert_eq!(
            MeetingTime::new(start, end),
            Err(MeetingError::TimeOutOfRange),
            "{start}..{end}"
        );
    }
    // A crafted pair that would overflow `end - start` is refused first.
    assert_eq!(
        MeetingTime::new(i64::MIN, i64::MAX),
        Err(MeetingError::TimeOutOfRange)
    );
}

#[test]
fn a_meeting_at_the_edges_of_the_window_is_accepted() {
    use super::record::{EARLIEST_START_MS, LATEST_END_MS};
    let hour = 3_600_000;
    let first = MeetingTime::new(EARLIEST_START_MS, EARLIEST_START_MS + hour);
    assert_eq!(first.map(MeetingTime::start_ms), Ok(EARLIEST_START_MS));
    let last = MeetingTime::new(LATEST_END_MS - hour, LATEST_END_MS);
    assert_eq!(last.map(MeetingTime::end_ms), Ok(LATEST_END_MS));
}

fn plan() -> crate::plan::PlanContent {
    PlanDraft {
        what_matters: "Vennene mine".into(),
        needs_and_dreams: "Spille fotball".into(),
        goals: vec![GoalDraft {
            master: "Lese en bok".into(),
            by: "2026-12-01".into(),
            know_by: "Hun forteller om den".into(),
        }],
        period_start: "2026-01-01".into(),
        period_end: "2026-12-31".into(),
        next_revision: "2026-06-01".into(),
        ..Default::default()
    }
    .parse()
    .expect("plan")
}

#[test]
fn an_action_item_becomes_a_measure_under_its_goal() {
    let p = plan();
    let item =
        ActionItem::parse("Leksehjelp tirsdag", staff("per"), "2026-04-01", "1", &p).expect("item");
    let next = add_action_item(&p, &item, "m1").expect("added");
    assert_eq!(next.measures.len(), p.measures.len() + 1);
    let m = next.measures.last().expect("measure");
    assert_eq!(m.goal, 0);
    assert_eq!(m.what.as_str(), "Leksehjelp tirsdag");
    let origin = m.origin.as_ref().expect("origin");
    assert_eq!(origin.meeting, "m1");
    assert_eq!(origin.responsible, staff("per"));
    // The measure survives a revision through the form's draft.
    let again = PlanDraft::from(&next).parse().expect("reparse");
    assert_eq!(again, next);
    assert_eq!(
        ActionItem::parse("x", staff("per"), "2026-04-01", "2", &p),
        Err(MeetingError::UnknownGoal)
    );
    assert_eq!(
        ActionItem::parse("x", staff("per"), "1. april", "1", &p),
        Err(MeetingError::BadTime)
    );
    assert_eq!(
        ActionItem::parse(" ", staff("per"), "2026-04-01", "1", &p),
        Err(MeetingError::Empty)
    );
}

#[test]
fn a_typed_template_and_poster_parse_and_print_back() {
    let t = MeetingTemplate::default_template();
    assert_eq!(t.parts.len(), 3);
    assert_eq!(TemplateDraft::from(&t).parse(), Ok(t));
    let bad = TemplateDraft {
        name: "Møte".into(),
        purpose: "p".into(),
        form: "f".into(),
        leads: "l".into(),
        parts: "no colon here".into(),
    };
    assert_eq!(bad.parse(), Err(MeetingError::BadTemplate));
    let poster = ValuesPoster::parse(ValuesPoster::sample()).expect("sample");
    assert_eq!(poster.values.len(), 3);
    assert_eq!(poster.values[0].norms.len(), 2);
    assert_eq!(poster.values[0].taboos.len(), 1);
    assert_eq!(ValuesPoster::parse(&poster.typed()), Ok(poster));
    assert_eq!(
        ValuesPoster::parse("Respekt\nuten tegn"),
        Err(MeetingError::BadPoster)
    );
    assert_eq!(ValuesPoster::parse(""), Ok(ValuesPoster::default()));
}

#[test]
fn ics_text_is_escaped() {
    assert_eq!(escape("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
}

#[test]
fn ics_lines_fold_at_75_octets_without_splitting_a_character() {
    let long = format!("SUMMARY:{}", "æ".repeat(60));
    let folded = fold(&long);
    assert!(folded.ends_with("\r\n"));
    for line in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(line.len() <= 75, "{} octets", line.len());
    }
    let unfolded: String = folded
        .trim_end_matches("\r\n")
        .split("\r\n")
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { &l[1..] })
        .collect();
    assert_eq!(unfolded, long);
    assert_eq!(fold("SHORT"), "SHORT\r\n");
}

#[test]
fn an_invitation_is_a_calendar_in_utc_with_crlf() {
    let start = Day::parse("2026-03-10").map(Day::start_ms).unwrap_or(0) + 9 * 3_600_000;
    let ics = Invitation {
        uid: "m1@ettlag",
        stamp_ms: start - 86_400_000,
        start_ms: start,
        end_ms: start + 5_400_000,
        summary: "Møte om planen",
        location: "Skolen, rom 2",
        description: "",
        organizer: Some(("Kari Lærer", "kari@example.no")),
        attendees: vec![("Mor", "mor@example.no"), ("Bad", "x\r\nEVIL:1")],
    }
    .write();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART:20260310T090000Z\r\n"));
    assert!(ics.contains("DTEND:20260310T103000Z\r\n"));
    assert!(ics.contains("LOCATION:Skolen\\, rom 2\r\n"));
    assert!(ics.contains("ORGANIZER;CN=\"Kari Lærer\":mailto:kari@example.no\r\n"));
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains(
        "ATTENDEE;CN=\"Mor\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:mor@example.no\r\n"
    ));
    assert!(!ics.contains("EVIL"));
    assert!(!ics.replace("\r\n", "").contains('\n'));
    assert_eq!(utc(0), "19700101T000000Z");
}

fn arb_roles() -> impl Strategy<Value = Vec<Role>> {
    proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..3)
}

fn arb_op() -> impl Strategy<Value = MeetingOp> {
    proptest::sample::select(vec![
        MeetingOp::Read,
        MeetingOp::List,
        MeetingOp::Record,
        MeetingOp::ReviseThePlan,
    ])
}

proptest! {
    /// Whoever may read or write the plan may do the same with its meetings,
    /// and no one else: the meeting's decision is the plan's.
    #[test]
    fn a_meeting_is_decided_as_its_plan(
        roles in arb_roles(),
        op in arb_op(),
        own in proptest::collection::vec(0usize..3, 0..3),
        person in proptest::collection::vec(0usize..3, 0..2),
        consented in proptest::collection::vec(0usize..3, 0..2),
        coordinating in proptest::collection::vec(0usize..3, 0..2),
        is_coordinator in any::<bool>(),
        restricted in any::<bool>(),
        emergency in any::<bool>(),
        other_tenant in any::<bool>(),
        purpose in proptest::sample::select(vec![Purpose::FollowUp, Purpose::Administration, Purpose::Triage]),
    ) {
        let unit = |i: &usize| UnitId::from_trusted(format!("u{i}"));
        let units = |v: &[usize]| v.iter().map(unit).collect::<Vec<_>>();
        let t1 = TenantId::from_trusted("t1".into());
        let actor = Actor {
            tenant: TenantId::from_trusted(if other_tenant { "t2" } else { "t1" }.into()),
            staff: staff("a"),
            roles: RoleSet::new(roles),
            units: units(&own),
        };
        let (person, consented, coordinating) = (units(&person), units(&consented), units(&coordinating));
        let coordinators = if is_coordinator { vec![staff("a")] } else { vec![] };
        let facts = PlanFacts {
            tenant: &t1,
            person_units: &person,
            consented_units: &consented,
            refused_units: &[],
            coordinators: &coordinators,
            coordinating_units: &coordinating,
            restricted,
            emergency,
        };
        let meeting = decide_meeting(&actor, purpose, op, &facts);
        let plan = crate::policy::decide(&actor, purpose, op.action(), &crate::policy::Subject::Plan(facts.clone()));
        prop_assert_eq!(meeting, plan);
        // An action item revises the plan: never allowed where revising is not.
        let revise = crate::policy::decide(&actor, purpose, Action::Update, &crate::policy::Subject::Plan(facts.clone()));
        if op == MeetingOp::ReviseThePlan {
            prop_assert_eq!(meeting.is_allowed(), revise.is_allowed());
        }
        // Break-the-glass never records in a meeting.
        if !meeting.is_allowed() || op == MeetingOp::Read || op == MeetingOp::List {
            // nothing more to check
        } else {
            prop_assert_ne!(meeting, crate::policy::Decision::Allow(crate::policy::Grant::EmergencyAccess));
        }
    }
}
