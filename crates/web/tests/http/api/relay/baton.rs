//! The baton goes by offer and acceptance.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{log, open_log, second_teacher};
use crate::world::{World as Api, assert_error, json};

#[tokio::test]
async fn the_baton_goes_by_offer_and_acceptance() {
    let api = Api::start().await;
    let log_id = open_log(&api).await;
    let (a2, a2_token) = second_teacher(&api).await;
    let base = format!("/api/v1/relay-logs/{log_id}");
    let (_, candidates) = json(api.get(&api.teacher_a, &format!("{base}/candidates")).await).await;
    let ids: Vec<&str> = candidates
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["staff"]["id"].as_str())
        .collect();
    assert!(
        ids.contains(&a2.as_str()) && ids.contains(&api.staff_a.as_str()),
        "{candidates}"
    );
    assert!(!ids.contains(&api.staff_b.as_str()), "{candidates}");

    // School B is not the child's, and no consent covers it.
    let to_b = json!({"to_staff_id": api.staff_b.as_str(), "to_unit_id": api.school_b.as_str()});
    let r = api
        .post(&api.teacher_a, &format!("{base}/baton/offer"), &to_b)
        .await;
    assert_error(r, StatusCode::CONFLICT, "relay-error-not-covered").await;

    let offer = json!({
        "to_staff_id": a2.as_str(), "to_unit_id": api.school_a.as_str(),
        "family_wish": "Mor ønsker Kari",
        "transition": {"done": ["family_agreed", "child_heard"], "note": "Trenger fast plass"},
    });
    let offered = api
        .post(&api.teacher_a, &format!("{base}/baton/offer"), &offer)
        .await;
    assert_eq!(offered.status(), StatusCode::OK);
    let (now, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(now["offer"]["to"]["id"], a2.as_str());
    assert_eq!(
        now["offer"]["transition"]["done"],
        json!(["family_agreed", "child_heard"])
    );
    assert_eq!(
        now["offer"]["transition"]["missing"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
    let (_, desk) = json(api.get(&a2_token, "/api/v1/me/work").await).await;
    assert_eq!(desk["offers"][0]["id"], log_id.as_str());

    // Declined (with an empty body), offered again, withdrawn, offered, accepted.
    let r = api
        .send(
            Method::POST,
            &a2_token,
            &format!("{base}/baton/decline"),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api
        .post(&a2_token, &format!("{base}/baton/accept"), &json!({}))
        .await;
    assert_error(r, StatusCode::CONFLICT, "baton-error-no-offer").await;
    assert_eq!(
        api.post(&api.teacher_a, &format!("{base}/baton/offer"), &offer)
            .await
            .status(),
        200
    );
    let r = api
        .post(
            &api.teacher_a,
            &format!("{base}/baton/withdraw"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        api.post(&api.teacher_a, &format!("{base}/baton/offer"), &offer)
            .await
            .status(),
        200
    );
    let r = api
        .send(
            Method::POST,
            &a2_token,
            &format!("{base}/baton/accept"),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (now, _) = log(&api, &api.teacher_a, &log_id).await;
    assert_eq!(now["holder"]["id"], a2.as_str());
    assert_eq!(now["offer"], Value::Null);
    let codes: Vec<&str> = now["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["event"].as_str())
        .collect();
    assert_eq!(
        codes[2..],
        [
            "baton_offered",
            "baton_declined",
            "baton_offered",
            "baton_withdrawn",
            "baton_offered",
            "baton_accepted"
        ]
    );

    // Only the holder closes.
    let close = json!({"reason": "moved_to_individual_plan"});
    let r = api
        .post(&api.teacher_a, &format!("{base}/close"), &close)
        .await;
    assert_error(r, StatusCode::CONFLICT, "baton-error-not-holder").await;
    assert_eq!(
        api.post(&a2_token, &format!("{base}/close"), &close)
            .await
            .status(),
        200
    );
    assert_eq!(
        api.get(&api.teacher_a, &format!("{base}/archive"))
            .await
            .status(),
        200
    );
    api.stop().await;
}
