//! A relay log from a concern to its archive copy.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{events_of, log, measure, write};
use crate::world::{World as Api, assert_error, json};

#[tokio::test]
async fn a_teacher_runs_a_relay_log_from_concern_to_archive() {
    let api = Api::start().await;
    let child = api.child_a1.as_str().to_string();
    let body =
        json!({"text": "  Ada er stille ", "areas": ["social", "language"], "since": "2026-01-10"});
    let r = api
        .post(
            &api.teacher_a,
            &format!("/api/v1/children/{child}/concerns"),
            &body,
        )
        .await;
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let concern_id = created["id"].as_str().expect("id").to_string();
    let r = api
        .get(&api.teacher_a, &format!("/api/v1/concerns/{concern_id}"))
        .await;
    assert_eq!(r.headers()["etag"], "\"1\"");
    let (_, concern) = json(r).await;
    assert_eq!(concern["text"], "Ada er stille");
    assert_eq!(concern["areas"], json!(["language", "social"]));
    assert_eq!(concern["since"], "2026-01-10");
    assert_eq!(concern["unit"]["id"], api.school_a.as_str());
    assert_eq!(concern["decision"], Value::Null);
    let (_, list) = json(
        api.get(
            &api.teacher_a,
            &format!("/api/v1/children/{child}/concerns"),
        )
        .await,
    )
    .await;
    assert_eq!(list[0]["id"], concern_id.as_str());

    let decide = json!({"decision": "start_log", "level": 1, "family_informed": crate::world::told(), "note": "Vi prøver tiltak i klassen"});
    let r = api
        .send(
            Method::POST,
            &api.teacher_a,
            &format!("/api/v1/concerns/{concern_id}/decision"),
            Some(&decide),
            &[("if-match", "\"1\"")],
        )
        .await;
    let (status, decided) = json(r).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    let log_id = decided["log_id"].as_str().expect("log").to_string();
    let (_, concern) = json(
        api.get(&api.teacher_a, &format!("/api/v1/concerns/{concern_id}"))
            .await,
    )
    .await;
    assert_eq!(concern["decision"]["decision"], "start_log");
    assert_eq!(concern["decision"]["level"], 1);
    assert_eq!(concern["log_id"], log_id.as_str());

    let (opened, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(opened["level"], 1);
    assert_eq!(opened["holder"]["id"], api.staff_a.as_str());
    assert_eq!(opened["concern_id"], concern_id.as_str());
    assert_eq!(opened["events"][0]["event"], "opened");
    // The opening carries what was recorded about telling the family.
    let family = &opened["events"][0]["family_informed"];
    assert_eq!(
        (
            &family["status"],
            &family["how"],
            &family["who"],
            &family["on"]
        ),
        (
            &json!("told"),
            &json!("meeting"),
            &json!("Mor"),
            &json!("2026-01-05")
        ),
        "{opened}"
    );
    assert_eq!(opened["events"][1]["entry"]["kind"], "concern");

    // A goal, a measure that serves it, and an evaluation that goes on.
    let goal = json!({"kind": "goal", "text": "Leke med andre hver dag", "areas": ["social"]});
    let goal_id = write(&api, &api.teacher_a, &log_id, goal).await;
    let measure_id = write(&api, &api.teacher_a, &log_id, measure(&api, &goal_id)).await;
    let evaluation = json!({
        "kind": "evaluation", "measure": measure_id, "outcome": "continue",
        "learned": "Det går bedre", "next_evaluation": "2026-11-30",
    });
    write(&api, &api.teacher_a, &log_id, evaluation).await;
    let (now, _) = log(&api, &api.teacher_a, &log_id).await;
    let m = &now["measures"][0];
    assert_eq!(m["id"], measure_id.as_str());
    assert_eq!(m["due"], "2026-11-30");
    assert_eq!(m["evaluations"], 1);
    assert_eq!(m["responsible"]["name"], "Navn laerer.a");
    assert_eq!(
        events_of(&now, "measure")[0]["entry"]["goal"],
        goal_id.as_str()
    );

    // A correction supersedes the goal; both versions stay visible.
    let correction = json!({
        "kind": "goal", "text": "Leke med andre tre dager i uka", "areas": ["social"],
        "supersedes": goal_id,
    });
    let fixed_id = write(&api, &api.teacher_a, &log_id, correction).await;
    let (now, etag) = log(&api, &api.teacher_a, &log_id).await;
    let goals = events_of(&now, "goal");
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0]["entry"]["text"], "Leke med andre hver dag");
    assert_eq!(goals[0]["superseded_by"], fixed_id.as_str());
    assert_eq!(goals[1]["supersedes"], goal_id.as_str());
    let old = format!("/api/v1/relay-logs/{log_id}/entries/{goal_id}");
    let (status, entry) = json(api.get(&api.teacher_a, &old).await).await;
    assert_eq!(status, StatusCode::OK, "{entry}");
    assert_eq!(entry["superseded_by"], fixed_id.as_str());
    assert_eq!(entry["entry"]["text"], "Leke med andre hver dag");
    assert_eq!(entry["log_id"], log_id.as_str());

    // The holder changes the level; the answer's version is the next If-Match.
    let r = api
        .send(
            Method::POST,
            &api.teacher_a,
            &format!("/api/v1/relay-logs/{log_id}/level"),
            Some(&json!({"level": 2, "reason": "Helsesykepleier trengs", "family_informed": crate::world::told()})),
            &[("if-match", &etag)],
        )
        .await;
    let next_etag = r.headers()["etag"].to_str().expect("ascii").to_string();
    let (status, changed) = json(r).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert!(changed["event_id"].is_string());
    let (now, etag) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(now["level"], 2);
    let change = now["events"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["event"] == "level_changed"))
        .expect("the change");
    assert_eq!(
        change["family_informed"]["said"], "Hun vil gjerne være med.",
        "{change}"
    );
    assert_eq!(etag, next_etag);
    assert_eq!(now["version"], changed["version"]);

    // Open: no archive yet. Closing by the holder freezes it.
    let archive = format!("/api/v1/relay-logs/{log_id}/archive");
    assert_error(
        api.get(&api.teacher_a, &archive).await,
        StatusCode::NOT_FOUND,
        "error-not-found",
    )
    .await;
    let r = api
        .send(
            Method::POST,
            &api.teacher_a,
            &format!("/api/v1/relay-logs/{log_id}/close"),
            Some(&json!({"reason": "goals_reached", "note": "Ada har venner"})),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (closed, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(closed["closed"]["reason"], "goals_reached");
    let r = api.get(&api.teacher_a, &archive).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/json");
    let sha = r.headers()["x-archive-sha256"]
        .to_str()
        .expect("ascii")
        .to_string();
    let bytes = r.bytes().await.expect("body");
    assert_eq!(sha, hex::encode(Sha256::digest(&bytes)));
    let copy: Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(copy["id"], log_id.as_str());
    assert_eq!(copy["events"].as_array().map(Vec::len), Some(8));
    // The archive copy keeps what was recorded about the family.
    let frozen = String::from_utf8_lossy(&bytes);
    assert!(
        frozen.contains("\"family_informed\"") && frozen.contains("Hun vil gjerne være med."),
        "{frozen}"
    );

    // Nothing more can be written.
    let late = json!({"kind": "observation", "text": "Sent"});
    let path = format!("/api/v1/relay-logs/{log_id}/entries");
    let r = api.post(&api.teacher_a, &path, &late).await;
    assert_error(r, StatusCode::CONFLICT, "relay-error-closed").await;
    api.stop().await;
}
