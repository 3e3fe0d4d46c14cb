//! The consent ledger and the policy: a parent's consent lets another unit
//! receive the relay log, withdrawing it cuts that unit off on the next
//! request, and only the right people can give it for the child's age.

use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
use ettlag_core::ids::RelayLogId;
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::text::Text;
use ettlag_core::{Day, PersonId, ServiceType, UnitId};
use ettlag_db::{DbError, LogCommand, NewConcern, now_ms};

use crate::support::{World, as_actor, store, world};

fn today() -> Day {
    Day::from_ms(now_ms())
}

fn consent(
    w: &World,
    grantors: &[&PersonId],
    categories: &[Category],
    units: &[&UnitId],
) -> Consent {
    Consent {
        id: String::new(),
        subject: w.child_a.clone(),
        grantors: grantors.iter().map(|g| (*g).clone()).collect(),
        basis: AgeBasis::Guardians,
        purpose: "Samarbeid mellom skolene om Ada".into(),
        recipients: Recipients {
            units: units.iter().map(|u| (*u).clone()).collect(),
            service_types: Vec::new(),
        },
        categories: categories.to_vec(),
        valid_from: today().add_days(-1),
        valid_to: Some(today().add_days(365)),
        evidence: Evidence::Meeting,
        withdrawn_at_ms: None,
        stance: Default::default(),
        awaiting: Vec::new(),
        one_guardian_accepted: false,
    }
}

async fn open_log(w: &World) -> RelayLogId {
    let a = as_actor(w, &w.teacher_a);
    let concern = a
        .raise_concern(NewConcern {
            child: w.child_a.clone(),
            unit: None,
            text: Text::parse("Ada leker alene", 100).expect("text"),
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
    .expect("log")
}

fn refused<T: std::fmt::Debug>(result: Result<T, DbError>, key: &str) {
    match result {
        Err(DbError::Refused(k)) if k == key => {}
        other => panic!("expected Refused({key}), got {other:?}"),
    }
}

#[tokio::test]
async fn consent_lets_another_school_see_the_log_until_it_is_withdrawn() {
    let w = world().await;
    let log = open_log(&w).await;
    let (a, b) = (as_actor(&w, &w.teacher_a), as_actor(&w, &w.teacher_b));
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));

    // Health information only: school B still sees nothing of the log.
    let health = a
        .give_consent(consent(
            &w,
            &[&w.guardian_a],
            &[Category::Health],
            &[&w.school_b],
        ))
        .await
        .expect("health consent");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));

    let shared = a
        .give_consent(consent(
            &w,
            &[&w.guardian_a],
            &[Category::RelayLog, Category::Plan],
            &[&w.school_b],
        ))
        .await
        .expect("consent");
    let view = b.relay_log(&log).await.expect("school B reads the log now");
    assert_eq!(view.id, log);
    // The baton can now go to school B.
    a.record(
        &log,
        LogCommand::OfferBaton {
            to: w.teacher_b.staff.clone(),
            to_unit: w.school_b.clone(),
            family_wish: None,
            transition: None,
        },
        None,
    )
    .await
    .expect("offer to a consented unit");
    let audit = store(&w)
        .audit_records(&w.tenant, 500)
        .await
        .expect("audit");
    assert!(audit.iter().any(|r| r.event.resource_id == log
        && r.event.actor_id == w.teacher_b.staff.as_str()
        && r.event.reason == "consented_to_own_unit"));

    let listed = a.consents_of(&w.child_a).await.expect("ledger");
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|c| c.consent.withdrawn_at_ms.is_none()));

    // Withdrawn: the very next request from school B finds nothing, and the
    // offer can no longer be accepted there.
    a.withdraw_consent(
        &shared,
        Some(Text::parse("Foreldrene vil ikke dele", 100).expect("text")),
    )
    .await
    .expect("withdraw");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    assert!(matches!(
        b.record(&log, LogCommand::AcceptBaton, None).await,
        Err(DbError::NotFound) | Err(DbError::Refused("relay-error-not-covered"))
    ));
    refused(
        a.withdraw_consent(&shared, None).await,
        "consent-error-withdrawn",
    );
    let listed = a.consents_of(&w.child_a).await.expect("ledger");
    let withdrawn = listed
        .iter()
        .find(|c| c.consent.id == shared)
        .expect("kept");
    assert!(
        withdrawn.consent.withdrawn_at_ms.is_some(),
        "a withdrawn consent stays in the ledger"
    );
    assert_eq!(
        withdrawn.withdrawn_note.as_deref(),
        Some("Foreldrene vil ikke dele")
    );
    assert!(listed.iter().any(|c| c.consent.id == health));

    // School B may neither record nor see the child's consents.
    assert!(matches!(
        b.consents_of(&w.child_a).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        b.give_consent(consent(
            &w,
            &[&w.guardian_a],
            &[Category::RelayLog],
            &[&w.school_b]
        ))
        .await,
        Err(DbError::NotFound)
    ));
    // Even while a consent lets school B receive the log, it cannot record
    // or withdraw consents: a receiving unit does not widen its own access.
    let again = a
        .give_consent(consent(
            &w,
            &[&w.guardian_a],
            &[Category::RelayLog],
            &[&w.school_b],
        ))
        .await
        .expect("consent again");
    b.consents_of(&w.child_a)
        .await
        .expect("school B sees the consents it depends on");
    assert!(matches!(
        b.withdraw_consent(&again, None).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        b.give_consent(consent(
            &w,
            &[&w.guardian_a],
            &[Category::Health],
            &[&w.school_b]
        ))
        .await,
        Err(DbError::NotFound)
    ));
    a.withdraw_consent(&again, None).await.expect("withdraw");
    w.db.remove().await;
}

