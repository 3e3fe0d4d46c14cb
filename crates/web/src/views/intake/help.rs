//! `/help`: a parent or a young person asks for help in their own words,
//! without having to know which service to ask, and gets a receipt saying
//! when someone will be in touch. No sign-in; nothing is shown back but the
//! receipt.
//!
//! One address may send [`PostKind::SelfReferral`]'s allowance of requests
//! per ten minutes (a request the form refuses does not count). Past it the
//! form comes back with what was written, `429` and `Retry-After`, saying
//! when to send it — and, as always, where to call if it is urgent.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::Coded;
use ettlag_core::intake::{SelfReferralDraft, Who};
use ettlag_db::PostKind;

use crate::error::{AppError, AppResult};
use crate::extractors::client_addr::ClientAddr;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::throttle::{Post, retry_after, wait_message};
use crate::views::form::{Choice, Fields};
use crate::views::layout::{Chrome, render};

#[derive(Template)]
#[template(path = "intake/help.html")]
struct HelpPage {
    c: Chrome,
    municipalities: Vec<Choice>,
    who: Vec<Choice>,
    d: SelfReferralDraft,
    error: Option<String>,
    /// The field the error is about, for `aria-invalid`.
    invalid: &'static str,
}

#[derive(Template)]
#[template(path = "intake/help_sent.html")]
struct SentPage {
    c: Chrome,
    reference: String,
    days: String,
}

/// Why the form is shown again: a message key and the field it is about,
/// or the address must wait this many milliseconds.
enum Refusal {
    Field(&'static str, &'static str),
    Wait(i64),
}

async fn show(
    state: &AppState,
    tr: Tr,
    fields: &Fields,
    error: Option<(&'static str, &'static str)>,
) -> AppResult<Response> {
    show_refused(state, tr, fields, error.map(|(k, f)| Refusal::Field(k, f))).await
}

async fn show_refused(
    state: &AppState,
    tr: Tr,
    fields: &Fields,
    refusal: Option<Refusal>,
) -> AppResult<Response> {
    let chosen = fields.get("municipality");
    let municipalities = state
        .store
        .tenants()
        .await?
        .into_iter()
        .map(|t| {
            let selected = chosen == t.slug;
            Choice::new(&t.slug, t.name, selected)
        })
        .collect();
    let who_chosen = fields.get("who");
    let who = Who::ALL
        .iter()
        .map(|w| Choice::new(w.code(), tr.t(&w.message_key()), who_chosen == w.code()))
        .collect();
    let (error, invalid, status) = match refusal {
        None => (None, "", StatusCode::OK),
        Some(Refusal::Field(key, field)) => {
            (Some(tr.t(key)), field, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Some(Refusal::Wait(ms)) => {
            let text = format!("{} {}", wait_message(&tr, ms), tr.t("help-limit-kept"));
            (Some(text), "", StatusCode::TOO_MANY_REQUESTS)
        }
    };
    let page = HelpPage {
        municipalities,
        who,
        d: draft(fields),
        error,
        invalid,
        c: Chrome::anonymous(tr),
    };
    Ok(render(status, &page))
}

fn draft(fields: &Fields) -> SelfReferralDraft {
    SelfReferralDraft {
        who: fields.get("who"),
        text: fields.raw("text"),
        name: fields.raw("name"),
        phone: fields.get("phone"),
        email: fields.get("email"),
        child_name: fields.raw("child_name"),
        child_birth_date: fields.get("child_birth_date"),
    }
}

pub async fn get(State(state): State<AppState>, tr: Tr) -> AppResult<Response> {
    show(&state, tr, &Fields::default(), None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    ClientAddr(addr): ClientAddr,
    body: Bytes,
) -> AppResult<Response> {
    let fields = Fields::parse(&body)?;
    let tenants = state.store.tenants().await?;
    let slug = fields.get("municipality");
    let tenant = match tenants.iter().find(|t| t.slug == slug) {
        Some(t) => t.id.clone(),
        None if tenants.len() == 1 => tenants[0].id.clone(),
        None => {
            return show(
                &state,
                tr,
                &fields,
                Some(("help-error-municipality", "municipality")),
            )
            .await;
        }
    };
    let referral = match draft(&fields).parse() {
        Ok(r) => r,
        Err(e) => return show(&state, tr, &fields, Some((e.message_key(), e.field()))).await,
    };
    // Counted once the form is right, before anything is kept: requests in
    // parallel cannot all pass before the first is counted.
    let post = Post::new(PostKind::SelfReferral, addr);
    if let Some(ms) = post.wait_ms(&state).await? {
        let page = show_refused(&state, tr, &fields, Some(Refusal::Wait(ms))).await?;
        return Ok(retry_after(page, ms));
    }
    let receipt = state
        .store
        .receive_self_referral(&tenant, referral)
        .await
        .map_err(AppError::from)?;
    Ok(Redirect::to(&format!(
        "/help/sent?ref={}&days={}",
        receipt.reference, receipt.days
    ))
    .into_response())
}

#[derive(Debug, serde::Deserialize)]
pub struct SentQuery {
    #[serde(default, rename = "ref")]
    reference: String,
    #[serde(default)]
    days: String,
}

/// The receipt. It shows only what the address carries: the reference and
/// the number of days — nothing that was written.
pub async fn sent(tr: Tr, Query(q): Query<SentQuery>) -> AppResult<Response> {
    let reference: String = q
        .reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(16)
        .collect();
    let days = q.days.parse::<u16>().unwrap_or(7).to_string();
    Ok(render(
        StatusCode::OK,
        &SentPage {
            reference,
            days,
            c: Chrome::anonymous(tr),
        },
    ))
}
