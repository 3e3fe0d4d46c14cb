//! The plan and meeting API: a plan made and revised (a stale `If-Match` is
//! 412), a meeting with the guardian invited, a decision about the family
//! refused (409, nothing written) until the guardian is marked present, an
//! action item that becomes a measure in a new revision, and the invitation.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::world::{World, json};

fn plan(goal: &str) -> Value {
    json!({
        "reason": "Ny plan",
        "plan": {
            "what_matters": "Vennene mine", "needs_and_dreams": "Spille fotball",
            "resources": "", "participants": "", "cooperation": "", "consent": "",
            "goals": [{"master": goal, "by": "2030-01-01", "know_by": "Hun forteller"}],
            "measures": [],
            "period_start": "2025-01-01", "period_end": "2030-12-31", "next_revision": "2030-06-01",
        },
    })
}

#[tokio::test]
async fn a_meeting_records_decisions_with_the_family_and_action_items_become_measures() {
    let w = World::start().await;
    let t = w.teacher_a.clone();
    let (status, made) = json(
        w.post(
            &t,
            &format!("/api/v1/children/{}/plan", w.child_a1),
            &plan("Lese en bok"),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let plan_id = made["id"].as_str().expect("id").to_string();
    let mut bad = plan("Lese en bok");
    bad["plan"]["goals"] = json!([]);
    let (status, refused) = json(
        w.post(&t, &format!("/api/v1/plans/{plan_id}/revisions"), &bad)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refused["error"], "plan-error-no-goal");
    let stale = w
        .client()
        .post(w.url(&format!("/api/v1/plans/{plan_id}/revisions")))
        .bearer_auth(&t)
        .header("If-Match", "\"7\"")
        .json(&plan("Lese to bøker"))
        .send()
        .await
        .expect("post");
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);

    let call = json!({
        "template_id": "default", "start_ms": 1_900_000_000_000_i64, "end_ms": 1_900_003_600_000_i64,
        "place": "Skolen", "leader_id": w.staff_a.as_str(), "family_ids": [w.guardian_a.as_str()],
    });
    let (status, called) = json(
        w.post(&t, &format!("/api/v1/plans/{plan_id}/meetings"), &call)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{called}");
    let meeting = called["id"].as_str().expect("id").to_string();
    let path = |p: &str| format!("/api/v1/meetings/{meeting}/{p}");

    let decision = json!({"text": "Leksehjelp to dager i uka", "concerns_family": true});
    let (status, refused) = json(w.post(&t, &path("decisions"), &decision).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(refused["error"], "meeting-error-family-absent");
    let (_, read) = json(w.get(&t, &format!("/api/v1/meetings/{meeting}")).await).await;
    assert_eq!(read["events"], json!([]), "nothing was written");
    assert_eq!(read["family_present"], false);

    let (status, _) = json(
        w.post(&t, &path("attendance"), &json!({"present": [0, 1]}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = json(w.post(&t, &path("decisions"), &decision).await).await;
    assert_eq!(status, StatusCode::CREATED);
    let item = json!({"what": "Leksehjelp tirsdag", "responsible_id": w.staff_a.as_str(), "deadline": "2030-02-01", "goal": 1});
    let (status, added) = json(w.post(&t, &path("action-items"), &item).await).await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!(added["id"], "2", "the plan's second revision");

    let (status, read) = json(w.get(&t, &format!("/api/v1/plans/{plan_id}")).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["version"], 2);
    assert_eq!(read["current"]["measures"][0]["what"], "Leksehjelp tirsdag");
    assert_eq!(
        read["current"]["measures"][0]["origin"]["meeting"],
        meeting.as_str()
    );

    let ics = w.get(&t, &path("invitation.ics")).await;
    assert_eq!(ics.status(), StatusCode::OK);
    let body = ics.text().await.expect("body");
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(body.contains("DTSTART:20300317T"));

    // Another school cannot tell the meeting exists.
    let r = w
        .get(&w.teacher_b, &format!("/api/v1/meetings/{meeting}"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_meeting_outside_the_years_2000_to_2100_is_refused_and_nothing_is_stored() {
    let w = World::start().await;
    let t = w.teacher_a.clone();
    let (status, made) = json(
        w.post(
            &t,
            &format!("/api/v1/children/{}/plan", w.child_a1),
            &plan("Lese en bok"),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let plan_id = made["id"].as_str().expect("id").to_string();
    // i64::MIN, and the year 2200 (7_258_118_400_000 is 2200-01-01).
    for (start, end) in [
        (i64::MIN, i64::MIN + 3_600_000),
        (7_258_118_400_000, 7_258_122_000_000),
    ] {
        let call = json!({
            "template_id": "default", "start_ms": start, "end_ms": end,
            "place": "Skolen", "leader_id": w.staff_a.as_str(), "family_ids": [w.guardian_a.as_str()],
        });
        let (status, refused) = json(
            w.post(&t, &format!("/api/v1/plans/{plan_id}/meetings"), &call)
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        assert_eq!(refused["error"], "meeting-error-time-range");
    }
    let rows =
        w.db.store
            .fetch_raw("SELECT COUNT(*) FROM meetings")
            .await
            .expect("sql");
    assert_eq!(rows[0][0].as_deref(), Some("0"), "nothing was stored");
}
