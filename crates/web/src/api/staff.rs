//! `GET /api/v1/staff`: the municipality's staff.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::ApiRole;
use super::json::ApiError;
use super::read_purpose;
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffMember {
    pub id: String,
    pub display_name: String,
    /// The sign-in name, when the staff member has an account.
    pub username: Option<String>,
    pub roles: Vec<ApiRole>,
    /// Ids of the units the staff member works in.
    pub units: Vec<String>,
    pub active: bool,
}

impl From<ettlag_db::StaffMember> for StaffMember {
    fn from(s: ettlag_db::StaffMember) -> Self {
        StaffMember {
            id: s.id.into_string(),
            display_name: s.display_name,
            username: s.username,
            roles: s.roles.iter().map(ApiRole::from).collect(),
            units: s.units.into_iter().map(|u| u.into_string()).collect(),
            active: s.active,
        }
    }
}

/// All staff of the caller's municipality, by name.
#[utoipa::path(
    get,
    operation_id = "listStaff",
    path = "/api/v1/staff",
    tag = "organisation",
    responses(
        (status = 200, description = "The staff", body = [StaffMember]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
) -> AppResult<Json<Vec<StaffMember>>> {
    let staff = user.access(&state, read_purpose(&user)).staff().await?;
    Ok(Json(staff.into_iter().map(StaffMember::from).collect()))
}
