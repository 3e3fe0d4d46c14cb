//! Episodes: list a person's, start one, read one, end one.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ettlag_core::feedback::Tenths;
use ettlag_core::ids::EpisodeId;
use ettlag_core::policy::Purpose;
use ettlag_core::{Coded, PersonId, UnitId};
use ettlag_db::NewEpisode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::json::{ApiError, ApiJson, Created, created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::extractors::id_path::optional_id;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::feedback::explain;

/// A score as the API writes it: a decimal with one digit, "7.3".
pub(super) fn decimal(t: Tenths) -> String {
    t.format('.')
}

/// One episode in a person's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = FeedbackEpisodeLine)]
pub struct EpisodeLineOut {
    pub id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub pack_id: String,
    pub log_id: Option<String>,
    pub plan_id: Option<String>,
    pub started_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    pub answers: usize,
    pub alerts: usize,
}

/// An episode to start.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewFeedbackEpisode)]
pub struct EpisodeIn {
    /// One of the caller's own units (`feedback-error-unit`).
    pub unit_id: String,
    /// A pack of the municipality; its newest version is used (`feedback-error-pack`).
    pub pack_id: String,
    /// A relay log or plan of the same person to link (`feedback-error-linked`).
    #[serde(default)]
    pub log_id: Option<String>,
    #[serde(default)]
    pub plan_id: Option<String>,
}

/// An alert of an answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = FeedbackAlert)]
pub struct AlertOut {
    /// `total_below`, `item_below` or `drop`.
    pub rule: String,
    /// The alert in the caller's language.
    pub message: String,
}

/// One answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = FeedbackAnswer)]
pub struct AnswerOut {
    pub id: String,
    pub session: u16,
    /// `staff_meeting`, `parent` or `young_person`.
    pub respondent: String,
    pub at_ms: i64,
    /// The item scores as decimals, "7.3".
    pub items: Vec<String>,
    pub total: String,
    pub alerts: Vec<AlertOut>,
}

/// One scale of an episode with its answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = FeedbackScale)]
pub struct ScaleOut {
    pub scale_id: String,
    /// `outcome` or `alliance`.
    pub kind: String,
    pub answers: Vec<AnswerOut>,
    /// The clinical cut-off for the age at intake, if the scale has one.
    pub cutoff: Option<String>,
    /// The latest total against the first: `recovered`, `reliably_improved`,
    /// `unchanged` or `deteriorated`; none before two answers or for an
    /// alliance scale.
    pub change: Option<String>,
}

/// An episode with every answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = FeedbackEpisode)]
pub struct EpisodeOut {
    pub id: String,
    pub person_id: String,
    pub unit_id: String,
    pub pack_id: String,
    pub pack_version: String,
    pub log_id: Option<String>,
    pub plan_id: Option<String>,
    pub age_at_start: u8,
    pub started_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    pub scales: Vec<ScaleOut>,
}

/// Lists a person's feedback episodes, oldest first.
#[utoipa::path(
    get,
    operation_id = "listFeedbackEpisodes",
    path = "/api/v1/children/{id}/feedback",
    tag = "feedback",
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The episodes", body = Vec<EpisodeLineOut>),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such person, or not one whose feedback the caller may read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(person): IdPath<PersonId>,
) -> AppResult<Json<Vec<EpisodeLineOut>>> {
    let lines = user
        .access(&state, Purpose::FollowUp)
        .feedback_episodes_of(&person)
        .await?;
    Ok(Json(
        lines
            .into_iter()
            .map(|l| EpisodeLineOut {
                id: l.id.to_string(),
                unit_id: l.unit_id.to_string(),
                unit_name: l.unit_name,
                pack_id: l.pack_id,
                log_id: l.log_id.map(|id| id.to_string()),
                plan_id: l.plan_id.map(|id| id.to_string()),
                started_at_ms: l.started_at_ms,
                ended_at_ms: l.ended_at_ms,
                answers: l.answers,
                alerts: l.alerts,
            })
            .collect(),
    ))
}

