//! Signing in to the portal with a local citizen account (the embedded
//! setup). The OpenID Connect login is in `oidc`, signing out in `logout`.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::policy::citizen::Citizen;
use ettlag_db::{OidcAudience, ProviderSession};
use serde::Deserialize;

use super::{PortalChrome, citizen_cookie};
use crate::error::AppResult;
use crate::extractors::client_addr::ClientAddr;
use crate::i18n::Tr;
use crate::middleware::observe::RequestId;
use crate::password;
use crate::state::AppState;
use crate::throttle::Attempt;
use crate::views::layout::{page, render};

#[derive(Template)]
#[template(path = "portal/login.html")]
pub(super) struct LoginPage {
    pub c: PortalChrome,
    pub username: String,
    pub error: Option<String>,
    pub oidc: bool,
}

pub async fn get(State(state): State<AppState>, tr: Tr) -> Response {
    page(&LoginPage {
        c: PortalChrome::anonymous(tr),
        username: String::new(),
        error: None,
        oidc: state.citizen_idp.is_some(),
    })
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    ClientAddr(addr): ClientAddr,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let username = form.username.trim().to_lowercase();
    let fail = |key: &str, status: StatusCode| {
        render(
            status,
            &LoginPage {
                c: PortalChrome::anonymous(tr),
                username: form.username.chars().take(64).collect(),
                error: Some(tr.t(key)),
                oidc: state.citizen_idp.is_some(),
            },
        )
    };
    if username.is_empty()
        || form.password.is_empty()
        || username.len() > 128
        || form.password.len() > 1024
    {
        return Ok(fail("portal-login-error", StatusCode::UNAUTHORIZED));
    }
    // Throttled like staff sign-in, under a key of its own.
    let key = format!("citizen:{username}");
    let attempt = Attempt::new(&key, addr);
    if !attempt.admitted(&state).await? {
        return Ok(fail("portal-login-locked", StatusCode::TOO_MANY_REQUESTS));
    }
    let account = state.store.citizen_account(&username).await?;
    let phc = account
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.to_string());
    let matches = password::verify(&form.password, &phc).await;
    let Some(account) = account.filter(|_| matches) else {
        return Ok(fail("portal-login-error", StatusCode::UNAUTHORIZED));
    };
    attempt.succeeded(&state).await?;
    start_session(&state, &account.citizen, "password", &request_id, None).await
}

/// Starts a citizen session for someone whose identity is proven (a
/// password, or an ID token from the identity provider), and sends them to
/// the family page.
pub async fn start_session(
    state: &AppState,
    citizen: &Citizen,
    method: &str,
    request_id: &str,
    provider: Option<&ProviderSession>,
) -> AppResult<Response> {
    let token = state.store.create_citizen_session(citizen).await?;
    if let Some(provider) = provider {
        // Kept for signing out at the provider (`super::logout`), and for
        // a logout the provider sends (`super::provider_logout`).
        state
            .store
            .keep_provider_session(
                OidcAudience::Citizen,
                &token,
                provider,
                state.config.session.absolute_ms,
            )
            .await?;
    }
    state
        .store
        .audit_citizen_sign_in(citizen, "sign_in", method, request_id)
        .await?;
    let mut response = Redirect::to("/portal").into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(state, &token, false)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// HttpOnly, SameSite=Lax (Strict would drop it on the identity provider's
/// redirect back), Secure under TLS; a browser session cookie.
pub(super) fn session_cookie(state: &AppState, token: &str, delete: bool) -> String {
    let mut c = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax",
        citizen_cookie(state)
    );
    if state.config.secure_cookies {
        c.push_str("; Secure");
    }
    if delete {
        c.push_str("; Max-Age=0");
    }
    c
}
