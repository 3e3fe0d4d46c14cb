//! `/api/v1/reports`: reports to child welfare.

use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
