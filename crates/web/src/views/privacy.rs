//! `/privacy`: the privacy officer handles a person's request to restrict
//! processing (GDPR art. 18). The national identity number is sent by POST
//! and never put in an address; the person's page is addressed by id.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Coded, NationalId, PersonId};
use ettlag_db::RestrictionStatus;

use super::layout::{Chrome, render};
use super::time::moment;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, Fields};

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    c: Chrome,
    status: Option<RestrictionStatus>,
    kind_label: String,
    since: String,
    nin: String,
    reason: String,
    notice: Option<String>,
    error: Option<String>,
}

const PURPOSE: Purpose = Purpose::PrivacyReview;

fn require_officer(user: &CurrentUser) -> AppResult<()> {
    // The store decides every lookup and change too; this only spares others
    // a page they cannot use.
    if user.offers().review_access_log {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn page(tr: Tr, user: &CurrentUser, status: Option<RestrictionStatus>) -> PrivacyPage {
    PrivacyPage {
        kind_label: status
            .as_ref()
            .map(|s| tr.t(&s.person.kind.message_key()))
            .unwrap_or_default(),
        since: status
            .as_ref()
            .and_then(|s| s.restricted_at_ms)
            .map(moment)
            .unwrap_or_default(),
        status,
        nin: String::new(),
        reason: String::new(),
        notice: None,
        error: None,
        c: Chrome::for_user(tr, user, "privacy"),
    }
}

pub async fn get(tr: Tr, user: CurrentUser) -> AppResult<Response> {
    require_officer(&user)?;
    Ok(render(StatusCode::OK, &page(tr, &user, None)))
}

/// `POST /privacy/find`: look a person up by national identity number.
pub async fn find(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_officer(&user)?;
    let fields = Fields::parse(&body)?;
    let typed = fields.get("nin");
    let found = match NationalId::parse(&typed) {
        Ok(nin) => user
            .access(&state, PURPOSE)
            .person_for_privacy(&nin)
            .await
            .map_err(AppError::from),
        Err(e) => Err(AppError::BadRequest(e.message_key().into())),
    };
    match found {
        Ok(status) => {
            Ok(Redirect::to(&format!("/privacy/persons/{}", status.person.id)).into_response())
        }
        Err(e @ (AppError::BadRequest(_) | AppError::NotFound)) => {
            let mut p = page(tr, &user, None);
            p.error = Some(tr.t(&e.message_key()));
            p.nin = typed;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e),
    }
}

pub async fn person(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    require_officer(&user)?;
    let status = user.access(&state, PURPOSE).restriction_of(&id).await?;
    let notice = ["restricted", "lifted"]
        .contains(&done.done.as_str())
        .then(|| tr.t(&format!("privacy-done-{}", done.done)));
    let mut p = page(tr, &user, Some(status));
    p.notice = notice;
    Ok(render(StatusCode::OK, &p))
}

/// `POST /privacy/persons/{id}/restriction`: restrict (with a reason) or lift.
pub async fn restrict(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PersonId>,
    body: Bytes,
) -> AppResult<Response> {
    require_officer(&user)?;
    let fields = Fields::parse(&body)?;
    let access = user.access(&state, PURPOSE);
    let (reason, done) = match fields.get("action").as_str() {
        "lift" => (None, "lifted"),
        _ => match Text::parse(&fields.raw("reason"), MAX_TEXT) {
            Ok(reason) => (Some(reason), "restricted"),
            Err(e) => {
                let status = access.restriction_of(&id).await?;
                let mut p = page(tr, &user, Some(status));
                p.error = Some(tr.t(e.message_key()));
                p.reason = fields.raw("reason");
                return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p));
            }
        },
    };
    access.set_restriction(&id, reason).await?;
    Ok(Redirect::to(&format!("/privacy/persons/{id}?done={done}")).into_response())
}
