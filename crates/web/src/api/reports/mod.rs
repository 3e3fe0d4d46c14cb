//! `/api/v1/reports`: reports to child welfare under the duty to report.
//!
//! A staff member who knows the child through their work sends a report
//! without consent (`POST /reports`); child welfare reads its queue,
//! acknowledges receipt and records the outcome of its review within a week
//! (`POST /reports/{id}/acknowledge`, `/review`); the reporter reads their
//! own receipt, never child welfare's note. `GET /reports` answers both lists
//! at once: `queue` (child welfare's) and `sent` (the caller's receipts).
//!
//! Input is parsed with the core rules first, so a bad field is a 400 with
//! its precise message id and nothing is written. Changes honour
//! `If-Match: "<version>"` (412 when stale).

pub(super) mod out;
pub(super) mod review;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ettlag_core::ids::ReportId;
use ettlag_core::policy::Purpose;
use ettlag_core::report::ReportDraft;
use ettlag_core::{PersonId, UnitId};
use ettlag_db::{DbError, NewReport, now_ms};
use serde::Deserialize;
use utoipa::ToSchema;

use out::{ApiGround, ListsOut, Report};

use super::json::{ApiError, ApiJson};
use super::relay::etag;
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// The report routes, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reports", get(list).post(create))
        .route("/reports/{id}", get(show))
        .route("/reports/{id}/acknowledge", post(review::acknowledge))
        .route("/reports/{id}/review", post(review::review))
}

/// A report as the reporter sends it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewReport)]
pub struct NewReportIn {
    /// The child the report is about.
    pub child_id: String,
    /// At least one ground of the law, by code or letter `a`–`d`
    /// (`report-error-ground`, `report-error-unknown-ground`).
    #[serde(default)]
    #[schema(value_type = Vec<ApiGround>)]
    pub grounds: Vec<String>,
    /// What the reporter has seen or heard: 1 to 4000 characters
    /// (`report-error-text`, `report-error-too-long`, `report-error-bad-text`).
    #[serde(default)]
    #[schema(example = "Ada hadde blåmerker på begge armene mandag og sa at hun ikke ville hjem.")]
    pub text: String,
    /// The child welfare unit; may be left out when the municipality has one.
    #[serde(default)]
    pub receiving_unit_id: Option<String>,
    /// The concern about the same child that the report comes from.
    #[serde(default)]
    pub concern_id: Option<String>,
}

impl NewReportIn {
    fn parse(&self) -> Result<NewReport, AppError> {
        let bad = |key: &str| AppError::BadRequest(key.to_string());
        let draft =
            ReportDraft::parse(&self.grounds, &self.text).map_err(|e| bad(e.message_key()))?;
        let receiving_unit = match self.receiving_unit_id.as_deref().map(str::trim) {
            Some(u) if !u.is_empty() => {
                Some(UnitId::parse(u).ok_or_else(|| bad("report-error-receiver"))?)
            }
            _ => None,
        };
        let concern = match self.concern_id.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => Some(
                ettlag_core::ids::ConcernId::parse(c).ok_or_else(|| bad("report-error-concern"))?,
            ),
            _ => None,
        };
        // An id that could name no child is the same 404 as a hidden child.
        let child = PersonId::parse(self.child_id.trim()).ok_or(AppError::NotFound)?;
        Ok(NewReport {
            child,
            draft,
            receiving_unit,
            concern,
        })
    }
}

/// A refusal about the input itself (a concern about another child) is a 400
/// like the same mistake caught before the store; the others are conflicts
/// with the municipality's or the report's state.
fn store_error(e: DbError) -> AppError {
    match e {
        DbError::Refused(key @ "report-error-concern") => AppError::BadRequest(key.into()),
        other => other.into(),
    }
}

/// 200 or 201 with the report and its version as `ETag`.
fn answer(status: StatusCode, report: ettlag_db::Report) -> Response {
    let tag = etag(report.version);
    let body = Json(Report::of(report, now_ms()));
    if status == StatusCode::CREATED {
        let location = format!("/api/v1/reports/{}", body.0.id);
        (
            status,
            [(header::LOCATION, location), (header::ETAG, tag)],
            body,
        )
            .into_response()
    } else {
        (status, [(header::ETAG, tag)], body).into_response()
    }
}

