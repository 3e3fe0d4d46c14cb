//! The interface language: the user's own choice (kept in a cookie and in
//! their profile), else the browser's `Accept-Language`, else bokmål.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::i18n::{Lang, Tr};
use crate::middleware::session::cookie;

/// The name of the language cookie.
pub const LANG_COOKIE: &str = "ettlag_lang";

pub fn lang_of(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(|c| Lang::from_code(&c))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::new(lang_of(&parts.headers)))
    }
}
