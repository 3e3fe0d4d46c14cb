//! `GET /reports`: child welfare's queue — those waiting for review first,
//! the nearest deadline first, overdue ones marked in words — and the
//! receipts of the reports the user has sent.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::policy::Purpose;
use ettlag_db::now_ms;

use super::Shown;
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, page};

#[derive(Template)]
#[template(path = "report/list.html")]
struct ReportsPage {
    c: Chrome,
    /// The user works in a child welfare unit: the queue is theirs.
    in_child_welfare: bool,
    queue: Vec<Shown>,
    sent: Vec<Shown>,
}

pub async fn get(State(state): State<AppState>, tr: Tr, user: CurrentUser) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let in_child_welfare = access
        .child_welfare_units()
        .await?
        .iter()
        .any(|u| user.actor.units.contains(&u.id));
    let now = now_ms();
    let shown = |reports: Vec<ettlag_db::Report>| -> Vec<Shown> {
        reports
            .into_iter()
            .map(|r| Shown::new(&tr, r, now))
            .collect()
    };
    let queue = if in_child_welfare {
        shown(access.report_queue().await?)
    } else {
        Vec::new()
    };
    let sent = shown(access.my_reports().await?);
    Ok(page(&ReportsPage {
        in_child_welfare,
        queue,
        sent,
        c: Chrome::for_user(tr, &user, "reports"),
    }))
}
