//! The OpenAPI 3.1 document, served at `/api/openapi.json`.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::feedback::{answers as feedback_answers, episodes as feedback_episodes};
use super::intake::{
    out as intake_out, queue as intake_queue, register as intake_register, steps as intake_steps,
    teams,
};
use super::relay::{baton, concerns, entries, lifecycle, logs, me};
use super::reports::{self, out as report_out, review as report_review};
use super::{
    children, consents, enrolments, fhir, json, measure_types, persons, relations, staff, units,
};
use super::{coordination, coordinators, cycle, log_meetings, meetings, plans};

#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "ettlag API",
        description = "Children, the adults around them, units and staff of one municipality, and the \
                       concerns, relay logs and consents about the children. \
                       Sign in with a personal API token: `Authorization: Bearer <token>`. \
                       Every access is decided by the same policy as the pages and recorded in the \
                       access log. Errors are `{\"error\", \"message\", \"status\"}`, with the \
                       message in the language of `Accept-Language` (nb, nn, da, en).",
    ),
    paths(
        children::list,
        persons::show,
        persons::create,
        relations::create,
        enrolments::create,
        units::list,
        units::create,
        measure_types::list,
        staff::list,
        concerns::list,
        concerns::create,
        concerns::show,
        concerns::decide,
        logs::list,
        logs::show,
        logs::archive,
        logs::candidates,
        entries::create,
        entries::show,
        entries::replace,
        entries::update,
        entries::delete,
        lifecycle::change_level,
        lifecycle::close,
        baton::offer,
        baton::accept,
        baton::decline,
        baton::withdraw,
        me::work,
        me::read_notification,
        consents::list,
        consents::create,
        consents::withdraw,
        consents::join,
        reports::create,
        reports::list,
        reports::show,
        report_review::acknowledge,
        report_review::review,
        intake_queue::list,
        intake_queue::show,
        intake_register::create,
        intake_steps::step,
        intake_steps::relay_log,
        teams::create,
        fhir::questionnaire,
        fhir::questionnaire_response,
        fhir::observation,
        plans::show,
        plans::create,
        plans::revise,
        meetings::create,
        meetings::show,
        meetings::attendance,
        meetings::minute,
        meetings::decision,
        meetings::action_item,
        meetings::invitation,
        log_meetings::create,
        coordinators::show,
        coordinators::assign,
        coordinators::end,
        coordination::caseload,
        coordination::overview,
        cycle::list,
        cycle::done,
        cycle::skip,
        feedback_episodes::list,
        feedback_episodes::start,
        feedback_episodes::show,
        feedback_answers::answer,
        feedback_answers::link,
        feedback_episodes::end,
    ),
    components(schemas(
        json::ApiError,
        json::Created,
        report_out::ApiGround,
        report_out::ApiOutcome,
        intake_out::ApiStatus,
        intake_out::ApiClock,
        intake_steps::AssigneeIn,
        teams::MemberIn,
        fhir::FhirResource,
        meetings::ConfirmationIn
    )),
    modifiers(&BearerScheme, &ProblemJson),
    security(("bearer" = [])),
    tags(
        (name = "children", description = "The children the caller works with"),
        (name = "persons", description = "Children and adults in the register"),
        (name = "organisation", description = "Units and staff"),
        (name = "relay", description = "Concerns and relay logs: entries and corrections (never edits), \
                                        levels, the baton, closing and the archive copy, and the caller's desk. \
                                        Writes honour `If-Match: \"<version>\"` (412 when stale)."),
        (name = "consent", description = "The family's consents: who gave them, for what purpose, which units or kinds of \
                                          service may receive which information, and for how long. A withdrawal covers \
                                          no one from the next request on."),
        (name = "reports", description = "Reports to child welfare under the duty to report: sent without consent by \
                                           staff who know the child, read and reviewed within a week by child welfare, \
                                           and read as a receipt (without child welfare's note) by the reporter. \
                                           `GET /api/v1/reports` answers child welfare's queue and the caller's receipts \
                                           together. Changes honour `If-Match: \"<version>\"` (412 when stale)."),
        (name = "intake", description = "The intake queue behind the one door: what comes in (a self-referral from the \
                                          public site, a staff member's request about a child they follow, a referral or a \
                                          plan notice registered by intake staff), each with a deadline clock; triage steps \
                                          (link, uncertain identity, areas, merge, assign to a unit, a person or a team, \
                                          level, close), teams around a child, and the relay log started by the one an item \
                                          went to. Steps honour `If-Match: \"<version>\"` (412 when stale)."),
        (name = "feedback", description = "Feedback (FIT) episodes: start one (linked to a relay log or plan if wanted), \
                                            answer in a meeting (scores as decimals \"7.3\" or \"7,3\", stored as tenths; a missing or \
                                            out-of-range item is a 422 naming it), make a one-time link for the family's phone, \
                                            read the answers with the change since intake and the alerts, and end it. Also as HL7 FHIR R4 JSON: a pack as a Questionnaire, an answer as a \
                                            QuestionnaireResponse and its total as an Observation. Subjects are referenced by \
                                            ettlag's person id, never by national identity number."),
        (name = "cycle", description = "The annual cycle (årshjul) for leaders: the occurrences of the recurring \
                                         evaluation tasks the caller leads, and marking one done or skipped with a note."),
    )
)]
pub struct ApiDoc;

