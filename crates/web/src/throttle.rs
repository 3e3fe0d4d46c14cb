//! The sign-in throttle as the pages use it: one attempt at a secret (a
//! password, a second-factor code) is counted against its name, the
//! client's address where known, and everyone, before the secret is
//! checked; a success gives it back. The rules are `ettlag_db::throttle`'s.

use std::net::IpAddr;

use ettlag_db::{Admission, ThrottleKey};

use crate::error::AppResult;
use crate::state::AppState;

/// One attempt at a secret.
#[derive(Debug, Clone)]
pub struct Attempt {
    keys: Vec<ThrottleKey>,
}

impl Attempt {
    /// An attempt for the account `name` from `addr`.
    pub fn new(name: &str, addr: Option<IpAddr>) -> Attempt {
        let mut keys = vec![ThrottleKey::Name(name.to_string()), ThrottleKey::Everyone];
        if let Some(addr) = addr {
            keys.push(ThrottleKey::Address(addr));
        }
        Attempt { keys }
    }

    /// Whether the secret may be checked now (the attempt is counted).
    pub async fn admitted(&self, state: &AppState) -> AppResult<bool> {
        let admission = state
            .store
            .admit_attempt(&self.keys, state.config.throttle)
            .await?;
        Ok(admission == Admission::Admitted)
    }

    /// The secret was right: the attempt is given back.
    pub async fn succeeded(&self, state: &AppState) -> AppResult<()> {
        Ok(state.store.attempt_succeeded(&self.keys).await?)
    }
}
