//! The JSON API, versioned under `/api/v1` and described by the OpenAPI 3.1
//! document at `/api/openapi.json`.
//!
//! Callers sign in with a personal token (`Authorization: Bearer …`). Like the
//! pages, every handler reaches personal data only through the caller's access
//! context, so the policy decides and the audit log records each access.
//! Handlers return [`AppError`](crate::error::AppError)s; the `error_pages`
//! middleware renders them as problems (`application/problem+json`) for paths under
//! `/api/`. Request and response bodies are the API's own types (in this
//! module tree), so that storage models can change without changing the API.

mod children;
mod codes;
mod consents;
mod coordination;
mod coordinators;
mod cycle;
mod enrolments;
mod feedback;
mod fhir;
mod intake;
mod json;
mod log_meetings;
mod measure_types;
mod meetings;
mod openapi;
mod persons;
mod plans;
mod refs;
mod relations;
mod relay;
mod reports;
mod staff;
mod units;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use ettlag_core::Role;
use ettlag_core::policy::Purpose;

pub use json::{ApiError, problem};
pub use openapi::ApiDoc;

use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// The largest JSON body the API reads; its bodies are small records.
const MAX_JSON: usize = 64 * 1024;

/// The API's routes: `/api/v1/…` and `/api/openapi.json`.
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/children", get(children::list))
        .route("/persons", post(persons::create))
        .route("/persons/{id}", get(persons::show))
        .route("/persons/{child_id}/relations", post(relations::create))
        .route("/persons/{child_id}/enrolments", post(enrolments::create))
        .route("/units", get(units::list).post(units::create))
        .route("/measure-types", get(measure_types::list))
        .route("/staff", get(staff::list))
        .merge(relay::routes())
        .merge(consents::routes())
        .merge(reports::routes())
        .merge(intake::routes())
        .merge(fhir::routes())
        .route("/cycle", get(cycle::list))
        .route("/cycle/{task}/{due}/done", post(cycle::done))
        .route("/cycle/{task}/{due}/skip", post(cycle::skip))
        .merge(feedback::routes())
        .route("/plans/{id}", get(plans::show))
        .route("/children/{id}/plan", post(plans::create))
        .route("/plans/{id}/revisions", post(plans::revise))
        .route("/plans/{id}/meetings", post(meetings::create))
        .route("/meetings/{id}", get(meetings::show))
        .route("/meetings/{id}/attendance", post(meetings::attendance))
        .route("/meetings/{id}/minutes", post(meetings::minute))
        .route("/meetings/{id}/decisions", post(meetings::decision))
        .route("/meetings/{id}/action-items", post(meetings::action_item))
        .route("/meetings/{id}/invitation.ics", get(meetings::invitation))
        .merge(coordination_routes())
        .layer(DefaultBodyLimit::max(MAX_JSON));
    Router::new()
        .nest("/api/v1", v1)
        .route("/api/openapi.json", get(openapi::document))
}

/// Coordinators, the caseload, the coordinating unit's overview and
/// meetings about a relay log.
fn coordination_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/children/{id}/coordinators",
            get(coordinators::show).post(coordinators::assign),
        )
        .route(
            "/children/{id}/coordinators/{kind}",
            axum::routing::delete(coordinators::end),
        )
        .route("/my/caseload", get(coordination::caseload))
        .route("/coordination", get(coordination::overview))
        .route("/relay-logs/{id}/meetings", post(log_meetings::create))
}

/// The purpose of a read, as the pages choose it: an administrator without a
/// unit of their own maintains the register; everyone else follows up
/// the children of their units.
fn read_purpose(user: &ApiUser) -> Purpose {
    if user.actor.roles.has(Role::Admin) && user.actor.units.is_empty() {
        Purpose::Administration
    } else {
        Purpose::FollowUp
    }
}

/// Writes to the register are always register maintenance; the policy refuses
/// them to anyone who is not an administrator.
const WRITE_PURPOSE: Purpose = Purpose::Administration;
