//! `POST /api/v1/persons/{child_id}/enrolments`: a child's place in a unit.

use axum::extract::State;
use axum::response::Response;
use ettlag_core::{PersonId, UnitId};
use serde::Deserialize;
use utoipa::ToSchema;

use super::WRITE_PURPOSE;
use super::json::{ApiError, ApiJson, Created, check_date, created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// A unit the child in the path belongs to from a date.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewEnrolment)]
pub struct NewEnrolmentIn {
    pub unit_id: String,
    /// The first day, `YYYY-MM-DD`.
    #[schema(format = Date, example = "2025-08-15")]
    pub from_date: String,
}

/// Enrols a child in a unit from a date (administrators). The answer's id is
/// the child's: the enrolment shows in the child's detail.
#[utoipa::path(
    post,
    operation_id = "addEnrolment",
    path = "/api/v1/persons/{child_id}/enrolments",
    tag = "persons",
    params(("child_id" = String, Path, description = "The child's id")),
    request_body = NewEnrolmentIn,
    responses(
        (status = 201, description = "Enrolled; `Location` is the child's path", body = Created),
        (status = 400, description = "Bad JSON or a bad date (`error-bad-date`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller is not an administrator", body = ApiError),
        (status = 404, description = "No such child, or no such unit", body = ApiError),
        (status = 409, description = "Already enrolled there from that date", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
    ApiJson(new): ApiJson<NewEnrolmentIn>,
) -> AppResult<Response> {
    let from_date = check_date(new.from_date.trim())?;
    let unit = UnitId::parse(&new.unit_id).ok_or(AppError::NotFound)?;
    user.access(&state, WRITE_PURPOSE)
        .enrol(&child, &unit, &from_date)
        .await?;
    Ok(created(
        child.as_str(),
        &format!("/api/v1/persons/{}", child.as_str()),
    ))
}
