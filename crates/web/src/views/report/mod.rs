//! Reports to child welfare under the duty to report: the form, the
//! reporter's receipt, and child welfare's queue and review.

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
