//! Whose log it is: a relay log belongs to the unit where it was raised.
//! Another unit — also one where the child is enrolled — receives it only
//! while a consent in force names it; when that consent ends, the unit loses
//! the log on its next request and the baton goes home, with a notice on
//! both desks. A refusal beats a consent; a consent from one of two
//! guardians opens nothing until the other has joined.

use ettlag_core::consent::Stance;
use ettlag_core::ids::RelayLogId;
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{PersonKind, RelationKind};
use ettlag_db::{DbError, LogCommand, NewConcern, NewPerson};

use crate::support::{World, as_actor, nin, relay_consent, store, world};

/// Teacher A raises a concern about Ada at school A and starts a log.
async fn open_log(w: &World) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Ada leker alene", MAX_TEXT).expect("text"),
            areas: Vec::new(),
            since: None,
        })
        .await
        .expect("raise");
    a.decide_concern(
        &concern,
        ConcernDecision::StartLog(Level::Two),
        Some(crate::support::told()),
        None,
        None,
    )
    .await
    .expect("decide")
    .expect("a log")
}

/// Ada's father, a second guardian with parental responsibility.
async fn add_father(w: &World) -> ettlag_core::PersonId {
    let admin = store(w).system_access(&w.tenant);
    let father = admin
        .create_person(NewPerson {
            kind: PersonKind::Adult,
            national_id: Some(nin(1983, 2, 9)),
            given_name: "Per".into(),
            family_name: "Testesen".into(),
        })
        .await
        .expect("father");
    admin
        .add_relation(&w.child_a, &father, RelationKind::Guardian)
        .await
        .expect("relation");
    father
}

fn offer_to_b(w: &World) -> LogCommand {
    LogCommand::OfferBaton {
        to: w.teacher_b.staff.clone(),
        to_unit: w.school_b.clone(),
        family_wish: None,
        transition: None,
    }
}

/// The reasons of the access log's records about `resource` by `actor`.
async fn reasons(w: &World, resource: &str, actor: &str) -> Vec<(String, String)> {
    store(w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_id == resource && e.actor_id == actor)
        .map(|e| (e.outcome, e.reason))
        .collect()
}

#[tokio::test]
async fn enrolment_in_another_unit_does_not_open_the_log() {
    let w = world().await;
    let log = open_log(&w).await;
    let admin = store(&w).system_access(&w.tenant);
    admin
        .enrol(&w.child_a, &w.school_b, "2021-08-16")
        .await
        .expect("enrol at school B too");
    let b = as_actor(&w, &w.teacher_b);
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    assert!(matches!(
        b.record(&log, LogCommand::AcceptBaton, None).await,
        Err(DbError::NotFound)
    ));
    assert!(
        b.relay_logs_of(&w.child_a).await.expect("list").is_empty(),
        "not even as a line in a list"
    );
    let denied = reasons(&w, &log, w.teacher_b.staff.as_str()).await;
    assert!(!denied.is_empty());
    assert!(
        denied
            .iter()
            .all(|(o, r)| o == "deny" && r == "not_linked_to_own_unit"),
        "{denied:?}"
    );
    // The family consents: school B reads under the consent.
    as_actor(&w, &w.teacher_a)
        .give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("consent");
    b.relay_log(&log).await.expect("B reads under the consent");
    let last = reasons(&w, &log, w.teacher_b.staff.as_str()).await;
    assert_eq!(
        last.last().map(|(_, r)| r.as_str()),
        Some("consented_to_own_unit")
    );
    w.db.remove().await;
}

#[tokio::test]
async fn a_withdrawn_consent_takes_the_baton_home_with_a_notice_on_both_desks() {
    let w = world().await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let consent = a
        .give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("consent");
    a.record(&log, offer_to_b(&w), None).await.expect("offer");
    b.record(&log, LogCommand::AcceptBaton, None)
        .await
        .expect("accept");
    assert_eq!(
        b.relay_log(&log).await.expect("read").holder.id,
        w.teacher_b.staff
    );

    a.withdraw_consent(&consent, None).await.expect("withdraw");

    // The holder's very next request is refused like a missing log: the
    // baton went home in the withdrawal's own transaction, so B is no one
    // to the log any more.
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    let last = reasons(&w, &log, w.teacher_b.staff.as_str()).await;
    assert_eq!(
        last.last(),
        Some(&("deny".to_string(), "not_linked_to_own_unit".to_string()))
    );
    // The baton is back with its last holder in the home unit.
    let v = a.relay_log(&log).await.expect("A reads");
    assert_eq!(v.holder.id, w.teacher_a.staff);
    assert_eq!(v.holder_unit.id, w.school_a);
    let last_event = v.events.last().expect("events");
    assert_eq!(last_event.event.code(), "baton_returned");
    assert_eq!(last_event.by.id.as_str(), "system");
    // Both desks say why.
    let desk_a = a.my_work().await.expect("desk");
    assert!(desk_a.logs.iter().any(|l| l.id == log));
    assert!(
        desk_a
            .notifications
            .iter()
            .any(|n| n.kind == "baton_returned" && n.log_id.as_deref() == Some(log.as_str())),
        "{:?}",
        desk_a.notifications
    );
    let desk_b = b.my_work().await.expect("desk");
    assert!(desk_b.logs.is_empty());
    let taken = desk_b
        .notifications
        .iter()
        .find(|n| n.kind == "baton_taken_back")
        .expect("B is told");
    assert!(taken.child_name.trim().is_empty(), "it names no child");
    assert_eq!(taken.detail, "consent_withdrawn|Nordli skole");
    // The system's change is in the access log.
    let system = reasons(&w, &log, "system").await;
    assert!(system.contains(&("allow".to_string(), "consent_withdrawn".to_string())));
    w.db.remove().await;
}

