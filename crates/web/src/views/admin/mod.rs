//! The administration pages under `/admin`: the municipality's units, staff
//! (and their personal API tokens) and persons, and CSV import. Administrators only; every read and write goes
//! through the access context with the purpose `Administration`.

mod api_tokens;
mod areas;
mod enrolments;
mod import;
mod ladder;
mod ladder_write;
mod overview;
mod persons;
mod relations;
mod settings;
mod sign_in;
mod staff;
mod staff_active;
mod staff_second_factor;
mod units;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use ettlag_core::policy::Purpose;

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::state::AppState;

/// Every admin page maintains the register.
pub const PURPOSE: Purpose = Purpose::Administration;

/// Administrators only. The store decides and audits this like any other
/// access, so a refused attempt at the register shows in the access log.
pub async fn require_admin(state: &AppState, user: &CurrentUser) -> AppResult<()> {
    user.access(state, PURPOSE).open_register().await?;
    Ok(())
}

/// The admin routes, merged into the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(overview::get))
        .route("/admin/units", get(units::list).post(units::create))
        .route("/admin/staff", get(staff::list).post(staff::create))
        .route("/admin/staff/{id}/active", post(staff_active::set))
        .route("/admin/api-tokens", get(api_tokens::list))
        .route("/admin/api-tokens/{id}/revoke", post(api_tokens::revoke))
        .route(
            "/admin/staff/{id}/second-factor/reset",
            post(staff_second_factor::reset),
        )
        .route("/admin/persons", get(persons::list).post(persons::create))
        .route("/admin/relations", post(relations::create))
        .route("/admin/enrolments", post(enrolments::create))
        .route("/admin/enrolments/end", post(enrolments::end))
        .route("/admin/import", get(import::page))
        .route("/admin/settings", get(settings::get).post(settings::post))
        .route("/admin/ladder", get(ladder::get))
        .route("/admin/ladder/steps", post(ladder_write::steps))
        .route("/admin/ladder/types", post(ladder_write::add))
        .route("/admin/ladder/types/{code}", post(ladder_write::update))
        .route("/admin/ladder/suggested", post(ladder_write::suggested))
        .route("/admin/ladder/services/{code}", post(ladder_write::service))
        .route("/admin/sign-in", get(sign_in::get))
        .route("/admin/sign-in/add", post(sign_in::add))
        .route("/admin/sign-in/remove", post(sign_in::remove))
        .route("/admin/areas", get(areas::get))
        .route("/admin/areas/{unit}", post(areas::post))
        .route(
            "/admin/import/{kind}",
            post(import::upload).layer(DefaultBodyLimit::max(import::MAX_BODY)),
        )
}
