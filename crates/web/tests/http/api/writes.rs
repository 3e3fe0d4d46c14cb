use reqwest::StatusCode;
use serde_json::json;

use crate::world::{World as Api, assert_error, json, nin};

#[tokio::test]
async fn an_administrator_registers_a_person() {
    let api = Api::start().await;
    let n = nin(2019, 11, 30);
    let body = json!({
        "kind": "child",
        "national_id": n.as_str(),
        "given_name": "  Nora ",
        "family_name": "Nyberg",
    });
    let r = api.post(&api.admin, "/api/v1/persons", &body).await;
    let location = r.headers()["location"].to_str().expect("ascii").to_string();
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().expect("id").to_string();
    assert_eq!(location, format!("/api/v1/persons/{id}"));

    let (status, person) = json(api.get(&api.admin, &location).await).await;
    assert_eq!(status, StatusCode::OK, "{person}");
    assert_eq!(person["given_name"], "Nora");
    assert_eq!(person["national_id"], n.as_str());
    assert_eq!(person["birth_date"], "2019-11-30");

    // The same number twice is a conflict; an adult without a number is fine.
    let again = api.post(&api.admin, "/api/v1/persons", &body).await;
    assert_error(
        again,
        StatusCode::CONFLICT,
        "error-conflict-national-identity-number",
    )
    .await;
    let adult = json!({"kind": "adult", "given_name": "Per", "family_name": "Nyberg"});
    assert_eq!(
        api.post(&api.admin, "/api/v1/persons", &adult)
            .await
            .status(),
        StatusCode::CREATED
    );
    api.stop().await;
}

#[tokio::test]
async fn a_bad_national_id_or_name_is_refused_and_creates_nothing() {
    let api = Api::start().await;
    let before = api.child_ids(&api.admin, "").await;
    let good = nin(2018, 2, 14);
    let mut typo = good.as_str().to_string();
    let last = typo.pop().expect("a digit");
    typo.push(if last == '9' {
        '0'
    } else {
        char::from(last as u8 + 1)
    });
    for (national_id, key) in [
        (typo.as_str(), "nin-error-checksum"),
        ("1234", "nin-error-length"),
        ("0108201234x", "nin-error-digits"),
        ("31829950012", "nin-error-birth-date"),
    ] {
        let body = json!({
            "kind": "child",
            "national_id": national_id,
            "given_name": "Feil",
            "family_name": "Nummer",
        });
        let r = api.post(&api.admin, "/api/v1/persons", &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, key).await;
    }
    for (given, family) in [("", "Tom"), ("   ", "Tom"), ("Lang", &"x".repeat(101)[..])] {
        let body = json!({"kind": "child", "given_name": given, "family_name": family});
        let r = api.post(&api.admin, "/api/v1/persons", &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, "error-name-length").await;
    }
    assert_eq!(api.child_ids(&api.admin, "").await, before);
    api.stop().await;
}

#[tokio::test]
async fn bad_json_is_a_400_in_the_error_shape() {
    let api = Api::start().await;
    let path = "/api/v1/persons";
    for (content_type, body) in [
        ("application/json", "{"),
        ("application/json", "[]"),
        (
            "application/json",
            r#"{"kind": "child", "given_name": "Ola"}"#,
        ),
        (
            "application/json",
            r#"{"kind": "robot", "given_name": "Ola", "family_name": "N"}"#,
        ),
        (
            "application/json",
            r#"{"kind": "child", "given_name": 7, "family_name": "N"}"#,
        ),
        (
            "application/json",
            r#"{"kind": "child", "given_name": "Ola", "family_name": "N", "admin": true}"#,
        ),
        (
            "text/plain",
            r#"{"kind": "child", "given_name": "Ola", "family_name": "N"}"#,
        ),
    ] {
        let r = api.post_raw(&api.admin, path, content_type, body).await;
        assert_error(r, StatusCode::BAD_REQUEST, "error-bad-json").await;
    }
    for (path, body) in [
        (
            "/api/v1/units",
            r#"{"name": "Ny", "service_type": "castle"}"#,
        ),
        ("/api/v1/units", r#"{"name": "Ny"}"#),
    ] {
        let r = api
            .post_raw(&api.admin, path, "application/json", body)
            .await;
        assert_error(r, StatusCode::BAD_REQUEST, "error-bad-json").await;
    }
    let huge = format!(
        r#"{{"kind": "child", "given_name": "{}", "family_name": "N"}}"#,
        "x".repeat(100 * 1024)
    );
    let r = api
        .post_raw(&api.admin, path, "application/json", &huge)
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "error-too-large").await;
    let relations = format!("/api/v1/persons/{}/relations", api.child_a1.as_str());
    let r = api
        .post_raw(
            &api.admin,
            &relations,
            "application/json",
            r#"{"person_id": "x", "kind": "aunt"}"#,
        )
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "error-bad-json").await;
    api.stop().await;
}

