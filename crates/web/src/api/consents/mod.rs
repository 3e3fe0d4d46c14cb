//! The consent ledger over the API: `GET`/`POST
//! /api/v1/children/{id}/consents`, `POST /api/v1/consents/{id}/join` and
//! `POST /api/v1/consents/{id}/withdraw`.
//!
//! Input is checked field by field first ([`ConsentDraft`]), so that a bad
//! field is a 400 with its precise message id and nothing is written. The
//! ledger then checks who gave the consent against the child's age; those
//! refusals keep their ids and are 400 too. Withdrawing a consent that is
//! already withdrawn is a 409.

pub(crate) mod out;

use crate::extractors::id_path::IdPath;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ettlag_core::PersonId;
use ettlag_core::ids::ConsentId;
use ettlag_core::policy::Purpose;
use ettlag_core::text::{MAX_TEXT, Text};
use ettlag_db::DbError;
use serde::Deserialize;
use utoipa::ToSchema;

pub use out::Consent;
use out::{ApiCategory, ApiEvidence, ApiStance};

use super::codes::ApiServiceType;
use super::json::{ApiError, ApiJson, Created, created};
use super::relay::OptionalJson;
use crate::consent_input::{ConsentDraft, today};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// The consent routes, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/children/{id}/consents", get(list).post(create))
        .route("/consents/{id}/withdraw", post(withdraw))
        .route("/consents/{id}/join", post(join))
}

/// A consent the family gave, as staff record it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewConsent)]
pub struct NewConsentIn {
    /// Person ids of those who gave it: one or more of the child's guardians
    /// with parental responsibility, or the child alone (`consent-error-grantor`,
    /// `consent-error-grantor-unknown`, `consent-error-guardian`,
    /// `consent-error-young-person`). Naming the child makes the basis
    /// `young_person`, else `guardians`.
    #[serde(default)]
    pub grantors: Vec<String>,
    /// What the information will be used for, in words the family
    /// understands: 1 to 1000 characters.
    #[serde(default)]
    #[schema(example = "Samarbeid mellom Nordli og Sørli skole om Ada.")]
    pub purpose: String,
    /// At least one (`consent-error-category`, `consent-error-category-unknown`).
    #[serde(default)]
    #[schema(value_type = Vec<ApiCategory>)]
    pub categories: Vec<String>,
    /// Ids of units of the municipality that may receive it
    /// (`consent-error-unit-unknown`).
    #[serde(default)]
    pub units: Vec<String>,
    /// Kinds of service whose every unit may receive it
    /// (`consent-error-service-unknown`). At least one unit or kind
    /// (`consent-error-recipient`).
    #[serde(default)]
    #[schema(value_type = Vec<ApiServiceType>)]
    pub service_types: Vec<String>,
    /// `YYYY-MM-DD`, today when left out (`error-bad-date`).
    #[serde(default)]
    pub valid_from: Option<String>,
    /// `YYYY-MM-DD`, the last day; left out: until withdrawn
    /// (`error-bad-date`, `consent-error-dates`).
    #[serde(default)]
    pub valid_to: Option<String>,
    /// `consent-error-evidence` when missing or unknown.
    #[serde(default)]
    #[schema(value_type = ApiEvidence)]
    pub evidence: Option<String>,
    /// `grant` (the default) or `refusal`: the family says no to the named
    /// recipients, which beats every consent (`consent-error-stance`).
    #[serde(default)]
    #[schema(value_type = Option<ApiStance>)]
    pub stance: Option<String>,
}

/// A guardian the consent waits for has given theirs too.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = JoinConsent)]
pub struct JoinIn {
    /// The guardian's person id (`consent-error-not-awaited` when the
    /// consent does not wait for them).
    pub guardian: String,
}

impl From<NewConsentIn> for ConsentDraft {
    fn from(n: NewConsentIn) -> Self {
        ConsentDraft {
            grantors: n.grantors,
            purpose: n.purpose,
            categories: n.categories,
            units: n.units,
            service_types: n.service_types,
            valid_from: n.valid_from,
            valid_to: n.valid_to,
            evidence: n.evidence,
            stance: n.stance,
        }
    }
}

/// Why a consent is withdrawn; the body may be left out.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WithdrawConsent)]
pub struct WithdrawIn {
    /// Up to 4000 characters.
    #[serde(default)]
    pub note: Option<String>,
}

/// A refusal of the ledger about what the consent says or who gave it is a
/// 400 like the same mistake caught before the ledger; a consent already
/// withdrawn is a conflict with its state.
fn ledger_error(e: DbError) -> AppError {
    match e {
        DbError::Refused(key) if key != "consent-error-withdrawn" => {
            AppError::BadRequest(key.to_string())
        }
        other => other.into(),
    }
}

