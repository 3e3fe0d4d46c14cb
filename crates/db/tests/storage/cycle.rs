//! The annual cycle: tasks defined by the administrator, seen and marked by
//! the leaders they are for, opened by the job runner with one reminder per
//! leader however often it runs, and every access in the access log.

use ettlag_core::cycle::{Audience, CycleTask, Outcome, Recurrence, RecurrenceKind, Status};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::{Day, Role, RoleSet, ServiceType};
use ettlag_db::{CYCLE_DUE, DbError, NewStaff, now_ms};

use crate::support::{World, as_actor, store, world};

async fn staff(w: &World, username: &str, role: Role, units: Vec<ettlag_core::UnitId>) -> Actor {
    let s = store(w);
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: username.into(),
            display_name: format!("{username} Leder"),
            roles: RoleSet::new(vec![role]),
            units,
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

fn steering(w: &World, a: &Actor) -> ettlag_db::AccessContext {
    store(w).access(a.clone(), Purpose::Steering, "test")
}

/// A yearly task due `days` from today with a 30-day lead time.
fn task_due_in(days: i64, audience: Audience) -> (CycleTask, Day) {
    let due = Day::from_ms(now_ms()).add_days(days);
    let (_, m, d) = due.ymd();
    let r = Recurrence::new(RecurrenceKind::Yearly, m, d, 30).expect("recurrence");
    let due = r.first_on_or_after(Day::from_ms(now_ms()));
    (
        CycleTask::new("Evaluer BTI-praksisen", "Hva har vi lært?", audience, r).expect("task"),
        due,
    )
}

async fn audit_count(w: &World, resource_type: &str) -> usize {
    store(w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .filter(|r| r.event.resource_type == resource_type)
        .count()
}

#[tokio::test]
async fn leaders_see_the_tasks_meant_for_them_and_only_the_admin_and_top_define_them() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let (task, _) = task_due_in(60, Audience::ServiceType(ServiceType::School));
    let id = admin.save_cycle_task(None, task, true).await.expect("save");
    let (task2, _) = task_due_in(90, Audience::Municipality);
    admin
        .save_cycle_task(None, task2, true)
        .await
        .expect("save");

    let lead_a = staff(&w, "rektor.a", Role::UnitLeader, vec![w.school_a.clone()]).await;
    let top = staff(&w, "sjef", Role::MunicipalityLeader, vec![]).await;
    let seen = steering(&w, &lead_a).cycle_tasks().await.expect("tasks");
    assert_eq!(
        seen.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()]
    );
    assert_eq!(
        steering(&w, &top).cycle_tasks().await.expect("tasks").len(),
        2
    );
    // A teacher sees none of it, with any purpose.
    assert!(
        steering(&w, &w.teacher_a)
            .cycle_tasks()
            .await
            .expect("tasks")
            .is_empty()
    );
    assert!(
        as_actor(&w, &w.teacher_a)
            .cycle_tasks()
            .await
            .expect("tasks")
            .is_empty()
    );

    // A unit leader may not change a task; the refusal is audited and changes nothing.
    let before = audit_count(&w, "cycle_task").await;
    let (changed, _) = task_due_in(5, Audience::ServiceType(ServiceType::School));
    let err = steering(&w, &lead_a)
        .save_cycle_task(Some(&id), changed.clone(), false)
        .await
        .expect_err("refused");
    assert!(matches!(err, DbError::Forbidden), "{err:?}");
    assert_eq!(audit_count(&w, "cycle_task").await, before + 1);
    let still = steering(&w, &top).cycle_tasks().await.expect("tasks");
    assert!(still.iter().all(|t| t.active));
    // The municipality leader may, and a deactivated task plans nothing.
    steering(&w, &top)
        .save_cycle_task(Some(&id), changed, false)
        .await
        .expect("top changes it");
    let today = Day::from_ms(now_ms());
    let year = steering(&w, &lead_a)
        .cycle_occurrences(today, today.add_days(365))
        .await
        .expect("year");
    assert!(year.is_empty(), "{year:?}");
    let unknown = steering(&w, &top)
        .save_cycle_task(
            Some(&CycleTaskId::parse("no-such-task").expect("an id")),
            task_due_in(5, Audience::Municipality).0,
            true,
        )
        .await
        .expect_err("unknown");
    assert!(matches!(unknown, DbError::NotFound));
}

