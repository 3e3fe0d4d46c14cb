//! Time and ids as the store makes them.

use std::time::{SystemTime, UNIX_EPOCH};

use ettlag_core::Day;

/// Milliseconds since the Unix epoch, UTC.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

/// Today's date in UTC as a [`Day`].
pub(crate) fn today_day() -> Day {
    Day::parse(&today()).unwrap_or(Day::from_ms(now_ms()))
}

/// A new time-ordered id. Time order keeps inserts at the end of the indexes.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A random 256-bit token as hex, for sessions, CSRF and API tokens.
pub fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The stored form of a token: only its SHA-256, so a copy of the database does
/// not hand out sessions.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}
