//! `/settings/second-factor`: a staff member's own second factor. They see
//! whether they have one and how many recovery codes are left, set one up
//! (the same enrolment as at sign-in), and remove it with a current code
//! (new recovery codes are in `renew`).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use ettlag_db::{CodeOutcome, SecondFactorStatus};

use super::code::{CodeForm, MAX_CODE};
use super::pages::{EnrolPage, RecoveryPage};
use super::verify::{Refusal, passed, refused, take_turn, throttle_key};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::{Done, see_other};
use crate::views::layout::{Chrome, page, render};
use crate::views::time::moment;

pub const PATH: &str = "/settings/second-factor";
const ENROL: &str = "/settings/second-factor/enrol";

#[derive(Template)]
#[template(path = "second_factor/settings.html")]
struct OwnPage {
    c: Chrome,
    status: SecondFactorStatus,
    /// "Set up since …, N recovery codes left."
    summary: String,
    notice: Option<String>,
    error: Option<String>,
    /// The field the error is about: the removal's or the renewal's code.
    error_field: &'static str,
}

/// The removal's code field; `renew` has its own.
const REMOVE_FIELD: &str = "code";

/// The page, with what went wrong in `field`, if anything did.
pub(super) async fn show(
    state: &AppState,
    tr: Tr,
    user: &CurrentUser,
    notice: Option<String>,
    refusal: Option<Refusal>,
    field: &'static str,
) -> AppResult<Response> {
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    let status = state.store.second_factor_status(tenant, staff).await?;
    let summary = status.enrolled_at.map_or_else(String::new, |at| {
        tr.t_with(
            "second-factor-summary",
            &[
                ("since", moment(at)),
                ("left", status.recovery_codes_left.to_string()),
            ],
        )
    });
    let own = OwnPage {
        c: Chrome::for_user(tr, user, "settings"),
        status,
        summary,
        notice,
        error: refusal.map(|r| tr.t(r.message_key())),
        error_field: field,
    };
    Ok(render(
        refusal.map_or(StatusCode::OK, Refusal::status),
        &own,
    ))
}

pub async fn get(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let notice = (done.done == "removed").then(|| tr.t("second-factor-removed"));
    show(&state, tr, &user, notice, None, REMOVE_FIELD).await
}

/// Without a code: starts (or shows again) the enrolment. With one:
/// confirms it and shows the recovery codes once.
pub async fn enrol(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    let enrolment = match state.store.begin_enrolment(tenant, staff).await {
        Ok(e) => e,
        Err(ettlag_db::DbError::Refused(_)) => return Ok(see_other(PATH, &[])),
        Err(e) => return Err(e.into()),
    };
    let key = throttle_key(&state, tenant, staff).await?;
    let typed: String = form.code.trim().chars().take(MAX_CODE).collect();
    let mut refusal = None;
    if !typed.is_empty() {
        refusal = take_turn(&state, &key).await?;
    }
    if !typed.is_empty() && refusal.is_none() {
        let confirmed = state
            .store
            .confirm_enrolment(tenant, staff, &typed, &user.request_id)
            .await?;
        match confirmed {
            Ok(codes) => {
                passed(&state, &key).await?;
                let c = Chrome::for_user(tr, &user, "settings");
                return Ok(page(&RecoveryPage {
                    c,
                    done: "second-factor-recovery-done",
                    codes,
                    next: PATH,
                }));
            }
            Err(outcome) => refusal = Some(refused(&state, None, outcome).await?),
        }
    }
    let c = Chrome::for_user(tr, &user, "settings");
    let mut enrol = EnrolPage::new(c, &enrolment.secret, &key, ENROL, PATH);
    enrol.error = refusal.map(|r| tr.t(r.message_key()));
    Ok(render(
        refusal.map_or(StatusCode::OK, Refusal::status),
        &enrol,
    ))
}

/// Removes the factor when the code is right.
pub async fn remove(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    let key = throttle_key(&state, tenant, staff).await?;
    if let Some(refusal) = take_turn(&state, &key).await? {
        return show(&state, tr, &user, None, Some(refusal), REMOVE_FIELD).await;
    }
    let typed: String = form.code.chars().take(MAX_CODE).collect();
    let outcome = state
        .store
        .remove_second_factor(tenant, staff, &typed, &user.request_id)
        .await?;
    if outcome == CodeOutcome::NotEnrolled {
        return Ok(see_other(PATH, &[]));
    }
    if outcome.accepted() {
        passed(&state, &key).await?;
        return Ok(see_other(PATH, &[("done", "removed")]));
    }
    let refusal = refused(&state, None, outcome).await?;
    show(&state, tr, &user, None, Some(refusal), REMOVE_FIELD).await
}
