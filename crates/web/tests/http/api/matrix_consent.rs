//! The authorization matrix's rows for whose log it is: teacher B at school
//! B asks for school A's relay log about Ada in four situations where the
//! family's consent does not let school B in — the child is enrolled there
//! too; B held the baton under a consent since withdrawn; the family refused
//! school B; only one of two guardians consented. Each is the 404 of a log
//! that does not exist, for a read and for a write, and each denial is in
//! the access log with its reason.

use ettlag_core::{PersonKind, RelationKind};
use ettlag_db::NewPerson;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::relay::open_log;
use crate::world::{World as Api, json, nin};

/// The consent of `grantors` that school B may receive Ada's relay log.
fn consent_for_b(api: &Api, grantors: &[&str], stance: &str) -> Value {
    json!({
        "grantors": grantors,
        "purpose": "Nordli og Sørli skole samarbeider om Ada.",
        "categories": ["relay_log"],
        "units": [api.school_b.as_str()],
        "evidence": "meeting",
        "stance": stance,
    })
}

async fn give(api: &Api, body: &Value) -> String {
    let path = format!("/api/v1/children/{}/consents", api.child_a1);
    let (status, created) = json(api.post(&api.teacher_a, &path, body).await).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().expect("id").to_string()
}

/// Teacher B reads and writes the log: both must be the answer for a log
/// that does not exist, and the last denial has `reason`.
async fn refused_like_a_missing_log(api: &Api, log: &str, reason: &str) {
    let missing = json(
        api.get(&api.teacher_b, "/api/v1/relay-logs/no-such-log")
            .await,
    )
    .await;
    let read = json(
        api.get(&api.teacher_b, &format!("/api/v1/relay-logs/{log}"))
            .await,
    )
    .await;
    assert_eq!(read, missing, "a read is the answer for a missing log");
    assert_eq!(read.0, StatusCode::NOT_FOUND);
    let entry = json!({"kind": "observation", "text": "Ada smilte"});
    let path = format!("/api/v1/relay-logs/{log}/entries");
    let (status, _) = json(api.post(&api.teacher_b, &path, &entry).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a write too");
    let records = api
        .db
        .store
        .audit_records(&api.tenant, 100_000)
        .await
        .expect("audit");
    let denials: Vec<_> = records
        .iter()
        .map(|r| &r.event)
        .filter(|e| e.resource_id == log && e.actor_id == api.staff_b.as_str())
        .collect();
    assert!(denials.len() >= 2, "{denials:?}");
    assert!(
        denials
            .iter()
            .all(|e| e.outcome == "deny" && e.reason == reason),
        "{denials:?}"
    );
}

#[tokio::test]
async fn an_enrolled_unit_without_consent_is_refused_like_a_missing_log() {
    let api = Api::start().await;
    let log = open_log(&api).await;
    api.db
        .store
        .system_access(&api.tenant)
        .enrol(&api.child_a1, &api.school_b, "2021-08-16")
        .await
        .expect("enrol");
    refused_like_a_missing_log(&api, &log, "not_linked_to_own_unit").await;
}

#[tokio::test]
async fn a_holder_under_a_withdrawn_consent_is_refused_like_a_missing_log() {
    let api = Api::start().await;
    let log = open_log(&api).await;
    let consent = give(
        &api,
        &consent_for_b(&api, &[api.guardian_a.as_str()], "grant"),
    )
    .await;
    let offer = json!({"to_staff_id": api.staff_b.as_str(), "to_unit_id": api.school_b.as_str()});
    let path = format!("/api/v1/relay-logs/{log}/baton/offer");
    let (status, body) = json(api.post(&api.teacher_a, &path, &offer).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = format!("/api/v1/relay-logs/{log}/baton/accept");
    let (status, body) = json(api.post(&api.teacher_b, &path, &json!({})).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = format!("/api/v1/consents/{consent}/withdraw");
    let r = api.post(&api.teacher_a, &path, &json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    // Only what B asks after the withdrawal counts here.
    let before = api
        .db
        .store
        .audit_records(&api.tenant, 100_000)
        .await
        .expect("audit")
        .len();
    refused_like_a_missing_log_after(&api, &log, before, "not_linked_to_own_unit").await;
    let (_, log_now) = json(
        api.get(&api.teacher_a, &format!("/api/v1/relay-logs/{log}"))
            .await,
    )
    .await;
    assert_eq!(
        log_now["holder"]["id"],
        api.staff_a.as_str(),
        "the baton went home"
    );
}

/// Like [`refused_like_a_missing_log`], for the records after the first `skip`.
async fn refused_like_a_missing_log_after(api: &Api, log: &str, skip: usize, reason: &str) {
    let read = api
        .get(&api.teacher_b, &format!("/api/v1/relay-logs/{log}"))
        .await;
    assert_eq!(read.status(), StatusCode::NOT_FOUND);
    let entry = json!({"kind": "observation", "text": "Ada smilte"});
    let path = format!("/api/v1/relay-logs/{log}/entries");
    let r = api.post(&api.teacher_b, &path, &entry).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let records = api
        .db
        .store
        .audit_records(&api.tenant, 100_000)
        .await
        .expect("audit");
    let after: Vec<_> = records
        .iter()
        .skip(skip)
        .map(|r| &r.event)
        .filter(|e| e.resource_id == log && e.actor_id == api.staff_b.as_str())
        .collect();
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(
        after
            .iter()
            .all(|e| e.outcome == "deny" && e.reason == reason),
        "{after:?}"
    );
}

#[tokio::test]
async fn a_refused_unit_is_refused_like_a_missing_log_whatever_else_was_consented() {
    let api = Api::start().await;
    let log = open_log(&api).await;
    give(
        &api,
        &consent_for_b(&api, &[api.guardian_a.as_str()], "grant"),
    )
    .await;
    give(
        &api,
        &consent_for_b(&api, &[api.guardian_a.as_str()], "refusal"),
    )
    .await;
    refused_like_a_missing_log(&api, &log, "refused_by_family").await;
}

#[tokio::test]
async fn one_of_two_guardians_consenting_is_refused_like_a_missing_log() {
    let api = Api::start().await;
    let log = open_log(&api).await;
    let admin = api.db.store.system_access(&api.tenant);
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
        .add_relation(&api.child_a1, &father, RelationKind::Guardian)
        .await
        .expect("relation");
    let draft = give(
        &api,
        &consent_for_b(&api, &[api.guardian_a.as_str()], "grant"),
    )
    .await;
    refused_like_a_missing_log(&api, &log, "not_linked_to_own_unit").await;
    // The ledger says who has not consented yet; the father's yes opens it.
    let path = format!("/api/v1/children/{}/consents", api.child_a1);
    let (_, ledger) = json(api.get(&api.teacher_a, &path).await).await;
    assert_eq!(ledger[0]["state"], "draft");
    assert_eq!(ledger[0]["awaiting"], json!([father.as_str()]));
    let path = format!("/api/v1/consents/{draft}/join");
    let r = api
        .post(&api.teacher_a, &path, &json!({"guardian": father.as_str()}))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let read = api
        .get(&api.teacher_b, &format!("/api/v1/relay-logs/{log}"))
        .await;
    assert_eq!(read.status(), StatusCode::OK);
}
