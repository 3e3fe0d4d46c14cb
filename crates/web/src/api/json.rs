//! What every endpoint shares: JSON bodies and query strings whose rejections
//! become our own errors, the answer to a create, the error body, and input
//! checks.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::i18n::Tr;

/// A JSON request body. Anything that is not JSON of the expected shape
/// (syntax, missing or unknown fields, wrong types, unknown codes, a missing
/// `Content-Type: application/json`) is a 400 `error-bad-json`, rendered like
/// every other API error.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::BadRequest("error-too-large".into());
    }
    // The body text is the caller's own input; log only its kind.
    tracing::debug!(status = %rejection.status(), "api: refused json body");
    AppError::BadRequest("error-bad-json".into())
}

/// A query string; a malformed one is a 400 `error-bad-query`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(_) => Err(AppError::BadRequest("error-bad-query".into())),
        }
    }
}

/// The body of a successful create.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Created {
    /// The id of what was created (for a relation or an enrolment: the child's).
    #[schema(example = "0195f3a2-7c1e-7d3b-9a41-5b2f8e0c6d17")]
    pub id: String,
}

/// The answer to a successful create: 201, `Location` (the API path where the
/// result can be read) and `{"id": …}`.
pub fn created(id: &str, location: &str) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location.to_string())],
        Json(Created { id: id.to_string() }),
    )
        .into_response()
}

/// Every error the API returns, as an RFC 9457 problem
/// (`application/problem+json`): `title` names the kind of problem and
/// `detail` explains this one, both in the caller's language
/// (`Accept-Language`). `error` is a stable message id for programs, and
/// `message` repeats `detail` for clients written before.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiError {
    /// Always `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub kind: String,
    #[schema(example = "Fant ikke siden")]
    pub title: String,
    #[schema(example = 404)]
    pub status: u16,
    #[schema(example = "Vi fant ikke det du lette etter, eller du har ikke tilgang til det.")]
    pub detail: String,
    #[schema(example = "error-not-found")]
    pub error: String,
    #[schema(example = "Vi fant ikke det du lette etter, eller du har ikke tilgang til det.")]
    pub message: String,
}

impl ApiError {
    /// The problem of `status` with the message `key`, in the caller's language.
    pub fn new(tr: &Tr, status: StatusCode, key: &str, detail: String) -> ApiError {
        let title_key = format!("error-title-{}", status.as_u16());
        let mut title = tr.t(&title_key);
        if title == title_key {
            // A status without words of its own yet: its standard phrase.
            title = status.canonical_reason().unwrap_or("Error").to_string();
        }
        ApiError {
            kind: "about:blank".into(),
            title,
            status: status.as_u16(),
            detail: detail.clone(),
            error: key.to_string(),
            message: detail,
        }
    }
}

/// A problem as the answer: its status and `application/problem+json`. The
/// body is an [`ApiError`], or one with members of its own added.
pub fn problem(status: StatusCode, body: impl Serialize) -> Response {
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// The longest name (of a person or a unit) we accept, in characters.
pub const MAX_NAME: usize = 100;

/// A trimmed name of 1 to [`MAX_NAME`] characters, or `error-name-length`.
pub fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    let len = name.chars().count();
    if (1..=MAX_NAME).contains(&len) && !name.chars().any(char::is_control) {
        Ok(name.to_string())
    } else {
        Err(AppError::BadRequest("error-name-length".into()))
    }
}

/// A calendar date written `YYYY-MM-DD`, or `error-bad-date`.
pub fn check_date(text: &str) -> Result<String, AppError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match time::Date::parse(text, &format) {
        Ok(_) if shaped => Ok(text.to_string()),
        _ => Err(AppError::BadRequest("error-bad-date".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(check_name("  Ola ").ok().as_deref(), Some("Ola"));
        assert!(check_name("   ").is_err());
        assert!(check_name(&"å".repeat(100)).is_ok());
        assert!(check_name(&"å".repeat(101)).is_err());
        assert!(check_name("Ola\nNordmann").is_err());
    }

    #[test]
    fn dates_are_strict() {
        assert!(check_date("2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2024-2-01",
            "24-02-01",
            "2024-02-01T00:00",
            "",
            "abcd-ef-gh",
        ] {
            assert_eq!(
                check_date(bad),
                Err(AppError::BadRequest("error-bad-date".into())),
                "{bad}"
            );
        }
    }
}