#[tokio::test]
async fn only_administrators_write() {
    let api = Api::start().await;
    let before = api.child_ids(&api.admin, "").await;
    let person = json!({"kind": "child", "given_name": "Ulovlig", "family_name": "Barn"});
    let r = api.post(&api.teacher_a, "/api/v1/persons", &person).await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;
    let unit = json!({"name": "Skyggeskolen", "service_type": "school"});
    let r = api.post(&api.teacher_a, "/api/v1/units", &unit).await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;
    let relation = json!({"person_id": api.guardian_a.as_str(), "kind": "close_person"});
    let r = api
        .post(
            &api.teacher_a,
            &format!("/api/v1/persons/{}/relations", api.child_a2.as_str()),
            &relation,
        )
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;
    let enrolment = json!({"unit_id": api.school_a.as_str(), "from_date": "2024-08-15"});
    let r = api
        .post(
            &api.teacher_b,
            &format!("/api/v1/persons/{}/enrolments", api.child_a1.as_str()),
            &enrolment,
        )
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "error-forbidden").await;

    assert_eq!(api.child_ids(&api.admin, "").await, before);
    let (_, units) = json(api.get(&api.admin, "/api/v1/units").await).await;
    assert_eq!(units.as_array().map(Vec::len), Some(2));
    api.stop().await;
}

#[tokio::test]
async fn an_administrator_relates_and_enrols() {
    let api = Api::start().await;
    let r = api
        .post(
            &api.admin,
            "/api/v1/units",
            &json!({"name": "Bakken barnehage", "service_type": "kindergarten"}),
        )
        .await;
    assert_eq!(r.headers()["location"], "/api/v1/units");
    let (status, unit) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{unit}");
    let unit_id = unit["id"].as_str().expect("id").to_string();
    let dup = api
        .post(
            &api.admin,
            "/api/v1/units",
            &json!({"name": "Bakken barnehage", "service_type": "school"}),
        )
        .await;
    assert_error(dup, StatusCode::CONFLICT, "error-conflict-unit-name").await;

    let child = api.child_a2.as_str();
    let relations = format!("/api/v1/persons/{child}/relations");
    let relation = json!({"person_id": api.guardian_a.as_str(), "kind": "close_person"});
    let r = api.post(&api.admin, &relations, &relation).await;
    assert_eq!(
        r.headers()["location"],
        format!("/api/v1/persons/{child}").as_str()
    );
    let (status, created) = json(r).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["id"], child);
    let again = api.post(&api.admin, &relations, &relation).await;
    assert_error(again, StatusCode::CONFLICT, "error-conflict-relation").await;
    // A child is not an adult, and a missing adult is not found.
    let wrong = json!({"person_id": api.child_b.as_str(), "kind": "guardian"});
    assert_error(
        api.post(&api.admin, &relations, &wrong).await,
        StatusCode::NOT_FOUND,
        "error-not-found",
    )
    .await;

    let enrolments = format!("/api/v1/persons/{child}/enrolments");
    for bad in ["2024-02-30", "15.08.2024", "2024-8-15", ""] {
        let body = json!({"unit_id": unit_id, "from_date": bad});
        let r = api.post(&api.admin, &enrolments, &body).await;
        assert_error(r, StatusCode::BAD_REQUEST, "error-bad-date").await;
    }
    let missing_unit = json!({"unit_id": "no-such-unit", "from_date": "2024-08-15"});
    assert_error(
        api.post(&api.admin, &enrolments, &missing_unit).await,
        StatusCode::NOT_FOUND,
        "error-not-found",
    )
    .await;
    let body = json!({"unit_id": unit_id, "from_date": "2024-08-15"});
    let (status, created) = json(api.post(&api.admin, &enrolments, &body).await).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["id"], child);

    let (status, detail) = json(
        api.get(&api.admin, &format!("/api/v1/persons/{child}"))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["relations"][0]["kind"], "close_person");
    let units: Vec<&str> = detail["enrolments"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["unit_name"].as_str().expect("name"))
        .collect();
    assert_eq!(units, ["Bakken barnehage", "Nordli skole"]);
    api.stop().await;
}
