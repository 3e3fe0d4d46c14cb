//! `/f/{token}`: the answering page behind a one-time link, for a parent or
//! the young person on their own phone, without an account. It shows a
//! first name and the form and nothing else about the person; a used,
//! expired or unknown link gets one plain page that does not say which.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::feedback::Respondent;
use ettlag_db::{DbError, LinkState};

use super::form::{self, FormView};
use super::pack_lang;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "feedback/public.html")]
struct AnswerPage {
    c: Chrome,
    question: String,
    token: String,
    form: FormView,
}

/// What the link page says when it cannot be answered, or after an answer.
#[derive(Template)]
#[template(path = "feedback/public_done.html")]
struct DonePage {
    c: Chrome,
    heading: String,
    text: String,
}

fn done(tr: Tr, status: StatusCode, heading: &str, text: &str) -> Response {
    let page = DonePage {
        heading: tr.t(heading),
        text: tr.t(text),
        c: Chrome::anonymous(tr),
    };
    render(status, &page)
}

fn gone(tr: Tr, state: &LinkState) -> Response {
    match state {
        LinkState::Used => done(
            tr,
            StatusCode::GONE,
            "feedback-link-used-title",
            "feedback-link-used",
        ),
        _ => done(
            tr,
            StatusCode::GONE,
            "feedback-link-expired-title",
            "feedback-link-expired",
        ),
    }
}

async fn show(
    state: &AppState,
    tr: Tr,
    token: &str,
    refused: Option<FormView>,
) -> AppResult<Response> {
    let link = state.store.feedback_link(token).await?;
    let LinkState::Valid(form) = &link else {
        return Ok(gone(tr, &link));
    };
    let lang = pack_lang(&tr);
    let question_key = match form.respondent {
        Respondent::YoungPerson => "feedback-public-question-self",
        _ => "feedback-public-question",
    };
    let (view, status) = match refused {
        Some(view) => (view, StatusCode::UNPROCESSABLE_ENTITY),
        None => (FormView::new(&form.scale, lang, None), StatusCode::OK),
    };
    let page = AnswerPage {
        question: tr.t_with(question_key, &[("name", form.given_name.clone())]),
        token: token.to_string(),
        form: view,
        c: Chrome::anonymous(tr),
    };
    Ok(render(status, &page))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    Path(token): Path<String>,
) -> AppResult<Response> {
    show(&state, tr, &token, None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    Path(token): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = crate::views::form::Fields::parse(&body)?;
    let link = state.store.feedback_link(&token).await?;
    let LinkState::Valid(asked) = &link else {
        return Ok(gone(tr, &link));
    };
    let items = match form::read(&asked.scale, &tr, &fields) {
        Ok(items) => items,
        Err(refused) => return show(&state, tr, &token, Some(refused)).await,
    };
    match state.store.answer_feedback_link(&token, items).await {
        Ok(_) => Ok(done(
            tr,
            StatusCode::OK,
            "feedback-thanks-title",
            "feedback-thanks",
        )),
        Err(DbError::NotFound) => Ok(gone(tr, &LinkState::Expired)),
        Err(e) => Err(e.into()),
    }
}
