//! The caller's desk: `GET /api/v1/me/work` and
//! `POST /api/v1/me/notifications/{key}/read`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use ettlag_core::policy::Purpose;
use serde::Serialize;
use utoipa::ToSchema;

use super::out::LogLine;
use crate::api::json::ApiError;
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// The longest notification key we look up.
const MAX_KEY: usize = 200;

/// A concern the caller raised that waits for a decision.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConcernLine {
    pub id: String,
    pub child_id: String,
    pub child_name: String,
    pub raised_at_ms: i64,
    /// When a decision is due.
    pub deadline_ms: i64,
}

/// A reminder for the caller.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Notification {
    /// Marks it read: `POST /api/v1/me/notifications/{key}/read`.
    pub key: String,
    /// `concern_deadline` or `evaluation_due`.
    pub kind: String,
    pub child_id: String,
    pub child_name: String,
    pub log_id: Option<String>,
    pub concern_id: Option<String>,
    /// What it is about: a measure's text, a date.
    pub detail: String,
    pub created_at_ms: i64,
}

/// What needs the caller now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyWork {
    /// Batons offered to the caller, waiting for an answer.
    pub offers: Vec<LogLine>,
    /// The open logs the caller holds, overdue evaluations first.
    pub logs: Vec<LogLine>,
    /// Concerns the caller raised that wait for a decision, nearest deadline first.
    pub concerns: Vec<ConcernLine>,
    /// Unread reminders, newest first.
    pub notifications: Vec<Notification>,
}

impl From<ettlag_db::MyWork> for MyWork {
    fn from(w: ettlag_db::MyWork) -> Self {
        MyWork {
            offers: w.offers.into_iter().map(Into::into).collect(),
            logs: w.logs.into_iter().map(Into::into).collect(),
            concerns: w
                .concerns
                .into_iter()
                .map(|c| ConcernLine {
                    id: c.id.to_string(),
                    child_id: c.child_id.into_string(),
                    child_name: c.child_name,
                    raised_at_ms: c.raised_at_ms,
                    deadline_ms: c.deadline_ms,
                })
                .collect(),
            notifications: w
                .notifications
                .into_iter()
                .map(|n| Notification {
                    key: n.key,
                    kind: n.kind,
                    child_id: n.child_id.into_string(),
                    child_name: n.child_name,
                    log_id: n.log_id.map(|id| id.to_string()),
                    concern_id: n.concern_id.map(|id| id.to_string()),
                    detail: n.detail,
                    created_at_ms: n.created_at_ms,
                })
                .collect(),
        }
    }
}

/// The caller's desk: offers waiting for them, the logs they hold, their
/// concerns waiting for a decision, and unread reminders.
#[utoipa::path(
    get,
    operation_id = "getMyWork",
    path = "/api/v1/me/work",
    tag = "relay",
    responses(
        (status = 200, description = "The desk", body = MyWork),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn work(State(state): State<AppState>, user: ApiUser) -> AppResult<Json<MyWork>> {
    let work = user.access(&state, Purpose::FollowUp).my_work().await?;
    Ok(Json(work.into()))
}

/// Marks one of the caller's reminders as read. Marking one that is already
/// read, or that is not the caller's, changes nothing.
#[utoipa::path(
    post,
    operation_id = "readNotification",
    path = "/api/v1/me/notifications/{key}/read",
    tag = "relay",
    params(("key" = String, Path, description = "The reminder's key")),
    responses(
        (status = 204, description = "Read"),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "Not a valid key", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn read_notification(
    State(state): State<AppState>,
    user: ApiUser,
    Path(key): Path<String>,
) -> AppResult<StatusCode> {
    if key.is_empty() || key.len() > MAX_KEY || key.chars().any(char::is_control) {
        return Err(AppError::NotFound);
    }
    user.access(&state, Purpose::FollowUp)
        .mark_notification_read(&key)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
