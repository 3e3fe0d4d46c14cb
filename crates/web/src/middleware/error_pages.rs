//! Turns an [`AppError`] into what the client reads: a page in the user's
//! language, or JSON for the API. Handlers only say what went wrong.

use askama::Template;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use crate::error::AppError;
use crate::extractors::lang::lang_of;
use crate::i18n::Tr;
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    title: String,
    message: String,
}

pub async fn error_pages(req: Request, next: Next) -> Response {
    let tr = Tr::new(lang_of(req.headers()));
    let is_api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    let Some(error) = response.extensions().get::<AppError>().cloned() else {
        return response;
    };
    let status = error.status();
    let message = tr.t(&error.message_key());
    if is_api {
        let key = error.message_key();
        return crate::api::problem(
            status,
            crate::api::ApiError::new(&tr, status, &key, message),
        );
    }
    let page = ErrorPage {
        c: Chrome::anonymous(tr),
        title: tr.t(&format!("error-title-{}", status.as_u16())),
        message,
    };
    render(status, &page)
}
