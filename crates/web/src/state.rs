//! What every handler shares.

use std::sync::Arc;

use ettlag_db::{SessionLimits, Store, Throttle};

use crate::metrics::Metrics;
use crate::oidc::Provider;
use crate::outbound::Outbound;

/// Settings of the web layer, filled from the configuration file and the
/// environment by the command line.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Cookies get `Secure` and the `__Host-` prefix: set when served over TLS
    /// (directly or behind a proxy that terminates it). `ettlag serve` sets it
    /// unless it listens on the loopback for local use or the operator turns
    /// it off; off here by default for servers embedded in tests, which
    /// speak plain HTTP to 127.0.0.1.
    pub secure_cookies: bool,
    pub session: SessionLimits,
    pub throttle: Throttle,
    /// The identity provider for the family portal (OpenID Connect), if any.
    pub oidc: Option<crate::oidc::OidcSettings>,
    /// The identity provider staff sign in with (Entra ID, Ansattporten),
    /// if any.
    pub staff_oidc: Option<crate::oidc::OidcSettings>,
    /// How staff sign in: local passwords or not, and the claims used.
    pub staff_sign_in: crate::oidc::StaffSignIn,
    /// The HTTP client for calls out (identity providers), with the roots
    /// it trusts.
    pub outbound: Outbound,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            session: SessionLimits {
                idle_ms: 30 * 60_000,
                absolute_ms: 10 * 3_600_000,
            },
            throttle: Throttle::default(),
            oidc: None,
            staff_oidc: None,
            staff_sign_in: crate::oidc::StaffSignIn::default(),
            outbound: Outbound::default(),
        }
    }
}

impl WebConfig {
    /// The session cookie's name. `__Host-` binds it to this host and path `/`
    /// and requires `Secure`, so it is only used under TLS.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-ettlag_session"
        } else {
            "ettlag_session"
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    /// A hash checked when a user name is unknown, so that a failed sign-in
    /// takes as long whether or not the name exists.
    pub dummy_hash: Arc<str>,
    /// The family portal's identity provider, with its cached discovery
    /// and keys.
    pub citizen_idp: Option<Arc<Provider>>,
    /// The staff's identity provider, likewise.
    pub staff_idp: Option<Arc<Provider>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> AppState {
        let provider = |s: &Option<crate::oidc::OidcSettings>| {
            s.clone()
                .map(|s| Arc::new(Provider::new(s, config.outbound.clone())))
        };
        let (citizen_idp, staff_idp) = (provider(&config.oidc), provider(&config.staff_oidc));
        AppState {
            store,
            citizen_idp,
            staff_idp,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            dummy_hash: Arc::from(dummy_hash().as_str()),
        }
    }
}

fn dummy_hash() -> String {
    use argon2::{Argon2, PasswordHasher};
    Argon2::default()
        .hash_password(b"no such user")
        .map(|h| h.to_string())
        .unwrap_or_default()
}
