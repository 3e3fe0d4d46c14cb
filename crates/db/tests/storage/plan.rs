//! Individual plans: one per person, every revision kept, made from a
//! level-3 relay log with its history linked, coordinators assigned by the
//! coordinating unit with or without a plan, the caseload with what is due,
//! the revision reminder, and the audit of every access.

use ettlag_core::plan::{CoordinatorKind, Due, GoalDraft, PlanDraft, parse_reason};
use ettlag_core::policy::Actor;
use ettlag_core::relay::{ConcernDecision, DevelopmentArea, Level};
use ettlag_core::text::Text;
use ettlag_core::{Day, Role, RoleSet, ServiceType};
use ettlag_db::{DbError, LogCommand, NewConcern, NewStaff, PLAN_REVISION_DUE, PlanWrite, now_ms};

use crate::support::{World, as_actor, store, world};

fn today() -> Day {
    Day::from_ms(now_ms())
}

fn plan_write(master: &str, next_revision: Day, reason: &str) -> PlanWrite {
    let draft = PlanDraft {
        what_matters: "Å være med vennene mine".into(),
        needs_and_dreams: "Bli fotballtrener".into(),
        goals: vec![GoalDraft {
            master: master.into(),
            by: today().add_days(200).to_string(),
            know_by: "Vi ser det i friminuttene".into(),
        }],
        period_start: today().add_days(-30).to_string(),
        period_end: today().add_days(365).to_string(),
        next_revision: next_revision.to_string(),
        ..Default::default()
    };
    PlanWrite {
        content: draft.parse().expect("a valid plan"),
        reason: parse_reason(reason).expect("reason"),
    }
}

/// A coordinating unit with one staff member.
async fn coordinating_unit(w: &World) -> Actor {
    let s = store(w);
    let admin = s.system_access(&w.tenant);
    let unit = admin
        .create_unit("Koordinerende enhet", ServiceType::CoordinatingUnit)
        .await
        .expect("unit");
    let id = admin
        .create_staff(NewStaff {
            username: "ke".into(),
            display_name: "Kim Koordinerende".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![unit],
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

async fn audit_reasons(w: &World, resource_id: &str) -> Vec<(String, String)> {
    store(w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_id == resource_id && e.resource_type == "plan")
        .map(|e| (e.action, e.reason))
        .collect()
}

#[tokio::test]
async fn a_plan_keeps_every_revision_and_only_its_people_see_it() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let id = a
        .create_plan(
            &w.child_a,
            None,
            plan_write("Be om hjelp", today().add_days(90), "Ny plan"),
        )
        .await
        .expect("create");
    assert!(matches!(
        a.create_plan(&w.child_a, None, plan_write("x", today(), "igjen"))
            .await,
        Err(DbError::Refused("plan-error-exists"))
    ));
    // Another school neither sees nor revises it, and cannot tell it exists.
    assert!(matches!(b.plan(&id).await, Err(DbError::NotFound)));
    assert!(matches!(
        b.plan_of(&w.child_a).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        b.revise_plan(&id, plan_write("x", today(), "y"), None)
            .await,
        Err(DbError::NotFound)
    ));
    assert_eq!(
        a.revise_plan(
            &id,
            plan_write("Rekke opp hånda", today().add_days(60), "Evaluert"),
            Some(1)
        )
        .await
        .expect("revise"),
        2
    );
    assert!(matches!(
        a.revise_plan(&id, plan_write("x", today(), "y"), Some(1))
            .await,
        Err(DbError::Stale)
    ));
    let plan = a.plan_of(&w.child_a).await.expect("read").expect("a plan");
    assert_eq!(plan.id, id);
    let numbers: Vec<u32> = plan.revisions.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2]);
    // The first revision reads as it stood.
    assert_eq!(
        plan.revisions[0].content.goals[0].master.as_str(),
        "Be om hjelp"
    );
    assert_eq!(plan.revisions[1].reason.as_str(), "Evaluert");
    assert_eq!(plan.revisions[1].by, w.teacher_a.staff);
    assert!(a.plan_of(&w.child_b).await.is_err());
    let reasons = audit_reasons(&w, &id).await;
    assert!(reasons.contains(&("read".into(), "enrolled_in_own_unit".into())));
    assert!(reasons.contains(&("update".into(), "enrolled_in_own_unit".into())));
    assert!(reasons.contains(&("update".into(), "not_linked_to_own_unit".into())));
    assert!(reasons.contains(&("read".into(), "not_linked_to_own_unit".into())));
}

#[tokio::test]
async fn the_familys_no_to_the_childs_own_school_closes_the_plan_to_it() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let id = a
        .create_plan(&w.child_a, None, plan_write("Lese", today(), "Ny plan"))
        .await
        .expect("create");
    a.plan(&id)
        .await
        .expect("the school reads its pupil's plan");
    a.give_consent(ettlag_core::consent::Consent {
        stance: ettlag_core::consent::Stance::Refusal,
        purpose: "Skolen skal ikke se planen".into(),
        categories: vec![ettlag_core::consent::Category::Plan],
        ..crate::support::relay_consent(&w, &[&w.school_a])
    })
    .await
    .expect("refusal");
    // Enrolment no longer lets the school in: the same answer as no plan.
    assert!(matches!(a.plan(&id).await, Err(DbError::NotFound)));
    assert!(matches!(
        a.revise_plan(&id, plan_write("x", today(), "y"), None)
            .await,
        Err(DbError::NotFound)
    ));
    let reasons = audit_reasons(&w, &id).await;
    assert_eq!(
        reasons.last(),
        Some(&("update".to_string(), "refused_by_family".to_string()))
    );
}

