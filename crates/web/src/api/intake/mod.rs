//! `/api/v1/intake` and `/api/v1/teams`: the intake queue behind the one
//! door.
//!
//! Intake staff (the coordinating unit) read the whole queue, register
//! referrals and plan notices, and triage: link an item to a child, note an
//! uncertain identity, name areas, merge, assign it to a unit, a person or a
//! team, set the level and close it. Anyone who follows a child asks for help
//! about that child (`source: staff_request`); the unit, person or team an
//! item went to reads it, sets its level, closes it and starts a relay log
//! from it. Every read and write goes through the caller's access context, so
//! the policy decides and the access log records it.
//!
//! Input is parsed with the core rules first, so a bad field is a 400 with
//! its precise message id and nothing is written. Triage steps honour
//! `If-Match: "<version>"` (412 when stale). Hidden and missing items answer
//! the same 404.

pub(super) mod out;
pub(super) mod queue;
pub(super) mod register;
pub(super) mod steps;
pub(super) mod teams;

use axum::Json;
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ettlag_core::policy::Purpose;
use ettlag_db::{DbError, now_ms};

use super::relay::etag;
use crate::error::AppError;
use crate::extractors::api_user::ApiUser;
use crate::state::AppState;

/// The intake routes, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/intake", get(queue::list).post(register::create))
        .route("/intake/{id}", get(queue::show))
        .route("/intake/{id}/steps", post(steps::step))
        .route("/intake/{id}/relay-log", post(steps::relay_log))
        .route("/teams", post(teams::create))
}

/// The purpose of a caller's work in the queue, as the pages choose it:
/// intake staff triage, everyone else follows up.
fn purpose(user: &ApiUser) -> Purpose {
    if ettlag_core::policy::Offers::of(&user.actor).triage {
        Purpose::Triage
    } else {
        Purpose::FollowUp
    }
}

/// Refusals about the input itself rather than the item's state: a person,
/// an item or an assignee that does not exist, a merge into itself, a team
/// member outside the unit named, no member at all, a request about no child.
const INPUT_REFUSALS: [&str; 8] = [
    "intake-error-unknown-person",
    "intake-error-unknown-item",
    "intake-error-assignee",
    "intake-error-merge-self",
    "intake-error-area",
    "intake-error-level",
    "intake-error-no-child",
    "team-error-members",
];

/// A store error, where a refusal about the input is a 400 like the same
/// mistake caught before the store; the others are conflicts with the
/// item's state (409), stale versions (412), 403 and 404.
fn store_error(e: DbError) -> AppError {
    match e {
        DbError::Refused(key)
            if INPUT_REFUSALS.contains(&key) || key == "team-error-member-unit" =>
        {
            AppError::BadRequest(key.to_string())
        }
        other => other.into(),
    }
}

/// 200 with an item and its version as `ETag`.
fn answer(item: ettlag_db::IntakeItem) -> Response {
    let tag = etag(item.version);
    let body = Json(out::IntakeDetail::of(item, now_ms()));
    (StatusCode::OK, [(header::ETAG, tag)], body).into_response()
}

fn bad(key: &str) -> AppError {
    AppError::BadRequest(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_refusals_are_bad_requests() {
        assert_eq!(
            store_error(DbError::Refused("intake-error-assignee")),
            AppError::BadRequest("intake-error-assignee".into())
        );
        assert_eq!(
            store_error(DbError::Refused("team-error-member-unit")),
            AppError::BadRequest("team-error-member-unit".into())
        );
        assert_eq!(
            store_error(DbError::Refused("intake-error-closed")),
            AppError::Conflict("intake-error-closed".into())
        );
        assert_eq!(
            store_error(DbError::Refused("team-error-not-covered")),
            AppError::Conflict("team-error-not-covered".into())
        );
        assert_eq!(store_error(DbError::Stale), AppError::Stale);
        assert_eq!(store_error(DbError::NotFound), AppError::NotFound);
    }
}
