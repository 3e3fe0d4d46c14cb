//! `/emergency`: when and how to take break-the-glass access, the form
//! (national identity number, reason, password again), and the user's own
//! accesses with a button to end one early. The number goes by POST and
//! never into an address; the child's page is addressed by id.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::EmergencyAccessId;
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{NationalId, PersonId};
use ettlag_db::{DbError, EmergencyAccess, now_ms};

use super::reauth::{self, Reauth};
use super::{require_works_with_children, status_key, until_text};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, Errors, Fields};
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

const PURPOSE: Purpose = Purpose::FollowUp;

/// One of the user's own accesses as listed.
#[derive(Debug)]
struct Line {
    id: EmergencyAccessId,
    child_id: PersonId,
    child_name: String,
    reason: String,
    granted: String,
    until: String,
    status: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "emergency/take.html")]
struct TakePage {
    c: Chrome,
    nin: String,
    reason: String,
    errors: Errors,
    notice: Option<String>,
    mine: Vec<Line>,
}

fn line(tr: &Tr, e: EmergencyAccess, now: i64) -> Line {
    Line {
        status: tr.t(status_key(&e, now)),
        active: e.is_active(now),
        granted: moment(e.granted_at_ms),
        until: until_text(e.expires_at_ms, now),
        id: e.id,
        child_id: e.child_id,
        // Once the access is over, the child may no longer be named here.
        child_name: if e.child_name.is_empty() {
            tr.t("emergency-child-not-shown")
        } else {
            e.child_name
        },
        reason: e.reason,
    }
}

async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    status: StatusCode,
    fields: &Fields,
    errors: Errors,
    notice: Option<String>,
) -> AppResult<Response> {
    let now = now_ms();
    let mine = user
        .access(state, PURPOSE)
        .my_emergency_accesses()
        .await?
        .into_iter()
        .map(|e| line(&tr, e, now))
        .collect();
    let page = TakePage {
        nin: fields.get("nin"),
        reason: fields.raw("reason").chars().take(MAX_TEXT).collect(),
        errors,
        notice,
        mine,
        c: Chrome::for_user(tr, user, "children"),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    require_works_with_children(&user)?;
    let notice = (done.done == "ended").then(|| tr.t("emergency-done-ended"));
    let fields = Fields::default();
    show(
        &state,
        tr,
        &user,
        StatusCode::OK,
        &fields,
        Errors::default(),
        notice,
    )
    .await
}

/// The form's values, or what is wrong with them.
fn parse(tr: &Tr, fields: &Fields) -> Result<(NationalId, Text), Errors> {
    let mut errors = Errors::default();
    let nin = NationalId::parse(&fields.get("nin"))
        .map_err(|e| errors.add("nin", tr.t(e.message_key())))
        .ok();
    let reason = Text::parse(&fields.raw("reason"), MAX_TEXT)
        .map_err(|e| {
            let key = match e.message_key() {
                "entry-error-empty" => "emergency-error-reason",
                other => other,
            };
            errors.add("reason", tr.t(key));
        })
        .ok();
    if fields.raw("password").is_empty() {
        errors.add("password", tr.t("emergency-error-password-missing"));
    }
    match (nin, reason) {
        (Some(nin), Some(reason)) if errors.is_empty() => Ok((nin, reason)),
        _ => Err(errors),
    }
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    body: Bytes,
) -> AppResult<Response> {
    require_works_with_children(&user)?;
    let fields = Fields::parse(&body)?;
    let (nin, reason) = match parse(&tr, &fields) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show(&state, tr, &user, status, &fields, errors, None).await;
        }
    };
    // The password first: nothing about the child is looked up for someone
    // who cannot prove they are the one signed in.
    let checked = reauth::check(&state, &user, &fields.raw("password")).await?;
    if checked != Reauth::Confirmed {
        let status = match checked {
            Reauth::Locked => StatusCode::TOO_MANY_REQUESTS,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let mut errors = Errors::default();
        errors.add("password", tr.t(checked.message_key()));
        return show(&state, tr, &user, status, &fields, errors, None).await;
    }
    match user
        .access(&state, PURPOSE)
        .take_emergency_access(&nin, reason)
        .await
    {
        Ok(e) => Ok(Redirect::to(&format!("/children/{}", e.child_id)).into_response()),
        Err(DbError::Refused(key)) => {
            let mut errors = Errors::default();
            errors.add("nin", tr.t(key));
            show(
                &state,
                tr,
                &user,
                StatusCode::CONFLICT,
                &fields,
                errors,
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /emergency/{id}/end`: ends one's own access before it expires.
pub async fn end(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath<EmergencyAccessId>,
) -> AppResult<Response> {
    require_works_with_children(&user)?;
    user.access(&state, PURPOSE)
        .end_emergency_access(&id)
        .await?;
    Ok(Redirect::to("/emergency?done=ended").into_response())
}
