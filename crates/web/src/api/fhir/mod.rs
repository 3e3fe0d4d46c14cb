//! `/api/v1/fhir/…`: feedback exported as HL7 FHIR R4 JSON
//! (`application/fhir+json`). A pack is organisation data every colleague
//! reads; an answer and its total are the person's feedback, decided by the
//! feedback policy and audited like the pages. Paths carry ettlag's ids,
//! never a national identity number.

mod resources;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ettlag_core::feedback::Lang;
use ettlag_core::ids::AnswerId;
use ettlag_core::policy::Purpose;
use serde_json::Value;
use utoipa::ToSchema;

use super::json::ApiError;
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::i18n::Tr;
use crate::state::AppState;

/// The FHIR routes, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/fhir/Questionnaire/{id}", get(questionnaire))
        .route(
            "/fhir/QuestionnaireResponse/{id}",
            get(questionnaire_response),
        )
        .route("/fhir/Observation/{id}", get(observation))
}

/// A FHIR R4 resource as JSON.
#[derive(Debug, ToSchema)]
#[schema(value_type = Object)]
pub struct FhirResource(Value);

fn fhir(value: Value) -> Response {
    let resource = FhirResource(value);
    (
        [(header::CONTENT_TYPE, "application/fhir+json")],
        resource.0.to_string(),
    )
        .into_response()
}

fn lang(tr: &Tr) -> Lang {
    Lang::from_code(tr.code()).unwrap_or(Lang::Nb)
}

/// A pack id: 1–40 of a–z, 0–9, '-' and '_', as the loader requires.
fn pack_id(text: &str) -> Result<&str, AppError> {
    let ok = !text.is_empty()
        && text.len() <= 40
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    ok.then_some(text).ok_or(AppError::NotFound)
}

#[utoipa::path(
    get,
    operation_id = "getFhirQuestionnaire",
    path = "/api/v1/fhir/Questionnaire/{id}",
    tag = "feedback",
    params(("id" = String, Path, description = "The pack's id; its newest version")),
    responses(
        (status = 200, description = "The pack as a FHIR R4 Questionnaire: a group per scale, a decimal item (0–10, step 0.1) per line; texts in the language of `Accept-Language`", body = FhirResource, content_type = "application/fhir+json"),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such pack in the municipality", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn questionnaire(
    State(state): State<AppState>,
    tr: Tr,
    user: ApiUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id = pack_id(&id)?;
    let access = user.access(&state, Purpose::FollowUp);
    let pack = access.feedback_pack(id).await?;
    Ok(fhir(resources::questionnaire(&pack, lang(&tr))))
}

#[utoipa::path(
    get,
    operation_id = "getFhirQuestionnaireResponse",
    path = "/api/v1/fhir/QuestionnaireResponse/{id}",
    tag = "feedback",
    params(("id" = String, Path, description = "The answer's id")),
    responses(
        (status = 200, description = "One answer as a FHIR R4 QuestionnaireResponse with `valueDecimal` per item; the subject is `Patient/<person id>`", body = FhirResource, content_type = "application/fhir+json"),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such answer, or one of a person the caller does not follow", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn questionnaire_response(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<AnswerId>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let (episode, pack, answer) = access.feedback_answer(&id).await?;
    Ok(fhir(resources::questionnaire_response(
        &episode, &pack, &answer,
    )))
}

#[utoipa::path(
    get,
    operation_id = "getFhirObservation",
    path = "/api/v1/fhir/Observation/{id}",
    tag = "feedback",
    params(("id" = String, Path, description = "The answer's id; the Observation is its total")),
    responses(
        (status = 200, description = "The total of one answer as a FHIR R4 Observation (`valueQuantity`, derived from the QuestionnaireResponse)", body = FhirResource, content_type = "application/fhir+json"),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such answer, or one of a person the caller does not follow", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn observation(
    State(state): State<AppState>,
    tr: Tr,
    user: ApiUser,
    IdPath(id): IdPath<AnswerId>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let (episode, pack, answer) = access.feedback_answer(&id).await?;
    Ok(fhir(resources::observation(
        &episode,
        &pack,
        &answer,
        lang(&tr),
    )))
}
