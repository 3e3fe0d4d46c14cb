//! The two legs of the authorization code flow that talk to the provider:
//! the address the browser is sent to (with `state`, `nonce`, the PKCE
//! challenge and the level asked for), and the exchange of the code for an
//! ID token at the token endpoint, with the client authentication the
//! installation is registered with.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ettlag_core::oidc::LoginRefused;
use jsonwebtoken::{Header, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::provider::{Discovery, Provider};
use super::settings::{ClientAuth, SigningKey};

/// How long a client assertion is valid.
const ASSERTION_S: i64 = 60;

/// The secrets of one sign-in: sent (state, nonce, the PKCE challenge) and
/// kept (the verifier).
#[derive(Debug, Clone)]
pub struct Secrets {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

impl Secrets {
    pub fn new() -> Secrets {
        Secrets {
            state: ettlag_db::new_token(),
            nonce: ettlag_db::new_token(),
            verifier: ettlag_db::new_token(),
        }
    }
}

impl Default for Secrets {
    fn default() -> Self {
        Secrets::new()
    }
}

/// The PKCE challenge of a verifier (RFC 7636, S256).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Asks for `amr` in the ID token (OIDC Core 5.5): how the user signed in,
/// to see a second factor. Many providers leave it out unless asked.
const ASK_FOR_AMR: &str = r#"{"id_token":{"amr":null}}"#;

/// Where the browser goes to sign in. `ask_amr`: ask for `amr` where the
/// provider takes the `claims` parameter.
pub fn authorization_url(
    provider: &Provider,
    d: &Discovery,
    secrets: &Secrets,
    ui_locale: &str,
    ask_amr: bool,
) -> Result<String, LoginRefused> {
    let s = provider.settings();
    let challenge = pkce_challenge(&secrets.verifier);
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", s.client_id.as_str()),
        ("redirect_uri", s.redirect_url.as_str()),
        ("scope", s.scope.as_str()),
        ("state", secrets.state.as_str()),
        ("nonce", secrets.nonce.as_str()),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
        ("ui_locales", ui_locale),
    ];
    if let Some(acr) = &s.acr {
        params.push(("acr_values", acr.required()));
    }
    if ask_amr && d.claims_parameter_supported {
        params.push(("claims", ASK_FOR_AMR));
    }
    let query = serde_urlencoded::to_string(params).map_err(|_| LoginRefused::Provider)?;
    let sep = if d.authorization_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    Ok(format!("{}{sep}{query}", d.authorization_endpoint))
}

#[derive(Debug, Deserialize)]
struct TokenResponse {
    id_token: String,
}

/// Exchanges the code for the ID token (not yet checked).
pub async fn redeem(
    provider: &Provider,
    d: &Discovery,
    code: &str,
    verifier: &str,
) -> Result<String, LoginRefused> {
    let s = provider.settings();
    let mut form: Vec<(&str, String)> = vec![
        ("grant_type", "authorization_code".into()),
        ("code", code.into()),
        ("redirect_uri", s.redirect_url.clone()),
        ("code_verifier", verifier.into()),
    ];
    let mut request = provider.http().post(&d.token_endpoint);
    match &s.client_auth {
        ClientAuth::None => form.push(("client_id", s.client_id.clone())),
        ClientAuth::SecretPost(secret) => {
            form.push(("client_id", s.client_id.clone()));
            form.push(("client_secret", secret.clone()));
        }
        ClientAuth::SecretBasic(secret) => {
            request = request.header(reqwest::header::AUTHORIZATION, basic(&s.client_id, secret)?);
        }
        ClientAuth::PrivateKeyJwt(key) => {
            form.push(("client_id", s.client_id.clone()));
            form.push((
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
            ));
            form.push(("client_assertion", assertion(key, &s.client_id, &s.issuer)?));
        }
    }
    let response = request.form(&form).send().await.map_err(|e| {
        tracing::warn!(error = %e, "the token endpoint could not be reached");
        LoginRefused::Provider
    })?;
    if !response.status().is_success() {
        tracing::warn!(status = %response.status(), "the token endpoint refused the code");
        return Err(LoginRefused::Provider);
    }
    let token: TokenResponse = response.json().await.map_err(|_| LoginRefused::Provider)?;
    Ok(token.id_token)
}

/// HTTP Basic with the client id and secret form-encoded first (RFC 6749,
/// 2.3.1).
fn basic(client_id: &str, secret: &str) -> Result<String, LoginRefused> {
    let enc = |v: &str| {
        serde_urlencoded::to_string([("", v)])
            .map(|s| s.trim_start_matches('=').to_string())
            .map_err(|_| LoginRefused::Provider)
    };
    let pair = format!("{}:{}", enc(client_id)?, enc(secret)?);
    Ok(format!("Basic {}", STANDARD.encode(pair)))
}

#[derive(Serialize)]
struct Assertion<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    jti: String,
    iat: i64,
    exp: i64,
}

/// A client assertion (RFC 7523): issued by and about us, for the provider
/// (its issuer, as ID-porten asks), valid for a minute, used once.
fn assertion(key: &SigningKey, client_id: &str, issuer: &str) -> Result<String, LoginRefused> {
    let now = ettlag_db::now_ms() / 1000;
    let mut header = Header::new(key.alg);
    header.kid = key.kid.clone();
    let claims = Assertion {
        iss: client_id,
        sub: client_id,
        aud: issuer,
        jti: ettlag_db::new_token(),
        iat: now,
        exp: now + ASSERTION_S,
    };
    encode(&header, &claims, &key.key).map_err(|e| {
        tracing::warn!(error = %e, "the client assertion could not be signed");
        LoginRefused::Provider
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_authentication_encodes_the_id_and_secret_first() {
        let header = basic("ettlag client", "s:ecret").unwrap_or_default();
        let decoded = STANDARD
            .decode(header.trim_start_matches("Basic "))
            .unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&decoded), "ettlag+client:s%3Aecret");
    }

    #[test]
    fn the_pkce_challenge_is_the_rfc_7636_example() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
