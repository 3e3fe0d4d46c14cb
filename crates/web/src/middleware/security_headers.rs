//! Security headers on every response. The CSP allows no inline script and
//! nothing from other origins; every page that may show personal data is
//! `no-store`, which in practice is every page but the static assets. No
//! page may be framed, but the one a handler marks with [`FrameAncestor`]
//! (the identity provider's front-channel logout frame).

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A response that one other origin may show in a frame.
#[derive(Debug, Clone)]
pub struct FrameAncestor(pub String);

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/static/");
    let mut response = next.run(req).await;
    let framed_by = response.extensions().get::<FrameAncestor>().cloned();
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    let framed_csp = framed_by.and_then(|FrameAncestor(origin)| {
        let csp = CSP.replace(
            "frame-ancestors 'none'",
            &format!("frame-ancestors {origin}"),
        );
        HeaderValue::from_str(&csp).ok()
    });
    match framed_csp {
        Some(csp) => {
            h.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
        None => {
            set(h, header::CONTENT_SECURITY_POLICY, CSP);
            set(h, header::X_FRAME_OPTIONS, "DENY");
        }
    }
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if state.config.secure_cookies {
        // Served over TLS: tell browsers never to use plain HTTP here again.
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if is_asset {
        set(h, header::CACHE_CONTROL, "public, max-age=3600");
    } else {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    response
}
