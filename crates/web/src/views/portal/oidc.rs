//! Login for families through OpenID Connect, as ID-porten requires: the
//! authorization code flow with PKCE (S256), `state` and `nonce`, the ID
//! token's signature (RS256) and claims checked (iss, aud, exp, iat, nonce,
//! `acr` at the configured level), and the `pid` claim mapped to a person.
//!
//! Why our own small client and not `openidconnect` 4.1.0: that crate brings
//! `oauth2` and, through them, a second HTTP stack and RSA implementation
//! beside the ones already in the tree. The flow we need is four requests
//! and one signature check; the claim checks are pure and tested in
//! `ettlag_core::portal`, the signature is checked with `ring` (already in
//! the tree through rustls), and the HTTP is done with the workspace's
//! reqwest. The HTTP tests run the whole flow against a local provider and
//! refuse bad tokens (wrong nonce, acr, audience, expired, bad signature).
//! Note: the workspace's reqwest is built without TLS; an installation
//! talking to ID-porten over HTTPS needs reqwest's TLS feature switched on.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ettlag_core::portal::{Expected, IdTokenClaims, LoginRefused, check_claims};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::PortalChrome;
use super::login::{LoginPage, start_session};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::middleware::observe::RequestId;
use crate::oidc::OidcSettings;
use crate::state::AppState;
use crate::views::layout::render;

/// How far the clocks of provider and server may differ.
const LEEWAY_S: i64 = 60;

#[derive(Debug, Deserialize)]
pub(super) struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    /// Optional (RP-Initiated Logout 1.0); without it we sign out here only.
    #[serde(default)]
    pub(super) end_session_endpoint: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Jwks {
    keys: Vec<Jwk>,
}

#[derive(Debug, Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TokenResponse {
    id_token: String,
}

#[derive(Debug, Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

pub(super) fn client() -> Result<reqwest::Client, LoginRefused> {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| LoginRefused::Provider)
}

pub(super) async fn discover(
    http: &reqwest::Client,
    s: &OidcSettings,
) -> Result<Discovery, LoginRefused> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        s.issuer.trim_end_matches('/')
    );
    let d: Discovery = http
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|_| LoginRefused::Provider)?
        .json()
        .await
        .map_err(|_| LoginRefused::Provider)?;
    // The document must name the issuer we trust (OIDC Discovery 4.3).
    if d.issuer != s.issuer {
        return Err(LoginRefused::Issuer);
    }
    Ok(d)
}

