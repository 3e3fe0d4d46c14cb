//! The intake queue: a parent's own request from the public site, triaged by
//! the coordinating unit (identity made certain, linked, categorised,
//! assigned), a relay log started from it by the one it went to, a duplicate
//! merged, a team around the child within what the consent covers, and the
//! deadline clock escalating an item no one took on. Every step audited.

use ettlag_core::intake::{Assignee, SelfReferralDraft, Source, Status, Step};
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{DevelopmentArea, Level};
use ettlag_core::text::Text;
use ettlag_core::{Role, RoleSet, ServiceType};
use ettlag_db::{DbError, NewIntake, NewStaff, QueueFilter};

use crate::support::{World, as_actor, store, world};

fn text(s: &str) -> Text {
    Text::parse(s, 4000).expect("text")
}

async fn intake_staff(w: &World) -> Actor {
    let s = store(w);
    let admin = s.system_access(&w.tenant);
    let unit = admin
        .create_unit("Koordinerende enhet", ServiceType::CoordinatingUnit)
        .await
        .expect("unit");
    let id = admin
        .create_staff(NewStaff {
            username: "inntak".into(),
            display_name: "Inga Inntak".into(),
            roles: RoleSet::new(vec![Role::Intake, Role::Staff]),
            units: vec![unit],
            password_hash: None,
        })
        .await
        .expect("staff");
    s.actor(&w.tenant, &id).await.expect("load").expect("actor")
}

fn request() -> ettlag_core::intake::SelfReferral {
    SelfReferralDraft {
        who: "parent".into(),
        text: "Datteren vår gruer seg til skolen hver dag. Vi vet ikke hvem vi skal spørre.".into(),
        name: "Mor Testesen".into(),
        phone: "400 00 000".into(),
        child_name: "Ada".into(),
        ..SelfReferralDraft::default()
    }
    .parse()
    .expect("valid")
}

