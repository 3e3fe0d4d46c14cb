//! `/api/v1/my/caseload`: the caller's caseload as coordinator with what is
//! due. `/api/v1/coordination`: the coordinating unit's overview of every
//! plan's status and each coordinator's load.

use axum::Json;
use axum::extract::State;
use ettlag_core::policy::Purpose;
use serde::Serialize;
use utoipa::ToSchema;

use super::coordinators::CoordinatorOut;
use super::json::ApiError;
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// One person on a caseload or the overview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseloadLineOut {
    pub person_id: String,
    pub person_name: String,
    /// The plan, when there is one.
    pub plan_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub next_revision: Option<String>,
    /// `revision_overdue`, `revision_soon`, `no_plan` or `nothing`.
    pub due: String,
    /// On a caseload: the caller's role for the person (`coordinator` or
    /// `child_coordinator`); on the overview: empty.
    pub kind: String,
    /// On the overview: the person's coordinators in force.
    pub coordinators: Vec<CoordinatorOut>,
}

/// A coordinator's load.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LoadOut {
    pub staff_id: String,
    pub staff_name: String,
    pub people: i64,
    pub without_plan: i64,
    pub overdue: i64,
    pub soon: i64,
}

/// The coordinating unit's overview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverviewOut {
    /// Overdue first, then soon due, then those without a plan.
    pub lines: Vec<CaseloadLineOut>,
    /// The heaviest load first.
    pub load: Vec<LoadOut>,
}

/// The caller's caseload as coordinator, overdue first.
#[utoipa::path(
    get,
    operation_id = "getCaseload",
    path = "/api/v1/my/caseload",
    tag = "plans",
    responses(
        (status = 200, description = "The caseload", body = Vec<CaseloadLineOut>),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn caseload(
    State(state): State<AppState>,
    user: ApiUser,
) -> AppResult<Json<Vec<CaseloadLineOut>>> {
    let lines = user.access(&state, Purpose::FollowUp).caseload().await?;
    Ok(Json(
        lines
            .into_iter()
            .map(|l| CaseloadLineOut {
                person_id: l.person_id.to_string(),
                person_name: l.person_name,
                plan_id: l.plan_id,
                next_revision: l.next_revision.map(|d| d.to_string()),
                due: l.due.code().to_string(),
                kind: ettlag_core::Coded::code(l.kind).to_string(),
                coordinators: Vec::new(),
            })
            .collect(),
    ))
}

/// Every plan's status and each coordinator's load: the coordinating
/// unit's.
#[utoipa::path(
    get,
    operation_id = "getCoordinationOverview",
    path = "/api/v1/coordination",
    tag = "plans",
    responses(
        (status = 200, description = "The overview", body = OverviewOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller is not in the coordinating unit", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn overview(
    State(state): State<AppState>,
    user: ApiUser,
) -> AppResult<Json<OverviewOut>> {
    let o = user
        .access(&state, Purpose::FollowUp)
        .coordination_overview()
        .await?;
    Ok(Json(OverviewOut {
        lines: o
            .lines
            .into_iter()
            .map(|l| CaseloadLineOut {
                person_id: l.person_id.to_string(),
                person_name: l.person_name,
                plan_id: l.plan_id,
                next_revision: l.next_revision.map(|d| d.to_string()),
                due: l.due.code().to_string(),
                kind: String::new(),
                coordinators: l.coordinators.into_iter().map(CoordinatorOut::of).collect(),
            })
            .collect(),
        load: o
            .load
            .into_iter()
            .map(|l| LoadOut {
                staff_id: l.staff_id.to_string(),
                staff_name: l.staff_name,
                people: l.people,
                without_plan: l.without_plan,
                overdue: l.overdue,
                soon: l.soon,
            })
            .collect(),
    }))
}
