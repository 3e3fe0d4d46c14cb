//! The print view of a relay log, and its archive copy: the JSON frozen when
//! the log was closed, and the same copy as a printable page.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use ettlag_core::Coded;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_db::RelayLogView;

use super::display::{EventLine, MeasureLine, event_lines, measure_lines};
use super::log_page::today;
use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};
use crate::views::time::moment;

#[derive(Template)]
#[template(path = "relay/print.html")]
struct PrintPage {
    c: Chrome,
    view: RelayLogView,
    /// Entries kept from the reader, told in words.
    withheld: Option<String>,
    national_id: String,
    opened_at: String,
    closed: String,
    lines: Vec<EventLine>,
    measures: Vec<MeasureLine>,
    /// Set for the archive copy: when it was made and its SHA-256.
    archive: Option<(String, String)>,
    printed_at: String,
}

fn page(
    tr: Tr,
    user: &CurrentUser,
    view: RelayLogView,
    archive: Option<(String, String)>,
) -> Response {
    let closed = view
        .closed
        .as_ref()
        .map(|c| format!("{} ({})", tr.t(&c.reason.message_key()), moment(c.at_ms)))
        .unwrap_or_default();
    let page = PrintPage {
        withheld: super::display::withheld_notice(&tr, &view),
        national_id: view
            .child
            .national_id
            .as_ref()
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        opened_at: moment(view.opened_at_ms),
        closed,
        lines: event_lines(&tr, &view),
        measures: measure_lines(&view, &view.measures, today()),
        archive,
        printed_at: moment(ettlag_db::now_ms()),
        c: Chrome::for_user(tr, user, "my"),
        view,
    };
    render(StatusCode::OK, &page)
}

/// `GET /logs/{id}/print`: the whole log as it stands, for paper.
pub async fn print(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Response> {
    let view = user
        .access(&state, Purpose::FollowUp)
        .relay_log(&id)
        .await?;
    Ok(page(tr, &user, view, None))
}

/// `GET /logs/{id}/archive`: the archive copy as a printable page, rendered
/// from the JSON frozen at closing (not from the log as it is now).
pub async fn archive_html(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Response> {
    let copy = user
        .access(&state, Purpose::FollowUp)
        .relay_archive(&id)
        .await?;
    // The hash vouches for the whole copy: shown only with all of it.
    let filed = copy
        .json
        .and(copy.sha256)
        .map(|sha| (moment(copy.created_at_ms), sha));
    Ok(page(tr, &user, copy.view, filed))
}

/// `GET /logs/{id}/archive.json`: the archive copy as filed.
pub async fn archive_json(
    State(state): State<AppState>,
    user: CurrentUser,
    IdPath(id): IdPath<RelayLogId>,
) -> AppResult<Response> {
    let copy = user
        .access(&state, Purpose::FollowUp)
        .relay_archive(&id)
        .await?;
    let (Some(json), Some(sha256)) = (copy.json, copy.sha256) else {
        return Err(AppError::Conflict("relay-error-archive-withheld".into()));
    };
    let filename = format!("attachment; filename=\"stafettlogg-{id}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, filename),
            (header::HeaderName::from_static("x-archive-sha256"), sha256),
        ],
        json,
    )
        .into_response())
}
