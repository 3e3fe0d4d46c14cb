//! Entries are never edited, and another school cannot tell a case from nothing.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{log, open_log, raise, write};
use crate::world::{World as Api, assert_error, json};

#[tokio::test]
async fn entries_are_never_edited_or_deleted() {
    let api = Api::start().await;
    let log_id = open_log(&api).await;
    let goal = json!({"kind": "goal", "text": "Lese selv"});
    let goal_id = write(&api, &api.teacher_a, &log_id, goal).await;
    let (before, _) = log(&api, &api.teacher_a, &log_id).await;
    let path = format!("/api/v1/relay-logs/{log_id}/entries/{goal_id}");
    let edit = json!({"kind": "goal", "text": "Noe annet"});
    for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::POST] {
        for token in [&api.teacher_a, &api.teacher_b] {
            let r = api
                .send(method.clone(), token, &path, Some(&edit), &[])
                .await;
            assert_eq!(r.headers()["allow"], "GET", "{method}");
            assert_error(r, StatusCode::METHOD_NOT_ALLOWED, "relay-error-append-only").await;
        }
    }
    let r = api
        .client()
        .delete(api.url(&path))
        .send()
        .await
        .expect("DELETE");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (after, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(after, before);
    let (_, entry) = json(api.get(&api.teacher_a, &path).await).await;
    assert_eq!(entry["entry"]["text"], "Lese selv");
    assert_eq!(entry["superseded_by"], Value::Null);
    api.stop().await;
}

#[tokio::test]
async fn another_school_cannot_tell_a_case_from_nothing() {
    let api = Api::start().await;
    let concern = raise(&api, &api.teacher_a, api.child_a1.as_str()).await;
    let other = raise(&api, &api.teacher_a, api.child_a1.as_str()).await;
    let body =
        json!({"decision": "start_log", "level": 1, "family_informed": crate::world::told()});
    let (_, decided) = json(
        api.post(
            &api.teacher_a,
            &format!("/api/v1/concerns/{other}/decision"),
            &body,
        )
        .await,
    )
    .await;
    let log_id = decided["log_id"].as_str().expect("log").to_string();
    let entry = write(
        &api,
        &api.teacher_a,
        &log_id,
        json!({"kind": "observation", "text": "Lo"}),
    )
    .await;
    let (before, _) = log(&api, &api.teacher_a, &log_id).await;

    let missing = "0195f3a2-7c1e-7d3b-9a41-000000000000";
    let b = &api.teacher_b;
    let gets = |id: &str| {
        [
            format!("/api/v1/concerns/{id}"),
            format!("/api/v1/relay-logs/{id}"),
            format!("/api/v1/relay-logs/{id}/entries/{entry}"),
            format!("/api/v1/relay-logs/{id}/archive"),
            format!("/api/v1/relay-logs/{id}/candidates"),
        ]
    };
    let (real, none) = (gets(&log_id), gets(missing));
    let real_concern = format!("/api/v1/concerns/{concern}");
    for (seen, nothing) in real.iter().zip(none.iter()) {
        let seen = if seen.starts_with("/api/v1/concerns/") {
            &real_concern
        } else {
            seen
        };
        let hidden = assert_error(
            api.get(b, seen).await,
            StatusCode::NOT_FOUND,
            "error-not-found",
        )
        .await;
        let absent = assert_error(
            api.get(b, nothing).await,
            StatusCode::NOT_FOUND,
            "error-not-found",
        )
        .await;
        assert_eq!(hidden, absent, "{seen}");
    }
    let writes = [
        (
            format!("/api/v1/concerns/{concern}/decision"),
            json!({"decision": "close"}),
        ),
        (
            format!("/api/v1/relay-logs/{log_id}/entries"),
            json!({"kind": "observation", "text": "x"}),
        ),
        (
            format!("/api/v1/relay-logs/{log_id}/level"),
            json!({"level": 2, "reason": "x", "family_informed": crate::world::told()}),
        ),
        (
            format!("/api/v1/relay-logs/{log_id}/close"),
            json!({"reason": "goals_reached"}),
        ),
    ];
    for (path, body) in &writes {
        assert_error(
            api.post(b, path, body).await,
            StatusCode::NOT_FOUND,
            "error-not-found",
        )
        .await;
    }
    let accept = format!("/api/v1/relay-logs/{log_id}/baton/accept");
    assert_error(
        api.post(b, &accept, &json!({})).await,
        StatusCode::NOT_FOUND,
        "error-not-found",
    )
    .await;
    let child = api.child_a1.as_str();
    let raise_path = format!("/api/v1/children/{child}/concerns");
    let r = api.post(b, &raise_path, &json!({"text": "x"})).await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    for list in ["concerns", "relay-logs"] {
        let (status, body) = json(
            api.get(b, &format!("/api/v1/children/{child}/{list}"))
                .await,
        )
        .await;
        assert_eq!((status, body), (StatusCode::OK, json!([])));
    }
    let (after, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(after, before);
    let (_, c) = json(api.get(&api.teacher_a, &real_concern).await).await;
    assert_eq!(c["decision"], Value::Null);
    api.stop().await;
}
