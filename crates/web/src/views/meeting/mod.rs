//! Meeting pages: calling a meeting about a plan or a relay log from one of the
//! municipality's templates, the meeting page (the values poster first,
//! then the agenda, attendance, minutes, the child's voice, decisions and
//! action items), its iCalendar invitation, and the administrator's page
//! for templates and the values poster.

mod admin;
mod ics;
mod new;
mod page;
mod record;
mod staff_search;
pub(crate) mod time;

pub(crate) use ics::{calendar, meeting_calendar};

/// A relay log's meetings as lines for its page: (id, template and time).
pub(crate) async fn log_meeting_lines(
    access: &ettlag_db::AccessContext,
    log_id: &RelayLogId,
) -> crate::error::AppResult<Vec<(String, String)>> {
    Ok(access
        .log_meetings(log_id)
        .await?
        .into_iter()
        .map(|m| {
            let when = format!(
                "{}–{}",
                crate::views::time::moment(m.start_ms),
                time::clock(m.end_ms)
            );
            (m.id.to_string(), format!("{}, {when}", m.template_name))
        })
        .collect())
}

use axum::Router;
use axum::routing::{get, post};
use ettlag_core::ids::RelayLogId;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans/{id}/meetings/new", get(new::get).post(new::post))
        .route(
            "/logs/{id}/meetings/new",
            get(new::log_get).post(new::log_post),
        )
        .route("/meetings/{id}", get(page::get))
        .route("/meetings/{id}/invitation.ics", get(ics::get))
        .route("/meetings/{id}/attendance", post(record::attendance))
        .route("/meetings/{id}/minutes", post(record::minute))
        .route("/meetings/{id}/voice", post(record::voice))
        .route("/meetings/{id}/decisions", post(record::decision))
        .route("/meetings/{id}/actions", post(record::action))
        .route("/admin/meetings", get(admin::get).post(admin::post))
}