#[tokio::test]
async fn a_self_referral_is_triaged_assigned_and_becomes_a_relay_log() {
    let w = world().await;
    let s = store(&w);
    let intake = s.access(intake_staff(&w).await, Purpose::Triage, "test");
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);

    let receipt = s
        .receive_self_referral(&w.tenant, request())
        .await
        .expect("received");
    assert!(
        receipt.reference.starts_with("INN-"),
        "{}",
        receipt.reference
    );
    assert_eq!(receipt.days, 7);

    // Only the coordinating unit sees it while it is new.
    let queue = intake
        .intake_queue(&QueueFilter::default())
        .await
        .expect("queue");
    assert_eq!(queue.len(), 1);
    let item = &queue[0];
    assert_eq!(item.source, Source::SelfReferral);
    assert_eq!(item.status, Status::New);
    assert_eq!(
        item.request["text"].as_str().map(|t| t.contains("gruer")),
        Some(true)
    );
    assert!(
        a.intake_queue(&QueueFilter::default())
            .await
            .expect("q")
            .is_empty()
    );
    assert!(matches!(
        a.intake_item(&item.id).await,
        Err(DbError::NotFound)
    ));

    // Triage: who it is about is first uncertain, then linked.
    let id = item.id.clone();
    intake
        .triage_intake(
            &id,
            Step::IdentityUncertain {
                note: text("Mor ga bare fornavnet"),
            },
            None,
        )
        .await
        .expect("uncertain");
    assert!(
        intake
            .intake_item(&id)
            .await
            .expect("item")
            .state
            .identity_uncertain
    );
    intake
        .triage_intake(
            &id,
            Step::Linked {
                person: w.child_a.clone(),
            },
            None,
        )
        .await
        .expect("linked");
    intake
        .triage_intake(
            &id,
            Step::Categorised {
                areas: vec![DevelopmentArea::Emotional],
            },
            None,
        )
        .await
        .expect("categorised");
    // A stale form changes nothing.
    let v = intake.intake_item(&id).await.expect("item").version;
    assert!(matches!(
        intake
            .triage_intake(&id, Step::LevelSet { level: 1 }, Some(v - 1))
            .await,
        Err(DbError::Stale)
    ));
    // A teacher may not triage, not even one who will get it.
    assert!(matches!(
        a.triage_intake(&id, Step::LevelSet { level: 1 }, None)
            .await,
        Err(DbError::NotFound)
    ));
    // An assignee that does not work where it says is refused.
    assert!(matches!(
        intake
            .triage_intake(
                &id,
                Step::Assigned {
                    to: Assignee::Staff {
                        staff: w.teacher_a.staff.clone(),
                        unit: w.school_b.clone()
                    }
                },
                None
            )
            .await,
        Err(DbError::Refused("intake-error-assignee"))
    ));
    intake
        .triage_intake(
            &id,
            Step::Assigned {
                to: Assignee::Staff {
                    staff: w.teacher_a.staff.clone(),
                    unit: w.school_a.clone(),
                },
            },
            None,
        )
        .await
        .expect("assigned");
    let item = intake.intake_item(&id).await.expect("item");
    assert_eq!(item.status, Status::Assigned);
    assert_eq!(item.person.as_ref(), Some(&w.child_a));

    // The one it went to hears of it on their desk...
    let desk = a.my_work().await.expect("desk");
    assert!(
        desk.notifications
            .iter()
            .any(|n| n.kind == "intake_assigned" && n.intake_id.as_deref() == Some(id.as_str())),
        "{:?}",
        desk.notifications
    );
    assert!(
        b.my_work()
            .await
            .expect("desk")
            .notifications
            .iter()
            .all(|n| n.kind != "intake_assigned")
    );
    // ...sees it, may not re-triage, and starts a relay log.
    let mine = a.intake_queue(&QueueFilter::default()).await.expect("mine");
    assert_eq!(mine.len(), 1);
    assert!(matches!(
        a.triage_intake(
            &id,
            Step::Categorised {
                areas: vec![DevelopmentArea::Social]
            },
            None
        )
        .await,
        Err(DbError::Forbidden)
    ));
    assert!(matches!(b.intake_item(&id).await, Err(DbError::NotFound)));
    // Not without a record of whether the family was told: nothing starts.
    let concerns_before = a.concerns_of(&w.child_a).await.expect("concerns").len();
    assert!(matches!(
        a.start_log_from_intake(&id, Level::One, None).await,
        Err(DbError::Refused("family-error-missing"))
    ));
    assert!(a.intake_item(&id).await.expect("item").state.log.is_none());
    assert_eq!(
        a.concerns_of(&w.child_a).await.expect("concerns").len(),
        concerns_before,
        "no concern is raised for a refused start"
    );
    let log = a
        .start_log_from_intake(&id, Level::One, Some(crate::support::told()))
        .await
        .expect("log");
    let view = a.relay_log(&log).await.expect("the log");
    assert_eq!(view.child.id, w.child_a);
    assert!(
        serde_json::to_string(&view)
            .expect("json")
            .contains("gruer seg")
    );
    let item = a.intake_item(&id).await.expect("item");
    assert_eq!(item.state.log.as_deref(), Some(log.as_str()));
    assert!(matches!(
        a.start_log_from_intake(&id, Level::One, Some(crate::support::told()))
            .await,
        Err(DbError::Refused("intake-error-log-started"))
    ));
    a.triage_intake(
        &id,
        Step::Closed {
            note: text("Stafettlogg startet"),
        },
        None,
    )
    .await
    .expect("closed by the assignee");
    assert!(
        intake
            .intake_queue(&QueueFilter::default())
            .await
            .expect("q")
            .is_empty()
    );

    // Every step is in the access log; the request came from the public.
    let log = s.audit_records(&w.tenant, 10_000).await.expect("audit");
    assert!(log.iter().any(|r| r.event.actor_id == "public"
        && r.event.resource_id == id
        && r.event.reason == "self_referral"));
    let updates = log
        .iter()
        .filter(|r| r.event.resource_id == id && r.event.action == "update")
        .count();
    assert!(updates >= 7, "{updates} updates audited");
    assert!(log.iter().any(|r| r.event.resource_type == "person"
        && r.event.resource_id == w.child_a.as_str()
        && r.event.purpose == "triage"
        && r.event.reason == "intake_triage"));
}

