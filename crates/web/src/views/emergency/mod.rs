//! Break-the-glass: taking time-limited access with a reason and the
//! password, and the privacy officer's review of every use.

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
