//! The end of a sign-in with a second factor: the half-done sign-in goes,
//! and a full session starts as after any sign-in (the access log records
//! `sign_in` with the method: the password and which code).

use axum::response::Response;
use ettlag_db::CodeOutcome;

use super::pending::{PendingSignIn, set_cookie};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::login::start_session;

/// Starts the session of a sign-in whose second step passed with `outcome`.
pub async fn finish(
    state: &AppState,
    pending: &PendingSignIn,
    outcome: CodeOutcome,
) -> AppResult<Response> {
    state.store.end_sign_in_step(&pending.token).await?;
    let method = match outcome {
        CodeOutcome::Recovery => "password+recovery_code",
        _ => "password+totp",
    };
    let (tenant, staff) = (&pending.step.tenant_id, &pending.step.staff_id);
    let mut response =
        start_session(state, tenant, staff, method, None, &pending.request_id).await?;
    set_cookie(state, &mut response, "");
    Ok(response)
}
