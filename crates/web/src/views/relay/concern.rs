//! `GET /concerns/{id}`: a concern with its clock, and `POST
//! /concerns/{id}/decision`: close it, start a relay log at a level, or
//! report to child welfare.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::policy::Purpose;
use ettlag_core::relay::{ConcernDecision, Level, Text, entry::MAX_TEXT};
use ettlag_db::{Concern, now_ms};

use super::display::{areas, concern_status};
use super::time::{day, moment};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::admin::form::{Done, Fields};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "relay/concern.html")]
struct ConcernPage {
    c: Chrome,
    concern: Concern,
    raised_at: String,
    deadline: String,
    since: String,
    areas: String,
    status: String,
    overdue: bool,
    /// The decision was to report to child welfare.
    reported: bool,
    notice: Option<String>,
    error: Option<String>,
    note: String,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &str,
    notice: Option<String>,
    error: Option<AppError>,
    note: String,
) -> AppResult<Response> {
    let concern = user.access(state, Purpose::FollowUp).concern(id).await?;
    let now = now_ms();
    let overdue = concern.decision.is_none() && now > concern.deadline_ms;
    let error = error.map(|e| match e {
        // The form sent again after the decision (a double click, the back
        // button) is out of date because of that decision: say so.
        AppError::Stale if concern.decision.is_some() => {
            AppError::Conflict("concern-error-decided".into())
        }
        e => e,
    });
    let status = match &error {
        None => StatusCode::OK,
        Some(AppError::Stale) => StatusCode::PRECONDITION_FAILED,
        // A refused form is shown again with the reason, like the log's forms.
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let error = error.map(|e| tr.t(&e.message_key()));
    let page = ConcernPage {
        raised_at: moment(concern.raised_at_ms),
        deadline: moment(concern.deadline_ms),
        since: concern.since.map(day).unwrap_or_default(),
        areas: areas(&tr, &concern.areas),
        status: concern_status(&tr, &concern, now),
        overdue,
        reported: concern
            .decision
            .as_ref()
            .is_some_and(|d| d.decision == ConcernDecision::ReportToChildWelfare),
        notice,
        error,
        note,
        c: Chrome::for_user(tr, user, "my"),
        concern,
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = ["raised", "closed", "report"]
        .contains(&done.done.as_str())
        .then(|| tr.t(&format!("concern-done-{}", done.done)));
    show(&state, tr, &user, &id, notice, None, String::new()).await
}

/// The decision as the form sends it: `close`, `report`, or `level-1` … `level-3`.
fn parse_decision(value: &str) -> Option<ConcernDecision> {
    match value {
        "close" => Some(ConcernDecision::Close),
        "report" => Some(ConcernDecision::ReportToChildWelfare),
        other => other
            .strip_prefix("level-")
            .and_then(|n| n.parse::<u8>().ok())
            .and_then(|n| Level::try_from(n).ok())
            .map(ConcernDecision::StartLog),
    }
}

pub async fn decide(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path(id): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let note_text = fields.raw("note");
    let outcome = async {
        let decision = parse_decision(&fields.get("decision"))
            .ok_or(AppError::BadRequest("concern-error-choose".into()))?;
        let note = if note_text.trim().is_empty() {
            None
        } else {
            Some(
                Text::parse(&note_text, MAX_TEXT)
                    .map_err(|e| AppError::BadRequest(e.message_key().into()))?,
            )
        };
        let version = fields.get("version").parse::<i64>().ok();
        let log = user
            .access(&state, Purpose::FollowUp)
            .decide_concern(&id, decision, note, version)
            .await?;
        Ok::<_, AppError>((decision, log))
    }
    .await;
    match outcome {
        Ok((_, Some(log))) => Ok(Redirect::to(&format!("/logs/{log}?done=opened")).into_response()),
        Ok((decision, None)) => {
            let done = if decision == ConcernDecision::ReportToChildWelfare {
                "report"
            } else {
                "closed"
            };
            Ok(Redirect::to(&format!("/concerns/{id}?done={done}")).into_response())
        }
        Err(e @ (AppError::BadRequest(_) | AppError::Conflict(_) | AppError::Stale)) => {
            show(&state, tr, &user, &id, None, Some(e), note_text).await
        }
        Err(e) => Err(e),
    }
}
