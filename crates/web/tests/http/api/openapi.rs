use reqwest::StatusCode;

use crate::world::{World as Api, json};

#[tokio::test]
async fn the_openapi_document_is_public_and_lists_the_api() {
    let api = Api::start().await;
    let r = api
        .client()
        .get(api.url("/api/openapi.json"))
        .send()
        .await
        .expect("GET");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/json")
    );
    let (status, doc) = json(r).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "ettlag API");
    let paths = doc["paths"].as_object().expect("paths");
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort_unstable();
    assert_eq!(
        listed,
        [
            "/api/v1/children",
            "/api/v1/children/{id}/concerns",
            "/api/v1/children/{id}/consents",
            "/api/v1/children/{id}/coordinators",
            "/api/v1/children/{id}/coordinators/{kind}",
            "/api/v1/children/{id}/feedback",
            "/api/v1/children/{id}/plan",
            "/api/v1/children/{id}/relay-logs",
            "/api/v1/concerns/{id}",
            "/api/v1/concerns/{id}/decision",
            "/api/v1/consents/{id}/join",
            "/api/v1/consents/{id}/withdraw",
            "/api/v1/coordination",
            "/api/v1/cycle",
            "/api/v1/cycle/{task}/{due}/done",
            "/api/v1/cycle/{task}/{due}/skip",
            "/api/v1/feedback/{id}",
            "/api/v1/feedback/{id}/answers",
            "/api/v1/feedback/{id}/end",
            "/api/v1/feedback/{id}/links",
            "/api/v1/fhir/Observation/{id}",
            "/api/v1/fhir/Questionnaire/{id}",
            "/api/v1/fhir/QuestionnaireResponse/{id}",
            "/api/v1/intake",
            "/api/v1/intake/{id}",
            "/api/v1/intake/{id}/relay-log",
            "/api/v1/intake/{id}/steps",
            "/api/v1/me/notifications/{key}/read",
            "/api/v1/me/work",
            "/api/v1/measure-types",
            "/api/v1/meetings/{id}",
            "/api/v1/meetings/{id}/action-items",
            "/api/v1/meetings/{id}/attendance",
            "/api/v1/meetings/{id}/decisions",
            "/api/v1/meetings/{id}/invitation.ics",
            "/api/v1/meetings/{id}/minutes",
            "/api/v1/my/caseload",
            "/api/v1/persons",
            "/api/v1/persons/{child_id}/enrolments",
            "/api/v1/persons/{child_id}/relations",
            "/api/v1/persons/{id}",
            "/api/v1/plans/{id}",
            "/api/v1/plans/{id}/meetings",
            "/api/v1/plans/{id}/revisions",
            "/api/v1/relay-logs/{id}",
            "/api/v1/relay-logs/{id}/archive",
            "/api/v1/relay-logs/{id}/baton/accept",
            "/api/v1/relay-logs/{id}/baton/decline",
            "/api/v1/relay-logs/{id}/baton/offer",
            "/api/v1/relay-logs/{id}/baton/withdraw",
            "/api/v1/relay-logs/{id}/candidates",
            "/api/v1/relay-logs/{id}/close",
            "/api/v1/relay-logs/{id}/entries",
            "/api/v1/relay-logs/{id}/entries/{entry_id}",
            "/api/v1/relay-logs/{id}/level",
            "/api/v1/relay-logs/{id}/meetings",
            "/api/v1/reports",
            "/api/v1/reports/{id}",
            "/api/v1/reports/{id}/acknowledge",
            "/api/v1/reports/{id}/review",
            "/api/v1/staff",
            "/api/v1/teams",
            "/api/v1/units",
        ]
    );
    assert!(paths["/api/v1/units"]["get"].is_object());
    assert!(paths["/api/v1/units"]["post"].is_object());
    assert!(paths["/api/v1/intake"]["get"].is_object());
    assert!(paths["/api/v1/intake"]["post"].is_object());
    let operations: usize = paths
        .values()
        .filter_map(|item| item.as_object())
        .map(|item| {
            item.values()
                .filter(|op| op["operationId"].is_string())
                .count()
        })
        .sum();
    assert_eq!(operations, 73);
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    assert_eq!(doc["security"][0]["bearer"], serde_json::json!([]));
    for schema in [
        "ChildSummary",
        "PersonDetail",
        "NewPerson",
        "ApiError",
        "Created",
        "RelationKind",
        "IntakeItem",
        "IntakeItemDetail",
        "IntakeStep",
        "NewTeam",
        "FamilyInformedRequest",
        "FamilyInformed",
        "FamilyChannel",
        "FamilyNotYetReason",
        "FamilyInformedStatus",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "{schema} missing"
        );
    }
    // A start and a level change take whether the family was told.
    for request in [
        "ConcernDecisionRequest",
        "LevelChangeRequest",
        "NewIntakeRelayLog",
    ] {
        let family = &doc["components"]["schemas"][request]["properties"]["family_informed"];
        assert!(family.is_object(), "{request} has no family_informed");
    }
    // Every reference names a schema the document has.
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    for r in refs {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or(&r);
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{r} names no schema"
        );
    }
    api.stop().await;
}

/// Every `$ref` in a JSON document.
fn collect_refs(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v.as_str()) {
                    ("$ref", Some(r)) => out.push(r.to_string()),
                    _ => collect_refs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}
