//! `POST /api/v1/teams`: a cross-service team (innsatsteam) around a child,
//! to assign intake items to.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ettlag_core::text::{MAX_SHORT, Text};
use ettlag_core::{PersonId, StaffId, UnitId};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{bad, purpose, store_error};
use crate::api::json::{ApiError, ApiJson, Created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// A member of a team, in one of their units.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = TeamMember)]
pub struct MemberIn {
    pub staff_id: String,
    pub unit_id: String,
}

/// A new team around a child.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewTeam)]
pub struct NewTeamIn {
    /// The child the team works around.
    pub child_id: String,
    /// 1 to 200 characters (`entry-error-…`).
    #[schema(example = "Innsatsteam Ada")]
    pub name: String,
    /// At least one (`team-error-members`); each works in the unit named
    /// (`team-error-member-id`, `team-error-member-unit`).
    pub members: Vec<MemberIn>,
}

type Parsed = (PersonId, Text, Vec<(StaffId, UnitId)>);

impl NewTeamIn {
    fn parse(&self) -> Result<Parsed, AppError> {
        let name = Text::parse(&self.name, MAX_SHORT).map_err(|e| bad(e.message_key()))?;
        if self.members.is_empty() {
            return Err(bad("team-error-members"));
        }
        let members = self
            .members
            .iter()
            .map(|m| {
                let staff = StaffId::parse(m.staff_id.trim());
                let unit = UnitId::parse(m.unit_id.trim());
                staff.zip(unit).ok_or_else(|| bad("team-error-member-id"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        // An id that could name no child is the same 404 as a hidden child.
        let child = PersonId::parse(self.child_id.trim()).ok_or(AppError::NotFound)?;
        Ok((child, name, members))
    }
}

/// Forms a team around a child: intake staff, or anyone who follows the
/// child. Every member works in a unit the child attends or the family's
/// consent covers.
#[utoipa::path(
    post,
    operation_id = "createTeam",
    path = "/api/v1/teams",
    tag = "intake",
    request_body = NewTeamIn,
    responses(
        (status = 201, description = "Formed: the team's id, to assign an item to", body = Created),
        (status = 400, description = "Bad JSON, name (`entry-error-…`), no members (`team-error-members`), a bad id (`team-error-member-id`) or a member who does not work in the unit named (`team-error-member-unit`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such child, or not one the caller may form a team around", body = ApiError),
        (status = 409, description = "A member's unit is neither the child's nor covered by the family's consent (`team-error-not-covered`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewTeamIn>,
) -> AppResult<Response> {
    let (child, name, members) = body.parse()?;
    let id = user
        .access(&state, purpose(&user))
        .create_team(&child, name, members)
        .await
        .map_err(store_error)?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_has_its_precise_key() {
        let id = "0195f3a2-7c1e-7d3b-9a41-5b2f8e0c6d17";
        let team = |name: &str, members: Vec<(&str, &str)>| NewTeamIn {
            child_id: id.into(),
            name: name.into(),
            members: members
                .into_iter()
                .map(|(s, u)| MemberIn {
                    staff_id: s.into(),
                    unit_id: u.into(),
                })
                .collect(),
        };
        let bad = |key: &str| Err(AppError::BadRequest(key.into()));
        assert_eq!(
            team("T", vec![]).parse().map(|_| ()),
            bad("team-error-members")
        );
        assert_eq!(
            team(" ", vec![(id, id)]).parse().map(|_| ()),
            bad("entry-error-empty")
        );
        assert_eq!(
            team("T", vec![(id, "../x")]).parse().map(|_| ()),
            bad("team-error-member-id")
        );
        assert!(team("T", vec![(id, id)]).parse().is_ok());
    }
}
