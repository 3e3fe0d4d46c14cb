//! Reports to child welfare over the API: sent without consent, precise
//! refusals of bad input that write nothing, the same 404 for a stranger as
//! for a missing id, If-Match on child welfare's acknowledgement and review,
//! and a receipt that never shows child welfare's note.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::relay::raise;
use crate::world::{World as Api, assert_error, json};

const SEEN: &str = "Ada hadde blåmerker på begge armene mandag og sa at hun ikke ville hjem.";
const NOTE: &str = "Kjent fra før; undersøkelse startes.";

fn report(api: &Api, grounds: &[&str], text: &str) -> Value {
    json!({"child_id": api.child_a1.as_str(), "grounds": grounds, "text": text})
}

/// The number of reports a caller has sent.
async fn sent(api: &Api, token: &str) -> usize {
    let (status, lists) = json(api.get(token, "/api/v1/reports").await).await;
    assert_eq!(status, StatusCode::OK, "{lists}");
    lists["sent"].as_array().expect("sent").len()
}

#[tokio::test]
async fn a_report_needs_child_welfare_and_good_input_and_changes_nothing_otherwise() {
    let api = Api::start().await;
    let path = "/api/v1/reports";
    let r = api
        .post(&api.teacher_a, path, &report(&api, &["a"], SEEN))
        .await;
    assert_error(r, StatusCode::CONFLICT, "report-error-no-child-welfare").await;
    let cw = api.add_child_welfare().await;

    for (body, key) in [
        (report(&api, &[], SEEN), "report-error-ground"),
        (report(&api, &["e"], SEEN), "report-error-unknown-ground"),
        (report(&api, &["a"], "   "), "report-error-text"),
        (
            report(&api, &["a"], &"x".repeat(4001)),
            "report-error-too-long",
        ),
        (
            report(&api, &["a"], "bad\u{0}text"),
            "report-error-bad-text",
        ),
        (
            json!({"child_id": api.child_a1.as_str(), "grounds": ["a"], "text": SEEN, "receiving_unit_id": "no such/unit"}),
            "report-error-receiver",
        ),
        (
            json!({"child_id": api.child_a1.as_str(), "grounds": ["a"], "text": SEEN, "extra": 1}),
            "error-bad-json",
        ),
        (json!({"grounds": ["a"], "text": SEEN}), "error-bad-json"),
    ] {
        let r = api.post(&api.teacher_a, path, &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, key).await;
    }
    // A concern about another child is refused as input.
    let other = raise(&api, &api.teacher_a, api.child_a2.as_str()).await;
    let mut body = report(&api, &["a"], SEEN);
    body["concern_id"] = json!(other);
    let r = api.post(&api.teacher_a, path, &body).await;
    assert_error(r, StatusCode::BAD_REQUEST, "report-error-concern").await;
    // A unit that is not child welfare.
    let mut body = report(&api, &["a"], SEEN);
    body["receiving_unit_id"] = json!(api.school_a.as_str());
    let r = api.post(&api.teacher_a, path, &body).await;
    assert_error(r, StatusCode::CONFLICT, "report-error-receiver").await;
    assert_eq!(sent(&api, &api.teacher_a).await, 0);
    let (_, lists) = json(api.get(&cw.token, path).await).await;
    assert_eq!(lists["queue"], json!([]), "nothing reached child welfare");

    // A teacher at another school gets the answer of a missing child, also
    // when the receiver is wrong: the refusal does not reveal the child.
    let mut missing = report(&api, &["a"], SEEN);
    missing["child_id"] = json!("0000-no-such-child");
    let want = json(api.post(&api.teacher_b, path, &missing).await).await;
    assert_eq!(want.0, StatusCode::NOT_FOUND);
    let mut body = report(&api, &["a"], SEEN);
    assert_eq!(
        json(api.post(&api.teacher_b, path, &body).await).await,
        want
    );
    body["receiving_unit_id"] = json!(api.school_b.as_str());
    assert_eq!(
        json(api.post(&api.teacher_b, path, &body).await).await,
        want
    );
    assert_eq!(sent(&api, &api.teacher_b).await, 0);
    api.stop().await;
}

