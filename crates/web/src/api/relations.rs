//! `POST /api/v1/persons/{child_id}/relations`: how an adult relates to a child.

use axum::extract::State;
use axum::response::Response;
use ettlag_core::PersonId;
use serde::Deserialize;
use utoipa::ToSchema;

use super::WRITE_PURPOSE;
use super::codes::ApiRelationKind;
use super::json::{ApiError, ApiJson, Created, created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// An adult related to the child in the path.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewRelation)]
pub struct NewRelationIn {
    /// The adult's id.
    pub person_id: String,
    pub kind: ApiRelationKind,
}

/// Records how an adult relates to a child (administrators). The answer's id
/// is the child's: the relation shows in the child's detail.
#[utoipa::path(
    post,
    operation_id = "addRelation",
    path = "/api/v1/persons/{child_id}/relations",
    tag = "persons",
    params(("child_id" = String, Path, description = "The child's id")),
    request_body = NewRelationIn,
    responses(
        (status = 201, description = "Recorded; `Location` is the child's path", body = Created),
        (status = 400, description = "Bad JSON", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller is not an administrator", body = ApiError),
        (status = 404, description = "No such child, or no such adult", body = ApiError),
        (status = 409, description = "The relation is already recorded", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
    ApiJson(new): ApiJson<NewRelationIn>,
) -> AppResult<Response> {
    let adult = PersonId::parse(&new.person_id).ok_or(AppError::NotFound)?;
    user.access(&state, WRITE_PURPOSE)
        .add_relation(&child, &adult, new.kind.into())
        .await?;
    Ok(created(
        child.as_str(),
        &format!("/api/v1/persons/{}", child.as_str()),
    ))
}
