//! `POST /consents/{id}/withdraw`: the family takes a consent back. It stops
//! covering anyone at once; the page goes back to the child with a notice.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_core::ids::ConsentId;
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};

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
    let note = fields.raw("note");
    let result = match note.trim() {
        "" => Ok(None),
        text => Text::parse(text, MAX_TEXT)
            .map(Some)
            .map_err(|e| AppError::BadRequest(e.message_key().into())),
    };
    let result = match result {
        Ok(note) => user
            .access(&state, Purpose::FollowUp)
            .withdraw_consent(&id, note)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    super::back_to_child(&state, tr, &user, &child, result, "consent-withdrawn").await
}
