//! The family portal ("borgerland"): pages in plain language for parents and
//! young people. A citizen is signed in with their own cookie and session,
//! apart from staff's, and reaches data only through the store's
//! [`ettlag_db::CitizenAccess`], which asks the citizen policy and audits.
//!
//! Forms here carry the citizen session's own CSRF token, checked by
//! [`CitizenUser::check_csrf`]; the shared CSRF middleware checks the origin.

mod asked;
mod chrome;
mod consents;
mod download;
mod feedback;
mod home;
mod log;
mod login;
mod logout;
mod looked;
mod meetings;
mod notices;
pub mod oidc;
mod plain;
mod plain_words;
mod requests;
mod staff_side;
mod write;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use ettlag_core::PersonId;
use ettlag_core::policy::citizen::Citizen;
use ettlag_db::{AuditBatch, CitizenAccess};

pub use chrome::PortalChrome;

use crate::error::AppError;
use crate::extractors::current_user::request_id;
use crate::middleware::session::cookie;
use crate::state::AppState;

/// The portal's session cookie: another name than staff's, so the two never mix.
pub fn citizen_cookie(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Host-ettlag_citizen"
    } else {
        "ettlag_citizen"
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/portal", get(home::family))
        .route("/portal/login", get(login::get).post(login::post))
        .route("/portal/logout", post(logout::post))
        .route("/portal/signed-out", get(logout::signed_out))
        .route("/portal/oidc/start", get(oidc::start))
        .route("/portal/oidc/callback", get(oidc::callback))
        .route(
            "/portal/oidc/frontchannel-logout",
            get(super::provider_logout::citizen_front_channel),
        )
        .route(
            "/portal/oidc/backchannel-logout",
            post(super::provider_logout::citizen_back_channel),
        )
        .route("/portal/children/{id}", get(home::member))
        .route("/portal/children/{id}/log", get(log::log))
        .route("/portal/notices", get(notices::get).post(notices::post))
        .route(
            "/portal/children/{id}/consents",
            get(consents::list).post(consents::give),
        )
        .route(
            "/portal/children/{id}/consents/{consent}/withdraw",
            post(consents::withdraw),
        )
        .route(
            "/portal/children/{id}/consents/{consent}/join",
            post(consents::join),
        )
        .route("/portal/children/{id}/looked", get(looked::looked))
        .route("/portal/children/{id}/download.json", get(download::json))
        .route("/portal/children/{id}/document", get(download::document))
        .route(
            "/portal/children/{id}/write",
            get(write::get).post(write::post),
        )
        .route(
            "/portal/children/{id}/feedback/{episode}/{scale}",
            get(feedback::get).post(feedback::post),
        )
        .route(
            "/portal/children/{id}/meetings/{meeting}/calendar.ics",
            get(meetings::calendar),
        )
        .route("/plain", get(plain::get).post(plain::post))
        .route("/plain/live", post(plain::live))
        .route("/plain/check", post(plain::check))
        .route(
            "/admin/glossary",
            get(plain::glossary_get).post(plain::glossary_post),
        )
        .route("/children/{id}/family", get(staff_side::family))
        .route("/privacy/requests", get(staff_side::requests))
        .route("/privacy/requests/{id}/take", post(requests::take))
        .route("/privacy/requests/{id}/close", post(requests::close))
}

/// The signed-in citizen of a portal request.
#[derive(Debug, Clone)]
pub struct CitizenUser {
    pub citizen: Citizen,
    pub csrf_token: String,
    pub session_token: String,
    pub request_id: String,
    /// The request's access-log batch, sealed before the answer leaves.
    pub batch: Option<AuditBatch>,
}

impl CitizenUser {
    pub fn access(&self, state: &AppState) -> CitizenAccess {
        state
            .store
            .citizen_access(self.citizen.clone(), &self.request_id)
            .in_batch(self.batch.as_ref())
    }

    /// Checks a form's CSRF token against this session's.
    pub fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        let (a, b) = (token.as_bytes(), self.csrf_token.as_bytes());
        let same =
            a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
        if same {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// A portal page without a signed-in citizen sends them to the portal's sign-in.
#[derive(Debug)]
pub enum NotSignedIn {
    Redirect,
    Error(AppError),
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::Redirect => Redirect::to("/portal/login").into_response(),
            NotSignedIn::Error(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for CitizenUser {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, citizen_cookie(state))
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        else {
            return Err(NotSignedIn::Redirect);
        };
        let session = state
            .store
            .citizen_session(&token, state.config.session)
            .await
            .map_err(|e| NotSignedIn::Error(e.into()))?
            .ok_or(NotSignedIn::Redirect)?;
        Ok(CitizenUser {
            citizen: session.citizen,
            csrf_token: session.csrf_token,
            session_token: token,
            request_id: request_id(parts),
            batch: parts.extensions.get::<AuditBatch>().cloned(),
        })
    }
}

/// A person id from the path; anything else names no one.
pub fn person_id(text: &str) -> Result<PersonId, AppError> {
    PersonId::parse(text).ok_or(AppError::NotFound)
}
