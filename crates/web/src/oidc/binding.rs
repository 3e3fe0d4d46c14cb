//! The cookie that binds a sign-in to the browser that started it. Without
//! it, a callback address (`code` + `state`) made in one browser would sign
//! a different browser in as the first person (login CSRF, session swap).
//! The cookie holds a random value; the store keeps only its hash beside
//! the `state`, and the callback is refused unless the same browser brings
//! it back. HttpOnly, SameSite=Lax (the provider's redirect back is a
//! top-level navigation, which Lax lets through), ten minutes, and cleared
//! by the callback.

use axum::http::{HeaderMap, HeaderValue, header};
use ettlag_db::OidcAudience;

use crate::middleware::session::cookie;
use crate::state::AppState;

/// The cookie's name for one kind of sign-in (citizen or staff).
/// `__Host-` under TLS binds it to this host and path `/`.
fn name(state: &AppState, audience: OidcAudience) -> String {
    if state.config.secure_cookies {
        format!("__Host-ettlag_oidc_{}", audience.as_str())
    } else {
        format!("ettlag_oidc_{}", audience.as_str())
    }
}

/// A fresh binding value and the `Set-Cookie` header that gives it to the
/// browser.
pub fn issue(state: &AppState, audience: OidcAudience) -> (String, Option<HeaderValue>) {
    let value = ettlag_db::new_token();
    let max_age = ettlag_db::OIDC_FLOW_MS / 1000;
    let header = set_cookie(state, audience, &value, max_age);
    (value, header)
}

/// The binding value the browser brought back, if any.
pub fn read(state: &AppState, headers: &HeaderMap, audience: OidcAudience) -> Option<String> {
    cookie(headers, &name(state, audience)).filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The `Set-Cookie` header that clears the binding.
pub fn clear(state: &AppState, audience: OidcAudience) -> Option<HeaderValue> {
    set_cookie(state, audience, "", 0)
}

/// Adds a `Set-Cookie` header to a response's headers.
pub fn append(headers: &mut HeaderMap, value: Option<HeaderValue>) {
    if let Some(v) = value {
        headers.append(header::SET_COOKIE, v);
    }
}

fn set_cookie(
    state: &AppState,
    audience: OidcAudience,
    value: &str,
    max_age: i64,
) -> Option<HeaderValue> {
    let mut c = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}",
        name(state, audience)
    );
    if state.config.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).ok()
}
