//! `GET /api/v1/children`: the children the caller works with.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::{ApiError, ApiQuery};
use super::read_purpose;
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// The longest search we use; longer input is cut.
const MAX_SEARCH: usize = 100;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChildrenQuery {
    /// The start of a given or family name, or a whole national identity number.
    #[serde(default)]
    q: String,
    /// How many matching children to skip (paging; a page has at most 200).
    #[serde(default)]
    #[param(minimum = 0)]
    offset: i64,
}

/// A child as a line in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildSummary {
    pub id: String,
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`, when known.
    pub birth_date: Option<String>,
    /// Names of the caller's units where the child is enrolled now.
    pub units: Vec<String>,
}

impl From<ettlag_db::ChildSummary> for ChildSummary {
    fn from(c: ettlag_db::ChildSummary) -> Self {
        ChildSummary {
            id: c.id.into_string(),
            given_name: c.given_name,
            family_name: c.family_name,
            birth_date: c.birth_date,
            units: c.units,
        }
    }
}

/// The children enrolled now in the caller's units, by family name. An
/// administrator without units of their own sees the whole register. Every
/// child listed is recorded in the access log.
#[utoipa::path(
    get,
    operation_id = "listChildren",
    path = "/api/v1/children",
    tag = "children",
    params(ChildrenQuery),
    responses(
        (status = 200, description = "The children the caller may see", body = [ChildSummary]),
        (status = 400, description = "Malformed query string", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<ChildrenQuery>,
) -> AppResult<Json<Vec<ChildSummary>>> {
    let q: String = query.q.chars().take(MAX_SEARCH).collect();
    let children = user
        .access(&state, read_purpose(&user))
        .children(&q, query.offset.max(0))
        .await?;
    Ok(Json(children.into_iter().map(ChildSummary::from).collect()))
}