#[tokio::test]
async fn the_coordinating_unit_assigns_coordinators_even_without_a_plan() {
    let w = world().await;
    let ke = coordinating_unit(&w).await;
    let k = as_actor(&w, &ke);
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    // Only the coordinating unit assigns.
    assert!(
        a.assign_coordinator(&w.child_a, CoordinatorKind::Coordinator, &w.teacher_a.staff)
            .await
            .is_err()
    );
    k.assign_coordinator(&w.child_a, CoordinatorKind::Coordinator, &w.teacher_b.staff)
        .await
        .expect("assign");
    let caseload = b.caseload().await.expect("caseload");
    assert_eq!(caseload.len(), 1);
    assert_eq!(caseload[0].person_id, w.child_a);
    assert_eq!(caseload[0].due, Due::NoPlan);
    // The coordinator, in another school, makes and revises the plan.
    let id = b
        .create_plan(&w.child_a, None, plan_write("Lese", today(), "Ny plan"))
        .await
        .expect("coordinator creates");
    b.revise_plan(&id, plan_write("Lese mer", today(), "Justert"), None)
        .await
        .expect("coordinator revises");
    let caseload = b.caseload().await.expect("caseload");
    assert_eq!(caseload[0].due, Due::RevisionOverdue);
    assert_eq!(caseload[0].plan_id.as_deref(), Some(id.as_str()));
    // The coordinating unit reads it; a new coordinator ends the old one.
    assert_eq!(k.plan(&id).await.expect("read").coordinators.len(), 1);
    k.assign_coordinator(&w.child_a, CoordinatorKind::Coordinator, &w.teacher_a.staff)
        .await
        .expect("reassign");
    k.assign_coordinator(
        &w.child_a,
        CoordinatorKind::ChildCoordinator,
        &w.teacher_a.staff,
    )
    .await
    .expect("child coordinator");
    assert!(b.caseload().await.expect("caseload").is_empty());
    assert!(matches!(b.plan(&id).await, Err(DbError::NotFound)));
    assert_eq!(a.caseload().await.expect("caseload").len(), 2);
    assert_eq!(k.coordinators(&w.child_a).await.expect("list").1.len(), 2);
    // Someone who is not staff cannot be made coordinator.
    assert!(matches!(
        k.assign_coordinator(
            &w.child_a,
            CoordinatorKind::Coordinator,
            &ettlag_core::StaffId::from_trusted("nobody".into())
        )
        .await,
        Err(DbError::Refused("plan-error-coordinator"))
    ));
}

#[tokio::test]
async fn a_plan_is_made_from_a_level_three_relay_log_only() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Ada trenger mer hjelp", 100).expect("text"),
            areas: vec![DevelopmentArea::Social],
            since: None,
        })
        .await
        .expect("raise");
    let log = a
        .decide_concern(
            &concern,
            ConcernDecision::StartLog(Level::One),
            Some(crate::support::told()),
            None,
            None,
        )
        .await
        .expect("decide")
        .expect("log");
    assert!(matches!(
        a.create_plan(&w.child_a, Some(&log), plan_write("x", today(), "fra logg"))
            .await,
        Err(DbError::Refused("plan-error-log"))
    ));
    for (to, why) in [(Level::Two, "Helse inn"), (Level::Three, "PPT inn")] {
        a.record(
            &log,
            LogCommand::ChangeLevel {
                to,
                reason: why.into(),
                family_informed: Some(crate::support::told()),
            },
            None,
        )
        .await
        .expect("level");
    }
    // Not this person's log.
    assert!(
        a.create_plan(&w.child_b, Some(&log), plan_write("x", today(), "fra logg"))
            .await
            .is_err()
    );
    let id = a
        .create_plan(&w.child_a, Some(&log), plan_write("x", today(), "fra logg"))
        .await
        .expect("from log");
    assert_eq!(a.plan(&id).await.expect("read").from_log_id, Some(log));
}

#[tokio::test]
async fn a_revision_date_reminds_the_coordinator_once() {
    let w = world().await;
    let ke = coordinating_unit(&w).await;
    as_actor(&w, &ke)
        .assign_coordinator(&w.child_a, CoordinatorKind::Coordinator, &w.teacher_b.staff)
        .await
        .expect("assign");
    let a = as_actor(&w, &w.teacher_a);
    let id = a
        .create_plan(&w.child_a, None, plan_write("x", today(), "Ny plan"))
        .await
        .expect("create");
    let s = store(&w);
    assert!(s.run_due_jobs(now_ms()).await.expect("jobs") >= 1);
    assert_eq!(s.run_due_jobs(now_ms()).await.expect("jobs"), 0);
    let work = as_actor(&w, &w.teacher_b).my_work().await.expect("work");
    let notes: Vec<_> = work
        .notifications
        .iter()
        .filter(|n| n.kind == PLAN_REVISION_DUE)
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].plan_id.as_deref(), Some(id.as_str()));
    assert_eq!(notes[0].child_id, w.child_a);
}