/// The PKCE challenge of a verifier (RFC 7636, S256).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Sends the browser to the identity provider.
pub async fn start(State(state): State<AppState>, tr: Tr) -> AppResult<Response> {
    let Some(s) = state.config.oidc.clone() else {
        return Err(AppError::NotFound);
    };
    let http = client().map_err(|_| AppError::Internal)?;
    let d = match discover(&http, &s).await {
        Ok(d) => d,
        Err(why) => return Ok(refused(&state, tr, why)),
    };
    let (st, nonce, verifier) = (
        ettlag_db::new_token(),
        ettlag_db::new_token(),
        ettlag_db::new_token(),
    );
    state.store.start_oidc_login(&st, &nonce, &verifier).await?;
    let query = serde_urlencoded::to_string([
        ("response_type", "code"),
        ("client_id", s.client_id.as_str()),
        ("redirect_uri", s.redirect_url.as_str()),
        ("scope", "openid"),
        ("state", st.as_str()),
        ("nonce", nonce.as_str()),
        ("code_challenge", pkce_challenge(&verifier).as_str()),
        ("code_challenge_method", "S256"),
        ("acr_values", s.acr.as_str()),
        ("ui_locales", tr.code()),
    ])
    .map_err(|_| AppError::Internal)?;
    let sep = if d.authorization_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    Ok(Redirect::to(&format!("{}{sep}{query}", d.authorization_endpoint)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct Callback {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
}

/// The provider sends the browser back here with a code.
pub async fn callback(
    State(state): State<AppState>,
    tr: Tr,
    axum::Extension(RequestId(request_id)): axum::Extension<RequestId>,
    Query(cb): Query<Callback>,
) -> AppResult<Response> {
    let Some(s) = state.config.oidc.clone() else {
        return Err(AppError::NotFound);
    };
    match finish(&state, &s, &cb).await? {
        Ok((citizen, id_token)) => {
            start_session(&state, &citizen, "oidc", &request_id, Some(&id_token)).await
        }
        Err(why) => Ok(refused(&state, tr, why)),
    }
}

/// The login page again with one plain message; the reason goes to the log.
fn refused(state: &AppState, tr: Tr, why: LoginRefused) -> Response {
    tracing::warn!(reason = why.code(), "an OpenID Connect login was refused");
    render(
        StatusCode::UNAUTHORIZED,
        &LoginPage {
            c: PortalChrome::anonymous(tr),
            username: String::new(),
            error: Some(tr.t(if why == LoginRefused::UnknownPerson {
                "portal-login-unknown"
            } else {
                "portal-login-oidc-error"
            })),
            oidc: state.config.oidc.is_some(),
        },
    )
}

async fn finish(
    state: &AppState,
    s: &OidcSettings,
    cb: &Callback,
) -> AppResult<Result<(ettlag_core::policy::citizen::Citizen, String), LoginRefused>> {
    if cb.state.is_empty() || cb.state.len() > 256 || cb.code.is_empty() || cb.code.len() > 4096 {
        return Ok(Err(LoginRefused::State));
    }
    // The state must be one we sent, once, lately: this binds the callback
    // to the browser's own login and to its nonce and PKCE verifier.
    let Some((nonce, verifier)) = state.store.take_oidc_login(&cb.state).await? else {
        return Ok(Err(LoginRefused::State));
    };
    let result = async {
        let http = client()?;
        let d = discover(&http, s).await?;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", cb.code.as_str()),
            ("redirect_uri", s.redirect_url.as_str()),
            ("client_id", s.client_id.as_str()),
            ("code_verifier", verifier.as_str()),
        ];
        if let Some(secret) = &s.client_secret {
            form.push(("client_secret", secret.as_str()));
        }
        let token: TokenResponse = http
            .post(&d.token_endpoint)
            .form(&form)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|_| LoginRefused::Provider)?
            .json()
            .await
            .map_err(|_| LoginRefused::Provider)?;
        let jwks: Jwks = http
            .get(&d.jwks_uri)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|_| LoginRefused::Provider)?
            .json()
            .await
            .map_err(|_| LoginRefused::Provider)?;
        let claims = verify_rs256(&token.id_token, &jwks)?;
        let now_s = ettlag_db::now_ms() / 1000;
        let nin = check_claims(
            &claims,
            &Expected {
                issuer: &s.issuer,
                client_id: &s.client_id,
                nonce: &nonce,
                acr: &s.acr,
                now_s,
                leeway_s: LEEWAY_S,
            },
        )?;
        Ok((nin, token.id_token))
    }
    .await;
    let (nin, id_token) = match result {
        Ok(found) => found,
        Err(why) => return Ok(Err(why)),
    };
    Ok(state
        .store
        .citizen_by_national_id(&nin)
        .await?
        .map(|citizen| (citizen, id_token))
        .ok_or(LoginRefused::UnknownPerson))
}

/// Checks a compact JWS signed with RS256 by one of the provider's keys and
/// returns its claims. Any other algorithm is refused (no `none`, no HMAC
/// with the public key as secret).
fn verify_rs256(jwt: &str, jwks: &Jwks) -> Result<IdTokenClaims, LoginRefused> {
    let bad = |_| LoginRefused::Signature;
    let mut parts = jwt.split('.');
    let (Some(h), Some(p), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LoginRefused::Signature);
    };
    let header: Header = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(h)
            .map_err(|_| LoginRefused::Signature)?,
    )
    .map_err(|_| LoginRefused::Signature)?;
    if header.alg != "RS256" {
        return Err(LoginRefused::Signature);
    }
    let key = jwks
        .keys
        .iter()
        .filter(|k| k.kty == "RSA")
        .find(|k| header.kid.is_none() || k.kid == header.kid)
        .ok_or(LoginRefused::Signature)?;
    let (Some(n), Some(e)) = (&key.n, &key.e) else {
        return Err(LoginRefused::Signature);
    };
    let n = URL_SAFE_NO_PAD
        .decode(n)
        .map_err(|_| LoginRefused::Signature)?;
    let e = URL_SAFE_NO_PAD
        .decode(e)
        .map_err(|_| LoginRefused::Signature)?;
    let sig = URL_SAFE_NO_PAD
        .decode(sig)
        .map_err(|_| LoginRefused::Signature)?;
    ring::signature::RsaPublicKeyComponents { n: &n, e: &e }
        .verify(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            format!("{h}.{p}").as_bytes(),
            &sig,
        )
        .map_err(|_| LoginRefused::Signature)?;
    let payload = URL_SAFE_NO_PAD.decode(p).map_err(bad)?;
    serde_json::from_slice(&payload).map_err(|_| LoginRefused::Signature)
}
