//! Signing in with a local account, and out (here, and at the provider
//! for a staff member who came through it).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::{StaffId, TenantId};
use ettlag_db::{OidcAudience, ProviderSession};
use serde::Deserialize;

use super::layout::{Chrome, page, render};
use super::second_factor::start::after_password;
use crate::error::AppResult;
use crate::extractors::client_addr::ClientAddr;
use crate::extractors::current_user::CurrentUser;
use crate::extractors::lang::LANG_COOKIE;
use crate::i18n::{Lang, Tr};
use crate::middleware::observe::RequestId;
use crate::middleware::session::LoadedSession;
use crate::oidc::logout::{confirmed, end_session_url};
use crate::password;
use crate::state::AppState;
use crate::throttle::Attempt;

#[derive(Template)]
#[template(path = "login.html")]
pub(super) struct LoginPage {
    c: Chrome,
    username: String,
    error: Option<String>,
    /// Whether the municipality's single sign-on is offered.
    sso: bool,
    /// Whether local passwords are.
    local: bool,
    /// What the page says before the form (after a sign-out).
    notice: Option<Notice>,
}

/// A line above the sign-in form; a warning is announced as an alert.
pub(super) struct Notice {
    text: String,
    warning: bool,
}

impl LoginPage {
    fn new(state: &AppState, tr: Tr, username: String, error: Option<String>) -> LoginPage {
        LoginPage {
            c: Chrome::anonymous(tr),
            username,
            error,
            sso: state.staff_idp.is_some(),
            local: state.config.staff_sign_in.local_passwords,
            notice: None,
        }
    }

    /// The page with one message, for a refused single sign-on.
    pub(super) fn refused(state: &AppState, tr: Tr, key: &str) -> LoginPage {
        LoginPage::new(state, tr, String::new(), Some(tr.t(key)))
    }
}

pub async fn get(State(state): State<AppState>, tr: Tr) -> Response {
    page(&LoginPage::new(&state, tr, String::new(), None))
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
    previous: Option<axum::Extension<LoadedSession>>,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let username = form.username.trim().to_lowercase();
    let fail = |key: &str, status: StatusCode| {
        let username = form.username.chars().take(64).collect();
        render(
            status,
            &LoginPage::new(&state, tr, username, Some(tr.t(key))),
        )
    };
    if !state.config.staff_sign_in.local_passwords {
        // Turned off: staff sign in through the municipality's provider.
        return Ok(fail("login-local-off", StatusCode::FORBIDDEN));
    }
    if username.is_empty()
        || form.password.is_empty()
        || username.len() > 128
        || form.password.len() > 1024
    {
        return Ok(fail("login-error", StatusCode::UNAUTHORIZED));
    }
    // Counted before the password is checked: attempts in parallel cannot
    // all pass before the first failure is written.
    let attempt = Attempt::new(&username, addr);
    if !attempt.admitted(&state).await? {
        return Ok(fail("login-locked", StatusCode::TOO_MANY_REQUESTS));
    }
    let account = state.store.account(&username).await?;
    // Unknown names cost a hash too, so timing does not tell which names exist.
    let phc = account
        .as_ref()
        .and_then(|a| a.password_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.to_string());
    let matches = password::verify(&form.password, &phc).await;
    let account = match account {
        Some(a) if matches && a.active && a.password_hash.is_some() => a,
        other => {
            if let Some(a) = other {
                state
                    .store
                    .audit_sign_in(
                        &a.tenant_id,
                        &a.staff_id,
                        "sign_in",
                        "deny",
                        "wrong_password",
                        &request_id,
                    )
                    .await?;
            }
            return Ok(fail("login-error", StatusCode::UNAUTHORIZED));
        }
    };
    let previous = previous.map(|axum::Extension(old)| old);
    // With a second factor to come, the failures count on until it passes.
    let (tenant, staff) = (&account.tenant_id, &account.staff_id);
    let second = after_password(&state, tenant, staff, previous.as_ref(), &request_id);
    if let Some(next_step) = second.await? {
        return Ok(next_step);
    }
    attempt.succeeded(&state).await?;
    start_session(
        &state,
        &account.tenant_id,
        &account.staff_id,
        "password",
        previous,
        &request_id,
    )
    .await
}

/// Starts a session for someone whose identity has been proven, however it was
/// proven (`method` is recorded in the access log: a password here, an OpenID
/// Connect provider later). Ends the session this browser had, sets the
/// cookies and sends the user to their children.
pub async fn start_session(
    state: &AppState,
    tenant: &TenantId,
    staff: &StaffId,
    method: &str,
    previous: Option<LoadedSession>,
    request_id: &str,
) -> AppResult<Response> {
    let token = open_session(state, tenant, staff, previous).await?;
    session_started(state, tenant, staff, method, &token, request_id).await
}

