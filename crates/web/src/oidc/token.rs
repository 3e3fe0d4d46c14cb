//! Signed tokens from a provider: the ID token of a sign-in and the logout
//! token of a back-channel logout. The signature is checked by
//! `jsonwebtoken` with the provider's key for the algorithm the header
//! names, and only asymmetric algorithms are accepted: no `none`, and no
//! HMAC with the provider's public key taken as the secret.

use ettlag_core::oidc::{IdTokenClaims, LoginRefused};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation, decode, decode_header};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::provider::Provider;

/// How far the clocks of provider and server may differ, in seconds.
pub const LEEWAY_S: u64 = 60;

/// The algorithms a provider may sign with.
const ACCEPTED: [Algorithm; 7] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
];

/// The event a logout token must carry (Back-Channel Logout 1.0, 2.4).
const BACKCHANNEL_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Checks an ID token's signature, issuer, audience and time, and answers
/// its claims for the checks of `ettlag_core::oidc`.
pub async fn id_token(provider: &Provider, jwt: &str) -> Result<IdTokenClaims, LoginRefused> {
    verified(provider, jwt, &["exp", "iss", "aud"]).await
}

/// The claims of a logout token.
#[derive(Debug, Clone, Deserialize)]
pub struct LogoutClaims {
    #[serde(default)]
    pub sub: Option<String>,
    #[serde(default)]
    pub sid: Option<String>,
    pub jti: String,
    pub iat: i64,
    #[serde(default)]
    events: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    nonce: Option<String>,
}

/// How old a logout token may be: the provider sends it at once.
const LOGOUT_TOKEN_AGE_S: i64 = 600;

/// Checks a logout token (Back-Channel Logout 1.0, 2.6): signed by the
/// provider for us, lately, with the logout event, a `sid` or a `sub`, a
/// `jti`, and no `nonce` (so that an ID token cannot pass for one).
pub async fn logout_token(provider: &Provider, jwt: &str) -> Result<LogoutClaims, LoginRefused> {
    let claims: LogoutClaims = verified(provider, jwt, &["iss", "aud", "iat"]).await?;
    let event = claims.events.get(BACKCHANNEL_EVENT);
    let now_s = ettlag_db::now_ms() / 1000;
    let leeway = LEEWAY_S as i64;
    if claims.iat > now_s + leeway || claims.iat < now_s - LOGOUT_TOKEN_AGE_S - leeway {
        return Err(LoginRefused::Expired);
    }
    if !event.is_some_and(serde_json::Value::is_object)
        || claims.nonce.is_some()
        || (claims.sid.is_none() && claims.sub.is_none())
        || claims.jti.is_empty()
    {
        return Err(LoginRefused::Signature);
    }
    Ok(claims)
}

async fn verified<T: DeserializeOwned>(
    provider: &Provider,
    jwt: &str,
    required: &[&str],
) -> Result<T, LoginRefused> {
    let header = decode_header(jwt).map_err(|_| LoginRefused::Signature)?;
    if !ACCEPTED.contains(&header.alg) {
        return Err(LoginRefused::Signature);
    }
    let key = provider.key(header.alg, header.kid.as_deref()).await?;
    let s = provider.settings();
    let mut validation = Validation::new(header.alg);
    validation.set_issuer(&[&s.issuer]);
    validation.set_audience(&[&s.client_id]);
    validation.set_required_spec_claims(required);
    validation.leeway = LEEWAY_S;
    // Checked whenever present; required only where `required` says so.
    validation.validate_exp = true;
    validation.validate_nbf = true;
    decode::<T>(jwt, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidIssuer => LoginRefused::Issuer,
            ErrorKind::InvalidAudience => LoginRefused::Audience,
            ErrorKind::ExpiredSignature => LoginRefused::Expired,
            ErrorKind::ImmatureSignature => LoginRefused::NotYetValid,
            _ => LoginRefused::Signature,
        })
}
