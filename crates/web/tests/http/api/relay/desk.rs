//! The caller's desk, and the relay part of the OpenAPI document.

use reqwest::StatusCode;
use serde_json::json;

use super::{open_log, raise};
use crate::world::{World as Api, json};

#[tokio::test]
async fn my_work_lists_my_concerns_logs_and_reminders() {
    let api = Api::start().await;
    let waiting = raise(&api, &api.teacher_a, api.child_a2.as_str()).await;
    let log_id = open_log(&api).await;
    let (status, desk) = json(api.get(&api.teacher_a, "/api/v1/me/work").await).await;
    assert_eq!(status, StatusCode::OK, "{desk}");
    assert_eq!(desk["concerns"][0]["id"], waiting.as_str());
    assert_eq!(desk["concerns"].as_array().map(Vec::len), Some(1));
    assert_eq!(desk["logs"][0]["id"], log_id.as_str());
    assert_eq!(desk["notifications"], json!([]));
    let (_, other) = json(api.get(&api.teacher_b, "/api/v1/me/work").await).await;
    assert_eq!(
        other,
        json!({"offers": [], "logs": [], "concerns": [], "notifications": []})
    );

    // The deadline passes: a reminder, until it is read.
    let later = ettlag_db::now_ms() + 30 * 24 * 3_600_000;
    api.db.store.run_due_jobs(later).await.expect("jobs");
    let (_, desk) = json(api.get(&api.teacher_a, "/api/v1/me/work").await).await;
    let note = &desk["notifications"][0];
    assert_eq!(note["kind"], "concern_deadline", "{desk}");
    assert_eq!(note["concern_id"], waiting.as_str());
    let key = note["key"].as_str().expect("key").to_string();
    let path = format!("/api/v1/me/notifications/{key}/read");
    // Someone else marking it changes nothing.
    assert_eq!(
        api.post(&api.teacher_b, &path, &json!({})).await.status(),
        204
    );
    let (_, desk) = json(api.get(&api.teacher_a, "/api/v1/me/work").await).await;
    assert_eq!(desk["notifications"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        api.post(&api.teacher_a, &path, &json!({})).await.status(),
        204
    );
    let (_, desk) = json(api.get(&api.teacher_a, "/api/v1/me/work").await).await;
    assert_eq!(desk["notifications"], json!([]));
    api.stop().await;
}

#[tokio::test]
async fn the_openapi_document_describes_the_relay_api() {
    let api = Api::start().await;
    let (_, doc) = json(
        api.client()
            .get(api.url("/api/openapi.json"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    let entry = &doc["paths"]["/api/v1/relay-logs/{id}/entries/{entry_id}"];
    for method in ["get", "put", "patch", "delete"] {
        assert!(entry[method].is_object(), "{method}");
    }
    assert!(entry["delete"]["responses"]["405"].is_object());
    for path in [
        "/api/v1/concerns/{id}/decision",
        "/api/v1/relay-logs/{id}/baton/offer",
        "/api/v1/me/work",
    ] {
        let item = &doc["paths"][path];
        assert_eq!(
            item.as_object()
                .and_then(|o| o.values().next())
                .map(|op| op["tags"][0].clone()),
            Some(json!("relay")),
            "{path}"
        );
    }
    let areas = &doc["components"]["schemas"]["DevelopmentArea"]["enum"];
    assert_eq!(areas.as_array().map(Vec::len), Some(8));
    api.stop().await;
}
