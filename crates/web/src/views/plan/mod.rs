//! The individual plan pages: the plan with the person's own words first,
//! its revision history and a printable copy; forms to make and revise it
//! (also from a level-3 relay log); assigning coordinators; and the
//! coordinator's caseload with what is due; the coordinating unit's
//! overview of every plan's status and each coordinator's load.

mod caseload;
mod form;
mod meetings;
mod overview;
mod page;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans/{id}", get(page::get))
        .route("/plans/{id}/print", get(page::print))
        .route(
            "/plans/{id}/revise",
            get(form::revise_get).post(form::revise_post),
        )
        .route("/children/{id}/plan", get(page::of_person))
        .route(
            "/children/{id}/plan/new",
            get(form::new_get).post(form::new_post),
        )
        .route(
            "/children/{id}/coordinators",
            get(caseload::coordinators_get).post(caseload::assign),
        )
        .route("/my/caseload", get(caseload::get))
        .route("/coordination", get(overview::get))
}