#[tokio::test]
async fn staff_requests_duplicates_and_teams() {
    let w = world().await;
    let s = store(&w);
    let intake = s.access(intake_staff(&w).await, Purpose::Triage, "test");
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);

    // A teacher asks for help about a child of their own school only.
    let ask = |person| NewIntake {
        source: Source::StaffRequest,
        text: text("Vi trenger et team rundt Ada."),
        person: Some(person),
        from: None,
    };
    let first = a
        .register_intake(ask(w.child_a.clone()))
        .await
        .expect("asked");
    assert!(matches!(
        b.register_intake(ask(w.child_a.clone())).await,
        Err(DbError::NotFound)
    ));
    // The one who asked follows it but does not triage it.
    let item = a.intake_item(&first.id).await.expect("own request");
    assert_eq!(item.person.as_ref(), Some(&w.child_a));
    // A referral is for intake staff to register.
    let referral = NewIntake {
        source: Source::Referral,
        text: text("Henvisning fra fastlegen om Ada."),
        person: Some(w.child_a.clone()),
        from: Some(text("Fastlegen")),
    };
    assert!(matches!(
        a.register_intake(referral.clone()).await,
        Err(DbError::Forbidden)
    ));
    let second = intake.register_intake(referral).await.expect("referral");
    assert_eq!(second.days, 14);

    // The referral is the same matter: merged into the first, and closed.
    intake
        .triage_intake(
            &second.id,
            Step::MergedInto {
                item: first.id.to_string(),
            },
            None,
        )
        .await
        .expect("merged");
    let merged = intake.intake_item(&second.id).await.expect("merged item");
    assert_eq!(merged.status, Status::Closed);
    assert!(matches!(
        intake
            .triage_intake(&second.id, Step::LevelSet { level: 2 }, None)
            .await,
        Err(DbError::Refused("intake-error-closed"))
    ));

    // A team: members only from units the child attends or the consent covers.
    let refused = intake
        .create_team(
            &w.child_a,
            text("Innsatsteam Ada"),
            vec![
                (w.teacher_a.staff.clone(), w.school_a.clone()),
                (w.teacher_b.staff.clone(), w.school_b.clone()),
            ],
        )
        .await;
    assert!(
        matches!(refused, Err(DbError::Refused("team-error-not-covered"))),
        "{refused:?}"
    );
    let team = intake
        .create_team(
            &w.child_a,
            text("Innsatsteam Ada"),
            vec![(w.teacher_a.staff.clone(), w.school_a.clone())],
        )
        .await
        .expect("team");
    intake
        .triage_intake(
            &first.id,
            Step::Assigned {
                to: Assignee::Team { team: team.clone() },
            },
            None,
        )
        .await
        .expect("to the team");
    let seen = a
        .intake_queue(&QueueFilter::default())
        .await
        .expect("team member");
    assert!(
        seen.iter()
            .any(|i| i.id == first.id && i.team.as_deref() == Some(team.as_str()))
    );
    assert!(
        b.intake_queue(&QueueFilter::default())
            .await
            .expect("q")
            .is_empty()
    );
}

#[tokio::test]
async fn an_item_no_one_takes_on_is_escalated_when_its_deadline_passes() {
    let w = world().await;
    let s = store(&w);
    let intake_actor = intake_staff(&w).await;
    let intake = s.access(intake_actor.clone(), Purpose::Triage, "test");
    let waiting = s
        .receive_self_referral(&w.tenant, request())
        .await
        .expect("received");
    let taken = s
        .receive_self_referral(&w.tenant, request())
        .await
        .expect("received");
    intake
        .triage_intake(
            &taken.id,
            Step::Assigned {
                to: Assignee::Unit {
                    unit: w.school_a.clone(),
                },
            },
            None,
        )
        .await
        .expect("assigned");

    // Not yet: nothing happens before the deadline.
    s.run_due_jobs(ettlag_db::now_ms() + 6 * 86_400_000)
        .await
        .expect("jobs");
    assert!(
        !intake
            .intake_item(&waiting.id)
            .await
            .expect("item")
            .escalated
    );
    s.run_due_jobs(ettlag_db::now_ms() + 8 * 86_400_000)
        .await
        .expect("jobs");
    let item = intake.intake_item(&waiting.id).await.expect("item");
    assert!(item.escalated);
    assert!(
        item.steps
            .iter()
            .any(|(_, by, step)| by == ettlag_db::SYSTEM_ACTOR && *step == Step::Escalated)
    );
    assert!(
        !intake.intake_item(&taken.id).await.expect("item").escalated,
        "a taken item is not escalated"
    );
    // With no leader of the coordinating unit, its intake staff are told.
    let desk = s
        .access(intake_actor, Purpose::FollowUp, "test")
        .my_work()
        .await
        .expect("desk");
    let notices: Vec<_> = desk
        .notifications
        .iter()
        .filter(|n| n.kind == "intake_overdue")
        .collect();
    assert_eq!(notices.len(), 1, "{:?}", desk.notifications);
    assert_eq!(notices[0].intake_id.as_deref(), Some(waiting.id.as_str()));
    // In real time nothing is near its deadline yet: the urgent view is empty.
    let urgent = intake
        .intake_queue(&QueueFilter {
            status: None,
            urgent_only: true,
            source: None,
        })
        .await
        .expect("urgent");
    assert!(urgent.is_empty(), "{urgent:?}");
    // Filtered by how it came in: the one self-referral, no referral.
    let by_source = |source| QueueFilter {
        source: Some(source),
        ..QueueFilter::default()
    };
    let referrals = intake
        .intake_queue(&by_source(Source::Referral))
        .await
        .expect("referrals");
    assert!(referrals.is_empty(), "{referrals:?}");
    let asked = intake
        .intake_queue(&by_source(Source::SelfReferral))
        .await
        .expect("self-referrals");
    assert!(asked.iter().all(|i| i.source == Source::SelfReferral) && !asked.is_empty());
}
