//! `GET/POST /login/second-factor/enrol`: the municipality requires a second
//! factor and the account has none, so it enrols before it gets in: scan
//! the QR code (or type the secret), confirm with the first code, and see
//! the recovery codes once, as the session starts.

use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::second_factor::SecondStep;
use ettlag_db::{CodeOutcome, DbError};

use super::code::{CodeForm, MAX_CODE};
use super::finish::finish;
use super::pages::{CodePage, EnrolPage, RecoveryPage, pending_chrome};
use super::pending::{CODE_PATH, ENROL_PATH, PendingSignIn};
use super::verify::{Refusal, passed, refused, take_turn, throttle_key};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::layout::{Chrome, page, render};

/// The enrolment page, with the secret waiting for its first code; to the
/// code page when the account has enrolled meanwhile.
async fn show(
    state: &AppState,
    tr: Tr,
    pending: &PendingSignIn,
    refusal: Option<Refusal>,
) -> AppResult<Response> {
    let (tenant, staff) = (&pending.step.tenant_id, &pending.step.staff_id);
    let enrolment = match state.store.begin_enrolment(tenant, staff).await {
        Ok(e) => e,
        Err(DbError::Refused(_)) => return Ok(Redirect::to(CODE_PATH).into_response()),
        Err(e) => return Err(e.into()),
    };
    let account = throttle_key(state, tenant, staff).await?;
    let c = pending_chrome(Chrome::anonymous(tr), &pending.step.csrf_token);
    let mut enrol = EnrolPage::new(c, &enrolment.secret, &account, ENROL_PATH, "/login");
    enrol.required = true;
    enrol.error = refusal.map(|r| tr.t(r.message_key()));
    let status = refusal.map_or(StatusCode::OK, Refusal::status);
    Ok(render(status, &enrol))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    pending: PendingSignIn,
) -> AppResult<Response> {
    if pending.step.kind != SecondStep::Enrol {
        return Ok(Redirect::to(pending.path()).into_response());
    }
    show(&state, tr, &pending, None).await
}

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    pending: PendingSignIn,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    pending.check_csrf(&form.csrf)?;
    if pending.step.kind != SecondStep::Enrol {
        return Ok(Redirect::to(pending.path()).into_response());
    }
    let (tenant, staff) = (&pending.step.tenant_id, &pending.step.staff_id);
    let key = throttle_key(&state, tenant, staff).await?;
    if let Some(refusal) = take_turn(&state, &key).await? {
        return show(&state, tr, &pending, Some(refusal)).await;
    }
    let typed: String = form.code.chars().take(MAX_CODE).collect();
    let confirmed = state
        .store
        .confirm_enrolment(tenant, staff, &typed, &pending.request_id)
        .await?;
    let codes = match confirmed {
        Ok(codes) => codes,
        Err(outcome) => return refuse(&state, tr, &pending, outcome).await,
    };
    passed(&state, &key).await?;
    let started = finish(&state, &pending, CodeOutcome::App).await?;
    // The recovery codes are shown now, once, with the new session's cookies.
    let mut shown = page(&RecoveryPage {
        c: Chrome::anonymous(tr),
        done: "second-factor-recovery-done",
        codes,
        next: "/children",
    });
    for cookie in started.headers().get_all(header::SET_COOKIE) {
        shown
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    Ok(shown)
}

async fn refuse(
    state: &AppState,
    tr: Tr,
    pending: &PendingSignIn,
    outcome: CodeOutcome,
) -> AppResult<Response> {
    let refusal = refused(state, Some(&pending.token), outcome).await?;
    if refusal == Refusal::Ended {
        let ended = CodePage {
            c: Chrome::anonymous(tr),
            error: Some(tr.t(refusal.message_key())),
            ended: true,
        };
        return Ok(render(refusal.status(), &ended));
    }
    show(state, tr, pending, Some(refusal)).await
}
