//! The consent pages: the child's consents on the child's page, the form
//! that records a new consent or refusal, a guardian joining a draft, and
//! withdrawing one. Everything goes through
//! the consent ledger of the store, which decides and audits each access.

mod display;
mod join;
mod new;
mod withdraw;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub use display::{ConsentSection, ConsentState};

/// The consent routes, merged into the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/children/{id}/consents/new", get(new::get).post(new::post))
        .route("/consents/{id}/withdraw", post(withdraw::post))
        .route("/consents/{id}/join", post(join::post))
}

/// The notice on the child's page after a consent was given or withdrawn.
pub fn notice(tr: &crate::i18n::Tr, done: &str) -> Option<String> {
    match done {
        "consent-given" => Some(tr.t("consent-done-given")),
        "consent-withdrawn" => Some(tr.t("consent-done-withdrawn")),
        "consent-joined" => Some(tr.t("consent-done-joined")),
        _ => None,
    }
}