#[tokio::test]
async fn the_holder_is_told_about_consents_that_end_soon() {
    let w = world().await;
    open_log(&w).await;
    let a = as_actor(&w, &w.teacher_a);
    let mut soon = consent(&w, &[&w.guardian_a], &[Category::RelayLog], &[&w.school_b]);
    soon.valid_to = Some(today().add_days(10));
    let soon = a.give_consent(soon).await.expect("consent");
    a.give_consent(consent(
        &w,
        &[&w.guardian_a],
        &[Category::Plan],
        &[&w.school_b],
    ))
    .await
    .expect("a consent for a year");
    let desk = a.my_work().await.expect("desk");
    assert_eq!(
        desk.expiring_consents.len(),
        1,
        "{:?}",
        desk.expiring_consents
    );
    assert_eq!(desk.expiring_consents[0].consent_id, soon);
    assert_eq!(desk.expiring_consents[0].valid_to, today().add_days(10));
    a.withdraw_consent(&soon, None).await.expect("withdraw");
    assert!(
        a.my_work()
            .await
            .expect("desk")
            .expiring_consents
            .is_empty()
    );
    let b = as_actor(&w, &w.teacher_b);
    assert!(
        b.my_work()
            .await
            .expect("desk")
            .expiring_consents
            .is_empty()
    );
    w.db.remove().await;
}

#[tokio::test]
async fn a_kind_of_service_covers_every_unit_of_that_kind() {
    let w = world().await;
    let log = open_log(&w).await;
    let (a, b) = (as_actor(&w, &w.teacher_a), as_actor(&w, &w.teacher_b));
    let mut c = consent(&w, &[&w.guardian_a], &[Category::RelayLog], &[]);
    c.recipients.service_types = vec![ServiceType::School];
    a.give_consent(c).await.expect("consent to schools");
    b.relay_log(&log)
        .await
        .expect("every school may receive it");
    w.db.remove().await;
}

#[tokio::test]
async fn the_ledger_refuses_a_consent_without_what_it_must_say() {
    let w = world().await;
    let a = as_actor(&w, &w.teacher_a);
    let good = consent(&w, &[&w.guardian_a], &[Category::RelayLog], &[&w.school_b]);
    refused(
        a.give_consent(Consent {
            categories: vec![],
            ..good.clone()
        })
        .await,
        "consent-error-category",
    );
    refused(
        a.give_consent(Consent {
            recipients: Recipients::default(),
            ..good.clone()
        })
        .await,
        "consent-error-recipient",
    );
    refused(
        a.give_consent(Consent {
            purpose: " ".into(),
            ..good.clone()
        })
        .await,
        "consent-error-purpose",
    );
    refused(
        a.give_consent(Consent {
            valid_to: Some(today().add_days(-5)),
            ..good.clone()
        })
        .await,
        "consent-error-dates",
    );
    // Ada is 11: the young person cannot consent alone, and a stranger cannot either.
    refused(
        a.give_consent(Consent {
            grantors: vec![w.child_a.clone()],
            basis: AgeBasis::YoungPerson,
            ..good.clone()
        })
        .await,
        "consent-error-guardian",
    );
    refused(
        a.give_consent(Consent {
            grantors: vec![w.child_b.clone()],
            ..good.clone()
        })
        .await,
        "consent-error-guardian",
    );
    assert!(
        a.consents_of(&w.child_a).await.expect("ledger").is_empty(),
        "nothing was stored"
    );
    w.db.remove().await;
}
