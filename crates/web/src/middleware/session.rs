//! Loads the session named by the cookie, once per request, for the CSRF check
//! and the `CurrentUser` extractor. A request with an `Authorization` header
//! carries no cookies past this point.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ettlag_db::Session;

use crate::error::AppError;
use crate::state::AppState;

/// The session of this request and the cookie value that named it.
#[derive(Debug, Clone)]
pub struct LoadedSession {
    pub token: String,
    pub session: Session,
}

/// The value of a cookie in a request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
}

pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if req.headers().contains_key(header::AUTHORIZATION) {
        // A request that names its credentials is signed in by them alone:
        // were a cookie to count as well, `Authorization: Bearer <junk>`
        // would pass the CSRF check (which trusts requests without ambient
        // credentials) and still be signed in by the browser's session.
        req.headers_mut().remove(header::COOKIE);
        return next.run(req).await;
    }
    if let Some(token) = cookie(req.headers(), state.config.session_cookie()) {
        // Tokens are 64 hex characters; anything else cannot be a session.
        if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
            match state.store.session(&token, state.config.session).await {
                Ok(Some(session)) => {
                    req.extensions_mut()
                        .insert(LoadedSession { token, session });
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::error!(error = %e, "could not load a session");
                    return AppError::Internal.into_response();
                }
            }
        }
    }
    next.run(req).await
}
