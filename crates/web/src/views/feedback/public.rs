//! `/f/{token}`: the answering page behind a one-time link, for a parent or
//! the young person on their own phone, without an account. It shows a
//! first name and the form and nothing else about the person; a used,
//! expired or unknown link gets one plain page that does not say which.
//!
//! One address may post [`PostKind::FeedbackAnswer`]'s allowance of answers
//! (and tries at links that do not answer) per ten minutes; an answer the
//! form refuses does not count. Past it the page answers `429` with
//! `Retry-After`, says when to try again, and keeps the answers given.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_core::feedback::Respondent;
use ettlag_db::{DbError, LinkState, PostKind};

use super::form::{self, FormView};
use super::pack_lang;
use crate::error::AppResult;
use crate::extractors::client_addr::ClientAddr;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::throttle::{Post, retry_after, wait_message};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "feedback/public.html")]
struct AnswerPage {
    c: Chrome,
    question: String,
    token: String,
    form: FormView,
    /// The address must wait: when to send, and that nothing is lost.
    wait: Option<String>,
}

/// What the link page says when it cannot be answered, or after an answer.
#[derive(Template)]
#[template(path = "feedback/public_done.html")]
struct DonePage {
    c: Chrome,
    heading: String,
    text: String,
}

/// Why the form is shown again.
enum Again {
    /// Items were refused; the form names them.
    Refused(FormView),
    /// The address must wait this many milliseconds; the answers are kept.
    Wait(FormView, i64),
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

async fn show(state: &AppState, tr: Tr, token: &str, again: Option<Again>) -> AppResult<Response> {
    let link = state.store.feedback_link(token).await?;
    let LinkState::Valid(form) = &link else {
        return Ok(gone(tr, &link));
    };
    let lang = pack_lang(&tr);
    let question_key = match form.respondent {
        Respondent::YoungPerson => "feedback-public-question-self",
        _ => "feedback-public-question",
    };
    let (view, status, wait) = match again {
        Some(Again::Refused(view)) => (view, StatusCode::UNPROCESSABLE_ENTITY, None),
        Some(Again::Wait(view, ms)) => {
            let text = format!("{} {}", wait_message(&tr, ms), tr.t("feedback-limit-kept"));
            (view, StatusCode::TOO_MANY_REQUESTS, Some(text))
        }
        None => (FormView::new(&form.scale, lang, None), StatusCode::OK, None),
    };
    let page = AnswerPage {
        question: tr.t_with(question_key, &[("name", form.given_name.clone())]),
        token: token.to_string(),
        form: view,
        wait,
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
    ClientAddr(addr): ClientAddr,
    Path(token): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    let fields = crate::views::form::Fields::parse(&body)?;
    let link = state.store.feedback_link(&token).await?;
    // An answer the form refuses is not counted; an answer to keep is, and
    // so is a post to a link that does not answer (someone trying links).
    let items = match &link {
        LinkState::Valid(asked) => match form::read(&asked.scale, &tr, &fields) {
            Ok(items) => Some(items),
            Err(refused) => return show(&state, tr, &token, Some(Again::Refused(refused))).await,
        },
        _ => None,
    };
    let post = Post::new(PostKind::FeedbackAnswer, addr);
    if let Some(ms) = post.wait_ms(&state).await? {
        let page = match &link {
            LinkState::Valid(asked) => {
                let kept = FormView::new(&asked.scale, pack_lang(&tr), Some(&fields));
                show(&state, tr, &token, Some(Again::Wait(kept, ms))).await?
            }
            _ => {
                let page = DonePage {
                    heading: tr.t("post-limit-title"),
                    text: wait_message(&tr, ms),
                    c: Chrome::anonymous(tr),
                };
                render(StatusCode::TOO_MANY_REQUESTS, &page)
            }
        };
        return Ok(retry_after(page, ms));
    }
    let Some(items) = items else {
        return Ok(gone(tr, &link));
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
