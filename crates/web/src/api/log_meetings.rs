//! `POST /api/v1/relay-logs/{id}/meetings`: calls a collaboration meeting
//! about a relay log at level 2 or 3, with the same templates, invitees and
//! record as a meeting about a plan (`meetings`). Its access is the log's.

use crate::extractors::id_path::IdPath;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;

use super::json::{ApiError, ApiJson, Created, created};
use super::meetings::MeetingIn;
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// Calls a meeting about a relay log.
#[utoipa::path(
    post,
    operation_id = "createLogMeeting",
    path = "/api/v1/relay-logs/{id}/meetings",
    tag = "meetings",
    params(("id" = String, Path, description = "The relay log's id")),
    request_body = MeetingIn,
    responses(
        (status = 201, description = "Called; `Location` is the meeting's path", body = Created),
        (status = 400, description = "Bad JSON, time or place (`meeting-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the log but not write to it", body = ApiError),
        (status = 404, description = "No such relay log, or not one the caller may read", body = ApiError),
        (status = 409, description = "The log is not open at level 2 or 3 (`meeting-error-log-level`), or an unknown template, leader or invitee (`meeting-error-template`, `meeting-error-leader`, `meeting-error-invitee`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    ApiJson(body): ApiJson<MeetingIn>,
) -> AppResult<Response> {
    let meeting = user
        .access(&state, Purpose::FollowUp)
        .create_log_meeting(&id, body.parse()?)
        .await?;
    Ok(created(&meeting, &format!("/api/v1/meetings/{meeting}")))
}
