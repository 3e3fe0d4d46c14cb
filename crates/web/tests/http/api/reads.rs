use reqwest::StatusCode;

use crate::world::{World as Api, assert_error, json, nin, sorted};

#[tokio::test]
async fn a_teacher_lists_exactly_the_children_of_their_unit() {
    let api = Api::start().await;
    assert_eq!(
        api.child_ids(&api.teacher_a, "").await,
        sorted(&[&api.child_a1, &api.child_a2])
    );
    assert_eq!(
        api.child_ids(&api.teacher_b, "").await,
        sorted(&[&api.child_b])
    );
    // The administrator has no units and keeps the register: every child.
    assert_eq!(
        api.child_ids(&api.admin, "").await,
        sorted(&[&api.child_a1, &api.child_a2, &api.child_b])
    );
    // Search narrows, and never reaches past the caller's units.
    assert_eq!(
        api.child_ids(&api.teacher_a, "aks").await,
        sorted(&[&api.child_a2])
    );
    assert_eq!(
        api.child_ids(&api.teacher_a, "Bo").await,
        Vec::<String>::new()
    );
    let by_nin = nin(2015, 3, 1);
    assert_eq!(
        api.child_ids(&api.teacher_a, by_nin.as_str()).await,
        sorted(&[&api.child_a1])
    );

    let (status, list) = json(api.get(&api.teacher_a, "/api/v1/children?q=ada").await).await;
    assert_eq!(status, StatusCode::OK);
    let ada = &list[0];
    assert_eq!(ada["given_name"], "Ada");
    assert_eq!(ada["family_name"], "Testesen");
    assert_eq!(ada["birth_date"], "2015-03-01");
    assert_eq!(ada["units"], serde_json::json!(["Nordli skole"]));

    let bad = api
        .get(&api.teacher_a, "/api/v1/children?offset=many")
        .await;
    assert_error(bad, StatusCode::BAD_REQUEST, "error-bad-query").await;
    api.stop().await;
}

#[tokio::test]
async fn a_hidden_child_and_a_missing_id_give_the_same_404() {
    let api = Api::start().await;
    let hidden = api
        .get(
            &api.teacher_b,
            &format!("/api/v1/persons/{}", api.child_a1.as_str()),
        )
        .await;
    let missing = api
        .get(
            &api.teacher_b,
            "/api/v1/persons/0195f3a2-7c1e-7d3b-9a41-5b2f8e0c6d17",
        )
        .await;
    let malformed = api
        .get(&api.teacher_b, "/api/v1/persons/not%20an%20id")
        .await;
    let hidden = assert_error(hidden, StatusCode::NOT_FOUND, "error-not-found").await;
    let missing = assert_error(missing, StatusCode::NOT_FOUND, "error-not-found").await;
    let malformed = assert_error(malformed, StatusCode::NOT_FOUND, "error-not-found").await;
    assert_eq!(hidden, missing);
    assert_eq!(hidden, malformed);
    // The guardian of a child at another school is hidden too.
    let guardian = api
        .get(
            &api.teacher_b,
            &format!("/api/v1/persons/{}", api.guardian_a.as_str()),
        )
        .await;
    assert_eq!(
        assert_error(guardian, StatusCode::NOT_FOUND, "error-not-found").await,
        missing
    );
    api.stop().await;
}

