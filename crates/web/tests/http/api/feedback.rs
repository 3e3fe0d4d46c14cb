//! The feedback API: an episode started with a link to the child's relay
//! log, an answer with decimal strings and numbers ("7,3", "7.3", 8), a
//! refused answer (a missing and an out-of-range item: 422 problem+json in
//! the caller's language naming the items, nothing stored), the episode read
//! back with decimals, totals, the change since intake and the alerts, a
//! one-time link shown once, another school kept out, and the episode ended.

use reqwest::StatusCode;
use serde_json::json;

use crate::world::{World, json};

const TEST_PACK: &str = include_str!("../../../../../packs/test.toml");

#[tokio::test]
async fn an_episode_is_started_answered_read_linked_and_ended_over_json() {
    let w = World::start().await;
    w.db.store
        .install_pack_for(&w.tenant, TEST_PACK, ettlag_db::PackOrigin::Shipped)
        .await
        .expect("store")
        .expect("pack");
    let t = w.teacher_a.clone();
    let child = w.child_a1.to_string();
    let base = format!("/api/v1/children/{child}/feedback");

    let (status, body) = json(
        w.post(
            &t,
            &base,
            &json!({"unit_id": w.school_a.as_str(), "pack_id": "test", "log_id": "no-such-log"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"], "feedback-error-linked");

    let (status, made) = json(
        w.post(
            &t,
            &base,
            &json!({"unit_id": w.school_a.as_str(), "pack_id": "test"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let episode = made["id"].as_str().expect("id").to_string();
    let path = format!("/api/v1/feedback/{episode}");

    // A missing and an out-of-range item: 422, both named, in English when asked.
    let refused = w
        .client()
        .post(w.url(&format!("{path}/answers")))
        .bearer_auth(&t)
        .header("Accept-Language", "en")
        .json(&json!({"scale_id": "outcome", "items": ["7,3", 11, "5"]}))
        .send()
        .await
        .expect("post");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.headers()["content-type"].to_str().expect("ascii"),
        "application/problem+json"
    );
    let body: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(body["status"], 422);
    assert_eq!(body["error"], "feedback-score-out-of-range");
    let message = body["message"].as_str().expect("message");
    assert!(message.contains("Item B"), "{message}");
    assert!(message.contains("Item D"), "{message}");
    assert!(message.contains("You have not answered"), "{message}");
    assert_eq!(body["items"].as_array().map(Vec::len), Some(2));
    let (_, read) = json(w.get(&t, &path).await).await;
    assert_eq!(read["scales"][0]["answers"], json!([]), "nothing stored");

    for items in [json!(["7,3", "7.3", 8, 8.0]), json!([1, "1.5", "2", 2])] {
        let (status, body) = json(
            w.post(
                &t,
                &format!("{path}/answers"),
                &json!({"scale_id": "outcome", "items": items}),
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, read) = json(w.get(&t, &path).await).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    let outcome = &read["scales"][0];
    assert_eq!(outcome["scale_id"], "outcome");
    assert_eq!(
        outcome["answers"][0]["items"],
        json!(["7.3", "7.3", "8.0", "8.0"])
    );
    assert_eq!(outcome["answers"][0]["total"], "30.6");
    assert_eq!(outcome["answers"][1]["total"], "6.5");
    assert_eq!(outcome["change"], "deteriorated");
    let alerts = outcome["answers"][1]["alerts"].as_array().expect("alerts");
    assert!(alerts.iter().any(|a| a["rule"] == "drop"), "{alerts:?}");
    assert!(!alerts[0]["message"].as_str().unwrap_or_default().is_empty());

    let (status, list) = json(w.get(&t, &base).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list[0]["id"], episode.as_str());
    assert_eq!(list[0]["answers"], 2);

    let (status, link) = json(
        w.post(
            &t,
            &format!("{path}/links"),
            &json!({"scale_id": "outcome", "respondent": "parent"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    let url = link["url"].as_str().expect("url");
    assert!(url.starts_with("/f/") && url.len() == 3 + 64, "{url}");
    assert!(link["expires_at_ms"].as_i64().is_some());

    // Another school: the episode does not exist for them.
    let b = w.teacher_b.clone();
    assert_eq!(w.get(&b, &path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        w.post(&b, &format!("{path}/end"), &json!({}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        w.post(&t, &format!("{path}/end"), &json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let (status, again) = json(w.post(&t, &format!("{path}/end"), &json!({})).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["error"], "feedback-error-ended");
    let (status, late) = json(
        w.post(
            &t,
            &format!("{path}/answers"),
            &json!({"scale_id": "outcome", "items": [5, 5, 5, 5]}),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{late}");
    let (_, read) = json(w.get(&t, &path).await).await;
    assert!(read["ended_at_ms"].as_i64().is_some());
}
