//! The family portal's door: a guardian sees and decides for their own child
//! only, a withdrawal in the portal cuts another unit off on its next
//! request, the access log shows staff's looks, a young person at the age
//! decides alone, and what the family writes reaches staff.

use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
use ettlag_core::ids::{PrivacyRequestId, RelayLogId};
use ettlag_core::policy::citizen::Citizen;
use ettlag_core::policy::{Actor, Purpose};
use ettlag_core::relay::{ConcernDecision, Level};
use ettlag_core::text::Text;
use ettlag_core::{Day, PersonKind, RelationKind, Role, RoleSet};
use ettlag_db::{CitizenAccess, DbError, MessageKind, NewConcern, NewPerson, NewStaff, now_ms};

use crate::support::{World, as_actor, nin, store, world};

fn parent(w: &World) -> CitizenAccess {
    store(w).citizen_access(
        Citizen {
            tenant: w.tenant.clone(),
            person: w.guardian_a.clone(),
        },
        "test",
    )
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

async fn officer(w: &World) -> Actor {
    let s = store(w);
    let id = s
        .system_access(&w.tenant)
        .create_staff(NewStaff {
            username: "personvern".into(),
            display_name: "Vera Vern".into(),
            roles: RoleSet::new(vec![Role::PrivacyOfficer]),
            units: Vec::new(),
            password_hash: None,
        })
        .await
        .expect("officer");
    s.actor(&w.tenant, &id)
        .await
        .expect("load")
        .expect("active")
}

#[tokio::test]
async fn a_guardian_sees_their_own_child_and_no_other() {
    let w = world().await;
    let p = parent(&w);
    let family = p.family().await.expect("family");
    assert_eq!(family.len(), 1);
    assert_eq!(family[0].id, w.child_a);
    assert!(family[0].sees_details && family[0].decides);
    assert!(matches!(p.member(&w.child_b).await, Err(DbError::NotFound)));
    assert!(matches!(
        p.consents(&w.child_b).await,
        Err(DbError::NotFound)
    ));
    let audit = store(&w)
        .audit_records(&w.tenant, 500)
        .await
        .expect("audit");
    let mine: Vec<_> = audit
        .iter()
        .filter(|r| r.event.actor_id == format!("citizen:{}", w.guardian_a.as_str()))
        .collect();
    assert!(
        mine.iter()
            .any(|r| r.event.resource_id == w.child_a.as_str()
                && r.event.outcome == "allow"
                && r.event.reason == "parental_responsibility"
                && r.event.purpose == "family_portal")
    );
    assert!(
        mine.iter()
            .any(|r| r.event.resource_id == w.child_b.as_str()
                && r.event.outcome == "deny"
                && r.event.reason == "no_parental_responsibility")
    );
    w.db.remove().await;
}

#[tokio::test]
async fn a_withdrawal_in_the_portal_cuts_the_other_school_off_at_once() {
    let w = world().await;
    let log = open_log(&w).await;
    let (a, b) = (as_actor(&w, &w.teacher_a), as_actor(&w, &w.teacher_b));
    let today = Day::from_ms(now_ms());
    let id = a
        .give_consent(Consent {
            id: String::new(),
            subject: w.child_a.clone(),
            grantors: vec![w.guardian_a.clone()],
            basis: AgeBasis::Guardians,
            purpose: "Samarbeid mellom skolene".into(),
            recipients: Recipients {
                units: vec![w.school_b.clone()],
                service_types: Vec::new(),
            },
            categories: vec![Category::RelayLog],
            valid_from: today,
            valid_to: None,
            evidence: Evidence::Meeting,
            withdrawn_at_ms: None,
            stance: Default::default(),
            awaiting: Vec::new(),
            one_guardian_accepted: false,
        })
        .await
        .expect("consent");
    b.relay_log(&log).await.expect("school B reads the log");

    let p = parent(&w);
    let consents = p.consents(&w.child_a).await.expect("consents");
    assert_eq!(consents.len(), 1);
    p.withdraw_consent(&w.child_a, &id).await.expect("withdraw");
    assert!(matches!(b.relay_log(&log).await, Err(DbError::NotFound)));
    assert!(matches!(
        p.withdraw_consent(&w.child_a, &id).await,
        Err(DbError::Refused("consent-error-withdrawn"))
    ));
    // A consent of another child cannot be withdrawn through one's own.
    assert!(matches!(
        p.withdraw_consent(&w.child_b, &id).await,
        Err(DbError::NotFound)
    ));

    // Given again in the portal, digitally: school B reads again.
    p.give_consent(
        &w.child_a,
        ettlag_db::PortalConsent {
            units: vec![w.school_b.clone()],
            categories: vec![Category::RelayLog],
            purpose: "Vi vil at skolene snakker sammen".into(),
            valid_to: None,
            stance: Default::default(),
        },
    )
    .await
    .expect("digital consent");
    b.relay_log(&log)
        .await
        .expect("school B reads the log again");
    let ledger = a.consents_of(&w.child_a).await.expect("ledger");
    assert!(
        ledger
            .iter()
            .any(|c| c.consent.evidence == Evidence::Digital)
    );
    w.db.remove().await;
}

#[tokio::test]
async fn the_family_sees_who_has_looked_but_not_their_own_looks() {
    let w = world().await;
    let log = open_log(&w).await;
    as_actor(&w, &w.teacher_a)
        .relay_log(&log)
        .await
        .expect("teacher reads");
    let p = parent(&w);
    let looks = p
        .who_has_looked(&w.child_a, Day::from_ms)
        .await
        .expect("looks");
    assert!(!looks.is_empty());
    assert!(looks.iter().all(|l| l.role != "citizen"));
    assert!(
        looks
            .iter()
            .any(|l| l.units == ["Nordli skole"] && l.purpose == "follow_up" && l.role == "staff")
    );
    let export = p.export(&w.child_a, Day::from_ms).await.expect("export");
    assert_eq!(export["person"]["given_name"], "Ada");
    assert_eq!(export["relay_logs"].as_array().map(Vec::len), Some(1));
    w.db.remove().await;
}

#[tokio::test]
async fn at_the_age_the_young_person_decides_and_the_parent_sees_who_follows_up() {
    let w = world().await;
    let s = store(&w);
    let admin = s.system_access(&w.tenant);
    let young = admin
        .create_person(NewPerson {
            kind: PersonKind::Child,
            national_id: Some(nin(2008, 5, 5)),
            given_name: "Ung".into(),
            family_name: "Testesen".into(),
        })
        .await
        .expect("young person");
    admin
        .add_relation(&young, &w.guardian_a, RelationKind::Guardian)
        .await
        .expect("relation");
    let p = parent(&w);
    let member = p.member(&young).await.expect("parent sees who follows up");
    assert!(!member.sees_details && !member.decides);
    assert!(matches!(p.consents(&young).await, Err(DbError::NotFound)));
    assert!(matches!(
        p.send(&young, MessageKind::Note, "Hei").await,
        Err(DbError::NotFound)
    ));
    let own = s.citizen_access(
        Citizen {
            tenant: w.tenant.clone(),
            person: young.clone(),
        },
        "test",
    );
    let me = own.family().await.expect("own");
    assert_eq!(me.len(), 1);
    assert!(me[0].is_self && me[0].decides);
    own.consents(&young).await.expect("the young person reads");

    // The municipality lets parents see nothing once the young person decides.
    admin
        .for_purpose(Purpose::Administration)
        .set_setting("portal_parent_view", 0)
        .await
        .expect("setting");
    assert!(matches!(p.member(&young).await, Err(DbError::NotFound)));
    w.db.remove().await;
}

#[tokio::test]
async fn what_the_family_writes_reaches_the_team_and_the_privacy_officer() {
    let w = world().await;
    let p = parent(&w);
    p.send(&w.child_a, MessageKind::WhatMatters, "At Ada har en venn.")
        .await
        .expect("what matters");
    let correction = p
        .send(&w.child_a, MessageKind::Correction, "Adressen er feil.")
        .await
        .expect("correction");
    assert!(matches!(
        p.send(&w.child_a, MessageKind::Note, "   ").await,
        Err(DbError::Refused("portal-error-message"))
    ));
    let team = as_actor(&w, &w.teacher_a)
        .family_messages(&w.child_a)
        .await
        .expect("team reads");
    assert_eq!(team.len(), 1);
    assert_eq!(team[0].kind, MessageKind::WhatMatters);
    assert!(matches!(
        as_actor(&w, &w.teacher_b).family_messages(&w.child_a).await,
        Err(DbError::NotFound)
    ));
    let officer = officer(&w).await;
    let list = store(&w)
        .access(officer.clone(), Purpose::PrivacyReview, "test")
        .privacy_requests()
        .await
        .expect("requests");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, correction);
    assert_eq!(list[0].subject_id, w.child_a);
    assert_eq!(list[0].body, "Adressen er feil.");
    assert!(matches!(
        as_actor(&w, &w.teacher_a).privacy_requests().await,
        Err(DbError::Forbidden)
    ));
    // A request that is not there: the privacy officer, who keeps the list,
    // learns so; a teacher is refused as for one that is there.
    let unknown = PrivacyRequestId::parse("no-such-request").expect("an id");
    assert!(matches!(
        store(&w)
            .access(officer, Purpose::PrivacyReview, "test")
            .take_privacy_request(&unknown)
            .await,
        Err(DbError::NotFound)
    ));
    for id in [&unknown, &correction] {
        assert!(matches!(
            store(&w)
                .access(w.teacher_a.clone(), Purpose::PrivacyReview, "test")
                .take_privacy_request(id)
                .await,
            Err(DbError::Forbidden)
        ));
    }
    w.db.remove().await;
}

