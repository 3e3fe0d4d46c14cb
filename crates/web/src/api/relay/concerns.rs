//! Level 0: `GET`/`POST /api/v1/children/{id}/concerns`,
//! `GET /api/v1/concerns/{id}` and `POST /api/v1/concerns/{id}/decision`.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ettlag_core::ids::ConcernId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::entry::parse_areas;
use ettlag_core::relay::{ConcernDecision, FamilyInformed};
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_core::{Day, PersonId, UnitId};
use ettlag_db::{NewConcern, now_ms};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{ApiArea, ApiDecision};
use super::family::{FamilyInformedIn, parse_family};
use super::{IfMatch, entry_error, etag, level, optional_text};
use crate::api::json::{ApiError, ApiJson, Created, created};
use crate::api::refs::{ChildRef, StaffRef, UnitRef};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// A concern about a child (level 0), and what was decided about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Concern {
    pub id: String,
    pub child: ChildRef,
    /// The unit it was raised from.
    pub unit: UnitRef,
    pub raised_by: StaffRef,
    /// Milliseconds since 1970-01-01 UTC.
    pub raised_at_ms: i64,
    /// When a decision is due.
    pub deadline_ms: i64,
    pub text: String,
    pub areas: Vec<ApiArea>,
    /// `YYYY-MM-DD`: since when it has been seen.
    pub since: Option<String>,
    pub decision: Option<ConcernOutcome>,
    /// The relay log the decision started.
    pub log_id: Option<String>,
    /// Increases with every change; send it back as `If-Match: "<version>"`.
    pub version: i64,
}

/// What was decided about a concern, by whom and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConcernOutcome {
    pub decision: ApiDecision,
    /// The level of the relay log started.
    pub level: Option<u8>,
    pub note: Option<String>,
    pub by: StaffRef,
    pub at_ms: i64,
}

impl From<ettlag_db::Concern> for Concern {
    fn from(c: ettlag_db::Concern) -> Self {
        Concern {
            id: c.id.to_string(),
            child: c.child.into(),
            unit: c.unit.into(),
            raised_by: c.raised_by.into(),
            raised_at_ms: c.raised_at_ms,
            deadline_ms: c.deadline_ms,
            text: c.text.to_string(),
            areas: c.areas.into_iter().map(Into::into).collect(),
            since: c.since.map(|d| d.to_string()),
            decision: c.decision.map(|d| {
                let (decision, level) = ApiDecision::of(d.decision);
                ConcernOutcome {
                    decision,
                    level,
                    note: d.note,
                    by: d.by.into(),
                    at_ms: d.at_ms,
                }
            }),
            log_id: c.log_id.map(|id| id.to_string()),
            version: c.version,
        }
    }
}

/// What a staff member wonders about.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewConcern)]
pub struct NewConcernIn {
    /// What was seen or heard: 1 to 4000 characters.
    #[schema(example = "Ada trekker seg unna i friminuttene.")]
    pub text: String,
    /// Development area codes; an unknown code gives `entry-error-area`.
    #[serde(default)]
    #[schema(value_type = Vec<ApiArea>)]
    pub areas: Vec<String>,
    /// `YYYY-MM-DD`: since when.
    #[serde(default)]
    pub since: Option<String>,
    /// One of the caller's units where the child is enrolled; by default the
    /// first of them.
    #[serde(default)]
    pub unit_id: Option<String>,
}

impl NewConcernIn {
    fn parse(&self, child: PersonId) -> Result<NewConcern, AppError> {
        let unit = match self.unit_id.as_deref() {
            Some(u) => Some(
                UnitId::parse(u.trim())
                    .ok_or_else(|| AppError::BadRequest("concern-error-unit".into()))?,
            ),
            None => None,
        };
        let since = match self.since.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => {
                Some(Day::parse(s).map_err(|e| AppError::BadRequest(e.message_key().into()))?)
            }
            _ => None,
        };
        Ok(NewConcern {
            child,
            unit,
            text: Text::parse(&self.text, MAX_TEXT).map_err(entry_error)?,
            areas: parse_areas(&self.areas).map_err(entry_error)?,
            since,
        })
    }
}

/// The decision about a concern.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ConcernDecisionRequest)]
pub struct DecisionIn {
    /// An unknown code gives `concern-error-decision`.
    #[schema(value_type = ApiDecision)]
    pub decision: Option<String>,
    /// 1, 2 or 3: required for `start_log`, ignored otherwise.
    #[schema(minimum = 1, maximum = 3)]
    pub level: Option<i64>,
    /// Whether and how the family was told: required for `start_log`,
    /// ignored otherwise.
    pub family_informed: Option<FamilyInformedIn>,
    pub note: Option<String>,
}

