//! The forms of a meeting page: attendance, a line of minutes, the child's
//! voice, a decision and an action item. Each appends to the meeting's
//! record; a refusal (a decision about the family without the family) comes
//! back on the meeting page with the reason in the user's language, and
//! nothing is written.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::StaffId;
use ettlag_core::ids::MeetingId;
use ettlag_core::meeting::{Confirmation, Decision, MeetingError, MeetingEvent};
use ettlag_core::policy::Purpose;
use ettlag_db::NewActionItem;

use super::page::show;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::Fields;

/// Writes one record, then back to the meeting at its section; a refusal is
/// shown on the meeting page.
async fn answer(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    id: &MeetingId,
    section: &'static str,
    written: Result<(), AppError>,
) -> AppResult<Response> {
    match written {
        Ok(()) => Ok(Redirect::to(&format!("/meetings/{id}#{section}")).into_response()),
        Err(AppError::Conflict(key)) | Err(AppError::BadRequest(key)) => {
            let message = tr.t(&key);
            show(state, tr, user, id, Some((section, message))).await
        }
        Err(e) => Err(e),
    }
}

fn refused(e: MeetingError) -> AppError {
    AppError::BadRequest(e.message_key().to_string())
}

async fn record(
    state: &AppState,
    user: &CurrentUser,
    id: &MeetingId,
    event: Result<MeetingEvent, MeetingError>,
) -> Result<(), AppError> {
    let event = event.map_err(refused)?;
    user.access(state, Purpose::FollowUp)
        .record_in_meeting(id, event)
        .await?;
    Ok(())
}

pub async fn attendance(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let present: Result<Vec<usize>, MeetingError> = f
        .all("present")
        .iter()
        .map(|p| p.parse().map_err(|_| MeetingError::UnknownInvitee))
        .collect();
    let event = present.map(|present| MeetingEvent::Attendance { present });
    let written = record(&state, &user, &id, event).await;
    answer(&state, tr, &user, &id, "attendance", written).await
}

pub async fn minute(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let written = record(&state, &user, &id, MeetingEvent::minute(&f.raw("text"))).await;
    answer(&state, tr, &user, &id, "minutes", written).await
}

pub async fn voice(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let event = MeetingEvent::child_voice(&f.raw("how"), &f.raw("words"));
    let written = record(&state, &user, &id, event).await;
    answer(&state, tr, &user, &id, "voice", written).await
}

pub async fn decision(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let event = Confirmation::parse(
        &f.raw("confirmed-by"),
        &f.get("confirmed-on"),
        &f.raw("confirmed-how"),
    )
    .and_then(|c| Decision::parse(&f.raw("text"), f.get("concerns-family") == "yes", c))
    .map(MeetingEvent::Decision);
    let written = record(&state, &user, &id, event).await;
    answer(&state, tr, &user, &id, "decisions", written).await
}

pub async fn action(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
    body: Bytes,
) -> AppResult<Response> {
    let f = Fields::parse(&body)?;
    let written = async {
        let responsible =
            StaffId::parse(&f.get("responsible")).ok_or(refused(MeetingError::BadResponsible))?;
        user.access(&state, Purpose::FollowUp)
            .add_meeting_action(
                &id,
                NewActionItem {
                    what: f.raw("what"),
                    responsible,
                    deadline: f.get("deadline"),
                    goal: f.get("goal"),
                },
            )
            .await?;
        Ok(())
    }
    .await;
    answer(&state, tr, &user, &id, "actions", written).await
}
