//! Throttling of sign-in attempts (passwords, second-factor codes, the
//! re-authentication before emergency access). Every attempt is counted
//! *before* its secret is checked, in one job of the writer, so attempts
//! made in parallel cannot all pass before the first failure is written:
//! a burst of a hundred wrong passwords gets the free attempts and one
//! more, then the lock. An attempt that succeeds is given back.
//!
//! An attempt counts against its user name, the client's address (where
//! the server knows it) and everyone at once, each with its own allowance:
//! a name is locked after a few failures, an address (an office behind one
//! gateway) after many in ten minutes, and the whole service only under a
//! broad attack, and then briefly, so no one can lock everyone out for long.
//!
//! The same counter limits what the public may send without signing in
//! ([`ThrottleKey::Posts`]: a request for help, an answer through a one-time
//! link). There every post counts, not only failures: an address has an
//! allowance of each kind per ten-minute window, and past it waits until
//! the window ends. There is no limit for everyone at once, so that a flood
//! from some addresses never shuts out a family asking from another.

use std::net::IpAddr;

use sqlx::Row;

use crate::clock::now_ms;
use crate::error::DbResult;
use crate::store::Store;
use crate::writer::Tx;

/// After `free` failures of a key, each further attempt locks it for twice
/// as long as the one before, up to `max_lock_ms`. Set for user names; the
/// other keys scale it (see [`ThrottleKey::limits`]).
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub free: i64,
    pub base_lock_ms: i64,
    pub max_lock_ms: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            free: 5,
            base_lock_ms: 2_000,
            max_lock_ms: 15 * 60_000,
        }
    }
}

/// What an attempt is counted against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThrottleKey {
    /// A user name (or another name for one account, e.g. `citizen:…`).
    Name(String),
    /// The client's address.
    Address(IpAddr),
    /// Every attempt at all.
    Everyone,
    /// Posts of one kind from the client's address, counted whether they
    /// succeed or not, with the kind's allowance per window.
    Posts(PostKind, IpAddr),
}

/// A form the public sends without signing in, limited per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    /// A request for help (`/help`).
    SelfReferral,
    /// An answer through a one-time feedback link (`/f/…`), or a try at a
    /// link that does not answer.
    FeedbackAnswer,
}

impl PostKind {
    pub fn code(self) -> &'static str {
        match self {
            PostKind::SelfReferral => "self_referral",
            PostKind::FeedbackAnswer => "feedback_answer",
        }
    }

    /// Posts one address may make per ten-minute window.
    ///
    /// A family asks for help once, perhaps a parent and the young person
    /// each, or again after a mistake; a school's or a library's shared
    /// address sees a few. Ten in ten minutes lets all of them through and
    /// stops a script after ten (testers sent 300 in under two seconds).
    ///
    /// Feedback links are answered once each, but a school class may
    /// answer at the same time behind one gateway, as may many phones
    /// behind a mobile operator's shared address: sixty in ten minutes is
    /// two classes with room for mistakes, and still stops anyone trying
    /// links at random after sixty.
    pub fn allowance(self) -> i64 {
        match self {
            PostKind::SelfReferral => 10,
            PostKind::FeedbackAnswer => 60,
        }
    }
}

/// How a key's allowance runs out.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// Past `free` failures, locks that double (see [`Throttle`]).
    Doubling(Throttle),
    /// After `allowed` posts, locked until the window ends.
    Window { allowed: i64 },
}

/// Whether an attempt may check its secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// Locked for this many more milliseconds.
    Locked(i64),
}

/// A name's failures are forgotten when it was quiet this long.
const QUIET_MS: i64 = 60 * 60_000;

/// An address's and everyone's allowance is per window of this length: a
/// busy service always has a failure somewhere, so these never fall quiet.
const WINDOW_MS: i64 = 10 * 60_000;

/// Rows older than this, and not locked, are removed when a window opens.
const KEEP_MS: i64 = 24 * 60 * 60_000;