/// Adds the bearer-token scheme that every path requires.
#[derive(Debug)]
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token (`ettlag_…`)"))
                    .build(),
            ),
        );
    }
}

/// Error answers are problems (`application/problem+json`, RFC 9457): the
/// paths declare them with `body = ApiError` as JSON, and this gives every
/// 4xx and 5xx answer of every path the problem media type instead.
#[derive(Debug)]
struct ProblemJson;

impl Modify for ProblemJson {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, response) in operation.responses.responses.iter_mut() {
                    let utoipa::openapi::RefOr::T(response) = response else {
                        continue;
                    };
                    if !(status.starts_with('4') || status.starts_with('5')) {
                        continue;
                    }
                    if let Some(content) = response.content.shift_remove("application/json") {
                        response
                            .content
                            .insert("application/problem+json".to_string(), content);
                    }
                }
            }
        }
    }
}

/// The document as served, built once.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc.to_pretty_json().unwrap_or_else(|e| {
        tracing::error!(error = %e, "openapi document does not serialise");
        String::from("{}")
    })
});

/// `GET /api/openapi.json`: public, so that clients can be generated.
pub async fn document() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_names_every_path_and_the_scheme() {
        let doc: serde_json::Value =
            serde_json::from_str(&DOCUMENT).unwrap_or(serde_json::Value::Null);
        assert_eq!(doc["openapi"], "3.1.0");
        for path in [
            "/api/v1/children",
            "/api/v1/persons",
            "/api/v1/persons/{id}",
            "/api/v1/persons/{child_id}/relations",
            "/api/v1/persons/{child_id}/enrolments",
            "/api/v1/units",
            "/api/v1/staff",
            "/api/v1/children/{id}/concerns",
            "/api/v1/concerns/{id}",
            "/api/v1/concerns/{id}/decision",
            "/api/v1/children/{id}/relay-logs",
            "/api/v1/relay-logs/{id}",
            "/api/v1/relay-logs/{id}/archive",
            "/api/v1/relay-logs/{id}/candidates",
            "/api/v1/relay-logs/{id}/entries",
            "/api/v1/relay-logs/{id}/entries/{entry_id}",
            "/api/v1/relay-logs/{id}/level",
            "/api/v1/relay-logs/{id}/close",
            "/api/v1/relay-logs/{id}/baton/offer",
            "/api/v1/relay-logs/{id}/baton/accept",
            "/api/v1/relay-logs/{id}/baton/decline",
            "/api/v1/relay-logs/{id}/baton/withdraw",
            "/api/v1/me/work",
            "/api/v1/me/notifications/{key}/read",
            "/api/v1/children/{id}/consents",
            "/api/v1/consents/{id}/withdraw",
            "/api/v1/consents/{id}/join",
            "/api/v1/reports",
            "/api/v1/reports/{id}",
            "/api/v1/reports/{id}/acknowledge",
            "/api/v1/reports/{id}/review",
            "/api/v1/intake",
            "/api/v1/intake/{id}",
            "/api/v1/intake/{id}/steps",
            "/api/v1/intake/{id}/relay-log",
            "/api/v1/teams",
            "/api/v1/plans/{id}",
            "/api/v1/children/{id}/plan",
            "/api/v1/plans/{id}/revisions",
            "/api/v1/plans/{id}/meetings",
            "/api/v1/meetings/{id}",
            "/api/v1/meetings/{id}/attendance",
            "/api/v1/meetings/{id}/minutes",
            "/api/v1/meetings/{id}/decisions",
            "/api/v1/meetings/{id}/action-items",
            "/api/v1/meetings/{id}/invitation.ics",
            "/api/v1/relay-logs/{id}/meetings",
            "/api/v1/children/{id}/coordinators",
            "/api/v1/children/{id}/coordinators/{kind}",
            "/api/v1/my/caseload",
            "/api/v1/coordination",
            "/api/v1/cycle",
            "/api/v1/cycle/{task}/{due}/done",
            "/api/v1/cycle/{task}/{due}/skip",
            "/api/v1/children/{id}/feedback",
            "/api/v1/feedback/{id}",
            "/api/v1/feedback/{id}/answers",
            "/api/v1/feedback/{id}/links",
            "/api/v1/feedback/{id}/end",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        assert!(doc["components"]["schemas"]["PersonDetail"].is_object());
        let mut operations: Vec<&str> = doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|paths| paths.values())
            .filter_map(|item| item.as_object())
            .flat_map(|item| item.values())
            .filter_map(|op| op["operationId"].as_str())
            .collect();
        assert_eq!(operations.len(), 73);
        operations.sort_unstable();
        operations.dedup();
        assert_eq!(operations.len(), 73, "operation ids must be unique");
        assert!(doc["components"]["schemas"]["RelationKind"]["enum"].is_array());
        for schema in [
            "RelayLog",
            "RelayEvent",
            "RelayEntry",
            "NewRelayEntry",
            "Concern",
            "Consent",
            "NewConsent",
            "ConsentCategory",
            "ConsentEvidence",
            "Report",
            "NewReport",
            "ReportLists",
            "ReportReview",
            "ReportGround",
            "ReportOutcome",
            "IntakeItem",
            "IntakeItemDetail",
            "IntakeStep",
            "IntakeAssignee",
            "NewIntakeItem",
            "IntakeReceipt",
            "NewTeam",
            "IntakeSource",
            "IntakeStatus",
        ] {
            assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
        }
        let entry = &doc["paths"]["/api/v1/relay-logs/{id}/entries/{entry_id}"];
        for method in ["get", "put", "patch", "delete"] {
            assert!(entry[method].is_object(), "{method}");
        }
    }

    #[test]
    fn every_error_answer_is_declared_a_problem_and_no_success_is() {
        let doc: serde_json::Value =
            serde_json::from_str(&DOCUMENT).unwrap_or(serde_json::Value::Null);
        let mut problems = 0;
        for item in doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.values())
        {
            for op in item.as_object().into_iter().flat_map(|i| i.values()) {
                for (status, response) in op["responses"].as_object().into_iter().flatten() {
                    let content = &response["content"];
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(content.get("application/json").is_none(), "{status}");
                        problems += usize::from(content.get("application/problem+json").is_some());
                    } else {
                        assert!(
                            content.get("application/problem+json").is_none(),
                            "{status}"
                        );
                    }
                }
            }
        }
        assert!(problems > 200, "{problems}");
    }
}
