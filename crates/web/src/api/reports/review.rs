//! Child welfare's side of a report: `POST /api/v1/reports/{id}/acknowledge`
//! confirms receipt (the reporter's receipt shows it), `POST
//! /api/v1/reports/{id}/review` records the outcome and stops the clock. The
//! reporter may read the report but not change it: 403.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_core::ids::ReportId;
use ettlag_core::policy::Purpose;
use ettlag_core::report::Outcome;
use ettlag_core::text::MAX_TEXT;
use serde::Deserialize;
use utoipa::ToSchema;

use super::out::{ApiOutcome, Report};
use super::{answer, store_error};
use crate::api::json::{ApiError, ApiJson};
use crate::api::relay::{IfMatch, optional_text};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// Child welfare's review of a report.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReportReview)]
pub struct ReviewIn {
    /// An unknown or missing code gives `report-error-outcome`.
    #[schema(value_type = ApiOutcome)]
    pub outcome: Option<String>,
    /// Child welfare's own note, never shown to the reporter: up to 4000
    /// characters (`entry-error-…`).
    #[serde(default)]
    pub note: Option<String>,
}

/// Child welfare confirms it has received the report.
#[utoipa::path(
    post,
    operation_id = "acknowledgeReport",
    path = "/api/v1/reports/{id}/acknowledge",
    tag = "reports",
    params(
        ("id" = String, Path, description = "The report's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the report as read"),
    ),
    responses(
        (status = 200, description = "Acknowledged: the report as it is now", body = Report,
         headers(("ETag" = String, description = "The new version"))),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller sent the report: they read it, child welfare acknowledges it", body = ApiError),
        (status = 404, description = "No such report, or not one the caller may see", body = ApiError),
        (status = 409, description = "Already acknowledged (`report-error-acknowledged`)", body = ApiError),
        (status = 412, description = "The report changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn acknowledge(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ReportId>,
    expected: IfMatch,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    access
        .acknowledge_report(&id, expected.0)
        .await
        .map_err(store_error)?;
    Ok(answer(StatusCode::OK, access.report(&id).await?))
}

/// Child welfare's review: an investigation starts, or the report is closed
/// after review. A review also acknowledges a report not yet acknowledged.
#[utoipa::path(
    post,
    operation_id = "reviewReport",
    path = "/api/v1/reports/{id}/review",
    tag = "reports",
    params(
        ("id" = String, Path, description = "The report's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the report as read"),
    ),
    request_body = ReviewIn,
    responses(
        (status = 200, description = "Reviewed: the report as it is now", body = Report,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Bad JSON, outcome (`report-error-outcome`) or note (`entry-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller sent the report: they read it, child welfare reviews it", body = ApiError),
        (status = 404, description = "No such report, or not one the caller may see", body = ApiError),
        (status = 409, description = "Already reviewed (`report-error-reviewed`)", body = ApiError),
        (status = 412, description = "The report changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn review(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ReportId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<ReviewIn>,
) -> AppResult<Response> {
    let outcome = body
        .outcome
        .as_deref()
        .and_then(Outcome::from_code)
        .ok_or_else(|| AppError::BadRequest("report-error-outcome".into()))?;
    let note = optional_text(body.note.as_deref(), MAX_TEXT)?;
    let access = user.access(&state, Purpose::FollowUp);
    access
        .review_report(&id, outcome, note, expected.0)
        .await
        .map_err(store_error)?;
    Ok(answer(StatusCode::OK, access.report(&id).await?))
}
