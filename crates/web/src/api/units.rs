//! `GET /api/v1/units` and `POST /api/v1/units`: the municipality's units.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::ApiServiceType;
use super::json::{ApiError, ApiJson, Created, check_name, created};
use super::{WRITE_PURPOSE, read_purpose};
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub service_type: ApiServiceType,
}

impl From<ettlag_db::Unit> for Unit {
    fn from(u: ettlag_db::Unit) -> Self {
        Unit {
            id: u.id.into_string(),
            name: u.name,
            service_type: u.service_type.into(),
        }
    }
}

/// A new unit.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewUnit)]
pub struct NewUnitIn {
    /// 1 to 100 characters after trimming; unique in the municipality.
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    pub service_type: ApiServiceType,
}

/// All units of the caller's municipality, by name.
#[utoipa::path(
    get,
    operation_id = "listUnits",
    path = "/api/v1/units",
    tag = "organisation",
    responses(
        (status = 200, description = "The units", body = [Unit]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>, user: ApiUser) -> AppResult<Json<Vec<Unit>>> {
    let units = user.access(&state, read_purpose(&user)).units().await?;
    Ok(Json(units.into_iter().map(Unit::from).collect()))
}

/// Creates a unit (administrators).
#[utoipa::path(
    post,
    operation_id = "createUnit",
    path = "/api/v1/units",
    tag = "organisation",
    request_body = NewUnitIn,
    responses(
        (status = 201, description = "Created; `Location` is the list of units", body = Created),
        (status = 400, description = "Bad JSON or a bad name (`error-name-length`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller is not an administrator", body = ApiError),
        (status = 409, description = "A unit with that name exists", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(new): ApiJson<NewUnitIn>,
) -> AppResult<Response> {
    let name = check_name(&new.name)?;
    let id = user
        .access(&state, WRITE_PURPOSE)
        .create_unit(&name, new.service_type.into())
        .await?;
    Ok(created(id.as_str(), "/api/v1/units"))
}
