//! Measure types over the API: a client lists the municipality's types and
//! writes a measure with one; the log names the type on the entry and on
//! the measure; an unknown type is refused and writes nothing.

use ettlag_core::policy::Purpose;
use ettlag_core::steering::{LadderStep, MeasureTypeFields};
use reqwest::StatusCode;

use super::{events_of, log, open_log, write};
use crate::world::{World as Api, assert_error, json};

#[tokio::test]
async fn a_measure_is_written_with_one_of_the_municipalitys_types() {
    let api = Api::start().await;
    let code = api
        .db
        .store
        .system_access(&api.tenant)
        .for_purpose(Purpose::Administration)
        .add_measure_type(MeasureTypeFields {
            name: "Foreldreveiledning".into(),
            step: LadderStep::new(2).expect("step"),
            cost: Some(3_000),
            active: true,
        })
        .await
        .expect("type");
    let (status, types) = json(api.get(&api.teacher_a, "/api/v1/measure-types").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        types,
        serde_json::json!([{
            "code": "foreldreveiledning", "name": "Foreldreveiledning",
            "step": 2, "cost": 3000, "active": true
        }])
    );

    let id = open_log(&api).await;
    let mut body = super::measure(&api, "");
    body["goal"] = serde_json::Value::Null;
    body["measure_type"] = "finnes-ikke".into();
    let path = format!("/api/v1/relay-logs/{id}/entries");
    let (before, _) = log(&api, &api.teacher_a, &id).await;
    assert_error(
        api.post(&api.teacher_a, &path, &body).await,
        StatusCode::BAD_REQUEST,
        "measure-type-error-unknown",
    )
    .await;
    assert_eq!(
        log(&api, &api.teacher_a, &id).await.0["version"],
        before["version"]
    );

    body["measure_type"] = code.as_str().into();
    write(&api, &api.teacher_a, &id, body).await;
    let (now, _) = log(&api, &api.teacher_a, &id).await;
    let named = serde_json::json!({"code": "foreldreveiledning", "name": "Foreldreveiledning"});
    assert_eq!(
        events_of(&now, "measure")[0]["entry"]["measure_type"],
        named
    );
    assert_eq!(now["measures"][0]["measure_type"], named);
}
