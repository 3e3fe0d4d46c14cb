//! The leaders' steering views: the figures of the five bottom lines with
//! filters, a short explanation of each figure, bar charts with the table as
//! their text alternative, and every table as CSV. The figures come from the
//! store's kept counts through the policy's Statistics subject; small counts
//! are hidden in `tables`.

mod chart;
mod filter;
mod outcomes;
mod page;
pub(crate) mod tables;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/steering", get(page::overview))
        .route("/steering/{line}", get(page::line))
        .route("/steering/{line}/{table}", get(page::csv))
}
