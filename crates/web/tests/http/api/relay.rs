//! Concerns and relay logs over the API: from a concern to a closed log with
//! its archive copy, append-only entries, what another school sees, If-Match,
//! precise refusals of bad input, the baton, and the caller's desk.

mod baton;
mod desk;
mod flow;
mod refusals;
mod types;
mod visibility;

use ettlag_core::{Role, RoleSet, StaffId};
use ettlag_db::NewStaff;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::world::{World as Api, json};

/// Raises a concern about `child` and returns its id.
pub async fn raise(api: &Api, token: &str, child: &str) -> String {
    let body = json!({"text": "Trekker seg unna i friminuttene", "areas": ["social"]});
    let r = api
        .post(token, &format!("/api/v1/children/{child}/concerns"), &body)
        .await;
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().expect("id").to_string();
    assert_eq!(location, format!("/api/v1/concerns/{id}"));
    id
}

/// Raises a concern about child A1 as teacher A and starts a log at level 1.
pub async fn open_log(api: &Api) -> String {
    let concern = raise(api, &api.teacher_a, api.child_a1.as_str()).await;
    let body =
        json!({"decision": "start_log", "level": 1, "family_informed": crate::world::told()});
    let path = format!("/api/v1/concerns/{concern}/decision");
    let (status, decided) = json(api.post(&api.teacher_a, &path, &body).await).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    decided["log_id"].as_str().expect("a log").to_string()
}

/// The whole log and its `ETag`.
pub async fn log(api: &Api, token: &str, id: &str) -> (Value, String) {
    let r = api.get(token, &format!("/api/v1/relay-logs/{id}")).await;
    let etag = r.headers()["etag"].to_str().expect("ascii").to_string();
    let (status, body) = json(r).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(etag, format!("\"{}\"", body["version"]));
    (body, etag)
}

/// Writes an entry and returns its id.
pub async fn write(api: &Api, token: &str, log_id: &str, body: Value) -> String {
    let r = api
        .post(
            token,
            &format!("/api/v1/relay-logs/{log_id}/entries"),
            &body,
        )
        .await;
    let location = r.headers().get("location").cloned();
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().expect("id").to_string();
    let location = location.expect("location");
    assert_eq!(
        location.to_str().expect("ascii"),
        format!("/api/v1/relay-logs/{log_id}/entries/{id}")
    );
    id
}

pub fn measure(api: &Api, goal: &str) -> Value {
    json!({
        "kind": "measure",
        "what": "Fast lekekamerat i friminuttene",
        "responsible": api.staff_a.as_str(),
        "responsible_unit": api.school_a.as_str(),
        "start": "2026-09-01",
        "evaluate_by": "2026-10-15",
        "goal": goal,
    })
}

pub fn events_of<'a>(log: &'a Value, kind: &str) -> Vec<&'a Value> {
    log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["event"] == "entry" && e["entry"]["kind"] == kind)
        .collect()
}

/// Another teacher at school A, with a token.
pub async fn second_teacher(api: &Api) -> (StaffId, String) {
    let staff = api
        .db
        .store
        .system_access(&api.tenant)
        .create_staff(NewStaff {
            username: "laerer.a2".into(),
            display_name: "Navn laerer.a2".into(),
            roles: RoleSet::new(vec![Role::Staff]),
            units: vec![api.school_a.clone()],
            password_hash: None,
        })
        .await
        .expect("staff");
    let token = api
        .db
        .store
        .create_api_token(&api.tenant, &staff, "test")
        .await
        .expect("token");
    (staff, token)
}
