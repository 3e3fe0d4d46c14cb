//! "Our next meetings" on the child's page, and each meeting's calendar
//! file. The file is the staff invitation's, made by the same code, but
//! without the child as an attendee: it names no child.

use crate::extractors::id_path::IdPath2;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::PersonId;
use ettlag_core::ids::MeetingId;
use ettlag_db::{CitizenAccess, Member};

use super::CitizenUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::meeting::meeting_calendar;
use crate::views::meeting::time::clock;
use crate::views::time::moment;

/// A coming meeting as the child's page shows it.
pub(super) struct MeetingLine {
    pub when: String,
    pub place: String,
    pub purpose: String,
    /// "Name, unit" of each one from the services, the leader marked.
    pub staff: Vec<String>,
    pub calendar: String,
}

pub(super) async fn lines(
    access: &CitizenAccess,
    tr: Tr,
    member: &Member,
) -> AppResult<Vec<MeetingLine>> {
    Ok(access
        .next_meetings(&member.id)
        .await?
        .into_iter()
        .map(|m| {
            let time = m.meeting.time;
            MeetingLine {
                when: format!("{}–{}", moment(time.start_ms()), clock(time.end_ms())),
                place: m.meeting.place.to_string(),
                purpose: m.meeting.template.purpose.to_string(),
                staff: m
                    .staff
                    .iter()
                    .map(|s| {
                        let mut line = s.name.clone();
                        if !s.units.is_empty() {
                            line = format!("{line}, {}", s.units.join(", "));
                        }
                        if s.leads {
                            line = format!("{line} ({})", tr.t("portal-meetings-leads"));
                        }
                        line
                    })
                    .collect(),
                calendar: format!(
                    "/portal/children/{}/meetings/{}/calendar.ics",
                    member.id.as_str(),
                    m.id
                ),
            }
        })
        .collect())
}

pub async fn calendar(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    IdPath2(id, meeting): IdPath2<PersonId, MeetingId>,
) -> AppResult<Response> {
    let access = user.access(&state);
    let member = access.member(&id).await?;
    if !member.sees_details {
        return Err(AppError::NotFound);
    }
    let m = access.next_meeting(&member.id, &meeting).await?;
    Ok(meeting_calendar(&tr, &m.id, &m.meeting))
}
