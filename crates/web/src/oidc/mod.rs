//! OpenID Connect, ettlag as the relying party: the settings of a provider,
//! its discovery and keys (cached), the authorization code flow with PKCE
//! bound to the browser, the checks of ID and logout tokens, and client
//! authentication. Used by the family portal (ID-porten) and by staff
//! single sign-on alike; what the claims mean is the caller's.
//!
//! Why not the `openidconnect` crate: it brings `oauth2` and a second HTTP
//! stack beside the workspace's reqwest. The JOSE work (signatures, JWK,
//! client assertions) is `jsonwebtoken`'s; the claim rules are pure and
//! tested in `ettlag_core::oidc`; the whole flow is tested against the
//! OpenID-certified `oidc-provider` over HTTPS in the browser tests.

mod binding;
pub mod exchange;
pub mod flow;
pub mod logout;
pub mod provider;
pub mod settings;
pub mod token;

pub use provider::Provider;
pub use settings::{ClientAuth, OidcSettings, SigningKey, StaffSignIn};
