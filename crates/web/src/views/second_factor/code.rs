//! `GET/POST /login/second-factor`: the second step of a sign-in for an
//! account with a second factor: a code from the app, or a recovery code.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::second_factor::SecondStep;
use serde::Deserialize;

use super::finish::finish;
use super::pages::{CodePage, pending_chrome};
use super::pending::PendingSignIn;
use super::verify::{Refusal, refused, take_turn, throttle_key};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, render};

/// The longest answer read: a recovery code with spaces to spare.
pub const MAX_CODE: usize = 40;

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub code: String,
}

fn show(tr: Tr, pending: &PendingSignIn, status: StatusCode, refusal: Option<Refusal>) -> Response {
    render(
        status,
        &CodePage {
            c: pending_chrome(Chrome::anonymous(tr), &pending.step.csrf_token),
            error: refusal.map(|r| tr.t(r.message_key())),
            ended: refusal == Some(Refusal::Ended),
        },
    )
}

pub async fn get(tr: Tr, pending: PendingSignIn) -> Response {
    if pending.step.kind != SecondStep::Code {
        return Redirect::to(pending.path()).into_response();
    }
    show(tr, &pending, StatusCode::OK, None)
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    pending: PendingSignIn,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    pending.check_csrf(&form.csrf)?;
    if pending.step.kind != SecondStep::Code {
        return Ok(Redirect::to(pending.path()).into_response());
    }
    let (tenant, staff) = (&pending.step.tenant_id, &pending.step.staff_id);
    let key = throttle_key(&state, tenant, staff).await?;
    if let Some(refusal) = take_turn(&state, &key).await? {
        return Ok(show(tr, &pending, refusal.status(), Some(refusal)));
    }
    let typed: String = form.code.chars().take(MAX_CODE).collect();
    let outcome = state
        .store
        .check_second_factor(tenant, staff, &typed, &pending.request_id)
        .await?;
    if outcome.accepted() {
        super::verify::passed(&state, &key).await?;
        return finish(&state, &pending, outcome).await;
    }
    let refusal = refused(&state, Some(&pending.token), outcome).await?;
    Ok(show(tr, &pending, refusal.status(), Some(refusal)))
}
