//! Meeting pages: calling a meeting about a plan from one of the
//! municipality's templates, the meeting page (the values poster first,
//! then the agenda, attendance, minutes, the child's voice, decisions and
//! action items), its iCalendar invitation, and the administrator's page
//! for templates and the values poster.

mod admin;
mod ics;
mod new;
mod page;
mod record;
pub(crate) mod time;

pub(crate) use ics::{calendar, meeting_calendar};

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans/{id}/meetings/new", get(new::get).post(new::post))
        .route("/meetings/{id}", get(page::get))
        .route("/meetings/{id}/invitation.ics", get(ics::get))
        .route("/meetings/{id}/attendance", post(record::attendance))
        .route("/meetings/{id}/minutes", post(record::minute))
        .route("/meetings/{id}/voice", post(record::voice))
        .route("/meetings/{id}/decisions", post(record::decision))
        .route("/meetings/{id}/actions", post(record::action))
        .route("/admin/meetings", get(admin::get).post(admin::post))
}
