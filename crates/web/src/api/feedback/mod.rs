//! `/api/v1/children/{id}/feedback` and `/api/v1/feedback/{id}`: feedback
//! (FIT) episodes over JSON. List a person's episodes and start one (linked
//! to a relay log or plan if wanted), read one with its answers (scores as
//! decimals, totals, the change since intake and the alerts in words),
//! submit an answer, make a one-time link, and end the episode. The access
//! context decides and audits each call, as on the pages.

pub(super) mod answers;
pub(super) mod episodes;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

use answers::{answer, link};
use episodes::{end, list, show, start};

/// The feedback routes, nested under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/children/{id}/feedback", get(list).post(start))
        .route("/feedback/{id}", get(show))
        .route("/feedback/{id}/answers", post(answer))
        .route("/feedback/{id}/links", post(link))
        .route("/feedback/{id}/end", post(end))
}
