//! What a typed code costs: a wrong one counts in the same throttle as a
//! wrong password (under the account's user name), so a stolen password
//! cannot be followed by guessing codes; on a half-done sign-in it also
//! counts against the sign-in, which ends after a few. A right one clears
//! the throttle.

use axum::http::StatusCode;
use ettlag_core::{StaffId, TenantId};
use ettlag_db::CodeOutcome;

use crate::error::AppResult;
use crate::state::AppState;
use crate::throttle::Attempt;

/// Why a code was not taken, as the page says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many failures under this user name: wait.
    Locked,
    /// A wrong code, or one already used.
    Wrong(CodeOutcome),
    /// Too many wrong codes: this half-done sign-in is over.
    Ended,
    /// Nothing typed: no code was checked, so none is counted.
    Empty,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Locked => "login-locked",
            Refusal::Wrong(CodeOutcome::Replayed) => "second-factor-error-replayed",
            Refusal::Wrong(_) => "second-factor-error-wrong",
            Refusal::Ended => "second-factor-error-ended",
            Refusal::Empty => "second-factor-error-empty",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Refusal::Locked => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Wrong(_) | Refusal::Ended => StatusCode::UNAUTHORIZED,
            Refusal::Empty => StatusCode::BAD_REQUEST,
        }
    }
}

/// The key the throttle counts under: the account's user name, as for
/// passwords.
pub async fn throttle_key(
    state: &AppState,
    tenant: &TenantId,
    staff: &StaffId,
) -> AppResult<String> {
    let username = state.store.username_of(tenant, staff).await?;
    Ok(username.unwrap_or_else(|| staff.as_str().to_string()))
}

/// Counts an attempt at a code before it is checked (so codes typed in
/// parallel cannot pass the limit); `Some(Refusal::Locked)` while the user
/// name is locked, and then nothing is checked.
pub async fn take_turn(state: &AppState, key: &str) -> AppResult<Option<Refusal>> {
    let admitted = Attempt::new(key, None).admitted(state).await?;
    Ok((!admitted).then_some(Refusal::Locked))
}

/// A refused code (counted by [`take_turn`] already); `step` is the
/// half-done sign-in's cookie value, if the code was typed during a sign-in.
pub async fn refused(
    state: &AppState,
    step: Option<&str>,
    outcome: CodeOutcome,
) -> AppResult<Refusal> {
    if let Some(token) = step
        && !state.store.sign_in_step_failed(token).await?
    {
        return Ok(Refusal::Ended);
    }
    Ok(Refusal::Wrong(outcome))
}

/// A right code forgets earlier failures.
pub async fn passed(state: &AppState, key: &str) -> AppResult<()> {
    Attempt::new(key, None).succeeded(state).await
}
