//! `GET /children/{id}/concerns/new` and its `POST`: a staff member writes
//! down what they wonder about (level 0), and the clock starts.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::policy::Purpose;
use ettlag_core::relay::{DevelopmentArea, Entry, EntryDraft, EntryKind};
use ettlag_core::{Coded, PersonId, UnitId};
use ettlag_db::{NewConcern, PersonDetail};

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "relay/concern_new.html")]
struct ConcernNewPage {
    c: Chrome,
    child_id: String,
    child_name: String,
    units: Vec<Choice>,
    areas: Vec<Choice>,
    text: String,
    since: String,
    error: Option<String>,
}

/// The actor's units where the child is enrolled now.
fn own_units(user: &CurrentUser, detail: &PersonDetail) -> Vec<(UnitId, String)> {
    detail
        .enrolments
        .iter()
        .filter(|e| e.to_date.is_none() && user.actor.units.contains(&e.unit_id))
        .map(|e| (e.unit_id.clone(), e.unit_name.clone()))
        .collect()
}

fn page(
    tr: Tr,
    user: &CurrentUser,
    detail: &PersonDetail,
    fields: &Fields,
    error: Option<String>,
) -> ConcernNewPage {
    let chosen_unit = fields.get("unit");
    let chosen_areas = fields.all("areas");
    ConcernNewPage {
        units: own_units(user, detail)
            .into_iter()
            .map(|(id, name)| Choice::new(id.as_str(), name, chosen_unit == id.as_str()))
            .collect(),
        areas: DevelopmentArea::ALL
            .iter()
            .map(|a| {
                Choice::new(
                    a.code(),
                    tr.t(&a.message_key()),
                    chosen_areas.iter().any(|c| c == a.code()),
                )
            })
            .collect(),
        child_id: detail.person.id.to_string(),
        child_name: format!("{} {}", detail.person.given_name, detail.person.family_name),
        text: fields.raw("text"),
        since: fields.get("since"),
        error,
        c: Chrome::for_user(tr, user, "children"),
    }
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Response> {
    let detail = user.access(&state, Purpose::FollowUp).person(&id).await?;
    Ok(render(
        StatusCode::OK,
        &page(tr, &user, &detail, &Fields::default(), None),
    ))
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let access = user.access(&state, Purpose::FollowUp);
    let draft = EntryDraft {
        kind: EntryKind::Concern.code().into(),
        text: fields.raw("text"),
        areas: fields.all("areas"),
        since: fields.get("since"),
        ..EntryDraft::default()
    };
    let parsed = match draft.parse() {
        Ok(Entry::Concern { text, areas, since }) => Ok((text, areas, since)),
        Ok(_) => Err("entry-error-kind"),
        Err(e) => Err(e.message_key()),
    };
    let unit = UnitId::parse(&fields.get("unit"));
    let result = match parsed {
        Ok((text, areas, since)) => access
            .raise_concern(NewConcern {
                child: id.clone(),
                unit,
                text,
                areas,
                since,
            })
            .await
            .map_err(AppError::from),
        Err(key) => Err(AppError::BadRequest(key.to_string())),
    };
    match result {
        Ok(concern) => {
            Ok(Redirect::to(&format!("/concerns/{concern}?done=raised")).into_response())
        }
        Err(AppError::BadRequest(key) | AppError::Conflict(key)) => {
            let detail = access.person(&id).await?;
            let message = tr.t(&key);
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(tr, &user, &detail, &fields, Some(message)),
            ))
        }
        Err(e) => Err(e),
    }
}
