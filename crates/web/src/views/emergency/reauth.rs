//! Re-authentication before a sensitive step (ASVS 5.0 7.5.3): the
//! signed-in user types their password again. It is checked exactly as at
//! sign-in and counts in the same throttle under the same user name, so that
//! a session left open cannot be used to guess the password.

use crate::error::AppResult;
use crate::extractors::current_user::CurrentUser;
use crate::password;
use crate::state::AppState;
use crate::throttle::Attempt;

/// The longest password checked; sign-in refuses longer ones too.
const MAX_PASSWORD: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reauth {
    Confirmed,
    Wrong,
    /// Too many failures: the user name is locked for a while.
    Locked,
    /// The account signs in elsewhere and has no password here to check.
    NoPassword,
}

impl Reauth {
    pub fn message_key(self) -> &'static str {
        match self {
            Reauth::Confirmed => "",
            Reauth::Wrong => "emergency-error-password",
            Reauth::Locked => "emergency-error-locked",
            Reauth::NoPassword => "emergency-error-no-password",
        }
    }
}

/// Checks `typed` against the user's own password. Every check is in the
/// access log; a wrong one counts as a failed sign-in.
pub async fn check(state: &AppState, user: &CurrentUser, typed: &str) -> AppResult<Reauth> {
    let (tenant, staff) = (&user.actor.tenant, &user.actor.staff);
    let Some(username) = state.store.username_of(tenant, staff).await? else {
        return Ok(Reauth::NoPassword);
    };
    let Some(phc) = state
        .store
        .account(&username)
        .await?
        .and_then(|a| a.password_hash)
    else {
        return Ok(Reauth::NoPassword);
    };
    let attempt = Attempt::new(&username, None);
    if !attempt.admitted(state).await? {
        return Ok(Reauth::Locked);
    }
    let confirmed = typed.len() <= MAX_PASSWORD && password::verify(typed, &phc).await;
    let (outcome, reason) = if confirmed {
        ("allow", "password")
    } else {
        ("deny", "wrong_password")
    };
    state
        .store
        .audit_sign_in(
            tenant,
            staff,
            "reauthenticate",
            outcome,
            reason,
            &user.request_id,
        )
        .await?;
    if confirmed {
        attempt.succeeded(state).await?;
        Ok(Reauth::Confirmed)
    } else {
        Ok(Reauth::Wrong)
    }
}
