//! `POST /settings/second-factor/recovery-codes`: a new set of recovery
//! codes for one who used or lost theirs. It takes a current code (from the
//! app, or a recovery code), so that an open session alone cannot take over
//! the factor; a wrong one counts in the same throttle as at sign-in. The new
//! codes are shown once; the old ones stopped working in the same commit.

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use ettlag_db::CodeOutcome;

use super::code::{CodeForm, MAX_CODE};
use super::own::{PATH, show};
use super::pages::RecoveryPage;
use super::verify::{Refusal, passed, refused, take_turn, throttle_key};
use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::form::see_other;
use crate::views::layout::{Chrome, page};

pub const RENEW_PATH: &str = "/settings/second-factor/recovery-codes";
/// The renewal's code field on the page (the removal has its own).
const FIELD: &str = "renew-code";

pub async fn post(
    State(state): State<AppState>,
    tr: Tr,
    user: CurrentUser,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    let typed: String = form.code.trim().chars().take(MAX_CODE).collect();
    if typed.is_empty() {
        return show(&state, tr, &user, None, Some(Refusal::Empty), FIELD).await;
    }
    let key = throttle_key(&state, tenant, staff).await?;
    if let Some(refusal) = take_turn(&state, &key).await? {
        return show(&state, tr, &user, None, Some(refusal), FIELD).await;
    }
    let renewed = state
        .store
        .renew_recovery_codes(tenant, staff, &typed, &user.request_id)
        .await?;
    match renewed {
        Ok(codes) => {
            passed(&state, &key).await?;
            Ok(page(&RecoveryPage {
                c: Chrome::for_user(tr, &user, "settings"),
                done: "second-factor-renewed",
                codes,
                next: PATH,
            }))
        }
        // Removed meanwhile (in another tab): the page says so.
        Err(CodeOutcome::NotEnrolled) => Ok(see_other(PATH, &[])),
        Err(outcome) => {
            let refusal = refused(&state, None, outcome).await?;
            show(&state, tr, &user, None, Some(refusal), FIELD).await
        }
    }
}
