//! Signing out at the provider too (OpenID Connect RP-Initiated Logout
//! 1.0), for the portal and for staff alike: the address of the provider's
//! `end_session_endpoint` with the ID token as `id_token_hint`, our
//! signed-out page as `post_logout_redirect_uri` and a fresh `state` kept
//! in the database, which the signed-out page takes back to tell that the
//! provider really signed the person out.

use ettlag_db::OidcAudience;

use super::Provider;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The provider's sign-out address with our parameters; none when the
/// provider has no such endpoint (or cannot be reached), so the person is
/// signed out here only.
pub async fn end_session_url(
    state: &AppState,
    provider: &Provider,
    audience: OidcAudience,
    id_token: &str,
    locale: &str,
) -> AppResult<Option<String>> {
    let s = provider.settings();
    let endpoint = match &s.end_session_url {
        Some(url) => Some(url.clone()),
        None => provider
            .discovery()
            .await
            .ok()
            .and_then(|d| d.end_session_endpoint.clone()),
    };
    let Some(endpoint) = endpoint.filter(|e| !e.is_empty()) else {
        tracing::warn!(
            audience = audience.as_str(),
            "the identity provider has no end_session_endpoint; signed out here only"
        );
        return Ok(None);
    };
    let st = ettlag_db::new_token();
    state.store.start_oidc_logout(audience, &st).await?;
    let query = serde_urlencoded::to_string([
        ("id_token_hint", id_token),
        ("post_logout_redirect_uri", s.post_logout_url.as_str()),
        ("state", st.as_str()),
        ("client_id", s.client_id.as_str()),
        ("ui_locales", locale),
    ])
    .map_err(|_| AppError::Internal)?;
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    Ok(Some(format!("{endpoint}{sep}{query}")))
}

/// Whether the `state` the provider sent back is one we sent with a
/// sign-out (taken, so it counts once). A state we did not send, or sent
/// long ago, cannot tell that the provider signed the person out.
pub async fn confirmed(state: &AppState, audience: OidcAudience, back: &str) -> AppResult<bool> {
    Ok(!back.is_empty()
        && back.len() <= 256
        && state.store.take_oidc_logout(audience, back).await?)
}
