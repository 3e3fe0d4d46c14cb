//! Concerns and relay logs over the API: raise and decide a concern, read a
//! log, write entries and corrections (never edits), change the level, hand
//! over the baton, close, and read the archive copy; plus the caller's desk.
//!
//! Every write goes through the store's access context, which asks the policy,
//! audits, and checks the log's rules by replaying it before anything is
//! written. Writes honour `If-Match: "<version>"` (412 when stale). Input is
//! parsed here with the core rules, so that a bad field is a 400 with its
//! precise message id and nothing is written.

pub(super) mod baton;
pub(super) mod codes;
pub(super) mod concerns;
pub(super) mod entries;
pub(crate) mod family;
pub(super) mod lifecycle;
pub(super) mod log_out;
pub(super) mod logs;
pub(super) mod me;
pub(super) mod out;
mod timeline;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ettlag_core::relay::{EntryError, Level};
use ettlag_core::text::Text;
use ettlag_db::DbError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::state::AppState;

/// The relay routes, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/children/{id}/concerns",
            get(concerns::list).post(concerns::create),
        )
        .route("/concerns/{id}", get(concerns::show))
        .route("/concerns/{id}/decision", post(concerns::decide))
        .route("/children/{id}/relay-logs", get(logs::list))
        .route("/relay-logs/{id}", get(logs::show))
        .route("/relay-logs/{id}/archive", get(logs::archive))
        .route("/relay-logs/{id}/candidates", get(logs::candidates))
        .route("/relay-logs/{id}/entries", post(entries::create))
        .route(
            "/relay-logs/{id}/entries/{entry_id}",
            get(entries::show)
                .put(entries::replace)
                .patch(entries::update)
                .delete(entries::delete)
                .fallback(entries::other_method),
        )
        .route("/relay-logs/{id}/level", post(lifecycle::change_level))
        .route("/relay-logs/{id}/close", post(lifecycle::close))
        .route("/relay-logs/{id}/baton/offer", post(baton::offer))
        .route("/relay-logs/{id}/baton/accept", post(baton::accept))
        .route("/relay-logs/{id}/baton/decline", post(baton::decline))
        .route("/relay-logs/{id}/baton/withdraw", post(baton::withdraw))
        .route("/me/work", get(me::work))
        .route("/me/notifications/{key}/read", post(me::read_notification))
}

/// The version a write expects, from `If-Match`. Absent or `*`: any version.
/// A single strong entity tag `"<version>"`: that version. Any other value
/// (a weak tag, a list, no quotes) cannot match under the strong comparison
/// `If-Match` asks for, so the write is refused as stale (412).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IfMatch(pub Option<i64>);

/// A version no record has: what a malformed `If-Match` expects.
const NO_VERSION: i64 = -1;

impl IfMatch {
    fn parse(value: Option<&HeaderValue>) -> IfMatch {
        let Some(value) = value else {
            return IfMatch(None);
        };
        let text = value.to_str().unwrap_or("").trim();
        if text == "*" {
            return IfMatch(None);
        }
        let version = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .and_then(|t| t.parse::<i64>().ok())
            .filter(|v| *v >= 0);
        IfMatch(Some(version.unwrap_or(NO_VERSION)))
    }

    /// The version after one change, when the caller named the one before.
    fn next(self) -> Option<i64> {
        self.0.filter(|v| *v != NO_VERSION).map(|v| v + 1)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(IfMatch::parse(parts.headers.get(header::IF_MATCH)))
    }
}

/// The `ETag` of a record at a version.
pub(super) fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// A JSON body that may also be left out: an empty body reads as `{}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionalJson<T>(pub T);

impl<T, S> FromRequest<S> for OptionalJson<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("error-too-large".into()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJson(T::default()));
        }
        serde_json::from_slice(&bytes)
            .map(OptionalJson)
            .map_err(|_| AppError::BadRequest("error-bad-json".into()))
    }
}

