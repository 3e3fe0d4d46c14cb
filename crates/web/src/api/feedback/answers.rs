//! Answers and one-time links of an episode.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use ettlag_core::Coded;
use ettlag_core::feedback::{Lang, Respondent, ScoreError, Tenths};
use ettlag_core::ids::EpisodeId;
use ettlag_core::policy::Purpose;
use ettlag_db::NewLink;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::episodes::refused;
use crate::api::json::{ApiError, ApiJson, Created, created};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::feedback::form::problem_message;

/// An answer to one scale, given in a meeting.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewFeedbackAnswer)]
pub struct AnswerIn {
    pub scale_id: String,
    /// One score per item, in order: a decimal string ("7.3" or "7,3") or a
    /// number (7.3), from 0 to 10 with at most one decimal. Every item is
    /// required.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
}

/// A one-time link to ask for.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewFeedbackLink)]
pub struct LinkIn {
    pub scale_id: String,
    /// `parent` or `young_person`.
    pub respondent: String,
}

/// A one-time link, shown this once: only its hash is stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = FeedbackLink)]
pub struct LinkOut {
    /// The path of the answering page, `/f/{token}`.
    pub url: String,
    pub expires_at_ms: i64,
}

/// One item's score as sent: a string as typed, or a JSON number.
fn score(value: Option<&Value>) -> Result<Tenths, ScoreError> {
    match value {
        Some(Value::String(s)) => Tenths::parse_item(s),
        Some(Value::Number(n)) => Tenths::parse_item(&n.to_string()),
        None | Some(Value::Null) => Err(ScoreError::Empty),
        Some(_) => Err(ScoreError::NotANumber),
    }
}

/// The 422 of a refused answer: a problem like every API error, with each
/// refused item named in `items`.
fn unprocessable(tr: &Tr, problems: Vec<(String, &'static str, String)>) -> Response {
    let first = problems
        .first()
        .map(|p| p.1)
        .unwrap_or("feedback-score-empty");
    let detail = problems
        .iter()
        .map(|p| p.2.clone())
        .collect::<Vec<_>>()
        .join(" ");
    let items: Vec<Value> = problems
        .into_iter()
        .map(|(item, error, message)| serde_json::json!({"item": item, "error": error, "message": message}))
        .collect();
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let mut body = serde_json::to_value(ApiError::new(tr, status, first, detail))
        .unwrap_or_else(|_| Value::Object(Default::default()));
    body["items"] = Value::Array(items);
    crate::api::problem(status, body)
}

/// Records an answer given in a meeting; scores are stored as tenths.
#[utoipa::path(
    post,
    operation_id = "answerFeedback",
    path = "/api/v1/feedback/{id}/answers",
    tag = "feedback",
    params(("id" = String, Path, description = "The episode's id")),
    request_body = AnswerIn,
    responses(
        (status = 201, description = "Recorded; `Location` is the episode's path", body = Created),
        (status = 400, description = "Bad JSON", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the episode but not answer in it", body = ApiError),
        (status = 404, description = "No such episode, or not one the caller may read", body = ApiError),
        (status = 409, description = "Unknown scale or an ended episode (`feedback-error-scale`, `feedback-error-ended`)", body = ApiError),
        (status = 422, description = "A missing, malformed or out-of-range item (`feedback-score-…`), each named under `items`; nothing is stored", body = ApiError, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn answer(
    State(state): State<AppState>,
    tr: Tr,
    user: ApiUser,
    IdPath(id): IdPath<EpisodeId>,
    ApiJson(body): ApiJson<AnswerIn>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let (_, pack) = access.feedback_episode(&id).await?;
    let scale = pack
        .scale(&body.scale_id)
        .ok_or(AppError::Conflict("feedback-error-scale".into()))?;
    let lang = Lang::from_code(tr.code()).unwrap_or(Lang::Nb);
    if body.items.len() > scale.items().len() {
        let e = ScoreError::ItemCount {
            expected: scale.items().len(),
            found: body.items.len(),
        };
        return Ok(unprocessable(
            &tr,
            vec![(String::new(), e.message_key(), tr.t(e.message_key()))],
        ));
    }
    let mut scores = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in scale.items().iter().enumerate() {
        match score(body.items.get(i)) {
            Ok(t) => scores.push(t),
            Err(e) => problems.push((
                item.id().to_string(),
                e.message_key(),
                problem_message(&tr, &item.text(lang).label, &e),
            )),
        }
    }
    if !problems.is_empty() {
        return Ok(unprocessable(&tr, problems));
    }
    access
        .record_feedback_answer(&id, scale.id(), scores)
        .await
        .map_err(refused)?;
    Ok(created(&id, &format!("/api/v1/feedback/{id}")))
}

/// Makes a one-time link for a parent or the young person to answer on
/// their own phone. The link is in this answer only.
#[utoipa::path(
    post,
    operation_id = "createFeedbackLink",
    path = "/api/v1/feedback/{id}/links",
    tag = "feedback",
    params(("id" = String, Path, description = "The episode's id")),
    request_body = LinkIn,
    responses(
        (status = 201, description = "Made; the link is shown this once", body = LinkOut),
        (status = 400, description = "Bad JSON or respondent (`feedback-error-respondent`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller may read the episode but not ask for answers", body = ApiError),
        (status = 404, description = "No such episode, or not one the caller may read", body = ApiError),
        (status = 409, description = "Unknown scale or an ended episode (`feedback-error-scale`, `feedback-error-ended`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn link(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<EpisodeId>,
    ApiJson(body): ApiJson<LinkIn>,
) -> AppResult<Response> {
    let respondent = Respondent::from_code(&body.respondent)
        .filter(|r| *r != Respondent::StaffMeeting)
        .ok_or(AppError::BadRequest("feedback-error-respondent".into()))?;
    let new = NewLink {
        episode: id.clone(),
        scale_id: body.scale_id,
        respondent,
    };
    let (token, expires_at_ms) = user
        .access(&state, Purpose::FollowUp)
        .create_feedback_link(new)
        .await
        .map_err(refused)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/feedback/{id}"))],
        Json(LinkOut {
            url: format!("/f/{token}"),
            expires_at_ms,
        }),
    )
        .into_response())
}
