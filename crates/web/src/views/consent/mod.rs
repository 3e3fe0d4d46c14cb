//! The consent pages: the child's consents on the child's page, the form
//! that records a new consent or refusal, a guardian joining a draft, and
//! withdrawing one. Everything goes through
//! the consent ledger of the store, which decides and audits each access.

pub(crate) mod display;
mod join;
mod new;
mod withdraw;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use ettlag_core::PersonId;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::children::{ChildShown, render_child};
use crate::views::form::{INVALID, see_other};

pub use display::{ConsentSection, ConsentState, notice};

/// The consent routes, merged into the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/children/{id}/consents/new", get(new::get).post(new::post))
        .route("/consents/{id}/withdraw", post(withdraw::post))
        .route("/consents/{id}/join", post(join::post))
}

/// Back to the child's page after a change to the ledger: with the notice
/// `done` when it went through, else with the refusal in words (422 for a
/// bad request, 409 for a consent already withdrawn).
async fn back_to_child(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    child: &PersonId,
    result: AppResult<()>,
    done: &str,
) -> AppResult<Response> {
    let path = format!("/children/{child}");
    let (status, error) = match result {
        Ok(()) => return Ok(see_other(&path, &[("done", done)])),
        Err(e @ AppError::BadRequest(_)) => (INVALID, e),
        Err(e @ AppError::Conflict(_)) => (StatusCode::CONFLICT, e),
        Err(e) => return Err(e),
    };
    let message = tr.t(&error.message_key());
    let shown = ChildShown {
        consent_error: Some((status, message)),
        ..ChildShown::default()
    };
    render_child(state, tr, user, child, shown).await
}
