//! Coordinators through the API (assigned, replaced, read and ended by the
//! coordinating unit, with or without a plan; the coordinator's caseload;
//! the overview with each coordinator's load) and a collaboration meeting
//! about a level-2 relay log whose action items become measures in the log
//! and whose invitation waits in the mail outbox.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::relay::{log, open_log};
use crate::world::{World, assert_error, json};

#[tokio::test]
async fn the_coordinating_unit_assigns_replaces_and_ends_coordinators() {
    let w = World::start().await;
    let ke = w.add_intake().await;
    let path = format!("/api/v1/children/{}/coordinators", w.child_a1);
    let assign = |staff: &str, kind: &str| json!({"kind": kind, "staff_id": staff});
    // Teacher A follows the child but does not assign coordinators.
    let r = w
        .post(
            &w.teacher_a,
            &path,
            &assign(w.staff_b.as_str(), "coordinator"),
        )
        .await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let r = w
        .post(&ke.token, &path, &assign(w.staff_b.as_str(), "coordinator"))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = w
        .post(&ke.token, &path, &assign(w.staff_b.as_str(), "big_boss"))
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "plan-error-coordinator-kind").await;
    let r = w
        .post(&ke.token, &path, &assign("nobody", "child_coordinator"))
        .await;
    assert_error(r, StatusCode::CONFLICT, "plan-error-coordinator").await;

    // The coordinator (teacher B, another school) sees the child on the
    // caseload, without a plan yet, and reads their own assignment.
    let (status, caseload) = json(w.get(&w.teacher_b, "/api/v1/my/caseload").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(caseload[0]["person_id"], w.child_a1.as_str());
    assert_eq!(caseload[0]["due"], "no_plan");
    assert_eq!(caseload[0]["kind"], "coordinator");
    let (status, read) = json(w.get(&w.teacher_b, &path).await).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["coordinators"][0]["staff_id"], w.staff_b.as_str());

    // Replacing ends the one before; the overview shows status and load.
    let r = w
        .post(&ke.token, &path, &assign(w.staff_a.as_str(), "coordinator"))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let (_, caseload) = json(w.get(&w.teacher_b, "/api/v1/my/caseload").await).await;
    assert_eq!(caseload, json!([]));
    let (status, overview) = json(w.get(&ke.token, "/api/v1/coordination").await).await;
    assert_eq!(status, StatusCode::OK, "{overview}");
    assert_eq!(overview["lines"][0]["person_id"], w.child_a1.as_str());
    assert_eq!(
        overview["lines"][0]["coordinators"][0]["staff_id"],
        w.staff_a.as_str()
    );
    assert_eq!(overview["load"][0]["staff_id"], w.staff_a.as_str());
    assert_eq!(overview["load"][0]["people"], 1);
    let r = w.get(&w.teacher_a, "/api/v1/coordination").await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;

    // Ending it: 204, then 409 since there is none in force.
    let end = format!("{path}/coordinator");
    let r = w.send(Method::DELETE, &ke.token, &end, None, &[]).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = w.send(Method::DELETE, &ke.token, &end, None, &[]).await;
    assert_error(r, StatusCode::CONFLICT, "plan-error-no-coordinator").await;
    let (_, read) = json(w.get(&ke.token, &path).await).await;
    assert_eq!(read["coordinators"], json!([]));
}

#[tokio::test]
async fn a_collaboration_meeting_about_a_relay_log_adds_measures_to_the_log() {
    let w = World::start().await;
    w.db.store
        .set_staff_email(&w.tenant, &w.staff_a, Some("a@testvik.no".into()))
        .await
        .expect("email");
    let log_id = open_log(&w).await;
    let call = json!({
        "template_id": "default", "start_ms": 1_900_000_000_000_i64, "end_ms": 1_900_003_600_000_i64,
        "place": "Helsestasjonen", "leader_id": w.staff_a.as_str(),
        "family_ids": [w.guardian_a.as_str()], "child": false,
    });
    let meetings = format!("/api/v1/relay-logs/{log_id}/meetings");
    let r = w.post(&w.teacher_a, &meetings, &call).await;
    assert_error(r, StatusCode::CONFLICT, "meeting-error-log-level").await;
    let level = json!({"level": 2, "reason": "Helsesykepleier trengs", "family_informed": crate::world::told()});
    let r = w
        .post(
            &w.teacher_a,
            &format!("/api/v1/relay-logs/{log_id}/level"),
            &level,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = w.post(&w.teacher_b, &meetings, &call).await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let (status, made) = json(w.post(&w.teacher_a, &meetings, &call).await).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["id"].as_str().expect("id").to_string();

    let (status, meeting) =
        json(w.get(&w.teacher_a, &format!("/api/v1/meetings/{id}")).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(meeting["log_id"], log_id.as_str());
    assert_eq!(meeting["plan_id"], serde_json::Value::Null);
    let decision = json!({"text": "Tett oppfølging", "concerns_family": true});
    let decisions = format!("/api/v1/meetings/{id}/decisions");
    let r = w.post(&w.teacher_a, &decisions, &decision).await;
    assert_error(r, StatusCode::CONFLICT, "meeting-error-family-absent").await;
    let guardian = meeting["meeting"]["invitees"]
        .as_array()
        .expect("invitees")
        .iter()
        .position(|i| i["id"] == w.guardian_a.as_str())
        .expect("guardian");
    let r = w
        .post(
            &w.teacher_a,
            &format!("/api/v1/meetings/{id}/attendance"),
            &json!({"present": [guardian]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = w.post(&w.teacher_a, &decisions, &decision).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mut entries = Vec::new();
    for what in ["Samtale med helsesykepleier", "Lesekurs"] {
        let item =
            json!({"what": what, "responsible_id": w.staff_a.as_str(), "deadline": "2030-02-01"});
        let (status, added) = json(
            w.post(
                &w.teacher_a,
                &format!("/api/v1/meetings/{id}/action-items"),
                &item,
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        entries.push(added["id"].as_str().expect("entry").to_string());
    }
    let (body, _) = log(&w, &w.teacher_a, &log_id).await;
    let measures = body["measures"].as_array().expect("measures");
    for entry in &entries {
        let m = measures
            .iter()
            .find(|m| m["id"] == entry.as_str())
            .unwrap_or_else(|| panic!("measure {entry} in {body}"));
        assert_eq!(m["responsible"]["id"], w.staff_a.as_str());
        assert_eq!(m["due"], "2030-02-01");
    }
    // The invitation waits in the outbox for the leader, naming no child.
    let mails = w.db.store.outbox_unsent().await.expect("outbox");
    let mine: Vec<_> = mails.iter().filter(|m| m.tenant == w.tenant).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].to, "a@testvik.no");
    assert!(mine[0].params.contains(&id));
    let child =
        w.db.store
            .system_access(&w.tenant)
            .person(&w.child_a1)
            .await
            .expect("child")
            .person;
    assert!(!mine[0].params.contains(&child.given_name));
    assert!(!mine[0].params.contains(&child.family_name));
}
