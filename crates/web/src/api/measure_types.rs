//! `GET /api/v1/measure-types`: the municipality's measure types, for a
//! client that writes relay log measures with a type (`measure_type` on
//! `POST /api/v1/relay-logs/{id}/entries`). Administrators change them on
//! `/admin/ladder`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::json::ApiError;
use super::read_purpose;
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// A measure type: its code, name, step on the intervention ladder (1–6),
/// cost per measure in whole kroner if set, and whether it is offered for
/// new measures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeasureType {
    pub code: String,
    pub name: String,
    #[schema(minimum = 1, maximum = 6)]
    pub step: u8,
    pub cost: Option<i64>,
    pub active: bool,
}

/// The caller's municipality's measure types, in the order it keeps them.
#[utoipa::path(
    get,
    operation_id = "listMeasureTypes",
    path = "/api/v1/measure-types",
    tag = "organisation",
    responses(
        (status = 200, description = "The measure types", body = [MeasureType]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
) -> AppResult<Json<Vec<MeasureType>>> {
    let types = user
        .access(&state, read_purpose(&user))
        .measure_types()
        .await?;
    Ok(Json(
        types
            .into_iter()
            .map(|t| MeasureType {
                code: t.code.to_string(),
                name: t.name,
                step: t.step.number(),
                cost: t.cost,
                active: t.active,
            })
            .collect(),
    ))
}
