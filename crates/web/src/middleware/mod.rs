//! Layers every request passes through, outermost first: request id and
//! metrics, security headers, session loading, CSRF, error pages.

pub mod csrf;
pub mod error_pages;
pub mod observe;
pub mod security_headers;
pub mod session;
