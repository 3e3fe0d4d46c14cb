//! The intake queue over the API: registering (a staff member's request, a
//! referral), the queue and its filters, an item with its steps and ETag,
//! triage steps with precise refusals and If-Match, a relay log started by
//! the unit an item went to, and teams around a child. Hidden and missing
//! items answer the same 404, and every access is in the access log.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::world::{World as Api, assert_error, json};

const ASKED: &str = "Ada gruer seg til skolen, og vi trenger hjelp fra PPT.";
const MISSING: &str = "0000intake0000-no-such-id";

/// Registers an item and returns its id.
async fn register(api: &Api, token: &str, body: &Value) -> String {
    let r = api.post(token, "/api/v1/intake", body).await;
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().expect("ascii").to_string());
    let (status, receipt) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    let id = receipt["id"].as_str().expect("id").to_string();
    assert_eq!(location, Some(format!("/api/v1/intake/{id}")));
    assert!(
        receipt["reference"]
            .as_str()
            .is_some_and(|r| r.starts_with("INN-")),
        "{receipt}"
    );
    assert!(receipt["days"].as_i64().is_some_and(|d| d > 0), "{receipt}");
    id
}

/// Takes a step and returns the status and the answer.
async fn step(
    api: &Api,
    token: &str,
    id: &str,
    body: &Value,
    if_match: Option<&str>,
) -> (StatusCode, Value, Option<String>) {
    let headers: Vec<(&str, &str)> = if_match.map(|v| ("if-match", v)).into_iter().collect();
    let path = format!("/api/v1/intake/{id}/steps");
    let r = api
        .send(Method::POST, token, &path, Some(body), &headers)
        .await;
    let etag = r
        .headers()
        .get("etag")
        .map(|e| e.to_str().expect("ascii").to_string());
    let (status, body) = json(r).await;
    (status, body, etag)
}