/// Starts an episode for a person in one of the caller's units.
#[utoipa::path(
    post,
    operation_id = "startFeedbackEpisode",
    path = "/api/v1/children/{id}/feedback",
    tag = "feedback",
    params(("id" = String, Path, description = "The person's id")),
    request_body = EpisodeIn,
    responses(
        (status = 201, description = "Started; `Location` is the episode's path", body = Created),
        (status = 400, description = "Bad JSON", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such person, or not one the caller may follow up", body = ApiError),
        (status = 409, description = "Not the caller's unit, unknown pack, no birth date, or a log or plan of someone else (`feedback-error-unit`, `feedback-error-pack`, `feedback-error-no-birth-date`, `feedback-error-linked`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn start(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(person): IdPath<PersonId>,
    ApiJson(body): ApiJson<EpisodeIn>,
) -> AppResult<Response> {
    let unit = UnitId::parse(body.unit_id.trim())
        .ok_or(AppError::Conflict("feedback-error-unit".into()))?;
    let new = NewEpisode {
        person,
        unit,
        pack_id: body.pack_id,
        log_id: optional_id(body.log_id.as_deref(), "feedback-error-linked")?,
        plan_id: optional_id(body.plan_id.as_deref(), "feedback-error-linked")?,
    };
    let episode = user
        .access(&state, Purpose::FollowUp)
        .start_feedback_episode(new)
        .await
        .map_err(refused)?;
    Ok(created(&episode, &format!("/api/v1/feedback/{episode}")))
}

/// The rule an alert comes from, as the API names it.
fn rule(alert: &ettlag_core::feedback::Alert) -> &'static str {
    use ettlag_core::feedback::Alert;
    match alert {
        Alert::TotalBelow { .. } => "total_below",
        Alert::ItemBelow { .. } => "item_below",
        Alert::Drop { .. } => "drop",
    }
}

/// A domain refusal is the caller's conflict with the rules, a 409.
pub(super) fn refused(e: ettlag_db::DbError) -> AppError {
    match e {
        ettlag_db::DbError::Refused(key) => AppError::Conflict(key.into()),
        other => other.into(),
    }
}

/// Reads an episode with every answer, the change since intake and the alerts.
#[utoipa::path(
    get,
    operation_id = "getFeedbackEpisode",
    path = "/api/v1/feedback/{id}",
    tag = "feedback",
    params(("id" = String, Path, description = "The episode's id")),
    responses(
        (status = 200, description = "The episode", body = EpisodeOut),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such episode, or not one the caller may read", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    tr: Tr,
    user: ApiUser,
    IdPath(id): IdPath<EpisodeId>,
) -> AppResult<Json<EpisodeOut>> {
    let (e, pack) = user
        .access(&state, Purpose::FollowUp)
        .feedback_episode(&id)
        .await?;
    let scales = pack
        .scales()
        .iter()
        .map(|scale| {
            let answers: Vec<_> = e
                .answers
                .iter()
                .filter(|a| a.scale_id == scale.id())
                .collect();
            let change = match (answers.first(), answers.last()) {
                (Some(first), Some(last)) if answers.len() > 1 => scale
                    .classify(e.age_at_start, first.total, last.total)
                    .map(|o| o.code().to_string()),
                _ => None,
            };
            ScaleOut {
                scale_id: scale.id().to_string(),
                kind: scale.kind().code().to_string(),
                cutoff: scale
                    .band_for_age(e.age_at_start)
                    .map(|b| decimal(b.cutoff)),
                change,
                answers: answers
                    .iter()
                    .map(|a| AnswerOut {
                        id: a.id.to_string(),
                        session: a.session,
                        respondent: a.respondent.code().to_string(),
                        at_ms: a.at_ms,
                        items: a.items.iter().map(|t| decimal(*t)).collect(),
                        total: decimal(a.total),
                        alerts: a
                            .alerts
                            .iter()
                            .map(|al| AlertOut {
                                rule: rule(al).to_string(),
                                message: explain(&tr, &pack, scale.id(), al),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Json(EpisodeOut {
        id: e.id.to_string(),
        person_id: e.person_id.to_string(),
        unit_id: e.unit_id.to_string(),
        pack_id: e.pack_id,
        pack_version: e.pack_version,
        log_id: e.log_id.map(|id| id.to_string()),
        plan_id: e.plan_id.map(|id| id.to_string()),
        age_at_start: e.age_at_start,
        started_at_ms: e.started_at_ms,
        ended_at_ms: e.ended_at_ms,
        scales,
    }))
}

/// Ends an episode: no more answers, and it counts in the aggregates.
#[utoipa::path(
    post,
    operation_id = "endFeedbackEpisode",
    path = "/api/v1/feedback/{id}/end",
    tag = "feedback",
    params(("id" = String, Path, description = "The episode's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the episode but not end it", body = ApiError),
        (status = 404, description = "No such episode, or not one the caller may read", body = ApiError),
        (status = 409, description = "Already ended (`feedback-error-ended`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn end(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<EpisodeId>,
) -> AppResult<Response> {
    user.access(&state, Purpose::FollowUp)
        .end_feedback_episode(&id)
        .await
        .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
