//! A second factor for local staff accounts (TOTP, RFC 6238): the second
//! step of a sign-in (a code, or enrolment where the municipality requires
//! it), and the staff member's own page to set it up, make new recovery
//! codes and remove it. Until
//! the second step passes there is no session, only a half-done sign-in
//! that opens these pages and nothing else.

mod code;
mod enrol_step;
mod finish;
mod own;
mod pages;
mod pending;
mod qr;
mod renew;
pub mod start;
mod verify;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(pending::CODE_PATH, get(code::get).post(code::post))
        .route(
            pending::ENROL_PATH,
            get(enrol_step::get).post(enrol_step::post),
        )
        .route(own::PATH, get(own::get))
        .route("/settings/second-factor/enrol", post(own::enrol))
        .route("/settings/second-factor/remove", post(own::remove))
        .route(renew::RENEW_PATH, post(renew::post))
}
