//! The settings of the identity provider an installation uses for citizens
//! (ID-porten in production): read from the configuration by the command
//! line, kept in the application state, used by the portal's sign-in and
//! sign-out. A neutral room, so that the state does not import a view.

/// The identity provider this installation uses for citizens.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The issuer, e.g. `https://idporten.no`; discovery is read from
    /// `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// Sent as `client_secret_post` when set; a public client otherwise.
    pub client_secret: Option<String>,
    /// Where the provider sends the browser back: `…/portal/oidc/callback`.
    pub redirect_url: String,
    /// The level required, e.g. `idporten-loa-high`.
    pub acr: String,
    /// Where the provider sends the browser back after signing out there:
    /// `…/portal/signed-out` (registered with the provider).
    pub post_logout_url: String,
    /// The provider's `end_session_endpoint` when discovery does not name it.
    pub end_session_url: Option<String>,
}