#[tokio::test]
async fn child_welfare_acknowledges_and_reviews_and_the_receipt_keeps_the_note_back() {
    let api = Api::start().await;
    let cw = api.add_child_welfare().await;
    let r = api
        .post(
            &api.teacher_a,
            "/api/v1/reports",
            &report(&api, &["c", "mistreatment"], SEEN),
        )
        .await;
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let etag = r.headers()["etag"].to_str().expect("ascii").to_string();
    let (status, receipt) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    let id = receipt["id"].as_str().expect("id").to_string();
    assert_eq!(location, format!("/api/v1/reports/{id}"));
    assert_eq!(etag, format!("\"{}\"", receipt["version"]));
    assert!(
        receipt["reference"]
            .as_str()
            .expect("reference")
            .starts_with("BV-")
    );
    assert_eq!(
        receipt["grounds"],
        json!(["mistreatment", "serious_behaviour"])
    );
    assert_eq!(receipt["receiving_unit"]["id"], cw.unit.as_str());
    assert_eq!(receipt["caller_reviews"], false);
    assert_eq!(receipt["overdue"], false);
    assert!(receipt["child"].get("national_id").is_none(), "{receipt}");

    // A stranger: the same 404 as a report that does not exist.
    let missing = api
        .get(&api.teacher_b, "/api/v1/reports/0000-no-such-report")
        .await;
    let want = json(missing).await;
    assert_eq!(want.0, StatusCode::NOT_FOUND);
    assert_eq!(json(api.get(&api.teacher_b, &location).await).await, want);

    // Child welfare's queue.
    let (_, lists) = json(api.get(&cw.token, "/api/v1/reports").await).await;
    assert_eq!(lists["queue"][0]["id"], id.as_str(), "{lists}");
    assert_eq!(lists["queue"][0]["caller_reviews"], true);
    let (_, lists) = json(api.get(&api.teacher_a, "/api/v1/reports").await).await;
    assert_eq!(
        (lists["queue"].clone(), lists["sent"][0]["id"].clone()),
        (json!([]), json!(id))
    );

    // Acknowledge with If-Match; stale, repeated and by the reporter refused.
    let ack = format!("{location}/acknowledge");
    let post = |token: &str, path: &str, body: Option<Value>, tag: &str| {
        let (token, path, tag) = (token.to_string(), path.to_string(), tag.to_string());
        let api = &api;
        async move {
            let headers: Vec<(&str, &str)> = if tag.is_empty() {
                vec![]
            } else {
                vec![("if-match", tag.as_str())]
            };
            api.send(Method::POST, &token, &path, body.as_ref(), &headers)
                .await
        }
    };
    assert_error(
        post(&cw.token, &ack, None, "\"99\"").await,
        StatusCode::PRECONDITION_FAILED,
        "error-stale",
    )
    .await;
    assert_error(
        post(&api.teacher_a, &ack, None, "").await,
        StatusCode::FORBIDDEN,
        "error-forbidden",
    )
    .await;
    let r = post(&cw.token, &ack, None, &etag).await;
    let new_tag = r.headers()["etag"].to_str().expect("ascii").to_string();
    let (status, acked) = json(r).await;
    assert_eq!(status, StatusCode::OK, "{acked}");
    assert_ne!(new_tag, etag);
    assert!(acked["acknowledged_at_ms"].is_i64());
    assert_eq!(acked["acknowledged_by"]["id"], cw.staff.as_str());
    assert_error(
        post(&cw.token, &ack, None, "").await,
        StatusCode::CONFLICT,
        "report-error-acknowledged",
    )
    .await;

    // Review: a precise 400 for a bad outcome, then the outcome and a note.
    let review = format!("{location}/review");
    for (body, key) in [
        (json!({"note": NOTE}), "report-error-outcome"),
        (json!({"outcome": "maybe"}), "report-error-outcome"),
        (
            json!({"outcome": "investigate", "note": "bad\u{0}"}),
            "entry-error-control",
        ),
    ] {
        assert_error(
            post(&cw.token, &review, Some(body), &new_tag).await,
            StatusCode::BAD_REQUEST,
            key,
        )
        .await;
    }
    let body = json!({"outcome": "investigate", "note": NOTE});
    assert_error(
        post(&api.teacher_a, &review, Some(body.clone()), "").await,
        StatusCode::FORBIDDEN,
        "error-forbidden",
    )
    .await;
    let (status, reviewed) =
        json(post(&cw.token, &review, Some(body.clone()), &new_tag).await).await;
    assert_eq!(status, StatusCode::OK, "{reviewed}");
    assert_eq!(
        (reviewed["outcome"].clone(), reviewed["review_note"].clone()),
        (json!("investigate"), json!(NOTE))
    );
    assert_error(
        post(&cw.token, &review, Some(body), "").await,
        StatusCode::CONFLICT,
        "report-error-reviewed",
    )
    .await;

    // The reporter sees the outcome but not the note.
    let (status, receipt) = json(api.get(&api.teacher_a, &location).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(receipt["outcome"], "investigate");
    assert_eq!(receipt["review_note"], Value::Null);
    assert!(!receipt.to_string().contains(NOTE));

    // In the access log: made under the duty to report, reviewed as child welfare.
    let log = api
        .db
        .store
        .audit_records(&api.tenant, 1_000_000)
        .await
        .expect("log");
    let basis = |action: &str, reason: &str| {
        log.iter().any(|r| {
            r.event.resource_id == id
                && r.event.action == action
                && r.event.reason == reason
                && (r.event.legal_basis == reason
                    || r.event.legal_basis.starts_with(&format!("{reason}:")))
        })
    };
    assert!(basis("create", "duty_to_report"));
    assert!(basis("update", "child_welfare_review"));
    api.stop().await;
}
