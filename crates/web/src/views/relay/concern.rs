//! `GET /concerns/{id}`: a concern with its clock, and `POST
//! /concerns/{id}/decision`: close it, start a relay log at a level (with
//! whether the family was told), or report to child welfare.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::ConcernId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::{ConcernDecision, FamilyInformedDraft, Level};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_db::{Concern, now_ms};

use super::display::{areas, concern_status};
use super::family::{FamilyForm, draft_of, parse_family};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, Errors, Fields};
use crate::views::layout::{Chrome, render};
use crate::views::time::{day, moment};

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
    /// The problem with the form, as the shared error summary.
    errors: Errors,
    note: String,
    /// The decision chosen, kept when the form is shown again.
    decision: String,
    fam: FamilyForm,
}

/// What the decision form sent, shown again when it is refused.
#[derive(Debug, Default)]
struct Sent {
    note: String,
    decision: String,
    family: FamilyInformedDraft,
}

/// A refused decision: why, and the id of the field it is about.
struct Refusal {
    error: AppError,
    field: &'static str,
}

impl Refusal {
    /// Bad input in one field, found before the store is asked.
    fn bad(field: &'static str, key: &str) -> Refusal {
        Refusal {
            error: AppError::BadRequest(key.into()),
            field,
        }
    }
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &ConcernId,
    notice: Option<String>,
    refusal: Option<Refusal>,
    sent: Sent,
) -> AppResult<Response> {
    let (error, field) = match refusal {
        Some(Refusal { error, field }) => (Some(error), field),
        None => (None, "decision"),
    };
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
    let mut errors = Errors::default();
    if let Some(e) = error {
        errors.add(field, tr.t(&e.message_key()));
    }
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
        errors,
        note: sent.note,
        decision: sent.decision,
        fam: FamilyForm::new(&tr, sent.family),
        c: Chrome::for_user(tr, user, "my"),
        concern,
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<ConcernId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = ["raised", "closed", "report"]
        .contains(&done.done.as_str())
        .then(|| tr.t(&format!("concern-done-{}", done.done)));
    show(&state, tr, &user, &id, notice, None, Sent::default()).await
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
    IdPath(id): IdPath<ConcernId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let sent = Sent {
        note: fields.raw("note"),
        decision: fields.get("decision"),
        family: draft_of(&fields),
    };
    let outcome = async {
        let decision = parse_decision(&sent.decision)
            .ok_or_else(|| Refusal::bad("decision", "concern-error-choose"))?;
        let note = if sent.note.trim().is_empty() {
            None
        } else {
            Some(
                Text::parse(&sent.note, MAX_TEXT)
                    .map_err(|e| Refusal::bad("decision-note", e.message_key()))?,
            )
        };
        // Only a start asks for the family; closing or reporting does not.
        let family = match decision {
            ConcernDecision::StartLog(_) => Some(
                parse_family(&sent.family).map_err(|e| Refusal::bad(e.field(), e.message_key()))?,
            ),
            _ => None,
        };
        let version = fields.get("version").parse::<i64>().ok();
        let log = user
            .access(&state, Purpose::FollowUp)
            .decide_concern(&id, decision, family, note, version)
            .await
            .map_err(|e| Refusal {
                error: e.into(),
                field: "decision",
            })?;
        Ok::<_, Refusal>((decision, log))
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
        Err(
            r @ Refusal {
                error: AppError::BadRequest(_) | AppError::Conflict(_) | AppError::Stale,
                ..
            },
        ) => {
            // The store's own refusal of a start without the family points
            // at the fieldset too.
            let r = match &r.error {
                AppError::Conflict(key) if key.starts_with("family-error-") => Refusal {
                    field: "family-told",
                    ..r
                },
                _ => r,
            };
            show(&state, tr, &user, &id, None, Some(r), sent).await
        }
        Err(r) => Err(r.error),
    }
}
