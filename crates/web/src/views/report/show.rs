//! `GET /reports/{id}`: the reporter's receipt, or child welfare's view with
//! the review clock; `POST /reports/{id}/acknowledge` and `/review`: child
//! welfare confirms receipt and records the outcome. The forms carry the
//! version they were filled in against, so two caseworkers cannot overwrite
//! each other.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::Coded;
use ettlag_core::ids::ReportId;
use ettlag_core::policy::Purpose;
use ettlag_core::report::Outcome;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_db::now_ms;

use super::Shown;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Done, Fields};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "report/show.html")]
struct ReportPage {
    c: Chrome,
    r: Shown,
    outcomes: Vec<Choice>,
    note: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &ReportId,
    notice: Option<String>,
    refused: Option<(AppError, Fields)>,
) -> AppResult<Response> {
    let report = user.access(state, Purpose::FollowUp).report(id).await?;
    let (error, fields) = match refused {
        Some((e, fields)) => (Some(e), fields),
        None => (None, Fields::default()),
    };
    let error = error.map(|e| match e {
        // The form sent again after the change it made (a double click, the
        // back button) is out of date because of that change: say which.
        AppError::Stale if report.reviewed_at_ms.is_some() => {
            AppError::Conflict("report-error-reviewed".into())
        }
        AppError::Stale if report.acknowledged_at_ms.is_some() => {
            AppError::Conflict("report-error-acknowledged".into())
        }
        e => e,
    });
    let status = match &error {
        None => StatusCode::OK,
        Some(e @ (AppError::Stale | AppError::Conflict(_))) => e.status(),
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let chosen = fields.get("outcome");
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| Choice::new(o.code(), tr.t(&o.message_key()), chosen == o.code()))
        .collect();
    let page = ReportPage {
        outcomes,
        note: fields.raw("note"),
        notice,
        error: error.map(|e| tr.t(&e.message_key())),
        r: Shown::new(&tr, report, now_ms()),
        c: Chrome::for_user(tr, user, "reports"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<ReportId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = ["sent", "acknowledged", "reviewed"]
        .contains(&done.done.as_str())
        .then(|| tr.t(&format!("report-done-{}", done.done)));
    show(&state, tr, &user, &id, notice, None).await
}

pub async fn acknowledge(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<ReportId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let version = fields.get("version").parse::<i64>().ok();
    let done = user
        .access(&state, Purpose::FollowUp)
        .acknowledge_report(&id, version)
        .await
        .map_err(AppError::from);
    after(&state, tr, &user, &id, done, "acknowledged", fields).await
}

pub async fn review(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<ReportId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let done = async {
        let outcome = Outcome::from_code(&fields.get("outcome"))
            .ok_or_else(|| AppError::BadRequest("report-error-outcome".into()))?;
        let note = match fields.raw("note") {
            n if n.trim().is_empty() => None,
            n => Some(
                Text::parse(&n, MAX_TEXT)
                    .map_err(|e| AppError::BadRequest(e.message_key().into()))?,
            ),
        };
        let version = fields.get("version").parse::<i64>().ok();
        user.access(&state, Purpose::FollowUp)
            .review_report(&id, outcome, note, version)
            .await
            .map_err(AppError::from)
    }
    .await;
    after(&state, tr, &user, &id, done, "reviewed", fields).await
}

/// Back to the report with a notice, or the report again with why the form
/// was refused and what was typed.
async fn after(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &ReportId,
    done: AppResult<()>,
    what: &str,
    fields: Fields,
) -> AppResult<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/reports/{id}?done={what}")).into_response()),
        Err(e @ (AppError::BadRequest(_) | AppError::Conflict(_) | AppError::Stale)) => {
            show(state, tr, user, id, None, Some((e, fields))).await
        }
        Err(e) => Err(e),
    }
}
