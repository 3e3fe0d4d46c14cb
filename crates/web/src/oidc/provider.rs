//! One identity provider as ettlag knows it: its discovery document and its
//! signing keys, fetched once and kept. Discovery is read again after an
//! hour; the keys are read again when a token names a key we do not know
//! (the provider rotated its keys), at most every 30 seconds, so a stream
//! of forged `kid`s cannot make us hammer the provider.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ettlag_core::oidc::LoginRefused;
use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::settings::OidcSettings;
use crate::outbound::Outbound;

const DISCOVERY_TTL: Duration = Duration::from_secs(3600);
const KEYS_MIN_REFRESH: Duration = Duration::from_secs(30);

/// The parts of the discovery document ettlag uses (OIDC Discovery 3).
#[derive(Debug, Clone, Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    /// RP-Initiated Logout 1.0; without it we sign out here only.
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
    /// RFC 9207: the provider says which issuer answers, in the callback.
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    /// OIDC Core 5.5: the provider takes a `claims` request parameter.
    #[serde(default)]
    pub claims_parameter_supported: bool,
}

struct Known {
    discovery: Arc<Discovery>,
    keys: Arc<JwkSet>,
    fetched: Instant,
    keys_fetched: Instant,
}

/// A provider with its settings and what was fetched from it.
pub struct Provider {
    settings: OidcSettings,
    http: Outbound,
    known: Mutex<Option<Known>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Provider({})", self.settings.issuer)
    }
}

impl Provider {
    pub fn new(settings: OidcSettings, http: Outbound) -> Provider {
        Provider {
            settings,
            http,
            known: Mutex::new(None),
        }
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    pub fn http(&self) -> &reqwest::Client {
        self.http.client()
    }

    /// Fetches discovery and keys now, answering what is wrong in words an
    /// operator can act on. Run at start-up: a wrong or unreachable issuer
    /// is the operator's error to see at once, not a citizen's.
    pub async fn check(&self) -> Result<(), String> {
        let known = self.fetch_all().await?;
        *self.known.lock().await = Some(known);
        Ok(())
    }

    /// The discovery document, from the cache when it is fresh.
    pub async fn discovery(&self) -> Result<Arc<Discovery>, LoginRefused> {
        let mut known = self.known.lock().await;
        if let Some(k) = known
            .as_ref()
            .filter(|k| k.fetched.elapsed() < DISCOVERY_TTL)
        {
            return Ok(k.discovery.clone());
        }
        let fresh = self.fetch_all().await.map_err(provider_error)?;
        let discovery = fresh.discovery.clone();
        *known = Some(fresh);
        Ok(discovery)
    }

    /// The key a token's header names, for its algorithm; the keys are read
    /// again once when the `kid` is unknown.
    pub async fn key(
        &self,
        alg: Algorithm,
        kid: Option<&str>,
    ) -> Result<DecodingKey, LoginRefused> {
        self.discovery().await?;
        let mut known = self.known.lock().await;
        let Some(k) = known.as_mut() else {
            return Err(LoginRefused::Provider);
        };
        if let Some(jwk) = pick(&k.keys, alg, kid) {
            return DecodingKey::from_jwk(jwk).map_err(|_| LoginRefused::Signature);
        }
        if k.keys_fetched.elapsed() < KEYS_MIN_REFRESH {
            return Err(LoginRefused::Signature);
        }
        k.keys = Arc::new(
            self.fetch_keys(&k.discovery.jwks_uri)
                .await
                .map_err(provider_error)?,
        );
        k.keys_fetched = Instant::now();
        let jwk = pick(&k.keys, alg, kid).ok_or(LoginRefused::Signature)?;
        DecodingKey::from_jwk(jwk).map_err(|_| LoginRefused::Signature)
    }

    async fn fetch_all(&self) -> Result<Known, String> {
        let issuer = &self.settings.issuer;
        let url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let discovery: Discovery = self.get_json(&url).await?;
        // The document must name the issuer we trust (OIDC Discovery 4.3).
        if &discovery.issuer != issuer {
            return Err(format!(
                "the provider at {url} calls itself {:?}, not {issuer:?}",
                discovery.issuer
            ));
        }
        let keys = self.fetch_keys(&discovery.jwks_uri).await?;
        let now = Instant::now();
        Ok(Known {
            discovery: Arc::new(discovery),
            keys: Arc::new(keys),
            fetched: now,
            keys_fetched: now,
        })
    }

    async fn fetch_keys(&self, url: &str) -> Result<JwkSet, String> {
        self.get_json(url).await
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, String> {
        let response = self
            .http()
            .get(url)
            .send()
            .await
            .map_err(|e| format!("{url} cannot be reached: {}", chain(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("{url} answered {status}"));
        }
        response
            .json()
            .await
            .map_err(|e| format!("{url} did not answer with the JSON expected: {e}"))
    }
}

/// The key for `alg`: the one named by `kid`, or without a `kid` the only
/// signing key there is. A key that names another algorithm is not used.
fn pick<'a>(keys: &'a JwkSet, alg: Algorithm, kid: Option<&str>) -> Option<&'a Jwk> {
    let fits = |k: &&Jwk| {
        k.common
            .key_algorithm
            .is_none_or(|a| key_algorithm(alg) == Some(a))
            && !matches!(k.common.public_key_use, Some(PublicKeyUse::Encryption))
            && k.is_supported()
    };
    match kid {
        Some(kid) => keys.find(kid).filter(fits),
        None => {
            let mut candidates = keys.keys.iter().filter(fits);
            match (candidates.next(), candidates.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        }
    }
}

fn key_algorithm(alg: Algorithm) -> Option<KeyAlgorithm> {
    match alg {
        Algorithm::RS256 => Some(KeyAlgorithm::RS256),
        Algorithm::RS384 => Some(KeyAlgorithm::RS384),
        Algorithm::RS512 => Some(KeyAlgorithm::RS512),
        Algorithm::PS256 => Some(KeyAlgorithm::PS256),
        Algorithm::PS384 => Some(KeyAlgorithm::PS384),
        Algorithm::PS512 => Some(KeyAlgorithm::PS512),
        Algorithm::ES256 => Some(KeyAlgorithm::ES256),
        Algorithm::ES384 => Some(KeyAlgorithm::ES384),
        Algorithm::EdDSA => Some(KeyAlgorithm::EdDSA),
        _ => None,
    }
}

/// An error with its causes: reqwest's own message hides the TLS reason.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn provider_error(why: String) -> LoginRefused {
    tracing::warn!(reason = %why, "the identity provider could not be read");
    LoginRefused::Provider
}
