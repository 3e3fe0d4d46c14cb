//! Reading the queue (`GET /api/v1/intake`) and one item
//! (`GET /api/v1/intake/{id}`).

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::Coded;
use ettlag_core::ids::IntakeItemId;
use ettlag_core::intake::{Source, Status};
use ettlag_db::{QueueFilter, now_ms};
use serde::Deserialize;
use utoipa::IntoParams;

use super::out::{IntakeDetail, IntakeItem};
use super::{answer, bad, purpose};
use crate::api::json::{ApiError, ApiQuery};
use crate::error::AppResult;
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// The queue's filters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `new`, `assigned` or `closed`; left out: every item not closed
    /// (`intake-error-status` for another value).
    pub status: Option<String>,
    /// `true`: only items near or past their deadline
    /// (`intake-error-urgent` for a value other than `true`/`false`).
    pub urgent: Option<String>,
    /// Only items that came in this way: `self_referral`, `staff_request`,
    /// `referral` or `plan_notice` (`intake-error-kind` for another value).
    pub source: Option<String>,
}

impl QueueQuery {
    fn parse(&self) -> AppResult<QueueFilter> {
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(Status::from_code(code).ok_or_else(|| bad("intake-error-status"))?),
        };
        let urgent_only = match self.urgent.as_deref().map(str::trim) {
            None | Some("" | "false" | "0") => false,
            Some("true" | "1") => true,
            Some(_) => return Err(bad("intake-error-urgent")),
        };
        let source = match self.source.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(Source::from_code(code).ok_or_else(|| bad("intake-error-kind"))?),
        };
        Ok(QueueFilter {
            status,
            urgent_only,
            source,
        })
    }
}

/// The queue the caller may see: all of it for intake staff; what was
/// assigned to them, their unit or their team, and their own requests, for
/// others. Overdue first, then near the deadline, then by deadline. Each
/// item listed is recorded in the access log.
#[utoipa::path(
    get,
    operation_id = "listIntake",
    path = "/api/v1/intake",
    tag = "intake",
    params(QueueQuery),
    responses(
        (status = 200, description = "The items", body = Vec<IntakeItem>),
        (status = 400, description = "Bad query (`error-bad-query`), status (`intake-error-status`), urgent (`intake-error-urgent`) or source (`intake-error-kind`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> AppResult<Json<Vec<IntakeItem>>> {
    let filter = query.parse()?;
    let items = user
        .access(&state, purpose(&user))
        .intake_queue(&filter)
        .await?;
    let now = now_ms();
    let mut out: Vec<IntakeItem> = items.iter().map(|i| IntakeItem::of(i, now)).collect();
    // Past the deadline first, then near it; the store orders by deadline.
    out.sort_by_key(|i| i.clock);
    Ok(Json(out))
}

/// One item with its triage steps, and its version as `ETag`. Anyone who
/// may not see it gets exactly the same 404 as for an id that names nothing.
#[utoipa::path(
    get,
    operation_id = "getIntakeItem",
    path = "/api/v1/intake/{id}",
    tag = "intake",
    params(("id" = String, Path, description = "The item's id")),
    responses(
        (status = 200, description = "The item", body = IntakeDetail,
         headers(("ETag" = String, description = "The version, `\"<version>\"`"))),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such item, or not one the caller may see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<IntakeItemId>,
) -> AppResult<Response> {
    let item = user.access(&state, purpose(&user)).intake_item(&id).await?;
    Ok(answer(item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;

    fn query(status: Option<&str>, urgent: Option<&str>) -> QueueQuery {
        QueueQuery {
            status: status.map(str::to_string),
            urgent: urgent.map(str::to_string),
            source: None,
        }
    }

    #[test]
    fn filters_are_strict() {
        let f = query(Some("closed"), Some("true")).parse().expect("ok");
        assert_eq!(f.status, Some(Status::Closed));
        assert!(f.urgent_only);
        let f = query(None, None).parse().expect("ok");
        assert_eq!(f.status, None);
        assert!(!f.urgent_only);
        assert_eq!(
            query(Some("open"), None).parse().map(|_| ()),
            Err(AppError::BadRequest("intake-error-status".into()))
        );
        assert_eq!(
            query(None, Some("yes")).parse().map(|_| ()),
            Err(AppError::BadRequest("intake-error-urgent".into()))
        );
        let mut q = query(None, None);
        q.source = Some("referral".into());
        assert_eq!(q.parse().expect("ok").source, Some(Source::Referral));
        q.source = Some("report".into());
        assert_eq!(
            q.parse().map(|_| ()),
            Err(AppError::BadRequest("intake-error-kind".into()))
        );
    }
}
