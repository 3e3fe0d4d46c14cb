//! `GET /api/v1/persons/{id}` and `POST /api/v1/persons`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use ettlag_core::{NationalId, PersonId};
use ettlag_db::NewPerson;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{ApiPersonKind, ApiRelationKind};
use super::json::{ApiError, ApiJson, Created, check_name, created};
use super::{WRITE_PURPOSE, read_purpose};
use crate::error::{AppError, AppResult};
use crate::extractors::api_user::ApiUser;
use crate::extractors::id_path::IdPath;
use crate::state::AppState;

/// A person with the people and units around them, as far as the caller may
/// see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonDetail {
    pub id: String,
    pub kind: ApiPersonKind,
    /// The national identity number (11 digits), when registered.
    pub national_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`, when known.
    pub birth_date: Option<String>,
    /// Increases with every change of the person.
    pub version: i64,
    /// For a child: the adults around it. For an adult: the children. Only
    /// those the caller may see.
    pub relations: Vec<RelationOut>,
    /// For a child: where it is and was enrolled, newest first.
    pub enrolments: Vec<EnrolmentOut>,
}

/// Someone related to a person, seen from that person.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Relation)]
pub struct RelationOut {
    pub person_id: String,
    pub given_name: String,
    pub family_name: String,
    pub kind: ApiRelationKind,
}

/// A child's place in a unit over a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Enrolment)]
pub struct EnrolmentOut {
    pub unit_id: String,
    pub unit_name: String,
    /// `YYYY-MM-DD`
    pub from_date: String,
    /// `YYYY-MM-DD`; none while the enrolment lasts.
    pub to_date: Option<String>,
}

impl From<ettlag_db::PersonDetail> for PersonDetail {
    fn from(d: ettlag_db::PersonDetail) -> Self {
        let p = d.person;
        PersonDetail {
            id: p.id.into_string(),
            kind: p.kind.into(),
            national_id: p.national_id.map(|n| n.as_str().to_string()),
            given_name: p.given_name,
            family_name: p.family_name,
            birth_date: p.birth_date,
            version: p.version,
            relations: d
                .relations
                .into_iter()
                .map(|r| RelationOut {
                    person_id: r.person_id.into_string(),
                    given_name: r.given_name,
                    family_name: r.family_name,
                    kind: r.kind.into(),
                })
                .collect(),
            enrolments: d
                .enrolments
                .into_iter()
                .map(|e| EnrolmentOut {
                    unit_id: e.unit_id.into_string(),
                    unit_name: e.unit_name,
                    from_date: e.from_date,
                    to_date: e.to_date,
                })
                .collect(),
        }
    }
}

/// A new person for the register.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPerson)]
pub struct NewPersonIn {
    pub kind: ApiPersonKind,
    /// 11 digits (the example is a synthetic test number); spaces between groups are allowed. Checked (date of birth
    /// and control digits); a bad number gives 400 with a `nin-error-…` id.
    #[serde(default)]
    #[schema(example = "15812050092")]
    pub national_id: Option<String>,
    /// 1 to 100 characters after trimming.
    #[schema(min_length = 1, max_length = 100)]
    pub given_name: String,
    /// 1 to 100 characters after trimming.
    #[schema(min_length = 1, max_length = 100)]
    pub family_name: String,
}

/// One person, with the people and units around them. A person the caller
/// may not see gives exactly the same 404 as an id that names nobody.
#[utoipa::path(
    get,
    operation_id = "getPerson",
    path = "/api/v1/persons/{id}",
    tag = "persons",
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The person", body = PersonDetail),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 404, description = "No such person, or not one the caller may see", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath<PersonId>,
) -> AppResult<Json<PersonDetail>> {
    let detail = user.access(&state, read_purpose(&user)).person(&id).await?;
    Ok(Json(detail.into()))
}

/// Registers a child or an adult (administrators).
#[utoipa::path(
    post,
    operation_id = "createPerson",
    path = "/api/v1/persons",
    tag = "persons",
    request_body = NewPersonIn,
    responses(
        (status = 201, description = "Registered; `Location` is the person's path", body = Created),
        (status = 400, description = "Bad JSON, a bad name (`error-name-length`) or a bad national identity number (`nin-error-…`)", body = ApiError),
        (status = 401, description = "Missing or unknown token", body = ApiError),
        (status = 403, description = "The caller is not an administrator", body = ApiError),
        (status = 409, description = "The national identity number is already registered", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(new): ApiJson<NewPersonIn>,
) -> AppResult<Response> {
    let national_id = match new.national_id.as_deref() {
        Some(text) => Some(
            NationalId::parse(text)
                .map_err(|e| AppError::BadRequest(e.message_key().to_string()))?,
        ),
        None => None,
    };
    let person = NewPerson {
        kind: new.kind.into(),
        national_id,
        given_name: check_name(&new.given_name)?,
        family_name: check_name(&new.family_name)?,
    };
    let id = user
        .access(&state, WRITE_PURPOSE)
        .create_person(person)
        .await?;
    Ok(created(
        id.as_str(),
        &format!("/api/v1/persons/{}", id.as_str()),
    ))
}

#[cfg(test)]
mod tests {
    use ettlag_core::NationalId;

    #[test]
    fn the_documented_example_is_a_synthetic_number() {
        let example = NationalId::parse("15812050092");
        assert!(example.is_ok_and(|n| n.is_synthetic()));
    }
}
