//! The privacy officer handles a family's request: `POST
//! /privacy/requests/{id}/take` marks it taken, `POST
//! /privacy/requests/{id}/close` closes it with an outcome and an answer the
//! family reads in the portal. Bad input is shown on the list, nothing changed.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::ids::PrivacyRequestId;
use ettlag_core::policy::Purpose;
use ettlag_core::portal::RequestClosing;
use ettlag_db::DbError;

use super::staff_side::requests_page;
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;

pub async fn take(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PrivacyRequestId>,
) -> AppResult<Response> {
    match user
        .access(&state, Purpose::PrivacyReview)
        .take_privacy_request(&id)
        .await
    {
        Ok(()) => Ok(Redirect::to("/privacy/requests").into_response()),
        Err(DbError::Refused(key)) => requests_page(&state, tr, &user, Some(tr.t(key))).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn close(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<PrivacyRequestId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let closing = match RequestClosing::parse(&fields.get("outcome"), &fields.raw("answer")) {
        Ok(c) => c,
        Err(e) => return requests_page(&state, tr, &user, Some(tr.t(e.message_key()))).await,
    };
    match user
        .access(&state, Purpose::PrivacyReview)
        .close_privacy_request(&id, closing)
        .await
    {
        Ok(()) => Ok(Redirect::to("/privacy/requests").into_response()),
        Err(DbError::Refused(key)) => requests_page(&state, tr, &user, Some(tr.t(key))).await,
        Err(e) => Err(e.into()),
    }
}
