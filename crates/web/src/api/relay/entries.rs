//! Entries of a relay log: `POST /api/v1/relay-logs/{id}/entries` writes one
//! (or a correction that supersedes an earlier one), `GET …/entries/{entry_id}`
//! reads one. The history is append-only: `PUT`, `PATCH` and `DELETE` of an
//! entry are refused with 405 and change nothing.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use ettlag_core::ids::RelayLogId;
use ettlag_core::policy::Purpose;
use ettlag_core::relay::EntryDraft;
use ettlag_db::LogCommand;
use serde::Deserialize;
use utoipa::ToSchema;

use super::codes::{ApiArea, ApiEntryKind, ApiOutcome};
use super::timeline::EntryRecord;
use super::{IfMatch, entry_error, etag, path_id, store_error};
use crate::api::json::{ApiError, ApiJson, Created, created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;

/// A new entry. Which fields count depends on `kind`; the others are ignored.
/// Dates are `YYYY-MM-DD`; texts are trimmed, 1 to 4000 characters.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewRelayEntry)]
pub struct NewEntryIn {
    /// An unknown kind gives `entry-error-kind`.
    #[schema(value_type = ApiEntryKind)]
    pub kind: Option<String>,
    /// concern, goal, agreement, observation, family_note.
    pub text: Option<String>,
    /// concern, goal: development area codes.
    #[schema(value_type = Option<Vec<ApiArea>>)]
    pub areas: Option<Vec<String>>,
    /// concern.
    pub since: Option<String>,
    /// measure: what will be done.
    pub what: Option<String>,
    /// measure: the responsible staff member's id.
    pub responsible: Option<String>,
    /// measure: the unit where the responsible person works.
    pub responsible_unit: Option<String>,
    /// measure.
    pub start: Option<String>,
    /// measure: not before `start`.
    pub evaluate_by: Option<String>,
    /// measure: the id of the goal entry it serves.
    pub goal: Option<String>,
    /// measure: the code of one of the municipality's measure types in use
    /// (`GET /api/v1/measure-types`), which puts it on a step of the ladder.
    /// Left out, the measure counts by the responsible unit's service. An
    /// unknown type or one taken out of use gives `measure-type-error-unknown`.
    pub measure_type: Option<String>,
    /// evaluation: the id of the measure entry evaluated.
    pub measure: Option<String>,
    /// evaluation.
    #[schema(value_type = Option<ApiOutcome>)]
    pub outcome: Option<String>,
    /// evaluation: what was learned.
    pub learned: Option<String>,
    /// evaluation: required unless the outcome is `end`.
    pub next_evaluation: Option<String>,
    /// participant: the unit's id.
    pub unit: Option<String>,
    /// participant: its task.
    pub task: Option<String>,
    /// family_note: who in the family said it (up to 200 characters).
    pub who: Option<String>,
    /// The id of the entry this one corrects; it must be of the same kind and
    /// not corrected already. Both stay in the timeline.
    pub supersedes: Option<String>,
    /// `relay_log` (the default: everyone who sees the log), `health` or
    /// `school` (only the units the family's consent names for it, the
    /// writer and the writer's unit). Anything else gives `entry-error-category`.
    pub category: Option<String>,
}

impl NewEntryIn {
    fn draft(self) -> EntryDraft {
        let s = |v: Option<String>| v.unwrap_or_default();
        EntryDraft {
            kind: s(self.kind),
            text: s(self.text),
            areas: self.areas.unwrap_or_default(),
            since: s(self.since),
            what: s(self.what),
            responsible: s(self.responsible),
            responsible_unit: s(self.responsible_unit),
            start: s(self.start),
            evaluate_by: s(self.evaluate_by),
            goal: s(self.goal),
            measure_type: s(self.measure_type),
            measure: s(self.measure),
            outcome: s(self.outcome),
            learned: s(self.learned),
            next_evaluation: s(self.next_evaluation),
            unit: s(self.unit),
            task: s(self.task),
            who: s(self.who),
            category: s(self.category),
        }
    }
}

/// Writes an entry, or with `supersedes` a correction of an earlier one.
#[utoipa::path(
    post,
    operation_id = "writeRelayEntry",
    path = "/api/v1/relay-logs/{id}/entries",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("If-Match" = Option<String>, Header, description = "`\"<version>\"` of the log as read"),
    ),
    request_body = NewEntryIn,
    responses(
        (status = 201, description = "Written; `Location` is the entry's path", body = Created),
        (status = 400, description = "Bad JSON or a bad field, with its precise id (`entry-error-…`, `error-bad-date`; for `supersedes`: `relay-error-unknown-entry`, `relay-error-correction-kind`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the log but not write to it", body = ApiError),
        (status = 404, description = "No such log, or not one the caller may see", body = ApiError),
        (status = 409, description = "The log's state refused it (closed, measure ended, entry already corrected, consent does not cover the unit)", body = ApiError),
        (status = 412, description = "The log changed since it was read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<RelayLogId>,
    expected: IfMatch,
    ApiJson(body): ApiJson<NewEntryIn>,
) -> AppResult<Response> {
    let supersedes = match body.supersedes.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Some(
            path_id(s)
                .map_err(|_| AppError::BadRequest("relay-error-unknown-entry".into()))?
                .to_string(),
        ),
        _ => None,
    };
    let draft = body.draft();
    let entry = draft.parse().map_err(entry_error)?;
    let category = draft.category().map_err(entry_error)?;
    let entry_id = user
        .access(&state, Purpose::FollowUp)
        .record(
            &id,
            LogCommand::Entry {
                entry,
                supersedes,
                category,
            },
            expected.0,
        )
        .await
        .map_err(store_error)?;
    let mut response = created(
        &entry_id,
        &format!("/api/v1/relay-logs/{id}/entries/{entry_id}"),
    );
    if let Some(v) = expected.next()
        && let Ok(value) = HeaderValue::from_str(&etag(v))
    {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}

/// One entry, with the entry that corrected it (if any).
#[utoipa::path(
    get,
    operation_id = "getRelayEntry",
    path = "/api/v1/relay-logs/{id}/entries/{entry_id}",
    tag = "relay",
    params(
        ("id" = String, Path, description = "The log's id"),
        ("entry_id" = String, Path, description = "The entry's id"),
    ),
    responses(
        (status = 200, description = "The entry", body = EntryRecord),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such entry in the log, or a log the caller may not see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    Path((id, entry_id)): Path<(String, String)>,
) -> AppResult<Json<EntryRecord>> {
    let id = RelayLogId::parse(&id).ok_or(AppError::NotFound)?;
    let view = user
        .access(&state, Purpose::FollowUp)
        .relay_log(&id)
        .await?;
    EntryRecord::find(&view, &entry_id)
        .map(Json)
        .ok_or(AppError::NotFound)
}

/// 405 with `Allow: GET` and the error body `relay-error-append-only`. Built
/// here rather than by the error middleware so that `Allow` survives.
fn append_only(tr: Tr) -> Response {
    const KEY: &str = "relay-error-append-only";
    let status = StatusCode::METHOD_NOT_ALLOWED;
    let mut response = crate::api::problem(status, ApiError::new(&tr, status, KEY, tr.t(KEY)));
    response
        .headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static("GET"));
    response
}

