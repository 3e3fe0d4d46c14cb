//! `/api/v1/plans`: the individual plan. Read a plan with every revision,
//! make one for a child (also from the child's level-3 relay log), and
//! revise it (`If-Match: "<revisions>"`, 412 when someone revised it since).
//! Content is the plan's nine points as `PlanDraft` fields; a bad field is a
//! 400 with its message id, and nothing is written.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use ettlag_core::PersonId;
use ettlag_core::ids::{PlanId, RelayLogId};
use ettlag_core::plan::{PlanDraft, parse_reason};
use ettlag_core::policy::Purpose;
use ettlag_db::{PlanView, PlanWrite};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiError, ApiJson, Created, created};
use super::relay::IfMatch;
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// A plan with its current content and its history.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Plan)]
pub struct PlanOut {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub from_log_id: Option<String>,
    /// How many revisions the plan has: its version for `If-Match`.
    pub version: i64,
    /// The plan as it stands (the nine content points).
    #[schema(value_type = Object)]
    pub current: serde_json::Value,
    /// Every revision, oldest first: number, by, at_ms, reason, content.
    #[schema(value_type = Vec<Object>)]
    pub revisions: serde_json::Value,
    /// The coordinators in force.
    #[schema(value_type = Vec<Object>)]
    pub coordinators: serde_json::Value,
}

impl PlanOut {
    fn of(p: PlanView) -> AppResult<PlanOut> {
        Ok(PlanOut {
            version: i64::try_from(p.revisions.len()).unwrap_or(i64::MAX),
            current: value(&p.current().map(|r| r.content.clone())),
            revisions: value(&p.revisions),
            coordinators: value(&p.coordinators),
            id: p.id.to_string(),
            person_id: p.person_id.to_string(),
            person_name: p.person_name,
            from_log_id: p.from_log_id.map(|id| id.to_string()),
        })
    }
}

/// Anything serialisable, as JSON; a value that cannot be is `null`.
pub(super) fn value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A plan or revision as the caller sends it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPlan)]
pub struct PlanIn {
    /// The content: `what_matters`, `needs_and_dreams`, `resources`, `goals`
    /// (`master`, `by`, `know_by`), `measures` (`goal` counted from 1, `what`,
    /// `how`, `contributions`), `participants`, `cooperation`,
    /// `period_start`, `period_end`, `next_revision`, `consent`
    /// (`plan-error-…`).
    #[schema(value_type = Object)]
    pub plan: PlanDraft,
    /// Why the plan is made or revised (`plan-error-reason`).
    pub reason: String,
    /// For a new plan: the child's level-3 relay log it is made from
    /// (`plan-error-log`).
    #[serde(default)]
    pub from_log_id: Option<String>,
}

impl PlanIn {
    fn parse(&self) -> AppResult<PlanWrite> {
        let bad = |key: &str| AppError::BadRequest(key.to_string());
        Ok(PlanWrite {
            content: self.plan.parse().map_err(|e| bad(e.message_key()))?,
            reason: parse_reason(&self.reason).map_err(|e| bad(e.message_key()))?,
        })
    }
}

/// Reads a plan with every revision.
#[utoipa::path(
    get,
    operation_id = "getPlan",
    path = "/api/v1/plans/{id}",
    tag = "plans",
    params(("id" = String, Path, description = "The plan's id")),
    responses(
        (status = 200, description = "The plan; `ETag` is its version", body = PlanOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such plan, or not one the caller may read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<PlanId>,
) -> AppResult<Response> {
    let plan = PlanOut::of(user.access(&state, Purpose::FollowUp).plan(&id).await?)?;
    let tag = format!("\"{}\"", plan.version);
    Ok(([(header::ETAG, tag)], Json(plan)).into_response())
}

/// Makes a child's plan, optionally from the child's level-3 relay log.
#[utoipa::path(
    post,
    operation_id = "createPlan",
    path = "/api/v1/children/{id}/plan",
    tag = "plans",
    params(("id" = String, Path, description = "The child's id")),
    request_body = PlanIn,
    responses(
        (status = 201, description = "Made; `Location` is the plan's path", body = Created),
        (status = 400, description = "Bad JSON or content (`plan-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such child, or not one the caller works with", body = ApiError),
        (status = 409, description = "The child has a plan (`plan-error-exists`), or the log is not the child's at level 3 (`plan-error-log`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
    ApiJson(body): ApiJson<PlanIn>,
) -> AppResult<Response> {
    let plan = body.parse()?;
    let from_log = match body.from_log_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            RelayLogId::parse(text).ok_or_else(|| AppError::BadRequest("plan-error-log".into()))?,
        ),
    };
    let id = user
        .access(&state, Purpose::FollowUp)
        .create_plan(&child, from_log.as_ref(), plan)
        .await?;
    Ok(created(&id, &format!("/api/v1/plans/{id}")))
}

/// Revises a plan: a new revision, the earlier ones kept as they stood.
#[utoipa::path(
    post,
    operation_id = "revisePlan",
    path = "/api/v1/plans/{id}/revisions",
    tag = "plans",
    params(("id" = String, Path, description = "The plan's id")),
    request_body = PlanIn,
    responses(
        (status = 201, description = "Revised; the body names the new revision's number", body = Created),
        (status = 400, description = "Bad JSON or content (`plan-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the plan but not revise it", body = ApiError),
        (status = 404, description = "No such plan, or not one the caller may read", body = ApiError),
        (status = 412, description = "Revised since the version in `If-Match`", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn revise(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<PlanId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<PlanIn>,
) -> AppResult<Response> {
    let plan = body.parse()?;
    let number = user
        .access(&state, Purpose::FollowUp)
        .revise_plan(&id, plan, expected.0)
        .await?;
    Ok((
        StatusCode::CREATED,
        [(header::ETAG, format!("\"{number}\""))],
        Json(Created {
            id: number.to_string(),
        }),
    )
        .into_response())
}