/// The child's consents, newest first: in force, upcoming, ended and
/// withdrawn. Each one read is recorded in the access log.
#[utoipa::path(
    get,
    operation_id = "listConsents",
    path = "/api/v1/children/{id}/consents",
    tag = "consent",
    params(("id" = String, Path, description = "The child's id")),
    responses(
        (status = 200, description = "The consents", body = [Consent]),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such child, or not one the caller follows up", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
) -> AppResult<Json<Vec<Consent>>> {
    let records = user
        .access(&state, Purpose::FollowUp)
        .consents_of(&child)
        .await?;
    Ok(Json(records.into_iter().map(Consent::from).collect()))
}

/// Records a consent the family gave. It covers the named units and kinds of
/// service for the named categories from its first to its last day.
#[utoipa::path(
    post,
    operation_id = "giveConsent",
    path = "/api/v1/children/{id}/consents",
    tag = "consent",
    params(("id" = String, Path, description = "The child's id")),
    request_body = NewConsentIn,
    responses(
        (status = 201, description = "Recorded; `Location` is the child's consents, where it is listed", body = Created),
        (status = 400, description = "Bad JSON, or a field the consent must have or cannot have (`consent-error-…`, `error-bad-date`, `entry-error-control`), or the wrong people for the child's age (`consent-error-guardian`, `consent-error-young-person`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such child, or not one the caller follows up", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(child): IdPath<PersonId>,
    ApiJson(new): ApiJson<NewConsentIn>,
) -> AppResult<Response> {
    let access = user.access(&state, Purpose::FollowUp);
    let units: Vec<_> = access.units().await?.into_iter().map(|u| u.id).collect();
    let consent = ConsentDraft::from(new)
        .parse(&child, &units, today())
        .map_err(|problems| {
            let key = problems.first().map_or("error-bad-json", |(_, k)| k);
            AppError::BadRequest(key.to_string())
        })?;
    let id = access.give_consent(consent).await.map_err(ledger_error)?;
    Ok(created(&id, &format!("/api/v1/children/{child}/consents")))
}

/// Withdraws a consent at once: from the next request on, it covers no one.
/// It stays in the ledger as withdrawn.
#[utoipa::path(
    post,
    operation_id = "withdrawConsent",
    path = "/api/v1/consents/{id}/withdraw",
    tag = "consent",
    params(("id" = String, Path, description = "The consent's id")),
    request_body(content = Option<WithdrawIn>, description = "An optional note"),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 400, description = "Bad JSON or note (`entry-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such consent, or not one the caller may change", body = ApiError),
        (status = 409, description = "Already withdrawn (`consent-error-withdrawn`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn withdraw(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ConsentId>,
    OptionalJson(body): OptionalJson<WithdrawIn>,
) -> AppResult<Response> {
    let note = match body.note.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Some(
            Text::parse(t, MAX_TEXT).map_err(|e| AppError::BadRequest(e.message_key().into()))?,
        ),
        _ => None,
    };
    user.access(&state, Purpose::FollowUp)
        .withdraw_consent(&id, note)
        .await
        .map_err(ledger_error)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Records that a guardian the consent waits for (with joint parental
/// responsibility) has given their consent too. When the last one has, the
/// consent is in force.
#[utoipa::path(
    post,
    operation_id = "joinConsent",
    path = "/api/v1/consents/{id}/join",
    tag = "consent",
    params(("id" = String, Path, description = "The consent's id")),
    request_body = JoinIn,
    responses(
        (status = 204, description = "Joined"),
        (status = 400, description = "Bad JSON, or the consent does not wait for this person (`consent-error-not-awaited`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such consent, or not one the caller may change", body = ApiError),
        (status = 409, description = "Already withdrawn (`consent-error-withdrawn`)", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn join(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<ConsentId>,
    ApiJson(body): ApiJson<JoinIn>,
) -> AppResult<Response> {
    let guardian = PersonId::parse(body.guardian.trim())
        .ok_or_else(|| AppError::BadRequest("consent-error-not-awaited".into()))?;
    user.access(&state, Purpose::FollowUp)
        .join_consent(&id, &guardian)
        .await
        .map_err(ledger_error)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_about_the_consent_are_bad_requests() {
        assert_eq!(
            ledger_error(DbError::Refused("consent-error-guardian")),
            AppError::BadRequest("consent-error-guardian".into())
        );
        assert_eq!(
            ledger_error(DbError::Refused("consent-error-withdrawn")),
            AppError::Conflict("consent-error-withdrawn".into())
        );
        assert_eq!(ledger_error(DbError::NotFound), AppError::NotFound);
    }
}
