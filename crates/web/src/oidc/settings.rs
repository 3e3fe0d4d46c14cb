//! The settings of an identity provider ettlag signs people in with: read
//! from the configuration by the command line, kept in the application
//! state. Secrets never show in `Debug`.

use std::fmt;
use std::sync::Arc;

use ettlag_core::oidc::AcrPolicy;
use jsonwebtoken::{Algorithm, EncodingKey};

/// One identity provider and how ettlag is registered with it.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The issuer, e.g. `https://idporten.no`; discovery is read from
    /// `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// How ettlag proves itself at the token endpoint.
    pub client_auth: ClientAuth,
    /// Where the provider sends the browser back: `…/oidc/callback`.
    pub redirect_url: String,
    /// The level of assurance asked for, and the higher ones accepted; none
    /// to leave it to the provider (staff single sign-on).
    pub acr: Option<AcrPolicy>,
    /// Where the provider sends the browser back after signing out there
    /// (registered with the provider).
    pub post_logout_url: String,
    /// The provider's `end_session_endpoint` when discovery does not name it.
    pub end_session_url: Option<String>,
    /// The scopes asked for, `openid` first.
    pub scope: String,
}

/// How ettlag authenticates at the token endpoint (OpenID Connect Core 9).
#[derive(Clone)]
pub enum ClientAuth {
    /// A public client: PKCE alone.
    None,
    /// `client_secret_post`: the secret in the form.
    SecretPost(String),
    /// `client_secret_basic`: the secret in HTTP Basic authentication.
    SecretBasic(String),
    /// `private_key_jwt`: a short-lived assertion signed with our key
    /// (Digdir's recommendation). The public half is registered with the
    /// provider, under `kid`.
    PrivateKeyJwt(Arc<SigningKey>),
}

/// Our private key for client assertions, and how to name it.
pub struct SigningKey {
    pub key: EncodingKey,
    pub alg: Algorithm,
    pub kid: Option<String>,
}

impl SigningKey {
    /// Reads a PEM private key: RSA (signing RS256) or EC P-256 (ES256).
    pub fn from_pem(pem: &[u8], kid: Option<String>) -> Result<SigningKey, String> {
        if let Ok(key) = EncodingKey::from_rsa_pem(pem) {
            return Ok(SigningKey {
                key,
                alg: Algorithm::RS256,
                kid,
            });
        }
        EncodingKey::from_ec_pem(pem)
            .map(|key| SigningKey {
                key,
                alg: Algorithm::ES256,
                kid,
            })
            .map_err(|_| {
                "the client key is neither an RSA nor an EC P-256 private key in PEM".to_string()
            })
    }
}

impl ClientAuth {
    /// The method's name as registered (`token_endpoint_auth_method`).
    pub fn method(&self) -> &'static str {
        match self {
            ClientAuth::None => "none",
            ClientAuth::SecretPost(_) => "client_secret_post",
            ClientAuth::SecretBasic(_) => "client_secret_basic",
            ClientAuth::PrivateKeyJwt(_) => "private_key_jwt",
        }
    }
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.method())
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({:?}, kid {:?})", self.alg, self.kid)
    }
}

/// How staff sign in, beside the provider's own settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSignIn {
    /// Whether staff may sign in with a local password. A municipality that
    /// signs its staff in through its provider turns this off.
    pub local_passwords: bool,
    /// The claim that names a staff member for good: `sub`, or Entra ID's
    /// `oid` (its `sub` differs from one application to the next).
    pub subject_claim: String,
    /// The claim that lists the groups a staff member is in.
    pub groups_claim: String,
    /// The claim that finds the staff member at their first sign-in: `email`
    /// (matched with the e-mail in the staff register), `preferred_username`
    /// (matched with the local user name), or none: an administrator links
    /// each account by hand.
    pub match_claim: Option<String>,
    /// The municipality (by its short name) where a first sign-in that no
    /// claim matches gets an account of its own, when the provider's groups
    /// map to at least one role there; none: only accounts the
    /// administrator made sign in.
    pub create_accounts_in: Option<String>,
}

impl Default for StaffSignIn {
    fn default() -> Self {
        StaffSignIn {
            local_passwords: true,
            subject_claim: "sub".into(),
            groups_claim: "groups".into(),
            match_claim: Some("email".into()),
            create_accounts_in: None,
        }
    }
}
