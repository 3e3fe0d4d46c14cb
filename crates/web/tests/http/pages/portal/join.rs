//! Joint parental responsibility in the portal: a consent the school took
//! from one parent waits for the other. The first parent reads that it waits
//! for the other parent (not that it has ended) and cannot say yes in their
//! place; the other parent reads that it waits for them, says yes in the
//! portal, and only then may the school the consent names read the log. A
//! consent one parent gives in the portal thanks them without saying it is in
//! force, and one from a later day reads as not yet started. A consent that
//! still waits can be taken back. Every page is LIX 40 or less in bokmål.

use ettlag_core::consent::{AgeBasis, Category, Consent, Evidence, Recipients};
use ettlag_core::policy::Purpose;
use ettlag_core::{Day, PersonId, PersonKind, RelationKind};
use ettlag_db::{NewPerson, now_ms};
use reqwest::StatusCode;

use super::{Family, assert_plain, open_log, parent_account};
use crate::world::{PASSWORD, World as App, nin};

/// Adds Per, Ada's second guardian, with the portal account `per`.
async fn second_guardian(app: &App) -> PersonId {
    let system = app.db.store.system_access(&app.tenant);
    let per = system
        .create_person(NewPerson {
            kind: PersonKind::Adult,
            national_id: Some(nin(1983, 2, 3)),
            given_name: "Per".into(),
            family_name: "Testesen".into(),
        })
        .await
        .expect("adult");
    system
        .add_relation(&app.child_a1, &per, RelationKind::Guardian)
        .await
        .expect("relation");
    let hash = ettlag_web::password::hash(PASSWORD).await.expect("hash");
    app.db
        .store
        .create_citizen_account(&app.tenant, &nin(1983, 2, 3), "per", &hash)
        .await
        .expect("citizen account");
    per
}

/// Both parents' consent, taken by teacher A, that school B may receive
/// Ada's plan from tomorrow.
async fn consent_from_tomorrow(app: &App, per: &PersonId) {
    let s = &app.db.store;
    let actor = s
        .actor(&app.tenant, &app.staff_a)
        .await
        .expect("load")
        .expect("teacher");
    s.access(actor, Purpose::FollowUp, "test")
        .give_consent(Consent {
            id: String::new(),
            subject: app.child_a1.clone(),
            grantors: vec![app.guardian_a.clone(), per.clone()],
            basis: AgeBasis::Guardians,
            purpose: "Planen til skolen etter ferien".into(),
            recipients: Recipients {
                units: vec![app.school_b.clone()],
                service_types: Vec::new(),
            },
            categories: vec![Category::Plan],
            valid_from: Day::from_ms(now_ms()).add_days(1),
            valid_to: None,
            evidence: Evidence::Meeting,
            withdrawn_at_ms: None,
            stance: Default::default(),
            awaiting: Vec::new(),
            one_guardian_accepted: false,
        })
        .await
        .expect("consent");
}

#[tokio::test]
async fn the_second_parent_says_yes_in_the_portal_and_only_then_the_school_reads_the_log() {
    let app = App::start().await;
    parent_account(&app).await;
    let per_id = second_guardian(&app).await;
    let log = open_log(&app).await;
    // Taken from Gro alone: with two guardians it waits for Per.
    let consent = app.consent_for_school_b().await;
    let log_path = format!("/api/v1/relay-logs/{log}");
    assert_eq!(
        app.get(&app.teacher_b, &log_path).await.status(),
        404,
        "one parent's yes opens nothing"
    );
    let child = app.child_a1.as_str();
    let consents = format!("/portal/children/{child}/consents");
    let join = format!("{consents}/{consent}/join");

    let gro = Family::sign_in(&app).await;
    let html = gro.page(&consents).await;
    assert!(
        html.contains("Vi venter på at den andre forelderen sier ja."),
        "{html}"
    );
    assert!(
        !html.contains("Gjelder ikke lenger."),
        "a draft has not ended"
    );
    assert!(!html.contains(&join), "Gro has said yes already");
    assert_plain("consents, waiting for the other parent", &html);
    let (status, _) = gro.post(&join, &[]).await;
    assert_eq!(status, StatusCode::CONFLICT, "Gro cannot say yes for Per");
    assert_eq!(app.get(&app.teacher_b, &log_path).await.status(), 404);

    let per = Family::sign_in_as(&app, "per").await;
    let html = per.page(&consents).await;
    assert!(html.contains("Vi venter på at du sier ja."), "{html}");
    assert!(html.contains(&join), "Per is offered to say yes");
    assert_plain("consents, waiting for me", &html);
    let (status, html) = per.post(&join, &[]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Takk. Nå gjelder det."), "{html}");
    assert!(html.contains("Gjelder nå."));
    assert_plain("consents, joined", &html);
    assert_eq!(
        app.get(&app.teacher_b, &log_path).await.status(),
        200,
        "with both parents' yes the school reads the log"
    );

    // A consent Gro gives in the portal waits for Per too, and says so.
    let (status, html) = gro
        .post(
            &consents,
            &[
                ("stance", "grant"),
                ("purpose", "Skolen får vite om planen"),
                ("unit", app.school_b.as_str()),
                ("category", "plan"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Takk. Det gjelder når den andre forelderen også har sagt ja."),
        "{html}"
    );
    assert!(!html.contains("Det gjelder fra i dag."));

    // One both parents gave from tomorrow has not started, nor ended.
    consent_from_tomorrow(&app, &per_id).await;
    let html = gro.page(&consents).await;
    let later = html
        .split("Planen til skolen etter ferien")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the consent from tomorrow is listed");
    assert!(later.contains("Gjelder ikke ennå."), "{later}");
    assert!(!later.contains("Gjelder ikke lenger."), "{later}");
    assert_plain("consents, one from tomorrow", &html);
}

#[tokio::test]
async fn a_parent_takes_back_a_consent_that_still_waits_for_the_other() {
    let app = App::start().await;
    parent_account(&app).await;
    second_guardian(&app).await;
    let consent = app.consent_for_school_b().await;
    let consents = format!("/portal/children/{}/consents", app.child_a1.as_str());
    let withdraw = format!("{consents}/{consent}/withdraw");
    let gro = Family::sign_in(&app).await;
    let html = gro.page(&consents).await;
    assert!(
        html.contains(&withdraw),
        "a waiting consent can be taken back"
    );
    let (status, html) = gro.post(&withdraw, &[]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Gjelder ikke lenger."), "{html}");
    assert!(
        !html.contains(&withdraw),
        "an ended consent has nothing to take back"
    );
    // Per is no longer asked to say yes to it.
    let per = Family::sign_in_as(&app, "per").await;
    let html = per.page(&consents).await;
    assert!(
        !html.contains(&format!("{consents}/{consent}/join")),
        "{html}"
    );
    assert!(!html.contains("Vi venter på at du sier ja."), "{html}");
}
