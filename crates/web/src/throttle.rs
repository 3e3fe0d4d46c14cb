//! The sign-in throttle as the pages use it: one attempt at a secret (a
//! password, a second-factor code) is counted against its name, the
//! client's address where known, and everyone, before the secret is
//! checked; a success gives it back. The rules are `ettlag_db::throttle`'s.
//!
//! The same counter limits what the public sends without signing in
//! ([`Post`]): each post of a kind counts against the client's address, and
//! past the kind's allowance the page answers `429 Too Many Requests` with
//! `Retry-After` and says, in the user's language, when to try again.

use std::net::IpAddr;

use axum::http::{HeaderValue, header};
use axum::response::Response;
use ettlag_db::{Admission, PostKind, ThrottleKey};

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::time::clock;

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

/// One post of a public form (a request for help, a feedback answer).
#[derive(Debug, Clone)]
pub struct Post {
    key: Option<ThrottleKey>,
}

impl Post {
    /// A post of `kind` from `addr`. Without an address (a server not
    /// started to record them) nothing is counted.
    pub fn new(kind: PostKind, addr: Option<IpAddr>) -> Post {
        Post {
            key: addr.map(|addr| ThrottleKey::Posts(kind, addr)),
        }
    }

    /// Counts the post: `None` when it may go on, else how many
    /// milliseconds until the address may post again (nothing is counted).
    pub async fn wait_ms(&self, state: &AppState) -> AppResult<Option<i64>> {
        let Some(key) = &self.key else {
            return Ok(None);
        };
        let admission = state
            .store
            .admit_attempt(std::slice::from_ref(key), state.config.throttle)
            .await?;
        Ok(match admission {
            Admission::Admitted => None,
            Admission::Locked(ms) => Some(ms.max(1)),
        })
    }
}

/// Adds `Retry-After` (whole seconds, rounded up) to a `429` page.
pub fn retry_after(mut response: Response, wait_ms: i64) -> Response {
    let seconds = (wait_ms.max(0) + 999) / 1000;
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// What a page says when the address must wait: the local time to try
/// again and the minutes until then.
pub fn wait_message(tr: &Tr, wait_ms: i64) -> String {
    let minutes = ((wait_ms.max(0) + 59_999) / 60_000).max(1);
    tr.t_with(
        "post-limit-when",
        &[
            ("time", clock(ettlag_db::now_ms() + wait_ms)),
            ("minutes", minutes.to_string()),
        ],
    )
}
