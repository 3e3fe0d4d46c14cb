//! `POST /consents/{id}/join`: a guardian the consent waits for has given
//! their consent too (in a meeting, on paper). When the last one has, the
//! consent is in force; the page goes back to the child with a notice.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_core::ids::ConsentId;
use ettlag_core::policy::Purpose;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<ConsentId>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    // The form names the child whose page it came from, to go back to.
    let child = PersonId::parse(&fields.get("child")).ok_or(AppError::NotFound)?;
    let result = match PersonId::parse(&fields.get("guardian")) {
        Some(guardian) => user
            .access(&state, Purpose::FollowUp)
            .join_consent(&id, &guardian)
            .await
            .map_err(AppError::from),
        None => Err(AppError::BadRequest("consent-error-not-awaited".into())),
    };
    super::back_to_child(&state, tr, &user, &child, result, "consent-joined").await
}
