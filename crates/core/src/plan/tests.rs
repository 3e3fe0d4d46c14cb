//! Parsing a plan, and its append-only history.

use super::*;
use crate::day::Day;
use crate::ids::StaffId;
use crate::text::Text;

fn draft() -> PlanDraft {
    PlanDraft {
        what_matters: "Å kunne spille fotball med vennene mine".into(),
        needs_and_dreams: "Bli trener en dag".into(),
        goals: vec![
            GoalDraft {
                master: "Gå til trening alene".into(),
                by: "2027-06-01".into(),
                know_by: "Han har gått alene tre ganger".into(),
            },
            GoalDraft::default(),
        ],
        measures: vec![MeasureDraft {
            goal: "1".into(),
            what: "Følge til trening".into(),
            how: "To ganger i uka, så gradvis mindre".into(),
            contributions: vec![
                ContributionDraft {
                    kind: "relative".into(),
                    name: "Bestemor".into(),
                    what: "Følger på tirsdager".into(),
                    ..Default::default()
                },
                ContributionDraft {
                    kind: "unit".into(),
                    unit: "school-1".into(),
                    what: "Øver på ruta i skoletida".into(),
                    ..Default::default()
                },
                ContributionDraft {
                    kind: "person".into(),
                    what: "Sier fra når han er klar".into(),
                    ..Default::default()
                },
            ],
            origin: None,
        }],
        period_start: "2026-12-01".into(),
        period_end: "2027-12-01".into(),
        next_revision: "2027-03-01".into(),
        ..Default::default()
    }
}

#[test]
fn a_plan_parses_with_the_persons_words_goals_and_contributors() {
    let plan = draft().parse().expect("parses");
    assert_eq!(plan.goals.len(), 1, "a blank goal row is dropped");
    assert_eq!(plan.measures_for(0).count(), 1);
    assert_eq!(plan.measures[0].contributions.len(), 3);
    assert!(matches!(
        plan.measures[0].contributions[0].who,
        Contributor::Relative { .. }
    ));
    assert_eq!(plan.resources, None);
    // What was parsed goes back to a form that parses to the same plan.
    assert_eq!(PlanDraft::from(&plan).parse(), Ok(plan));
}

#[test]
fn a_refused_plan_says_why() {
    let with = |f: fn(&mut PlanDraft)| {
        let mut d = draft();
        f(&mut d);
        d.parse().map(|_| ()).map_err(PlanError::message_key)
    };
    assert_eq!(
        with(|d| d.what_matters = " ".into()),
        Err("plan-error-empty")
    );
    assert_eq!(with(|d| d.goals.clear()), Err("plan-error-no-goal"));
    assert_eq!(
        with(|d| d.measures[0].goal = "2".into()),
        Err("plan-error-goal")
    );
    assert_eq!(
        with(|d| d.measures[0].goal = "0".into()),
        Err("plan-error-goal")
    );
    assert_eq!(
        with(|d| d.goals[0].by = "2027-02-30".into()),
        Err("error-bad-date")
    );
    assert_eq!(
        with(|d| d.period_end = "2026-01-01".into()),
        Err("plan-error-period")
    );
    assert_eq!(
        with(|d| d.next_revision = "2028-01-01".into()),
        Err("plan-error-revision-date")
    );
    assert_eq!(
        with(|d| d.measures[0].contributions[1].unit = "".into()),
        Err("plan-error-unit")
    );
    assert_eq!(
        with(|d| d.measures[0].contributions[0].kind = "god".into()),
        Err("plan-error-contributor")
    );
    assert_eq!(
        with(|d| d.consent = "x".repeat(201)),
        Err("plan-error-too-long")
    );
    assert_eq!(parse_reason("  "), Err(PlanError::NoReason));
}

#[test]
fn revisions_are_only_appended_in_order() {
    let content = draft().parse().expect("parses");
    let rev = |number, at_ms| Revision {
        number,
        by: StaffId::from_trusted("kari".into()),
        at_ms,
        reason: Text::parse("Ny plan", 100).expect("text"),
        content: content.clone(),
    };
    let mut revisions = Revisions::new();
    assert_eq!(revisions.next_number(), 1);
    assert_eq!(revisions.push(rev(2, 10)), Err(RevisionError::OutOfOrder));
    assert_eq!(revisions.push(rev(1, 10)), Ok(()));
    assert_eq!(revisions.push(rev(2, 5)), Err(RevisionError::OutOfOrder));
    assert_eq!(revisions.push(rev(2, 20)), Ok(()));
    assert_eq!(revisions.all().len(), 2);
    assert_eq!(revisions.current().map(|r| r.number), Some(2));
    let due = Day::parse("2027-03-01").expect("day");
    assert!(revisions.revision_due(due));
    assert!(!revisions.revision_due(due.add_days(-1)));
}

#[test]
fn the_caseload_says_what_is_due() {
    let today = Day::parse("2027-01-10").expect("day");
    assert_eq!(Due::of(None, today), Due::NoPlan);
    assert_eq!(Due::of(Some(today), today), Due::RevisionOverdue);
    assert_eq!(Due::of(Some(today.add_days(14)), today), Due::RevisionSoon);
    assert_eq!(Due::of(Some(today.add_days(15)), today), Due::Nothing);
}