async fn queue(api: &Api, token: &str, query: &str) -> Vec<String> {
    let (status, items) = json(api.get(token, &format!("/api/v1/intake{query}")).await).await;
    assert_eq!(status, StatusCode::OK, "{items}");
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

#[tokio::test]
async fn items_are_registered_listed_and_read_by_those_who_may() {
    let api = Api::start().await;
    let intake = api.add_intake().await;
    let request =
        json!({"source": "staff_request", "person_id": api.child_a1.as_str(), "text": ASKED});

    // Bad input is a precise 400 and writes nothing.
    for (body, key) in [
        (
            json!({"source": "self_referral", "text": ASKED}),
            "intake-error-source",
        ),
        (
            json!({"source": "mail", "text": ASKED}),
            "intake-error-source",
        ),
        (
            json!({"source": "staff_request", "text": ASKED}),
            "intake-error-no-child",
        ),
        (
            json!({"source": "referral", "text": "  "}),
            "entry-error-empty",
        ),
        (
            json!({"source": "referral", "text": "x".repeat(4001)}),
            "entry-error-too-long",
        ),
        (
            json!({"source": "referral", "text": ASKED, "from": "x".repeat(201)}),
            "entry-error-too-long",
        ),
        (
            json!({"source": "referral", "text": ASKED, "extra": 1}),
            "error-bad-json",
        ),
        (json!({"text": ASKED}), "error-bad-json"),
    ] {
        let r = api.post(&intake.token, "/api/v1/intake", &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, key).await;
    }
    assert!(queue(&api, &intake.token, "").await.is_empty());

    // Teacher A asks for help about a child she follows; teacher B gets the
    // 404 of a missing child, and only intake staff register a referral.
    let asked = register(&api, &api.teacher_a, &request).await;
    let r = api.post(&api.teacher_b, "/api/v1/intake", &request).await;
    let hidden = assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let missing = json!({"source": "staff_request", "person_id": MISSING, "text": ASKED});
    let r = api.post(&api.teacher_b, "/api/v1/intake", &missing).await;
    assert_eq!(
        assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await,
        hidden
    );
    let referral = json!({"source": "referral", "from": "Fastlegen", "text": "Språkvansker, henvist fra fastlege."});
    let r = api.post(&api.teacher_a, "/api/v1/intake", &referral).await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;
    let referred = register(&api, &intake.token, &referral).await;

    // The queue: all of it for intake staff, the own request for teacher A,
    // nothing for teacher B.
    let mut all = queue(&api, &intake.token, "").await;
    all.sort();
    let mut want = vec![asked.clone(), referred.clone()];
    want.sort();
    assert_eq!(all, want);
    assert_eq!(queue(&api, &api.teacher_a, "").await, vec![asked.clone()]);
    assert!(queue(&api, &api.teacher_b, "").await.is_empty());
    assert_eq!(queue(&api, &intake.token, "?status=new").await.len(), 2);
    assert!(
        queue(&api, &intake.token, "?status=closed")
            .await
            .is_empty()
    );
    // A fresh item has its full time left.
    assert!(queue(&api, &intake.token, "?urgent=true").await.is_empty());
    assert_eq!(
        queue(&api, &intake.token, "?source=referral").await,
        vec![referred.clone()]
    );
    assert_eq!(
        queue(&api, &intake.token, "?source=staff_request").await,
        vec![asked.clone()]
    );
    for (query, key) in [
        ("?source=report", "intake-error-kind"),
        ("?status=open", "intake-error-status"),
        ("?urgent=yes", "intake-error-urgent"),
        ("?colour=red", "error-bad-query"),
    ] {
        let r = api
            .get(&intake.token, &format!("/api/v1/intake{query}"))
            .await;
        assert_error(r, StatusCode::BAD_REQUEST, key).await;
    }
    let (_, items) = json(api.get(&intake.token, "/api/v1/intake").await).await;
    let line = items
        .as_array()
        .expect("list")
        .iter()
        .find(|i| i["id"] == asked.as_str())
        .expect("the request")
        .clone();
    assert_eq!(line["source"], "staff_request");
    assert_eq!(line["status"], "new");
    assert_eq!(line["text"], ASKED);
    assert_eq!(line["clock"], "in_time");
    assert!(line["days_left"].as_i64().is_some_and(|d| d > 2), "{line}");
    assert!(line["deadline_ms"].as_i64() > line["received_at_ms"].as_i64());
    assert_eq!(line["person_id"], api.child_a1.as_str());
    assert_eq!(line["requested_by"], api.staff_a.as_str());
    assert_eq!(line["escalated"], false);
    assert!(line["assigned_unit_id"].is_null());

    // One item, with its steps and its version as ETag.
    let r = api
        .get(&api.teacher_a, &format!("/api/v1/intake/{asked}"))
        .await;
    let etag = r.headers()["etag"].to_str().expect("ascii").to_string();
    let (status, item) = json(r).await;
    assert_eq!(status, StatusCode::OK, "{item}");
    assert_eq!(etag, format!("\"{}\"", item["version"]));
    assert_eq!(item["steps"][0]["step"]["step"], "received");
    assert_eq!(item["steps"][0]["by"], api.staff_a.as_str());
    let r = api
        .get(&api.teacher_b, &format!("/api/v1/intake/{asked}"))
        .await;
    let hidden = assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    for id in [MISSING, "not an id"] {
        let r = api
            .get(&api.teacher_b, &format!("/api/v1/intake/{id}"))
            .await;
        assert_eq!(
            assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await,
            hidden
        );
    }
    let r = api
        .get(&api.teacher_a, &format!("/api/v1/intake/{referred}"))
        .await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;

    // Teacher B's refused read is in the access log as a denial.
    let log = api
        .db
        .store
        .audit_records(&api.tenant, 1_000_000)
        .await
        .expect("log");
    assert!(log.iter().any(|r| r.event.actor_id == api.staff_b.as_str()
        && r.event.resource_type == "intake_item"
        && r.event.resource_id == asked
        && r.event.outcome == "deny"));
    assert!(log.iter().any(|r| r.event.actor_id == intake.staff.as_str()
        && r.event.resource_type == "intake_item"
        && r.event.resource_id == referred
        && r.event.outcome == "allow"));
    api.stop().await;
}

#[tokio::test]
async fn triage_steps_a_relay_log_and_a_team() {
    let api = Api::start().await;
    let intake = api.add_intake().await;
    let referral = json!({"source": "referral", "from": "Helsestasjonen", "text": "Ada trenger oppfølging av språket."});
    let item = register(&api, &intake.token, &referral).await;
    let t = intake.token.as_str();

    // Bad steps are precise 400s.
    let unit = api.school_a.as_str();
    for (body, key) in [
        (json!({"step": "escalated"}), "intake-error-step"),
        (json!({"step": "log_started", "log": "x"}), "error-bad-json"),
        (json!({"step": "received"}), "intake-error-step"),
        (json!({"step": "closed"}), "entry-error-empty"),
        (
            json!({"step": "categorised", "areas": []}),
            "intake-error-area",
        ),
        (
            json!({"step": "categorised", "areas": ["colour"]}),
            "entry-error-area",
        ),
        (
            json!({"step": "level_set", "level": 4}),
            "intake-error-level",
        ),
        (json!({"step": "linked"}), "intake-error-unknown-person"),
        (
            json!({"step": "linked", "national_id": "123"}),
            "nin-error-length",
        ),
        (
            json!({"step": "linked", "national_id": crate::world::nin(2010, 1, 1).as_str()}),
            "intake-error-unknown-person",
        ),
        (
            json!({"step": "linked", "person": MISSING}),
            "intake-error-unknown-person",
        ),
        (
            json!({"step": "merged_into", "item": MISSING}),
            "intake-error-unknown-item",
        ),
        (
            json!({"step": "merged_into", "item": item}),
            "intake-error-merge-self",
        ),
        (
            json!({"step": "assigned", "to": {"kind": "desk"}}),
            "intake-error-assignee",
        ),
        (
            json!({"step": "assigned", "to": {"kind": "staff", "staff": api.staff_b.as_str(), "unit": unit}}),
            "intake-error-assignee",
        ),
        (
            json!({"step": "assigned", "to": {"kind": "staff", "staff": api.staff_a.as_str(), "unit": intake.unit.as_str()}}),
            "intake-error-assignee",
        ),
        (
            json!({"step": "assigned", "to": {"kind": "unit", "unit": MISSING}}),
            "intake-error-assignee",
        ),
    ] {
        let (status, body, _) = step(&api, t, &item, &body, None).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some(key)),
            "{body}"
        );
    }

    // Linking by national identity number, with If-Match.
    let nin = crate::world::nin(2015, 3, 1);
    let link = json!({"step": "linked", "national_id": nin.as_str()});
    let (status, body, _) = step(&api, t, &item, &link, Some("\"99\"")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::PRECONDITION_FAILED, Some("error-stale"))
    );
    let (_, now) = json(api.get(t, &format!("/api/v1/intake/{item}")).await).await;
    let version = format!("\"{}\"", now["version"]);
    let (status, linked, etag) = step(&api, t, &item, &link, Some(&version)).await;
    assert_eq!(status, StatusCode::OK, "{linked}");
    assert_eq!(linked["person_id"], api.child_a1.as_str());
    assert_eq!(etag, Some(format!("\"{}\"", linked["version"])));
    assert_ne!(Some(version), etag);
    let areas = json!({"step": "categorised", "areas": ["language", "social"]});
    let (status, body, _) = step(&api, t, &item, &areas, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["areas"], json!(["language", "social"]));

    // Teacher A cannot see it before it is assigned to her unit; then she
    // reads it, may not triage it, but sets its level.
    let level = json!({"step": "level_set", "level": 2});
    let (status, _, _) = step(&api, &api.teacher_a, &item, &level, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let assign = json!({"step": "assigned", "to": {"kind": "unit", "unit": unit}});
    let (status, body, _) = step(&api, t, &item, &assign, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["status"].as_str(), body["assigned_unit_id"].as_str()),
        (Some("assigned"), Some(unit))
    );
    let (status, body, _) = step(&api, &api.teacher_a, &item, &areas, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("error-forbidden"))
    );
    let (status, body, _) = step(&api, &api.teacher_a, &item, &level, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["level"], 2);
    let (status, _, _) = step(&api, &api.teacher_b, &item, &level, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The relay log, started by the unit it went to.
    let path = format!("/api/v1/intake/{item}/relay-log");
    for body in [json!({"level": 0}), json!({"level": 4}), json!({})] {
        let r = api.post(&api.teacher_a, &path, &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, "intake-error-level").await;
    }
    let r = api
        .post(
            &api.teacher_b,
            &path,
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    // Not without whether the family was told: a 400, and nothing starts.
    let r = api.post(&api.teacher_a, &path, &json!({"level": 1})).await;
    assert_error(r, StatusCode::BAD_REQUEST, "family-error-missing").await;
    let r = api
        .post(
            &api.teacher_a,
            &path,
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let log = created["id"].as_str().expect("id").to_string();
    assert_eq!(location, format!("/api/v1/relay-logs/{log}"));
    let (status, _) = json(api.get(&api.teacher_a, &location).await).await;
    assert_eq!(status, StatusCode::OK);
    let r = api
        .post(
            &api.teacher_a,
            &path,
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    assert_error(r, StatusCode::CONFLICT, "intake-error-log-started").await;
    let (_, body) = json(
        api.get(&api.teacher_a, &format!("/api/v1/intake/{item}"))
            .await,
    )
    .await;
    assert_eq!(body["relay_log_id"], log.as_str());

    // An item about no child has no log; a child with an open log gets no second.
    let notice = register(
        &api,
        t,
        &json!({"source": "plan_notice", "text": "Trenger individuell plan."}),
    )
    .await;
    let (status, _, _) = step(&api, t, &notice, &assign, None).await;
    assert_eq!(status, StatusCode::OK);
    let r = api
        .post(
            &api.teacher_a,
            &format!("/api/v1/intake/{notice}/relay-log"),
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    assert_error(r, StatusCode::CONFLICT, "intake-error-not-linked").await;
    let asked = register(
        &api,
        &api.teacher_a,
        &json!({"source": "staff_request", "person_id": api.child_a1.as_str(), "text": ASKED}),
    )
    .await;
    let (status, _, _) = step(&api, t, &asked, &assign, None).await;
    assert_eq!(status, StatusCode::OK);
    let r = api
        .post(
            &api.teacher_a,
            &format!("/api/v1/intake/{asked}/relay-log"),
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    assert_error(r, StatusCode::CONFLICT, "relay-error-already-open").await;

    // Merging, then closing; a closed item takes no step.
    let (status, body, _) = step(
        &api,
        t,
        &asked,
        &json!({"step": "merged_into", "item": item}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["merged_into"], item.as_str());
    let close = json!({"step": "closed", "note": "Slått sammen med henvisningen."});
    let (status, body, _) = step(&api, t, &notice, &close, None).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("closed")),
        "{body}"
    );
    let (status, body, _) = step(&api, t, &notice, &level, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("intake-error-closed"))
    );
    assert!(queue(&api, t, "?status=closed").await.contains(&notice));

    // A team around the child, and the item assigned to it.
    let member = |staff: &str, unit: &str| json!({"staff_id": staff, "unit_id": unit});
    let team = |members: Value| json!({"child_id": api.child_a1.as_str(), "name": "Innsatsteam Ada", "members": members});
    let (staff_a, school_a, school_b) = (
        api.staff_a.as_str(),
        api.school_a.as_str(),
        api.school_b.as_str(),
    );
    for (body, key) in [
        (team(json!([])), "team-error-members"),
        (
            team(json!([member(staff_a, "../x")])),
            "team-error-member-id",
        ),
        (
            team(json!([member(staff_a, school_b)])),
            "team-error-member-unit",
        ),
        (
            json!({"child_id": api.child_a1.as_str(), "name": " ", "members": [member(staff_a, school_a)]}),
            "entry-error-empty",
        ),
    ] {
        let r = api.post(t, "/api/v1/teams", &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, key).await;
    }
    let r = api
        .post(
            t,
            "/api/v1/teams",
            &team(json!([member(api.staff_b.as_str(), school_b)])),
        )
        .await;
    assert_error(r, StatusCode::CONFLICT, "team-error-not-covered").await;
    let good = team(json!([member(staff_a, school_a)]));
    let r = api.post(&api.teacher_b, "/api/v1/teams", &good).await;
    let hidden = assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let missing = json!({"child_id": MISSING, "name": "T", "members": [member(staff_a, school_a)]});
    let r = api.post(&api.teacher_b, "/api/v1/teams", &missing).await;
    assert_eq!(
        assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await,
        hidden
    );
    let (status, created) = json(api.post(t, "/api/v1/teams", &good).await).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let team_id = created["id"].as_str().expect("id");
    let to_team = json!({"step": "assigned", "to": {"kind": "team", "team": team_id}});
    let (status, body, _) = step(&api, t, &item, &to_team, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["team_id"], team_id);
    assert_eq!(body["team_member_ids"], json!([staff_a]));
    api.stop().await;
}

#[tokio::test]
async fn only_the_one_it_went_to_starts_a_relay_log() {
    let api = Api::start().await;
    let intake = api.add_intake().await;
    let body =
        json!({"source": "staff_request", "person_id": api.child_a1.as_str(), "text": ASKED});
    let asked = register(&api, &api.teacher_a, &body).await;
    let elsewhere =
        json!({"step": "assigned", "to": {"kind": "unit", "unit": api.school_b.as_str()}});
    let (status, _, _) = step(&api, &intake.token, &asked, &elsewhere, None).await;
    assert_eq!(status, StatusCode::OK);
    // Teacher A asked and may read it, but it went to school B.
    let path = format!("/api/v1/intake/{asked}/relay-log");
    let r = api
        .post(
            &api.teacher_a,
            &path,
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;
    let logs = format!("/api/v1/children/{}/relay-logs", api.child_a1.as_str());
    let (status, listed) = json(api.get(&api.teacher_a, &logs).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed.as_array().map(Vec::len), Some(0), "{listed}");
    // The refusal is in the access log.
    let log = api
        .db
        .store
        .audit_records(&api.tenant, 1_000_000)
        .await
        .expect("log");
    assert!(log.iter().any(|r| r.event.actor_id == api.staff_a.as_str()
        && r.event.resource_type == "intake_item"
        && r.event.resource_id == asked
        && r.event.action == "update"
        && r.event.outcome == "deny"));
    // School B, whom it went to, may change the item, but the child is not
    // one of its own: raising the concern is the 404 of the child, and
    // nothing is written either.
    let r = api
        .post(
            &api.teacher_b,
            &path,
            &json!({"level": 1, "family_informed": crate::world::told()}),
        )
        .await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    let (_, listed) = json(api.get(&api.teacher_a, &logs).await).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(0), "{listed}");
    api.stop().await;
}
