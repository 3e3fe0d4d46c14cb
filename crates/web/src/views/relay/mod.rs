//! The relay log pages: raising and deciding a concern (level 0), the log
//! with its timeline and forms, the print view and archive copy, and "my
//! follow-up" — the desk of the one who holds the baton.

mod concern;
mod concern_new;
mod display;
pub(crate) mod family;
mod log_actions;
mod log_entries;
mod log_page;
mod my_work;
mod print;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub use display::{CaseSection, areas};

/// The relay log routes, merged into the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/my", get(my_work::get))
        .route("/my/notifications/read", post(my_work::mark_read))
        .route(
            "/children/{id}/concerns/new",
            get(concern_new::get).post(concern_new::post),
        )
        .route("/concerns/{id}", get(concern::get))
        .route("/concerns/{id}/decision", post(concern::decide))
        .route("/logs/{id}", get(log_page::get))
        .route("/logs/{id}/entries", post(log_entries::post))
        .route(
            "/logs/{id}/entries/{entry}/correct",
            get(log_entries::correct),
        )
        .route("/logs/{id}/level", post(log_actions::level))
        .route("/logs/{id}/baton/offer", post(log_actions::offer))
        .route("/logs/{id}/baton/answer", post(log_actions::answer))
        .route("/logs/{id}/baton/withdraw", post(log_actions::withdraw))
        .route("/logs/{id}/close", post(log_actions::close))
        .route("/logs/{id}/print", get(print::print))
        .route("/logs/{id}/archive", get(print::archive_html))
        .route("/logs/{id}/archive.json", get(print::archive_json))
}