/// Starts a session for a staff member the provider signed in, keeping
/// what the provider said of it for signing out (here and there).
pub async fn start_session_from_provider(
    state: &AppState,
    tenant: &TenantId,
    staff: &StaffId,
    previous: Option<LoadedSession>,
    request_id: &str,
    provider: &ProviderSession,
) -> AppResult<Response> {
    let token = open_session(state, tenant, staff, previous).await?;
    state
        .store
        .keep_provider_session(
            OidcAudience::Staff,
            &token,
            provider,
            state.config.session.absolute_ms,
        )
        .await?;
    session_started(state, tenant, staff, "oidc", &token, request_id).await
}

/// Ends the browser's old session and opens a new one: its token.
async fn open_session(
    state: &AppState,
    tenant: &TenantId,
    staff: &StaffId,
    previous: Option<LoadedSession>,
) -> AppResult<String> {
    if let Some(old) = previous {
        state.store.delete_session(&old.token).await?;
    }
    let (token, _) = state.store.create_session(tenant, staff).await?;
    Ok(token)
}

/// Records the sign-in, sets the cookies and sends the user to their children.
async fn session_started(
    state: &AppState,
    tenant: &TenantId,
    staff: &StaffId,
    method: &str,
    token: &str,
    request_id: &str,
) -> AppResult<Response> {
    state
        .store
        .audit_sign_in(tenant, staff, "sign_in", "allow", method, request_id)
        .await?;
    let mut response = Redirect::to("/children").into_response();
    let cookie = session_cookie(state, token, 0);
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    // The user's saved language follows them to any browser.
    if let Some((_, Some(code))) = state.store.staff_profile(tenant, staff).await?
        && let Some(lang) = Lang::from_code(&code)
        && let Ok(v) = HeaderValue::from_str(&lang_cookie(lang))
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// Signs a staff member out here and, when they came through the
/// municipality's provider, there too (`crate::oidc::logout`). Ours ends
/// first: if the provider never sends the browser back, they are still
/// signed out here.
pub async fn logout(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
) -> AppResult<Response> {
    let id_token = state.store.provider_id_token(&user.session_token).await?;
    state.store.delete_session(&user.session_token).await?;
    state
        .store
        .audit_sign_in(
            &user.actor.tenant,
            &user.actor.staff,
            "sign_out",
            "allow",
            "user",
            &user.request_id,
        )
        .await?;
    let at_provider = match (id_token, state.staff_idp.clone()) {
        (Some(hint), Some(provider)) => {
            end_session_url(&state, &provider, OidcAudience::Staff, &hint, tr.code()).await?
        }
        _ => None,
    };
    let mut response = match at_provider {
        // A page, not a redirect: the CSP's `form-action 'self'` stops a
        // form's redirect to another origin.
        Some(url) => render(
            StatusCode::OK,
            &LeavingPage {
                c: Chrome::anonymous(tr),
                url,
            },
        ),
        None => Redirect::to("/login").into_response(),
    };
    if let Ok(v) = HeaderValue::from_str(&session_cookie(&state, "", -1)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "leaving.html")]
struct LeavingPage {
    c: Chrome,
    url: String,
}

#[derive(Debug, Deserialize)]
pub struct Back {
    #[serde(default)]
    state: String,
}

/// Where the provider sends the browser after signing a staff member out
/// there: the sign-in page, saying whether the provider's sign-out is
/// confirmed (a `state` we sent) or not.
pub async fn signed_out(
    State(state): State<AppState>,
    tr: Tr,
    Query(back): Query<Back>,
) -> AppResult<Response> {
    let (status, key, warning) = if confirmed(&state, OidcAudience::Staff, &back.state).await? {
        (StatusCode::OK, "logout-done", false)
    } else {
        (StatusCode::BAD_REQUEST, "logout-unconfirmed", true)
    };
    let mut login = LoginPage::new(&state, tr, String::new(), None);
    login.notice = Some(Notice {
        text: tr.t(key),
        warning,
    });
    Ok(render(status, &login))
}

/// The session cookie: HttpOnly, SameSite=Lax (Strict would drop it on the
/// OpenID Connect callback), Secure under TLS. A session cookie without
/// Max-Age, so closing the browser ends it; `max_age < 0` deletes it.
fn session_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    let mut c = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax",
        state.config.session_cookie()
    );
    if state.config.secure_cookies {
        c.push_str("; Secure");
    }
    if max_age < 0 {
        c.push_str("; Max-Age=0");
    }
    c
}

pub fn lang_cookie(lang: Lang) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )
}