#[tokio::test]
async fn a_refusal_beats_a_consent_and_ends_an_offer() {
    let w = world().await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    a.give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("consent");
    a.record(&log, offer_to_b(&w), None).await.expect("offer");
    b.relay_log(&log).await.expect("B reads");
    a.give_consent(ettlag_core::consent::Consent {
        stance: Stance::Refusal,
        purpose: "Vi vil ikke at Sørli skole får vite noe".into(),
        ..relay_consent(&w, &[&w.school_b])
    })
    .await
    .expect("refusal");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    let last = reasons(&w, &log, w.teacher_b.staff.as_str()).await;
    assert_eq!(
        last.last(),
        Some(&("deny".to_string(), "refused_by_family".to_string()))
    );
    let v = a.relay_log(&log).await.expect("A reads");
    assert!(v.offer.is_none());
    assert_eq!(v.events.last().map(|e| e.event.code()), Some("offer_ended"));
    match a.record(&log, offer_to_b(&w), None).await {
        Err(DbError::Refused("relay-error-not-covered")) => {}
        other => panic!("a refused unit is offered nothing: {other:?}"),
    }
    w.db.remove().await;
}

#[tokio::test]
async fn a_consent_from_one_of_two_guardians_opens_nothing_until_the_other_joins() {
    let w = world().await;
    let log = open_log(&w).await;
    let father = add_father(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    let consent = a
        .give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("a draft is recorded");
    let ledger = a.consents_of(&w.child_a).await.expect("ledger");
    assert_eq!(ledger[0].consent.awaiting, vec![father.clone()]);
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    match a.record(&log, offer_to_b(&w), None).await {
        Err(DbError::Refused("relay-error-not-covered")) => {}
        other => panic!("a draft covers no offer: {other:?}"),
    }
    match a.join_consent(&consent, &w.guardian_a).await {
        Err(DbError::Refused("consent-error-not-awaited")) => {}
        other => panic!("the mother has already consented: {other:?}"),
    }
    a.join_consent(&consent, &father)
        .await
        .expect("the father joins");
    b.relay_log(&log).await.expect("both guardians consented");
    let ledger = a.consents_of(&w.child_a).await.expect("ledger");
    assert!(ledger[0].consent.awaiting.is_empty());
    assert_eq!(
        ledger[0].consent.grantors,
        vec![w.guardian_a.clone(), father]
    );
    w.db.remove().await;
}

#[tokio::test]
async fn the_municipality_may_accept_one_guardian_and_the_ledger_says_so() {
    let w = world().await;
    let log = open_log(&w).await;
    add_father(&w).await;
    store(&w)
        .system_access(&w.tenant)
        .set_setting("consent_one_guardian", 1)
        .await
        .expect("setting");
    let a = as_actor(&w, &w.teacher_a);
    a.give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("consent");
    let ledger = a.consents_of(&w.child_a).await.expect("ledger");
    assert!(ledger[0].consent.awaiting.is_empty());
    assert!(ledger[0].consent.one_guardian_accepted);
    as_actor(&w, &w.teacher_b)
        .relay_log(&log)
        .await
        .expect("one guardian suffices here");
    w.db.remove().await;
}

#[tokio::test]
async fn logs_from_before_home_units_get_theirs_and_access_by_enrolment_alone_ends_once() {
    let w = world().await;
    let log = open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let b = as_actor(&w, &w.teacher_b);
    // How an older log looked: school B took the baton while Ada was
    // enrolled there, with no consent on record and no home unit stored.
    let consent = a
        .give_consent(relay_consent(&w, &[&w.school_b]))
        .await
        .expect("consent");
    a.record(&log, offer_to_b(&w), None).await.expect("offer");
    b.record(&log, LogCommand::AcceptBaton, None)
        .await
        .expect("accept");
    store(&w)
        .system_access(&w.tenant)
        .enrol(&w.child_a, &w.school_b, "2021-08-16")
        .await
        .expect("enrol");
    for sql in [
        format!("DELETE FROM consent_recipients WHERE consent_id = '{consent}'"),
        format!("DELETE FROM consents WHERE id = '{consent}'"),
        format!("UPDATE relay_logs SET home_unit_id = NULL WHERE id = '{log}'"),
    ] {
        w.db.store.execute_raw(&sql).await.expect("make it old");
    }

    store(&w).migrate().await.expect("start-up");

    let home =
        w.db.store
            .fetch_raw(&format!(
                "SELECT home_unit_id FROM relay_logs WHERE id = '{log}'"
            ))
            .await
            .expect("read");
    assert_eq!(home, vec![vec![Some(w.school_a.to_string())]]);
    let v = a.relay_log(&log).await.expect("A reads");
    assert_eq!(v.holder.id, w.teacher_a.staff, "the baton went home");
    assert_eq!(
        v.events.last().map(|e| e.event.code()),
        Some("baton_returned")
    );
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    let ended: Vec<_> = store(&w)
        .audit_records(&w.tenant, 100_000)
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.event)
        .filter(|e| e.resource_type == "relay_log_access_ended")
        .collect();
    assert_eq!(ended.len(), 1, "{ended:?}");
    assert_eq!(ended[0].resource_id, log);
    assert_eq!(ended[0].reason, format!("enrolment_only:{}", w.school_b));
    let desk_b = b.my_work().await.expect("desk");
    assert!(
        desk_b
            .notifications
            .iter()
            .any(|n| n.kind == "baton_taken_back" && n.detail == "enrolment_only|Nordli skole"),
        "{:?}",
        desk_b.notifications
    );

    // A second start finds nothing left to do.
    store(&w).migrate().await.expect("start-up again");
    let events = a.relay_log(&log).await.expect("A reads").events.len();
    assert_eq!(events, v.events.len());
    w.db.remove().await;
}