/// The part of an address that one client holds: an IPv4 address, or the
/// /64 network of an IPv6 address (one household or phone gets a whole /64
/// and may use any address in it).
fn client_net(ip: &IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

impl ThrottleKey {
    fn row_key(&self, now: i64) -> String {
        let window = now.div_euclid(WINDOW_MS);
        match self {
            ThrottleKey::Name(name) => name.trim().to_lowercase(),
            ThrottleKey::Address(ip) => format!("address:{}:{window}", client_net(ip)),
            ThrottleKey::Everyone => format!("everyone:{window}"),
            ThrottleKey::Posts(kind, ip) => {
                format!("post:{}:{}:{window}", kind.code(), client_net(ip))
            }
        }
    }

    /// An address has ten times a name's allowance (colleagues behind one
    /// gateway), everyone two hundred times, locked for a minute at most;
    /// posts have their kind's allowance per window.
    fn limits(&self, t: Throttle) -> Limit {
        match self {
            ThrottleKey::Name(_) => Limit::Doubling(t),
            ThrottleKey::Address(_) => Limit::Doubling(Throttle {
                free: t.free.saturating_mul(10),
                ..t
            }),
            ThrottleKey::Everyone => Limit::Doubling(Throttle {
                free: t.free.saturating_mul(200),
                max_lock_ms: t.max_lock_ms.min(60_000),
                ..t
            }),
            ThrottleKey::Posts(kind, _) => Limit::Window {
                allowed: kind.allowance(),
            },
        }
    }
}

impl Store {
    /// Counts an attempt against every key, unless one of them is locked
    /// (then nothing is counted and the answer says how long to wait).
    pub async fn admit_attempt(
        &self,
        keys: &[ThrottleKey],
        throttle: Throttle,
    ) -> DbResult<Admission> {
        let keys = keys.to_vec();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let now = now_ms();
                    let mut wait = 0;
                    for key in &keys {
                        wait = wait.max(locked_until(tx, &key.row_key(now)).await? - now);
                    }
                    if wait > 0 {
                        return Ok(Admission::Locked(wait));
                    }
                    for key in &keys {
                        charge(tx, &key.row_key(now), key.limits(throttle), now).await?;
                    }
                    if !keys.is_empty() && opens_window(tx, now).await? {
                        forget_old(tx, now).await?;
                    }
                    Ok(Admission::Admitted)
                })
            })
            .await
    }

    /// Gives an attempt that succeeded back: a name starts afresh, the
    /// other keys lose this one attempt.
    pub async fn attempt_succeeded(&self, keys: &[ThrottleKey]) -> DbResult<()> {
        let keys = keys.to_vec();
        self.writer
            .run(move |tx| {
                Box::pin(async move {
                    let now = now_ms();
                    for key in &keys {
                        let sql = match key {
                            ThrottleKey::Name(_) => "DELETE FROM login_throttle WHERE key = $1",
                            _ => {
                                "UPDATE login_throttle SET failures = failures - 1 \
                                 WHERE key = $1 AND failures > 0"
                            }
                        };
                        sqlx::query(sql)
                            .bind(key.row_key(now))
                            .execute(&mut tx.conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .await
    }
}

async fn locked_until(tx: &mut Tx, key: &str) -> DbResult<i64> {
    let row = sqlx::query("SELECT locked_until FROM login_throttle WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut tx.conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get("locked_until")?,
        None => 0,
    })
}

/// Counts one attempt; past the free ones, locks the key at once, so the
/// attempts behind this one wait even while its secret is being checked.
/// A post that uses up its window's allowance locks the key until the
/// window ends.
async fn charge(tx: &mut Tx, key: &str, limit: Limit, now: i64) -> DbResult<()> {
    let row = sqlx::query(
        "INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES ($1, 1, $2, 0) \
         ON CONFLICT (key) DO UPDATE SET \
         failures = CASE WHEN login_throttle.last_failure_at < $3 THEN 1 \
                    ELSE login_throttle.failures + 1 END, \
         last_failure_at = $2 \
         RETURNING failures",
    )
    .bind(key)
    .bind(now)
    .bind(now - QUIET_MS)
    .fetch_one(&mut tx.conn)
    .await?;
    let failures: i64 = row.try_get("failures")?;
    let until = match limit {
        Limit::Doubling(limits) if failures > limits.free => {
            let doublings = u32::try_from((failures - limits.free - 1).clamp(0, 20)).unwrap_or(20);
            let lock = limits
                .base_lock_ms
                .saturating_mul(1 << doublings)
                .min(limits.max_lock_ms);
            now + lock
        }
        Limit::Window { allowed } if failures >= allowed => {
            (now.div_euclid(WINDOW_MS) + 1) * WINDOW_MS
        }
        _ => return Ok(()),
    };
    sqlx::query("UPDATE login_throttle SET locked_until = $2 WHERE key = $1")
        .bind(key)
        .bind(until)
        .execute(&mut tx.conn)
        .await?;
    Ok(())
}

/// Whether this is the first attempt of any kind in its window: marks the
/// window as opened (the mark goes with the other old rows a day later).
async fn opens_window(tx: &mut Tx, now: i64) -> DbResult<bool> {
    let window = now.div_euclid(WINDOW_MS);
    let done = sqlx::query(
        "INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) \
         VALUES ($1, 0, $2, 0) ON CONFLICT (key) DO NOTHING",
    )
    .bind(format!("window:{window}"))
    .bind(now)
    .execute(&mut tx.conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the rows of past windows and of names long quiet, once a window.
async fn forget_old(tx: &mut Tx, now: i64) -> DbResult<()> {
    sqlx::query("DELETE FROM login_throttle WHERE last_failure_at < $1 AND locked_until < $2")
        .bind(now - KEEP_MS)
        .bind(now)
        .execute(&mut tx.conn)
        .await?;
    Ok(())
}
