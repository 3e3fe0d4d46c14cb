//! Signing out of the portal. A citizen who came through the identity
//! provider is also signed out there (`crate::oidc::logout`): our session
//! ends first, then the browser goes (through a page, see `post`) to the
//! provider, which sends it back to our signed-out page. Why end ours first: if the provider never
//! sends the browser back, the citizen is still signed out here.
//! A local-account citizen is signed out here only, as before.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use ettlag_db::OidcAudience;

use super::login::session_cookie;
use super::{CitizenUser, PortalChrome};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::oidc::logout::{confirmed, end_session_url};
use crate::state::AppState;
use crate::views::layout::render;

/// Where a sign-out lands when the provider cannot sign the citizen out.
const LOCAL_ONLY: &str = "/portal/signed-out?provider=none";
const CITIZEN: OidcAudience = OidcAudience::Citizen;

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CitizenUser,
    Form(form): Form<CsrfForm>,
) -> AppResult<Response> {
    user.check_csrf(&form.csrf)?;
    let id_token = state.store.provider_id_token(&user.session_token).await?;
    state
        .store
        .delete_citizen_session(&user.session_token)
        .await?;
    state
        .store
        .audit_citizen_sign_in(&user.citizen, "sign_out", "user", &user.request_id)
        .await?;
    let mut response = match (id_token, state.citizen_idp.clone()) {
        (Some(hint), Some(provider)) => {
            match end_session_url(&state, &provider, CITIZEN, &hint, tr.code()).await? {
                // Why a page and not a redirect: the CSP's `form-action 'self'`
                // stops a form's redirect to another origin, so the browser
                // goes on from this page (an instant refresh, and a link).
                Some(url) => render(
                    StatusCode::OK,
                    &LeavingPage {
                        c: PortalChrome::anonymous(tr),
                        url,
                    },
                ),
                None => Redirect::to(LOCAL_ONLY).into_response(),
            }
        }
        _ => Redirect::to("/portal/login").into_response(),
    };
    if let Ok(v) = HeaderValue::from_str(&session_cookie(&state, "", true)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "portal/leaving.html")]
struct LeavingPage {
    c: PortalChrome,
    url: String,
}

#[derive(Template)]
#[template(path = "portal/signed_out.html")]
struct SignedOutPage {
    c: PortalChrome,
    message: String,
    warning: bool,
}

#[derive(Debug, Deserialize)]
pub struct Back {
    #[serde(default)]
    state: String,
    #[serde(default)]
    provider: String,
}

/// Where the provider sends the browser after signing out there, and where
/// a sign-out lands that the provider could not take part in.
pub async fn signed_out(
    State(state): State<AppState>,
    tr: Tr,
    Query(back): Query<Back>,
) -> AppResult<Response> {
    let (status, key) = if back.provider == "none" {
        (StatusCode::OK, "portal-logout-local-only")
    } else if confirmed(&state, CITIZEN, &back.state).await? {
        (StatusCode::OK, "portal-logout-done")
    } else {
        // We cannot tell that the provider signed the citizen out, so we
        // do not say it did.
        (StatusCode::BAD_REQUEST, "portal-logout-unconfirmed")
    };
    Ok(render(
        status,
        &SignedOutPage {
            c: PortalChrome::anonymous(tr),
            message: tr.t(key),
            warning: key != "portal-logout-done",
        },
    ))
}
