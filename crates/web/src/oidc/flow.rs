//! A sign-in through a provider from start to checked claims, the same for
//! citizens and staff: `start` sends the browser off with fresh secrets kept
//! under the browser's binding cookie; `finish` takes the callback, checks
//! that it answers a sign-in this browser started (and, RFC 9207, that the
//! provider we sent it to answers), redeems the code and checks the ID
//! token. What the claims then mean (a national id, a staff account) is the
//! caller's.

use axum::http::{HeaderMap, HeaderValue};
use ettlag_core::oidc::{Expected, IdTokenClaims, LoginRefused, check_common};
use ettlag_db::{OidcAudience, OidcLogin, ProviderSession};
use serde::Deserialize;

pub use super::binding::append as append_cookie;
use super::exchange::{Secrets, authorization_url, redeem};
use super::provider::Provider;
use super::{binding, token};
use crate::error::AppResult;
use crate::state::AppState;

/// Where to send the browser, and the cookie that binds the sign-in to it.
#[derive(Debug)]
pub struct Started {
    pub url: String,
    pub cookie: Option<HeaderValue>,
}

/// The query of the provider's redirect back.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub state: String,
    /// RFC 9207: the issuer that answers.
    #[serde(default)]
    pub iss: Option<String>,
    /// Set when the sign-in did not happen (RFC 6749, 4.1.2.1).
    #[serde(default)]
    pub error: Option<String>,
}

/// A checked sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub claims: IdTokenClaims,
    /// What a logout from the provider will name, and the ID token for
    /// signing out there.
    pub provider_session: ProviderSession,
}

/// Starts a sign-in: fresh secrets, kept under the browser's binding.
pub async fn start(
    state: &AppState,
    provider: &Provider,
    audience: OidcAudience,
    ui_locale: &str,
) -> AppResult<Result<Started, LoginRefused>> {
    let d = match provider.discovery().await {
        Ok(d) => d,
        Err(why) => return Ok(Err(why)),
    };
    let secrets = Secrets::new();
    // Staff may be asked for a second factor, which `amr` shows.
    let ask_amr = audience == OidcAudience::Staff;
    let url = match authorization_url(provider, &d, &secrets, ui_locale, ask_amr) {
        Ok(url) => url,
        Err(why) => return Ok(Err(why)),
    };
    let (browser, cookie) = binding::issue(state, audience);
    let login = OidcLogin {
        nonce: secrets.nonce,
        verifier: secrets.verifier,
    };
    state
        .store
        .start_oidc_login(audience, &secrets.state, &browser, &login)
        .await?;
    Ok(Ok(Started { url, cookie }))
}

/// The `Set-Cookie` header a callback's answer carries: the binding is
/// used once, whatever the outcome.
pub fn clear_binding(state: &AppState, audience: OidcAudience) -> Option<HeaderValue> {
    binding::clear(state, audience)
}

/// Checks a callback and answers the signed-in claims.
pub async fn finish(
    state: &AppState,
    provider: &Provider,
    audience: OidcAudience,
    headers: &HeaderMap,
    cb: &Callback,
) -> AppResult<Result<SignedIn, LoginRefused>> {
    if cb.error.is_some() {
        return Ok(Err(LoginRefused::Cancelled));
    }
    if cb.state.is_empty() || cb.state.len() > 256 || cb.code.is_empty() || cb.code.len() > 4096 {
        return Ok(Err(LoginRefused::State));
    }
    // The state must be one this browser was sent, once, lately: this binds
    // the callback to the browser's own sign-in, its nonce and verifier. A
    // callback without the cookie uses the sign-in up too.
    let browser = binding::read(state, headers, audience).unwrap_or_default();
    let Some(login) = state
        .store
        .take_oidc_login(audience, &cb.state, &browser)
        .await?
    else {
        return Ok(Err(LoginRefused::Browser));
    };
    Ok(redeem_and_check(provider, cb, &login).await)
}

async fn redeem_and_check(
    provider: &Provider,
    cb: &Callback,
    login: &OidcLogin,
) -> Result<SignedIn, LoginRefused> {
    let s = provider.settings();
    let d = provider.discovery().await?;
    // RFC 9207: when the provider says who answers, it must be ours (a
    // mix-up attack sends the code of another provider here); a provider
    // that promises `iss` must send it.
    match &cb.iss {
        Some(iss) if iss != &s.issuer => return Err(LoginRefused::Issuer),
        None if d.authorization_response_iss_parameter_supported => {
            return Err(LoginRefused::Issuer);
        }
        _ => {}
    }
    let id_token = redeem(provider, &d, &cb.code, &login.verifier).await?;
    let claims = token::id_token(provider, &id_token).await?;
    check_common(
        &claims,
        &Expected {
            issuer: &s.issuer,
            client_id: &s.client_id,
            nonce: &login.nonce,
            acr: s.acr.as_ref(),
            now_s: ettlag_db::now_ms() / 1000,
            leeway_s: token::LEEWAY_S as i64,
        },
    )?;
    let subject = claims.sub.clone().ok_or(LoginRefused::Signature)?;
    Ok(SignedIn {
        provider_session: ProviderSession {
            issuer: s.issuer.clone(),
            subject,
            sid: claims.sid.clone(),
            id_token,
        },
        claims,
    })
}
