//! The consent ledger over the API: a parent's consent lets another school
//! read the relay log until it is withdrawn, a kind of service covers its
//! every unit, bad input is a 400 with its precise key and stores nothing,
//! and only those who follow the child up read or change the ledger.

use ettlag_core::Day;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::relay::open_log;
use crate::world::{World as Api, assert_error, json};

fn today() -> Day {
    Day::from_ms(ettlag_db::now_ms())
}

/// A parent's consent for school B, with `change` merged in.
fn parent_consent(api: &Api, change: Value) -> Value {
    let mut body = json!({
        "grantors": [api.guardian_a.as_str()],
        "purpose": "Nordli og Sørli skole samarbeider om Ada.",
        "categories": ["relay_log", "plan"],
        "units": [api.school_b.as_str()],
        "valid_to": today().add_days(365).to_string(),
        "evidence": "meeting",
    });
    for (k, v) in change.as_object().expect("an object") {
        body[k] = v.clone();
    }
    body
}

fn consents_path(api: &Api) -> String {
    format!("/api/v1/children/{}/consents", api.child_a1)
}

/// Records a consent as teacher A; its id.
async fn give(api: &Api, body: &Value) -> String {
    let r = api.post(&api.teacher_a, &consents_path(api), body).await;
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(location, consents_path(api));
    created["id"].as_str().expect("id").to_string()
}

