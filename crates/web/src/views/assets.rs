//! Static assets, compiled into the binary so that one file is the whole product.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../../static/ettlag.css");
const HTMX: &str = include_str!("../../static/htmx.min.js");
const FEEDBACK_JS: &str = include_str!("../../static/feedback.js");

pub async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}

pub async fn htmx() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        HTMX,
    )
        .into_response()
}

/// The feedback sliders (see the script's own comment).
pub async fn feedback_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        FEEDBACK_JS,
    )
        .into_response()
}

pub async fn favicon() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
