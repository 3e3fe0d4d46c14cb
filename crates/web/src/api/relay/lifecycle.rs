//! The level and the end of a relay log: `POST /api/v1/relay-logs/{id}/level`
//! and `POST /api/v1/relay-logs/{id}/close`, by the holder of the baton.

use axum::extract::State;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::ClosingReason;
use ettlag_core::text::{MAX_TEXT, Text, TextError};
use ettlag_db::{LogCommand, now_ms};
use serde::Deserialize;
use utoipa::ToSchema;

use super::codes::ApiClosingReason;
use super::family::{FamilyInformedIn, parse_family};
use super::{IfMatch, RecordedOut, entry_error, level, optional_text, recorded, store_error};
use crate::api::json::{ApiError, ApiJson};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// A change of level, with why.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = LevelChangeRequest)]
pub struct LevelIn {
    /// 1, 2 or 3; otherwise `relay-error-level`.
    #[schema(minimum = 1, maximum = 3)]
    pub level: Option<i64>,
    /// Why: 1 to 4000 characters; blank gives `relay-error-reason`.
    pub reason: Option<String>,
    /// Whether and how the family was told of the change (required).
    pub family_informed: Option<FamilyInformedIn>,
}

/// Moves the log to another level (the holder). Every change is explained.
#[utoipa::path(
    post,
    operation_id = "changeRelayLevel",
    path = "/api/v1/relay-logs/{id}/level",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    request_body = LevelIn,
    responses(
        (status = 200, description = "Changed", body = RecordedOut),
        (status = 400, description = "Bad JSON, level (`relay-error-level`), reason (`relay-error-reason`, `entry-error-…`), or a missing or bad `family_informed` (`family-error-…`); nothing is written", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the log but not change it", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "Not the holder, the same level, or the log is closed", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn change_level(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<LevelIn>,
) -> AppResult<Response> {
    let to = level(body.level)?;
    let reason = Text::parse(body.reason.as_deref().unwrap_or(""), MAX_TEXT).map_err(|e| {
        if e == TextError::Empty {
            AppError::BadRequest("relay-error-reason".into())
        } else {
            entry_error(e)
        }
    })?;
    let family_informed = Some(parse_family(body.family_informed.as_ref(), now_ms())?);
    let command = LogCommand::ChangeLevel {
        to,
        reason: reason.to_string(),
        family_informed,
    };
    let event_id = user
        .access(&state, Purpose::FollowUp)
        .record(&id, command, expected.0)
        .await
        .map_err(store_error)?;
    Ok(recorded(event_id, expected))
}

/// How a log ends.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CloseRequest)]
pub struct CloseIn {
    /// An unknown code gives `relay-error-closing-reason`.
    #[schema(value_type = ApiClosingReason)]
    pub reason: Option<String>,
    pub note: Option<String>,
}

/// Closes the log (the holder, with no offer waiting) and freezes its
/// archive copy.
#[utoipa::path(
    post,
    operation_id = "closeRelayLog",
    path = "/api/v1/relay-logs/{id}/close",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    request_body = CloseIn,
    responses(
        (status = 200, description = "Closed; the archive copy is ready", body = RecordedOut),
        (status = 400, description = "Bad JSON, reason (`relay-error-closing-reason`) or note (`entry-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the log but not close it", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "Not the holder, an offer waits, or the log is closed", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn close(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<CloseIn>,
) -> AppResult<Response> {
    let reason = body
        .reason
        .as_deref()
        .and_then(|r| ClosingReason::from_code(r.trim()))
        .ok_or_else(|| AppError::BadRequest("relay-error-closing-reason".into()))?;
    let note = optional_text(body.note.as_deref(), MAX_TEXT)?;
    let event_id = user
        .access(&state, Purpose::FollowUp)
        .record(&id, LogCommand::Close { reason, note }, expected.0)
        .await
        .map_err(store_error)?;
    Ok(recorded(event_id, expected))
}
