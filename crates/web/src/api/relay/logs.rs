//! Reading relay logs: `GET /api/v1/children/{id}/relay-logs`,
//! `GET /api/v1/relay-logs/{id}`, its archive copy and its candidates.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ettlag_core::PersonId;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use serde::Serialize;
use utoipa::ToSchema;

use super::etag;
use super::log_out::RelayLog;
use super::out::LogLine;
use crate::api::json::ApiError;
use crate::api::refs::{StaffRef, UnitRef};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// The header that carries the archive copy's SHA-256 (hex).
pub const ARCHIVE_SHA256: &str = "x-archive-sha256";

/// The relay logs of a child that the caller may see, the open one first.
#[utoipa::path(
    get,
    operation_id = "listRelayLogs",
    path = "/api/v1/children/{id}/relay-logs",
    tag = "relay",
    params(("id" = String, Path, description = "The child's id")),
    responses(
        (status = 200, description = "The logs", body = [LogLine]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "Not a valid id", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
) -> AppResult<Json<Vec<LogLine>>> {
    let lines = user
        .access(&state, Purpose::FollowUp)
        .relay_logs_of(&child)
        .await?;
    Ok(Json(lines.into_iter().map(LogLine::from).collect()))
}

/// A whole relay log, with its version as `ETag`. A log the caller may not
/// see gives exactly the same 404 as an id that names nothing.
#[utoipa::path(
    get,
    operation_id = "getRelayLog",
    path = "/api/v1/relay-logs/{id}",
    tag = "relay",
    params(("id" = String, Path, description = "The log's id")),
    responses(
        (status = 200, description = "The log", body = RelayLog,
         headers(("ETag" = String, description = "The version, `\"<version>\"`"))),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Response> {
    let view = user
        .access(&state, Purpose::FollowUp)
        .relay_log(&id)
        .await?;
    let log = RelayLog::from(&view);
    Ok(([(header::ETAG, etag(log.version))], Json(log)).into_response())
}

/// The archive copy of a closed log: the JSON frozen at closing, byte for
/// byte, with its SHA-256 in `X-Archive-SHA256`. 404 while the log is open.
#[utoipa::path(
    get,
    operation_id = "getRelayLogArchive",
    path = "/api/v1/relay-logs/{id}/archive",
    tag = "relay",
    params(("id" = String, Path, description = "The log's id")),
    responses(
        (status = 200, description = "The archive copy as stored", content_type = "application/json",
         body = Object,
         headers(("X-Archive-SHA256" = String, description = "SHA-256 of the body, hex"))),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such log, not one the caller may see, or not closed", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn archive(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Response> {
    let copy = user
        .access(&state, Purpose::FollowUp)
        .relay_archive(&id)
        .await?;
    // The copy as filed only to a caller who may see all of it.
    let (Some(json), Some(sha256)) = (copy.json, copy.sha256) else {
        return Err(AppError::Conflict("relay-error-archive-withheld".into()));
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::HeaderName::from_static(ARCHIVE_SHA256), sha256),
        ],
        json,
    )
        .into_response())
}

/// Someone who may take the baton or be responsible for a measure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Candidate {
    pub staff: StaffRef,
    pub unit: UnitRef,
}

/// Who may take the baton of a log or be responsible for one of its
/// measures: staff of the units that may receive the child's case, and the
/// holder's unit.
#[utoipa::path(
    get,
    operation_id = "listRelayLogCandidates",
    path = "/api/v1/relay-logs/{id}/candidates",
    tag = "relay",
    params(("id" = String, Path, description = "The log's id")),
    responses(
        (status = 200, description = "The candidates", body = [Candidate]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn candidates(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Json<Vec<Candidate>>> {
    let list = user
        .access(&state, Purpose::FollowUp)
        .case_candidates(&id)
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|c| Candidate {
                staff: c.staff.into(),
                unit: c.unit.into(),
            })
            .collect(),
    ))
}
