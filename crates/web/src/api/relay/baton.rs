//! Handing over the baton: the holder offers it (with a transition checklist
//! when the child moves on), the one offered accepts or declines, and the
//! holder may withdraw a waiting offer. The holder keeps the baton until a
//! new holder has accepted it.

use axum::extract::State;
use axum::response::Response;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::Transition;
use ettlag_core::text::MAX_TEXT;
use ettlag_core::{StaffId, UnitId};
use ettlag_db::LogCommand;
use serde::Deserialize;
use utoipa::ToSchema;

use super::codes::ApiChecklistItem;
use super::{IfMatch, OptionalJson, RecordedOut, optional_text, recorded, store_error};
use crate::api::json::{ApiError, ApiJson};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// An offer of the baton.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = BatonOfferRequest)]
pub struct OfferIn {
    /// The staff member offered the baton.
    pub to_staff_id: String,
    /// A unit where they work; the family's consent must cover it unless the
    /// child is enrolled there.
    pub to_unit_id: String,
    /// What the family said about who should hold the baton.
    pub family_wish: Option<String>,
    /// For a transition to another service: the checklist.
    pub transition: Option<TransitionIn>,
}

/// A transition's checklist as sent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = TransitionRequest)]
pub struct TransitionIn {
    /// Checklist codes done; an unknown code gives `transition-error-item`.
    #[serde(default)]
    #[schema(value_type = Vec<ApiChecklistItem>)]
    pub done: Vec<String>,
    /// What goes with the child.
    pub note: Option<String>,
}

fn ids(body: &OfferIn) -> Result<(StaffId, UnitId), AppError> {
    let not_in_unit = || AppError::BadRequest("baton-error-not-in-unit".into());
    Ok((
        StaffId::parse(body.to_staff_id.trim()).ok_or_else(not_in_unit)?,
        UnitId::parse(body.to_unit_id.trim()).ok_or_else(not_in_unit)?,
    ))
}

/// The holder offers the baton to a staff member of a unit.
#[utoipa::path(
    post,
    operation_id = "offerBaton",
    path = "/api/v1/relay-logs/{id}/baton/offer",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    request_body = OfferIn,
    responses(
        (status = 200, description = "Offered", body = RecordedOut),
        (status = 400, description = "Bad JSON, ids (`baton-error-not-in-unit`), checklist (`transition-error-…`) or texts (`entry-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the log but not change it", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "Not the holder, an offer waits, to oneself, not in that unit, consent does not cover the unit, or the log is closed", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn offer(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<OfferIn>,
) -> AppResult<Response> {
    let (to, to_unit) = ids(&body)?;
    let family_wish = optional_text(body.family_wish.as_deref(), MAX_TEXT)?;
    let transition = match &body.transition {
        Some(t) => Some(
            Transition::parse(&t.done, t.note.as_deref().unwrap_or(""))
                .map_err(|e| AppError::BadRequest(e.message_key().into()))?,
        ),
        None => None,
    };
    let command = LogCommand::OfferBaton {
        to,
        to_unit,
        family_wish,
        transition,
    };
    let event_id = user
        .access(&state, Purpose::FollowUp)
        .record(&id, command, expected.0)
        .await
        .map_err(store_error)?;
    Ok(recorded(event_id, expected))
}

async fn answer(
    state: &AppState,
    user: &ApiUser,
    id: &RelayLogId,
    command: LogCommand,
    expected: IfMatch,
) -> AppResult<Response> {
    let event_id = user
        .access(state, Purpose::FollowUp)
        .record(id, command, expected.0)
        .await
        .map_err(store_error)?;
    Ok(recorded(event_id, expected))
}

/// The one offered the baton takes it and becomes the holder. No body.
#[utoipa::path(
    post,
    operation_id = "acceptBaton",
    path = "/api/v1/relay-logs/{id}/baton/accept",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    responses(
        (status = 200, description = "Accepted; the caller holds the baton", body = RecordedOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "No offer waits, or it is for someone else", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn accept(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
) -> AppResult<Response> {
    answer(&state, &user, &id, LogCommand::AcceptBaton, expected).await
}

/// Why an offer is declined.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DeclineRequest)]
pub struct DeclineIn {
    pub reason: Option<String>,
}

/// The one offered the baton declines; the holder keeps it. The body may be
/// left out.
#[utoipa::path(
    post,
    operation_id = "declineBaton",
    path = "/api/v1/relay-logs/{id}/baton/decline",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    request_body(content = Option<DeclineIn>, description = "Optional"),
    responses(
        (status = 200, description = "Declined", body = RecordedOut),
        (status = 400, description = "Bad JSON or reason (`entry-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "No offer waits, or it is for someone else", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn decline(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
    OptionalJson(body): OptionalJson<DeclineIn>,
) -> AppResult<Response> {
    let reason = optional_text(body.reason.as_deref(), MAX_TEXT)?;
    let command = LogCommand::DeclineBaton { reason };
    answer(&state, &user, &id, command, expected).await
}

/// The holder withdraws a waiting offer. No body.
#[utoipa::path(
    post,
    operation_id = "withdrawBatonOffer",
    path = "/api/v1/relay-logs/{id}/baton/withdraw",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    responses(
        (status = 200, description = "Withdrawn", body = RecordedOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "Not the holder, or no offer waits", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn withdraw(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
) -> AppResult<Response> {
    answer(&state, &user, &id, LogCommand::WithdrawOffer, expected).await
}
