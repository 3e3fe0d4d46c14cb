//! Cross-site request forgery protection on every state-changing request.
//!
//! Two independent checks: the browser's own `Sec-Fetch-Site`/`Origin` headers
//! must say the request comes from our pages, and a signed-in session must
//! present its synchronizer token (a hidden `csrf` form field, or the
//! `X-CSRF-Token` header that htmx sends from `hx-headers` on `<body>`).
//! Requests with a bearer token carry no cookies (`session` removes them)
//! and need neither. The token is read from the body by its real content
//! type (a form, or a part of a multipart upload) before any handler parses
//! it; any other body needs the header.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::session::LoadedSession;
use crate::MAX_BODY;
use crate::error::AppError;

/// The largest form body the check reads; larger forms are refused.
const MAX_FORM: usize = 2 * 1024 * 1024;

/// How much of a multipart body holds its first part (the token) at most.
const MULTIPART_HEAD: usize = 16 * 1024;

pub async fn csrf(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "))
    {
        return next.run(req).await;
    }
    if !same_origin(&req) {
        return AppError::Forbidden.into_response();
    }
    // Signing in (again) replaces any session, so the form carries no token of
    // the old one; the origin check above covers it.
    let session = req.extensions().get::<LoadedSession>();
    let Some(expected) = session
        .filter(|_| req.uri().path() != "/login")
        // The family portal's forms carry the citizen session's own token,
        // checked by its handlers; a staff session in the same browser must
        // not make them fail.
        .filter(|_| !req.uri().path().starts_with("/portal/"))
        .map(|s| s.session.csrf_token.clone())
    else {
        return next.run(req).await;
    };
    if let Some(token) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return if constant_time_eq(token, &expected) {
            next.run(req).await
        } else {
            AppError::Forbidden.into_response()
        };
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let multipart = content_type.starts_with("multipart/form-data");
    if !multipart && !content_type.starts_with("application/x-www-form-urlencoded") {
        return AppError::Forbidden.into_response();
    }
    let (parts, body) = req.into_parts();
    let limit = if multipart { MAX_BODY } else { MAX_FORM };
    let Ok(bytes) = to_bytes(body, limit).await else {
        return AppError::BadRequest("error-too-large".into()).into_response();
    };
    let token = if multipart {
        multipart_value(&content_type, &bytes, "csrf").await
    } else {
        form_urlencoded_value(&bytes, "csrf")
    };
    if !token.is_some_and(|t| constant_time_eq(&t, &expected)) {
        return AppError::Forbidden.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Whether the browser says the request comes from our own pages. Browsers
/// send `Sec-Fetch-Site` (all current ones) or at least `Origin` on POST;
/// a request with neither comes from a tool, not a browser, and carries no
/// ambient credentials that could be abused.
fn same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .map(|(_, rest)| rest == host)
            .unwrap_or(false),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The text of the first part of a multipart body when it is named `name`
/// (our forms put the token first); none when the body is not multipart
/// after all, or starts with another part.
async fn multipart_value(content_type: &str, body: &Bytes, name: &str) -> Option<String> {
    // The first part is small; the parser sees the head of the body only,
    // so a large file after it is neither read twice nor over its limit.
    let head = body.slice(..body.len().min(MULTIPART_HEAD));
    let req = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(head))
        .ok()?;
    let mut parts = Multipart::from_request(req, &()).await.ok()?;
    let first = parts.next_field().await.ok()??;
    if first.name() != Some(name) {
        return None;
    }
    first.text().await.ok()
}

/// Compares secrets without stopping at the first difference.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
