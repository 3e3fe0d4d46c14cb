//! `POST /logs/{id}/entries` writes an entry (or a correction), and
//! `GET /logs/{id}/entries/{entry}/correct` shows the form that corrects one.
//! Entries are never changed: a correction is a new entry that supersedes
//! the old one, and both stay in the timeline.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::Coded;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::{EntryDraft, EntryKind};
use ettlag_db::{LogCommand, RelayLogView};

use super::display::{EventLine, event_lines};
use super::log_page::{EntryForm, FormChoices, Problem, form_choices, render_log};
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;
use crate::views::layout::{Chrome, render};

/// An entry draft from a form. The responsible person comes as one choice,
/// `staff|unit`.
pub fn draft_from(fields: &Fields) -> EntryDraft {
    let responsible = fields.get("responsible");
    let (staff, unit) = responsible
        .split_once('|')
        .map(|(s, u)| (s.to_string(), u.to_string()))
        .unwrap_or((responsible.clone(), String::new()));
    EntryDraft {
        kind: fields.get("kind"),
        text: fields.raw("text"),
        areas: fields.all("areas"),
        since: fields.get("since"),
        what: fields.raw("what"),
        responsible: staff,
        responsible_unit: unit,
        start: fields.get("start"),
        evaluate_by: fields.get("evaluate_by"),
        goal: fields.get("goal"),
        measure_type: fields.get("measure_type"),
        measure: fields.get("measure"),
        outcome: fields.get("outcome"),
        learned: fields.raw("learned"),
        next_evaluation: fields.get("next_evaluation"),
        unit: fields.get("unit"),
        task: fields.raw("task"),
        who: fields.raw("who"),
        category: fields.get("category"),
    }
}

/// The version a form was filled in against, if it says.
pub fn version_of(fields: &Fields) -> Option<i64> {
    fields.get("version").parse().ok()
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let draft = draft_from(&fields);
    let supersedes = Some(fields.get("supersedes")).filter(|s| !s.is_empty());
    let result = match draft.parse().and_then(|e| Ok((e, draft.category()?))) {
        Ok((entry, category)) => user
            .access(&state, Purpose::FollowUp)
            .record(
                &id,
                LogCommand::Entry {
                    entry,
                    supersedes: supersedes.clone(),
                    category,
                },
                version_of(&fields),
            )
            .await
            .map_err(AppError::from),
        Err(e) => Err(AppError::BadRequest(e.message_key().into())),
    };
    match result {
        Ok(entry) => Ok(Redirect::to(&format!("/logs/{id}?done=entry#e-{entry}")).into_response()),
        Err(e @ (AppError::BadRequest(_) | AppError::Conflict(_) | AppError::Stale)) => {
            let problem = Problem {
                form: EntryKind::from_code(&draft.kind)
                    .map(|k| k.code().to_string())
                    .unwrap_or_default(),
                message: tr.t(&e.message_key()),
                status: Some(if e == AppError::Stale {
                    StatusCode::PRECONDITION_FAILED
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                }),
                draft,
                ..Problem::default()
            };
            match supersedes {
                Some(old) => correct_page(&state, tr, &user, &id, &old, Some(problem)).await,
                None => render_log(&state, tr, &user, &id, None, problem).await,
            }
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "relay/correct.html")]
struct CorrectPage {
    c: Chrome,
    view: RelayLogView,
    original: EventLine,
    f: EntryForm,
    choices: FormChoices,
}

pub async fn correct(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Path((id, entry)): Path<(String, String)>,
) -> AppResult<Response> {
    let id = RelayLogId::parse(&id).ok_or(AppError::NotFound)?;
    correct_page(&state, tr, &user, &id, &entry, None).await
}

async fn correct_page(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &RelayLogId,
    entry_id: &str,
    problem: Option<Problem>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    let view = access.relay_log(id).await?;
    // A refused correction may meet an entry that is corrected already (the
    // form sent twice, or someone else was quicker): show the problem and
    // what was typed with the form for the newest version, not "not found".
    let mut entry_id = entry_id.to_string();
    if problem.is_some() {
        for _ in 0..view.events.len() {
            let newer = view
                .events
                .iter()
                .find(|e| e.id == entry_id)
                .and_then(|e| e.superseded_by.clone());
            match newer {
                Some(newer) => entry_id = newer,
                None => break,
            }
        }
    }
    let entry_id = entry_id.as_str();
    let Some(event) = view
        .events
        .iter()
        .find(|e| e.id == entry_id && e.superseded_by.is_none())
    else {
        return Err(AppError::NotFound);
    };
    let Some(entry) = event.entry() else {
        return Err(AppError::NotFound);
    };
    let kind = entry.kind();
    let (draft, error, status) = match problem {
        Some(p) => (p.draft, Some(p.message), p.status.unwrap_or(StatusCode::OK)),
        None => (EntryDraft::from(entry), None, StatusCode::OK),
    };
    let candidates = access.case_candidates(id).await?;
    let types = access.measure_types().await?;
    let choices = form_choices(&tr, &view, &candidates, &types, &draft);
    let mut f = EntryForm::new(&tr, kind, draft, error);
    f.supersedes = entry_id.to_string();
    let original = event_lines(&tr, &view)
        .into_iter()
        .find(|l| l.id == entry_id)
        .ok_or(AppError::NotFound)?;
    let page = CorrectPage {
        c: Chrome::for_user(tr, user, "my"),
        view,
        original,
        f,
        choices,
    };
    Ok(render(status, &page))
}
