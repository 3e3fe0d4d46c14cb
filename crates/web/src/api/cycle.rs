//! `/api/v1/cycle`: the annual cycle for leaders. The occurrences of a
//! period of the tasks the caller leads (stored ones with their status, and
//! the planned ones), and marking one done with what was evaluated or
//! learned, or skipped with a reason. Others get an empty list, and the 404
//! of a missing task when they try to mark one.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ettlag_core::Day;
use ettlag_core::cycle::{Audience, Outcome};
use ettlag_core::ids::CycleTaskId;
use ettlag_core::policy::Purpose;
use ettlag_db::now_ms;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::{ApiError, ApiJson, ApiQuery};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// The period: both days included, at most two years; left out, the
/// current calendar year.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// `YYYY-MM-DD` (`error-bad-date`).
    pub from: Option<String>,
    /// `YYYY-MM-DD`, on or after `from` (`cycle-error-period`).
    pub to: Option<String>,
}

/// One occurrence of a task.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = CycleOccurrence)]
pub struct OccurrenceOut {
    pub task_id: String,
    pub title: String,
    pub description: String,
    /// `unit`, `service_type` or `municipality`, with the unit's id or the
    /// service type's code in `ref`.
    #[schema(value_type = Object)]
    pub audience: Audience,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// The day the reminder goes out.
    pub remind_on: String,
    /// `planned`, `open`, `done` or `skipped`.
    pub status: String,
    /// Open or planned and past its due date.
    pub overdue: bool,
    pub note: String,
    pub closed_by: Option<String>,
    pub closed_at_ms: Option<i64>,
}

/// What was evaluated or learned (done), or why it is skipped.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CycleNote)]
pub struct NoteIn {
    pub note: String,
}

fn day(text: Option<&str>, default: Day) -> AppResult<Day> {
    match text.map(str::trim) {
        None | Some("") => Ok(default),
        Some(t) => Day::parse(t).map_err(|e| AppError::BadRequest(e.message_key().into())),
    }
}

/// The occurrences of a period, by due date.
#[utoipa::path(
    get,
    operation_id = "listCycle",
    path = "/api/v1/cycle",
    tag = "cycle",
    params(PeriodQuery),
    responses(
        (status = 200, description = "The occurrences of the tasks the caller leads", body = Vec<OccurrenceOut>),
        (status = 400, description = "Bad date (`error-bad-date`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 409, description = "A period longer than two years or backwards (`cycle-error-period`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> AppResult<Json<Vec<OccurrenceOut>>> {
    let today = Day::from_ms(now_ms());
    let year = today.ymd().0;
    let from = day(q.from.as_deref(), Day::clamped(year, 1, 1))?;
    let to = day(q.to.as_deref(), Day::clamped(year, 12, 31))?;
    let list = user
        .access(&state, Purpose::Steering)
        .cycle_occurrences(from, to)
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|o| OccurrenceOut {
                overdue: matches!(
                    ettlag_core::cycle::standing(o.status, o.due, today),
                    ettlag_core::cycle::Standing::Overdue(_)
                ),
                status: ettlag_core::Coded::code(o.status).to_string(),
                task_id: o.task_id.into_string(),
                title: o.title,
                description: o.description,
                audience: o.audience,
                due: o.due.to_string(),
                remind_on: o.remind_on.to_string(),
                note: o.note,
                closed_by: o.closed_by,
                closed_at_ms: o.closed_at_ms,
            })
            .collect(),
    ))
}

async fn mark(
    state: &AppState,
    user: &ApiUser,
    task: &str,
    due: &str,
    outcome: Result<Outcome, ettlag_core::cycle::CycleError>,
) -> AppResult<Response> {
    let task = CycleTaskId::parse(task).ok_or(AppError::NotFound)?;
    let due = Day::parse(due).map_err(|e| AppError::BadRequest(e.message_key().into()))?;
    let outcome = outcome.map_err(|e| AppError::BadRequest(e.message_key().into()))?;
    user.access(state, Purpose::Steering)
        .mark_cycle_occurrence(&task, due, outcome)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Marks an occurrence done, with what was evaluated or learned. Marking
/// again replaces the mark; both are in the access log.
#[utoipa::path(
    post,
    operation_id = "markCycleDone",
    path = "/api/v1/cycle/{task}/{due}/done",
    tag = "cycle",
    params(
        ("task" = String, Path, description = "The task's id"),
        ("due" = String, Path, description = "The occurrence's due date, `YYYY-MM-DD`"),
    ),
    request_body = NoteIn,
    responses(
        (status = 204, description = "Marked done"),
        (status = 400, description = "Bad JSON, date (`error-bad-date`) or an empty note (`cycle-error-note`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller sees the task but does not mark it (the administrator)", body = ApiError),
        (status = 404, description = "No such task, or not one the caller leads", body = ApiError),
        (status = 409, description = "The task is not due that day (`cycle-error-occurrence`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn done(
    State(state): State<AppState>,
    user: ApiUser,
    Path((task, due)): Path<(String, String)>,
    ApiJson(body): ApiJson<NoteIn>,
) -> AppResult<Response> {
    mark(&state, &user, &task, &due, Outcome::done(&body.note)).await
}

/// Skips an occurrence, with the reason.
#[utoipa::path(
    post,
    operation_id = "markCycleSkipped",
    path = "/api/v1/cycle/{task}/{due}/skip",
    tag = "cycle",
    params(
        ("task" = String, Path, description = "The task's id"),
        ("due" = String, Path, description = "The occurrence's due date, `YYYY-MM-DD`"),
    ),
    request_body = NoteIn,
    responses(
        (status = 204, description = "Skipped"),
        (status = 400, description = "Bad JSON, date (`error-bad-date`) or an empty reason (`cycle-error-note`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller sees the task but does not mark it (the administrator)", body = ApiError),
        (status = 404, description = "No such task, or not one the caller leads", body = ApiError),
        (status = 409, description = "The task is not due that day (`cycle-error-occurrence`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn skip(
    State(state): State<AppState>,
    user: ApiUser,
    Path((task, due)): Path<(String, String)>,
    ApiJson(body): ApiJson<NoteIn>,
) -> AppResult<Response> {
    mark(&state, &user, &task, &due, Outcome::skipped(&body.note)).await
}
