//! Signing families in through ID-porten (or any OpenID Connect provider set
//! up like it): the shared flow of `crate::oidc` with the citizen's binding
//! cookie, and the `pid` claim mapped to a person in the register. A refusal
//! shows the citizen one plain message; the reason goes to the server log.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::oidc::{LoginRefused, national_id};
use ettlag_db::OidcAudience;

use super::PortalChrome;
use super::login::{LoginPage, start_session};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::observe::RequestId;
use crate::oidc::flow::{self, Callback};
use crate::state::AppState;
use crate::views::layout::render;

const CITIZEN: OidcAudience = OidcAudience::Citizen;

/// Sends the browser to the identity provider.
pub async fn start(State(state): State<AppState>, tr: Tr) -> AppResult<Response> {
    let Some(provider) = state.citizen_idp.clone() else {
        return Err(AppError::NotFound);
    };
    match flow::start(&state, &provider, CITIZEN, tr.code()).await? {
        Ok(started) => {
            let mut response = Redirect::to(&started.url).into_response();
            flow::append_cookie(response.headers_mut(), started.cookie);
            Ok(response)
        }
        Err(why) => Ok(refused(&state, tr, why)),
    }
}

/// The provider sends the browser back here with a code.
pub async fn callback(
    State(state): State<AppState>,
    tr: Tr,
    headers: HeaderMap,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    Query(cb): Query<Callback>,
) -> AppResult<Response> {
    let Some(provider) = state.citizen_idp.clone() else {
        return Err(AppError::NotFound);
    };
    let signed_in = flow::finish(&state, &provider, CITIZEN, &headers, &cb).await?;
    let mut response = match signed_in.and_then(|s| national_id(&s.claims).map(|nin| (nin, s))) {
        Ok((nin, signed_in)) => match state.store.citizen_by_national_id(&nin).await? {
            Some(citizen) => {
                start_session(
                    &state,
                    &citizen,
                    "oidc",
                    &request_id,
                    Some(&signed_in.provider_session),
                )
                .await?
            }
            None => refused(&state, tr, LoginRefused::UnknownPerson),
        },
        Err(why) => refused(&state, tr, why),
    };
    flow::append_cookie(response.headers_mut(), flow::clear_binding(&state, CITIZEN));
    Ok(response)
}

/// The sign-in page again with one plain message; the reason goes to the log.
fn refused(state: &AppState, tr: Tr, why: LoginRefused) -> Response {
    tracing::warn!(reason = why.code(), "an OpenID Connect login was refused");
    let key = match why {
        LoginRefused::UnknownPerson => "portal-login-unknown",
        LoginRefused::Cancelled => "portal-login-cancelled",
        LoginRefused::Browser => "portal-login-other-browser",
        LoginRefused::Acr => "portal-login-level",
        _ => "portal-login-oidc-error",
    };
    render(
        StatusCode::UNAUTHORIZED,
        &LoginPage {
            c: PortalChrome::anonymous(tr),
            username: String::new(),
            error: Some(tr.t(key)),
            oidc: state.citizen_idp.is_some(),
        },
    )
}