#[tokio::test]
async fn the_job_runner_opens_an_occurrence_once_and_reminds_each_leader_once() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let lead_a = staff(&w, "rektor.a", Role::UnitLeader, vec![w.school_a.clone()]).await;
    let lead_b = staff(&w, "rektor.b", Role::UnitLeader, vec![w.school_b.clone()]).await;
    let (task, due) = task_due_in(10, Audience::Unit(w.school_a.clone()));
    let id = admin.save_cycle_task(None, task, true).await.expect("save");

    let now = now_ms();
    store(&w).run_due_jobs(now).await.expect("jobs");
    store(&w)
        .run_due_jobs(now + 60_000)
        .await
        .expect("jobs again");
    let reminders = |a: &Actor| {
        let a = a.clone();
        let w = &w;
        async move {
            as_actor(w, &a)
                .my_work()
                .await
                .expect("desk")
                .notifications
                .into_iter()
                .filter(|n| n.kind == CYCLE_DUE)
                .collect::<Vec<_>>()
        }
    };
    let mine = reminders(&lead_a).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].detail, "Evaluer BTI-praksisen");
    assert!(reminders(&lead_b).await.is_empty());
    assert!(reminders(&w.teacher_a).await.is_empty());

    let today = Day::from_ms(now);
    let year = steering(&w, &lead_a)
        .cycle_occurrences(today, today.add_days(400))
        .await
        .expect("year");
    let open: Vec<_> = year.iter().filter(|o| o.status == Status::Open).collect();
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].task_id.as_str(), open[0].due), (id.as_str(), due));
    // Next year's is planned.
    assert!(
        year.iter()
            .any(|o| o.status == Status::Planned && o.due > due)
    );

    // Done with a note: the mark is kept with who did it, and the reminder leaves the desk.
    steering(&w, &lead_a)
        .mark_cycle_occurrence(
            &id,
            due,
            Outcome::done("Vi evaluerte nivå 1-loggene.").expect("note"),
        )
        .await
        .expect("done");
    assert!(reminders(&lead_a).await.is_empty());
    store(&w).run_due_jobs(now + 120_000).await.expect("jobs");
    let year = steering(&w, &lead_a)
        .cycle_occurrences(due, due)
        .await
        .expect("year");
    assert_eq!(year.len(), 1);
    assert_eq!(year[0].status, Status::Done);
    assert_eq!(year[0].note, "Vi evaluerte nivå 1-loggene.");
    assert_eq!(year[0].closed_by.as_deref(), Some("rektor.a Leder"));
    assert!(audit_count(&w, "cycle_occurrence").await >= 1);
}

#[tokio::test]
async fn bad_marks_are_refused_and_change_nothing() {
    let w = world().await;
    let admin = store(&w).system_access(&w.tenant);
    let lead_a = staff(&w, "rektor.a", Role::UnitLeader, vec![w.school_a.clone()]).await;
    let lead_b = staff(&w, "rektor.b", Role::UnitLeader, vec![w.school_b.clone()]).await;
    let (task, due) = task_due_in(10, Audience::Unit(w.school_a.clone()));
    let id = admin.save_cycle_task(None, task, true).await.expect("save");
    let skip = || Outcome::skipped("Ingen saker i perioden").expect("reason");

    let not_a_due_day = steering(&w, &lead_a)
        .mark_cycle_occurrence(&id, due.add_days(1), skip())
        .await
        .expect_err("not an occurrence");
    assert!(matches!(
        not_a_due_day,
        DbError::Refused("cycle-error-occurrence")
    ));
    // Another school's leader cannot tell the task from a missing one.
    let other = steering(&w, &lead_b)
        .mark_cycle_occurrence(&id, due, skip())
        .await
        .expect_err("not theirs");
    assert!(matches!(other, DbError::NotFound));
    let missing = steering(&w, &lead_a)
        .mark_cycle_occurrence(
            &CycleTaskId::parse("no-such-task").expect("an id"),
            due,
            skip(),
        )
        .await
        .expect_err("missing");
    assert!(matches!(missing, DbError::NotFound));
    // The administrator keeps the list but does not mark for the leaders.
    let by_admin = admin
        .mark_cycle_occurrence(&id, due, skip())
        .await
        .expect_err("admin");
    assert!(matches!(by_admin, DbError::Forbidden));
    let today = Day::from_ms(now_ms());
    let too_long = steering(&w, &lead_a)
        .cycle_occurrences(today, today.add_days(800))
        .await
        .expect_err("too long");
    assert!(matches!(too_long, DbError::Refused("cycle-error-period")));
    let year = steering(&w, &lead_a)
        .cycle_occurrences(today, today.add_days(30))
        .await
        .expect("year");
    assert!(year.iter().all(|o| o.status == Status::Planned), "{year:?}");

    steering(&w, &lead_a)
        .mark_cycle_occurrence(&id, due, skip())
        .await
        .expect("skipped");
    let year = steering(&w, &lead_a)
        .cycle_occurrences(due, due)
        .await
        .expect("year");
    assert_eq!(year[0].status, Status::Skipped);
    assert_eq!(year[0].note, "Ingen saker i perioden");
}
