//! The checks on an ID token's claims (OpenID Connect Core 3.1.3.7, and
//! ID-porten's rules: the `acr` level and the `pid` claim holding the
//! national identity number). The signature is checked before this, by the
//! web layer that holds the provider's keys.

use serde::Deserialize;

use super::acr::AcrPolicy;
use crate::nin::NationalId;

pub use self::Audience as IdTokenAudience;

/// The claims ettlag reads from an ID token.
#[derive(Debug, Clone, Deserialize)]
pub struct IdTokenClaims {
    pub iss: String,
    /// One audience or several.
    pub aud: Audience,
    pub exp: i64,
    #[serde(default)]
    pub iat: Option<i64>,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub acr: Option<String>,
    #[serde(default)]
    pub pid: Option<String>,
    /// The provider's stable id of the one who signed in.
    #[serde(default)]
    pub sub: Option<String>,
    /// The provider's session id, named again by its logout messages.
    #[serde(default)]
    pub sid: Option<String>,
    /// How they signed in (`pwd`, `mfa`, `otp`, …; RFC 8176).
    #[serde(default)]
    pub amr: Option<Vec<String>>,
    /// Every other claim, for the ones a provider's settings name (the
    /// groups, the e-mail, Entra's `oid`).
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, client_id: &str) -> bool {
        match self {
            Audience::One(a) => a == client_id,
            Audience::Many(all) => all.iter().any(|a| a == client_id),
        }
    }
}

/// What this login expects.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    /// The level the municipality requires, and the higher ones; none when
    /// the provider's own sign-in policy is trusted (staff single sign-on).
    pub acr: Option<&'a AcrPolicy>,
    pub now_s: i64,
    /// Allowed clock difference between us and the provider.
    pub leeway_s: i64,
}

/// Why a login was refused. Shown to the citizen only as one plain message;
/// the code goes to the server log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefused {
    #[error("wrong issuer")]
    Issuer,
    #[error("not issued for this client")]
    Audience,
    #[error("expired")]
    Expired,
    #[error("issued in the future")]
    NotYetValid,
    #[error("wrong nonce")]
    Nonce,
    #[error("security level too low")]
    Acr,
    #[error("no valid national identity number")]
    Pid,
    #[error("bad signature or token")]
    Signature,
    #[error("the login was not started here, or took too long")]
    State,
    #[error("the login was started in another browser, or its cookie is gone")]
    Browser,
    #[error("the login was cancelled at the identity provider")]
    Cancelled,
    #[error("the identity provider did not answer as expected")]
    Provider,
    #[error("no person in the register with this identity number")]
    UnknownPerson,
}

impl LoginRefused {
    pub fn code(self) -> &'static str {
        match self {
            LoginRefused::Issuer => "issuer",
            LoginRefused::Audience => "audience",
            LoginRefused::Expired => "expired",
            LoginRefused::NotYetValid => "not_yet_valid",
            LoginRefused::Nonce => "nonce",
            LoginRefused::Acr => "acr",
            LoginRefused::Pid => "pid",
            LoginRefused::Signature => "signature",
            LoginRefused::State => "state",
            LoginRefused::Browser => "browser",
            LoginRefused::Cancelled => "cancelled",
            LoginRefused::Provider => "provider",
            LoginRefused::UnknownPerson => "unknown_person",
        }
    }
}

/// Checks the claims and returns the national identity number of the one
/// who logged in.
pub fn check_claims(
    claims: &IdTokenClaims,
    expected: &Expected<'_>,
) -> Result<NationalId, LoginRefused> {
    check_common(claims, expected)?;
    national_id(claims)
}

/// The national identity number in the `pid` claim (ID-porten).
pub fn national_id(claims: &IdTokenClaims) -> Result<NationalId, LoginRefused> {
    claims
        .pid
        .as_deref()
        .and_then(|pid| NationalId::parse(pid).ok())
        .ok_or(LoginRefused::Pid)
}

/// The checks every ID token passes, whoever signs in: issuer, audience,
/// time, nonce and level.
pub fn check_common(claims: &IdTokenClaims, expected: &Expected<'_>) -> Result<(), LoginRefused> {
    if claims.iss != expected.issuer {
        return Err(LoginRefused::Issuer);
    }
    if !claims.aud.contains(expected.client_id) {
        return Err(LoginRefused::Audience);
    }
    if claims.exp + expected.leeway_s < expected.now_s {
        return Err(LoginRefused::Expired);
    }
    if claims
        .iat
        .is_some_and(|iat| iat - expected.leeway_s > expected.now_s)
    {
        return Err(LoginRefused::NotYetValid);
    }
    // Compared whole: a nonce is random text we made, never secret-dependent
    // in length, so a plain comparison leaks nothing useful.
    if claims.nonce.as_deref() != Some(expected.nonce) {
        return Err(LoginRefused::Nonce);
    }
    if let Some(policy) = expected.acr
        && !claims.acr.as_deref().is_some_and(|acr| policy.accepts(acr))
    {
        return Err(LoginRefused::Acr);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
