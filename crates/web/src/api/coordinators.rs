//! `/api/v1/children/{id}/coordinators`: a person's coordinator and child
//! coordinator. The coordinating unit reads them, assigns one (which ends
//! the one before of that kind, kept as history) and ends one, with or
//! without a plan; the coordinators themselves read their own.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ettlag_core::plan::CoordinatorKind;
use ettlag_core::policy::Purpose;
use ettlag_core::{Coded, PersonId, StaffId};
use ettlag_db::CoordinatorLine;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiError, ApiJson, Created, created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// A coordinator in force.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoordinatorOut {
    /// `coordinator` or `child_coordinator`.
    pub kind: String,
    pub staff_id: String,
    pub staff_name: String,
    pub assigned_at_ms: i64,
}

impl CoordinatorOut {
    pub(super) fn of(c: CoordinatorLine) -> CoordinatorOut {
        CoordinatorOut {
            kind: c.kind.code().to_string(),
            staff_id: c.staff_id.to_string(),
            staff_name: c.staff_name,
            assigned_at_ms: c.assigned_at_ms,
        }
    }
}

/// A person's coordinators.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoordinatorsOut {
    pub person_id: String,
    pub person_name: String,
    pub coordinators: Vec<CoordinatorOut>,
}

/// An assignment.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoordinatorIn {
    /// `coordinator` or `child_coordinator`.
    pub kind: String,
    pub staff_id: String,
}

fn kind(code: &str) -> AppResult<CoordinatorKind> {
    CoordinatorKind::from_code(code.trim())
        .ok_or_else(|| AppError::BadRequest("plan-error-coordinator-kind".into()))
}

/// Reads a person's coordinators in force.
#[utoipa::path(
    get,
    operation_id = "getCoordinators",
    path = "/api/v1/children/{id}/coordinators",
    tag = "plans",
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The coordinators in force", body = CoordinatorsOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such person, or not one the caller coordinates for", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(person): IdPath<PersonId>,
) -> AppResult<Json<CoordinatorsOut>> {
    let (name, lines) = user
        .access(&state, Purpose::FollowUp)
        .coordinators(&person)
        .await?;
    Ok(Json(CoordinatorsOut {
        person_id: person.to_string(),
        person_name: name,
        coordinators: lines.into_iter().map(CoordinatorOut::of).collect(),
    }))
}

/// Assigns a coordinator or child coordinator; the one before of that kind
/// is ended.
#[utoipa::path(
    post,
    operation_id = "assignCoordinator",
    path = "/api/v1/children/{id}/coordinators",
    tag = "plans",
    params(("id" = String, Path, description = "The person's id")),
    request_body = CoordinatorIn,
    responses(
        (status = 201, description = "Assigned; the id is the person's", body = Created),
        (status = 400, description = "Bad JSON or kind (`plan-error-coordinator-kind`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller sees the person's coordinators but is not the coordinating unit", body = ApiError),
        (status = 404, description = "No such person, or not one the caller coordinates for", body = ApiError),
        (status = 409, description = "The staff member cannot coordinate (`plan-error-coordinator`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn assign(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(person): IdPath<PersonId>,
    ApiJson(body): ApiJson<CoordinatorIn>,
) -> AppResult<Response> {
    let kind = kind(&body.kind)?;
    let staff = StaffId::parse(body.staff_id.trim())
        .ok_or_else(|| AppError::Conflict("plan-error-coordinator".into()))?;
    user.access(&state, Purpose::FollowUp)
        .assign_coordinator(&person, kind, &staff)
        .await?;
    Ok(created(
        person.as_str(),
        &format!("/api/v1/children/{person}/coordinators"),
    ))
}

/// Ends the coordinator or child coordinator in force.
#[utoipa::path(
    delete,
    operation_id = "endCoordinator",
    path = "/api/v1/children/{id}/coordinators/{kind}",
    tag = "plans",
    params(
        ("id" = String, Path, description = "The person's id"),
        ("kind" = String, Path, description = "`coordinator` or `child_coordinator`"),
    ),
    responses(
        (status = 204, description = "Ended; the assignment is kept as history"),
        (status = 400, description = "Unknown kind (`plan-error-coordinator-kind`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller sees the person's coordinators but is not the coordinating unit", body = ApiError),
        (status = 404, description = "No such person, or not one the caller coordinates for", body = ApiError),
        (status = 409, description = "No coordinator of that kind in force (`plan-error-no-coordinator`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn end(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let person = PersonId::parse(id.trim()).ok_or(AppError::NotFound)?;
    let kind = kind(&code)?;
    user.access(&state, Purpose::FollowUp)
        .end_coordinator(&person, kind)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
