//! Stale versions and bad input are refused, and nothing is written.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{log, measure, open_log, raise, write};
use crate::world::{World as Api, assert_error, json};

#[tokio::test]
async fn a_stale_if_match_is_refused_and_changes_nothing() {
    let api = Api::start().await;
    let concern = raise(&api, &api.teacher_a, api.child_a2.as_str()).await;
    let decide = format!("/api/v1/concerns/{concern}/decision");
    let close = json!({"decision": "close"});
    for stale in ["\"2\"", "\"0\"", "not-a-tag"] {
        let r = api
            .send(
                Method::POST,
                &api.teacher_a,
                &decide,
                Some(&close),
                &[("if-match", stale)],
            )
            .await;
        assert_error(r, StatusCode::PRECONDITION_FAILED, "error-stale").await;
    }
    let r = api
        .send(
            Method::POST,
            &api.teacher_a,
            &decide,
            Some(&close),
            &[("if-match", "\"1\"")],
        )
        .await;
    let (status, decided) = json(r).await;
    assert_eq!((status, decided), (StatusCode::OK, json!({"log_id": null})));
    let again = api.post(&api.teacher_a, &decide, &close).await;
    assert_error(again, StatusCode::CONFLICT, "concern-error-decided").await;

    let log_id = open_log(&api).await;
    let (before, etag) = log(&api, &api.teacher_a, &log_id).await;
    write(
        &api,
        &api.teacher_a,
        &log_id,
        json!({"kind": "agreement", "text": "Møte hver fredag"}),
    )
    .await;
    let (written, _) = log(&api, &api.teacher_a, &log_id).await;
    for (path, body) in [
        ("entries", json!({"kind": "observation", "text": "x"})),
        (
            "level",
            json!({"level": 2, "reason": "x", "family_informed": crate::world::told()}),
        ),
        ("close", json!({"reason": "goals_reached"})),
    ] {
        let r = api
            .send(
                Method::POST,
                &api.teacher_a,
                &format!("/api/v1/relay-logs/{log_id}/{path}"),
                Some(&body),
                &[("if-match", &etag)],
            )
            .await;
        assert_error(r, StatusCode::PRECONDITION_FAILED, "error-stale").await;
    }
    let (after, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(after, written);
    assert_ne!(after["version"], before["version"]);

    // One open log per child: a second start is refused and decides nothing.
    let second = raise(&api, &api.teacher_a, api.child_a1.as_str()).await;
    let path = format!("/api/v1/concerns/{second}/decision");
    let start =
        json!({"decision": "start_log", "level": 2, "family_informed": crate::world::told()});
    let r = api.post(&api.teacher_a, &path, &start).await;
    assert_error(r, StatusCode::CONFLICT, "relay-error-already-open").await;
    let (_, c) = json(
        api.get(&api.teacher_a, &format!("/api/v1/concerns/{second}"))
            .await,
    )
    .await;
    assert_eq!(
        (c["version"].clone(), c["decision"].clone()),
        (json!(1), Value::Null)
    );
    let (_, logs) = json(
        api.get(
            &api.teacher_a,
            &format!("/api/v1/children/{}/relay-logs", api.child_a1.as_str()),
        )
        .await,
    )
    .await;
    assert_eq!(logs.as_array().map(Vec::len), Some(1), "{logs}");
    assert_eq!(logs[0]["id"], log_id.as_str());
    api.stop().await;
}

#[tokio::test]
async fn bad_input_gets_its_precise_key_and_writes_nothing() {
    let api = Api::start().await;
    let log_id = open_log(&api).await;
    let goal_id = write(
        &api,
        &api.teacher_a,
        &log_id,
        json!({"kind": "goal", "text": "Lese"}),
    )
    .await;
    let measure_id = write(&api, &api.teacher_a, &log_id, measure(&api, &goal_id)).await;
    let concern = raise(&api, &api.teacher_a, api.child_a1.as_str()).await;
    let (before, _) = log(&api, &api.teacher_a, &log_id).await;

    let mut bad_measure = measure(&api, &goal_id);
    bad_measure["start"] = json!("2026-02-30");
    let mut backwards = measure(&api, &goal_id);
    backwards["evaluate_by"] = json!("2026-08-01");
    let mut nobody = measure(&api, &goal_id);
    nobody["responsible"] = json!("");
    let mut elsewhere = measure(&api, &goal_id);
    elsewhere["responsible"] = json!(api.staff_b.as_str());
    let evaluation = |m: &str, outcome: &str, next: Option<&str>| json!({"kind": "evaluation", "measure": m, "outcome": outcome, "learned": "Lite", "next_evaluation": next});
    let entries = [
        (json!({"kind": "diary", "text": "x"}), "entry-error-kind"),
        (json!({}), "entry-error-kind"),
        (json!({"kind": "goal", "text": "   "}), "entry-error-empty"),
        (
            json!({"kind": "goal", "text": "x".repeat(4001)}),
            "entry-error-too-long",
        ),
        (
            json!({"kind": "goal", "text": "a\u{7}b"}),
            "entry-error-control",
        ),
        (
            json!({"kind": "goal", "text": "x", "areas": ["astrology"]}),
            "entry-error-area",
        ),
        (
            json!({"kind": "goal", "text": "x", "colour": "red"}),
            "error-bad-json",
        ),
        (bad_measure, "error-bad-date"),
        (backwards, "entry-error-evaluation-before-start"),
        (nobody, "entry-error-responsible"),
        (elsewhere, "entry-error-responsible"),
        (
            evaluation(&measure_id, "continue", None),
            "entry-error-next-evaluation",
        ),
        (
            evaluation(&measure_id, "maybe", Some("2026-12-01")),
            "entry-error-outcome",
        ),
        (evaluation("nope", "end", None), "entry-error-reference"),
        (
            json!({"kind": "goal", "text": "x", "supersedes": "nope"}),
            "relay-error-unknown-entry",
        ),
        (
            json!({"kind": "observation", "text": "x", "supersedes": goal_id}),
            "relay-error-correction-kind",
        ),
    ];
    let path = format!("/api/v1/relay-logs/{log_id}/entries");
    for (body, key) in &entries {
        assert_error(
            api.post(&api.teacher_a, &path, body).await,
            StatusCode::BAD_REQUEST,
            key,
        )
        .await;
    }
    let transition = json!({"to_staff_id": api.staff_a.as_str(), "to_unit_id": api.school_a.as_str(),
        "transition": {"done": ["family_agreed", "bribe"]}});
    let commands = [
        (
            "level",
            json!({"level": 4, "reason": "x", "family_informed": crate::world::told()}),
            "relay-error-level",
        ),
        (
            "level",
            json!({"level": 2, "reason": "  ", "family_informed": crate::world::told()}),
            "relay-error-reason",
        ),
        ("level", json!({"reason": "x"}), "relay-error-level"),
        (
            "level",
            json!({"level": 2, "reason": "PPT"}),
            "family-error-missing",
        ),
        (
            "level",
            json!({"level": 2, "reason": "PPT", "family_informed": {"status": "told", "on": "2100-01-01", "how": "phone", "who": "Far", "said": "Ja"}}),
            "family-error-future",
        ),
        (
            "close",
            json!({"reason": "bored"}),
            "relay-error-closing-reason",
        ),
        (
            "close",
            json!({"reason": "goals_reached", "note": "x".repeat(4001)}),
            "entry-error-too-long",
        ),
        ("baton/offer", transition, "transition-error-item"),
        (
            "baton/offer",
            json!({"to_staff_id": "no such!", "to_unit_id": "u"}),
            "baton-error-not-in-unit",
        ),
    ];
    for (command, body, key) in &commands {
        let path = format!("/api/v1/relay-logs/{log_id}/{command}");
        assert_error(
            api.post(&api.teacher_a, &path, body).await,
            StatusCode::BAD_REQUEST,
            key,
        )
        .await;
    }
    let decide = format!("/api/v1/concerns/{concern}/decision");
    for (body, key) in [
        (json!({"decision": "maybe"}), "concern-error-decision"),
        (json!({}), "concern-error-decision"),
        (json!({"decision": "start_log"}), "relay-error-level"),
        (
            json!({"decision": "start_log", "level": 0, "family_informed": crate::world::told()}),
            "relay-error-level",
        ),
        (
            json!({"decision": "close", "note": "\u{0}"}),
            "entry-error-control",
        ),
        (
            json!({"decision": "start_log", "level": 1}),
            "family-error-missing",
        ),
        (
            json!({"decision": "start_log", "level": 1, "family_informed": {"status": "not_yet", "reason": "suspected_violence_or_abuse"}}),
            "family-error-note",
        ),
        (
            json!({"decision": "start_log", "level": 1, "family_informed": {"status": "told", "on": "2026-01-05", "how": "pigeon", "who": "Mor", "said": "Ja"}}),
            "family-error-how",
        ),
    ] {
        assert_error(
            api.post(&api.teacher_a, &decide, &body).await,
            StatusCode::BAD_REQUEST,
            key,
        )
        .await;
    }
    let raise_path = format!("/api/v1/children/{}/concerns", api.child_a2.as_str());
    for (body, key) in [
        (
            json!({"text": "x", "areas": ["astrology"]}),
            "entry-error-area",
        ),
        (
            json!({"text": "x", "since": "2026-13-01"}),
            "error-bad-date",
        ),
        (json!({"text": " "}), "entry-error-empty"),
        (
            json!({"text": "x", "unit_id": "ikke en enhet!"}),
            "concern-error-unit",
        ),
    ] {
        assert_error(
            api.post(&api.teacher_a, &raise_path, &body).await,
            StatusCode::BAD_REQUEST,
            key,
        )
        .await;
    }

    let (after, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(after, before);
    let (_, c) = json(
        api.get(&api.teacher_a, &format!("/api/v1/concerns/{concern}"))
            .await,
    )
    .await;
    assert_eq!(
        (c["version"].clone(), c["decision"].clone()),
        (json!(1), Value::Null)
    );
    let (_, none) = json(api.get(&api.teacher_a, &raise_path).await).await;
    assert_eq!(none, json!([]));
    api.stop().await;
}