#[tokio::test]
async fn a_teacher_reads_their_child_with_guardian_and_school() {
    let api = Api::start().await;
    let r = api
        .get(
            &api.teacher_a,
            &format!("/api/v1/persons/{}", api.child_a1.as_str()),
        )
        .await;
    let (status, child) = json(r).await;
    assert_eq!(status, StatusCode::OK, "{child}");
    assert_eq!(child["id"], api.child_a1.as_str());
    assert_eq!(child["kind"], "child");
    assert_eq!(child["national_id"], nin(2015, 3, 1).as_str());
    assert_eq!(child["given_name"], "Ada");
    assert_eq!(child["birth_date"], "2015-03-01");
    assert!(child["version"].is_i64());
    assert_eq!(child["relations"][0]["person_id"], api.guardian_a.as_str());
    assert_eq!(child["relations"][0]["kind"], "guardian");
    assert_eq!(child["relations"][0]["given_name"], "Gro");
    assert_eq!(child["enrolments"][0]["unit_id"], api.school_a.as_str());
    assert_eq!(child["enrolments"][0]["unit_name"], "Nordli skole");
    assert_eq!(child["enrolments"][0]["from_date"], "2021-08-16");
    assert!(child["enrolments"][0]["to_date"].is_null());

    let (status, guardian) = json(
        api.get(
            &api.teacher_a,
            &format!("/api/v1/persons/{}", api.guardian_a.as_str()),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{guardian}");
    assert_eq!(guardian["kind"], "adult");
    assert_eq!(guardian["relations"][0]["person_id"], api.child_a1.as_str());
    api.stop().await;
}

#[tokio::test]
async fn colleagues_see_units_and_staff() {
    let api = Api::start().await;
    let (status, units) = json(api.get(&api.teacher_b, "/api/v1/units").await).await;
    assert_eq!(status, StatusCode::OK, "{units}");
    let names: Vec<&str> = units
        .as_array()
        .expect("list")
        .iter()
        .map(|u| u["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["Nordli skole", "Sørli skole"]);
    assert_eq!(units[1]["id"], api.school_b.as_str());
    assert_eq!(units[1]["service_type"], "school");

    let (status, staff) = json(api.get(&api.teacher_b, "/api/v1/staff").await).await;
    assert_eq!(status, StatusCode::OK, "{staff}");
    let teacher = staff
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["username"] == "laerer.a")
        .expect("teacher a listed");
    assert_eq!(teacher["display_name"], "Navn laerer.a");
    assert_eq!(teacher["roles"], serde_json::json!(["staff"]));
    assert_eq!(teacher["units"], serde_json::json!([api.school_a.as_str()]));
    assert_eq!(teacher["active"], true);
    api.stop().await;
}

#[tokio::test]
async fn a_malformed_id_in_any_typed_route_is_not_found_like_a_hidden_one() {
    let api = Api::start().await;
    // Each route parses its id once, at the door, into the id of what it
    // names; text that is no id answers exactly as a hidden record does.
    for path in [
        "/api/v1/relay-logs/not%20an%20id",
        "/api/v1/relay-logs/not%20an%20id/archive",
        "/api/v1/concerns/%2E%2E%2Fetc",
        "/api/v1/plans/not%20an%20id",
        "/api/v1/meetings/not%20an%20id",
        "/api/v1/reports/not%20an%20id",
        "/api/v1/intake/not%20an%20id",
        "/api/v1/feedback/not%20an%20id",
        "/api/v1/meetings/not%20an%20id/invitation.ics",
        "/api/v1/fhir/QuestionnaireResponse/not%20an%20id",
        "/api/v1/fhir/Observation/%2E%2E%2Fetc",
    ] {
        let answer = api.get(&api.teacher_a, path).await;
        assert_error(answer, StatusCode::NOT_FOUND, "error-not-found").await;
    }
    for path in [
        "/api/v1/cycle/not%20an%20id/2030-01-15/done",
        "/api/v1/cycle/not%20an%20id/2030-01-15/skip",
    ] {
        let answer = api
            .post(
                &api.teacher_a,
                path,
                &serde_json::json!({"note": "Evaluert"}),
            )
            .await;
        assert_error(answer, StatusCode::NOT_FOUND, "error-not-found").await;
    }
    // The pages' forms post to typed routes too: a malformed id is the same
    // 404 as a well-formed id that names nothing.
    for (user, paths) in [
        ("laerer.a", ["/emergency/{}/end"].as_slice()),
        (
            "personvern",
            [
                "/privacy/emergency/{}/review",
                "/privacy/requests/{}/take",
                "/privacy/requests/{}/close",
            ]
            .as_slice(),
        ),
    ] {
        let (browser, csrf) = api.sign_in(user).await;
        for path in paths {
            for id in ["not%20an%20id", "0193a1b2-c3d4-7000-8000-000000000000"] {
                let answer = browser
                    .post(api.url(&path.replace("{}", id)))
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("outcome", "granted"),
                        ("answer", "Svar"),
                    ])
                    .send()
                    .await
                    .expect("POST");
                assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{user} {path} {id}");
            }
        }
    }
    api.stop().await;
}