/// Sends a report to child welfare. No consent is needed, even when the
/// child's processing is restricted; the access log records it with its legal
/// basis, and child welfare's one-week review clock starts.
#[utoipa::path(
    post,
    operation_id = "sendReport",
    path = "/api/v1/reports",
    tag = "reports",
    request_body = NewReportIn,
    responses(
        (status = 201, description = "Sent; `Location` is the report's path, the body the reporter's receipt", body = Report,
         headers(("ETag" = String, description = "The version, `\"<version>\"`"))),
        (status = 400, description = "Bad JSON, grounds (`report-error-ground`, `report-error-unknown-ground`), text (`report-error-text`, `report-error-too-long`, `report-error-bad-text`), unit id (`report-error-receiver`) or a concern not about this child (`report-error-concern`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such child, or not one the caller knows through their work", body = ApiError),
        (status = 409, description = "No child welfare unit in the municipality (`report-error-no-child-welfare`), or the unit is not one, or there are several and none was named (`report-error-receiver`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewReportIn>,
) -> AppResult<Response> {
    let new = body.parse()?;
    let report = user
        .access(&state, Purpose::FollowUp)
        .make_report(new)
        .await
        .map_err(store_error)?;
    Ok(answer(StatusCode::CREATED, report))
}

/// Child welfare's queue and the caller's own receipts. Each report listed
/// is recorded in the access log.
#[utoipa::path(
    get,
    operation_id = "listReports",
    path = "/api/v1/reports",
    tag = "reports",
    responses(
        (status = 200, description = "The two lists", body = ListsOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>, user: ApiUser) -> AppResult<Json<ListsOut>> {
    let access = user.access(&state, Purpose::FollowUp);
    let now = now_ms();
    let all = |reports: Vec<ettlag_db::Report>| -> Vec<Report> {
        reports.into_iter().map(|r| Report::of(r, now)).collect()
    };
    Ok(Json(ListsOut {
        queue: all(access.report_queue().await?),
        sent: all(access.my_reports().await?),
    }))
}

/// One report, with its version as `ETag`: for child welfare, and as a
/// receipt for the one who sent it. Anyone else gets exactly the same 404 as
/// for an id that names nothing.
#[utoipa::path(
    get,
    operation_id = "getReport",
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's id")),
    responses(
        (status = 200, description = "The report", body = Report,
         headers(("ETag" = String, description = "The version, `\"<version>\"`"))),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such report, or not one the caller may see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ReportId>,
) -> AppResult<Response> {
    let report = user.access(&state, Purpose::FollowUp).report(&id).await?;
    Ok(answer(StatusCode::OK, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(grounds: &[&str], text: &str) -> NewReportIn {
        NewReportIn {
            child_id: "child-1".into(),
            grounds: grounds.iter().map(|g| g.to_string()).collect(),
            text: text.into(),
            receiving_unit_id: None,
            concern_id: None,
        }
    }

    #[test]
    fn bad_input_has_its_precise_key() {
        let bad = |key: &str| Err(AppError::BadRequest(key.into()));
        assert_eq!(
            input(&[], "x").parse().map(|_| ()),
            bad("report-error-ground")
        );
        assert_eq!(
            input(&["e"], "x").parse().map(|_| ()),
            bad("report-error-unknown-ground")
        );
        assert_eq!(
            input(&["a"], " ").parse().map(|_| ()),
            bad("report-error-text")
        );
        let mut unit = input(&["a"], "x");
        unit.receiving_unit_id = Some("not a unit".into());
        assert_eq!(unit.parse().map(|_| ()), bad("report-error-receiver"));
        let mut child = input(&["a"], "x");
        child.child_id = "../etc".into();
        assert_eq!(child.parse().map(|_| ()), Err(AppError::NotFound));
        assert!(input(&["a", "trafficking"], "Sett").parse().is_ok());
        assert_eq!(
            store_error(DbError::Refused("report-error-concern")),
            AppError::BadRequest("report-error-concern".into())
        );
        assert_eq!(
            store_error(DbError::Refused("report-error-receiver")),
            AppError::Conflict("report-error-receiver".into())
        );
    }
}
