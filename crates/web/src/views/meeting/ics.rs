//! `GET /meetings/{id}/invitation.ics`: the meeting as an iCalendar event to
//! put in a calendar. It names the meeting in general words ("Møte om
//! planen"), its time and place, and the staff invited with an address;
//! never the child or the family, whose names would tell whom the meeting
//! is about to anyone who sees the calendar (as the e-mailed invitation).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ettlag_core::ids::MeetingId;
use ettlag_core::meeting::ics::Invitation;
use ettlag_core::meeting::{InviteeKind, Meeting};
use ettlag_core::policy::Purpose;
use ettlag_db::now_ms;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<MeetingId>,
) -> AppResult<Response> {
    let view = user.access(&state, Purpose::FollowUp).meeting(&id).await?;
    Ok(calendar(&tr, &view))
}

/// The invitation as served, for the pages and the API.
pub(crate) fn calendar(tr: &Tr, view: &ettlag_db::MeetingView) -> Response {
    meeting_calendar(tr, &view.id, &view.meeting)
}

/// The invitation of one meeting, for staff and for the family's portal.
pub(crate) fn meeting_calendar(tr: &Tr, id: &str, m: &Meeting) -> Response {
    let uid = format!("{id}@ettlag");
    let leader = m.invitees.iter().find(|i| i.id == m.leader.as_str());
    let summary = tr.t("meeting-ics-summary");
    let body = Invitation {
        uid: &uid,
        stamp_ms: now_ms(),
        start_ms: m.time.start_ms(),
        end_ms: m.time.end_ms(),
        summary: &summary,
        location: m.place.as_str(),
        description: m.template.purpose.as_str(),
        organizer: leader.and_then(|l| Some((l.name.as_str(), l.email.as_deref()?))),
        attendees: m
            .invitees
            .iter()
            .filter(|i| i.kind == InviteeKind::Staff)
            .filter_map(|i| Some((i.name.as_str(), i.email.as_deref()?)))
            .collect(),
    }
    .write();
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"meeting.ics\"",
            ),
        ],
        body,
    )
        .into_response()
}
