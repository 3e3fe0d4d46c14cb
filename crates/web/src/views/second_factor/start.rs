//! Right after a correct password: does the account need a second step?
//! If so, the sign-in waits half done (no session yet) and the browser goes
//! to the code page, or to enrolment where the municipality requires a
//! second factor and the account has none.

use axum::response::{IntoResponse, Redirect, Response};
use ettlag_core::second_factor::SecondStep;
use ettlag_core::{StaffId, TenantId};

use super::pending::{CODE_PATH, ENROL_PATH, set_cookie};
use crate::error::AppResult;
use crate::middleware::session::LoadedSession;
use crate::state::AppState;

/// `None` when the password is enough; otherwise the answer that starts
/// the second step. The session this browser had ends here, as at any
/// sign-in, and the access log records that the password was right.
pub async fn after_password(
    state: &AppState,
    tenant: &TenantId,
    staff: &StaffId,
    previous: Option<&LoadedSession>,
    request_id: &str,
) -> AppResult<Option<Response>> {
    let kind = state.store.second_step(tenant, staff).await?;
    let target = match kind {
        SecondStep::None => return Ok(None),
        SecondStep::Code => CODE_PATH,
        SecondStep::Enrol => ENROL_PATH,
    };
    if let Some(old) = previous {
        state.store.delete_session(&old.token).await?;
    }
    let (token, _) = state.store.create_sign_in_step(tenant, staff, kind).await?;
    state
        .store
        .audit_sign_in(
            tenant,
            staff,
            "sign_in_step",
            "allow",
            "password",
            request_id,
        )
        .await?;
    let mut response = Redirect::to(target).into_response();
    set_cookie(state, &mut response, &token);
    Ok(Some(response))
}
