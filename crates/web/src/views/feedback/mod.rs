//! Feedback (FIT) pages: a person's episodes and starting one, the episode
//! page with graphs, answering in a meeting and making a one-time link, the
//! public answering page behind a link, leaders' aggregates, and the admin
//! page for packs.

mod aggregates;
mod episode;
// Shared with the family portal, which answers with the same form and parser.
pub(crate) mod form;
mod graph;
mod packs;
/// The feedback panel of the relay log and plan pages, and the child's summary.
pub(crate) mod panel;
mod person;
mod public;

pub(crate) use episode::explain;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/children/{id}/feedback",
            get(person::get).post(person::start),
        )
        .route("/feedback/aggregates", get(aggregates::get))
        .route("/feedback/{id}", get(episode::get))
        .route("/feedback/{id}/answer", post(episode::answer))
        .route("/feedback/{id}/link", post(episode::link))
        .route("/f/{token}", get(public::get).post(public::post))
        .route("/admin/feedback-packs", get(packs::get).post(packs::post))
}

/// The pack language of the page's language.
pub(crate) fn pack_lang(tr: &crate::i18n::Tr) -> ettlag_core::feedback::Lang {
    ettlag_core::feedback::Lang::from_code(tr.code()).unwrap_or(ettlag_core::feedback::Lang::Nb)
}

/// A score as the page's language writes it: "7,3" or "7.3".
pub(crate) fn score(tr: &crate::i18n::Tr, t: ettlag_core::feedback::Tenths) -> String {
    t.format(if tr.code() == "en" { '.' } else { ',' })
}