macro_rules! refused {
    ($name:ident, $method:ident, $operation:literal) => {
        /// Refused: entries are never changed or deleted. Write a correction
        /// (`POST …/entries` with `supersedes`) instead. Nothing changes.
        #[utoipa::path(
            $method,
            operation_id = $operation,
            path = "/api/v1/relay-logs/{id}/entries/{entry_id}",
            tag = "relay",
            params(
                ("id" = String, Path, description = "The log's id"),
                ("entry_id" = String, Path, description = "The entry's id"),
            ),
            responses(
                (status = 401, description = "Missing or unknown token", body = ApiError),
                (status = 405, description = "Always: `relay-error-append-only`, with `Allow: GET`", body = ApiError,
                 headers(("Allow" = String, description = "`GET`"))),
            ),
            security(("bearer" = []))
        )]
        pub async fn $name(_user: ApiUser, tr: Tr) -> Response {
            append_only(tr)
        }
    };
}

/// Any other method on an entry (`POST`, `OPTIONS`…): the same 405, so that
/// `Allow` never lists the refused methods.
pub async fn other_method(_user: ApiUser, tr: Tr) -> Response {
    append_only(tr)
}

refused!(replace, put, "replaceRelayEntry");
refused!(update, patch, "updateRelayEntry");
refused!(delete, delete, "deleteRelayEntry");