impl DecisionIn {
    fn parse(&self) -> Result<Decision, AppError> {
        let decision = match self.decision.as_deref().map(str::trim) {
            Some("close") => ConcernDecision::Close,
            Some("report_to_child_welfare") => ConcernDecision::ReportToChildWelfare,
            Some("start_log") => ConcernDecision::StartLog(level(self.level)?),
            _ => return Err(AppError::BadRequest("concern-error-decision".into())),
        };
        let family = match decision {
            ConcernDecision::StartLog(_) => {
                Some(parse_family(self.family_informed.as_ref(), now_ms())?)
            }
            _ => None,
        };
        Ok(Decision {
            decision,
            family,
            note: optional_text(self.note.as_deref(), MAX_TEXT)?,
        })
    }
}

/// A decision as parsed.
struct Decision {
    decision: ConcernDecision,
    family: Option<FamilyInformed>,
    note: Option<Text>,
}

/// The answer to a decision.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ConcernDecided)]
pub struct DecidedOut {
    /// The relay log started (`start_log`), else null.
    pub log_id: Option<String>,
}

/// The concerns about a child that the caller may see, newest first. A child
/// the caller may not see has none.
#[utoipa::path(
    get,
    operation_id = "listConcerns",
    path = "/api/v1/children/{id}/concerns",
    tag = "relay",
    params(("id" = String, Path, description = "The child's id")),
    responses(
        (status = 200, description = "The concerns", body = [Concern]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "Not a valid id", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
) -> AppResult<Json<Vec<Concern>>> {
    let concerns = user
        .access(&state, Purpose::FollowUp)
        .concerns_of(&child)
        .await?;
    Ok(Json(concerns.into_iter().map(Concern::from).collect()))
}

/// Raises a concern about a child of one of the caller's units and starts
/// the clock for a decision.
#[utoipa::path(
    post,
    operation_id = "raiseConcern",
    path = "/api/v1/children/{id}/concerns",
    tag = "relay",
    params(("id" = String, Path, description = "The child's id")),
    request_body = NewConcernIn,
    responses(
        (status = 201, description = "Raised; `Location` is the concern's path", body = Created),
        (status = 400, description = "Bad JSON, text (`entry-error-…`), area (`entry-error-area`), date (`error-bad-date`) or unit (`concern-error-unit`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such child, or not one the caller may see", body = ApiError),
        (status = 409, description = "The child is not in that unit of the caller's (`concern-error-unit`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
    ApiJson(new): ApiJson<NewConcernIn>,
) -> AppResult<Response> {
    let new = new.parse(child)?;
    let id = user
        .access(&state, Purpose::FollowUp)
        .raise_concern(new)
        .await?;
    Ok(created(&id, &format!("/api/v1/concerns/{id}")))
}

/// One concern, with its version as `ETag`. A concern the caller may not see
/// gives exactly the same 404 as an id that names nothing.
#[utoipa::path(
    get,
    operation_id = "getConcern",
    path = "/api/v1/concerns/{id}",
    tag = "relay",
    params(("id" = String, Path, description = "The concern's id")),
    responses(
        (status = 200, description = "The concern", body = Concern,
         headers(("ETag" = String, description = "The version, `\"<version>\"`"))),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such concern, or not one the caller may see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ConcernId>,
) -> AppResult<Response> {
    let concern = user.access(&state, Purpose::FollowUp).concern(&id).await?;
    let tag = etag(concern.version);
    Ok(([(header::ETAG, tag)], Json(Concern::from(concern))).into_response())
}

/// Decides a concern: close it, start a relay log at a level (the caller
/// holds the baton), or report to child welfare.
#[utoipa::path(
    post,
    operation_id = "decideConcern",
    path = "/api/v1/concerns/{id}/decision",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The concern's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the concern as read"),
    ),
    request_body = DecisionIn,
    responses(
        (status = 200, description = "Decided", body = DecidedOut),
        (status = 400, description = "Bad JSON, decision (`concern-error-decision`), level (`relay-error-level`), note (`entry-error-…`), or for `start_log` a missing or bad `family_informed` (`family-error-…`); nothing is written", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such concern, or not one the caller may see", body = ApiError),
        (status = 409, description = "Already decided, or the child already has an open relay log", body = ApiError),
        (status = 412, description = "The concern changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn decide(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ConcernId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<DecisionIn>,
) -> AppResult<Json<DecidedOut>> {
    let Decision {
        decision,
        family,
        note,
    } = body.parse()?;
    let log_id = user
        .access(&state, Purpose::FollowUp)
        .decide_concern(&id, decision, family, note, expected.0)
        .await
        .map_err(super::store_error)?;
    Ok(Json(DecidedOut {
        log_id: log_id.map(|id| id.to_string()),
    }))
}
