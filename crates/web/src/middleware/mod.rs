//! Layers every request passes through, outermost first: request id and
//! metrics, security headers, session loading, CSRF, error pages, and the
//! request's one commit of read records.

pub mod audit_batch;
pub mod csrf;
pub mod error_pages;
pub mod observe;
pub mod security_headers;
pub mod session;
