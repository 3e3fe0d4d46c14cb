//! `GET /children/{id}/feedback`: a person's feedback episodes with their
//! alerts, and the form to start one in the staff member's own unit with
//! one of the municipality's packs (`POST`).

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_core::policy::Purpose;
use ettlag_db::{DbError, NewEpisode};

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::extractors::id_path::optional_id;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields, see_other};
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

pub(super) struct Line {
    pub id: String,
    pub unit: String,
    pub started: String,
    pub ended: Option<String>,
    pub answers: usize,
    pub alerts: usize,
}

#[derive(Template)]
#[template(path = "feedback/person.html")]
struct PersonPage {
    c: Chrome,
    person_id: String,
    lines: Vec<Line>,
    units: Vec<Choice>,
    packs: Vec<Choice>,
    error: Option<String>,
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    person: &PersonId,
    error: Option<&'static str>,
) -> AppResult<Response> {
    let access = user.access(state, Purpose::FollowUp);
    let episodes = access.feedback_episodes_of(person).await?;
    let (units, packs) = super::panel::start_choices(state, &access, user, None).await?;
    let page = PersonPage {
        person_id: person.to_string(),
        lines: episodes
            .into_iter()
            .map(|e| Line {
                id: e.id.to_string(),
                unit: e.unit_name,
                started: moment(e.started_at_ms),
                ended: e.ended_at_ms.map(moment),
                answers: e.answers,
                alerts: e.alerts,
            })
            .collect(),
        units,
        packs,
        error: error.map(|k| tr.t(k)),
        c: Chrome::for_user(tr, user, "children"),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    show(&state, tr, &user, &id, None).await
}

pub async fn start(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(person): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let Some(unit) = user
        .actor
        .units
        .iter()
        .find(|u| u.as_str() == fields.get("unit"))
        .cloned()
    else {
        return show(&state, tr, &user, &person, Some("feedback-error-unit")).await;
    };
    let new = NewEpisode {
        person: person.clone(),
        unit,
        pack_id: fields.get("pack"),
        // Started from a relay log or plan page, the episode is linked to it.
        log_id: optional_id(Some(&fields.get("log")), "feedback-error-linked")?,
        plan_id: optional_id(Some(&fields.get("plan")), "feedback-error-linked")?,
    };
    match user
        .access(&state, Purpose::FollowUp)
        .start_feedback_episode(new)
        .await
    {
        Ok(episode) => Ok(see_other(&format!("/feedback/{episode}"), &[])),
        Err(DbError::Refused(key)) => show(&state, tr, &user, &person, Some(key)).await,
        Err(e) => Err(e.into()),
    }
}