/// The child's consents as `token` reads them.
async fn ledger(api: &Api, token: &str) -> Vec<Value> {
    let (status, body) = json(api.get(token, &consents_path(api)).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().expect("a list").clone()
}

#[tokio::test]
async fn a_parents_consent_lets_another_school_read_the_log_until_it_is_withdrawn() {
    let api = Api::start().await;
    let log = format!("/api/v1/relay-logs/{}", open_log(&api).await);
    assert_eq!(api.get(&api.teacher_b, &log).await.status(), 404);
    assert!(ledger(&api, &api.teacher_a).await.is_empty());

    let health = give(
        &api,
        &parent_consent(&api, json!({"categories": ["health"]})),
    )
    .await;
    assert_eq!(api.get(&api.teacher_b, &log).await.status(), 404);
    let shared = give(&api, &parent_consent(&api, json!({}))).await;
    assert_eq!(api.get(&api.teacher_b, &log).await.status(), 200);

    let listed = ledger(&api, &api.teacher_a).await;
    assert_eq!(listed.len(), 2);
    let c = listed
        .iter()
        .find(|c| c["id"] == shared.as_str())
        .expect("listed");
    assert_eq!(c["child_id"], api.child_a1.as_str());
    assert_eq!(c["grantors"], json!([api.guardian_a.as_str()]));
    assert_eq!(c["basis"], "guardians");
    assert_eq!(c["categories"], json!(["relay_log", "plan"]));
    assert_eq!(c["recipients"]["units"], json!([api.school_b.as_str()]));
    assert_eq!(c["valid_from"], today().to_string());
    assert_eq!(c["evidence"], "meeting");
    assert_eq!(c["state"], "in_force");
    assert_eq!(c["recorded_by"]["id"], api.staff_a.as_str());
    assert!(c["withdrawal"].is_null());

    // Withdrawn: the next request from school B finds nothing.
    let withdraw = format!("/api/v1/consents/{shared}/withdraw");
    let r = api
        .post(
            &api.teacher_a,
            &withdraw,
            &json!({"note": "Foreldrene vil ikke dele mer."}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.get(&api.teacher_b, &log).await.status(), 404);
    let again = api.post(&api.teacher_a, &withdraw, &json!({})).await;
    assert_error(again, StatusCode::CONFLICT, "consent-error-withdrawn").await;
    let listed = ledger(&api, &api.teacher_a).await;
    let c = listed
        .iter()
        .find(|c| c["id"] == shared.as_str())
        .expect("kept");
    assert_eq!(c["state"], "withdrawn");
    assert_eq!(c["withdrawal"]["note"], "Foreldrene vil ikke dele mer.");
    assert_eq!(c["withdrawal"]["by"]["id"], api.staff_a.as_str());

    // School B neither reads nor changes the ledger now.
    let r = api.get(&api.teacher_b, &consents_path(&api)).await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let other = format!("/api/v1/consents/{health}/withdraw");
    let r = api.post(&api.teacher_b, &other, &json!({})).await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let r = api
        .post(
            &api.teacher_b,
            &consents_path(&api),
            &parent_consent(&api, json!({})),
        )
        .await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let r = api
        .post(
            &api.teacher_a,
            "/api/v1/consents/no-such-consent/withdraw",
            &json!({}),
        )
        .await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    assert_eq!(ledger(&api, &api.teacher_a).await.len(), 2);

    let audit = api
        .db
        .store
        .audit_records(&api.tenant, 100_000)
        .await
        .expect("audit");
    let has = |actor: &str, action: &str, outcome: &str| {
        audit.iter().any(|r| {
            r.event.resource_type == "consent"
                && r.event.actor_id == actor
                && r.event.action == action
                && r.event.outcome == outcome
        })
    };
    let (a, b) = (api.staff_a.as_str(), api.staff_b.as_str());
    assert!(has(a, "create", "allow") && has(a, "update", "allow") && has(a, "list", "allow"));
    assert!(has(b, "create", "deny") && has(b, "update", "deny") && has(b, "list", "deny"));
    api.stop().await;
}

#[tokio::test]
async fn a_kind_of_service_covers_every_unit_of_that_kind() {
    let api = Api::start().await;
    let log = format!("/api/v1/relay-logs/{}", open_log(&api).await);
    let to_schools = json!({"units": [], "service_types": ["school"], "valid_to": null});
    let id = give(&api, &parent_consent(&api, to_schools)).await;
    assert_eq!(api.get(&api.teacher_b, &log).await.status(), 200);
    let listed = ledger(&api, &api.teacher_a).await;
    assert_eq!(listed[0]["recipients"]["service_types"], json!(["school"]));
    assert!(listed[0]["valid_to"].is_null());
    let r = api
        .send(
            reqwest::Method::POST,
            &api.teacher_a,
            &format!("/api/v1/consents/{id}/withdraw"),
            None,
            &[],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::NO_CONTENT,
        "the body may be left out"
    );
    assert_eq!(api.get(&api.teacher_b, &log).await.status(), 404);
    api.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_with_its_key_and_stores_nothing() {
    let api = Api::start().await;
    let child = api.child_a1.as_str();
    let cases = [
        (json!({"grantors": []}), "consent-error-grantor"),
        (
            json!({"grantors": ["not an id"]}),
            "consent-error-grantor-unknown",
        ),
        (json!({"purpose": "  "}), "consent-error-purpose"),
        (
            json!({"purpose": "x".repeat(1001)}),
            "consent-error-purpose-long",
        ),
        (json!({"categories": []}), "consent-error-category"),
        (
            json!({"categories": ["diary"]}),
            "consent-error-category-unknown",
        ),
        (json!({"units": []}), "consent-error-recipient"),
        (
            json!({"units": ["no-such-unit"]}),
            "consent-error-unit-unknown",
        ),
        (
            json!({"service_types": ["hospital"]}),
            "consent-error-service-unknown",
        ),
        (json!({"valid_from": "01.05.2030"}), "error-bad-date"),
        (
            json!({"valid_from": "2030-05-02", "valid_to": "2030-05-01"}),
            "consent-error-dates",
        ),
        (json!({"evidence": null}), "consent-error-evidence"),
        (json!({"evidence": "rumour"}), "consent-error-evidence"),
        (json!({"basis": "guardians"}), "error-bad-json"),
        (json!({"categories": "plan"}), "error-bad-json"),
        // Ada is 11: she cannot consent alone, nor together with a guardian.
        (json!({"grantors": [child]}), "consent-error-guardian"),
        (
            json!({"grantors": [child, api.guardian_a.as_str()]}),
            "consent-error-guardian",
        ),
        (
            json!({"grantors": [api.child_b.as_str()]}),
            "consent-error-guardian",
        ),
    ];
    for (change, key) in cases {
        let body = parent_consent(&api, change.clone());
        let r = api.post(&api.teacher_a, &consents_path(&api), &body).await;
        let refused = assert_error(r, StatusCode::BAD_REQUEST, key).await;
        assert_ne!(refused["message"], "", "{change}");
    }
    let r = api
        .post_raw(
            &api.teacher_a,
            &consents_path(&api),
            "application/json",
            "{",
        )
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "error-bad-json").await;
    assert!(
        ledger(&api, &api.teacher_a).await.is_empty(),
        "nothing was stored"
    );

    let id = give(&api, &parent_consent(&api, json!({}))).await;
    let withdraw = format!("/api/v1/consents/{id}/withdraw");
    let r = api
        .post(
            &api.teacher_a,
            &withdraw,
            &json!({"note": "x".repeat(4001)}),
        )
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "entry-error-too-long").await;
    let r = api
        .post(&api.teacher_a, &withdraw, &json!({"why": "nei"}))
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "error-bad-json").await;
    assert_eq!(ledger(&api, &api.teacher_a).await[0]["state"], "in_force");

    // The administrator maintains the register, and does not follow children up.
    let r = api.get(&api.admin, &consents_path(&api)).await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    api.stop().await;
}
