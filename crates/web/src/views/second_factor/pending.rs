//! A half-done sign-in as a request sees it: the password was right and the
//! second step is to come. It has a cookie of its own and is no session:
//! `CurrentUser` never sees it, so it opens nothing but the second step's
//! own pages. Its forms carry its own CSRF token, checked here (the CSRF
//! middleware checks session tokens only).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use ettlag_core::second_factor::SecondStep;
use ettlag_db::SignInStep;

use crate::error::{AppError, AppResult};
use crate::extractors::current_user::{NotSignedIn, request_id};
use crate::middleware::csrf::constant_time_eq;
use crate::middleware::session::cookie;
use crate::state::AppState;

/// Where each kind of second step is taken.
pub const CODE_PATH: &str = "/login/second-factor";
pub const ENROL_PATH: &str = "/login/second-factor/enrol";

/// The cookie of a half-done sign-in; `__Host-` under TLS as the session's.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Host-ettlag_sign_in_step"
    } else {
        "ettlag_sign_in_step"
    }
}

/// Sets (or with an empty token, deletes) the half-done sign-in's cookie:
/// HttpOnly, SameSite=Strict, Secure under TLS, gone with its ten minutes.
pub fn set_cookie(state: &AppState, response: &mut Response, token: &str) {
    let max_age = if token.is_empty() { 0 } else { 600 };
    let mut c = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}",
        cookie_name(state)
    );
    if state.config.secure_cookies {
        c.push_str("; Secure");
    }
    if let Ok(v) = HeaderValue::from_str(&c) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// The half-done sign-in of this request.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    pub token: String,
    pub step: SignInStep,
    pub request_id: String,
}

impl PendingSignIn {
    /// Refuses a form that does not carry this sign-in's own token.
    pub fn check_csrf(&self, sent: &str) -> AppResult<()> {
        if constant_time_eq(sent, &self.step.csrf_token) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The page of this sign-in's second step.
    pub fn path(&self) -> &'static str {
        match self.step.kind {
            SecondStep::Enrol => ENROL_PATH,
            SecondStep::Code | SecondStep::None => CODE_PATH,
        }
    }
}

/// Without a live half-done sign-in (or for an account deactivated since
/// its password), back to the sign-in page.
impl FromRequestParts<AppState> for PendingSignIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie(&parts.headers, cookie_name(state))
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or(NotSignedIn::Redirect)?;
        let store = &state.store;
        let step = store.sign_in_step(&token).await;
        let step = step
            .map_err(|e| NotSignedIn::Error(e.into()))?
            .ok_or(NotSignedIn::Redirect)?;
        let active = store.actor(&step.tenant_id, &step.staff_id).await;
        if active.map_err(|e| NotSignedIn::Error(e.into()))?.is_none() {
            return Err(NotSignedIn::Redirect);
        }
        Ok(PendingSignIn {
            token,
            step,
            request_id: request_id(parts),
        })
    }
}
