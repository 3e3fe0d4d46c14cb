//! Errors a handler can return. The response carries only the kind; the
//! `error_pages` middleware renders it in the user's language, as a page or as
//! JSON for the API.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ettlag_db::DbError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// Missing, or hidden from this user: the two look the same.
    NotFound,
    Forbidden,
    /// Input was refused; the message id says why.
    BadRequest(String),
    Conflict(String),
    /// The record changed since it was read (If-Match failed).
    Stale,
    Unauthorized,
    TooManyRequests,
    Internal,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Stale => StatusCode::PRECONDITION_FAILED,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The Fluent id of the message shown to the user.
    pub fn message_key(&self) -> String {
        match self {
            AppError::NotFound => "error-not-found".into(),
            AppError::Forbidden => "error-forbidden".into(),
            AppError::BadRequest(key) | AppError::Conflict(key) => key.clone(),
            AppError::Stale => "error-stale".into(),
            AppError::Unauthorized => "error-unauthorized".into(),
            AppError::TooManyRequests => "error-too-many-requests".into(),
            AppError::Internal => "error-internal".into(),
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Forbidden => AppError::Forbidden,
            DbError::Stale => AppError::Stale,
            // A rule of the log refused the change in its present state.
            DbError::Refused(key) => AppError::Conflict(key.to_string()),
            DbError::Conflict(what) => {
                AppError::Conflict(format!("error-conflict-{}", what.replace(' ', "-")))
            }
            other => {
                tracing::error!(error = %other, "store error");
                AppError::Internal
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
