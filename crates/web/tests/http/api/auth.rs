use reqwest::StatusCode;
use serde_json::json;

use crate::world::{World as Api, assert_error};

#[tokio::test]
async fn every_endpoint_needs_a_live_token() {
    let api = Api::start().await;
    let c = api.client();
    let person = format!("/api/v1/persons/{}", api.child_a1.as_str());
    for path in [
        "/api/v1/children",
        "/api/v1/units",
        "/api/v1/staff",
        person.as_str(),
    ] {
        let none = c.get(api.url(path)).send().await.expect("GET");
        assert_error(none, StatusCode::UNAUTHORIZED, "error-unauthorized").await;
        let bad = api.get("ettlag_not-a-token", path).await;
        assert_error(bad, StatusCode::UNAUTHORIZED, "error-unauthorized").await;
        let basic = c
            .get(api.url(path))
            .basic_auth("admin", Some("secret"))
            .send()
            .await
            .expect("GET");
        assert_error(basic, StatusCode::UNAUTHORIZED, "error-unauthorized").await;
    }
    // Writes too, and before the body is looked at.
    let body = json!({"kind": "child", "given_name": "Ny", "family_name": "Person"});
    let none = c
        .post(api.url("/api/v1/persons"))
        .json(&body)
        .send()
        .await
        .expect("POST");
    assert_error(none, StatusCode::UNAUTHORIZED, "error-unauthorized").await;
    let bad = api
        .post_raw("nope", "/api/v1/persons", "application/json", "{")
        .await;
    assert_error(bad, StatusCode::UNAUTHORIZED, "error-unauthorized").await;
    api.stop().await;
}

#[tokio::test]
async fn unknown_api_paths_answer_in_json() {
    let api = Api::start().await;
    let r = api.get(&api.admin, "/api/v1/nothing-here").await;
    assert_error(r, StatusCode::NOT_FOUND, "error-not-found").await;
    api.stop().await;
}