/// The answer to a change of a log.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RecordedEvent)]
pub struct RecordedOut {
    /// The id of the event written.
    pub event_id: String,
    /// The log's version after the change, when the request named the version
    /// before it in `If-Match` (also sent as `ETag`).
    pub version: Option<i64>,
}

/// 200 with the new event's id, and the new version when it is known.
fn recorded(event_id: String, expected: IfMatch) -> Response {
    let version = expected.next();
    let body = Json(RecordedOut { event_id, version });
    match version {
        Some(v) => ([(header::ETAG, etag(v))], body).into_response(),
        None => body.into_response(),
    }
}

/// Refusals about the input itself rather than the log's state: an entry
/// that names what is not in the log, a correction of another kind.
const INPUT_REFUSALS: [&str; 4] = [
    "relay-error-unknown-entry",
    "relay-error-correction-kind",
    "relay-error-not-an-entry",
    "measure-type-error-unknown",
];

/// A store error, where a refusal that is about the input itself is a 400
/// like the same mistake caught before the store.
fn store_error(e: DbError) -> AppError {
    match e {
        DbError::Refused(key)
            if key.starts_with("entry-error-")
                || key.starts_with("transition-error-")
                || key.starts_with("family-error-")
                || INPUT_REFUSALS.contains(&key) =>
        {
            AppError::BadRequest(key.to_string())
        }
        other => other.into(),
    }
}

fn entry_error(e: impl Into<EntryError>) -> AppError {
    AppError::BadRequest(e.into().message_key().to_string())
}

/// Optional free text: left out or blank is none; otherwise trimmed and
/// bounded like every text of a log.
pub(super) fn optional_text(text: Option<&str>, max: usize) -> Result<Option<Text>, AppError> {
    Text::parse_optional(text.unwrap_or_default(), max).map_err(entry_error)
}

/// An id from the path. One that could name nothing is the same 404 as one
/// that names nothing the caller may see.
pub(super) fn path_id(text: &str) -> Result<&str, AppError> {
    ettlag_core::ids::Id::<()>::parse(text)
        .map(|_| text)
        .ok_or(AppError::NotFound)
}

/// A level of 1, 2 or 3, or `relay-error-level`.
fn level(n: Option<i64>) -> Result<Level, AppError> {
    n.and_then(|n| u8::try_from(n).ok())
        .and_then(|n| Level::try_from(n).ok())
        .ok_or_else(|| AppError::BadRequest("relay-error-level".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: &'static str) -> IfMatch {
        IfMatch::parse(Some(&HeaderValue::from_static(v)))
    }

    #[test]
    fn if_match_names_one_version_or_none() {
        assert_eq!(IfMatch::parse(None), IfMatch(None));
        assert_eq!(parse("*"), IfMatch(None));
        assert_eq!(parse("\"7\""), IfMatch(Some(7)));
        assert_eq!(parse(" \"7\" "), IfMatch(Some(7)));
        for bad in ["7", "W/\"7\"", "\"x\"", "\"1\", \"2\"", "\"-3\"", ""] {
            assert_eq!(parse(bad), IfMatch(Some(NO_VERSION)), "{bad}");
        }
        assert_eq!(parse("\"7\"").next(), Some(8));
        assert_eq!(parse("7").next(), None);
    }

    #[test]
    fn input_refusals_are_bad_requests() {
        assert_eq!(
            store_error(DbError::Refused("entry-error-reference")),
            AppError::BadRequest("entry-error-reference".into())
        );
        assert_eq!(
            store_error(DbError::Refused("relay-error-closed")),
            AppError::Conflict("relay-error-closed".into())
        );
        assert_eq!(store_error(DbError::Stale), AppError::Stale);
        assert_eq!(
            level(Some(0)),
            Err(AppError::BadRequest("relay-error-level".into()))
        );
        assert_eq!(level(Some(3)), Ok(Level::Three));
        assert_eq!(
            level(None),
            Err(AppError::BadRequest("relay-error-level".into()))
        );
    }
}