#[tokio::test]
async fn the_glossary_starts_from_the_seed_and_only_administrators_edit_it() {
    use ettlag_core::readability::{GlossaryEntry, GlossaryLanguage, Term};
    let w = world().await;
    let teacher = as_actor(&w, &w.teacher_a);
    let seeded = teacher.glossary().await.expect("glossary");
    assert!(
        seeded
            .suggest(GlossaryLanguage::Nb, "Nye tiltak")
            .iter()
            .any(|s| s.term == "tiltak")
    );
    let entry = GlossaryEntry::new("nb", "PPT", "de som hjelper med læring").expect("entry");
    assert!(matches!(
        teacher.set_glossary_entry(entry.clone()).await,
        Err(DbError::Forbidden)
    ));
    let admin = store(&w)
        .system_access(&w.tenant)
        .for_purpose(Purpose::Administration);
    admin.set_glossary_entry(entry).await.expect("admin edits");
    admin
        .remove_glossary_entry(GlossaryLanguage::Nb, Term::parse("tiltak").expect("term"))
        .await
        .expect("remove");
    let now = teacher.glossary().await.expect("glossary");
    let terms: Vec<_> = now
        .suggest(GlossaryLanguage::Nb, "PPT har nye tiltak og en koordinator")
        .into_iter()
        .map(|s| s.term)
        .collect();
    // The seed was kept on the first edit, less the removed entry.
    assert_eq!(terms, ["koordinator", "ppt"]);
    w.db.remove().await;
}
