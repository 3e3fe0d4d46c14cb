//! Staff single sign-on through the municipality's provider (Entra ID,
//! Ansattporten): the shared flow of `crate::oidc` with the staff's binding
//! cookie, then the staff member found by the provider's stable subject (or,
//! at the first sign-in, by the configured claim, and linked for good); a
//! deactivated account stays locked whatever the provider says; roles and
//! units from the provider's groups through the administrator's mapping;
//! an account of its own for a newcomer where the municipality's rule says
//! so; every step in the access log.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::oidc::LoginRefused;
use ettlag_db::OidcAudience;

use super::login::{LoginPage, start_session_from_provider};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::observe::RequestId;
use crate::middleware::session::LoadedSession;
use crate::oidc::flow::{self, Callback};
use crate::state::AppState;
use crate::views::layout::render;

mod claims;
mod who;

use who::Who;

const STAFF: OidcAudience = OidcAudience::Staff;

/// Sends the browser to the staff's identity provider.
pub async fn start(State(state): State<AppState>, tr: Tr) -> AppResult<Response> {
    let Some(provider) = state.staff_idp.clone() else {
        return Err(AppError::NotFound);
    };
    match flow::start(&state, &provider, STAFF, tr.code()).await? {
        Ok(started) => {
            let mut response = Redirect::to(&started.url).into_response();
            flow::append_cookie(response.headers_mut(), started.cookie);
            Ok(response)
        }
        Err(why) => Ok(refused(&state, tr, why.code(), "login-sso-error")),
    }
}

/// The provider sends the browser back here.
pub async fn callback(
    State(state): State<AppState>,
    tr: Tr,
    headers: HeaderMap,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    previous: Option<axum::Extension<LoadedSession>>,
    Query(cb): Query<Callback>,
) -> AppResult<Response> {
    let Some(provider) = state.staff_idp.clone() else {
        return Err(AppError::NotFound);
    };
    let mut response = match flow::finish(&state, &provider, STAFF, &headers, &cb).await? {
        Ok(signed_in) => {
            let previous = previous.map(|axum::Extension(old)| old);
            let who = Who {
                state: &state,
                provider: &provider,
                request_id: &request_id,
            };
            match who.staff(&signed_in).await? {
                Ok(staff) => {
                    start_session_from_provider(
                        &state,
                        &staff.tenant,
                        &staff.staff,
                        previous,
                        &request_id,
                        &signed_in.provider_session,
                    )
                    .await?
                }
                Err((reason, key)) => refused(&state, tr, reason, key),
            }
        }
        Err(LoginRefused::Cancelled) => refused(&state, tr, "cancelled", "login-sso-cancelled"),
        Err(why) => refused(&state, tr, why.code(), "login-sso-error"),
    };
    flow::append_cookie(response.headers_mut(), flow::clear_binding(&state, STAFF));
    Ok(response)
}

/// The sign-in page again with one plain message; the reason goes to the log.
fn refused(state: &AppState, tr: Tr, reason: &str, key: &str) -> Response {
    tracing::warn!(reason, "a staff single sign-on was refused");
    render(
        StatusCode::UNAUTHORIZED,
        &LoginPage::refused(state, tr, key),
    )
}
